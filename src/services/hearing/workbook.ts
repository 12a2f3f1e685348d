/**
 * Excel round trip of one department's forms: download prefilled (units, 現員, lists), upload filled. An upload
 * is checked whole — identity (round, department, versions), every cell, then the forms' own rules — and saved
 * in one transaction, or nothing is written and every problem names sheet, cell and reason.
 */
import { formatFiscalYear, isValidIsoDate } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { readCalendarDate } from "../../domain/year-header.js";
import { FORM_LABELS, type FormNumber, ILLUSTRATIVE_LABEL, isIllustrativeRound, nextFormStatus } from "../../domain/hearing.js";
import {
  DRIVER_LABELS,
  DRIVERS,
  EMPLOYMENT_LABELS,
  EMPLOYMENTS,
  type Form1,
  type Form2,
  type Form3,
  ICT_KINDS,
  ORG_CHANGE_KINDS,
  ORG_CHANGE_LABELS,
  orgChangeKindFromLabel,
  OUTSOURCING_KINDS,
  PLAN_YEARS,
  problemLine,
} from "../../domain/hearing-forms.js";
import { formContentProblems, storedCategories } from "../../domain/hearing-checks.js";
import type { Actor } from "../../domain/roles.js";
import { buildHearingWorkbook, type CellValue, readHearingWorkbook, type ReadLine, type SheetCellProblem, type SheetSpec } from "../../io/hearing-workbook.js";
import { checkContext, departmentForms, saveForm, type DepartmentFormsDb, type SaveFormDb } from "./forms.js";

const t = (key: string, header: string, width = 16) => ({ key, header, type: "text" as const, width });
const n = (key: string, header: string) => ({ key, header, type: "int" as const, width: 10 });
const l = (key: string, header: string, list: string, width = 14) => ({ key, header, type: "list" as const, list, width });

/** The sheets and their sections; 様式3's year columns name the planned years. */
export function hearingSheets(targetYear: number): SheetSpec[] {
  const yearCols = Array.from({ length: PLAN_YEARS }, (_, k) => [n(`y${k}inc`, `増 ${formatFiscalYear(targetYear + k)}`), n(`y${k}dec`, `減 ${formatFiscalYear(targetYear + k)}`)]).flat();
  return [
    {
      name: "様式1",
      sections: [
        { key: "issues", title: "現状と課題", columns: [t("text", "内容", 80)], blankRows: 0 },
        { key: "priorities", title: "重点的な取組", columns: [t("text", "内容", 80)], blankRows: 0 },
        { key: "workloads", title: "業務量の変化", columns: [t("id", "行ID", 8), t("work", "業務名", 24), l("unit", "担当組織", "組織"), n("previousCount", "前年度件数"), n("currentCount", "今年度件数(見込)"), t("note", "備考", 24)], blankRows: 10 },
        { key: "ict", title: "ICT活用", columns: [t("id", "行ID", 8), l("kind", "種類", "ICT"), t("description", "内容", 40), l("reformKey", "関連する重点推進項目", "重点推進項目", 30), n("startYear", "実施年度(西暦)")], blankRows: 10 },
        { key: "outsourcing", title: "民間委託・指定管理・PFI", columns: [t("id", "行ID", 8), l("kind", "種類", "委託"), t("work", "対象業務", 24), t("description", "内容", 40), n("startYear", "実施年度(西暦)")], blankRows: 10 },
        { key: "units", title: "時間外勤務・欠員", columns: [l("unit", "組織", "組織"), n("overtimeHours", "時間外勤務時間(年間)"), n("vacancies", "欠員数")], blankRows: 0 },
        { key: "requests", title: "要望", columns: [t("id", "行ID", 8), t("text", "要望内容", 80)], blankRows: 10 },
      ],
    },
    {
      name: "様式2",
      sections: [
        {
          key: "changes",
          title: "組織改正",
          columns: [t("id", "行ID", 8), l("kind", "種類", "改正"), t("effectiveDate", `施行日(${targetYear}-04-01)`, 14), t("units", "対象組織(「、」区切り)", 24), t("newNames", "新しい組織の名称(「、」区切り)", 24), l("parent", "所管先", "所管先"), t("reason", "理由", 40)],
          blankRows: 10,
        },
      ],
    },
    {
      name: "様式3",
      sections: [
        {
          key: "lines",
          title: "人員計画",
          columns: [t("id", "行ID", 8), l("unit", "組織", "組織", 20), l("category", "職種", "職種"), l("employment", "任用区分", "任用", 10), n("current", "現員"), ...yearCols, t("increaseReason", "増の理由", 30), t("decreaseReason", "減の理由", 30), l("driver", "要因", "要因", 12)],
          blankRows: 15,
        },
      ],
    },
  ];
}

