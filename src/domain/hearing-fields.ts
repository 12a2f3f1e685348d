/**
 * The field readers of the hearing forms 様式1–3 (zod): line ids, texts, whole numbers as typed (full-width digits,
 * 「1,055」, 「12件」), choices and units from a list. Every message names the field in Japanese; hearing-forms.ts builds
 * the forms from them.
 */
import { z } from "zod";
import { readNumberCell } from "./number-cell.js";

/** The id of a form line (kept across saves, so decisions follow their line). */
export const LINE_ID = z.string({ error: "行IDが不正です" }).regex(/^[A-Za-z0-9_-]{1,40}$/, "行IDが不正です");

/** Text of at most `max` characters for the field `label`; `required` refuses a blank. */
export function text(label: string, max: number, required = false) {
  const base = z.string({ error: `${label}を文字で入力してください` }).max(max, `${label}は${max}文字以内にしてください`);
  return required ? base.refine((v) => v.trim() !== "", `${label}を入力してください`) : base;
}

/**
 * Why `raw` is not a whole number from `min` to `max` for the field `label`, in Japanese; null when it is.
 * `raw` is a number (JSON) or the text as typed (full-width digits and 「1,055」 read; 「1e300」 and 「99999999999」 are
 * told as too large with the bound, a decimal as a decimal), so a form, the API and a workbook say the same thing.
 */
export function countInputProblem(label: string, raw: unknown, min: number, max: number): string | null {
  const bound = `${min.toLocaleString("ja-JP")}以上${max.toLocaleString("ja-JP")}以下の整数`;
  const shown = typeof raw === "string" ? typedShown(raw) : String(raw);
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string") {
    const typed = typedNumber(raw);
    if (typed === null) return `${label}を入力してください(${bound})`;
    if (typed === undefined) return `${label}を数値として読めません: 「${shown}」(${bound}を入力してください)`;
    value = typed;
  } else return `${label}は${bound}で入力してください`;
  if (Number.isNaN(value)) return `${label}を数値として読めません: 「${shown}」(${bound}を入力してください)`;
  if (value > max) return `${label}が大きすぎます (${max.toLocaleString("ja-JP")}まで): 「${shown}」`;
  if (value < min) return `${label}は${min.toLocaleString("ja-JP")}以上の整数で入力してください: 「${shown}」`;
  if (!Number.isInteger(value)) return `${label}は整数で入力してください (小数は使えません): 「${shown}」`;
  return null;
}

/**
 * The typed text as a message quotes it: a run of more than 15 digits (a workbook's 1e300 is read as 301 digits) is
 * told by its length (「301桁の数」), other text over 40 characters is cut with 「…」, so a quote never looks like a
 * different number.
 */
function typedShown(raw: string): string {
  const digits = raw.normalize("NFKC").replace(/,/g, "").trim();
  if (/^[+-]?\d{16,}$/.test(digits)) return `${digits.replace(/^[+-]/, "").length}桁の数`;
  const chars = [...raw];
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : raw;
}

/**
 * Typed text → its number by the one number-cell reader every importer uses (readNumberCell: look-alikes folded,
 * 「１２」「1,055」「12人」「▲1」「−1」), after a trailing 件/時間; null for a blank, undefined for no plain number.
 */
function typedNumber(raw: string): number | null | undefined {
  const read = readNumberCell(raw.replace(/[件時間]+\s*$/, ""));
  if (!read.ok) return undefined;
  const { value, outside, change, bracketed, parenthesised } = read.cell;
  if (outside !== undefined || change !== undefined || bracketed || parenthesised) return undefined;
  return value;
}

/** A whole number from `min` to `max`, given as a number or as typed text (countInputProblem). */
export function int(label: string, min: number, max: number) {
  return z.unknown().transform((raw, ctx): number => {
    const problem = countInputProblem(label, raw, min, max);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return typeof raw === "string" ? (typedNumber(raw) ?? 0) : Number(raw);
  });
}

/** A choice among `values`; the message lists the choices as the user sees them (`labels`), never the stored codes. */
export function oneOf<T extends string>(label: string, values: readonly T[], labels?: Readonly<Record<T, string>>) {
  const shown = values.map((v) => labels?.[v] ?? v).join("・");
  return z.string({ error: `${label}を選んでください` }).refine((v): v is T => (values as readonly string[]).includes(v), `${label}は「${shown}」から選んでください`) as unknown as z.ZodType<T>;
}

/** A unit chosen from a list: its id; a blank choice is 「…を選んでください」, anything else is not in the list. */
export const unitRef = (label: string) =>
  z.unknown().transform((raw, ctx): number => {
    if (typeof raw === "number" && Number.isInteger(raw) && raw >= 1 && raw <= 2_147_483_647) return raw;
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
    ctx.addIssue({ code: "custom", message: blank ? `${label}を選んでください` : `${label}「${String(raw).slice(0, 40)}」は一覧にありません。一覧から選んでください` });
    return z.NEVER;
  });

/** A fiscal year (西暦, 1989–2200) or null. */
export const optionalYear = (label: string) => int(label, 1989, 2200).nullable();
