/**
 * 定年引上げ (retirement-age raise) planning, what is stored: the retirement schedules (定年の定め) and the age profiles
 * (年齢構成) by unit, year, cohort and category. The projection scenarios built on them are in retirement-scenarios.ts.
 */
import { z } from "zod";
import { readStoredJson } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { existsIn } from "../domain/organisation.js";
import type { CohortCount } from "../domain/projection.js";
import { type ReadValues, requireReadSent, requireUnchanged } from "../domain/read-values.js";
import { type Actor, canWriteUnit } from "../domain/roles.js";
import { cohortLabel, formatMonthDay, NATIONAL_SCHEDULES, parseMonthDay, retirementDayOf, type RetirementSchedule, type RetirementStep, scheduleProblems } from "../domain/retirement.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

const StoredSteps = z.array(z.object({ fromYear: z.number().int().nullable(), age: z.number().int() }));

/** A schedule's steps as stored in retirement_schedules.steps_json. @throws GyokakuError stored_data_invalid */
function storedSteps(json: string, category: string): RetirementStep[] {
  return readStoredJson(StoredSteps, json, `retirement_schedules.steps_json (${category})`);
}

/** National standard first, the municipality's ordinance after it: a later schedule of the same category wins. */
export async function schedulesOf(tenant: Pick<TenantDb, "retirementSchedules">): Promise<RetirementSchedule[]> {
  const own = await tenant.retirementSchedules.list();
  return [
    ...NATIONAL_SCHEDULES,
    ...own.map((r) => {
      return {
        category: r.category,
        label: r.label,
        steps: storedSteps(r.steps_json, r.category),
        retireOn: parseMonthDay(r.retire_on),
        source: r.source || "条例",
      };
    }),
  ];
}

/** The fields of the schedule form, by the key the form's values read carry, with their Japanese names. */
const SCHEDULE_FIELDS = { label: "職種の名称", steps: "年度ごとの定年", retireOn: "退職日", source: "根拠" } as const;
type ScheduleField = keyof typeof SCHEDULE_FIELDS;

/**
 * A schedule's fields as the form shows them, one text per key (label, steps "- 60\n2023 61" one step a line,
 * retireOn "03-31", source): what a form read (web: the hidden read* fields, parsed and described by this) and what is
 * stored now compare by, in saveSchedule.
 */
export function scheduleReadValues(schedule: RetirementSchedule): Record<ScheduleField, string> {
  return {
    label: schedule.label.trim(),
    steps: schedule.steps.map((s) => `${s.fromYear === null ? "-" : s.fromYear} ${s.age}`).join("\n"),
    retireOn: formatMonthDay(retirementDayOf(schedule)),
    source: (schedule.source ?? "").trim(),
  };
}

/**
 * The municipality's own schedule for a job category (条例), replacing the national standard of that category.
 * `read` (the form's values as shown, scheduleReadValues): inside the transaction, a field typed as read keeps what is
 * stored now (another user's newer change is not reverted), a field changed here that someone else changed meanwhile
 * to another value is refused (domain/read-values.ts requireUnchanged). Undefined: no check (not from a form: the CLI,
 * tests); null: a form post that sent no values read, refused over a stored schedule (it would overwrite blind).
 * @throws GyokakuError forbidden (not an administrator), conflict naming the field, the value shown, the value stored
 *   and the value typed, invalid_input (scheduleProblems, blank name); nothing written on any of them
 */
export async function saveSchedule(tenant: Pick<TenantDb, "audit" | "retirementSchedules" | "transaction">, actor: Actor, typed: RetirementSchedule, read?: ReadValues | null): Promise<void> {
  requireAdmin(actor, "定年の定めを変更する");
  await tenant.transaction(async (tx) => {
    const rows = await tx.retirementSchedules.list();
    const before = rows.find((r) => r.category === typed.category);
    const stored = (await schedulesOf(tx)).filter((s) => s.category === typed.category).at(-1);
    // A form post (read not undefined) over a stored schedule must say what it showed: without it, it would overwrite blind.
    if (before) requireReadSent(read);
    const schedule = stored && read ? mergeSchedule(typed, stored, read) : typed;
    const problems = scheduleProblems(schedule);
    if (schedule.label.trim() === "") problems.push("職種の名称を入力してください");
    if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems });
    const retireOn = retirementDayOf(schedule);
    await tx.retirementSchedules.upsert({
      category: schedule.category,
      label: schedule.label.trim(),
      stepsJson: JSON.stringify(schedule.steps),
      retireOn: formatMonthDay(retireOn),
      source: schedule.source ?? "",
    });
    await recordChange(tx, actor, {
      action: before ? "update" : "create",
      entity: "retirement_schedule",
      entityId: schedule.category,
      summary: `定年の定めを保存: ${schedule.label}`,
      before: before ? { label: before.label, steps: storedSteps(before.steps_json, before.category), retireOn: before.retire_on } : undefined,
      after: { label: schedule.label, steps: schedule.steps, retireOn },
    });
  });
}

