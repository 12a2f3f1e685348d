/**
 * The fields of the hearing forms 様式1–3 and their validation (zod). The seed names the forms but not their
 * fields; these are what a city needs to decide next year's organisation, ICT/outsourcing and staffing.
 * Every message names the field in Japanese; problems() adds the section and row (「人員計画 2行目 増(令和8年度): …」).
 */
import { z } from "zod";
export { countInputProblem } from "./hearing-fields.js";
import { formatFiscalYear, isValidIsoDate } from "./era.js";
import { textProblem } from "./input-limits.js";
import { int, LINE_ID, oneOf, optionalYear, text, unitRef } from "./hearing-fields.js";
import { type FormNumber, grantedChange, type LineDecision } from "./hearing.js";
import { REORG_KIND_LABELS, REORG_KINDS } from "./organisation.js";

/**
 * Why a department's unit lists are empty, and what to do: the forms offer the department and its units that exist in
 * the year the hearing is held (組織の存続期間), as 定数管理 knows them.
 */
export function noUnitsExplanation(departmentName: string, heldYear: number): string {
  return `選べる組織がありません。${departmentName}とその下の組織のうち、${formatFiscalYear(heldYear)}に存在する組織が組織の一覧に見つからないためです。組織の管理画面で${departmentName}の組織と存続期間(設置・廃止の年度)を確かめ、登録してから入力してください(わからないときは行政管理課へ)`;
}

// ---------------------------------------------------------------------------
// 様式1 組織ヒアリングシート

/** Kinds of ICT利活用 a 様式1 line names. */
export const ICT_KINDS = ["RPA", "AI", "システム", "その他"] as const;
/** Kinds of 民間委託等 a 様式1 line names (PFI: Private Finance Initiative Act, 指定管理: 地方自治法 244条の2). */
export const OUTSOURCING_KINDS = ["民間委託", "指定管理", "PFI"] as const;

/**
 * 様式1 組織ヒアリングシート (zod): 現状と課題, 重点的な取組, 業務量の変化 (件), ICT利活用 and 民間委託等 linked to reform
 * items, the units concerned and requests. Every message names the field in Japanese (「業務名を入力してください」).
 */
export const Form1Schema = z.object({
  /** 現状と課題 */
  issues: text("現状と課題", 4000),
  /** 重点的な取組 (priorities) */
  priorities: text("重点的な取組", 4000),
  /** 業務量の変化: counts of a piece of work last year and this year (前年比 is computed). */
  workloads: z
    .array(
      z.object({
        id: LINE_ID,
        work: text("業務名", 200, true),
        unitId: unitRef("担当組織").nullable(),
        previousCount: int("前年度件数", 0, 1_000_000_000),
        currentCount: int("今年度件数(見込)", 0, 1_000_000_000),
        note: text("備考", 500),
      }),
    )
    .max(100, "業務量の変化は100行までです"),
  /** ICT利活用 (RPA, AI, systems), linked to the reform item (業務改革 重点推進項目) it belongs to. */
  ict: z
    .array(
      z.object({
        id: LINE_ID,
        kind: oneOf("ICTの種類", ICT_KINDS),
        description: text("ICT活用の内容", 1000, true),
        reformKey: z.string({ error: "関連する重点推進項目が不正です" }).max(40, "関連する重点推進項目が不正です").nullable(),
        startYear: optionalYear("ICT活用の実施年度"),
      }),
    )
    .max(100, "ICT活用は100行までです"),
  /** 民間委託・指定管理・PFI */
  outsourcing: z
    .array(
      z.object({
        id: LINE_ID,
        kind: oneOf("委託等の種類", OUTSOURCING_KINDS),
        work: text("委託等の対象業務", 200, true),
        description: text("委託等の内容", 1000),
        startYear: optionalYear("委託等の実施年度"),
      }),
    )
    .max(100, "民間委託等は100行までです"),
  /** 時間外勤務 (hours a year) and 欠員 (vacancies) per unit. */
  units: z
    .array(
      z.object({
        unitId: unitRef("組織"),
        overtimeHours: int("時間外勤務時間(年間)", 0, 10_000_000).nullable(),
        vacancies: int("欠員数", 0, 100_000).nullable(),
      }),
    )
    .max(200, "組織は200行までです"),
  /** 行政管理課への要望 — each request is decided like a line. */
  requests: z.array(z.object({ id: LINE_ID, text: text("要望内容", 1000, true) })).max(100, "要望は100行までです"),
});
/** A valid 様式1 as Form1Schema parses it. */
export type Form1 = z.infer<typeof Form1Schema>;

