/**
 * 条例定数 (ordinance quota) written in brackets on the row under a unit or a total, as published 図表4-shaped tables
 * print it (issue 10 kind G): 「[1,490]」「［1,490］」 in a year column, the first cell blank. Under a unit it is that unit's
 * quota from that fiscal year; under a total it is the sum of the quotas of the units the total covers, checked and
 * never stored. Nothing here writes.
 */
import { foldNumberText } from "../domain/text-fold.js";
import { readNumberCell } from "../domain/number-cell.js";
import { cellAt } from "./cells.js";
import type { Stated } from "./headcount-figures.js";

/** A quota read from a bracket row under a unit: 条例定数 (人) of `unitId` from `fiscalYear` (年度), and its cell. */
export interface YearQuota {
  unitId: number;
  fiscalYear: number;
  quota: number;
  row: number;
  column: number;
}

/** A bracketed quota under a total row (`label`, e.g. 一般職(合計)): to be checked against the units' quotas of the year. */
export interface QuotaTotal {
  label: string;
  fiscalYear: number;
  quota: number;
  row: number;
  column: number;
}

/**
 * The bracketed figures of a row whose first cell is blank and whose every filled cell is a bracketed count in a
 * year column, by fiscal year; null when the row is anything else (it is then read as the importer reads any row).
 * A bracketed cell that is not a whole number ≥ 0 gives `invalid` with its column (1-based) and the text.
 */
export function bracketedQuotaRow(
  row: readonly string[],
  r: number,
  yearColumns: readonly { column: number; fiscalYear: number }[],
): { figures: { fiscalYear: number; figure: Stated }[]; invalid: { column: number; text: string }[] } | null {
  if (cellAt(row, 0) !== "") return null;
  const figures: { fiscalYear: number; figure: Stated }[] = [];
  const invalid: { column: number; text: string }[] = [];
  for (let c = 1; c < row.length; c++) {
    const text = cellAt(row, c);
    if (text === "") continue;
    const year = yearColumns.find((y) => y.column === c);
    const read = readNumberCell(text);
    const bracketed = read.ok && read.cell.bracketed === true;
    if (!year || !(bracketed || /^\[.*\]$/.test(foldNumberText(text)))) return null;
    const value = read.ok ? read.cell.value : null;
    if (!read.ok || value === null || !Number.isSafeInteger(value) || value < 0 || read.cell.change !== undefined || read.cell.outside !== undefined) {
      invalid.push({ column: c + 1, text });
      continue;
    }
    figures.push({ fiscalYear: year.fiscalYear, figure: { value, row: r, column: c + 1 } });
  }
  return figures.length + invalid.length > 0 ? { figures, invalid } : null;
}

/** A total that stands for every quota-holding unit (合計, 総計, 一般職(合計), 一般職合計 …); a 小計 does not. */
export function isGrandTotalLabel(label: string): boolean {
  const t = foldNumberText(label).replace(/\s/g, "");
  return /^(一般職\(?合計\)?|一般職計|合計|総計|総合計|全体計|職員数合計|職員数計|総数|職員総数)$/.test(t);
}
