/**
 * 図表4 部局別職員数の推移 as data: units as rows (with their (うち…) rows), fiscal years as columns, the quota column and
 * both 一般職 totals, built from the recorded headcounts and quotas (domain/staffing.ts). Pure.
 */
import type { HeadcountCategory } from "./headcount.js";
import { existsIn, orderTree } from "./organisation.js";
import { quotaCap } from "./quota.js";
import type { RollUpGap } from "./roll-up.js";
import { type HeadcountRecord, ordinanceQuotaSum, quotaIn, type QuotaRecord, rollUpGapsForYear, type StaffingUnit, type UnitYearTotals, unitTotalsForYear, yearTotals } from "./staffing.js";

/** Kind of a 図表4 row: the unit's 職員数 ("unit") or one of its (うち…) category rows. */
export type TableRowKind = "unit" | HeadcountCategory;

/**
 * One row of the 図表4 table: a unit (indented by `depth`) or one of its (うち…) rows, with a cell (人) per year shown.
 */
export interface HeadcountTableRow {
  unitId: number;
  name: string;
  depth: number;
  /** "unit" for the 職員数 row, or the category of a (うち…) sub-row. */
  row: TableRowKind;
  /** One per year; null = blank (the unit did not exist, or nothing was recorded). */
  cells: (number | null)[];
  /** Quota in the last year shown (groups show the sum of their members'). */
  quota: number | null;
  /**
   * When `quota` is a shared quota (one ordinance figure for several 任命権者, issue 13.4a): the names of all its members,
   * this unit first, so the table can say the figure is theirs together. Absent for a unit's own quota.
   */
  quotaSharedBy?: string[];
  /** Names the unit had before a rename, with the last fiscal year each was used, when that falls in the span. */
  formerNames: { name: string; untilYear: number }[];
}

/** A 名称変更: from `fiscalYear` on the unit is called by its new name; before, by `oldName`. */
export interface UnitRename {
  unitId: number;
  fiscalYear: number;
  oldName: string;
}

/**
 * The 図表4 table (職員数の推移) built by buildHeadcountTable: the years (年度) shown, the unit rows, both 一般職 totals
 * per year (人), and the quota sum and cap (人) of the last year with its allowance (%).
 */
export interface HeadcountTable {
  years: number[];
  rows: HeadcountTableRow[];
  generalTotal: (number | null)[];
  quotaTotal: (number | null)[];
  /** Quota sum and cap of the last year shown (0 when no year is shown). */
  quotaSum: number;
  cap: number;
  allowancePercent: number;
  /** Per year shown: parents partly entered or disagreeing with their children (domain/roll-up.ts). */
  gaps: RollUpGap[];
}

const SUBROW_ORDER: HeadcountCategory[] = ["seconded", "fixedTerm", "onLeave", "childcareSubstitutes"];
const KEY_OF: Record<HeadcountCategory, keyof UnitYearTotals> = {
  staff: "staff",
  seconded: "seconded",
  fixedTerm: "fixedTerm",
  onLeave: "onLeave",
  childcareSubstitutes: "childcareSubstitutes",
};

/**
 * The 図表4 layout: units as rows (parents before children), years as columns, a (うち…) sub-row under a unit
 * for each category recorded on that unit itself, blank where a unit did not exist, totals and the quota column.
 */
