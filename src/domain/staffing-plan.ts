/**
 * 配置計画 (staffing plan): the headcount per unit that applied hearing decisions plan for a fiscal year
 * (seed, section 4: the hearings decide next year's staffing). Read as if it were that year's April 1 count, so the
 * same quota and cap rules (domain/staffing.ts complianceForYear) judge the plan before the year begins.
 */
import type { HeadcountRecord } from "./staffing.js";

/**
 * The plan as headcount records of `targetYear`: every unit's figures of `baseYear` (the last April 1 counted), with
 * 職員数 (staff, 人) replaced by the planned figure where the plan has one; a planned unit without a base figure
 * (a new 課) gets a record of its planned 職員数 alone. `plans` maps unit id → planned 職員数 (人).
 */
export function plannedRecords(records: readonly HeadcountRecord[], baseYear: number | null, plans: ReadonlyMap<number, number>, targetYear: number): HeadcountRecord[] {
  const base = records.filter((r) => r.fiscalYear === baseYear);
  const out = base.map((r) => {
    const planned = plans.get(r.unitId);
    return { unitId: r.unitId, fiscalYear: targetYear, counts: planned === undefined ? r.counts : { ...r.counts, staff: planned } };
  });
  for (const [unitId, staff] of plans) if (!base.some((r) => r.unitId === unitId)) out.push({ unitId, fiscalYear: targetYear, counts: { staff } });
  return out;
}
