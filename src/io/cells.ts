/**
 * Cells and numbers as every importer reads them: a grid of text (from CSV or xlsx alike), a cell by index,
 * labels compared without width differences or spaces, counts as tables print them (typed counts: domain/typed-count.ts).
 * Shared by the headcount, age-profile, MIC and reform importers; nothing here knows a layout.
 */

import { readNumberCell } from "../domain/number-cell.js";
import { foldLookalikes } from "../domain/text-fold.js";
import { eraNamedIn, tryYearHeader } from "../domain/year-header.js";

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

/**
 * Labels are compared without width differences, look-alikes or spaces: the seed and MIC space out short names
 * (「病 院」「議 会」), converters differ in 「－」「～」「‖」 (foldLookalikes).
 */
export function compact(text: string): string {
  return foldLookalikes(text).replace(/\s+/g, "");
}

/** The era a title above a table names (「平成28年4月1日現在」), for headers that write years without it. */
export function eraOfTitle(rows: Grid, before: number): string | undefined {
  for (let r = 0; r < Math.min(before, rows.length); r++) {
    for (const cell of rows[r] ?? []) {
      const era = eraNamedIn(cell);
      if (era) return era;
    }
  }
  return undefined;
}

/** A year header or 年度 cell (see readYearHeader) as a result instead of a throw. */
export function readYearCell(text: string, context: { currentFiscalYear: number; era?: string }): Parsed<number> {
  return tryYearHeader(text, { currentFiscalYear: context.currentFiscalYear, ...(context.era ? { era: context.era } : {}) });
}

/** The first row (0-based) that is not blank; -1 when every row is. */
export function firstNonBlankRow(rows: Grid): number {
  return rows.findIndex((r) => !isBlankRow(r));
}

/** A result (with a note on what an annotation in the cell meant, when it is not kept) or the Japanese reason it could not be read. */
export type Parsed<T> = { ok: true; value: T; note?: string; outside?: number } | { ok: false; message: string };

/**
 * A headcount or quota as people type it and tables print it: "1,055", full-width digits, 「284人」, and in tables
 * "(18)" for うち数 (see readNumberCell for every spelling). Anything but a non-negative whole number is rejected, not
 * rounded. A 外数 written on a second line (「1,184人\n( 61人)」) is not part of the figure: the value is read and
 * `note` says the 外数 was left out and `outside` holds it (for a table that says what its 外数 are). `what` names the
 * figure in the message. (domain/typed-count.ts parseTypedCount reads typed counts with
 * the same readNumberCell; the two differ in what a table may carry: 「(18)」 うち数 and 外数 lines.)
 */
export function parseCount(raw: string, what: string, allowParentheses: boolean): Parsed<number> {
  const read = readNumberCell(raw);
  const unreadable = { ok: false as const, message: `${what}を数値として読めません: 「${raw}」(0以上の整数を入力してください)` };
  if (!read.ok) return unreadable;
  const { value, parenthesised, change, bracketed, outside } = read.cell;
  if (value === null || change !== undefined || bracketed || (parenthesised && !allowParentheses)) return unreadable;
  if (value < 0) return { ok: false, message: `${what}は0以上の整数で入力してください: 「${raw}」` };
  if (!Number.isInteger(value)) return { ok: false, message: `${what}は整数で入力してください (小数は使えません): 「${raw}」` };
  // Past a safe integer nothing can be read exactly. Smaller but implausible figures are the importers' plausibility rules'
  // to refuse (domain/plausibility.ts), which name the unit, the year and why, as no cell-level bound can.
  if (!Number.isSafeInteger(value)) return { ok: false, message: `${what}が大きすぎます: 「${raw}」` };
  // gyokaku's only 外数 is 育児休業代替任期付職員 (domain/headcount.ts); a 外数 in brackets does not say it is that one.
  return outside === undefined
    ? { ok: true, value }
    : {
        ok: true,
        value,
        outside,
        note: `2行目の外数 ${formatCount(outside)}人 (「${raw.replace(/\r?\n/g, " ")}」) は${what} ${formatCount(value)}人 に含めず、取り込みません: 外数が何の区分か書かれておらず、gyokaku が記録する外数は育児休業代替任期付職員だけです (それなら「(うち育児休業代替任期付職員)」の行に書いてください)`,
      };
}

/** 1234 → "1,234" (grouping as Japanese tables print it). */
export function formatCount(n: number): string {
  return n.toLocaleString("ja-JP");
}
