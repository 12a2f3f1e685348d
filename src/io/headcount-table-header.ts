/**
 * 職員数 (headcount) import, table layout (図表4): finding and reading the header row of fiscal years (and 定数).
 * The era of years written without one comes from a title above the header or the header's first cell; a row of
 * unreadable year labels above the row found is reported rather than silently skipped. Nothing here writes.
 */
import { formatFiscalYear } from "../domain/era.js";
import { readNumberCell } from "../domain/number-cell.js";
import { eraNamedIn } from "../domain/year-header.js";
import { cellAt, compact, eraOfTitle, type Grid } from "./cells.js";
import { parseYear } from "./headcount-figures.js";
import { cellProblem, type ImportProblem, rowProblem } from "./problems.js";
import type { UnitLookup } from "./unit-lookup.js";

/** A column of the table holding one fiscal year's figures: `column` is 0-based, `fiscalYear` the 年度 (西暦). */
export interface YearColumn {
  column: number;
  fiscalYear: number;
}

/**
 * The header read: its row (0-based `index`), the year columns in the order written, the first 定数 column if any,
 * and the problems of its cells (an unreadable year, a year written twice; those columns are left out).
 */
export interface TableHeader {
  index: number;
  yearColumns: YearColumn[];
  quotaColumn: number | undefined;
  problems: ImportProblem[];
}

function isQuotaHeader(text: string): boolean {
  return /^(定数|条例定数|quota)$/i.test(compact(text));
}

interface YearContext {
  currentFiscalYear: number;
  era?: string;
}

/** The era for headers that write years without it: a title above the header, or the header's own first cell. */
function headerContext(rows: Grid, index: number, currentFiscalYear: number): YearContext {
  const era = eraOfTitle(rows, index) ?? eraNamedIn(cellAt(rows[index], 0));
  return era === undefined ? { currentFiscalYear } : { currentFiscalYear, era };
}

/** A title merged over the columns, which the xlsx reader repeats into every cell of the merge: never a header. */
function isRepeatedTitle(row: readonly string[]): boolean {
  const filled = row.map((c) => c.trim()).filter((c) => c !== "");
  return filled.length > 1 && new Set(filled).size === 1;
}

/**
 * The header is the first row whose cells after the first are mostly fiscal years (a typo in one must not hide
 * it). A row whose first cell names a unit is data, never the header (「町 2540 2521」 is not two years).
 */
function findYearHeader(rows: Grid, lookup: UnitLookup, currentFiscalYear: number): { index: number } | { problem: ImportProblem } {
  const index = rows.findIndex((row, index) => {
    if (lookup.tableRow(cellAt(row, 0)).ok || isRepeatedTitle(row)) return false;
    const context = headerContext(rows, index, currentFiscalYear);
    const labels = row.slice(1).map((c) => c.trim()).filter((c) => c !== "" && !isQuotaHeader(c));
    const readable = labels.filter((c) => parseYear(c, context).ok).length;
    return readable > 0 && readable * 2 >= labels.length;
  });
  if (index < 0) return { index };
  // A row of labels above the row found is the table's real header, whose years could not be read: the row found is
  // then data (「議会 25 26」 under a title naming 平成 is not 平成25年・26年), never the header (kind B).
  const found = rows[index] ?? [];
  const context = headerContext(rows, index, currentFiscalYear);
  const yearColumns = found.map((c, i) => i).filter((i) => i > 0 && parseYear(cellAt(found, i), context).ok);
  for (let j = 0; j < index; j++) {
    const row = rows[j] ?? [];
    // Labels that try to say a year (a digit or an era in them) and are no number; a group label over the years
    // (「職員数」 above 「R6.4.1」「R7.4.1」) or a note (「(単位:人)」) is not one.
    const texts = yearColumns
      .map((i) => cellAt(row, i))
      .filter((c) => c !== "" && !readNumberCell(c).ok && /[0-9０-９〇一二三四五六七八九十元]|明治|大正|昭和|平成|令和/.test(c) && !/単位|※|注/.test(c));
    if (texts.length === 0 || texts.length * 2 < yearColumns.length || isRepeatedTitle(row)) continue;
    const reasons = texts.slice(0, 3).map((t) => {
      const read = parseYear(t, headerContext(rows, j, currentFiscalYear));
      return read.ok ? `「${t}」` : read.message;
    });
    return {
      problem: rowProblem("error", j + 1, `${j + 1}行目が年度の見出しのようですが、年度として読めません: ${reasons.join(" / ")}。その下の${index + 1}行目の数値は年度の見出しとしては読みません (年度の見出しを「H29.4.1」「令和6年度」のように直してください)`),
    };
  }
  return { index };
}

/**
 * A header row of years written without their era (「27年」「28年」, kind B) under no title that names one: the reason
 * to give instead of "no header found", naming the row and the labels.
 */
function eralessHeaderProblem(rows: Grid): ImportProblem | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const labels = (rows[r] ?? []).slice(1).map((c) => c.trim().normalize("NFKC")).filter((c) => c !== "");
    const eraless = labels.filter((c) => /^\d{1,2}\s*年度?$|^\d{1,2}$/.test(c));
    if (eraless.length >= 2 && eraless.length * 2 >= labels.length) {
      const shown = eraless.slice(0, 3).map((c) => `「${c}」`).join("");
      return rowProblem("error", r + 1, `見出し${shown}は元号のない年です。表の上の題に元号を書くか(例:「平成27年4月1日現在」)、「H27」「平成27年」のように元号を付けて書いてください`);
    }
  }
  return null;
}

/**
 * Finds and reads the 図表4 header: the first row that is mostly fiscal years (「令7 (2025)」「H29.4.1」, era-less years
 * taking the era of a title above), with an optional 定数 column. `currentFiscalYear` (年度) resolves years written
 * without a century. Returns `{ problem }` when no header can be found (the reason names the row that looked like
 * one, or the era-less labels), else the header with the problems of its cells.
 */
export function readTableHeader(rows: Grid, lookup: UnitLookup, currentFiscalYear: number): TableHeader | { problem: ImportProblem } {
  const found = findYearHeader(rows, lookup, currentFiscalYear);
  if ("problem" in found) return found;
  const header = rows[found.index];
  if (!header) {
    return { problem: eralessHeaderProblem(rows) ?? rowProblem("error", 1, "年度の見出し行が見つかりません (2列目以降に「令7 (2025)」のような年度を並べた行が必要です)") };
  }
  const headerRow = found.index + 1;
  const context = headerContext(rows, found.index, currentFiscalYear);
  const problems: ImportProblem[] = [];
  const yearColumns: YearColumn[] = [];
  let quotaColumn: number | undefined;
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (index === 0 || text === "") return;
    if (isQuotaHeader(text)) {
      quotaColumn ??= index;
      return;
    }
    const year = parseYear(text, context);
    if (!year.ok) {
      problems.push(cellProblem("error", headerRow, index + 1, `年度の見出しを読めません: ${year.message}`));
      return;
    }
    const same = yearColumns.find((y) => y.fiscalYear === year.value);
    if (same) {
      problems.push(cellProblem("error", headerRow, index + 1, `${formatFiscalYear(year.value)}の列が2つあります (${same.column + 1}列目と${index + 1}列目)`));
      return;
    }
    yearColumns.push({ column: index, fiscalYear: year.value });
  });
  return { index: found.index, yearColumns, quotaColumn, problems };
}
