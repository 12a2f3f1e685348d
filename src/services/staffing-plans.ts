/**
 * 配置計画 in 定数管理: the planned headcount per unit of a coming fiscal year (from applied hearing decisions,
 * services/hearing/apply.ts), beside the last April 1 actually counted, and judged against the quota and the cap of
 * that year as if it were the year's count (domain/staffing-plan.ts).
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { formatFiscalYear } from "../domain/era.js";
import { orderTree } from "../domain/organisation.js";
import { allowancePercentIn } from "../domain/policy.js";
import { complianceForYear, unitTotalsForYear, type YearCompliance } from "../domain/staffing.js";
import { plannedRecords } from "../domain/staffing-plan.js";
import { loadStaffing } from "./staffing.js";

export interface PlanRow {
  unitId: number;
  name: string;
  depth: number;
  /** 職員数 (人) on the base year's April 1; null when none was counted. */
  actual: number | null;
  /** 配置計画 (人): the unit's own plan, or a parent's total as the plans below it change it; null when unchanged. */
  planned: number | null;
  /** The unit has a plan of its own (not only a changed total). */
  ownPlan: boolean;
  /** Where the plan came from (the hearing round's title). */
  source: string;
}

export interface StaffingPlanView {
  /** Years that have a plan, ascending. */
  planYears: number[];
  fiscalYear: number | null;
  /** The last counted year before the plan year (the figures the plan starts from). */
  baseYear: number | null;
  rows: PlanRow[];
  /** The plan judged against the quota and the cap of its year; null without a plan or a base year. */
  compliance: YearCompliance | null;
}

/** The plan of `fiscalYear` (default: the latest planned year). Throws not_found for a year without a plan. */
export async function staffingPlanView(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "staffingPlans" | "units">, fiscalYear?: number): Promise<StaffingPlanView> {
  const all = await tenant.staffingPlans.list();
  const planYears = [...new Set(all.map((p) => p.fiscal_year))].sort((a, b) => a - b);
  const year = fiscalYear ?? planYears[planYears.length - 1] ?? null;
  if (year === null) return { planYears, fiscalYear: null, baseYear: null, rows: [], compliance: null };
  if (!planYears.includes(year)) throw new GyokakuError("not_found", `${formatFiscalYear(year)}の配置計画はありません`);
  const plans = all.filter((p) => p.fiscal_year === year);
  const recorded = (await tenant.headcounts.recordedYears()).filter((y) => y < year);
  const baseYear = recorded[recorded.length - 1] ?? null;
  const data = await loadStaffing(tenant);
  const totals = baseYear === null ? new Map<number, { staff: number | null }>() : unitTotalsForYear(data.units, data.records, baseYear);
  const planned = new Map(plans.map((p) => [p.unit_id, p.planned_staff]));
  const shown = new Set([...planned.keys(), ...[...totals].filter(([, t]) => t.staff !== null).map(([id]) => id)]);
  // Show the planned units and every unit above them (so the tree reads), plus units that were counted.
  for (const id of [...shown]) {
    let parent = data.units.find((u) => u.id === id)?.parentId ?? null;
    while (parent !== null) {
      shown.add(parent);
      parent = data.units.find((u) => u.id === parent)?.parentId ?? null;
    }
  }
  const records = plannedRecords(data.records, baseYear, planned, year);
  const plannedTotals = unitTotalsForYear(data.units, records, year);
  const rows = orderTree(data.units.filter((u) => shown.has(u.id))).map(({ unit, depth }) => {
    const actual = totals.get(unit.id)?.staff ?? null;
    const total = plannedTotals.get(unit.id)?.staff ?? null;
    const own = planned.get(unit.id);
    return {
      unitId: unit.id,
      name: unit.name,
      depth,
      actual,
      planned: own ?? (total !== actual ? total : null),
      ownPlan: own !== undefined,
      source: plans.find((p) => p.unit_id === unit.id)?.source ?? "",
    };
  });
  const compliance = baseYear === null ? null : complianceForYear(data.units, records, data.quotas, year, allowancePercentIn(data.policies, year));
  return { planYears, fiscalYear: year, baseYear, rows, compliance };
}
