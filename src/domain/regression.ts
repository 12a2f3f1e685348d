/**
 * 定員回帰指標 (MIC): the staff a municipality of its population and area would have by MIC's regression,
 *   estimate = constant + population coefficient × 住基人口 + area coefficient × 面積(km²),
 * compared as actual ÷ estimate × 100 (100 = as estimated; above 100 = more staff). MIC publishes the coefficients
 * per year; they are imported data, never built in.
 */
import { roundHalfUp } from "./population.js";
import { GyokakuError } from "./errors.js";

/** MIC's 定員回帰指標 coefficients for one year and sector group, as imported (never built in). */
export interface RegressionCoefficients {
  /** 定数項 */
  constant: number;
  /** 人口の係数 (per person) */
  population: number;
  /** 面積の係数 (per km²) */
  area: number;
}

/**
 * The staff (人, not rounded) MIC's regression gives for a municipality: constant + population coefficient × 住基人口
 * (人) + area coefficient × 面積 (km²).
 * @throws GyokakuError("invalid_input") when the population is not above 0, the area is negative or a coefficient is not a finite number.
 */
export function regressionEstimate(coefficients: RegressionCoefficients, population: number, areaKm2: number): number {
  if (!(population > 0)) throw new GyokakuError("invalid_input", `人口は正の数で指定してください: ${population}`);
  if (!(areaKm2 >= 0)) throw new GyokakuError("invalid_input", `面積は0以上で指定してください: ${areaKm2}`);
  for (const [name, value] of Object.entries(coefficients)) {
    if (!Number.isFinite(value)) throw new GyokakuError("invalid_input", `回帰式の係数(${name})が数ではありません`);
  }
  return coefficients.constant + coefficients.population * population + coefficients.area * areaKm2;
}

/**
 * 定員回帰指標 (%): actual (人) ÷ the regression's estimate (人) × 100, one decimal half up.
 * @throws GyokakuError("invalid_input") when the estimate is not positive (「回帰式による推計職員数が正になりません」)
 *   or `actual` is negative or NaN.
 */
export function regressionIndex(actual: number, estimate: number): number {
  if (!(estimate > 0)) throw new GyokakuError("invalid_input", `回帰式による推計職員数が正になりません: ${estimate}`);
  if (!(actual >= 0)) throw new GyokakuError("invalid_input", `職員数は0以上で指定してください: ${actual}`);
  return roundHalfUp((actual / estimate) * 100, 1);
}
