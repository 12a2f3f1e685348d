/**
 * The facts the plausibility rule (domain/plausibility.ts) needs, read from the tenant: each unit's previous
 * 職員数, the municipality's whole staff and the change threshold setting.
 */
import { storedUnitIds } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import type { HeadcountCounts } from "../domain/headcount.js";
import { storedUnitKind } from "../domain/organisation.js";
import { type ChangeThreshold, checkPlausibility, derivedChangeFindings, parseChangeThreshold, type PlausibilityFinding, wholeStaffOf } from "../domain/plausibility.js";
import type { Actor } from "../domain/roles.js";
import { type StaffingUnit, unitTotalsForYear } from "../domain/staffing.js";
import { type ReadValues, requireUnchanged } from "../domain/read-values.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

/** Settings key of the year-on-year change that asks for a confirmation (JSON {percent, people}). */
export const CHANGE_THRESHOLD_SETTING = "staffing.changeThreshold";

export async function changeThresholdOf(tenant: Pick<TenantDb, "settings">): Promise<ChangeThreshold> {
  return parseChangeThreshold(await tenant.settings.get(CHANGE_THRESHOLD_SETTING));
}

/** Plausibility findings for figures about to be saved in `fiscalYear` (errors and warnings). */
export async function plausibilityOf(
  tenant: Pick<TenantDb, "headcounts" | "quotas" | "reorgEvents" | "settings" | "units">,
  fiscalYear: number,
  inputs: readonly { unitId: number; counts: HeadcountCounts }[],
  /** Figures of earlier years not stored yet (an import's earlier years), which take the place of stored ones. */
  pending: readonly { unitId: number; fiscalYear: number; counts: HeadcountCounts }[] = [],
): Promise<PlausibilityFinding[]> {
  if (inputs.length === 0) return [];
  const [unitRows, stored, quotaRows, threshold] = await Promise.all([
    tenant.units.list(),
    tenant.headcounts.list({ from: 0, to: fiscalYear }),
    tenant.quotas.list(),
    changeThresholdOf(tenant),
  ]);
  // The year as stored (職員数 is all the roll-up reads), which the inputs replace unit by unit.
  const ofYear = stored.filter((r) => r.fiscal_year === fiscalYear).map((r) => ({ unitId: r.unit_id, fiscalYear, counts: r.staff === null ? {} : { staff: r.staff } }));
  const early = pending.filter((p) => p.fiscalYear < fiscalYear);
  const pendingKey = new Set(early.map((p) => `${p.unitId}/${p.fiscalYear}`));
  const earlier = [
    ...stored.filter((r) => r.fiscal_year < fiscalYear && !pendingKey.has(`${r.unit_id}/${r.fiscal_year}`)).map((r) => ({ unit_id: r.unit_id, fiscal_year: r.fiscal_year, staff: r.staff })),
    ...early.map((p) => ({ unit_id: p.unitId, fiscal_year: p.fiscalYear, staff: p.counts.staff ?? null })),
  ].sort((a, b) => a.fiscal_year - b.fiscal_year);
  const units: StaffingUnit[] = unitRows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    kind: storedUnitKind(row),
    sortOrder: row.sort_order,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    name: row.name,
  }));
  const names = new Map(units.map((u) => [u.id, u.name]));
  // A 組織改正 (split, merge, transfer) in the year explains a large change of the units it touched.
  const reorganised = new Set(
    (await tenant.reorgEvents.list())
      .filter((e) => e.fiscal_year === fiscalYear)
      .flatMap((e) => [...storedUnitIds(e.from_unit_ids, `reorg_events.from_unit_ids (#${e.id})`), ...storedUnitIds(e.to_unit_ids, `reorg_events.to_unit_ids (#${e.id})`)]),
  );
  // Rows come ordered by year, so the last one seen per unit is its latest.
  const previous = new Map<number, { fiscalYear: number; staff: number }>();
  for (const r of earlier) if (r.staff !== null && !reorganised.has(r.unit_id)) previous.set(r.unit_id, { fiscalYear: r.fiscal_year, staff: r.staff });
  const lastYear = earlier.length === 0 ? null : Math.max(...earlier.map((r) => r.fiscal_year));
  const records = earlier
    .filter((r) => r.fiscal_year === lastYear)
    .map((r) => ({ unitId: r.unit_id, fiscalYear: r.fiscal_year, counts: r.staff === null ? {} : { staff: r.staff } }));
  const quotas = quotaRows.map((q) => ({ unitId: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to }));
  const wholeStaff = wholeStaffOf(units, lastYear, records, quotas, fiscalYear);
  const findings = checkPlausibility({
    fiscalYear,
    entries: inputs.map((i) => ({ unitId: i.unitId, unitName: names.get(i.unitId) ?? `#${i.unitId}`, counts: i.counts })),
    previous,
    wholeStaff,
    threshold,
  });
  // A parent the change makes derived from its children, at a figure far from its own or last year's (point 1).
  const after = [...ofYear.filter((r) => !inputs.some((i) => i.unitId === r.unitId)), ...inputs.map((i) => ({ unitId: i.unitId, fiscalYear, counts: i.counts }))];
  const rolledBefore = lastYear === null ? null : unitTotalsForYear(units, records, lastYear);
  const previousRolled = new Map<number, { fiscalYear: number; staff: number }>();
  for (const [id, t] of rolledBefore ?? []) if (lastYear !== null && t.staff !== null && !reorganised.has(id)) previousRolled.set(id, { fiscalYear: lastYear, staff: t.staff });
  const warned = new Set(findings.map((f) => f.unitId));
  return [...findings, ...derivedChangeFindings({ fiscalYear, units, before: ofYear, after, previous: previousRolled, threshold, warned })];
}

