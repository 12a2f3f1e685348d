/** The secretariat's overview of a round: every department side by side, 現員 vs requested vs approved per unit and in total. */
import type { TenantDb } from "../../db/tenant.js";
import { grantedChange, isFormStatus, type FormStatus } from "../../domain/hearing.js";
import { type Employment, requestedChange } from "../../domain/hearing-forms.js";
import type { Actor } from "../../domain/roles.js";
import { unitTotalsForYear } from "../../domain/staffing.js";
import { defaultParams, runScenario } from "../retirement-scenarios.js";
import { loadStaffing } from "../staffing.js";
import { type ApplyPreview, readApplyPreview, requireOverviewReader } from "./apply.js";
import { GyokakuError } from "../../domain/errors.js";
import { heldYearOf } from "../../domain/hearing.js";
import { baseYearOf, requireRound } from "./context.js";
import { formWhere, storedDecisions, storedFormContent } from "../stored-shapes.js";

export interface OverviewUnit {
  unitId: number;
  name: string;
  /** 現員 (人) on the last April 1. */
  current: number;
  /** Headcount asked for the target year: 現員 + 増 − 減 of the first year. */
  requested: number;
  /** Headcount decided (null while a line is not yet decided). */
  approved: number | null;
  /**
   * The part of the change (人, 増 − 減 of the target year) asked and decided for 再任用 and 任期付 lines — inside
   * `requested` and `approved`, as they are inside a unit's count (docs/DOMAIN.md), shown apart as the issue asks.
   */
  nonRegular: { requested: number; approved: number | null };
  /** The same part for 再任用 and for 任期付 lines apart (nonRegular is their sum), as 様式3 plans them. */
  byEmployment: Record<NonRegular, { requested: number; approved: number | null }>;
}

/** 任用区分 planned apart from 正規 in 様式3. */
export type NonRegular = Exclude<Employment, "regular">;

export interface OverviewDepartment {
  unitId: number;
  name: string;
  statuses: FormStatus[];
  units: OverviewUnit[];
  total: OverviewTotal;
}

/** Totals of OverviewUnit figures (a department's, or the round's). */
export interface OverviewTotal {
  current: number;
  requested: number;
  approved: number | null;
  nonRegular: { requested: number; approved: number | null };
  byEmployment: Record<NonRegular, { requested: number; approved: number | null }>;
}

export interface RoundOverview {
  roundId: number;
  title: string;
  targetYear: number;
  baseYear: number | null;
  departments: OverviewDepartment[];
  total: OverviewTotal;
  /** The approved plan against quota and cap (see apply preview). */
  compliance: ApplyPreview["compliance"];
  /** The retirement projection's expected headcount for the target year (定年引上げ期の推計), or why there is none. */
  projection: ProjectionFigure;
}

/**
 * 定年引上げ期の推計 for the target year: the default scenario (levelled hiring, whole municipality) from the newest age
 * profile up to the held year — the same projection the 定年引上げ pages show — so the decided plan can be read against it.
 */
export type ProjectionFigure =
  | { ok: true; baseYear: number; fiscalYear: number; headcount: number; quota: number; cap: number; hires: number; retirees: number }
  | { ok: false; reason: string };

async function projectionFor(tenant: Pick<TenantDb, "ageProfiles" | "policies" | "quotas" | "retirementSchedules" | "units">, targetYear: number, heldYear: number): Promise<ProjectionFigure> {
  const baseYear = (await tenant.ageProfiles.baseYears()).filter((y) => y <= heldYear).pop();
  if (baseYear === undefined) return { ok: false, reason: "年齢構成が登録されていないため、推計はありません" };
  try {
    const params = defaultParams(baseYear);
    const result = await runScenario(tenant, { ...params, toYear: Math.max(params.toYear, targetYear) });
    const year = result.years.find((y) => y.fiscalYear === targetYear);
    if (!year) return { ok: false, reason: "推計の期間に対象年度が含まれていません" };
    return { ok: true, baseYear, fiscalYear: targetYear, headcount: year.headcount, quota: year.quota, cap: year.cap, hires: year.hires, retirees: year.retirees };
  } catch (error) {
    if (error instanceof GyokakuError) return { ok: false, reason: `推計できません: ${error.message}` };
    throw error;
  }
}

