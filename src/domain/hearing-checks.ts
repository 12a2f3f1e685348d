/**
 * The rules of the hearing forms 様式1–3 that need the round and the department (units, 職種, reform items, 現員),
 * checked together with the form's schema so that every problem is reported at once: a wrong number in one row
 * never hides a missing reason in another. Used by the web form, the API and the workbook upload alike. Pure.
 */
import { fiscalYearOf, formatFiscalYear, formatWarekiDate, isValidIsoDate } from "./era.js";
import { type FormNumber, heldYearOf } from "./hearing.js";
import { type FormContent, type FormProblem, formSchema, noUnitsExplanation, ORG_CHANGE_KINDS, ORG_CHANGE_LABELS, type OrgChangeKind, PLAN_YEARS, unreadableTextProblems } from "./hearing-forms.js";
import { existsIn, reorgShapeProblem } from "./organisation.js";

/** What only the round and the department know. */
export interface FormCheckContext {
  /** The fiscal year the round prepares (令和9年度 → 2027). */
  targetYear: number;
  /** 部局名, for messages. */
  departmentName: string;
  /** The department and every unit below it (the units its forms may name). */
  unitIds: readonly number[];
  /** Names of units (any department), for messages. */
  unitNames: ReadonlyMap<number, string>;
  /**
   * The parent of every unit (any department; null at the top), as the organisation stands: a 所管替え may not put a
   * unit under itself or under a unit below it (a cycle). Without it only the unit itself is refused.
   */
  parentOf?: ReadonlyMap<number, number | null>;
  /**
   * The fiscal years each unit exists (組織の存続期間, null: open), any department: a change applies only to units that
   * exist across its effective year (as 組織改正 requires), and a unit goes only under a parent that exists then.
   */
  validity?: ReadonlyMap<number, { validFrom: number | null; validTo: number | null }>;
  /** The round's 職種 list (様式3). */
  jobCategories: readonly string[];
  /**
   * 職種 of the lines as last stored (line id → 職種; see storedCategories): a line keeps its category when the
   * secretariat later drops it from the list, so a form written before the change can still be saved and submitted.
   */
  storedCategories?: ReadonlyMap<string, string>;
  /** Lineage keys of the reform items an ICT line may belong to. */
  reformKeys: readonly string[];
  /**
   * 現員 (人) of each unit of the department on the last April 1 (null: none counted), and its name. `derived`: its
   * 職員数 is the sum of its sub-units' (定数管理's roll-up); `heldBy`: the unit has no figure and the named unit above it
   * counts its staff. A 様式3 line on such a unit would plan a figure the roll-up ignores (domain/staffing.ts).
   */
  current: ReadonlyMap<number, { name: string; current: number | null; derived?: boolean; heldBy?: string | null }>;
}

/**
 * The dates a 様式2 change may take effect: from April 1 of the year the hearing is held (a change during that year)
 * to March 31 at the end of the last year 様式3 plans (target year + 2). Anything else is a slip (2020 for 2027).
 */
export function effectiveDateRange(targetYear: number): { from: string; to: string } {
  return { from: `${targetYear - 1}-04-01`, to: `${targetYear + PLAN_YEARS}-03-31` };
}

type Row = Record<string, unknown>;

/**
 * Whether putting `unitId` under `newParentId` would make a cycle in the tree `parentOf` (unit → parent): the new
 * parent is the unit itself or lies below it. A chain that already loops (bad data) counts as a cycle too.
 */
