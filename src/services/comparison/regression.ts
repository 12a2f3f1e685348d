/** 定員回帰指標: MIC's regression estimate of staff from population and area, against the actual figure. */
import type { TenantDb } from "../../db/tenant.js";
import { comparisonName, statedOrSumOfParts } from "../../domain/comparison.js";
import { regressionEstimate, regressionIndex } from "../../domain/regression.js";
import { type OwnMunicipality, ownPopulation, ownStaffBySector, type OwnStaffBySectorDb } from "./own-figures.js";

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

export async function regressionView(tenant: RegressionViewDb, own: OwnMunicipality): Promise<RegressionRowView[]> {
  const coefficients = await tenant.regression.list();
  const out: RegressionRowView[] = [];
  for (const c of coefficients) {
    const [actuals, population, profile] = await Promise.all([ownStaffBySector(tenant, own, c.fiscal_year), ownPopulation(tenant, own, c.fiscal_year), tenant.comparisonProfiles.get(c.fiscal_year)]);
    const actual = statedOrSumOfParts(c.sector, actuals.staff);
    const area = profile?.area_km2 ?? (await tenant.roster.list(c.fiscal_year, [own.code]))[0]?.area_km2 ?? null;
    const missing = [
      population.population === null ? "住基人口" : null,
      area === null ? "面積(類似団体区分の判定で入力)" : null,
      actual === null ? `${comparisonName(c.sector)}の職員数` : null,
    ].filter((m): m is string => m !== null);
    let estimate: number | null = null;
    let index: number | null = null;
    if (population.population !== null && area !== null) {
      estimate = regressionEstimate({ constant: c.constant, population: c.population_coef, area: c.area_coef }, population.population, area);
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
      population: population.population,
      areaKm2: area,
      actual,
      estimate,
      index,
      missing,
    });
  }
  return out;
}