/** The department's forms as a prefilled workbook. */
export async function exportDepartmentWorkbook(tenant: DepartmentFormsDb, actor: Actor, roundId: number, unitId: number): Promise<{ filename: string; bytes: Uint8Array }> {
  const dept = await departmentForms(tenant, actor, roundId, unitId);
  const allUnits = await tenant.units.list();
  const unitName = (id: number | null) => (id === null ? null : (dept.units.find((u) => u.id === id)?.name ?? allUnits.find((u) => u.id === id)?.name ?? null));
  const content = (f: FormNumber) => dept.forms.find((x) => x.form === f)?.content;
  const f1 = content(1) as Form1;
  const f2 = content(2) as Form2;
  const f3 = content(3) as Form3;
  const rows: Record<string, Record<string, Record<string, CellValue>[]>> = {
    様式1: {
      issues: [{ text: f1.issues }],
      priorities: [{ text: f1.priorities }],
      workloads: f1.workloads.map((w) => ({ id: w.id, work: w.work, unit: unitName(w.unitId), previousCount: w.previousCount, currentCount: w.currentCount, note: w.note })),
      ict: f1.ict.map((x) => ({ id: x.id, kind: x.kind, description: x.description, reformKey: x.reformKey === null ? null : (dept.reformLinks.find((l) => l.key === x.reformKey)?.label ?? x.reformKey), startYear: x.startYear })),
      outsourcing: f1.outsourcing.map((x) => ({ id: x.id, kind: x.kind, work: x.work, description: x.description, startYear: x.startYear })),
      units: dept.units.map((u) => {
        const row = f1.units.find((x) => x.unitId === u.id);
        return { unit: u.name, overtimeHours: row?.overtimeHours ?? null, vacancies: row?.vacancies ?? null };
      }),
      requests: f1.requests.map((x) => ({ id: x.id, text: x.text })),
    },
    様式2: {
      changes: f2.changes.map((c) => ({
        id: c.id,
        kind: ORG_CHANGE_LABELS[c.kind],
        effectiveDate: c.effectiveDate,
        units: c.unitIds.map((id) => unitName(id) ?? "").join("、"),
        newNames: c.newNames.join("、"),
        parent: unitName(c.newParentId),
        reason: c.reason,
      })),
    },
    様式3: {
      lines: f3.lines.map((x) => ({
        id: x.id,
        unit: unitName(x.unitId),
        category: x.category,
        employment: EMPLOYMENT_LABELS[x.employment],
        current: x.current,
        ...Object.fromEntries(x.years.flatMap((y, k) => [[`y${k}inc`, y.increase], [`y${k}dec`, y.decrease]])),
        increaseReason: x.increaseReason,
        decreaseReason: x.decreaseReason,
        driver: DRIVER_LABELS[x.driver],
      })),
    },
  };
  const bytes = await buildHearingWorkbook({
    titleRows: [`${dept.roundTitle} ${dept.departmentName}`, ...(isIllustrativeRound(dept.roundTitle) ? [ILLUSTRATIVE_LABEL] : [])],
    identity: { roundId: dept.roundId, unitId: dept.departmentId, targetYear: dept.targetYear, versions: dept.forms.map((f) => f.version) },
    sheets: hearingSheets(dept.targetYear),
    rows,
    lists: {
      組織: dept.units.map((u) => u.name),
      職種: dept.jobCategories,
      任用: EMPLOYMENTS.map((e) => EMPLOYMENT_LABELS[e]),
      要因: DRIVERS.map((d) => DRIVER_LABELS[d]),
      ICT: [...ICT_KINDS],
      委託: [...OUTSOURCING_KINDS],
      改正: ORG_CHANGE_KINDS.map((k) => ORG_CHANGE_LABELS[k]),
      所管先: allUnits.map((u) => u.name),
      重点推進項目: dept.reformLinks.map((l) => l.label),
    },
  });
  return { filename: `hearing-${dept.targetYear}-${dept.departmentId}.xlsx`, bytes };
}

