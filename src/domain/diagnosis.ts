/**
 * 定員管理診断表 (staffing diagnosis, seed 図表10): a sector's actual staff against the count its similar group's
 * average per 10,000 population would give this municipality.
 *   reference = average per 10,000 × own population / 10,000, rounded to a whole person
 *   excess    = actual − reference
 *   rate      = excess / ACTUAL × 100, one decimal (the seed confirms the denominator: 議会 1/9 = 11.1%)
 * Totals (一般行政計, 普通会計計) are diagnosed from their own averages, never by adding rounded rows.
 */
import { foldNumberText } from "./text-fold.js";
import { GyokakuError } from "./errors.js";
import { roundHalfUp } from "./population.js";

/**
 * A sector's diagnosis against its reference (diagnoseSector): reference count (人, whole), excess = actual − reference
 * (人) and rate = excess / actual × 100 (%, one decimal).
 */
export interface SectorDiagnosis {
  reference: number;
  excess: number;
  /** NaN when the municipality has no staff in the sector (the rate is undefined; MIC prints －). */
  rate: number;
}

/**
 * The 診断表 diagnosis of a sector from a given reference count (人; when MIC's table gives counts, not averages):
 * excess = actual − reference (人), rate = excess / actual × 100 (%, one decimal, half up; NaN when actual is 0).
 * @throws GyokakuError("invalid_input") when `actual` or `reference` is not a whole number ≥ 0, naming which.
 */
export function diagnoseAgainstReference(actual: number, reference: number): SectorDiagnosis {
  if (!Number.isInteger(actual) || actual < 0) throw new GyokakuError("invalid_input", `職員数は0以上の整数で指定してください: ${actual}`);
  if (!Number.isInteger(reference) || reference < 0) throw new GyokakuError("invalid_input", `基準の職員数は0以上の整数で指定してください: ${reference}`);
  const excess = actual - reference;
  return { reference, excess, rate: actual === 0 ? Number.NaN : roundHalfUp((excess / actual) * 100, 1) };
}

/**
 * The 診断表 reference count (人): the similar group's average per 10,000 (人/万人) × own population (人) / 10,000,
 * rounded half up to a whole person, as MIC's 定員管理診断表 and the seed's 図表10 compute it.
 * @throws GyokakuError("invalid_input") for a negative average or a population that is not positive.
 */
export function referenceCount(averagePer10k: number, population: number): number {
  if (!(averagePer10k >= 0)) throw new GyokakuError("invalid_input", `人口1万人当たり職員数は0以上で指定してください: ${averagePer10k}`);
  if (!(population > 0)) throw new GyokakuError("invalid_input", `人口は正の数で指定してください: ${population}`);
  return roundHalfUp((averagePer10k * population) / 10000, 0);
}

/** A sector's diagnosis against the reference count of `averagePer10k` (人/万人) at `population` (人): see referenceCount. */
export function diagnoseSector(actual: number, averagePer10k: number, population: number): SectorDiagnosis {
  return diagnoseAgainstReference(actual, referenceCount(averagePer10k, population));
}

/**
 * 「▲14」「11.1」「▲2.0」: MIC's and the seed's way of printing numbers, with ▲ for negatives. A value that rounds to
 * zero at `digits` prints 「0」/「0.0」 without ▲ (as MIC and the seed print it): -0.3 at 0 digits is 「0」.
 */
export function formatTriangle(value: number, digits = 0): string {
  if (Number.isNaN(value)) return "－";
  const text = Math.abs(value).toLocaleString("ja-JP", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const roundsToZero = !/[1-9]/.test(text);
  return value < 0 && !roundsToZero ? `▲${text}` : text;
}

/**
 * Reads MIC's spellings of a number: 「▲14」「△14」「-14」「−14」 (U+2212, and every look-alike foldNumberText
 * folds), 「1,075」「１２」; blank and 「－」 → null. @throws GyokakuError("invalid_input") naming the text when it is no number.
 */
export function parseTriangle(text: string): number | null {
  const t = foldNumberText(text).replace(/,/g, "");
  if (t === "" || t === "-") return null;
  const negative = t.startsWith("-");
  const body = negative ? t.slice(1) : t;
  if (!/^\d+(\.\d+)?$/.test(body)) throw new GyokakuError("invalid_input", `数値として読めません: 「${text}」`);
  return (negative ? -1 : 1) * Number(body);
}
