/**
 * ラスパイレス指数 (Laspeyres index): the municipality's salaries weighted by the national staff structure
 * (cells = education × years of experience), against the national salaries with the same weights, × 100,
 * rounded half up to one decimal. National = 100.
 */
import { roundHalfUp } from "./population.js";
import { GyokakuError } from "./errors.js";

/**
 * One cell of the Laspeyres table (学歴 × 経験年数): the municipality's and the nation's average monthly pay (円) and
 * the nation's staff (人) in it, the weight.
 */
export interface LaspeyresCell {
  /** 当該団体の平均給料月額 in the cell */
  localAverage: number;
  /** 国の平均俸給月額 in the cell */
  nationalAverage: number;
  /** 国の職員数 in the cell (the weight) */
  nationalStaff: number;
}

/**
 * ラスパイレス指数 (national = 100): Σ(local average × national staff) / Σ(national average × national staff) × 100,
 * rounded half up to one decimal (総務省 地方公務員給与実態調査's definition; seed 図表9).
 * @throws GyokakuError("invalid_input") when a pay or staff figure is negative or not a number, or the national weighted sum is 0.
 */
export function laspeyres(cells: readonly LaspeyresCell[]): number {
  let local = 0;
  let national = 0;
  for (const c of cells) {
    if (!(c.localAverage >= 0) || !(c.nationalAverage >= 0) || !(c.nationalStaff >= 0)) {
      throw new GyokakuError("invalid_input", "給料月額と職員数は0以上の数で指定してください");
    }
    local += c.localAverage * c.nationalStaff;
    national += c.nationalAverage * c.nationalStaff;
  }
  if (national === 0) throw new GyokakuError("invalid_input", "国の俸給月額と職員数の積の合計が0です");
  return roundHalfUp((local / national) * 100, 1);
}
