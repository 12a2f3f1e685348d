/**
 * 職員数 (headcount) import, table layout (図表4): units as rows and years as columns, the layout the annual
 * report prints. A grid of text → records, quotas and problems tied to rows and cells; nothing here writes.
 */
import { CATEGORY_KEYS, categoryFromLabel, categoryLabel } from "../domain/headcount.js";
import { existsIn } from "../domain/organisation.js";
import { type NonUnitRow, nonUnitRowKind } from "../domain/number-cell.js";
import { cellAt, compact, formatCount, type Grid, isBlankRow } from "./cells.js";
import type { MergedRange } from "./xlsx.js";
import { buildRecords, type HeadcountImport, type Stated, StatedFigures, yearsOf } from "./headcount-figures.js";
import { readTableHeader, type YearColumn } from "./headcount-table-header.js";
import { checkGeneralTotal, checkGroupQuotas, checkQuotaTotal, childcareOutsideNote, GENERAL_TOTAL, QUOTA_TOTAL, readTableFigure } from "./headcount-table-totals.js";
import { cellProblem, type ImportProblem, sortProblems } from "./problems.js";
import { type ImportUnit, notExistingMessage, UnitLookup } from "./unit-lookup.js";
import { bracketedQuotaRow, type QuotaTotal, readBracketedQuotas, type YearQuota } from "./headcount-quota-rows.js";

const NON_UNIT_ROW: Record<Exclude<NonUnitRow, "note">, string> = { total: "合計・小計", target: "目標数", change: "増減", rate: "率・比" };

/**
 * Table layout, as 図表4 prints it: a header row of fiscal years (and 定数), a row per unit (name in the first
 * cell), (うち…) rows under a unit, and the 一般職(合計) / 一般職(定数合計) rows, which are checked, not stored.
 */
