/**
 * Read-only views for the 定数管理 pages that services/staffing.ts does not offer: the edit grid of one year,
 * the series of 図表5, the settings lists. Reads only, through the tenant's repositories.
 */
import type { PopulationRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import type { HeadcountCounts } from "../domain/headcount.js";
import { existsIn, orderTree } from "../domain/organisation.js";
import { describeRollUpGap } from "../domain/roll-up.js";
import { type EntryModel, entryModelOf } from "../domain/entry-totals.js";
import { complianceForYear, derivedStaffUnits, rollUpGapsForYear, type StaffingUnit, unitTotalsForYear } from "../domain/staffing.js";
import { type HeadcountTable } from "../domain/headcount-table.js";
import type { ChangeThreshold } from "../domain/plausibility.js";
import { allowancePercentIn, referenceDateIn, POLICY_KINDS, POLICY_LABELS, type PolicyKind } from "../domain/policy.js";
import { changeThresholdOf } from "./headcount-plausibility.js";
import { headcountTable, loadStaffing, policyPeriodsOf, toStaffingUnit } from "./staffing.js";
import { type SettingsReadValues, settingsReadValues } from "./staffing-settings-read.js";

/** Fiscal years that have any headcount figure, ascending. */
export function recordedHeadcountYears(tenant: Pick<TenantDb, "headcounts">): Promise<number[]> {
  return tenant.headcounts.recordedYears();
}

export interface HeadcountGridRow {
  /** The unit's place in the tree and its name. */
  unit: StaffingUnit;
  depth: number;
  /** 職員数 is the sum of the unit's children that exist this year, so it cannot be entered. */
  derived: boolean;
  /** 職員数 as 図表4 shows it (derived or own); null = nothing recorded. */
  shownStaff: number | null;
  /** The figures stored on the unit itself. */
  stored: HeadcountCounts;
  /** Own figure − sum of the children entered so far, when the unit is partly entered or disagrees with them. */
  difference: number | null;
  /** The figures of the previous recorded year (`HeadcountGrid.previousYear`): its own and its 職員数 as 図表4 showed it. */
  previous: { stored: HeadcountCounts; shownStaff: number | null };
}

export interface HeadcountGrid {
  fiscalYear: number;
  /** Units that exist in the year, parents before children. */
  rows: HeadcountGridRow[];
  /** Every unit of the municipality, to name units a form mentions that are not in the grid. */
  units: StaffingUnit[];
  /** Recorded reference date of the count when it is not the usual one (null: the usual one). */
  referenceDate: string | null;
  /** The usual count date of the year by the policy in force (April 1 unless decided otherwise). */
  usualReferenceDate: string;
  referenceNote: string;
  /** Parents partly entered or disagreeing with their children, in Japanese (domain/roll-up.ts). */
  gaps: string[];
  /** The latest year before this one with any figure (the year 「前年度の値を写す」 copies from); null when none. */
  previousYear: number | null;
  /** What the form's totals are computed on (domain/entry-totals.ts), on the server and in the browser alike. */
  entryModel: EntryModel;
  /** 許容率 in force in the year (%). */
  allowancePercent: number;
}

/** The edit grid of one fiscal year: what is stored per unit, and which 職員数 are derived from children. */
export async function headcountGrid(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, fiscalYear: number): Promise<HeadcountGrid> {
  const [data, years, recordedYears] = await Promise.all([loadStaffing(tenant, { from: fiscalYear, to: fiscalYear }), tenant.headcounts.listYearSettings(), tenant.headcounts.recordedYears()]);
  const previousYear = [...recordedYears].reverse().find((y) => y < fiscalYear) ?? null;
  const previousRecords = previousYear === null ? [] : (await loadStaffing(tenant, { from: previousYear, to: previousYear })).records;
  // A year not yet entered takes its structure (which 職員数 are sums) from the latest year before it.
  const modelYear = data.records.length > 0 || previousYear === null ? fiscalYear : previousYear;
  const model = modelYear === fiscalYear ? data.records : previousRecords;
  const previousTotals = unitTotalsForYear(data.units, previousRecords, previousYear ?? fiscalYear);
  const previousStored = new Map(previousRecords.map((r) => [r.unitId, r.counts]));
  const allowancePercent = allowancePercentIn(data.policies, fiscalYear);
  const yearCompliance = complianceForYear(data.units, data.records, data.quotas, fiscalYear, allowancePercent);
  const derived = derivedStaffUnits(data.units, model, modelYear);
  const totals = unitTotalsForYear(data.units, data.records, fiscalYear);
  const stored = new Map(data.records.map((r) => [r.unitId, r.counts]));
  const gaps = rollUpGapsForYear(data.units, data.records, fiscalYear);
  const gapOf = new Map(gaps.map((g) => [g.unitId, g]));
  const rows: HeadcountGridRow[] = [];
  for (const { unit, depth } of orderTree(data.units)) {
    if (!existsIn(unit, fiscalYear)) continue;
    rows.push({
      unit,
      depth,
      // The same rule saveHeadcounts applies (domain derivedStaffUnits).
      derived: derived.has(unit.id),
      shownStaff: totals.get(unit.id)?.staff ?? null,
      stored: stored.get(unit.id) ?? {},
      difference: gapOf.get(unit.id)?.difference ?? null,
      previous: { stored: previousStored.get(unit.id) ?? {}, shownStaff: previousTotals.get(unit.id)?.staff ?? null },
    });
  }
  const year = years.find((y) => y.fiscal_year === fiscalYear);
  const entryModel = entryModelOf(data.units, fiscalYear, yearCompliance);
  return {
    fiscalYear,
    rows,
    units: data.units,
    referenceDate: year?.reference_date ?? null,
    usualReferenceDate: referenceDateIn(data.policies, fiscalYear),
    referenceNote: year?.note ?? "",
    gaps: gaps.map(describeRollUpGap),
    previousYear,
    entryModel,
    allowancePercent,
  };
}

export interface StaffPopulationSeries {
  years: number[];
  /** 一般職(合計) per year. */
  staff: (number | null)[];
  population: (number | null)[];
  /** The day each population was counted on (null where there is no population). */
  populationDates: (string | null)[];
  populationSources: (string | null)[];
}

/** What staffPopulationSeries reads and writes of the municipality's repositories (a type error to reach another). */
export type StaffPopulationSeriesDb = Pick<TenantDb, "headcounts" | "policies" | "populations" | "quotas" | "reorgEvents" | "units">;

/** 図表5: 一般職(合計) per year beside 住基人口 (null where no population is recorded). */
export async function staffPopulationSeries(tenant: StaffPopulationSeriesDb, span: { from: number; to: number; everyYear?: boolean }): Promise<StaffPopulationSeries> {
  return staffPopulationSeriesOf(tenant, await headcountTable(tenant, span));
}

/** The same series from a 図表4 table already built (the document and the public dataset build it once for both). */
export async function staffPopulationSeriesOf(tenant: Pick<TenantDb, "populations">, table: Pick<HeadcountTable, "years" | "generalTotal">): Promise<StaffPopulationSeries> {
  const populations = await tenant.populations.list();
  const byYear = new Map<number, PopulationRow>(populations.map((p) => [p.fiscal_year, p]));
  const pick = <T>(f: (p: PopulationRow) => T) => table.years.map((fy) => {
    const p = byYear.get(fy);
    return p ? f(p) : null;
  });
  return {
    years: table.years,
    staff: table.generalTotal,
    population: pick((p) => p.population),
    populationDates: pick((p) => p.reference_date),
    populationSources: pick((p) => p.source),
  };
}

export interface QuotaView {
  id: number;
  unitId: number;
  /** The unit's name; a shared quota's members joined with 「・」. */
  unitName: string;
  /** One quota for several 任命権者 together. */
  shared: boolean;
  quota: number;
  validFrom: number | null;
  validTo: number | null;
  note: string;
}

export interface PolicyView {
  kind: PolicyKind;
  label: string;
  /** null: from the beginning. */
  validFrom: number | null;
  /** Last year in force (the year before the next period starts); null: still in force. */
  validTo: number | null;
  value: string;
}

/** A 住基人口 of one fiscal year as the settings page lists it. */
export interface PopulationView {
  fiscalYear: number;
  /** 人. */
  population: number;
  /** The day it was counted on, YYYY-MM-DD. */
  referenceDate: string;
  source: string;
}

/** A populations row as the settings page shows it. */
export function presentPopulation(row: PopulationRow): PopulationView {
  return { fiscalYear: row.fiscal_year, population: row.population, referenceDate: row.reference_date, source: row.source };
}

export interface StaffingSettings {
  /** The fiscal year the settings page speaks of (today's). */
  fiscalYear: number;
  /** 許容率 in force in `fiscalYear`. */
  allowancePercent: number;
  /** Every period of every policy, oldest first. */
  policies: PolicyView[];
  /** The year-on-year change that asks for a confirmation. */
  changeThreshold: ChangeThreshold;
  /** Units in display order, for choosing where a quota belongs. */
  units: { unit: StaffingUnit; depth: number }[];
  quotas: QuotaView[];
  populations: PopulationView[];
  /** What each form shows, by key, for its hidden field (lost-update check, staffing-settings-read.ts). */
  read: SettingsReadValues;
}

export async function staffingSettings(tenant: Pick<TenantDb, "policies" | "populations" | "quotas" | "settings" | "units">, fiscalYear: number): Promise<StaffingSettings> {
  const [unitRows, quotas, members, populations, periods, changeThreshold] = await Promise.all([
    tenant.units.list(),
    tenant.quotas.list(),
    tenant.quotas.members(),
    tenant.populations.list(),
    policyPeriodsOf(tenant),
    changeThresholdOf(tenant),
  ]);
  const policies = POLICY_KINDS.flatMap((kind) => {
    const mine = periods.filter((p) => p.kind === kind).sort((a, b) => (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity));
    return mine.map((p, i) => {
      const next = mine[i + 1]?.validFrom;
      return { kind, label: POLICY_LABELS[kind], validFrom: p.validFrom, validTo: next === undefined || next === null ? null : next - 1, value: p.value };
    });
  });
  const byId = new Map(unitRows.map((u) => [u.id, u]));
  const units = orderTree(unitRows.map(toStaffingUnit));
  const order = new Map(units.map(({ unit }, i) => [unit.id, i]));
  return {
    fiscalYear,
    allowancePercent: allowancePercentIn(periods, fiscalYear),
    policies,
    changeThreshold,
    units,
    quotas: quotas
      .map((q) => {
        const memberIds = members.filter((m) => m.quota_id === q.id).map((m) => m.unit_id);
        const names = (memberIds.length > 1 ? memberIds : [q.unit_id]).map((id) => byId.get(id)?.name ?? `#${id}`);
        // A shared quota (issue 13 point 4a) names every 任命権者 it covers.
        return { id: q.id, unitId: q.unit_id, unitName: names.join("・"), shared: memberIds.length > 1, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to, note: q.note };
      })
      .sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) || (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity)),
    populations: populations.map(presentPopulation),
    read: await settingsReadValues(tenant),
  };
}
