/**
 * The zod schemas of the 類似団体比較 forms' texts: each field with its Japanese name in every message. The figures of
 * the 類似団体区分 form are read by comparison.tsx ClassificationForm from these texts; a refusal is one 400 naming
 * the field, the form shown again with what was typed.
 */
import { z } from "zod";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { type ComparisonImportKind, isImportKind } from "../../services/comparison-import.js";
import { applyOrPreview, encodingField, fiscalYearParam, formText, parseWithin, textField } from "../input.js";

/** POST /comparison/classification as typed (shown again on a refusal): every field a text naming its field. */
export const ClassificationTexts = z.object({
  fiscalYear: textField("年度", 40),
  kind: textField("団体の区分", 40),
  population: textField("住基人口", 40),
  secondaryPercent: textField("第2次産業の比率", 40),
  tertiaryPercent: textField("第3次産業の比率", 40),
  areaKm2: textField("面積", 40),
  source: textField("出典・注記", TEXT_LIMITS.title),
});

/** The classification's 年度 as typed (令和6年度, R6, 2024): required. */
export const classificationYear = z.string().transform((text, ctx) => {
  if (text.trim() === "") {
    ctx.addIssue({ code: "custom", message: "年度を入力してください(例: 令和6年度、R6、2024)" });
    return z.NEVER;
  }
  return parseWithin(fiscalYearParam("年度"), text, ctx) ?? z.NEVER;
});

/** POST /comparison/peers: the 団体コード as typed (the service reads them, one per line or comma). */
export const PeersForm = z.object({ codes: formText("比較する団体") });

/**
 * POST /comparison/import, all but the file (request.ts uploadedFile): which table (blank or auto: found from the
 * file), the fiscal year when the file has none (blank: undefined), the encoding and the step (apply or preview).
 */
export const ComparisonImportFields = z.object({
  kind: textField("取り込む表", 40).transform((text, ctx): ComparisonImportKind | "auto" => {
    if (text === "" || text === "auto") return "auto";
    if (isImportKind(text)) return text;
    ctx.addIssue({ code: "custom", message: `取り込む表「${text}」が分かりません` });
    return z.NEVER;
  }),
  fiscalYear: textField("年度", 40).transform((text, ctx) => (text === "" ? undefined : (parseWithin(fiscalYearParam("年度"), text, ctx) ?? z.NEVER))),
  encoding: encodingField(),
  step: applyOrPreview(),
});
