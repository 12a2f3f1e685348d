/**
 * The values the 定数・人口・許容率 forms show, as text by key (domain/read-values.ts): made here once, for the page's
 * hidden field and for the setters' check inside their transaction, so a value nobody changed always compares equal.
 * Keys: 許容率 and 基準日 by policy kind, 確認の目安 "threshold", 条例定数 by unit id, 人口 by fiscal year.
 */
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import type { PolicyKind, PolicyPeriod } from "../domain/policy.js";
import { NOT_SET, type ReadValues } from "../domain/read-values.js";
import { changeThresholdOf, THRESHOLD_KEY, thresholdText } from "./headcount-plausibility.js";
import { policyPeriodsOf } from "./staffing.js";

export { THRESHOLD_KEY, thresholdText } from "./headcount-plausibility.js";

/** The values each settings form shows (its hidden field), by form. */
export interface SettingsReadValues {
  allowance: ReadValues;
  referenceDay: ReadValues;
  threshold: ReadValues;
  quota: ReadValues;
  population: ReadValues;
}

const fromText = (from: number | null) => (from === null ? "当初" : formatFiscalYear(from));

/** One policy value as typed for a first year: 「3%(令和8年度から)」「04-01(令和8年度から)」. */
export function policyValueText(kind: PolicyKind, value: string, from: number | null): string {
  return `${value}${kind === "allowance_percent" ? "%" : ""}(${fromText(from)}から)`;
}

/** Every recorded period of one policy, oldest first: 「0%(当初から)、3%(令和8年度から)」, or 未設定. */
export function policyText(periods: readonly PolicyPeriod[], kind: PolicyKind): string {
  const mine = periods.filter((p) => p.kind === kind).sort((a, b) => (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity));
  return mine.length === 0 ? NOT_SET : mine.map((p) => policyValueText(kind, p.value, p.validFrom)).join("、");
}

/** One quota as typed: 「490人(令和8年度から)」. */
export function quotaValueText(quota: number, from: number | null): string {
  return `${quota}人(${fromText(from)}から)`;
}

type QuotaRowLike = { id: number; unit_id: number; quota: number; valid_from: number | null; valid_to: number | null };

/** Every quota recorded on a unit or covering it (shared), oldest first: 「480人(当初から令和7年度まで)、490人(令和8年度から)」, or 未設定. */
export function quotaText(unitId: number, quotas: readonly QuotaRowLike[], members: readonly { quota_id: number; unit_id: number }[]): string {
  const mine = quotas
    .filter((q) => q.unit_id === unitId || members.some((m) => m.quota_id === q.id && m.unit_id === unitId))
    .sort((a, b) => (a.valid_from ?? -Infinity) - (b.valid_from ?? -Infinity) || a.id - b.id);
  if (mine.length === 0) return NOT_SET;
  return mine.map((q) => `${q.quota}人(${fromText(q.valid_from)}から${q.valid_to === null ? "" : `${formatFiscalYear(q.valid_to)}まで`})`).join("、");
}

/** 住基人口 of a year: 「98,123人」. */
export function populationText(population: number): string {
  return `${population.toLocaleString("ja-JP")}人`;
}

/** What each settings form shows now (for the page's hidden fields). */
export async function settingsReadValues(tenant: Pick<TenantDb, "policies" | "populations" | "quotas" | "settings">): Promise<SettingsReadValues> {
  const [periods, threshold, quotas, members, populations] = await Promise.all([
    policyPeriodsOf(tenant),
    changeThresholdOf(tenant),
    tenant.quotas.list(),
    tenant.quotas.members(),
    tenant.populations.list(),
  ]);
  const quotaUnits = new Set([...quotas.map((q) => q.unit_id), ...members.map((m) => m.unit_id)]);
  return {
    allowance: { allowance_percent: policyText(periods, "allowance_percent") },
    referenceDay: { reference_date: policyText(periods, "reference_date") },
    threshold: { [THRESHOLD_KEY]: thresholdText(threshold) },
    quota: Object.fromEntries([...quotaUnits].map((id) => [String(id), quotaText(id, quotas, members)])),
    population: Object.fromEntries(populations.map((p) => [String(p.fiscal_year), populationText(p.population)])),
  };
}
