/**
 * A whole number as a clerk types it (a count, an age, a number of hours) or as JSON gives it: the one rule every
 * form, the API, the hearing workbook and the importers' typed counts read with, so they say the same thing.
 * Text is read by the number-cell reader every importer uses (domain/number-cell.ts readNumberCell: look-alikes
 * folded, 「１２」「1,055」「12人」「▲1」), after a trailing 件 or 時間; table notes (「(18)」 うち数, 外数 lines,
 * 「[1,490]」, 「94.1(-1.6)」) are not a typed number.
 */
import { MAX_STORED_INTEGER } from "./input-limits.js";
import { readNumberCell } from "./number-cell.js";

/** A typed count: blank (null), a whole number, or why not (too large is told apart so a form can name the limit). */
export type TypedCount =
  | { ok: true; value: number | null }
  /** `tooLarge`: the value read, when it is a number past `max`. */
  | { ok: false; tooLarge?: number; message: string };

/**
 * The typed text as a message quotes it: a run of more than 15 digits (a workbook's 1e300 is read as 301 digits) is
 * told by its length (「301桁の数」), other text over 40 characters is cut with 「…」, so a quote never looks like a
 * different number; control and format characters (U+202E, U+200B…) are named (「(U+202E)」), never echoed.
 */
export function typedShown(raw: string): string {
  const digits = raw.normalize("NFKC").replace(/,/g, "").trim();
  if (/^[+-]?\d{16,}$/.test(digits)) return `${digits.replace(/^[+-]/, "").length}桁の数`;
  const chars = [...raw];
  const cut = chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : raw;
  return cut.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => `(U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`);
}

/** Typed text → its number; null for a blank, undefined for anything that is not one plain number. */
function typedNumber(raw: string): number | null | undefined {
  if (raw.trim() === "") return null;
  const read = readNumberCell(raw.replace(/[件時間]+\s*$/, ""));
  if (!read.ok) return undefined;
  const { value, outside, change, bracketed, parenthesised } = read.cell;
  if (value === null || outside !== undefined || change !== undefined || bracketed || parenthesised) return undefined;
  return value;
}

/**
 * Reads `raw` — a number (JSON) or the text as typed — as a whole number from `min` (default 0) to `max` (default
 * MAX_STORED_INTEGER, 2,147,483,647, what both databases store). A blank text is `{ ok: true, value: null }`, or
 * refused (「…を入力してください(0以上10,000以下の整数)」) when `required`. Refusals name the field `what` in
 * Japanese and quote what was typed; the bound is stated as 「0以上の整数」, with 「…以下」 when `max` is lower than
 * what can be stored. Never throws.
 */
export function parseTypedCount(raw: unknown, what: string, options: { min?: number; max?: number; required?: boolean } = {}): TypedCount {
  const min = options.min ?? 0;
  const max = options.max ?? MAX_STORED_INTEGER;
  const bound = max >= MAX_STORED_INTEGER ? `${min.toLocaleString("ja-JP")}以上の整数` : `${min.toLocaleString("ja-JP")}以上${max.toLocaleString("ja-JP")}以下の整数`;
  const shown = typeof raw === "string" ? typedShown(raw) : String(raw);
  const unreadable = { ok: false as const, message: `${what}を数値として読めません: 「${shown}」(${bound}を入力してください)` };
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string") {
    const typed = typedNumber(raw);
    if (typed === null) return options.required ? { ok: false, message: `${what}を入力してください(${bound})` } : { ok: true, value: null };
    if (typed === undefined) return unreadable;
    value = typed;
  } else return { ok: false, message: `${what}は${bound}で入力してください` };
  if (Number.isNaN(value)) return unreadable;
  if (value > max) return { ok: false, tooLarge: value, message: `${what}が大きすぎます (${max.toLocaleString("ja-JP")}まで): 「${shown}」` };
  if (value < min) return { ok: false, message: `${what}は${min.toLocaleString("ja-JP")}以上の整数で入力してください: 「${shown}」` };
  if (!Number.isInteger(value)) return { ok: false, message: `${what}は整数で入力してください (小数は使えません): 「${shown}」` };
  return { ok: true, value };
}
