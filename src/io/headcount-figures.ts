/**
 * The roll-up of stated figures shared by both headcount layouts (long and 図表4 table): the figures as the file
 * states them, with where they were written, then records derived from them and checked against each other.
 * Nothing here writes: the caller applies the records only when the problem list has no error.
 */
import { formatFiscalYear } from "../domain/era.js";
import { CATEGORY_KEYS, categoryLabel, type HeadcountCategory, type HeadcountCounts, headcountProblems } from "../domain/headcount.js";
import { type HeadcountRecord, unitTotalsForYear } from "../domain/staffing.js";
import { formatCount, type Parsed, readYearCell } from "./cells.js";
import { cellProblem, type ImportProblem } from "./problems.js";
import type { ImportUnit, UnitLookup } from "./unit-lookup.js";
import type { QuotaTotal, YearQuota } from "./headcount-quota-rows.js";

/** What a headcount file holds once read: records, quotas, years and every problem. */
export interface HeadcountImport {
  /** One per unit and year, all categories merged. */
  records: HeadcountRecord[];
  /**
   * From a 定数 column, when the file has one. `memberUnitIds` (the unit itself first) when one figure covers several
   * 任命権者 together (a 定数 cell merged over their rows): one shared quota, 条例 that sets one figure for them all.
   */
  quotas: { unitId: number; quota: number; memberUnitIds?: number[] }[];
  years: number[];
  problems: ImportProblem[];
  /** Where each stated figure was written, so later checks (plausibility) can name the cell. */
  places?: { unitId: number; fiscalYear: number; category: HeadcountCategory; row: number; column: number }[];
  /** 条例定数 from a bracketed row under a unit (「[1,490]」, 図表4 layout): each from its column's fiscal year on. */
  yearQuotas?: YearQuota[];
  /** Bracketed quotas under a total row: checked against the sum of the units' quotas of the year, never stored. */
  quotaTotals?: QuotaTotal[];
}

/** A fiscal-year label or survey date (readYearHeader), or the reason it cannot be read. */
export function parseYear(raw: string, context: { currentFiscalYear: number; era?: string }): Parsed<number> {
  return readYearCell(raw, context);
}

// Shared by both layouts: the figures as stated in the file, then records derived from them.

export interface Place {
  row: number;
  column: number;
}

/** A figure as the file states it, with where it was written. */
export interface Stated extends Place {
  value: number;
}

/** Figures as stated in the file, by unit, fiscal year and category. */
export class StatedFigures {
  /** key `${unitId}:${fy}` → category → figure. */
  private readonly figures = new Map<string, Map<HeadcountCategory, Stated>>();

  get(unitId: number, fy: number, category: HeadcountCategory): Stated | undefined {
    return this.figures.get(`${unitId}:${fy}`)?.get(category);
  }

  set(unitId: number, fy: number, category: HeadcountCategory, figure: Stated): void {
    const key = `${unitId}:${fy}`;
    const map = this.figures.get(key) ?? new Map<HeadcountCategory, Stated>();
    map.set(category, figure);
    this.figures.set(key, map);
  }

  places(): NonNullable<HeadcountImport["places"]> {
    return this.entries().flatMap(({ unitId, fiscalYear, figures }) =>
      [...figures].map(([category, f]) => ({ unitId, fiscalYear, category, row: f.row, column: f.column })),
    );
  }

  entries(): { unitId: number; fiscalYear: number; figures: Map<HeadcountCategory, Stated> }[] {
    return [...this.figures].map(([key, figures]) => {
      const [unitId, fiscalYear] = key.split(":").map(Number);
      return { unitId: unitId ?? 0, fiscalYear: fiscalYear ?? 0, figures };
    });
  }
}

/**
 * Sum of the figures stated for a category by the nearest units below `unitId` that state one (a department
 * stating 職員数 stands for its divisions). Null when nothing below states the category.
 */
/** True when every child existing in the year states 職員数, itself or through all of its own children. */
function everyChildStates(lookup: UnitLookup, stated: StatedFigures, unitId: number, fy: number): boolean {
  const children = lookup.children(unitId, fy);
  return children.length > 0 && children.every((c) => stated.get(c.id, fy, "staff") !== undefined || everyChildStates(lookup, stated, c.id, fy));
}

