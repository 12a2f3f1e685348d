/**
 * Cells and numbers as every importer reads them: a grid of text (from CSV or xlsx alike), a cell by index,
 * labels compared without width differences or spaces, whole-number counts as people type them.
 * Shared by the headcount, age-profile, MIC and reform importers; nothing here knows a layout.
 */

/** A sheet or CSV file as rows of cell text. */
export type Grid = readonly (readonly string[])[];

/** The trimmed text of a cell; "" past the end of the row or for a missing row. */
export function cellAt(row: readonly string[] | undefined, index: number): string {
  return (row?.[index] ?? "").trim();
}

/** True for a missing row or a row whose cells are all blank. */
export function isBlankRow(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => c.trim() === "");
}

/** Labels are compared without width differences or spaces: the seed and MIC space out short names (「病 院」「議 会」). */
export function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** The first row (0-based) that is not blank; -1 when every row is. */
export function firstNonBlankRow(rows: Grid): number {
  return rows.findIndex((r) => !isBlankRow(r));
}

/** A result or the Japanese reason it could not be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A headcount or quota as people type it: "1,055", full-width digits, and in tables "(18)" for うち数.
 * Anything but a non-negative whole number is rejected, not rounded. `what` names the figure in the message.
 */
export function parseCount(raw: string, what: string, allowParentheses: boolean): Parsed<number> {
  let text = raw.normalize("NFKC").replace(/\s+/g, "");
  if (allowParentheses) {
    const m = /^\((.*)\)$/.exec(text);
    if (m) text = m[1] ?? "";
  }
  if (/^-\d[\d,]*(\.\d+)?$/.test(text)) return { ok: false, message: `${what}は0以上の整数で入力してください: 「${raw}」` };
  if (/^(\d{1,3}(,\d{3})+|\d+)\.\d+$/.test(text)) return { ok: false, message: `${what}は整数で入力してください (小数は使えません): 「${raw}」` };
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(text)) return { ok: false, message: `${what}を数値として読めません: 「${raw}」(0以上の整数を入力してください)` };
  const value = Number(text.replace(/,/g, ""));
  if (!Number.isSafeInteger(value)) return { ok: false, message: `${what}が大きすぎます: 「${raw}」` };
  return { ok: true, value };
}

/** 1234 → "1,234" (grouping as Japanese tables print it). */
export function formatCount(n: number): string {
  return n.toLocaleString("ja-JP");
}
