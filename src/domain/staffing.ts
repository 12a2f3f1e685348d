/**
 * Year-by-unit staffing figures derived from the recorded headcounts (the 図表4 table is domain/headcount-table.ts), both totals of 一般職,
 * and compliance with the ordinance quotas. Pure: callers pass units, records and quotas.
 */
import { type HeadcountCounts, quotaCountOf } from "./headcount.js";
import { existsIn, isGeneralService, type OrgNode, orderTree } from "./organisation.js";
import { assessCompliance, type Compliance, quotaCap } from "./quota.js";
import { isGap, type RollUpGap, rollUpStaff, type StaffSource } from "./roll-up.js";

/** An organisational unit (組織) with its name and validity (年度), as the staffing tables read it. */
export interface StaffingUnit extends OrgNode {
  name: string;
}

/** The figures (人) recorded for one unit in one fiscal year (年度); a missing category is "not recorded", not 0. */
export interface HeadcountRecord {
  unitId: number;
  fiscalYear: number;
  counts: HeadcountCounts;
}

/**
 * A 条例定数 (人) in force from `validFrom` to `validTo` (年度, both included; null = open-ended), as the ordinance sets it.
 */
export interface QuotaRecord {
  /** The unit the quota is recorded on (for a shared quota: the first of its members). */
  unitId: number;
  quota: number;
  validFrom: number | null;
  validTo: number | null;
  /**
   * A quota one ordinance sets for several 任命権者 together (e.g. 市長の事務部局, 選挙管理委員会, 公平委員会 and
   * 農業委員会): every unit it covers, `unitId` included. Absent or one unit: the quota is the unit's own.
   */
  memberUnitIds?: readonly number[];
}

/** The shared quota (two or more members) in force in the year that covers the unit, if any. */
export function sharedQuotaOf(quotas: readonly QuotaRecord[], unitId: number, fiscalYear: number): QuotaRecord | null {
  return quotas.find((q) => (q.memberUnitIds?.length ?? 0) > 1 && q.memberUnitIds?.includes(unitId) && existsIn(q, fiscalYear)) ?? null;
}

/**
 * One unit's figures (人) in one fiscal year (年度), rolled up from its children (domain/roll-up.ts), with the うち
 * counts summed over the unit and those below it and the count held against the quota (seed 図表4).
 */
export interface UnitYearTotals {
  /** The unit existed in that fiscal year. */
  exists: boolean;
  /** 職員数 by the roll-up rule (domain/roll-up.ts): the sum of the children when all are entered, else the unit's own; null when nothing is recorded. */
  staff: number | null;
  /** Where `staff` comes from. */
  source: StaffSource;
  /** Sum of the children that have a figure; null when none has. */
  childrenSum: number | null;
  /** Existing children without a figure. */
  childrenWithout: number;
  /** Own figure − childrenSum, when both exist. */
  difference: number | null;
  /** うち counts: null when neither the unit nor any unit below it recorded the category that year. */
  seconded: number | null;
  fixedTerm: number | null;
  onLeave: number | null;
  childcareSubstitutes: number | null;
  /** Held against the quota: staff − seconded − on leave + childcare substitutes. */
  quotaCount: number | null;
}

const SUBCOUNTS = ["seconded", "fixedTerm", "onLeave", "childcareSubstitutes"] as const;

