/**
 * What the hearing services share: loading a round or a department with the authorization rules of
 * domain/hearing.ts, the units a department plans for, and their 現員 on the last April 1 (定数管理).
 */
import type { OrgUnitRow } from "../../db/schema.js";
import type { HearingRoundRow } from "../../db/schema-hearing.js";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { canReadDepartment, canSeeRound, heldYearOf, type RoundStatus } from "../../domain/hearing.js";
import { existsIn, orderTree } from "../../domain/organisation.js";
import type { Actor } from "../../domain/roles.js";
import { derivedStaffUnits, unitTotalsForYear } from "../../domain/staffing.js";
import { loadStaffing, toStaffingUnit } from "../staffing.js";
import { storedStrings } from "../stored-shapes.js";

export function roundStatusOf(row: HearingRoundRow): RoundStatus {
  return row.status === "decided" ? "decided" : "open";
}

/** The round, if the actor may see it; a viewer gets not_found for an open round (it does not exist for them yet). */
export async function requireRound(tenant: Pick<TenantDb, "hearingRounds">, actor: Actor, roundId: number): Promise<HearingRoundRow> {
  const round = await tenant.hearingRounds.get(roundId);
  if (!round || !canSeeRound(actor, roundStatusOf(round))) throw new GyokakuError("not_found", "指定されたヒアリングはありません");
  return round;
}

/** A department of the round that the actor may read (403 for another department's editor). */
export async function requireDepartment(tenant: Pick<TenantDb, "hearingRounds" | "units">, actor: Actor, round: HearingRoundRow, unitId: number): Promise<OrgUnitRow> {
  const departments = await tenant.hearingRounds.departments(round.id);
  const unit = departments.some((d) => d.unit_id === unitId) ? await tenant.units.get(unitId) : undefined;
  if (!unit) throw new GyokakuError("not_found", "このヒアリングの対象部局ではありません");
  if (!canReadDepartment(actor, unitId, roundStatusOf(round))) throw new GyokakuError("forbidden", `${unit.name}の様式を見る権限がありません`);
  return unit;
}

export function jobCategoriesOf(round: HearingRoundRow): string[] {
  return storedStrings(round.job_categories_json, `hearing_rounds.job_categories_json (#${round.id})`);
}

export interface PlanningUnit {
  id: number;
  code: string;
  name: string;
  depth: number;
  /** 現員 (人) on the last April 1 recorded up to the year the hearing is held; null when none recorded. */
  current: number | null;
  /** The unit's 職員数 is the sum of its sub-units' (not planned on its own line). */
  derived: boolean;
  /** The unit has no 職員数 of its own and the named unit above it (in the department) counts its staff; else null. */
  heldBy: string | null;
}

/** The fiscal year whose April 1 count is "the last April 1" for a round: the latest recorded year up to the held year. */
export async function baseYearOf(tenant: Pick<TenantDb, "headcounts">, targetYear: number): Promise<number | null> {
  const years = (await tenant.headcounts.recordedYears()).filter((y) => y <= heldYearOf(targetYear));
  return years[years.length - 1] ?? null;
}

/** The department and every unit below it that exists in the held year, in display order, with 現員. */
export async function planningUnits(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, departmentId: number, targetYear: number): Promise<PlanningUnit[]> {
  const held = heldYearOf(targetYear);
  const baseYear = await baseYearOf(tenant, targetYear);
  const data = await loadStaffing(tenant, baseYear === null ? { from: held, to: held } : { from: baseYear, to: baseYear });
  const inside = new Set<number>([departmentId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of data.unitRows) {
      if (u.parent_id !== null && inside.has(u.parent_id) && !inside.has(u.id)) {
        inside.add(u.id);
        grew = true;
      }
    }
  }
  const rows = data.unitRows.filter((u) => inside.has(u.id) && existsIn({ validFrom: u.valid_from, validTo: u.valid_to }, held));
  const totals = baseYear === null ? new Map() : unitTotalsForYear(data.units, data.records, baseYear);
  const derived = baseYear === null ? new Set<number>() : derivedStaffUnits(data.units, data.records, baseYear);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const heldBy = (id: number): string | null => {
    if ((totals.get(id)?.staff ?? null) !== null) return null;
    for (let up = byId.get(id)?.parent_id ?? null; up !== null && inside.has(up); up = byId.get(up)?.parent_id ?? null) {
      if ((totals.get(up)?.staff ?? null) !== null) return byId.get(up)?.name ?? null;
    }
    return null;
  };
  return orderTree(rows.map(toStaffingUnit)).map(({ unit, depth }) => ({
    id: unit.id,
    code: byId.get(unit.id)?.code ?? "",
    name: unit.name,
    depth,
    current: totals.get(unit.id)?.staff ?? null,
    derived: derived.has(unit.id),
    heldBy: heldBy(unit.id),
  }));
}

export function roundLabel(targetYear: number): string {
  return `${formatFiscalYear(targetYear)}に向けたヒアリング`;
}

/** A reform item (業務改革 重点推進項目) an ICT line of 様式1 may belong to: its lineage key and 「(3) AI、RPAの利用推進」. */
export interface ReformLink {
  key: string;
  label: string;
}

/** Every reform item of every edition, once per lineage key, labelled as in its newest edition (newest editions first). */
export async function reformLinks(tenant: Pick<TenantDb, "reformEditions" | "reformItems">): Promise<ReformLink[]> {
  const editions = (await tenant.reformEditions.list()).reverse();
  const links = new Map<string, ReformLink>();
  for (const edition of editions) {
    for (const item of await tenant.reformItems.listByEdition(edition.id)) {
      if (!links.has(item.lineage_key)) links.set(item.lineage_key, { key: item.lineage_key, label: `(${item.number}) ${item.name}` });
    }
  }
  return [...links.values()];
}
