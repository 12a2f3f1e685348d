/**
 * Staffing policy with a validity period (issue 13 point 3): the allowance above the quota (許容率) and the day
 * headcounts are counted on (基準日) are decisions a municipality makes from a fiscal year on. Each fiscal year
 * uses the value in force then; a new value for a later year never changes the figures of earlier years
 * (FY2025 keeps 「(3%上限) 1,092」 after 2% is set from FY2026). Quotas (条例定数) carry their own period.
 */

export const POLICY_KINDS = ["allowance_percent", "reference_date"] as const;
/** A staffing policy with a validity period: allowance_percent (許容率, %) or reference_date (職員数の基準日, MM-DD). */
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** The Japanese label of each PolicyKind, as the settings page prints it. */
export const POLICY_LABELS: Record<PolicyKind, string> = {
  allowance_percent: "許容率",
  reference_date: "職員数の基準日",
};

/** Without a municipal decision there is no allowance: the quota itself is the limit. */
export const DEFAULT_ALLOWANCE_PERCENT = 0;
/** 各年4月1日現在 (seed 図表4). */
export const DEFAULT_REFERENCE_DAY = "04-01";

/**
 * One decision of a policy: the value (as stored text: "3" for 3%, "04-01") in force from `validFrom` (年度) until the
 * next period of the same kind.
 */
export interface PolicyPeriod {
  kind: PolicyKind;
  /** First fiscal year the value is in force; null: from the beginning. */
  validFrom: number | null;
  value: string;
}

/** True when `value` is a PolicyKind (a posted kind is checked before use). Never throws. */
export function isPolicyKind(value: string): value is PolicyKind {
  return (POLICY_KINDS as readonly string[]).includes(value);
}

/** The value of `kind` in force in `fiscalYear`: the period with the latest start on or before it. */
export function policyIn(periods: readonly PolicyPeriod[], kind: PolicyKind, fiscalYear: number): PolicyPeriod | undefined {
  let found: PolicyPeriod | undefined;
  for (const p of periods) {
    if (p.kind !== kind || (p.validFrom !== null && p.validFrom > fiscalYear)) continue;
    if (!found || (found.validFrom ?? -Infinity) <= (p.validFrom ?? -Infinity)) found = p;
  }
  return found;
}

/** 許容率 (%) in force in the fiscal year; 0 when the municipality has set none. */
export function allowancePercentIn(periods: readonly PolicyPeriod[], fiscalYear: number): number {
  const value = Number(policyIn(periods, "allowance_percent", fiscalYear)?.value);
  return Number.isFinite(value) ? value : DEFAULT_ALLOWANCE_PERCENT;
}

/** The usual count date of the fiscal year as YYYY-MM-DD (April 1 unless the municipality decided otherwise). */
export function referenceDateIn(periods: readonly PolicyPeriod[], fiscalYear: number): string {
  const day = policyIn(periods, "reference_date", fiscalYear)?.value ?? DEFAULT_REFERENCE_DAY;
  const [month] = day.split("-").map(Number);
  // January–March belong to the calendar year after the fiscal year's start.
  return `${(month ?? 4) < 4 ? fiscalYear + 1 : fiscalYear}-${day}`;
}

/**
 * What setting `kind` from `fromYear` on does to the stored periods: periods of that kind starting in or after that
 * year are replaced (they were scheduled later values); earlier ones stay, so earlier years keep their value.
 */
export function periodsReplacedBy(periods: readonly (PolicyPeriod & { id: number })[], kind: PolicyKind, fromYear: number | null): number[] {
  return periods.filter((p) => p.kind === kind && (fromYear === null || (p.validFrom !== null && p.validFrom >= fromYear))).map((p) => p.id);
}

/**
 * 適用開始年度 may be left out (null: in force from the beginning) only while nothing of the kind is recorded yet: over a
 * recorded value it would rewrite every past year — a 条例定数 of 500 「全期間」 over 483 turned FY2025's printed cap
 * from 1,092 into 1,110 (issue 13 point 3: history never changes when a new value is set). `label` names the value
 * (「許容率」, 「市長部局の条例定数」), `recorded` is how many periods of it exist. Returns the Japanese problem or null.
 */
export function openStartProblem(label: string, fromYear: number | null, recorded: number): string | null {
  if (fromYear !== null || recorded === 0) return null;
  return `${label}は既に記録されているため、適用開始年度を入力してください(例: 令和8年度、R8、2026)。過去の年度の値は変わりません(最初の年度から直すときは、その年度を入力してください)`;
}

/** Checks a value for its kind; returns the Japanese problem, or null when it is fine. */
export function policyValueProblem(kind: PolicyKind, value: string): string | null {
  if (kind === "allowance_percent") {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100 || Math.abs(n * 100 - Math.round(n * 100)) > 1e-9) {
      return `許容率は0～100の数(小数第2位まで)で入力してください: ${value}`;
    }
    return null;
  }
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2001, month, 0)).getUTCDate()) {
    return `基準日は月-日(例: 04-01)で入力してください: ${value}`;
  }
  return null;
}