/** 前年比 (%), one decimal; null when there is no previous count. */
export function yearOnYearPercent(previous: number, current: number): number | null {
  if (previous === 0) return null;
  return Math.round((current / previous) * 1000) / 10;
}

// ---------------------------------------------------------------------------
// 様式2 組織機構計画書

/** The organisation history's event kinds, plus 所管替え (a unit moves under another parent). */
export const ORG_CHANGE_KINDS = [...REORG_KINDS, "transfer"] as const;
/** Kind of a 様式2 line: an organisation event (新設, 廃止, 名称変更, 分割, 統合) or 所管替え (transfer). */
export type OrgChangeKind = (typeof ORG_CHANGE_KINDS)[number];
/** The Japanese label of each OrgChangeKind, as 様式2 and its workbook print it. */
export const ORG_CHANGE_LABELS: Record<OrgChangeKind, string> = { ...REORG_KIND_LABELS, transfer: "所管替え" };

/**
 * The kind of a 様式2 line from its label as written in a workbook (「名称変更」) or its key ("rename"), spaces around
 * it ignored; undefined when it is neither. Never throws.
 */
export function orgChangeKindFromLabel(label: string): OrgChangeKind | undefined {
  return ORG_CHANGE_KINDS.find((k) => ORG_CHANGE_LABELS[k] === label.trim() || k === label.trim());
}

const OrgChangeSchema = z
  .object({
    id: LINE_ID,
    kind: oneOf("改正の種類", ORG_CHANGE_KINDS, ORG_CHANGE_LABELS),
    /** 施行日, normally next April 1. */
    effectiveDate: z.string({ error: "施行日を入力してください" }).refine((v) => isValidIsoDate(v), "施行日は 2026-04-01 の形の日付で入力してください"),
    /** 対象組織 (existing units the change takes from). */
    unitIds: z.array(unitRef("対象組織")).max(20, "対象組織は20までです"),
    /** 新しい組織の名称 (create, split, merge) or the new name (rename). */
    newNames: z.array(text("新しい組織の名称", 100, true)).max(20, "新しい組織の名称は20までです"),
    /** 所管替え / 新設: the parent the unit goes under. */
    newParentId: unitRef("所管先").nullable(),
    reason: text("改正の理由", 2000, true),
  });

/**
 * 様式2 組織機構計画書 (zod): up to 50 organisation changes, each with its kind, 施行日 (YYYY-MM-DD), the units it takes
 * from, new names and the parent; messages name the field in Japanese.
 */
export const Form2Schema = z.object({ changes: z.array(OrgChangeSchema).max(50, "組織改正は50行までです") });
/** A valid 様式2 as Form2Schema parses it. */
export type Form2 = z.infer<typeof Form2Schema>;
/** One line of 様式2. */
export type OrgChange = Form2["changes"][number];

// ---------------------------------------------------------------------------
// 様式3 人員計画書

/** Job categories (職種) a city starts from; the secretariat edits its own list. */
export const DEFAULT_JOB_CATEGORIES = ["一般事務", "技術", "保健師", "保育士", "消防", "医療職", "技能労務"] as const;

/** 正規 / 再任用 / 任期付 are planned separately. */
export const EMPLOYMENTS = ["regular", "reappointed", "fixed_term"] as const;
/** 任用区分 of a 様式3 line: regular (正規), reappointed (再任用) or fixed_term (任期付). */
export type Employment = (typeof EMPLOYMENTS)[number];
/** The Japanese label of each Employment. */
export const EMPLOYMENT_LABELS: Record<Employment, string> = { regular: "正規", reappointed: "再任用", fixed_term: "任期付" };

/** What drives a change: ICT利活用 or 民間委託 (counted in the overview), or neither. */
export const DRIVERS = ["none", "ict", "outsourcing"] as const;
/** What drives a 様式3 change: none, ict (ICT活用) or outsourcing (民間委託等). */
export type Driver = (typeof DRIVERS)[number];
/** The label of each Driver in the overview (「—」 for none). */
export const DRIVER_LABELS: Record<Driver, string> = { none: "—", ict: "ICT活用", outsourcing: "民間委託等" };

/** 様式3 plans the target year and the two after it. */
export const PLAN_YEARS = 3;

/** The most 様式3 asks to add or remove in one year (人, each of 増 and 減); a decided change lies within ± this. */
export const PLAN_CHANGE_MAX = 10_000;

