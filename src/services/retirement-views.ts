/**
 * Read-only views for the 定年引上げ pages that services/retirement-planning.ts does not offer: the units to
 * choose from, one unit's own age profile, every stored profile (for export) and the saved scenarios.
 * Reads only, through the tenant's repositories; rows are mapped before they reach a page.
 */
import type { TenantDb } from "../db/tenant.js";
import type { CohortCount } from "../domain/projection.js";
import { orderTree } from "../domain/organisation.js";
import type { RetirementSchedule } from "../domain/retirement.js";
import type { AgeProfileRecord } from "../io/age-profile.js";
import { type HiringMode, type ScenarioParams, storedScenarioParams } from "./retirement-scenarios.js";
import { toStaffingUnit } from "./staffing.js";

export interface UnitOption {
  id: number;
  code: string;
  name: string;
  depth: number;
  validFrom: number | null;
  validTo: number | null;
}

/** Every unit in tree order (parents before children), for selectors and files. */
export async function unitOptions(tenant: Pick<TenantDb, "units">): Promise<UnitOption[]> {
  const rows = await tenant.units.list();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return orderTree(rows.map(toStaffingUnit)).flatMap(({ unit, depth }) => {
    const row = byId.get(unit.id);
    return row ? [{ id: row.id, code: row.code, name: row.name, depth, validFrom: row.valid_from, validTo: row.valid_to }] : [];
  });
}

/** Base years that have an age profile, ascending. */
export function ageProfileBaseYears(tenant: Pick<TenantDb, "ageProfiles">): Promise<number[]> {
  return tenant.ageProfiles.baseYears();
}

/** The profile stored on the unit itself (not its subtree), as the edit grid shows it. */
export async function unitAgeProfile(tenant: Pick<TenantDb, "ageProfiles">, unitId: number, baseYear: number): Promise<CohortCount[]> {
  const rows = await tenant.ageProfiles.list(baseYear, [unitId]);
  return rows.map((r) => ({ cohort: r.cohort, category: r.category, count: r.count }));
}

/** Units that have a profile stored on themselves for the base year. */
export async function unitsWithAgeProfile(tenant: Pick<TenantDb, "ageProfiles">, baseYear: number): Promise<Set<number>> {
  return new Set((await tenant.ageProfiles.list(baseYear)).map((r) => r.unit_id));
}

/** Every stored row of a base year, or of every base year when null. */
export async function ageProfileRecords(tenant: Pick<TenantDb, "ageProfiles">, baseYear: number | null): Promise<AgeProfileRecord[]> {
  const years = baseYear === null ? await tenant.ageProfiles.baseYears() : [baseYear];
  const out: AgeProfileRecord[] = [];
  for (const year of years) {
    for (const r of await tenant.ageProfiles.list(year)) out.push({ unitId: r.unit_id, baseYear: r.base_year, cohort: r.cohort, category: r.category, count: r.count });
  }
  return out;
}

/** The job categories (職種) with a retirement schedule in force, as columns of the age grid and choices of the forms. */
export function categoryColumns(schedules: readonly RetirementSchedule[]): { code: string; label: string }[] {
  return effectiveSchedules(schedules).map(({ schedule }) => ({ code: schedule.category, label: schedule.label }));
}

/** One schedule per job category, the one in force (the municipality's ordinance replaces the national standard). */
export function effectiveSchedules(schedules: readonly RetirementSchedule[]): { schedule: RetirementSchedule; replacesNational: boolean }[] {
  const last = new Map<string, RetirementSchedule>();
  const count = new Map<string, number>();
  for (const s of schedules) {
    last.set(s.category, s);
    count.set(s.category, (count.get(s.category) ?? 0) + 1);
  }
  return [...last.values()].map((schedule) => ({ schedule, replacesNational: (count.get(schedule.category) ?? 0) > 1 }));
}

export interface ScenarioSummary {
  id: number;
  name: string;
  params: ScenarioParams;
  mode: HiringMode;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Saved scenarios, by name. */
export async function listScenarios(tenant: Pick<TenantDb, "scenarios">): Promise<ScenarioSummary[]> {
  const rows = await tenant.scenarios.list();
  return rows.map((r) => {
    const params = storedScenarioParams(r.params_json, r.id);
    return { id: r.id, name: r.name, params, mode: params.mode, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at };
  });
}
