/**
 * The version of a saved 推計シナリオ as the pages show it, for the values read of the forms that replace or delete
 * one (domain/read-values.ts, issue 14 point 6): the moment it was last saved, in Japan time, to the second.
 */
import type { TenantDb } from "../db/tenant.js";
import { japanDateTimeOf } from "../domain/calendar.js";
import { formatDateBoth } from "../domain/era.js";
import type { ReadValues } from "../domain/read-values.js";

/** 「令和8年(2026年)12月1日 19:39:10に保存した条件」 for a scenario's updated_at (ISO instant). */
export function scenarioVersionText(updatedAt: string): string {
  const { date, time } = japanDateTimeOf(new Date(updatedAt));
  return `${formatDateBoth(date)} ${time}に保存した条件`;
}

/** A scenario's delete form's hidden values read: its version as listed, by id. */
export function scenarioReadValues(scenario: { id: number; updatedAt: string }): ReadValues {
  return { [String(scenario.id)]: scenarioVersionText(scenario.updatedAt) };
}

/** The save form's hidden values read (the projection page): every saved scenario's version, by name. */
export async function scenarioNameReadValues(tenant: Pick<TenantDb, "scenarios">): Promise<ReadValues> {
  return Object.fromEntries((await tenant.scenarios.list()).map((r) => [r.name, scenarioVersionText(r.updated_at)]));
}
