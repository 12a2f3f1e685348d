/**
 * 条例定数 (ordinance quota) written in brackets on the row under a unit or a total, as published 図表4-shaped tables
 * print it (issue 10 kind G): 「[1,490]」「［1,490］」 in a year column, the first cell blank. Under a unit it is that unit's
 * quota from that fiscal year; under a total it is the sum of the quotas of the units the total covers, checked and
 * never stored. Nothing here writes.
 */
import { foldNumberText } from "../domain/text-fold.js";
import { readNumberCell } from "../domain/number-cell.js";
import { existsIn } from "../domain/organisation.js";
import { cellAt, formatCount } from "./cells.js";
import type { Stated } from "./headcount-figures.js";
import { cellProblem, type ImportProblem } from "./problems.js";
import { type ImportUnit, notExistingMessage } from "./unit-lookup.js";

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

/**
 * A bracketed 条例定数 row (「[1,490]」): under a unit, the unit's quota from each year; under a total, figures to check
 * against the units' quotas (services/headcount-transfer); anywhere else, refused. A group's or 特別職's quota is not stored.
 */
export function readBracketedQuotas(
  read: NonNullable<ReturnType<typeof bracketedQuotaRow>>,
  above: { unit: ImportUnit } | { total: string } | null,
  r: number,
  problems: ImportProblem[],
  yearQuotas: YearQuota[],
  quotaTotals: QuotaTotal[],
): void {
  for (const bad of read.invalid) problems.push(cellProblem("error", r, bad.column, `条例定数を数値として読めません: 「${bad.text}」(「[1,490]」のように0以上の整数を角括弧で囲んでください)`));
  const first = read.figures[0]?.figure ?? { row: r, column: read.invalid[0]?.column ?? 2 };
  if (above === null) {
    problems.push(cellProblem("error", r, first.column, "角括弧の数値(条例定数)の上に、組織または合計の行がありません。条例定数は組織の行か合計の行のすぐ下に書いてください"));
    return;
  }
  if ("total" in above) {
    for (const { fiscalYear, figure } of read.figures) {
      if (isGrandTotalLabel(above.total)) quotaTotals.push({ label: above.total, fiscalYear, quota: figure.value, row: r, column: figure.column });
      else problems.push(cellProblem("warning", r, figure.column, `「${above.total}」の下の条例定数 [${formatCount(figure.value)}] は、どの組織の合計か分からないため確かめられません。取り込みません`));
    }
    return;
  }
  const unit = above.unit;
  if (unit.kind === "special" || unit.kind === "group") {
    const why = unit.kind === "special" ? "特別職で、定数の対象ではありません" : "構成する組織の定数の合計で、組織ごとの行から取り込みます";
    problems.push(cellProblem(unit.kind === "special" ? "error" : "warning", r, first.column, `「${unit.name}」の条例定数は${why}${unit.kind === "group" ? "。この行は取り込みません" : ""}`));
    return;
  }
  for (const { fiscalYear, figure } of read.figures) {
    if (!existsIn(unit, fiscalYear)) problems.push(cellProblem("error", r, figure.column, notExistingMessage(unit, fiscalYear)));
    else yearQuotas.push({ unitId: unit.id, fiscalYear, quota: figure.value, row: r, column: figure.column });
  }
}
