/**
 * 条例定数 (ordinance quota) and the temporary allowance above it. The seed allows 3% during the
 * retirement-age transition: cap = floor(quota × (1 + allowance)). The percentage is a municipal policy, not law.
 */

import { GyokakuError } from "./errors.js";

/** Allowance percentages are kept to two decimals, so the cap can be computed in integers (300 × 1.15 is 344.999… in floats). */
function hundredths(percent: number): number {
  const scaled = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || Math.abs(percent * 100 - scaled) > 1e-6) {
    throw new GyokakuError("invalid_input", `許容率は0以上、小数第2位までの数で指定してください: ${percent}`);
  }
  return scaled;
}

/**
 * 上限 (cap, 人): floor(quota × (1 + allowancePercent / 100)), computed in hundredths of a percent so no float noise
 * moves the floor. quotaCap(1061, 3) = 1092.
 * @throws GyokakuError("invalid_input") when `quota` is not a whole number ≥ 0 (「定数は0以上の整数で…」) or
 *   `allowancePercent` is negative, not finite or has more than two decimals (「許容率は0以上、小数第2位までの数で…」).
 */
export function quotaCap(quota: number, allowancePercent: number): number {
  if (!Number.isInteger(quota) || quota < 0) throw new GyokakuError("invalid_input", `定数は0以上の整数で指定してください: ${quota}`);
  return Math.floor((quota * (10000 + hundredths(allowancePercent))) / 10000);
}

/**
 * Result of the cap check: 定数内 (within_quota), 定数超過(上限内) (within_cap), 上限超過 (over_cap); labels in COMPLIANCE_LABELS.
 */
export type ComplianceStatus = "within_quota" | "within_cap" | "over_cap";

/** A count (人) held against a 条例定数 (人) and its cap (人, quotaCap), with the differences and the status. */
export interface Compliance {
  counted: number;
  quota: number;
  cap: number;
  /** counted − quota (negative = room left under the quota). */
  overQuota: number;
  /** counted − cap (positive = over the cap). */
  overCap: number;
  status: ComplianceStatus;
}

/** The cap check: at most the quota is 定数内, at most the cap 定数超過(上限内), beyond it 上限超過. Self-contained (the entry form's script runs its source text). */
export function complianceStatus(counted: number, quota: number, cap: number): ComplianceStatus {
  return counted <= quota ? "within_quota" : counted <= cap ? "within_cap" : "over_cap";
}

/**
 * Checks `counted` staff (人, the 定数合計 count) against `quota` (条例定数, 人) and its cap with `allowancePercent` (%):
 * assessCompliance(1,080, 1,061, 3) is within_cap (cap 1,092). The allowance is a municipal policy (the seed: 3% during
 * the 定年 transition), not law.
 * @throws GyokakuError("invalid_input") when the quota is not a whole number ≥ 0 or the percentage is negative or has more than two decimals.
 */
export function assessCompliance(counted: number, quota: number, allowancePercent: number): Compliance {
  const cap = quotaCap(quota, allowancePercent);
  const status = complianceStatus(counted, quota, cap);
  return { counted, quota, cap, overQuota: counted - quota, overCap: counted - cap, status };
}

/** The Japanese label of each ComplianceStatus, as 図表4 and the entry form print it. */
export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  within_quota: "定数内",
  within_cap: "定数超過(上限内)",
  over_cap: "上限超過",
};