function statedBelow(lookup: UnitLookup, stated: StatedFigures, unitId: number, fy: number, category: HeadcountCategory): number | null {
  let sum: number | null = null;
  for (const child of lookup.children(unitId, fy)) {
    const own = stated.get(child.id, fy, category);
    const below = own ? own.value : statedBelow(lookup, stated, child.id, fy, category);
    if (below !== null) sum = (sum ?? 0) + below;
  }
  return sum;
}

/**
 * Turns stated figures into records, the way unitTotalsForYear rolls them up again:
 * - a parent's 職員数 is not stored when every unit below it states theirs (it is derived), but must equal their sum;
 *   when only some do, the parent's own figure is stored (domain/roll-up.ts);
 * - in a table (`partsAreTotals`) a parent's うち数 (派遣 …) counts the whole parent, as its 職員数 does, so what
 *   is stored on it is the part not stated below; in the long layout every figure is the unit's own.
 * Then checks every unit's figures against each other (headcountProblems). Sums are not checked for the years in
 * `unsure`, where a figure could not be read: the mismatch would only repeat that error.
 */
export function buildRecords(
  lookup: UnitLookup,
  stated: StatedFigures,
  problems: ImportProblem[],
  partsAreTotals: boolean,
  unsure: ReadonlySet<number> = new Set(),
): HeadcountRecord[] {
  const records: HeadcountRecord[] = [];
  const parentStaff: { unit: ImportUnit; fiscalYear: number; figure: Stated }[] = [];
  for (const { unitId, fiscalYear, figures } of stated.entries()) {
    const unit = lookup.units.find((u) => u.id === unitId);
    if (!unit) continue;
    const counts: HeadcountCounts = {};
    const asStated: HeadcountCounts = {};
    for (const category of CATEGORY_KEYS) {
      const figure = figures.get(category);
      if (!figure) continue;
      asStated[category] = figure.value;
      const below = category === "staff" || partsAreTotals ? statedBelow(lookup, stated, unitId, fiscalYear, category) : null;
      // A parent stands for its children only when every one of them states 職員数 (domain/roll-up.ts); a partly
      // stated parent keeps its own figure, and the preview shows the difference.
      if (below === null || (category === "staff" && !everyChildStates(lookup, stated, unitId, fiscalYear))) {
        counts[category] = figure.value;
      } else if (category === "staff") {
        parentStaff.push({ unit, fiscalYear, figure });
      } else if (figure.value < below) {
        problems.push(
          cellProblem("error", figure.row, figure.column,
            `「${unit.name}」の${formatFiscalYear(fiscalYear)}の${categoryLabel(category)} ${figure.value} が、その下の組織の${categoryLabel(category)}の合計 ${below} より少なくなっています`),
        );
      } else if (figure.value > below) {
        counts[category] = figure.value - below;
      }
    }
    const staffFigure = figures.get("staff") ?? [...figures.values()][0];
    for (const message of headcountProblems(asStated)) {
      if (staffFigure) problems.push(cellProblem("error", staffFigure.row, staffFigure.column, `「${unit.name}」の${formatFiscalYear(fiscalYear)}: ${message}`));
    }
    if (Object.keys(counts).length > 0) records.push({ unitId, fiscalYear, counts });
  }
  const totalsByYear = new Map<number, ReturnType<typeof unitTotalsForYear>>();
  for (const { unit, fiscalYear, figure } of parentStaff) {
    if (unsure.has(fiscalYear)) continue;
    const totals = totalsByYear.get(fiscalYear) ?? unitTotalsForYear(lookup.units, records, fiscalYear);
    totalsByYear.set(fiscalYear, totals);
    const derived = totals.get(unit.id)?.staff ?? null;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", figure.row, figure.column,
          `「${unit.name}」の${formatFiscalYear(fiscalYear)}の職員数 ${formatCount(figure.value)} が、その下の組織の合計 ${derived === null ? "(なし)" : formatCount(derived)} と一致しません`),
      );
    }
  }
  records.sort((a, b) => a.fiscalYear - b.fiscalYear || a.unitId - b.unitId);
  return records;
}

/** The fiscal years of the records (and `extra`), ascending, once each. */
export function yearsOf(records: readonly HeadcountRecord[], extra: readonly number[] = []): number[] {
  return [...new Set([...records.map((r) => r.fiscalYear), ...extra])].sort((a, b) => a - b);
}
