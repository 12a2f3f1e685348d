/**
 * Plausibility of entered 職員数 (headcount) figures: values that cannot be true are refused, large year-on-year
 * changes are shown for a confirmation before they are saved (issue 13 point 2). One rule for the grid, the API and
 * imports alike.
 */
import { z } from "zod";
import { formatFiscalYear } from "./era.js";
import { categoryLabel, CATEGORY_KEYS, type HeadcountCategory, type HeadcountCounts } from "./headcount.js";
import { existsIn } from "./organisation.js";
import { type HeadcountRecord, ordinanceQuotaSum, type QuotaRecord, type StaffingUnit, unitTotalsForYear, yearTotals } from "./staffing.js";

/** PostgreSQL `integer` holds at most 2,147,483,647: a larger figure could not even be stored. */
export const STORABLE_COUNT_MAX = 2_147_483_647;

/**
 * No Japanese local government employs this many (東京都, by far the largest, employs under 200,000 staff in all
 * according to 総務省 地方公共団体定員管理調査). The backstop when nothing is known about the municipality yet.
 */
export const NATIONAL_STAFF_BOUND = 300_000;

/**
 * One unit cannot hold more than twice the municipality's whole staff: even a merger (合併) that doubles a city
 * is entered unit by unit, each below that. Twice, not once, so that a small municipality can grow.
 */
export const WHOLE_STAFF_FACTOR = 2;

/** A municipal setting: a change beyond BOTH thresholds asks for a confirmation. */
export interface ChangeThreshold {
  /** Percent of the previous figure (e.g. 20 = ±20%). */
  percent: number;
  /** People (e.g. 10 = ±10人). */
  people: number;
}

/** ±20% and ±10 people: a small 課 going from 3 to 5 (+67%, +2人) asks nothing, 81 → 1,082 does. */
export const DEFAULT_CHANGE_THRESHOLD: ChangeThreshold = { percent: 20, people: 10 };

/**
 * One figure found implausible: an error (refused: it cannot be true) or a warning (a large change from the previous
 * year, to confirm), with the unit, year (年度), category, value (人) and the Japanese message naming them.
 */
export interface PlausibilityFinding {
  severity: "error" | "warning";
  unitId: number;
  unitName: string;
  fiscalYear: number;
  category: HeadcountCategory;
  value: number;
  message: string;
}

/**
 * What the plausibility rule checks: the figures (人) to be saved for `fiscalYear` (年度) per unit, each unit's latest
 * earlier 職員数, the municipality's whole staff and the municipality's change threshold (%, 人).
 */
export interface PlausibilityInput {
  fiscalYear: number;
  /** The figures to be saved, per unit. */
  entries: readonly { unitId: number; unitName: string; counts: HeadcountCounts }[];
  /** Each unit's latest 職員数 before `fiscalYear` (人) and the year it was counted. */
  previous: ReadonlyMap<number, { fiscalYear: number; staff: number }>;
  /**
   * The municipality's whole staff (人): the larger of the latest recorded 一般職(合計) before the year and the
   * 条例定数 sum in force; null when neither is known.
   */
  wholeStaff: number | null;
  threshold: ChangeThreshold;
}

/**
 * The municipality's whole staff (人) that bounds one unit's figure in `fiscalYear` (年度): the larger of 一般職(合計) in
 * the latest earlier year recorded (`lastYear`, its records) and the 条例定数 in force summed; null when neither is known.
 */
export function wholeStaffOf(units: readonly StaffingUnit[], lastYear: number | null, lastRecords: readonly HeadcountRecord[], quotas: readonly QuotaRecord[], fiscalYear: number): number | null {
  const lastTotal = lastYear === null ? null : yearTotals(units, lastRecords, lastYear).generalTotal;
  const quotaSum = ordinanceQuotaSum(units, quotas, fiscalYear);
  const known = [lastTotal ?? 0, quotaSum].filter((v) => v > 0);
  return known.length === 0 ? null : Math.max(...known);
}

/**
 * A 条例定数 (人) that cannot be true: above the same bound as one unit's 職員数 (headcountBound) — 消防 13,100 for 131
 * was saved and turned 上限超過 into 定数内 (issue 13 point 2, as a kind). Returns the Japanese problem or null.
 */