export function wouldMakeCycle(parentOf: ReadonlyMap<number, number | null>, unitId: number, newParentId: number): boolean {
  const seen = new Set<number>();
  for (let at: number | null | undefined = newParentId; at !== null && at !== undefined; at = parentOf.get(at)) {
    if (at === unitId || seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

/** 職種 per line id of a stored 様式3 content (anything else: none), for FormCheckContext.storedCategories. */
export function storedCategories(content: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of rowsOf(content, "lines")) if (typeof line["id"] === "string" && typeof line["category"] === "string") out.set(line["id"], line["category"]);
  return out;
}

function rowsOf(content: unknown, section: string): Row[] {
  const list = content !== null && typeof content === "object" ? (content as Row)[section] : undefined;
  return Array.isArray(list) ? list.map((r) => (r !== null && typeof r === "object" ? (r as Row) : {})) : [];
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 100_000;
const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter(isId) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").map((x) => x.trim()) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * Every problem of a form's content — the schema's (types, lengths, choices) and the round's rules — each with its
 * path (section, row, field) and a Japanese message naming the field. `value` is the parsed content when there is none.
 */
export function formContentProblems<F extends FormNumber>(form: F, content: unknown, ctx: FormCheckContext): { value: FormContent[F] | null; problems: FormProblem[] } {
  const parsed = formSchema(form, ctx.targetYear).safeParse(content);
  const problems: FormProblem[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  problems.push(...unreadableTextProblems(content));
  const at = (path: PropertyKey[], message: string) => problems.push({ path, message });
  const name = (id: number) => ctx.unitNames.get(id) ?? ctx.current.get(id)?.name ?? `#${id}`;
  const inDepartment = (id: number) => ctx.unitIds.includes(id);
  const unitOk = (id: unknown, path: PropertyKey[], label: string) => {
    if (isId(id) && !inDepartment(id)) at(path, `${label}「${name(id)}」は${ctx.departmentName}の組織ではありません`);
  };
  const seenIds = new Map<string, string>();
  const uniqueId = (row: Row, path: PropertyKey[], where: string) => {
    const id = str(row["id"]);
    if (id === "") return;
    const first = seenIds.get(id);
    if (first) at(path, `行ID「${id}」が${first}と重複しています`);
    else seenIds.set(id, where);
  };

  // An empty unit list is explained once, instead of a 「選んでください」 the user cannot follow.
  if (ctx.unitIds.length === 0 && (rowsOf(content, "lines").length > 0 || rowsOf(content, "units").length > 0 || rowsOf(content, "workloads").some((w) => w["unitId"] !== null))) {
    problems.unshift({ path: [], message: `組織: ${noUnitsExplanation(ctx.departmentName, heldYearOf(ctx.targetYear))}` });
  }
  if (form === 1) {
    rowsOf(content, "workloads").forEach((w, i) => {
      uniqueId(w, ["workloads", i, "id"], `業務量の変化 ${i + 1}行目`);
      unitOk(w["unitId"], ["workloads", i, "unitId"], "担当組織");
    });
    const seenUnits = new Map<number, number>();
    rowsOf(content, "units").forEach((u, i) => {
      unitOk(u["unitId"], ["units", i, "unitId"], "組織");
      const id = u["unitId"];
      if (!isId(id)) return;
      const first = seenUnits.get(id);
      if (first !== undefined) at(["units", i, "unitId"], `組織「${name(id)}」は${first + 1}行目にもあります`);
      else seenUnits.set(id, i);
    });
    rowsOf(content, "ict").forEach((x, i) => {
      uniqueId(x, ["ict", i, "id"], `ICT活用 ${i + 1}行目`);
      const key = x["reformKey"];
      if (typeof key === "string" && !ctx.reformKeys.includes(key)) at(["ict", i, "reformKey"], `関連する重点推進項目「${key}」は業務改革にありません`);
    });
    rowsOf(content, "outsourcing").forEach((x, i) => uniqueId(x, ["outsourcing", i, "id"], `民間委託等 ${i + 1}行目`));
    rowsOf(content, "requests").forEach((r, i) => uniqueId(r, ["requests", i, "id"], `要望 ${i + 1}行目`));
  } else if (form === 2) {
    orgChangeProblems(rowsOf(content, "changes"), ctx, at, name, uniqueId);
  } else {
    staffLineProblems(rowsOf(content, "lines"), ctx, at, unitOk, uniqueId);
  }
  return { value: parsed.success && problems.length === 0 ? (parsed.data as FormContent[F]) : null, problems };
}

type At = (path: PropertyKey[], message: string) => void;

/** 様式2: shape of each change, its date in range, units of the department, and no unit or new name in two changes. */
function orgChangeProblems(changes: Row[], ctx: FormCheckContext, at: At, name: (id: number) => string, uniqueId: (row: Row, path: PropertyKey[], where: string) => void) {
  const range = effectiveDateRange(ctx.targetYear);
  const kindOf = (c: Row): OrgChangeKind | null => ((ORG_CHANGE_KINDS as readonly string[]).includes(str(c["kind"])) ? (str(c["kind"]) as OrgChangeKind) : null);
  const unitRow = new Map<number, number>();
  const nameRow = new Map<string, number>();
  // Names some change frees (廃止・統合・分割・名称変更: a new unit may reuse them), and units that end (廃止, or 統合・分割
  // without keeping their name): nothing new may go under those.
  const freed = new Map<number, number>();
  const ending = new Map<number, number>();
  changes.forEach((c, i) => {
    const kind = kindOf(c);
    if (!kind || kind === "create" || kind === "transfer") return;
    const names = strings(c["newNames"]);
    for (const id of ids(c["unitIds"])) {
      if (!freed.has(id)) freed.set(id, i);
      if (kind !== "rename" && !names.includes(name(id)) && !ending.has(id)) ending.set(id, i);
    }
  });
  const existingNames = new Map<string, number>();
  for (const id of ctx.unitIds) existingNames.set(name(id), id);
  // The tree as the 所管替え rows leave it, row by row (applied in this order): a later row may not close a loop with an earlier one.
  const parents = new Map(ctx.parentOf ?? []);
  const movedBy = new Map<number, number>();

  changes.forEach((c, i) => {
    const row = (field: string): PropertyKey[] => ["changes", i, field];
    uniqueId(c, row("id"), `組織改正 ${i + 1}行目`);
    const kind = kindOf(c);
    const unitIds = ids(c["unitIds"]);
    const newNames = strings(c["newNames"]).filter((n) => n !== "");
    const parent = c["newParentId"];
    if (kind === "transfer") {
      if (unitIds.length !== 1) at(row("unitIds"), "対象組織: 所管替えは対象組織を1つ指定します");
      if (!isId(parent)) at(row("newParentId"), "所管先: 所管替えは所管先を指定します");
      if (newNames.length > 0) at(row("newNames"), "新しい組織の名称: 所管替えでは指定しません(名称も変えるときは名称変更の行を加えてください)");
    } else if (kind) {
      const shape = reorgShapeProblem(kind, unitIds.length, newNames.length);
      if (shape) at(row("kind"), `改正の種類: ${shape}`);
    }
    // 施行日 within the round's range.
    const date = str(c["effectiveDate"]).trim();
    if (isValidIsoDate(date) && (date < range.from || date > range.to)) {
      at(
        row("effectiveDate"),
        `施行日「${date}」は範囲外です。${formatFiscalYear(ctx.targetYear)}に向けた組織改正の施行日は、${formatWarekiDate(range.from)}(${range.from})から${formatWarekiDate(range.to)}(${range.to})までの日付にしてください`,
      );
    }
    // Units that do not exist across the effective year cannot be changed then (組織改正 refuses them when applied).
    if (ctx.validity && kind !== null && isValidIsoDate(date)) {
      const fy = fiscalYearOf(date);
      const span = (id: number) => ctx.validity?.get(id);
      if (kind !== "create") {
        for (const id of new Set(unitIds)) {
          const s = span(id);
          if (!s || !ctx.unitIds.includes(id)) continue;
          const needed = kind === "transfer" ? existsIn(s, fy) : existsIn(s, fy - 1) && existsIn(s, fy);
          if (!needed) {
            const years = kind === "transfer" ? formatFiscalYear(fy) : `${formatFiscalYear(fy - 1)}から${formatFiscalYear(fy)}にかけて`;
            at(row("unitIds"), `対象組織「${name(id)}」は${years}存在しないため、施行日「${date}」の${ORG_CHANGE_LABELS[kind]}の対象にできません(組織の存続期間と施行日を確かめてください)`);
          }
        }
      }
      const p = isId(parent) ? span(parent) : undefined;
      if ((kind === "create" || kind === "transfer") && isId(parent) && p && !existsIn(p, fy)) {
        at(row("newParentId"), `所管先「${name(parent)}」は施行日「${date}」の${formatFiscalYear(fy)}には存在しません(組織の存続期間を確かめてください)`);
      }
    }
    // The same unit twice in one change, or in two changes.
    const seen = new Set<number>();
    for (const id of unitIds) {
      if (!ctx.unitIds.includes(id)) {
        at(row("unitIds"), `対象組織「${name(id)}」は${ctx.departmentName}の組織ではありません`);
        continue;
      }
      if (seen.has(id)) {
        at(row("unitIds"), `対象組織「${name(id)}」が2回指定されています`);
        continue;
      }
      seen.add(id);
      const first = unitRow.get(id);
      if (first !== undefined) at(row("unitIds"), `対象組織「${name(id)}」は${first + 1}行目の組織改正でも対象になっています。1つの組織の改正は1行にまとめてください`);
      else unitRow.set(id, i);
    }
    // New names: not twice in one change, not in two changes, not the name of a unit that stays.
    const seenNames = new Set<string>();
    for (const n of newNames) {
      if (seenNames.has(n)) {
        at(row("newNames"), `新しい組織の名称「${n}」が2回書かれています`);
        continue;
      }
      seenNames.add(n);
      const first = nameRow.get(n);
      if (first !== undefined) at(row("newNames"), `新しい組織の名称「${n}」は${first + 1}行目の組織改正でも使われています`);
      else nameRow.set(n, i);
      const existing = existingNames.get(n);
      if (existing !== undefined && !unitIds.includes(existing) && !freed.has(existing)) at(row("newNames"), `新しい組織の名称「${n}」は既にある組織の名称です`);
    }
    // 所管先: only for 新設 and 所管替え; a new unit goes under a unit of this department that stays.
    if (isId(parent)) {
      if (kind !== null && kind !== "create" && kind !== "transfer") at(row("newParentId"), `所管先: ${ORG_CHANGE_LABELS[kind]}では指定しません(新設・所管替えのときだけ指定します)`);
      else if (kind === "create" && !ctx.unitIds.includes(parent)) {
        at(row("newParentId"), `所管先「${name(parent)}」は${ctx.departmentName}の組織ではありません。新設する組織は${ctx.departmentName}の組織の下に置きます(他の部局に置く組織は、その部局の様式2で要望します)`);
      } else if (kind === "transfer" && unitIds.includes(parent)) at(row("newParentId"), "所管先: 対象組織そのものは所管先にできません");
      else if (kind === "transfer" && unitIds.length === 1 && unitIds[0] !== undefined) {
        const unit = unitIds[0];
        if (ctx.parentOf && wouldMakeCycle(ctx.parentOf, unit, parent)) {
          at(row("newParentId"), `所管先「${name(parent)}」は対象組織「${name(unit)}」の下にある組織です。組織を自分の下の組織の下へ移すことはできません(組織の親子関係が循環します)`);
        } else if (wouldMakeCycle(parents, unit, parent)) {
          // The earlier rows whose move lies on the path from the new parent up to the unit.
          const earlier: number[] = [];
          for (let at: number | null | undefined = parent, n = 0; at !== null && at !== undefined && at !== unit && n < parents.size + 1; at = parents.get(at), n++) {
            const r = movedBy.get(at);
            if (r !== undefined) earlier.push(r + 1);
          }
          at(
            row("newParentId"),
            `所管先「${name(parent)}」は、${[...new Set(earlier)].sort((a, b) => a - b).join("・")}行目の所管替えの後には対象組織「${name(unit)}」の下にある組織になります。組織の親子関係が循環するため、この所管替えはできません`,
          );
        } else {
          parents.set(unit, parent);
          movedBy.set(unit, i);
        }
      }
      const away = ending.get(parent);
      if ((kind === "create" || kind === "transfer") && away !== undefined && away !== i) at(row("newParentId"), `所管先「${name(parent)}」は${away + 1}行目の組織改正でなくなります`);
    }
  });
}

/** 様式3: 職種 in the list, units of the department, reasons for 増・減, no year below 0, and the 正規 現員 of a unit within 定数管理's count. */
function staffLineProblems(
  lines: Row[],
  ctx: FormCheckContext,
  at: At,
  unitOk: (id: unknown, path: PropertyKey[], label: string) => void,
  uniqueId: (row: Row, path: PropertyKey[], where: string) => void,
) {
  const yearsOf = (l: Row): Row[] => (Array.isArray(l["years"]) ? (l["years"] as unknown[]).map((y) => (y !== null && typeof y === "object" ? (y as Row) : {})) : []);
  lines.forEach((l, i) => {
    const row = (...field: PropertyKey[]): PropertyKey[] => ["lines", i, ...field];
    uniqueId(l, row("id"), `人員計画 ${i + 1}行目`);
    unitOk(l["unitId"], row("unitId"), "組織");
    const category = l["category"];
    const kept = typeof l["id"] === "string" && ctx.storedCategories?.get(l["id"]) === category;
    if (typeof category === "string" && category.trim() !== "" && !ctx.jobCategories.includes(category) && !kept) at(row("category"), `職種「${category}」は一覧にありません (${ctx.jobCategories.join("・")})`);
    const years = yearsOf(l);
    if (years.some((y) => isCount(y["increase"]) && y["increase"] > 0) && str(l["increaseReason"]).trim() === "") at(row("increaseReason"), "増の理由を入力してください");
    if (years.some((y) => isCount(y["decrease"]) && y["decrease"] > 0) && str(l["decreaseReason"]).trim() === "") at(row("decreaseReason"), "減の理由を入力してください");
    const driver = str(l["driver"]);
    if (driver !== "" && driver !== "none" && years.length > 0 && years.every((y) => y["increase"] === 0 && y["decrease"] === 0)) at(row("driver"), "増減のない行に増減の要因は指定できません");
    let n = isCount(l["current"]) ? l["current"] : null;
    for (let k = 0; k < years.length && n !== null; k++) {
      const y = years[k] ?? {};
      if (!isCount(y["increase"]) || !isCount(y["decrease"])) break;
      n += y["increase"] - y["decrease"];
      if (n < 0) {
        at(row("years", k, "decrease"), `減が現員を超えています(${formatFiscalYear(ctx.targetYear + k)}の要求人員が${n}人)`);
        break;
      }
    }
  });
  // The 正規 lines of a unit split its 現員 (by 職種): together they cannot exceed what 定数管理 counted, and no
  // planned year may leave the unit below 0 — otherwise the overview, the A4 sheet and the plan would disagree.
  const unitIds = new Set(lines.map((l) => l["unitId"]).filter(isId));
  for (const unitId of unitIds) {
    const unit = ctx.current.get(unitId);
    if (!unit) continue;
    const mine = lines.map((l, i) => ({ l, i })).filter(({ l }) => l["unitId"] === unitId);
    const firstRow = mine[0]?.i ?? 0;
    // A plan the roll-up would not count: approved people would be shown in the overview but lost in 配置計画's quota check.
    if (unit.derived) {
      at(["lines", firstRow, "unitId"], `${unit.name}の職員数は定数管理では下位組織の合計です。人員計画は下位組織ごとの行で要求してください`);
      continue;
    }
    if (unit.heldBy) {
      at(["lines", firstRow, "unitId"], `${unit.name}の職員数は定数管理では「${unit.heldBy}」にまとめて数えています。「${unit.heldBy}」の行で要求するか、先に定数管理で${unit.name}の職員数を入力してください`);
      continue;
    }
    const counted = unit.current ?? 0;
    // 再任用 and 任期付 lines are planned apart and may be counted outside 職員数 (短時間 再任用): the check is on 正規.
    const regular = mine.filter(({ l }) => (l["employment"] ?? "regular") === "regular");
    if (regular.every(({ l }) => isCount(l["current"]))) {
      const typed = regular.reduce((sum, { l }) => sum + (l["current"] as number), 0);
      if (typed > counted) at(["lines", regular[0]?.i ?? firstRow, "current"], `${unit.name}の正規の現員の合計(${typed}人)が定数管理の職員数(${counted}人)を超えています`);
    }
    let planned = counted;
    for (let k = 0; k < PLAN_YEARS; k++) {
      const deltas = mine.map(({ l }) => yearsOf(l)[k] ?? {});
      if (!deltas.every((y) => isCount(y["increase"]) && isCount(y["decrease"]))) break;
      planned += deltas.reduce((sum, y) => sum + (y["increase"] as number) - (y["decrease"] as number), 0);
      if (planned < 0) {
        at(["lines", firstRow, "years", k, "decrease"], `${unit.name}の${formatFiscalYear(ctx.targetYear + k)}の人員が${planned}人になります(減が定数管理の職員数 ${counted}人を超えています)`);
        break;
      }
    }
  }
}
