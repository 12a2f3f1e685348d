/**
 * 定員管理診断表 (staffing diagnosis, seed 図表10): a sector's actual staff against the count its similar group's
 * average per 10,000 population would give this municipality.
 *   reference = average per 10,000 × own population / 10,000, rounded to a whole person
 *   excess    = actual − reference
 *   rate      = excess / ACTUAL × 100, one decimal (the seed confirms the denominator: 議会 1/9 = 11.1%)
 * Totals (一般行政計, 普通会計計) are diagnosed from their own averages, never by adding rounded rows.
 */
import { roundHalfUp } from "./population.js";

export interface SectorDiagnosis {
  reference: number;
  excess: number;
  /** NaN when the municipality has no staff in the sector (the rate is undefined; MIC prints －). */
  rate: number;
}

/** Reference count from a given reference (when MIC's table gives counts, not averages). */
export function diagnoseAgainstReference(actual: number, reference: number): SectorDiagnosis {
  if (!Number.isInteger(actual) || actual < 0) throw new RangeError(`職員数は0以上の整数で指定してください: ${actual}`);
  if (!Number.isInteger(reference) || reference < 0) throw new RangeError(`基準の職員数は0以上の整数で指定してください: ${reference}`);
  const excess = actual - reference;
  return { reference, excess, rate: actual === 0 ? Number.NaN : roundHalfUp((excess / actual) * 100, 1) };
}

export function diagnoseSector(actual: number, averagePer10k: number, population: number): SectorDiagnosis {
  if (!(averagePer10k >= 0)) throw new RangeError(`人口1万人当たり職員数は0以上で指定してください: ${averagePer10k}`);
  if (!(population > 0)) throw new RangeError(`人口は正の数で指定してください: ${population}`);
  return diagnoseAgainstReference(actual, roundHalfUp((averagePer10k * population) / 10000, 0));
}

/** 「▲14」「11.1」「▲2.0」: MIC's and the seed's way of printing numbers, with ▲ for negatives. */
export function formatTriangle(value: number, digits = 0): string {
  if (Number.isNaN(value)) return "－";
  const text = Math.abs(value).toLocaleString("ja-JP", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return value < 0 ? `▲${text}` : text;
}

/** Reads MIC's spellings of a number: 「▲14」「△14」「-14」「1,075」「１２」; blank and 「－」 → null. */
export function parseTriangle(text: string): number | null {
  const t = text.normalize("NFKC").replace(/[,\s]/g, "");
  if (t === "" || /^[-−‐－―ー]$/.test(t)) return null;
  const negative = /^[▲△-]/.test(t);
  const body = t.replace(/^[▲△-]/, "");
  if (!/^\d+(\.\d+)?$/.test(body)) throw new RangeError(`数値として読めません: 「${text}」`);
  return (negative ? -1 : 1) * Number(body);
}