export function quotaBoundProblem(label: string, quota: number, wholeStaff: number | null): string | null {
  const { bound, reason } = headcountBound(wholeStaff);
  return quota > bound ? `${label} ${n(quota)} は大きすぎます(${reason})` : null;
}

/**
 * A change of a 条例定数 beyond the change threshold (both 人 and %) from the one in force the year before, to be
 * confirmed (a typo of 1,310 for 131). Returns the Japanese warning or null.
 */
export function quotaChangeWarning(label: string, quota: number, before: number | null, threshold: ChangeThreshold): string | null {
  if (before === null || !beyond(quota, before, threshold)) return null;
  return `${label}が ${n(before)} から ${n(quota)} (${signed(quota - before)}人) に変わります(確認の目安: ±${threshold.percent}% かつ ±${threshold.people}人)`;
}

/** The largest figure one unit may hold (人), and why, in Japanese. */
export function headcountBound(wholeStaff: number | null): { bound: number; reason: string } {
  if (wholeStaff !== null && wholeStaff > 0) {
    const bound = Math.min(wholeStaff * WHOLE_STAFF_FACTOR, NATIONAL_STAFF_BOUND);
    return { bound, reason: `この団体の職員全体(${n(wholeStaff)}人)の${WHOLE_STAFF_FACTOR}倍 ${n(bound)}人を超えています` };
  }
  return { bound: NATIONAL_STAFF_BOUND, reason: `全国のどの自治体の職員数(${n(NATIONAL_STAFF_BOUND)}人)も超えています` };
}

/**
 * Findings for the figures about to be saved: `error` for a value that cannot be true (above headcountBound),
 * `warning` for a 職員数 that changed from the unit's previous figure by more than both thresholds. Pure.
 */
export function checkPlausibility(input: PlausibilityInput): PlausibilityFinding[] {
  const findings: PlausibilityFinding[] = [];
  const { bound, reason } = headcountBound(input.wholeStaff);
  const year = formatFiscalYear(input.fiscalYear);
  for (const entry of input.entries) {
    for (const category of CATEGORY_KEYS) {
      const value = entry.counts[category];
      if (value === undefined || !Number.isFinite(value)) continue;
      if (value > bound || value > STORABLE_COUNT_MAX) {
        findings.push({
          severity: "error",
          unitId: entry.unitId,
          unitName: entry.unitName,
          fiscalYear: input.fiscalYear,
          category,
          value,
          message: `「${entry.unitName}」の${year}の${categoryLabel(category)} ${n(value)} は大きすぎます(${reason})`,
        });
      }
    }
    const staff = entry.counts.staff;
    const before = input.previous.get(entry.unitId);
    if (staff === undefined || staff > bound || !before) continue;
    const change = staff - before.staff;
    if (beyond(staff, before.staff, input.threshold)) {
      const pct = before.staff === 0 ? "" : `、${signed(Math.round((change / before.staff) * 1000) / 10)}%`;
      findings.push({
        severity: "warning",
        unitId: entry.unitId,
        unitName: entry.unitName,
        fiscalYear: input.fiscalYear,
        category: "staff",
        value: staff,
        message: `「${entry.unitName}」の${year}の職員数 ${n(staff)} は、${formatFiscalYear(before.fiscalYear)}の ${n(before.staff)} から ${signed(change)}人${pct} 変わっています(確認の目安: ±${input.threshold.percent}% かつ ±${input.threshold.people}人)`,
      });
    }
  }
  return findings;
}

/** True when `value` differs from `base` by more than both thresholds (人 and % of base; any change of a 0 base is ∞%). */
function beyond(value: number, base: number, threshold: ChangeThreshold): boolean {
  const change = value - base;
  const ratio = base === 0 ? Infinity : Math.abs(change) / base;
  return Math.abs(change) > threshold.people && ratio * 100 > threshold.percent;
}

/**
 * What the derived-parent rule checks: the year's records (年度, 人) before and after the change, the units, each
 * unit's 職員数 by the roll-up rule in its latest earlier year, the threshold, and the units already warned about
 * (a warning on a 課 is not repeated on its 部 and 任命権者).
 */
