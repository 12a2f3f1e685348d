import { GyokakuError } from "./errors.js";

/**
 * 住民基本台帳人口 (resident population) as compared with staff numbers. MIC's survey moved its reference day
 * from March 31 to January 1 in 2014, and the seed follows it: population is counted on March 31 up to
 * FY2013 and on January 1 from FY2014, paired with the staff count of April 1 of the same year.
 */
export const POPULATION_DATE_CHANGE_YEAR = 2014;

/**
 * The day the population paired with fiscal year `fy`'s (年度) staff count was counted on (YYYY-MM-DD): March 31 up to
 * FY2013, January 1 from FY2014 (POPULATION_DATE_CHANGE_YEAR).
 * @throws GyokakuError("invalid_input") when `fy` is not an integer.
 */
export function populationReferenceDate(fy: number): string {
  if (!Number.isInteger(fy)) throw new GyokakuError("invalid_input", `年度は整数で指定してください: ${fy}`);
  return fy < POPULATION_DATE_CHANGE_YEAR ? `${fy}-03-31` : `${fy}-01-01`;
}

/**
 * Staff (人) per 10,000 population (人/万人), unrounded (717 / 97,999 × 10,000 = 73.164…).
 * @throws GyokakuError("invalid_input") when `population` is not a positive number (0, negative or NaN).
 */
export function per10k(staff: number, population: number): number {
  if (!(population > 0)) throw new GyokakuError("invalid_input", `人口は正の数で指定してください: ${population}`);
  return (staff / population) * 10000;
}

/** Rounds half away from zero at `digits` decimals, as Japanese statistics print (73.164 → 73.16, 0.05 → 0.1). */
export function roundHalfUp(value: number, digits: number): number {
  const factor = 10 ** digits;
  // toPrecision removes float noise such as 1.005 * 100 = 100.49999999999999 before rounding.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}