export function parseHeadcountTable(rows: Grid, units: readonly ImportUnit[], options: { currentFiscalYear: number; merges?: readonly MergedRange[] }): HeadcountImport {
  const problems: ImportProblem[] = [];
  const lookup = new UnitLookup(units);
  const header = readTableHeader(rows, lookup, options.currentFiscalYear);
  if ("problem" in header) return { records: [], quotas: [], years: [], problems: [header.problem] };
  const { index: headerIndex, yearColumns, quotaColumn } = header;
  problems.push(...header.problems);

  const stated = new StatedFigures();
  // The sheet's note saying its 外数 are 育児休業代替任期付職員, if any: then they are stored as that category.
  const outsideNote = childcareOutsideNote(rows);
  const quotas: { unit: ImportUnit; figure: Stated; members?: ImportUnit[] }[] = [];
  // A 定数 cell merged down over several unit rows is one figure for those units together (共同の定数, issue 13.4a);
  // the reader repeats its value in every row, which must not become one quota per row.
  const quotaMerge = (r: number) => {
    const c = quotaColumn === undefined ? undefined : quotaColumn + 1;
    return c === undefined ? undefined : options.merges?.find((m) => m.bottom > m.top && m.left <= c && c <= m.right && m.top <= r && r <= m.bottom);
  };
  const sharedQuotas = new Map<number, { unit: ImportUnit; figure: Stated; members: ImportUnit[] }>();
  const unitRows = new Map<number, number>();
  const totalRows: { kind: "general" | "quota"; index: number }[] = [];
  // Years with a figure that could not be taken in; their sums are not checked (see buildRecords).
  const unsure = new Set<number>();
  let quotaUnsure = false;
  // The unit a (うち…) row belongs to; null after a total row or a row that matched no unit.
  let current: ImportUnit | null = null;
  // The row just above, for a bracketed 条例定数 row (「[1,490]」) under it: a unit row or a total row.
  let above: { unit: ImportUnit } | { total: string } | null = null;
  const yearQuotas: YearQuota[] = [];
  const quotaTotals: QuotaTotal[] = [];
  // After a unit row that was refused, its (うち…) rows are not reported again: the root cause is.
  let afterRefusedUnit = false;
  /** A row refused as a whole: its figures are missing from every year's sums, so those sums are not checked. */
  const refuseRow = () => {
    for (const { fiscalYear } of yearColumns) unsure.add(fiscalYear);
    quotaUnsure = true;
    current = null;
    afterRefusedUnit = true;
  };

  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const r = i + 1;
    if (isBlankRow(row)) continue;
    const first = cellAt(row, 0);
    const label = compact(first);
    if (label.startsWith("※")) continue;
    const bracketRow = bracketedQuotaRow(row, r, yearColumns);
    if (bracketRow) {
      readBracketedQuotas(bracketRow, above, r, problems, yearQuotas, quotaTotals);
      above = null;
      continue;
    }
    above = null;
    if (label === "") {
      problems.push(cellProblem("error", r, 1, "組織名が空欄です (1列目に組織名を入力してください)"));
      refuseRow();
      continue;
    }
    if (label === GENERAL_TOTAL || label === QUOTA_TOTAL) {
      totalRows.push({ kind: label === GENERAL_TOTAL ? "general" : "quota", index: i });
      above = { total: first };
      current = null;
      afterRefusedUnit = false;
      continue;
    }
    const nonUnit = lookup.tableRow(first).ok ? null : nonUnitRowKind(first);
    if (nonUnit === "note") continue;
    if (nonUnit !== null) {
      problems.push(cellProblem("warning", r, 1, `「${first}」は${NON_UNIT_ROW[nonUnit]}の行で組織ではないため、取り込みません`));
      if (nonUnit === "total") above = { total: first };
      current = null;
      continue;
    }
    if (/^\(.*\)$/.test(label)) {
      if (afterRefusedUnit) continue;
      readSubRow(row, r, first, current, yearColumns, stated, problems, unsure);
      continue;
    }
    const match = lookup.tableRow(first);
    if (!match.ok) {
      problems.push(cellProblem("error", r, 1, match.message));
      refuseRow();
      continue;
    }
    const unit = match.unit;
    const earlier = unitRows.get(unit.id);
    if (earlier !== undefined) {
      problems.push(cellProblem("error", r, 1, `組織「${unit.name}」の行が${earlier}行目にもあります`));
      refuseRow();
      continue;
    }
    unitRows.set(unit.id, r);
    current = unit;
    above = { unit };
    afterRefusedUnit = false;
    for (const { column, fiscalYear } of yearColumns) {
      // A 外数 on the cell's second line is 育児休業代替任期付職員 where the sheet says so (childcareOutsideNote).
      const keepOutside =
        outsideNote === undefined
          ? undefined
          : (outside: Stated) => {
              if (!existsIn(unit, fiscalYear)) return;
              stated.set(unit.id, fiscalYear, "childcareSubstitutes", outside);
              problems.push(cellProblem("warning", r, column + 1, `2行目の外数 ${formatCount(outside.value)}人 を「${unit.name}」の育児休業代替任期付職員として取り込みます (職員数には数えません。表の注記「${outsideNote.slice(0, 60)}」による)`));
            };
      const figure = readTableFigure(row, r, column, "職員数", false, problems, keepOutside);
      if (figure === null) unsure.add(fiscalYear);
      if (!figure) continue;
      if (existsIn(unit, fiscalYear)) {
        stated.set(unit.id, fiscalYear, "staff", figure);
      } else {
        problems.push(cellProblem("error", r, column + 1, notExistingMessage(unit, fiscalYear)));
        unsure.add(fiscalYear);
      }
    }
    const merged = quotaMerge(r);
    const shared = merged ? sharedQuotas.get(merged.top) : undefined;
    if (merged && shared) {
      // A later row of a merged 定数: this unit shares the figure read on the merge's first row.
      if (unit.kind === "special") problems.push(cellProblem("error", r, (quotaColumn ?? 0) + 1, `「${unit.name}」は特別職で、定数の対象ではありません`));
      else shared.members.push(unit);
    } else if (quotaColumn !== undefined) {
      const figure = readTableFigure(row, r, quotaColumn, "定数", false, problems);
      if (figure === null) quotaUnsure = true;
      if (figure && merged && unit.kind !== "special" && unit.kind !== "group") {
        const entry = { unit, figure, members: [unit] };
        sharedQuotas.set(merged.top, entry);
        quotas.push(entry);
      } else if (figure && unit.kind === "special") {
        problems.push(cellProblem("error", r, quotaColumn + 1, `「${unit.name}」は特別職で、定数の対象ではありません`));
      } else if (figure) {
        quotas.push({ unit, figure });
      }
    }
  }

  const records = buildRecords(lookup, stated, problems, true, unsure);
  const storedQuotas = checkGroupQuotas(quotas, quotaUnsure, problems);
  for (const q of yearQuotas) {
    if (storedQuotas.some((s) => s.unitId === q.unitId || s.memberUnitIds?.includes(q.unitId))) {
      problems.push(cellProblem("error", q.row, q.column, `「${lookup.units.find((u) => u.id === q.unitId)?.name ?? ""}」の条例定数が定数の列にも書かれています。どちらか一方にしてください`));
    }
  }
  for (const total of totalRows) {
    const row = rows[total.index] ?? [];
    const checkedYears = yearColumns.filter((y) => !unsure.has(y.fiscalYear));
    if (total.kind === "general") checkGeneralTotal(row, total.index + 1, checkedYears, quotaUnsure ? undefined : quotaColumn, lookup, records, storedQuotas, problems);
    else checkQuotaTotal(row, total.index + 1, checkedYears, lookup, records, problems);
  }
  return {
    records,
    quotas: storedQuotas,
    years: yearsOf(records, yearColumns.map((y) => y.fiscalYear)),
    problems: sortProblems(problems),
    places: stated.places(),
    yearQuotas,
    quotaTotals,
  };
}

/** A (うち…) row: a category of the nearest unit row above, values written "(18)". */
function readSubRow(
  row: readonly string[],
  r: number,
  first: string,
  current: ImportUnit | null,
  yearColumns: readonly YearColumn[],
  stated: StatedFigures,
  problems: ImportProblem[],
  unsure: Set<number>,
): void {
  const category = categoryFromLabel(first);
  if (!category || category === "staff") {
    problems.push(cellProblem("error", r, 1, `内訳「${first}」の区分が分かりません (「(うち派遣職員)」のように ${CATEGORY_KEYS.filter((k) => k !== "staff").map(categoryLabel).join("、")} のいずれかを書いてください)`));
    return;
  }
  if (!current) {
    problems.push(cellProblem("error", r, 1, `内訳「${first}」の上に、対応する組織の行がありません`));
    return;
  }
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, categoryLabel(category), true, problems);
    if (figure === null) unsure.add(fiscalYear);
    if (!figure) continue;
    const previous = stated.get(current.id, fiscalYear, category);
    if (!existsIn(current, fiscalYear)) {
      problems.push(cellProblem("error", r, column + 1, notExistingMessage(current, fiscalYear)));
      unsure.add(fiscalYear);
    } else if (previous) problems.push(cellProblem("error", r, column + 1, `「${current.name}」の${categoryLabel(category)}の行が${previous.row}行目にもあります`));
    else stated.set(current.id, fiscalYear, category, figure);
  }
}