/** The typed schedule over the stored one: each field typed as read takes the stored value; a changed one is checked. */
function mergeSchedule(typed: RetirementSchedule, stored: RetirementSchedule, read: ReadValues): RetirementSchedule {
  const yours = scheduleReadValues(typed);
  const now = scheduleReadValues(stored);
  const changed = (Object.keys(SCHEDULE_FIELDS) as ScheduleField[]).filter((key) => yours[key] !== read[key]);
  requireUnchanged(
    read,
    changed.map((key) => ({ key, label: `「${stored.label}」の${SCHEDULE_FIELDS[key]}`, stored: now[key], yours: yours[key] })),
  );
  const pick = <K extends ScheduleField>(key: K): RetirementSchedule[K] => (changed.includes(key) ? typed[key] : stored[key]);
  const source = pick("source");
  const retireOn = pick("retireOn");
  return { category: typed.category, label: pick("label"), steps: pick("steps"), ...(retireOn ? { retireOn } : {}), ...(source !== undefined ? { source } : {}) };
}

/**
 * The units a scope covers: a unit and everything under it, or (null) every unit.
 * @throws GyokakuError not_found when the unit is not the municipality's.
 */
export async function scopeUnits(tenant: Pick<TenantDb, "units">, scopeUnitId: number | null) {
  const units = await tenant.units.list();
  if (scopeUnitId === null) return units;
  if (!units.some((u) => u.id === scopeUnitId)) throw new GyokakuError("not_found", "指定された組織はありません");
  const ids = new Set<number>([scopeUnitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parent_id !== null && ids.has(u.parent_id) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return units.filter((u) => ids.has(u.id));
}

/** Staff by cohort and category in a scope, summed over its units. */
export async function ageProfileOf(tenant: Pick<TenantDb, "ageProfiles" | "units">, baseYear: number, scopeUnitId: number | null): Promise<CohortCount[]> {
  const units = await scopeUnits(tenant, scopeUnitId);
  const rows = await tenant.ageProfiles.list(baseYear, units.map((u) => u.id));
  const merged = new Map<string, CohortCount>();
  for (const r of rows) {
    const key = `${r.cohort}/${r.category}`;
    const c = merged.get(key);
    if (c) c.count += r.count;
    else merged.set(key, { cohort: r.cohort, category: r.category, count: r.count });
  }
  return [...merged.values()].sort((a, b) => a.cohort - b.cohort || a.category.localeCompare(b.category));
}

/** Replaces one unit's age profile for a base year (the edit grid, an import). */
export async function saveAgeProfile(
  tenant: Pick<TenantDb, "ageProfiles" | "audit" | "retirementSchedules" | "transaction" | "units">,
  actor: Actor,
  props: {
    unitId: number;
    baseYear: number;
    rows: readonly CohortCount[];
    /**
     * The cells as the writer read them (`cohort/category` → count; absent = 0). With them only the cells that differ
     * from them are written over what is stored now, and a cell someone else changed meanwhile is a 409 naming both values.
     */
    expected?: ReadonlyMap<string, number>;
  },
): Promise<void> {
  const schedules = await schedulesOf(tenant);
  const categories = new Set(schedules.map((s) => s.category));
  // A cell named as the grid shows it: 「昭和45年度生まれ(一般職)」, not 「1970年度生まれ(general)」.
  const cellName = (cohort: number, category: string) =>
    `${Number.isInteger(cohort) ? cohortLabel(cohort) : `${cohort}年度生まれ`}(${schedules.find((s) => s.category === category)?.label ?? category})`;
  await tenant.transaction(async (tx) => {
    const unit = await tx.units.get(props.unitId);
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    if (!canWriteUnit(actor, unit.id)) throw new GyokakuError("forbidden", `「${unit.name}」の年齢構成を編集する権限がありません`);
    if (!existsIn({ validFrom: unit.valid_from, validTo: unit.valid_to }, props.baseYear)) {
      throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(props.baseYear)}には存在しません`);
    }
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of props.rows) {
      const age = props.baseYear - r.cohort;
      if (!Number.isInteger(r.cohort) || age < 15 || age > 80) problems.push(`${Number.isInteger(r.cohort) ? cohortLabel(r.cohort) : `${r.cohort}年度生まれ`}は${formatFiscalYear(props.baseYear)}に${age}歳で、職員の年齢としてありえません`);
      if (!categories.has(r.category)) problems.push(`職種「${r.category}」の定年が定められていません`);
      if (!Number.isInteger(r.count) || r.count < 0) problems.push(`${cellName(r.cohort, r.category)}の人数は0以上の整数で入力してください: ${r.count}`);
      const key = `${r.cohort}/${r.category}`;
      if (seen.has(key)) problems.push(`${cellName(r.cohort, r.category)}が2回あります`);
      seen.add(key);
    }
    if (problems.length > 0) throw new GyokakuError("invalid_input", problems[0] ?? "", { problems });
    const before = await tx.ageProfiles.list(props.baseYear, [unit.id]);
    let rows: readonly CohortCount[] = props.rows;
    if (props.expected) {
      const expected = props.expected;
      const current = new Map(before.map((r) => [`${r.cohort}/${r.category}`, r.count]));
      const mine = new Map(props.rows.map((r) => [`${r.cohort}/${r.category}`, r.count]));
      const merged = new Map(current);
      const conflicts: string[] = [];
      for (const key of new Set([...expected.keys(), ...mine.keys()])) {
        const [read, yours, now] = [expected.get(key) ?? 0, mine.get(key) ?? 0, current.get(key) ?? 0];
        if (yours === read) continue;
        if (now !== read && now !== yours) {
          const [cohort, category] = key.split("/");
          conflicts.push(`${cellName(Number(cohort), category ?? "")}は、画面を開いた後に別の人が ${read} → ${now} に変更しています(あなたの入力: ${yours})`);
        }
        merged.set(key, yours);
      }
      if (conflicts.length > 0) throw new GyokakuError("conflict", `${conflicts.join(" / ")}。最新の値を確認してから、もう一度保存してください`, { problems: conflicts });
      rows = [...merged].flatMap(([key, count]) => {
        const [cohort, category] = key.split("/");
        return count > 0 ? [{ cohort: Number(cohort), category: category ?? "", count }] : [];
      });
    }
    await tx.ageProfiles.replaceUnit(unit.id, props.baseYear, rows);
    const total = (rows: readonly { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);
    await recordChange(tx, actor, {
      action: "update",
      entity: "age_profile",
      entityId: `${unit.code}/${props.baseYear}`,
      summary: `年齢構成を保存: ${unit.name} ${formatFiscalYear(props.baseYear)}`,
      before: { 人数: total(before), 区分数: before.length },
      after: { 人数: total(rows), 区分数: rows.filter((r) => r.count > 0).length },
    });
  });
}

/**
 * Imports age profiles of several units and base years in one transaction: saveAgeProfile per (unit, base year),
 * so one refusal rolls every unit back. Returns how many (unit, base year) profiles were replaced.
 */
export async function importAgeProfiles(
  tenant: Pick<TenantDb, "ageProfiles" | "audit" | "retirementSchedules" | "transaction" | "units">,
  actor: Actor,
  rows: readonly { unitId: number; baseYear: number; cohort: number; category: string; count: number }[],
  /** Run inside the write transaction before anything is written (e.g. a stale-preview check that throws). */
  check?: (tx: Pick<TenantDb, "ageProfiles">) => Promise<void>,
): Promise<number> {
  const groups = new Map<string, { unitId: number; baseYear: number; rows: CohortCount[] }>();
  for (const r of rows) {
    const key = `${r.unitId}/${r.baseYear}`;
    const group = groups.get(key) ?? { unitId: r.unitId, baseYear: r.baseYear, rows: [] };
    group.rows.push({ cohort: r.cohort, category: r.category, count: r.count });
    groups.set(key, group);
  }
  await tenant.transaction(async (tx) => {
    if (check) await check(tx);
    for (const g of groups.values()) await saveAgeProfile(tx, actor, g);
  });
  return groups.size;
}