/** The upload was refused: every problem with sheet, cell and reason. Nothing was written. */
export class WorkbookRejected extends GyokakuError {
  constructor(readonly problems: SheetCellProblem[]) {
    super("invalid_input", `ブックに${problems.length}件の問題があります。修正してから、もう一度アップロードしてください`, { problems });
  }
}

interface Reader {
  problems: SheetCellProblem[];
  int(sheet: string, line: ReadLine, key: string, label: string, nullable: boolean): number | string | null;
  choose<T>(sheet: string, line: ReadLine, key: string, label: string, pick: (v: string) => T | undefined, blank?: T): T | undefined;
  date(sheet: string, line: ReadLine, key: string, label: string): string;
}

function reader(): Reader {
  const problems: SheetCellProblem[] = [];
  const at = (sheet: string, line: ReadLine, key: string, message: string) => problems.push({ sheet, cell: line.cellOf(key), row: line.sheetRow, message });
  return {
    problems,
    // The text as typed goes on to the form's rules (domain countInputProblem), which name the bound; blank is 0 or null.
    int(sheet, line, key, label, nullable) {
      void sheet;
      void label;
      const v = line.values[key] ?? "";
      if (v === "") return nullable ? null : 0;
      const plain = v.normalize("NFKC").replace(/,/g, "").trim();
      return /^\d{1,9}$/.test(plain) ? Number(plain) : v;
    },
    choose(sheet, line, key, label, pick, blank) {
      const v = line.values[key] ?? "";
      if (v === "" && blank !== undefined) return blank;
      const found = pick(v);
      // A blank cell is not chosen (as the web form says it), not 「組織「」は一覧にありません」.
      if (found === undefined) at(sheet, line, key, v === "" ? `${label}を一覧から選んでください` : `${label}「${v}」は一覧にありません`);
      return found;
    },
    // A date cell reads as 2027-04-01; typed text may be 和暦 or 西暦 (「令和9年4月1日」「R9.4.1」「２０２７/４/１」),
    // read by the one calendar-date reader of the importers (domain/year-header.ts readCalendarDate).
    date(sheet, line, key, label) {
      const v = (line.values[key] ?? "").trim();
      if (v === "" || isValidIsoDate(v)) return v;
      try {
        const iso = readCalendarDate(v);
        if (iso !== null) return iso;
        at(sheet, line, key, `${label}「${v}」を日付として読めません。「2027-04-01」「令和9年4月1日」「R9.4.1」のように書いてください`);
      } catch (error) {
        if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
        at(sheet, line, key, `${label}: ${error.message}`);
      }
      return v;
    },
  };
}