/** Totals of every unit for one fiscal year, children rolled up into parents. */
export function unitTotalsForYear(units: readonly StaffingUnit[], records: readonly HeadcountRecord[], fiscalYear: number): Map<number, UnitYearTotals> {
  const own = new Map<number, HeadcountCounts>();
  for (const r of records) if (r.fiscalYear === fiscalYear) own.set(r.unitId, r.counts);
  const children = new Map<number, StaffingUnit[]>();
  for (const u of units) {
    if (u.parentId !== null && existsIn(u, fiscalYear)) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const result = new Map<number, UnitYearTotals>();
  const visit = (unit: StaffingUnit): UnitYearTotals => {
    const cached = result.get(unit.id);
    if (cached) return cached;
    const counts = own.get(unit.id) ?? {};
    const kids = (children.get(unit.id) ?? []).map(visit);
    const rollUp = rollUpStaff(counts.staff ?? null, kids.map((k) => k.staff));
    const staff = rollUp.staff;
    const totals: UnitYearTotals = {
      exists: existsIn(unit, fiscalYear),
      staff,
      source: rollUp.source,
      childrenSum: rollUp.childrenSum,
      childrenWithout: rollUp.childrenWithout,
      difference: rollUp.difference,
      seconded: null,
      fixedTerm: null,
      onLeave: null,
      childcareSubstitutes: null,
      quotaCount: null,
    };
    for (const key of SUBCOUNTS) {
      const parts = [counts[key], ...kids.map((k) => k[key])].filter((v): v is number => v !== undefined && v !== null);
      totals[key] = parts.length === 0 ? null : parts.reduce((s, v) => s + v, 0);
    }
    totals.quotaCount =
      staff === null
        ? null
        : quotaCountOf({ staff, seconded: totals.seconded ?? 0, onLeave: totals.onLeave ?? 0, childcareSubstitutes: totals.childcareSubstitutes ?? 0 });
    result.set(unit.id, totals);
    return totals;
  };
  for (const u of units) visit(u);
  return result;
}

/**
 * Units whose 職員数 comes from their children in that year: every child that exists then has a figure
 * (domain/roll-up.ts). Their own 職員数 cannot be entered (it would be ignored); a parent whose children are not
 * all entered keeps its own.
 */
export function derivedStaffUnits(units: readonly StaffingUnit[], records: readonly HeadcountRecord[], fiscalYear: number): Set<number> {
  const totals = unitTotalsForYear(units, records, fiscalYear);
  const derived = new Set<number>();
  for (const [id, t] of totals) if (t.exists && t.source === "children") derived.add(id);
  return derived;
}

/**
 * Parents of the year whose figure is not simply the sum of their children: partly entered children, or a stored
 * figure that disagrees with the children. In display order. Shown by the grid, the import preview and the
 * compliance panel.
 */
export function rollUpGapsForYear(units: readonly StaffingUnit[], records: readonly HeadcountRecord[], fiscalYear: number): RollUpGap[] {
  const totals = unitTotalsForYear(units, records, fiscalYear);
  const gaps: RollUpGap[] = [];
  for (const { unit } of orderTree(units)) {
    const t = totals.get(unit.id);
    if (!t || !t.exists || !isGap(t)) continue;
    const own = records.find((r) => r.fiscalYear === fiscalYear && r.unitId === unit.id)?.counts.staff ?? null;
    const missing = units.filter((c) => c.parentId === unit.id && existsIn(c, fiscalYear) && totals.get(c.id)?.staff === null).map((c) => c.name);
    gaps.push({ unitId: unit.id, name: unit.name, fiscalYear, source: t.source, own, childrenSum: t.childrenSum, difference: t.difference, missing });
  }
  return gaps;
}

/** True when the year has 休職・休業 or 育児休業代替 figures, without which 一般職(定数合計) cannot be told. */
export function leaveRecorded(records: readonly HeadcountRecord[], fiscalYear: number): boolean {
  return records.some((r) => r.fiscalYear === fiscalYear && (r.counts.onLeave !== undefined || r.counts.childcareSubstitutes !== undefined));
}

function topLevelGeneral(units: readonly StaffingUnit[], fiscalYear: number): StaffingUnit[] {
  const ids = new Set(units.map((u) => u.id));
  return units.filter((u) => (u.parentId === null || !ids.has(u.parentId)) && isGeneralService(u) && existsIn(u, fiscalYear));
}

/** Both totals of 一般職 in a fiscal year (年度), in 人, as 図表4's last rows print them. */
export interface YearTotals {
  fiscalYear: number;
  /** 一般職(合計): everyone incl. 派遣・休職・休業, excl. 育児休業代替任期付. */
  generalTotal: number | null;
  /** 一般職(定数合計): excl. 派遣・休職・休業, incl. 育児休業代替任期付; null when leave figures were not recorded. */
  quotaTotal: number | null;
}

/**
 * 一般職(合計) and 一般職(定数合計) (人) of `fiscalYear` (年度): the rolled-up figures of the top-level general-service
 * units summed (特別職 left out). 定数合計 is null until leave figures (休職・休業 or
 * 育児休業代替) are recorded that year, as the seed prints no 定数合計 then. Null totals when nothing is recorded. Never throws.
 */
export function yearTotals(units: readonly StaffingUnit[], records: readonly HeadcountRecord[], fiscalYear: number): YearTotals {
  const totals = unitTotalsForYear(units, records, fiscalYear);
  const tops = topLevelGeneral(units, fiscalYear).map((u) => totals.get(u.id));
  const withStaff = tops.filter((t): t is UnitYearTotals => t !== undefined && t.staff !== null);
  const generalTotal = withStaff.length === 0 ? null : withStaff.reduce((s, t) => s + (t.staff ?? 0), 0);
  const quotaTotal = generalTotal === null || !leaveRecorded(records, fiscalYear) ? null : withStaff.reduce((s, t) => s + (t.quotaCount ?? 0), 0);
  return { fiscalYear, generalTotal, quotaTotal };
}

/**
 * The 条例定数 (人) recorded on `unitId` and in force in `fiscalYear` (年度); null when none is. A shared quota is found
 * on the unit it is recorded on only. Never throws.
 */
export function quotaIn(quotas: readonly QuotaRecord[], unitId: number, fiscalYear: number): number | null {
  const q = quotas.find((x) => x.unitId === unitId && existsIn(x, fiscalYear));
  return q ? q.quota : null;
}

/**
 * The 条例定数 (人) of `units` in force in `fiscalYear` (年度), summed: each unit that exists in the year counts the quota
 * recorded on it and in force (quotaIn; a shared quota once, on the unit it is recorded on); a unit abolished or not yet
 * created counts nothing, whatever quota is still recorded on it. The one sum behind 図表4's 条例定数計 and cap, the
 * plausibility bound, the cap check of a year and the retirement projection's quota. 0 when no quota is in force.
 * Never throws.
 */
export function ordinanceQuotaSum(units: readonly Pick<StaffingUnit, "id" | "validFrom" | "validTo">[], quotas: readonly QuotaRecord[], fiscalYear: number): number {
  return units.filter((u) => existsIn(u, fiscalYear)).reduce((sum, u) => sum + (quotaIn(quotas, u.id, fiscalYear) ?? 0), 0);
}

/**
 * One quota-holding unit (or shared quota) in the cap check of a year: its count against its 条例定数 (人); compliance
 * is null when the count cannot be told (nothing recorded).
 */
export interface ComplianceRow {
  unitId: number;
  /** The unit's name; for a shared quota the members' names joined with 「・」. */
  name: string;
  compliance: Compliance | null;
  /** The units a shared quota covers (counted together against it); absent for a unit's own quota. */
  memberUnitIds?: number[];
}

/**
 * The cap check of a fiscal year (年度): each quota's row, the quota sum and its cap (人, with `allowancePercent` %),
 * the whole 一般職(定数合計) against them, the year's totals and the roll-up gaps to explain.
 */
export interface YearCompliance {
  fiscalYear: number;
  allowancePercent: number;
  rows: ComplianceRow[];
  quotaSum: number;
  cap: number;
  /** Null when 一般職(定数合計) cannot be told for the year. */
  total: Compliance | null;
  totals: YearTotals;
  /** Parents partly entered or disagreeing with their children (domain/roll-up.ts). */
  gaps: RollUpGap[];
}

/**
 * Compliance of each quota-holding unit and of the whole: counted (定数合計) against the quota and the cap.
 * The total cap is taken on the summed quota (floor(1,061 × 1.03) = 1,092), not summed from rounded caps.
 */
export function complianceForYear(
  units: readonly StaffingUnit[],
  records: readonly HeadcountRecord[],
  quotas: readonly QuotaRecord[],
  fiscalYear: number,
  allowancePercent: number,
): YearCompliance {
  const totals = unitTotalsForYear(units, records, fiscalYear);
  const known = leaveRecorded(records, fiscalYear);
  const rows: ComplianceRow[] = [];
  for (const { unit } of orderTree(units)) {
    const shared = sharedQuotaOf(quotas, unit.id, fiscalYear);
    if (shared) {
      // A quota shared by several 任命権者: one row, on its first member, counting every member together.
      if (shared.unitId !== unit.id) continue;
      const members = (shared.memberUnitIds ?? []).flatMap((id) => units.find((u) => u.id === id && existsIn(u, fiscalYear)) ?? []);
      const counts = members.map((m) => totals.get(m.id)?.quotaCount ?? null);
      const counted = counts.some((c) => c === null) ? null : counts.reduce<number>((sum, c) => sum + (c ?? 0), 0);
      rows.push({
        unitId: unit.id,
        name: members.map((m) => m.name).join("・"),
        compliance: known && counted !== null ? assessCompliance(counted, shared.quota, allowancePercent) : null,
        memberUnitIds: members.map((m) => m.id),
      });
      continue;
    }
    const quota = quotaIn(quotas, unit.id, fiscalYear);
    if (quota === null || !existsIn(unit, fiscalYear)) continue;
    const counted = totals.get(unit.id)?.quotaCount ?? null;
    rows.push({ unitId: unit.id, name: unit.name, compliance: known && counted !== null ? assessCompliance(counted, quota, allowancePercent) : null });
  }
  const summary = yearTotals(units, records, fiscalYear);
  const quotaSum = ordinanceQuotaSum(units, quotas, fiscalYear);
  return {
    fiscalYear,
    allowancePercent,
    rows,
    quotaSum,
    cap: quotaCap(quotaSum, allowancePercent),
    total: summary.quotaTotal === null ? null : assessCompliance(summary.quotaTotal, quotaSum, allowancePercent),
    totals: summary,
    gaps: rollUpGapsForYear(units, records, fiscalYear),
  };
}

/**
 * The quotas as they stand after setting `set.quota` (条例定数, 人) on `set.unitId` from fiscal year `set.fromYear` on,
 * by the rule the settings page writes with (services/staffing-settings.ts setQuota): a quota of the unit (its own or
 * a shared one covering it) that starts earlier is ended the year before, one that starts in that year or later is
 * replaced; earlier years keep what they had. Pure: a new array, the input untouched. Never throws.
 */
export function quotasAfterSetting(quotas: readonly QuotaRecord[], set: { unitId: number; quota: number; fromYear: number }): QuotaRecord[] {
  const covers = (q: QuotaRecord) => q.unitId === set.unitId || (q.memberUnitIds?.includes(set.unitId) ?? false);
  const next: QuotaRecord[] = [];
  for (const q of quotas) {
    if (!covers(q) || (q.validTo !== null && q.validTo < set.fromYear)) next.push(q);
    else if (q.validFrom === null || q.validFrom < set.fromYear) next.push({ ...q, validTo: set.fromYear - 1 });
  }
  next.push({ unitId: set.unitId, quota: set.quota, validFrom: set.fromYear, validTo: null });
  return next;
}