/** The key of the change threshold in the threshold form's values read (domain/read-values.ts). */
export const THRESHOLD_KEY = "threshold";

/** 確認の目安 as the form shows it: 「±20% かつ ±10人」. */
export function thresholdText(t: ChangeThreshold): string {
  return `±${t.percent}% かつ ±${t.people}人`;
}

/**
 * The change that asks for a confirmation before saving (a municipal setting). `read`: the values the form showed;
 * a threshold changed since by someone else is a conflict (nothing written).
 */
export async function setChangeThreshold(tenant: Pick<TenantDb, "audit" | "settings" | "transaction">, actor: Actor, threshold: ChangeThreshold, read?: ReadValues): Promise<void> {
  requireAdmin(actor, "確認の目安を変更する");
  const ok = (x: number, max: number) => Number.isFinite(x) && x >= 0 && x <= max;
  if (!ok(threshold.percent, 1000) || !ok(threshold.people, 100000) || !Number.isInteger(threshold.people)) {
    throw new GyokakuError("invalid_input", `確認の目安は 0～1000%、0～100,000人(整数)で入力してください: ${threshold.percent}% / ${threshold.people}人`);
  }
  await tenant.transaction(async (tx) => {
    const before = await changeThresholdOf(tx);
    requireUnchanged(read, [{ key: THRESHOLD_KEY, label: "確認の目安", stored: thresholdText(before), yours: thresholdText(threshold) }]);
    await tx.settings.set(CHANGE_THRESHOLD_SETTING, JSON.stringify(threshold));
    await recordChange(tx, actor, {
      action: "update",
      entity: "setting",
      entityId: CHANGE_THRESHOLD_SETTING,
      summary: `職員数の前年度比の確認の目安を ±${threshold.percent}% かつ ±${threshold.people}人に設定`,
      before: { ...before },
      after: { ...threshold },
    });
  });
}

/**
 * The municipality's whole staff (人) bounding a figure of `fiscalYear` (domain/plausibility.ts wholeStaffOf): 一般職(合計)
 * of the latest year recorded before it, or the 条例定数 in force summed, whichever is larger; null when neither is known.
 */
export async function wholeStaffIn(tenant: Pick<TenantDb, "headcounts" | "quotas" | "units">, fiscalYear: number): Promise<number | null> {
  const [unitRows, stored, quotaRows] = await Promise.all([tenant.units.list(), tenant.headcounts.list({ from: 0, to: fiscalYear - 1 }), tenant.quotas.list()]);
  const units: StaffingUnit[] = unitRows.map((row) => ({ id: row.id, parentId: row.parent_id, kind: storedUnitKind(row), sortOrder: row.sort_order, validFrom: row.valid_from, validTo: row.valid_to, name: row.name }));
  const lastYear = stored.length === 0 ? null : Math.max(...stored.map((r) => r.fiscal_year));
  const records = stored.filter((r) => r.fiscal_year === lastYear).map((r) => ({ unitId: r.unit_id, fiscalYear: r.fiscal_year, counts: r.staff === null ? {} : { staff: r.staff } }));
  const quotas = quotaRows.map((q) => ({ unitId: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to }));
  return wholeStaffOf(units, lastYear, records, quotas, fiscalYear);
}
