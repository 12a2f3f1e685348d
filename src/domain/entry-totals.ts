/**
 * Totals of the yearly headcount entry form (issue 13 point 14): 部 totals from their 課, 一般職(合計),
 * 一般職(定数合計) and the cap check, for the figures currently in the form. Computed by the server when it renders
 * the form (it works without JavaScript) and by the form's script as the clerk types — the SAME function in both.
 *
 * How it is shared: `computeEntryTotals` imports nothing and calls the rules only through its `rules` argument, so
 * the script served at /assets/headcount-entry.js is built from this function's own source text and the sources of
 * the rule functions themselves (rollUpStaff, quotaCountOf, complianceStatus, leaveRecorded; see
 * web/assets/headcount-entry.ts). It therefore declares no named inner functions (a bundler that keeps names would
 * insert helpers into its text). test/unit/entry-totals.test.ts checks it against unitTotalsForYear / yearTotals /
 * assessCompliance on generated trees, and the served script against this function.
 */
import { type HeadcountCounts, quotaCountOf } from "./headcount.js";
import { existsIn, isGeneralService, orderTree } from "./organisation.js";
import { complianceStatus, type ComplianceStatus } from "./quota.js";
import { rollUpStaff, type StaffRollUp } from "./roll-up.js";
import { leaveRecorded, type HeadcountRecord, type StaffingUnit } from "./staffing.js";

/** One unit of the form, as the rules need it. */
export interface EntryUnit {
  id: number;
  /** The parent unit's id as recorded (null: none). */
  parentId: number | null;
  /** A top-level unit (no parent, or a parent unknown to the municipality) that is 一般職: counted in 一般職(合計). */
  topGeneral: boolean;
}

/** What the form's figures are checked against: the year's quota sum and cap (quotaCap of the allowance then). */
export interface EntryModel {
  fiscalYear: number;
  /** Units existing in the year, in display order (parents before children). */
  units: readonly EntryUnit[];
  /** 条例定数 sum in force in the year (人). */
  quotaSum: number;
  /** floor(quotaSum × (1 + 許容率)) in force in the year (人). */
  cap: number;
}

/**
 * The form's model for a year: the units existing then in display order, each top-level 一般職 unit marked as
 * yearTotals counts it (no parent, or a parent unknown to the municipality; 特別職 apart).
 */
export function entryModelOf(units: readonly StaffingUnit[], fiscalYear: number, quota: { quotaSum: number; cap: number }): EntryModel {
  const ids = new Set(units.map((u) => u.id));
  return {
    fiscalYear,
    units: orderTree(units)
      .filter(({ unit }) => existsIn(unit, fiscalYear))
      .map(({ unit }) => ({ id: unit.id, parentId: unit.parentId, topGeneral: (unit.parentId === null || !ids.has(unit.parentId)) && isGeneralService(unit) })),
    quotaSum: quota.quotaSum,
    cap: quota.cap,
  };
}

/** The rules the computation applies, passed in so that the browser runs the very same functions. */
export interface EntryRules {
  rollUpStaff: (own: number | null, children: readonly (number | null)[]) => StaffRollUp;
  quotaCountOf: (counts: { staff: number; seconded: number; onLeave: number; childcareSubstitutes: number }) => number;
  complianceStatus: (counted: number, quota: number, cap: number) => ComplianceStatus;
  leaveRecorded: (records: readonly HeadcountRecord[], fiscalYear: number) => boolean;
}

/**
 * One unit's figures (人) in the entry form as typed so far: 職員数 by the roll-up rule, the gap to its children and
 * the count held against the quota.
 */
export interface EntryUnitTotals {
  /** 職員数 by the roll-up rule; null when nothing is entered. */
  staff: number | null;
  source: StaffRollUp["source"];
  /** Own figure − sum of the children that have figures, when both exist. */
  difference: number | null;
  /** Held against the quota (staff − 派遣 − 休職・休業 + 育児休業代替); null without a 職員数. */
  quotaCount: number | null;
}

