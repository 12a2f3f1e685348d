/**
 * The zod schemas of the 業務改革 forms (editions, items, update rounds, verification): each field with its Japanese
 * name in every message. Routes parse with input.ts parseInput, so a refusal is one 400 naming the field; the
 * services check what depends on stored data (the state, the version, the names). A form whose fields depend on the
 * item (its years, its indicators) is a schema built for that item.
 */
import { z } from "zod";
import { formatFiscalYear } from "../../../domain/era.js";
import type { UpdateAction } from "../../../domain/reform.js";
import { actionField, checkBox, fiscalYearParam, formText, integerText, parseWithin, versionField } from "../../input.js";

/** A free text as formText, or undefined when the form did not carry the field (the stored text is kept). */
function carried(label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => (value === undefined ? undefined : parseWithin(formText(label), value, ctx)));
}

/** A fiscal year typed as 令和7年度, R7, 2025… (blank is unreadable too), the message naming `label`. */
export function yearText(label: string) {
  return formText(label)
    .transform((text) => text.trim())
    .pipe(fiscalYearParam(label));
}

/** A fiscal year as yearText, or undefined when left blank (the caller's default). */
export function optionalYearText(label: string) {
  return formText(label).transform((text, ctx) => {
    if (text.trim() === "") return undefined;
    const year = fiscalYearParam(label).safeParse(text.trim());
    if (year.success) return year.data;
    for (const issue of year.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });
}

/** A record id posted in a form field (a hidden one, e.g. the item verified): 1 to 2,147,483,647. */
export function idField(label: string) {
  return integerText(label).transform((n, ctx) => {
    if (n !== undefined && n > 0) return n;
    ctx.addIssue({ code: "custom", message: `${label}の番号が正しくありません` });
    return z.NEVER;
  });
}

const RELOAD = "編集を始めたときの版番号(version)がありません。画面を再読み込みしてください";

/** POST /reform/editions: the first edition's year. */
export const CreateEditionForm = z.object({ fiscalYear: yearText("年度") });

/** POST /reform/editions/:year/next: sent from the preview page (confirm=1), the warnings accepted or not. */
export const NextEditionForm = z.object({ confirm: checkBox(), confirmWarnings: checkBox() });

/** POST /reform/editions/:year/items: a new item's name and 担当課 as typed (the service checks the name). */
export const AddItemForm = z.object({ name: formText("事業名"), unitLabels: formText("担当課") });

/** POST /reform/evaluations: the evaluation categories, one a line; the edition year shown afterwards (blank: the latest). */
export const EvaluationsForm = z.object({
  evaluations: formText("評価の区分").transform((text) => text.split(/\r?\n/)),
  year: optionalYearText("年度"),
});

/** POST /reform/rounds as typed, shown again with a refusal: each a text naming its field. */
export const OpenUpdateRoundTexts = z.object({ editionYear: formText("版の年度"), fiscalYear: formText("実績の年度"), dueDate: formText("提出期限"), title: formText("名称") });

/** POST /reform/rounds: a yearly update round of an edition (the 実績の年度 defaults to the edition's). */
export const OpenUpdateRoundForm = z.object({
  editionYear: yearText("版の年度"),
  fiscalYear: optionalYearText("実績の年度"),
  dueDate: formText("提出期限").transform((text) => text.trim()),
  title: formText("名称"),
  back: formText("戻り先").transform((text) => text === "rounds"),
});

/** The actions of an item's update form. */
export const UPDATE_ACTIONS = ["save", "submit", "return", "approve"] as const satisfies readonly UpdateAction[];

/**
 * POST /reform/rounds/:roundId/items/:itemId for an item whose plan years are `planYears` and whose indicators are
 * `indicatorIds`: the action (a forged one is a 400 before the service), the version, the 差戻しの理由, and each cell
 * as typed — undefined when the form did not carry it (the stored text is kept).
 */
export function updateStepForm(planYears: readonly number[], indicatorIds: readonly number[]) {
  return z.object({
    action: actionField(UPDATE_ACTIONS, () => "操作(下書き保存・提出・承認・差戻し)を選んでください"),
    version: versionField("版番号", RELOAD),
    comment: formText("差戻しの理由"),
    result: carried("取組実績"),
    ...Object.fromEntries(planYears.map((fy) => [`plan.${fy}`, carried(`${formatFiscalYear(fy)}の取組計画`)])),
    ...Object.fromEntries(indicatorIds.map((id) => [`kpi.${id}`, carried(`指標${id}の実績`)])),
  }) as z.ZodType<{ action: UpdateAction; version: number; comment: string; result?: string } & Partial<Record<`plan.${number}` | `kpi.${number}`, string>>>;
}

/** POST /reform/verification: the 推進本部's verification of one item in one year. */
export const VerificationForm = z.object({
  itemId: idField("重点推進項目"),
  year: yearText("年度"),
  evaluation: formText("評価"),
  opinion: formText("意見"),
  decision: formText("次年度の方針"),
  version: integerText("版番号").transform((n) => n ?? null),
  opinionInternal: checkBox(),
  confirmWithoutResult: checkBox(),
});

/**
 * POST /reform/items/:id: the item's edit form, for an item whose 取組計画 years are `planYears` and whose 取組実績
 * years are `resultYears`. Each text is undefined when the form did not carry it (the stored one is kept); the 担当課
 * are the checked unit ids, read only when the form showed them (unitsShown).
 */
export function itemEditForm(planYears: readonly number[], resultYears: readonly number[]) {
  const unitId = z.string().transform((text, ctx) => {
    const n = Number(text);
    if (/^\d{1,10}$/.test(text) && Number.isSafeInteger(n) && n > 0) return n;
    ctx.addIssue({ code: "custom", message: `担当課の番号が正しくありません: 「${text.slice(0, 40)}」` });
    return z.NEVER;
  });
  return z.object({
    version: versionField("版番号", RELOAD),
    name: carried("事業名"),
    state: carried("区分"),
    unitLabels: carried("担当課"),
    unitsShown: z.unknown().optional(),
    unit: z
      .union([unitId, z.array(unitId)], { error: "担当課の番号が正しくありません" })
      .optional()
      .transform((ids) => (ids === undefined ? [] : Array.isArray(ids) ? ids : [ids])),
    content: carried("取組内容"),
    effect: carried("取組効果"),
    remarks: carried("備考"),
    ...Object.fromEntries(planYears.map((fy) => [`plan.${fy}`, carried(`取組計画 ${formatFiscalYear(fy)}`)])),
    ...Object.fromEntries(resultYears.map((fy) => [`result.${fy}`, carried(`取組実績 ${formatFiscalYear(fy)}`)])),
  }) as z.ZodType<
    { version: number; name?: string; state?: string; unitLabels?: string; unitsShown?: unknown; unit: number[]; content?: string; effect?: string; remarks?: string } & Record<
      string,
      unknown
    >
  >;
}