const split = (v: string) =>
  v
    .split(/[、,\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Where a zod issue path of a form points in its sheet: section, line index, column key. */
function columnOf(path: readonly PropertyKey[]): { section: string; index: number; key: string } | null {
  const [section, index, field, sub, subField] = path;
  if (typeof section !== "string") return null;
  if (typeof index !== "number") return { section, index: 0, key: section === "issues" || section === "priorities" ? "text" : "id" };
  const f = String(field ?? "id");
  if (f === "years" && typeof sub === "number") return { section, index, key: `y${sub}${subField === "decrease" ? "dec" : "inc"}` };
  const map: Record<string, string> = { unitId: "unit", unitIds: "units", newParentId: "parent" };
  return { section, index, key: map[f] ?? f };
}

/**
 * Checks and saves an uploaded workbook of one department. Refuses another round's or department's workbook and
 * one made from an older version of any form, saying which; otherwise every form whose content changed is saved,
 * all in one transaction.
 */
export async function importDepartmentWorkbook(tenant: SaveFormDb, actor: Actor, props: { roundId: number; unitId: number; bytes: Uint8Array }): Promise<{ saved: FormNumber[] }> {
  const dept = await departmentForms(tenant, actor, props.roundId, props.unitId);
  const sheets = hearingSheets(dept.targetYear);
  const read = await readHearingWorkbook(props.bytes, sheets);
  const id = read.identity;
  if (!id["round"] || !id["unit"]) throw new GyokakuError("invalid_input", "ヒアリング様式のブックではありません(識別シートがありません)。この画面からダウンロードしたブックを使ってください");
  const integer = (v: string | undefined) => /^\d+$/.test((v ?? "").trim());
  if (![id["round"], id["unit"], ...(id["versions"] ?? "").split(",")].every(integer)) {
    throw new GyokakuError("invalid_input", "このブックの識別シートが読めません(書き換えられています)。この画面から最新のブックをダウンロードして入力し直してください");
  }
  if (Number(id["round"]) !== dept.roundId) {
    const other = await tenant.hearingRounds.get(Number(id["round"]));
    throw new GyokakuError("invalid_input", `別のヒアリング(${other?.title ?? `#${id["round"]}`})のブックです。${dept.roundTitle}のブックをダウンロードしてください`);
  }
  if (Number(id["unit"]) !== dept.departmentId) {
    const other = await tenant.units.get(Number(id["unit"]));
    throw new GyokakuError("invalid_input", `別の部局(${other?.name ?? `#${id["unit"]}`})のブックです。${dept.departmentName}のブックをアップロードしてください`);
  }
  const versions = (id["versions"] ?? "").split(",").map(Number);
  const stale = dept.forms.filter((f, i) => versions[i] !== f.version);
  if (stale.length > 0) {
    throw new GyokakuError(
      "conflict",
      `このブックは古い版から作られています(${stale.map((f) => `${FORM_LABELS[f.form]}: ブックは版${versions[f.form - 1] ?? "?"}、現在は版${f.version}`).join("、")})。最新のブックをダウンロードして入力し直してください`,
    );
  }
  if (read.missing.length > 0) throw new GyokakuError("invalid_input", `ブックの形が変わっています: ${read.missing.join("、")}が見つかりません`);

  const r = reader();
  r.problems.push(...read.problems);
  const allUnits = await tenant.units.list();
  const deptUnit = (sheet: string, line: ReadLine, key: string, label: string) => r.choose(sheet, line, key, label, (v) => dept.units.find((u) => u.name === v)?.id);
  const lines = (sheet: string, section: string) => read.sections[sheet]?.[section] ?? [];
  const newId = (v: string, sheet: string, line: ReadLine) => v || `X${sheet.slice(-1)}${line.sheetRow}`;
  const S1 = "様式1";
  const form1 = {
    issues: lines(S1, "issues").map((x) => x.values["text"] ?? "").join("\n"),
    priorities: lines(S1, "priorities").map((x) => x.values["text"] ?? "").join("\n"),
    workloads: lines(S1, "workloads").map((x) => ({
      id: newId(x.values["id"] ?? "", S1, x),
      work: x.values["work"] ?? "",
      unitId: x.values["unit"] ? (deptUnit(S1, x, "unit", "担当組織") ?? null) : null,
      previousCount: r.int(S1, x, "previousCount", "前年度件数", false),
      currentCount: r.int(S1, x, "currentCount", "今年度件数(見込)", false),
      note: x.values["note"] ?? "",
    })),
    ict: lines(S1, "ict").map((x) => ({
      id: newId(x.values["id"] ?? "", S1, x),
      kind: x.values["kind"] ?? "",
      description: x.values["description"] ?? "",
      // The label as listed (「(3) AI、RPAの利用推進」) or the lineage key itself.
      reformKey: x.values["reformKey"] ? (r.choose(S1, x, "reformKey", "関連する重点推進項目", (v) => dept.reformLinks.find((l) => l.label === v || l.key === v)?.key) ?? null) : null,
      startYear: r.int(S1, x, "startYear", "実施年度", true),
    })),
    outsourcing: lines(S1, "outsourcing").map((x) => ({
      id: newId(x.values["id"] ?? "", S1, x),
      kind: x.values["kind"] ?? "",
      work: x.values["work"] ?? "",
      description: x.values["description"] ?? "",
      startYear: r.int(S1, x, "startYear", "実施年度", true),
    })),
    units: lines(S1, "units").map((x) => ({ unitId: deptUnit(S1, x, "unit", "組織"), overtimeHours: r.int(S1, x, "overtimeHours", "時間外勤務時間", true), vacancies: r.int(S1, x, "vacancies", "欠員数", true) })),
    requests: lines(S1, "requests").map((x) => ({ id: newId(x.values["id"] ?? "", S1, x), text: x.values["text"] ?? "" })),
  };
  const S2 = "様式2";
  const form2 = {
    changes: lines(S2, "changes").map((x) => ({
      id: newId(x.values["id"] ?? "", S2, x),
      kind: r.choose(S2, x, "kind", "種類", orgChangeKindFromLabel),
      effectiveDate: r.date(S2, x, "effectiveDate", "施行日"),
      unitIds: split(x.values["units"] ?? "").map((name) => dept.units.find((u) => u.name === name)?.id ?? r.choose(S2, x, "units", "対象組織", () => undefined, undefined) ?? 0),
      newNames: split(x.values["newNames"] ?? ""),
      newParentId: x.values["parent"] ? (r.choose(S2, x, "parent", "所管先", (v) => allUnits.find((u) => u.name === v)?.id) ?? null) : null,
      reason: x.values["reason"] ?? "",
    })),
  };
  const S3 = "様式3";
  const storedForm3 = dept.forms.find((f) => f.form === 3)?.content;
  const keptCategories = storedCategories(storedForm3);
  const form3 = {
    lines: lines(S3, "lines").map((x) => ({
      id: newId(x.values["id"] ?? "", S3, x),
      unitId: deptUnit(S3, x, "unit", "組織"),
      // A line keeps a 職種 the secretariat has since dropped from the list (the same rule as the web form).
      category: r.choose(S3, x, "category", "職種", (v) => (dept.jobCategories.includes(v) || keptCategories.get(x.values["id"] ?? "") === v ? v : undefined)),
      employment: r.choose(S3, x, "employment", "任用区分", (v) => EMPLOYMENTS.find((e) => EMPLOYMENT_LABELS[e] === v), "regular"),
      current: r.int(S3, x, "current", "現員", false),
      years: Array.from({ length: PLAN_YEARS }, (_, k) => ({
        increase: r.int(S3, x, `y${k}inc`, `増 ${formatFiscalYear(dept.targetYear + k)}`, false),
        decrease: r.int(S3, x, `y${k}dec`, `減 ${formatFiscalYear(dept.targetYear + k)}`, false),
      })),
      increaseReason: x.values["increaseReason"] ?? "",
      decreaseReason: x.values["decreaseReason"] ?? "",
      driver: r.choose(S3, x, "driver", "要因", (v) => DRIVERS.find((d) => DRIVER_LABELS[d] === v), "none"),
    })),
  };
  const contents: [FormNumber, string, unknown][] = [
    [1, S1, form1],
    [2, S2, form2],
    [3, S3, form3],
  ];
  const parsedContent = new Map<FormNumber, unknown>();
  const round = await tenant.hearingRounds.get(dept.roundId);
  if (!round) throw new GyokakuError("not_found", "指定されたヒアリングはありません");
  const context = await checkContext(tenant, round, dept.departmentName, dept.units, storedForm3);
  // Every sheet is checked whatever the others hold; a cell already refused (unreadable, not in a list, a formula
  // error) is not reported a second time by the form's rules.
  for (const [form, sheet, content] of contents) {
    const { value, problems } = formContentProblems(form, content, context);
    if (value !== null) parsedContent.set(form, value);
    for (const problem of problems) {
      const where = columnOf(problem.path);
      const line = where ? lines(sheet, where.section)[where.index] : undefined;
      const cell = line && where ? line.cellOf(where.key) : "—";
      if (cell !== "—" && r.problems.some((p) => p.sheet === sheet && p.cell === cell)) continue;
      r.problems.push({ sheet, cell, row: line?.sheetRow ?? 0, message: line ? problem.message : problemLine(problem) });
    }
  }
  const stored = (form: FormNumber) => JSON.stringify(dept.forms.find((f) => f.form === form)?.content ?? null);
  const changed = r.problems.length > 0 ? [] : contents.filter(([form]) => JSON.stringify(parsedContent.get(form)) !== stored(form));
  for (const [form, sheet] of changed) {
    const view = dept.forms.find((f) => f.form === form);
    if (view && (!dept.canEdit || nextFormStatus(view.status, "save") === null)) r.problems.push({ sheet, cell: "—", row: 0, message: `${FORM_LABELS[form]}は提出後のため変更できません` });
  }
  if (r.problems.length > 0) throw new WorkbookRejected(r.problems);
  await tenant.transaction(async (tx) => {
    for (const [form, , content] of changed) {
      const view = dept.forms.find((f) => f.form === form);
      await saveForm(tx, actor, { roundId: dept.roundId, unitId: dept.departmentId, form, version: view?.version ?? 0, content });
    }
  });
  return { saved: changed.map(([form]) => form) };
}