/**
 * 様式3 人員計画書 (zod) for a round whose target year is `targetYear` (年度): up to 500 lines of unit, 職種, 任用区分,
 * 現員 (人, 0–100,000) and 増/減 (人, 0–10,000) for the target year and the two after it (PLAN_YEARS), with the reasons
 * and the driver. The year labels in messages name the year (「増(令和8年度(2026年度))」). Never throws; parsing reports problems.
 */
export function form3Schema(targetYear: number) {
  const year = (i: number) =>
    z.object({
      increase: int(`増(${formatFiscalYear(targetYear + i)})`, 0, PLAN_CHANGE_MAX),
      decrease: int(`減(${formatFiscalYear(targetYear + i)})`, 0, PLAN_CHANGE_MAX),
    });
  const line = z
    .object({
      id: LINE_ID,
      unitId: unitRef("組織"),
      category: text("職種", 40, true),
      employment: oneOf("任用区分", EMPLOYMENTS, EMPLOYMENT_LABELS),
      /** 現員 on the last April 1 (prefilled from 定数管理). */
      current: int("現員", 0, 100_000),
      years: z.tuple([year(0), year(1), year(2)], { error: "3年度分の増減を入力してください" }),
      increaseReason: text("増の理由", 1000),
      decreaseReason: text("減の理由", 1000),
      driver: oneOf("増減の要因", DRIVERS, { none: "なし", ict: DRIVER_LABELS.ict, outsourcing: DRIVER_LABELS.outsourcing }),
    });
  return z.object({ lines: z.array(line).max(500, "人員計画は500行までです") });
}
/** A valid 様式3 as form3Schema parses it. */
export type Form3 = z.infer<ReturnType<typeof form3Schema>>;
/** One line of 様式3: a unit's 職種 and 任用区分 with its 現員 and three years of 増減 (人). */
export type StaffLine = Form3["lines"][number];

/** Requested headcount (人) at the end of each planned year: 現員 plus the cumulative 増 − 減. */
export function requestedHeadcounts(line: Pick<StaffLine, "current" | "years">): number[] {
  let n = line.current;
  return line.years.map((y) => (n += y.increase - y.decrease));
}

/**
 * The requested headcounts of a line as the form shows them beside what was typed: each year's figure, or null from
 * the first year whose 現員, 増 or 減 is not a valid count (the page shows 「—」, never NaN or a string joined to a number).
 */
export function requestedHeadcountsShown(line: { current: unknown; years: readonly { increase: unknown; decrease: unknown }[] }, max = 100_000): (number | null)[] {
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
  let n: number | null = ok(line.current) ? line.current : null;
  return line.years.map((y) => {
    if (n === null || !ok(y.increase) || !ok(y.decrease)) return (n = null);
    return (n += y.increase - y.decrease);
  });
}

/** 前年比 as shown beside typed counts: null unless both are valid counts (yearOnYearPercent). */
export function yearOnYearShown(previous: unknown, current: unknown): number | null {
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 1_000_000_000;
  return ok(previous) && ok(current) ? yearOnYearPercent(previous, current) : null;
}

/** The net change (人) a line asks for in the target year: 増 − 減 of its first year. */
export function requestedChange(line: Pick<StaffLine, "years">): number {
  const first = line.years[0];
  return first ? first.increase - first.decrease : 0;
}

// ---------------------------------------------------------------------------

/** The content of each form by its number (1, 2, 3), as stored per department and round. */
export type FormContent = { 1: Form1; 2: Form2; 3: Form3 };

/** Each form as a department starts it: every text empty and no lines. */
export const EMPTY_FORMS: FormContent = {
  1: { issues: "", priorities: "", workloads: [], ict: [], outsourcing: [], units: [], requests: [] },
  2: { changes: [] },
  3: { lines: [] },
};

const SECTION_LABELS: Record<string, string> = {
  workloads: "業務量の変化",
  ict: "ICT活用",
  outsourcing: "民間委託等",
  units: "時間外勤務・欠員",
  requests: "要望",
  changes: "組織改正",
  lines: "人員計画",
};

/** One problem of a form's content: where (section, row index, field…, as in the content) and why (Japanese, naming the field). */
export interface FormProblem {
  path: readonly PropertyKey[];
  message: string;
}

/** A problem as one Japanese line naming section and row: 「人員計画 2行目: 増(令和8年度)は0以上…」. */
export function problemLine(problem: FormProblem): string {
  const [section, row] = problem.path;
  const where = typeof section === "string" && SECTION_LABELS[section] ? `${SECTION_LABELS[section]}${typeof row === "number" ? ` ${row + 1}行目` : ""}: ` : "";
  return `${where}${problem.message}`;
}