/** What roundOverview reads and writes of the municipality's repositories (a type error to reach another). */
export type RoundOverviewDb = Pick<TenantDb, "ageProfiles" | "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "retirementSchedules" | "staffingPlans" | "units">;

export async function roundOverview(tenant: RoundOverviewDb, actor: Actor, roundId: number): Promise<RoundOverview> {
  requireOverviewReader(actor);
  const round = await requireRound(tenant, actor, roundId);
  const baseYear = await baseYearOf(tenant, round.target_year);
  const [forms, departments, data, preview, projection] = await Promise.all([
    tenant.hearingForms.listByRound(round.id),
    tenant.hearingRounds.departments(round.id),
    loadStaffing(tenant),
    readApplyPreview(tenant, actor, round.id),
    projectionFor(tenant, round.target_year, heldYearOf(round.target_year)),
  ]);
  const totals = baseYear === null ? new Map() : unitTotalsForYear(data.units, data.records, baseYear);
  const nameOf = (id: number) => data.unitRows.find((u) => u.id === id)?.name ?? `#${id}`;
  const total = (list: { requested: number; approved: number | null }[]) => ({
    requested: list.reduce((s, x) => s + x.requested, 0),
    approved: list.some((x) => x.approved === null) ? null : list.reduce((s, x) => s + (x.approved ?? 0), 0),
  });
  const sum = (list: OverviewTotal[]): OverviewTotal => ({
    current: list.reduce((s, x) => s + x.current, 0),
    ...total(list),
    nonRegular: total(list.map((x) => x.nonRegular)),
    byEmployment: { reappointed: total(list.map((x) => x.byEmployment.reappointed)), fixed_term: total(list.map((x) => x.byEmployment.fixed_term)) },
  });
  const result: OverviewDepartment[] = departments.map((d) => {
    const mine = forms.filter((f) => f.unit_id === d.unit_id);
    const f3 = mine.find((f) => f.form === 3);
    const content = f3 ? storedFormContent(3, f3.content_json, formWhere(f3, "content_json")) : { lines: [] };
    const decisions = f3 ? storedDecisions(f3.decisions_json, formWhere(f3, "decisions_json")) : {};
    const decided = f3?.status === "decided";
    const byUnit = new Map<number, OverviewUnit>();
    for (const line of content.lines) {
      const unit = byUnit.get(line.unitId) ?? {
        unitId: line.unitId,
        name: nameOf(line.unitId),
        current: totals.get(line.unitId)?.staff ?? 0,
        requested: 0,
        approved: 0,
        nonRegular: { requested: 0, approved: 0 },
        byEmployment: { reappointed: { requested: 0, approved: 0 }, fixed_term: { requested: 0, approved: 0 } },
      };
      const asked = requestedChange(line);
      const granted = grantedChange(decisions[line.id], asked);
      unit.requested += asked;
      unit.approved = decided && unit.approved !== null ? unit.approved + granted : null;
      const parts = line.employment === "regular" ? [] : [unit.nonRegular, unit.byEmployment[line.employment]];
      for (const part of parts) {
        part.requested += asked;
        part.approved = decided && part.approved !== null ? part.approved + granted : null;
      }
      if (!decided) for (const part of [unit.nonRegular, unit.byEmployment.reappointed, unit.byEmployment.fixed_term]) part.approved = null;
      byUnit.set(line.unitId, unit);
    }
    const units = [...byUnit.values()].map((u) => ({ ...u, requested: u.current + u.requested, approved: u.approved === null ? null : u.current + u.approved }));
    return {
      unitId: d.unit_id,
      name: nameOf(d.unit_id),
      statuses: [1, 2, 3].map((n) => {
        const s = mine.find((f) => f.form === n)?.status ?? "draft";
        return isFormStatus(s) ? s : "draft";
      }),
      units,
      total: sum(units),
    };
  });
  return { roundId: round.id, title: round.title, targetYear: round.target_year, baseYear, departments: result, total: sum(result.map((d) => d.total)), compliance: preview.compliance, projection };
}
