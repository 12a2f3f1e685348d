/**
 * 年齢構成の年度更新 (issue 13 point 14): a unit's age profile of a base year rolled into the next year
 * (domain/age-roll.ts), previewed first and then saved as the next year's profile, so a projection can start from
 * the new year.
 */
import type { TenantDb } from "../db/tenant.js";
import { type AgeRoll, ageRollProblems, rollAgeProfileForward } from "../domain/age-roll.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { existsIn } from "../domain/organisation.js";
import type { CohortCount } from "../domain/projection.js";
import { type Actor, canWriteUnit } from "../domain/roles.js";
import { saveAgeProfile, schedulesOf } from "./retirement-planning.js";

export interface AgeRollRequest {
  unitId: number;
  /** The year rolled from; the new profile is that of baseYear + 1. */
  baseYear: number;
  /** Leavers other than 定年 during baseYear. */
  leavers: readonly CohortCount[];
  /** Hires joining on April 1 of baseYear + 1. */
  hires: readonly CohortCount[];
}

export interface AgeRollPreview {
  unit: { id: number; name: string };
  baseYear: number;
  roll: AgeRoll;
  /** People already stored as the unit's profile of the next year (0: none); saving replaces them. */
  existingNext: number;
}

/**
 * What rolling the unit's profile forward would give; writes nothing.
 * @throws GyokakuError not_found (unit), forbidden (a unit the actor may not write), invalid_input (a unit that
 *   does not exist in either year, or leavers/hires that do not fit: details.problems lists each in Japanese).
 */
export async function previewAgeRoll(tenant: Pick<TenantDb, "ageProfiles" | "retirementSchedules" | "units">, actor: Actor, request: AgeRollRequest): Promise<AgeRollPreview> {
  const unit = await tenant.units.get(request.unitId);
  if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
  if (!canWriteUnit(actor, unit.id)) throw new GyokakuError("forbidden", `「${unit.name}」の年齢構成を編集する権限がありません`);
  const nextYear = request.baseYear + 1;
  for (const year of [request.baseYear, nextYear]) {
    if (!existsIn({ validFrom: unit.valid_from, validTo: unit.valid_to }, year)) {
      throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(year)}には存在しないため、年齢構成を翌年度へ繰り越せません`);
    }
  }
  const [schedules, rows, next] = await Promise.all([schedulesOf(tenant), tenant.ageProfiles.list(request.baseYear, [unit.id]), tenant.ageProfiles.list(nextYear, [unit.id])]);
  if (rows.length === 0) throw new GyokakuError("invalid_input", `「${unit.name}」の${formatFiscalYear(request.baseYear)}の年齢構成がありません`);
  const input = { baseYear: request.baseYear, profile: rows.map((r) => ({ cohort: r.cohort, category: r.category, count: r.count })), leavers: request.leavers, hires: request.hires, schedules };
  const problems = ageRollProblems(input);
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems[0] ?? "", { problems });
  return { unit: { id: unit.id, name: unit.name }, baseYear: request.baseYear, roll: rollAgeProfileForward(input), existingNext: next.reduce((s, r) => s + r.count, 0) };
}

/**
 * Saves the rolled profile as the unit's profile of baseYear + 1 (audited by saveAgeProfile), in one transaction.
 * A profile already stored for that year is replaced only with `replace` (the preview said so).
 * @throws as previewAgeRoll; GyokakuError conflict when the next year has a profile and `replace` is not given.
 */
export async function applyAgeRoll(tenant: Pick<TenantDb, "ageProfiles" | "audit" | "retirementSchedules" | "transaction" | "units">, actor: Actor, request: AgeRollRequest & { replace: boolean }): Promise<AgeRollPreview> {
  return tenant.transaction(async (tx) => {
    const preview = await previewAgeRoll(tx, actor, request);
    if (preview.existingNext > 0 && !request.replace) {
      throw new GyokakuError(
        "conflict",
        `「${preview.unit.name}」には${formatFiscalYear(preview.roll.nextYear)}の年齢構成(${preview.existingNext}人)がすでにあります。置き換える場合は確認欄にチェックしてください`,
      );
    }
    await saveAgeProfile(tx, actor, { unitId: preview.unit.id, baseYear: preview.roll.nextYear, rows: preview.roll.profile });
    return preview;
  });
}
