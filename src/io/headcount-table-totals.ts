/**
 * 職員数 (headcount) import, table layout (図表4): the figures a table states but we derive — a group's 定数 (the sum
 * of its members'), 一般職(合計) and 一般職(定数合計) — checked against what the unit rows give, never stored.
 * Also the one reader of a number cell of the table. Nothing here writes.
 */
import { formatFiscalYear } from "../domain/era.js";
import { type HeadcountRecord, leaveRecorded, yearTotals } from "../domain/staffing.js";
import { cellAt, formatCount, parseCount } from "./cells.js";
import type { HeadcountImport, Stated } from "./headcount-figures.js";
import type { YearColumn } from "./headcount-table-header.js";
import { cellProblem, type ImportProblem } from "./problems.js";
import type { ImportUnit, UnitLookup } from "./unit-lookup.js";

/** The label of the row stating the sum of the units' 職員数 (人). */
export const GENERAL_TOTAL = "一般職(合計)";
/** The label of the row stating the derived quota count (職員数 − 派遣 − 休職・休業 + 育児休業代替, 人). */
export const QUOTA_TOTAL = "一般職(定数合計)";

/**
 * One number cell of the table (`column` 0-based, `r` the 1-based row), read as a count of `what` (written "(18)"
 * when `parenthesised`). Undefined for a blank (not recorded), null for an unreadable cell (reported to `problems`).
 */
export function readTableFigure(
  row: readonly string[],
  r: number,
  column: number,
  what: string,
  parenthesised: boolean,
  problems: ImportProblem[],
  /** Given when the table says what its 外数 are: a 外数 on the cell's second line goes here instead of a warning. */
  keepOutside?: (outside: Stated) => void,
): Stated | null | undefined {
  const text = cellAt(row, column);
  if (text === "") return undefined;
  const parsed = parseCount(text, what, parenthesised);
  if (!parsed.ok) {
    problems.push(cellProblem("error", r, column + 1, parsed.message));
    return null;
  }
  if (parsed.outside !== undefined && keepOutside) keepOutside({ value: parsed.outside, row: r, column: column + 1 });
  else if (parsed.note) problems.push(cellProblem("warning", r, column + 1, parsed.note));
  return { value: parsed.value, row: r, column: column + 1 };
}

/**
 * Where a sheet says that the 外数 it writes under its figures are 育児休業代替任期付職員 (gyokaku's only 外数, the one
 * MIC's tables have), e.g. a note 「( )内は外数で、育児休業代替任期付職員数」: that cell's text, else undefined.
 */
export function childcareOutsideNote(rows: readonly (readonly string[])[]): string | undefined {
  for (const row of rows) for (const cell of row) if (/外数/.test(cell) && /育児休業代替|育休代替/.test(cell)) return cell.replace(/\s+/g, " ").trim();
  return undefined;
}

/**
 * Groups (行政委員会等) show the sum of their members' quotas: checked (unless `unsure`, when a quota could not be
 * read), never stored. A quota shared by several units is stored once, for all of them. Returns the quotas to store.
 */
export function checkGroupQuotas(quotas: readonly { unit: ImportUnit; figure: Stated; members?: ImportUnit[] }[], unsure: boolean, problems: ImportProblem[]): HeadcountImport["quotas"] {
  const stored = quotas.filter((q) => q.unit.kind !== "group");
  for (const { unit, figure } of unsure ? [] : quotas) {
    if (unit.kind !== "group") continue;
    const members = stored.filter((q) => q.unit.parentId === unit.id);
    if (members.length === 0) {
      problems.push(cellProblem("warning", figure.row, figure.column, `「${unit.name}」の定数は構成する組織の定数の合計ですが、構成する組織の定数がないため確かめられません。取り込みません`));
      continue;
    }
    const sum = members.reduce((s, q) => s + q.figure.value, 0);
    if (sum !== figure.value) {
      problems.push(cellProblem("error", figure.row, figure.column, `「${unit.name}」の定数 ${formatCount(figure.value)} が、構成する組織の定数の合計 ${formatCount(sum)} と一致しません`));
    }
  }
  return stored.map((q) => (q.members && q.members.length > 1 ? { unitId: q.unit.id, quota: q.figure.value, memberUnitIds: q.members.map((m) => m.id) } : { unitId: q.unit.id, quota: q.figure.value }));
}

/**
 * The 一般職(合計) row (`r`, 1-based): each year's figure against the sum of the units' 職員数 (yearTotals), and the
 * figure in the 定数 column (when given) against the sum of the quotas stored. Mismatches are errors on the cell.
 */
export function checkGeneralTotal(
  row: readonly string[],
  r: number,
  yearColumns: readonly YearColumn[],
  quotaColumn: number | undefined,
  lookup: UnitLookup,
  records: readonly HeadcountRecord[],
  quotas: readonly { unitId: number; quota: number }[],
  problems: ImportProblem[],
): void {
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, GENERAL_TOTAL, false, problems);
    if (!figure) continue;
    const derived = yearTotals(lookup.units, records, fiscalYear).generalTotal;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", r, column + 1,
          `${GENERAL_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} が、各組織の職員数の合計 ${derived === null ? "(なし)" : formatCount(derived)} と一致しません`),
      );
    }
  }
  if (quotaColumn === undefined) return;
  const figure = readTableFigure(row, r, quotaColumn, "定数の合計", false, problems);
  if (!figure) return;
  const sum = quotas.reduce((s, q) => s + q.quota, 0);
  if (sum !== figure.value) {
    problems.push(cellProblem("error", r, quotaColumn + 1, `定数の合計 ${formatCount(figure.value)} が、各組織の定数の合計 ${formatCount(sum)} と一致しません`));
  }
}

/**
 * 一般職(定数合計) is derived (職員数 − 派遣 − 休職・休業 + 育児休業代替), never typed in. It can be checked only
 * when the year has leave figures; the quota column on this row holds the cap ("(3%上限) 1,092") and is skipped.
 */
export function checkQuotaTotal(
  row: readonly string[],
  r: number,
  yearColumns: readonly YearColumn[],
  lookup: UnitLookup,
  records: readonly HeadcountRecord[],
  problems: ImportProblem[],
): void {
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, QUOTA_TOTAL, false, problems);
    if (!figure) continue;
    if (!leaveRecorded(records, fiscalYear)) {
      problems.push(
        cellProblem("warning", r, column + 1,
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} は、休職・休業と育児休業代替任期付職員の人数がファイルにないため確かめられません。この値は取り込みません (職員数から計算されます)`),
      );
      continue;
    }
    const derived = yearTotals(lookup.units, records, fiscalYear).quotaTotal;
    if (derived !== figure.value) {
      // A year with 育児休業代替 but no 休職・休業 figure is computed with 0 on leave: say so, as that (not a double count) is
      // usually why a published 定数合計 disagrees.
      const noLeave = !records.some((x) => x.fiscalYear === fiscalYear && x.counts.onLeave !== undefined);
      problems.push(
        cellProblem("error", r, column + 1,
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} が、各組織から計算した値 ${derived === null ? "(なし)" : formatCount(derived)} と一致しません` +
            (noLeave ? " (休職・休業の人数がファイルにないため 0 人として計算しています。「(うち休職・休業)」の行を加えてください)" : "")),
      );
    }
  }
}