/** The Japanese name of each text field of 様式1–3 by its key (the names text() gives in the schemas). */
const TEXT_FIELD_LABELS: Record<string, string> = {
  issues: "現状と課題",
  priorities: "重点的な取組",
  work: "業務名",
  note: "備考",
  description: "内容",
  text: "要望内容",
  newNames: "新しい組織の名称",
  reason: "改正の理由",
  category: "職種",
  increaseReason: "増の理由",
  decreaseReason: "減の理由",
};

/**
 * Texts typed into a form (web or workbook) that hold control characters or invisible format characters (U+202E…,
 * input-limits.ts textProblem), each with its path. Checked where content is saved, not in the schemas, so that a form
 * stored before this rule still opens (and can be corrected).
 */
export function unreadableTextProblems(content: unknown, path: PropertyKey[] = []): FormProblem[] {
  if (typeof content === "string") {
    const key = [...path].reverse().find((k): k is string => typeof k === "string") ?? "";
    const problem = textProblem(TEXT_FIELD_LABELS[key] ?? "文字", content, Number.POSITIVE_INFINITY);
    return problem === null ? [] : [{ path, message: problem }];
  }
  if (Array.isArray(content)) return content.flatMap((v, i) => unreadableTextProblems(v, [...path, i]));
  if (typeof content === "object" && content !== null) return Object.entries(content).flatMap(([k, v]) => (k === "id" ? [] : unreadableTextProblems(v, [...path, k])));
  return [];
}

/** zod issues → Japanese lines naming section, row and field (problemLine). */
export function formProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => problemLine({ path: issue.path, message: issue.message }));
}

/** The schema of a form (様式3's labels name the planned years). */
export function formSchema(form: FormNumber, targetYear: number): z.ZodType<FormContent[FormNumber]> {
  return (form === 1 ? Form1Schema : form === 2 ? Form2Schema : form3Schema(targetYear)) as z.ZodType<FormContent[FormNumber]>;
}

/** Decidable lines of a form: their id, a label for messages, and (様式3) the net change asked for the target year. */
export function requestLines(form: FormNumber, content: FormContent[FormNumber]): { id: string; label: string; requestedChange: number | null }[] {
  if (form === 1) return (content as Form1).requests.map((r, i) => ({ id: r.id, label: requestLineLabel(1, i), requestedChange: null }));
  if (form === 2) return (content as Form2).changes.map((c, i) => ({ id: c.id, label: requestLineLabel(2, i), requestedChange: null }));
  return (content as Form3).lines.map((l, i) => ({ id: l.id, label: requestLineLabel(3, i), requestedChange: requestedChange(l) }));
}

/** The section whose lines each form decides: 様式1 要望, 様式2 組織改正, 様式3 人員計画. */
const REQUEST_SECTIONS: Record<FormNumber, string> = { 1: "要望", 2: "組織改正", 3: "人員計画" };

/** How messages and the decide form name a form's decidable line at `index` (0-based): 「人員計画 2行目」. Never throws. */
export function requestLineLabel(form: FormNumber, index: number): string {
  return `${REQUEST_SECTIONS[form]} ${index + 1}行目`;
}

/**
 * 様式3 as decided: per unit, 現員 (人, 定数管理 at the last April 1; none counted is 0) plus what the decisions grant
 * for the target year must not go below 0 — applying the decisions (配置計画) refuses such a plan, so the decide step
 * refuses it first, naming the unit and the rows. Rejecting an increase while approving a decrease of the same unit
 * can do it. `current`: unit id → name and 現員.
 */
export function decidedHeadcountProblems(content: Form3, decisions: Readonly<Record<string, LineDecision>>, current: ReadonlyMap<number, { name: string; current: number | null }>, targetYear: number): string[] {
  const byUnit = new Map<number, { granted: number; rows: number[] }>();
  content.lines.forEach((line, i) => {
    const entry = byUnit.get(line.unitId) ?? { granted: 0, rows: [] };
    entry.granted += grantedChange(decisions[line.id], requestedChange(line));
    entry.rows.push(i + 1);
    byUnit.set(line.unitId, entry);
  });
  const problems: string[] = [];
  for (const [unitId, { granted, rows }] of byUnit) {
    const unit = current.get(unitId);
    const counted = unit?.current ?? 0;
    if (counted + granted < 0) {
      problems.push(
        `人員計画 ${rows.join("・")}行目: この決定では${unit?.name ?? `#${unitId}`}の${formatFiscalYear(targetYear)}の人員が${counted + granted}人になります(現員 ${counted}人、決定した増減 ${granted}人)。0人未満の配置計画は反映できないため、決定を見直してください`,
      );
    }
  }
  return problems;
}
