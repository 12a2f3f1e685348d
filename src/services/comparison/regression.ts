/** 定員回帰指標: MIC's regression estimate of staff from population and area, against the actual figure. */
import type { TenantDb } from "../../db/tenant.js";
import { comparisonName, statedOrSumOfParts } from "../../domain/comparison.js";
import { regressionEstimate, regressionIndex } from "../../domain/regression.js";
import { loadStaffing } from "../staffing.js";
import { type OwnMunicipality, type OwnStaffBySectorDb, sectorStaffOf } from "./own-figures.js";

/** One coefficient row of the 定員回帰指標 page: the coefficients, the figures they apply to, the estimate (人) and the index. */
export interface RegressionRowView {
  fiscalYear: number;
  sector: string;
  sectorName: string;
  constant: number;
  populationCoef: number;
  areaCoef: number;
  population: number | null;
  areaKm2: number | null;
  actual: number | null;
  estimate: number | null;
  index: number | null;
  /** What is missing to compute the index, in Japanese. */
  missing: string[];
}

/** What regressionView reads and writes of the municipality's repositories (a type error to reach another). */
export type RegressionViewDb = OwnStaffBySectorDb & Pick<TenantDb, "comparisonProfiles" | "populations" | "regression">;

/** A year's own figures, from the same sources in the same order as ownStaffBySector and ownPopulation. */
interface YearFigures {
  staff: Map<string, number>;
  population: number | null;
  area: number | null;
}

/**
 * The own figures of every year with coefficients, read in a fixed number of queries (not per coefficient or year):
 * staff from the imported 診断表, else MIC's roster, else the headcounts mapped to sectors (図表11); 住基人口 from the
 * classification inputs, else the roster, else the population recorded for 定数管理; 面積 from the inputs, else the roster.
 */
async function figuresOfYears(tenant: RegressionViewDb, own: OwnMunicipality, years: readonly number[]): Promise<Map<number, YearFigures>> {
  const [profiles, diagnosis, populations, rosterRows, rosterStaff] = await Promise.all([
    tenant.comparisonProfiles.list(),
    tenant.ownDiagnosis.list(years),
    tenant.populations.list(),
    tenant.roster.listOfCode(own.code, years),
    tenant.roster.listStaffOfCode(own.code, years),
  ]);
  const staffOf = new Map<number, Map<string, number>>();
  for (const fy of years) {
    const stated = diagnosis.filter((d) => d.fiscal_year === fy && d.actual !== null);
    if (stated.length > 0) staffOf.set(fy, new Map(stated.map((d) => [d.sector, d.actual ?? 0])));
    else if (rosterRows.some((r) => r.fiscal_year === fy)) {
      const staff = rosterStaff.filter((s) => s.fiscal_year === fy);
      if (staff.length > 0) staffOf.set(fy, new Map(staff.map((s) => [s.sector, s.staff])));
    }
  }
  const fromHeadcounts = years.filter((fy) => !staffOf.has(fy));
  if (fromHeadcounts.length > 0) {
    const data = await loadStaffing(tenant, { from: Math.min(...fromHeadcounts), to: Math.max(...fromHeadcounts) });
    for (const fy of fromHeadcounts) staffOf.set(fy, sectorStaffOf(data, fy));
  }
  const out = new Map<number, YearFigures>();
  for (const fy of years) {
    const profile = profiles.find((p) => p.fiscal_year === fy);
    const roster = rosterRows.find((r) => r.fiscal_year === fy);
    const population = profile?.population ?? roster?.population ?? populations.find((p) => p.fiscal_year === fy)?.population ?? null;
    out.set(fy, { staff: staffOf.get(fy) ?? new Map(), population, area: profile?.area_km2 ?? roster?.area_km2 ?? null });
  }
  return out;
}

/** Every imported coefficient row with the municipality's figures of its year, the estimate and the index. */
export async function regressionView(tenant: RegressionViewDb, own: OwnMunicipality): Promise<RegressionRowView[]> {
  const coefficients = await tenant.regression.list();
  if (coefficients.length === 0) return [];
  const figures = await figuresOfYears(tenant, own, [...new Set(coefficients.map((c) => c.fiscal_year))]);
  const out: RegressionRowView[] = [];
  for (const c of coefficients) {
    const year = figures.get(c.fiscal_year) ?? { staff: new Map<string, number>(), population: null, area: null };
    const actual = statedOrSumOfParts(c.sector, year.staff);
    const area = year.area;
    const missing = [
      year.population === null ? "住基人口" : null,
      area === null ? "面積(類似団体区分の判定で入力)" : null,
      actual === null ? `${comparisonName(c.sector)}の職員数` : null,
    ].filter((m): m is string => m !== null);
    let estimate: number | null = null;
    let index: number | null = null;
    if (year.population !== null && area !== null) {
      estimate = regressionEstimate({ constant: c.constant, population: c.population_coef, area: c.area_coef }, year.population, area);
      if (actual !== null && estimate > 0) index = regressionIndex(actual, estimate);
      else if (estimate <= 0) missing.push("正の推計職員数 (係数を確認してください)");
    }
    out.push({
      fiscalYear: c.fiscal_year,
      sector: c.sector,
      sectorName: comparisonName(c.sector),
      constant: c.constant,
      populationCoef: c.population_coef,
      areaCoef: c.area_coef,
      population: year.population,
      areaKm2: area,
      actual,
      estimate,
      index,
      missing,
    });
  }
  return out;
}
