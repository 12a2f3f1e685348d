/**
 * 定年引上げ staffing projections (推計シナリオ): parameters, running one (domain/projection.ts over the stored
 * schedules, age profile and quotas), saving, deleting and comparing saved ones. What they read is kept in
 * retirement-planning.ts.
 */
import { z } from "zod";
import { readStoredJson } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import {
  type LeaverRate,
  type LevelledPlan,
  levelledHiringPlan,
  oneForOneHires,
  type ProjectionInput,
  type ProjectionYear,
  projectionProblems,
  projectStaffing,
} from "../domain/projection.js";
import { NOT_SET, type ReadValues, requireUnchanged } from "../domain/read-values.js";
import type { Actor } from "../domain/roles.js";
import { ordinanceQuotaSum } from "../domain/staffing.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";
import { ageProfileOf, schedulesOf, scopeUnits } from "./retirement-planning.js";
import { scenarioVersionText } from "./scenario-versions.js";
import { allowancePercentOf, toQuotaRecord, toStaffingUnit } from "./staffing.js";

/** Illustrative starting rates of other leavers (自己都合等) by age band; every scenario can change them. */
export const DEFAULT_LEAVER_RATES: LeaverRate[] = [
  { fromAge: 18, toAge: 29, rate: 0.03 },
  { fromAge: 30, toAge: 39, rate: 0.015 },
  { fromAge: 40, toAge: 49, rate: 0.01 },
  { fromAge: 50, toAge: 75, rate: 0.015 },
];

export type HiringMode = "levelled" | "one-for-one" | "manual";

export interface ScenarioParams {
  /** The unit whose staff (and quota) are projected, with everything under it; null = the whole municipality. */
  scopeUnitId: number | null;
  baseYear: number;
  toYear: number;
  leaverRates: LeaverRate[];
  hireAge: number;
  hireCategory: string;
  /** Headcount to reach in toYear for the levelled plan (null = that year's quota). */
  target: number | null;
  mode: HiringMode;
  /** Hires per year for the manual mode. */
  manualHires: Record<number, number>;
  /** null = the municipal setting. */
  allowancePercent: number | null;
}

const StoredScenarioParams = z.object({
  scopeUnitId: z.number().int().nullable(),
  baseYear: z.number().int(),
  toYear: z.number().int(),
  leaverRates: z.array(z.object({ fromAge: z.number(), toAge: z.number(), rate: z.number() })),
  hireAge: z.number(),
  hireCategory: z.string(),
  target: z.number().nullable(),
  mode: z.enum(["levelled", "one-for-one", "manual"]),
  manualHires: z.record(z.string(), z.number()),
  allowancePercent: z.number().nullable(),
});

/**
 * A saved scenario's parameters as stored in projection_scenarios.params_json.
 * @throws GyokakuError stored_data_invalid when the JSON is not a scenario's parameters.
 */
export function storedScenarioParams(json: string, scenarioId: number): ScenarioParams {
  const parsed = readStoredJson(StoredScenarioParams, json, `projection_scenarios.params_json (#${scenarioId})`);
  return { ...parsed, manualHires: Object.fromEntries(Object.entries(parsed.manualHires).map(([year, n]) => [Number(year), n])) };
}

export const DEFAULT_TO_YEAR = 2035;

export function defaultParams(baseYear: number): ScenarioParams {
  return {
    scopeUnitId: null,
    baseYear,
    toYear: Math.max(DEFAULT_TO_YEAR, baseYear + 1),
    leaverRates: DEFAULT_LEAVER_RATES,
    hireAge: 22,
    hireCategory: "general",
    target: null,
    mode: "levelled",
    manualHires: {},
    allowancePercent: null,
  };
}

export interface ScenarioResult {
  params: ScenarioParams;
  /** The projection of the chosen mode. */
  years: ProjectionYear[];
  hires: Record<number, number>;
  levelled: LevelledPlan;
  oneForOne: { hires: Record<number, number>; years: ProjectionYear[] };
  profileTotal: number;
  warnings: string[];
}

export async function runScenario(tenant: Pick<TenantDb, "ageProfiles" | "policies" | "quotas" | "retirementSchedules" | "units">, params: ScenarioParams): Promise<ScenarioResult> {
  const problems = projectionProblems({ ...params, profile: [], hires: params.manualHires });
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems });
  const [schedules, profile, units, quotaRows, municipalAllowance] = await Promise.all([
    schedulesOf(tenant),
    ageProfileOf(tenant, params.baseYear, params.scopeUnitId),
    scopeUnits(tenant, params.scopeUnitId),
    tenant.quotas.list(),
    allowancePercentOf(tenant, params.baseYear),
  ]);
  if (profile.length === 0) throw new GyokakuError("invalid_input", `${formatFiscalYear(params.baseYear)}の年齢構成が登録されていません`);
  const unknown = profile.find((c) => !schedules.some((s) => s.category === c.category));
  if (unknown) throw new GyokakuError("invalid_input", `職種「${unknown.category}」の定年が定められていません`);
  const quotas = quotaRows.map((q) => toQuotaRecord(q));
  const staffingUnits = units.map((u) => toStaffingUnit(u));
  const quota: Record<number, number> = {};
  // A unit abolished (or not yet created) in a year holds no quota in it, whatever is still recorded on it.
  for (let fy = params.baseYear; fy <= params.toYear; fy++) quota[fy] = ordinanceQuotaSum(staffingUnits, quotas, fy);
  if (Object.values(quota).every((q) => q === 0)) throw new GyokakuError("invalid_input", "対象の組織に条例定数が設定されていません");
  const input: Omit<ProjectionInput, "hires"> = {
    baseYear: params.baseYear,
    toYear: params.toYear,
    profile,
    leaverRates: params.leaverRates,
    hireAge: params.hireAge,
    hireCategory: params.hireCategory,
    quota,
    allowancePercent: params.allowancePercent ?? municipalAllowance,
    schedules,
  };
  const levelled = levelledHiringPlan({ ...input, ...(params.target === null ? {} : { target: params.target }) });
  const oneHires = oneForOneHires(input);
  const oneForOne = { hires: oneHires, years: projectStaffing({ ...input, hires: oneHires }) };
  const hires = params.mode === "manual" ? params.manualHires : params.mode === "one-for-one" ? oneHires : levelled.ok ? levelled.hires : {};
  const years = projectStaffing({ ...input, hires });
  const warnings = years.filter((y) => y.overCap > 0).map((y) => `${formatFiscalYear(y.fiscalYear)}: 職員数${y.headcount}人が上限${y.cap}人を${y.overCap}人超えます`);
  if (params.mode === "levelled" && !levelled.ok) warnings.unshift(levelled.reason);
  return { params, years, hires, levelled, oneForOne, profileTotal: profile.reduce((s, c) => s + c.count, 0), warnings };
}