export function buildHeadcountTable(
  units: readonly StaffingUnit[],
  records: readonly HeadcountRecord[],
  quotas: readonly QuotaRecord[],
  years: readonly number[],
  allowancePercent: number,
  renames: readonly UnitRename[] = [],
): HeadcountTable {
  const sortedYears = [...new Set(years)].sort((a, b) => a - b);
  // With no year shown there is no last year: no quota is read (quotaSum 0). The domain reads no clock.
  const lastYear = sortedYears[sortedYears.length - 1] ?? Number.NaN;
  const perYear = sortedYears.map((fy) => unitTotalsForYear(units, records, fy));
  const shownYears = new Set(sortedYears);
  // Units with no figures anywhere below them in these years (e.g. divisions kept for other purposes) add only empty rows.
  const withData = new Set<number>();
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  for (const r of records) {
    if (!shownYears.has(r.fiscalYear)) continue;
    for (let id: number | null | undefined = r.unitId; id !== null && id !== undefined && !withData.has(id); id = parentOf.get(id)) withData.add(id);
  }
  const firstYear = sortedYears[0] ?? lastYear;
  const formerNamesOf = (unitId: number) =>
    renames
      .filter((r) => r.unitId === unitId && r.fiscalYear > firstYear && r.fiscalYear <= lastYear)
      .sort((a, b) => a.fiscalYear - b.fiscalYear)
      .map((r) => ({ name: r.oldName, untilYear: r.fiscalYear - 1 }));
  const rows: HeadcountTableRow[] = [];
  for (const { unit, depth } of orderTree(units)) {
    if (!sortedYears.some((fy) => existsIn(unit, fy)) || !withData.has(unit.id)) continue;
    const formerNames = formerNamesOf(unit.id);
    const cell = (i: number, key: keyof UnitYearTotals) => {
      const t = perYear[i]?.get(unit.id);
      if (!t || !t.exists) return null;
      return t[key] as number | null;
    };
    rows.push({
      unitId: unit.id,
      name: unit.name,
      depth,
      row: "unit",
      cells: sortedYears.map((_, i) => cell(i, "staff")),
      quota: unit.kind === "group" ? sumOfChildQuotas(units, quotas, unit.id, lastYear) : quotaIn(quotas, unit.id, lastYear),
      ...sharedQuotaNames(units, quotas, unit.id, lastYear),
      formerNames,
    });
    for (const category of SUBROW_ORDER) {
      const recordedHere = records.some((r) => r.unitId === unit.id && shownYears.has(r.fiscalYear) && r.counts[category] !== undefined);
      if (!recordedHere) continue;
      rows.push({ unitId: unit.id, name: unit.name, depth, row: category, cells: sortedYears.map((_, i) => cell(i, KEY_OF[category])), quota: null, formerNames: [] });
    }
  }
  const summaries = sortedYears.map((fy) => yearTotals(units, records, fy));
  const quotaSum = sortedYears.length > 0 ? ordinanceQuotaSum(units, quotas, lastYear) : 0;
  return {
    years: sortedYears,
    rows,
    generalTotal: summaries.map((s) => s.generalTotal),
    quotaTotal: summaries.map((s) => s.quotaTotal),
    quotaSum,
    cap: quotaCap(quotaSum, allowancePercent),
    allowancePercent,
    gaps: sortedYears.flatMap((fy) => rollUpGapsForYear(units, records, fy)),
  };
}

/** { quotaSharedBy } when the quota recorded on `unitId` in `fiscalYear` is shared by several units; {} otherwise. */
function sharedQuotaNames(units: readonly StaffingUnit[], quotas: readonly QuotaRecord[], unitId: number, fiscalYear: number): { quotaSharedBy?: string[] } {
  const q = quotas.find((x) => x.unitId === unitId && existsIn(x, fiscalYear));
  if (!q?.memberUnitIds || q.memberUnitIds.length < 2) return {};
  const ids = [unitId, ...q.memberUnitIds.filter((id) => id !== unitId)];
  return { quotaSharedBy: ids.map((id) => units.find((u) => u.id === id)?.name ?? `#${id}`) };
}

function sumOfChildQuotas(units: readonly StaffingUnit[], quotas: readonly QuotaRecord[], parentId: number, fiscalYear: number): number | null {
  const values = units
    .filter((u) => u.parentId === parentId && existsIn(u, fiscalYear))
    .map((u) => quotaIn(quotas, u.id, fiscalYear))
    .filter((q): q is number => q !== null);
  return values.length === 0 ? null : values.reduce((s, q) => s + q, 0);
}
