/**
 * The zod schemas of the hearing (ヒアリング) forms: each field with its Japanese name in every message. Routes parse
 * with input.ts parseInput, so a refusal is one 400 naming the field. The services check what depends on stored data
 * (the date's form, the round's state, the version); the rows of 様式1–3 and the decisions are read by form-body.ts.
 */
import { z } from "zod";
import { actionField, checkBox, fiscalYearParam, formText, integerText, versionField } from "../../input.js";

/** 対象年度 of a new round: required, typed as 令和8年度, R8, 2026… */
const targetYearText = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") {
      ctx.addIssue({ code: "custom", message: typeof value === "string" || value === undefined ? "対象年度を入力してください" : "対象年度は文字で入力してください" });
      return z.NEVER;
    }
    const year = fiscalYearParam("対象年度").safeParse(text);
    if (year.success) return year.data;
    for (const issue of year.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });

/** POST /hearings: a new round (the service checks the due date and that the year has no round yet). */
export const OpenRoundForm = z.object({
  targetYear: targetYearText,
  dueDate: formText("提出期限").transform((text) => text.trim()),
  title: formText("名称"),
});

/** POST /hearings as typed, shown again with a refusal (each a text naming its field; OpenRoundForm reads them). */
export const OpenRoundTexts = z.object({ targetYear: formText("対象年度"), dueDate: formText("提出期限"), title: formText("名称") });

/** POST /hearings/:round/categories as typed, shown again with a refusal. */
export const CategoriesText = z.object({ categories: formText("職種") });

/** POST /hearings/:round/slots/:unit: one department's hearing date, time and place (the service reads each). */
export const SlotForm = z.object({ date: formText("ヒアリング日"), time: formText("ヒアリングの時刻"), place: formText("ヒアリングの場所") });

/** POST /hearings/:round/departments: the department (部局) added to the round. */
export const AddDepartmentForm = z.object({ unitId: integerText("部局").transform((n) => n ?? 0) });

/** POST /hearings/:round/categories: 様式3's job categories, one a line. */
export const CategoriesForm = z.object({ version: versionField("版"), categories: formText("職種").transform((text) => text.split(/\r?\n/)) });

/** POST /hearings/:round/close and …/apply/undo: the round's version as shown. */
export const CloseRoundForm = z.object({ version: versionField("版") });

/**
 * POST /hearings/:round/apply: the round's version as shown, whether going over a 定数 was acknowledged, and the
 * 「適用できない行」 as shown (`skipLines`: their keys, comma-separated) with whether leaving them out was confirmed.
 */
export const ApplyForm = z
  .object({
    version: versionField("版"),
    acknowledgeOverCap: checkBox(),
    skipUnapplicable: checkBox(),
    skipLines: z.string({ error: "適用できない行の一覧が不正です" }).max(20_000, "適用できない行の一覧が不正です").optional(),
  })
  .transform(({ skipUnapplicable, skipLines, ...rest }) => ({
    ...rest,
    skipLines: skipUnapplicable ? (skipLines ?? "").split(",").map((k) => k.trim()).filter((k) => k !== "") : [],
  }));

/** POST …/forms/:form: the form's version as shown (its rows are read by form-body.ts formContentFromBody). */
export const SaveFormFields = z.object({ version: versionField("版") });

/** The workflow steps a form's buttons post (保存 is its own route). */
export const FORM_STEPS = ["submit", "return", "hear", "decide"] as const;

/** POST …/forms/:form/step: the step and its fields; a forged step is a 400 (「処理「…」はありません」), never the service's. */
export const FormStepFields = z.object({
  action: actionField(FORM_STEPS, (typed) => `処理「${typed}」はありません`),
  version: versionField("版"),
  comment: formText("差戻しの理由"),
  heardOn: formText("ヒアリング実施日"),
  notes: formText("ヒアリングの記録"),
});