/** What saveScenario reads and writes of the municipality's repositories (a type error to reach another). */
export type SaveScenarioDb = Pick<TenantDb, "ageProfiles" | "audit" | "policies" | "quotas" | "retirementSchedules" | "scenarios" | "transaction" | "units">;

/**
 * Saves a scenario under a name (a second save with the same name replaces it). `read`: the scenarios the page listed
 * by name (scenario-versions.ts scenarioNameReadValues); replacing one saved since, or one created meanwhile under the
 * name, is a conflict naming both versions, nothing written (issue 14 point 6). Without `read` no check.
 * @throws GyokakuError forbidden, invalid_input, conflict
 */
export async function saveScenario(tenant: SaveScenarioDb, actor: Actor, name: string, params: ScenarioParams, read?: ReadValues): Promise<number> {
  requireAdmin(actor, "推計シナリオを保存する");
  const trimmed = name.trim();
  if (trimmed === "" || [...trimmed].length > 100) throw new GyokakuError("invalid_input", "シナリオ名は1～100文字で入力してください");
  await runScenario(tenant, params);
  return tenant.transaction(async (tx) => {
    const now = new Date().toISOString();
    const existing = await tx.scenarios.getByName(trimmed);
    // Replacing a scenario of that name is fine when it is the one the page listed, not one saved meanwhile.
    requireUnchanged(read, [{ key: trimmed, label: `シナリオ「${trimmed}」`, stored: existing ? scenarioVersionText(existing.updated_at) : NOT_SET, yours: "この条件で保存" }]);
    const paramsJson = JSON.stringify(params);
    let id: number;
    if (existing) {
      await tx.scenarios.update(existing.id, { name: trimmed, paramsJson, now });
      id = existing.id;
    } else {
      id = (await tx.scenarios.create({ name: trimmed, paramsJson, createdBy: actor.username, now })).id;
    }
    await recordChange(tx, actor, {
      action: existing ? "update" : "create",
      entity: "scenario",
      entityId: id,
      summary: `推計シナリオを保存: ${trimmed}`,
      before: existing ? storedScenarioParams(existing.params_json, existing.id) : undefined,
      after: params,
    });
    return id;
  });
}

/** The saved scenario `id`, asked by the delete route before it reads the form. @throws GyokakuError not_found */
export async function requireScenario(tenant: Pick<TenantDb, "scenarios">, id: number): Promise<{ id: number; name: string }> {
  const row = await tenant.scenarios.get(id);
  if (!row) throw new GyokakuError("not_found", "指定されたシナリオはありません");
  return row;
}

/**
 * Deletes a saved scenario. `read`: the scenario as the list showed it (scenarioReadValues); one saved again since
 * (new conditions under the same name) is a conflict naming both versions, nothing deleted (issue 14 point 6).
 * @throws GyokakuError forbidden, not_found, conflict
 */
export async function deleteScenario(tenant: Pick<TenantDb, "audit" | "scenarios" | "transaction">, actor: Actor, id: number, read?: ReadValues): Promise<void> {
  requireAdmin(actor, "推計シナリオを削除する");
  await tenant.transaction(async (tx) => {
    const row = await tx.scenarios.get(id);
    if (!row) throw new GyokakuError("not_found", "指定されたシナリオはありません");
    requireUnchanged(read, [{ key: String(id), label: `シナリオ「${row.name}」`, stored: scenarioVersionText(row.updated_at), yours: "削除" }]);
    await tx.scenarios.delete(id);
    await recordChange(tx, actor, { action: "delete", entity: "scenario", entityId: id, summary: `推計シナリオを削除: ${row.name}`, before: storedScenarioParams(row.params_json, id) });
  });
}

/** What compareScenarios reads and writes of the municipality's repositories (a type error to reach another). */
export type CompareScenariosDb = Pick<TenantDb, "ageProfiles" | "policies" | "quotas" | "retirementSchedules" | "scenarios" | "units">;

/** Saved scenarios, each run on today's data, for a side-by-side comparison. */
export async function compareScenarios(tenant: CompareScenariosDb, ids: readonly number[]): Promise<{ id: number; name: string; result: ScenarioResult }[]> {
  const out: { id: number; name: string; result: ScenarioResult }[] = [];
  for (const id of ids) {
    const row = await tenant.scenarios.get(id);
    if (!row) throw new GyokakuError("not_found", `シナリオ #${id} はありません`);
    out.push({ id, name: row.name, result: await runScenario(tenant, storedScenarioParams(row.params_json, id)) });
  }
  return out;
}