/**
 * The entry form's totals (人) for the figures typed so far: per unit, both 一般職 totals, the quota sum and its cap,
 * and the cap check — the same numbers 図表4 prints once they are saved.
 */
export interface EntryTotals {
  /** Per unit id. */
  units: Record<number, EntryUnitTotals>;
  /** 一般職(合計). */
  generalTotal: number | null;
  /** 一般職(定数合計); null until a 休職・休業 or 育児休業代替 figure is entered (as 図表4). */
  quotaTotal: number | null;
  quotaSum: number;
  cap: number;
  /** The cap check of 一般職(定数合計); null when it cannot be told. */
  status: ComplianceStatus | null;
}

/**
 * The form's totals for `counts` (the figures per unit id as in the form; a derived 部 carries its stored own
 * figure). Same results as unitTotalsForYear, yearTotals and assessCompliance of domain/staffing.ts for those
 * records. Pure; amounts in 人.
 */
export function computeEntryTotals(rules: EntryRules, model: EntryModel, counts: Readonly<Record<number, HeadcountCounts>>): EntryTotals {
  const keys = ["seconded", "fixedTerm", "onLeave", "childcareSubstitutes"] as const;
  const childrenOf: Record<number, number[]> = {};
  for (const unit of model.units) {
    if (unit.parentId !== null) (childrenOf[unit.parentId] = childrenOf[unit.parentId] ?? []).push(unit.id);
  }
  const subtotals: Record<number, Record<string, number | null>> = {};
  const units: Record<number, EntryUnitTotals> = {};
  // Children come after their parent in display order, so walking backwards meets every child first.
  for (let i = model.units.length - 1; i >= 0; i -= 1) {
    const unit = model.units[i];
    if (unit === undefined) continue;
    const own = counts[unit.id] ?? {};
    const kids = childrenOf[unit.id] ?? [];
    const rollUp = rules.rollUpStaff(own.staff ?? null, kids.map((id) => units[id]?.staff ?? null));
    const sub: Record<string, number | null> = {};
    for (const key of keys) {
      const parts = [own[key] ?? null, ...kids.map((id) => subtotals[id]?.[key] ?? null)].filter((v): v is number => v !== null);
      sub[key] = parts.length === 0 ? null : parts.reduce((s, v) => s + v, 0);
    }
    subtotals[unit.id] = sub;
    units[unit.id] = {
      staff: rollUp.staff,
      source: rollUp.source,
      difference: rollUp.difference,
      quotaCount:
        rollUp.staff === null
          ? null
          : rules.quotaCountOf({ staff: rollUp.staff, seconded: sub["seconded"] ?? 0, onLeave: sub["onLeave"] ?? 0, childcareSubstitutes: sub["childcareSubstitutes"] ?? 0 }),
    };
  }
  const tops = model.units.filter((u) => u.topGeneral).map((u) => units[u.id]).filter((t) => t !== undefined && t.staff !== null);
  const generalTotal = tops.length === 0 ? null : tops.reduce((s, t) => s + (t?.staff ?? 0), 0);
  const records = Object.keys(counts).map((id) => ({ unitId: Number(id), fiscalYear: model.fiscalYear, counts: counts[Number(id)] ?? {} }));
  const quotaTotal = generalTotal === null || !rules.leaveRecorded(records, model.fiscalYear) ? null : tops.reduce((s, t) => s + (t?.quotaCount ?? 0), 0);
  return {
    units,
    generalTotal,
    quotaTotal,
    quotaSum: model.quotaSum,
    cap: model.cap,
    status: quotaTotal === null ? null : rules.complianceStatus(quotaTotal, model.quotaSum, model.cap),
  };
}

/** The rules of src/domain, for the server's own call. */
export const ENTRY_RULES: EntryRules = { rollUpStaff, quotaCountOf, complianceStatus, leaveRecorded };

/** computeEntryTotals with the rules of src/domain. */
export function entryTotals(model: EntryModel, counts: Readonly<Record<number, HeadcountCounts>>): EntryTotals {
  return computeEntryTotals(ENTRY_RULES, model, counts);
}