export interface DerivedChangeInput {
  fiscalYear: number;
  units: readonly StaffingUnit[];
  before: readonly HeadcountRecord[];
  after: readonly HeadcountRecord[];
  /** Rolled-up 職員数 of each unit in its latest earlier year (人) and that year. */
  previous: ReadonlyMap<number, { fiscalYear: number; staff: number }>;
  threshold: ChangeThreshold;
  warned: ReadonlySet<number>;
}

/**
 * Warnings for a parent (部, 任命権者) whose 職員数 the change makes derived from its children (every child entered,
 * domain/roll-up.ts) at a figure far from the parent's own figure or from its previous year's (issue 13 point 1:
 * 総務部 95 entered, then its 課 20 + 0 + 0 + 0 make 総務部 20 and 市長部局 turns 「定数内」). Nothing the clerk typed
 * shows that figure, so it is asked for a confirmation like a typed one. Parents of a unit already warned about are
 * left out. Pure.
 */
export function derivedChangeFindings(input: DerivedChangeInput): PlausibilityFinding[] {
  const parentOf = new Map(input.units.map((u) => [u.id, u.parentId]));
  const covered = new Set<number>();
  for (const id of input.warned) for (let at: number | null | undefined = id; at !== null && at !== undefined && !covered.has(at); at = parentOf.get(at)) covered.add(at);
  const was = unitTotalsForYear(input.units, input.before, input.fiscalYear);
  const now = unitTotalsForYear(input.units, input.after, input.fiscalYear);
  const year = formatFiscalYear(input.fiscalYear);
  const findings: PlausibilityFinding[] = [];
  for (const unit of input.units) {
    const t = now.get(unit.id);
    const b = was.get(unit.id);
    if (!t || t.source !== "children" || t.staff === null || covered.has(unit.id) || !existsIn(unit, input.fiscalYear)) continue;
    if (b && b.staff === t.staff && b.source === t.source) continue;
    const own = input.after.find((r) => r.unitId === unit.id && r.fiscalYear === input.fiscalYear)?.counts.staff;
    const previous = input.previous.get(unit.id);
    const ownFar = own !== undefined && beyond(t.staff, own, input.threshold);
    const previousFar = previous !== undefined && beyond(t.staff, previous.staff, input.threshold);
    if (!ownFar && !previousFar) continue;
    const parts = [
      ownFar ? `登録された職員数 ${n(own)}人に代わります` : "",
      previous && previousFar ? `${formatFiscalYear(previous.fiscalYear)}の ${n(previous.staff)} から ${signed(t.staff - previous.staff)}人${previous.staff === 0 ? "" : `、${signed(Math.round(((t.staff - previous.staff) / previous.staff) * 1000) / 10)}%`} 変わります` : "",
    ].filter((p) => p !== "");
    findings.push({
      severity: "warning",
      unitId: unit.id,
      unitName: unit.name,
      fiscalYear: input.fiscalYear,
      category: "staff",
      value: t.staff,
      message: `「${unit.name}」の${year}の職員数は、下位組織がすべて入力されたため下位組織の合計 ${n(t.staff)} になり、${parts.join("。また")}(確認の目安: ±${input.threshold.percent}% かつ ±${input.threshold.people}人)`,
    });
  }
  return findings;
}

// Each field on its own: a missing or unusable field falls back to its default, the other is kept.
const usable = z.number().finite().min(0).optional().catch(undefined);
const StoredThreshold = z.object({ percent: usable, people: usable });

/** Reads a change threshold as stored (JSON), falling back to the default for anything unreadable. */
export function parseChangeThreshold(raw: string | undefined): ChangeThreshold {
  if (!raw) return DEFAULT_CHANGE_THRESHOLD;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_CHANGE_THRESHOLD;
  }
  const parsed = StoredThreshold.safeParse(value);
  if (!parsed.success) return DEFAULT_CHANGE_THRESHOLD;
  return { percent: parsed.data.percent ?? DEFAULT_CHANGE_THRESHOLD.percent, people: parsed.data.people ?? DEFAULT_CHANGE_THRESHOLD.people };
}

function n(value: number): string {
  return value.toLocaleString("ja-JP");
}

function signed(value: number): string {
  return value > 0 ? `+${n(value)}` : n(value);
}
