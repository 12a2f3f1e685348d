/**
 * The municipality's own figures for 類似団体比較: its staff by sector, population and group in a year, each from the
 * best source imported (its own 診断表, MIC's roster, the headcounts of 定数管理), and the years with data.
 */
import { isInvalidInput } from "../../domain/errors.js";
import type { TenantDb } from "../../db/tenant.js";
import { groupKey } from "../../domain/comparison.js";
import { existsIn } from "../../domain/organisation.js";
import { classifySimilarGroup, isMunicipalityKind, type MunicipalityKind } from "../../domain/similar-group.js";
import { unitTotalsForYear } from "../../domain/staffing.js";
import { loadStaffing, type StaffingData } from "../staffing.js";

/** The municipality a comparison is for: its 団体コード marks its own row in rosters. */
export interface OwnMunicipality {
  code: string;
  name: string;
}

export interface ComparisonYears {
  profile: number[];
  averages: number[];
  roster: number[];
  diagnosis: number[];
  laspeyres: number[];
  regression: number[];
}

/** What comparisonYears reads and writes of the municipality's repositories (a type error to reach another). */
export type ComparisonYearsDb = Pick<TenantDb, "comparisonProfiles" | "groupAverages" | "laspeyres" | "ownDiagnosis" | "regression" | "roster">;

export async function comparisonYears(tenant: ComparisonYearsDb): Promise<ComparisonYears> {
  const [profile, averages, roster, diagnosis, laspeyres, regression] = await Promise.all([
    tenant.comparisonProfiles.list(),
    tenant.groupAverages.years(),
    tenant.roster.years(),
    tenant.ownDiagnosis.years(),
    tenant.laspeyres.list(),
    tenant.regression.list(),
  ]);
  const distinct = (years: number[]) => [...new Set(years)].sort((a, b) => a - b);
  return {
    profile: profile.map((p) => p.fiscal_year),
    averages,
    roster,
    diagnosis,
    laspeyres: distinct(laspeyres.map((l) => l.fiscal_year)),
    regression: distinct(regression.map((r) => r.fiscal_year)),
  };
}

/** The latest year of any of the lists, or null when all are empty. */
export function latest(...lists: number[][]): number | null {
  const all = lists.flat();
  return all.length === 0 ? null : Math.max(...all);
}


/**
 * 職員数 by sector from the recorded headcounts and each unit's MIC sector (図表11): the highest unit of every branch
 * that carries a sector counts with all it contains. Empty when no unit is mapped or nothing is recorded.
 */
export async function sectorStaffFromHeadcounts(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, fiscalYear: number): Promise<Map<string, number>> {
  return sectorStaffOf(await loadStaffing(tenant, { from: fiscalYear, to: fiscalYear }), fiscalYear);
}

/** sectorStaffFromHeadcounts on staffing data already loaded (covering `fiscalYear`), for pages over several years. */
export function sectorStaffOf(data: StaffingData, fiscalYear: number): Map<string, number> {
  const totals = unitTotalsForYear(data.units, data.records, fiscalYear);
  const byId = new Map(data.unitRows.map((u) => [u.id, u]));
  const result = new Map<string, number>();
  for (const row of data.unitRows) {
    if (!row.sector) continue;
    const unit = data.units.find((u) => u.id === row.id);
    if (!unit || !existsIn(unit, fiscalYear)) continue;
    let parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    let covered = false;
    while (parent) {
      if (parent.sector) covered = true;
      parent = parent.parent_id === null ? undefined : byId.get(parent.parent_id);
    }
    const staff = totals.get(row.id)?.staff;
    if (covered || staff === null || staff === undefined) continue;
    result.set(row.sector, (result.get(row.sector) ?? 0) + staff);
  }
  return result;
}

export type ActualSource = "diagnosis" | "roster" | "headcounts";

export const ACTUAL_SOURCE_LABELS: Record<ActualSource, string> = {
  diagnosis: "定員管理診断表(取込)",
  roster: "団体別職員数(取込)",
  headcounts: "部局別職員数と部門の対応(図表11)からの集計",
};

/** What ownStaffBySector reads and writes of the municipality's repositories (a type error to reach another). */
export type OwnStaffBySectorDb = Pick<TenantDb, "headcounts" | "ownDiagnosis" | "policies" | "quotas" | "roster" | "units">;

/** The municipality's staff by sector in a year: its own 診断表 first, then MIC's roster, then the headcounts. */
export async function ownStaffBySector(tenant: OwnStaffBySectorDb, own: OwnMunicipality, fiscalYear: number): Promise<{ staff: Map<string, number>; source: ActualSource | null }> {
  const diagnosis = await tenant.ownDiagnosis.list([fiscalYear]);
  const stated = diagnosis.filter((d) => d.actual !== null);
  if (stated.length > 0) return { staff: new Map(stated.map((d) => [d.sector, d.actual ?? 0])), source: "diagnosis" };
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  if (rosterRow) {
    const staff = await tenant.roster.listStaff(fiscalYear, [own.code]);
    if (staff.length > 0) return { staff: new Map(staff.map((s) => [s.sector, s.staff])), source: "roster" };
  }
  const fromUnits = await sectorStaffFromHeadcounts(tenant, fiscalYear);
  return fromUnits.size > 0 ? { staff: fromUnits, source: "headcounts" } : { staff: new Map(), source: null };
}

/** 住基人口 of the year: the classification inputs, then MIC's roster, then the population recorded for 定数管理. */
export async function ownPopulation(tenant: Pick<TenantDb, "comparisonProfiles" | "populations" | "roster">, own: OwnMunicipality, fiscalYear: number): Promise<{ population: number | null; source: string | null }> {
  const profile = await tenant.comparisonProfiles.get(fiscalYear);
  if (profile) return { population: profile.population, source: "類似団体区分の判定の入力" };
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  if (rosterRow) return { population: rosterRow.population, source: "団体別職員数(取込)" };
  const recorded = await tenant.populations.get(fiscalYear);
  return recorded ? { population: recorded.population, source: "定数管理の人口" } : { population: null, source: null };
}

/** The municipality's group in a year: from its classification inputs, else as MIC's roster lists it. */
export async function ownGroup(tenant: Pick<TenantDb, "comparisonProfiles" | "roster">, own: OwnMunicipality, fiscalYear: number): Promise<string | null> {
  const profile = await tenant.comparisonProfiles.get(fiscalYear);
  if (profile && isMunicipalityKind(profile.kind)) {
    try {
      return groupOfProfile(profile.kind, profile.population, profile.secondary_percent, profile.tertiary_percent, fiscalYear);
    } catch (error) {
      // Inputs stored before a rule change can fail validation; the roster may still know the group. A bug is thrown on.
      if (!isInvalidInput(error)) throw error;
    }
  }
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  return rosterRow?.group_key ?? null;
}

/**
 * The similar group a classification gives in the 類型表 of `fiscalYear` ("city:II-3"; other kinds are their own group).
 * @throws GyokakuError("invalid_input") from classifySimilarGroup on impossible inputs or a year without a registered scheme for the kind
 */
export function groupOfProfile(kind: MunicipalityKind, population: number, secondaryPercent: number, tertiaryPercent: number, fiscalYear?: number): string {
  const result = classifySimilarGroup({ kind, population, secondaryPercent, tertiaryPercent }, fiscalYear);
  return kind === "city" || kind === "town" ? groupKey({ kind, code: result }) : kind;
}
