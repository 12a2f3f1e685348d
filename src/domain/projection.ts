/**
 * Staffing projection to the end of the retirement-age transition (and beyond), and 採用者数の平準化
 * (levelled hiring). Counts are whole people: other leavers are rounded per year and spread over cohorts
 * by largest remainder, so every figure shown adds up.
 *
 * Timing: headcount is counted on April 1 of each fiscal year (the quota's reference date). During the
 * year regular retirees leave on their retirement day and other leavers leave; hires join on April 1 of
 * the next year. headcount(t+1) = headcount(t) − retirees(t) − otherLeavers(t) + hires(t+1).
 */
import { quotaCap } from "./quota.js";
import { GyokakuError } from "./errors.js";
import { NATIONAL_SCHEDULES, type RetirementSchedule, retirementYearOfCohort } from "./retirement.js";

/** Staff (人) of one school-year cohort (学年) and job category, the unit of every age profile and projection. */
export interface CohortCount {
  /** School-year cohort of birth (1964 = born 1964-04-02 … 1965-04-01). */
  cohort: number;
  /** Job category, as in the retirement schedules ("general", "doctor", …). */
  category: string;
  count: number;
}

/** Share of staff aged fromAge…toAge (inclusive, age reached during the year) who leave for other reasons. */
export interface LeaverRate {
  fromAge: number;
  toAge: number;
  /** 0 … 1 per year. */
  rate: number;
}

/**
 * What projectStaffing needs: the profile on April 1 of `baseYear` (年度), years to project up to `toYear`, other
 * leavers' rates by age band (0–1), the hire age (歳) and hires per year (人), the 条例定数 (人) per year and the
 * allowance (%) its cap is taken with, and the 定年 schedules (default NATIONAL_SCHEDULES).
 */
export interface ProjectionInput {
  baseYear: number;
  toYear: number;
  /** Staff counted against the quota on April 1 of the base year, by cohort and job category. */
  profile: readonly CohortCount[];
  leaverRates: readonly LeaverRate[];
  /** Age at which new staff are hired (their cohort is hireYear − hireAge). */
  hireAge: number;
  hireCategory?: string;
  /** Hires joining on April 1 of each year after the base year; missing years hire nobody. */
  hires: Readonly<Record<number, number>>;
  /** 条例定数 per year (a number applies to every year). */
  quota: number | Readonly<Record<number, number>>;
  allowancePercent: number;
  schedules?: readonly RetirementSchedule[];
}

/**
 * One fiscal year (年度) of a projection, all in 人: hires joining on April 1, the headcount on April 1, retirees at
 * 定年 and other leavers during the year, the quota and its cap.
 */
export interface ProjectionYear {
  fiscalYear: number;
  /** Joined on April 1 of this year (0 for the base year: they are in the profile). */
  hires: number;
  /** On April 1. */
  headcount: number;
  /** Regular retirees leaving during this year. */
  retirees: number;
  /** Other leavers during this year. */
  otherLeavers: number;
  quota: number;
  cap: number;
  /** headcount − cap: positive means over the cap. */
  overCap: number;
}

/** The youngest age at which a projection or an age roll may hire (歳). */
export const HIRE_AGE_MIN = 15;
/** The oldest age at which a projection or an age roll may hire (歳). */
export const HIRE_AGE_MAX = 70;

/**
 * Why `input` cannot be projected, as Japanese messages naming the value (「退職率は0～1(0～100%)で入力してください
 * (20～29歳: 1.5)」); empty when it can. Checks the period (at most 60 years), counts (whole 人 ≥ 0), rates (0–1), age
 * bands and the hire age (15–70歳). Never throws.
 */
export function projectionProblems(input: Pick<ProjectionInput, "baseYear" | "toYear" | "profile" | "leaverRates" | "hireAge" | "hires">): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(input.baseYear) || !Number.isInteger(input.toYear) || input.toYear < input.baseYear) problems.push("推計の期間が正しくありません");
  if (input.toYear - input.baseYear > 60) problems.push("推計の期間は60年以内にしてください");
  for (const c of input.profile) {
    if (!Number.isInteger(c.count) || c.count < 0) problems.push(`職員数は0以上の整数で入力してください (${c.cohort}年度生まれ: ${c.count})`);
  }
  for (const r of input.leaverRates) {
    if (!(r.rate >= 0 && r.rate <= 1)) problems.push(`退職率は0～1(0～100%)で入力してください (${r.fromAge}～${r.toAge}歳: ${r.rate})`);
    if (r.fromAge > r.toAge) problems.push(`年齢区分が逆です (${r.fromAge}～${r.toAge}歳)`);
  }
  if (!Number.isInteger(input.hireAge) || input.hireAge < HIRE_AGE_MIN || input.hireAge > HIRE_AGE_MAX) problems.push(`採用時の年齢が正しくありません (${input.hireAge})`);
  for (const [fy, n] of Object.entries(input.hires)) {
    if (!Number.isInteger(n) || n < 0) problems.push(`${fy}年度の採用者数は0以上の整数で入力してください (${n})`);
  }
  return problems;
}

function quotaOfYear(quota: ProjectionInput["quota"], fy: number): number {
  if (typeof quota === "number") return quota;
  let value: number | undefined;
  for (const [year, q] of Object.entries(quota).sort(([a], [b]) => Number(a) - Number(b))) if (Number(year) <= fy) value = q;
  if (value === undefined) throw new GyokakuError("invalid_input", `${fy}年度の条例定数がありません`);
  return value;
}

function rateFor(rates: readonly LeaverRate[], age: number): number {
  return rates.find((r) => r.fromAge <= age && age <= r.toAge)?.rate ?? 0;
}

/**
 * Whole leavers out of fractional expectations: the year's total (plus the fraction carried from the years before)
 * rounded, then given out by largest remainder. `carry` is what rounding left over, passed on to the next year, so a
 * small group still loses people at its rate over the years (9 people at 5% lose 0.45 a year: 0, 1, 0, 1 …, never 0
 * for ever).
 */
function distributeLeavers(expected: number[], caps: number[], carryIn: number): { leavers: number[]; carry: number } {
  const wanted = expected.reduce((s, e) => s + e, 0) + carryIn;
  const capacity = caps.reduce((s, c) => s + c, 0);
  const total = Math.min(capacity, Math.max(0, Math.round(wanted)));
  const result = expected.map((e, i) => Math.min(caps[i] ?? 0, Math.floor(e)));
  let left = total - result.reduce((s, v) => s + v, 0);
  const order = expected.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  // A carried fraction can ask for more than one extra person per cohort: go round until the total is given out.
  while (left > 0) {
    let given = false;
    for (const { i } of order) {
      if (left <= 0) break;
      if ((result[i] ?? 0) < (caps[i] ?? 0)) {
        result[i] = (result[i] ?? 0) + 1;
        left -= 1;
        given = true;
      }
    }
    if (!given) break;
  }
  // Taking fewer than the total (more than stood) is not carried: nobody is left to leave.
  return { leavers: result, carry: total === capacity && wanted > capacity ? 0 : wanted - total };
}

/**
 * Projects the staff year by year from `baseYear` to `toYear` (年度), both included, counted on April 1:
 * headcount(t+1) = headcount(t) − retirees(t) − otherLeavers(t) + hires(t+1), in whole people (人). Retirees leave in the
 * fiscal year their cohort reaches 定年 under the schedules (地方公務員法; retirementYearOfCohort); other leavers are
 * rounded per year, the remainder carried to the next year, and spread over cohorts by largest remainder.
 * @throws GyokakuError("invalid_input") with every problem of projectionProblems joined by 「 / 」 when the input is not valid.
 */
export function projectStaffing(input: ProjectionInput): ProjectionYear[] {
  const problems = projectionProblems(input);
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "));
  const schedules = input.schedules ?? NATIONAL_SCHEDULES;
  const hireCategory = input.hireCategory ?? "general";
  const retireYear = new Map<string, number>();
  const retirementYear = (cohort: number, category: string) => {
    const key = `${cohort}/${category}`;
    let fy = retireYear.get(key);
    if (fy === undefined) {
      fy = retirementYearOfCohort(cohort, category, schedules);
      retireYear.set(key, fy);
    }
    return fy;
  };

  // Cohorts keyed by cohort/category; a merged map keeps the work per year proportional to the cohorts, not the units.
  const staff = new Map<string, CohortCount>();
  const add = (cohort: number, category: string, count: number) => {
    const key = `${cohort}/${category}`;
    const existing = staff.get(key);
    if (existing) existing.count += count;
    else staff.set(key, { cohort, category, count });
  };
  for (const c of input.profile) add(c.cohort, c.category, c.count);

  const years: ProjectionYear[] = [];
  let carry = 0;
  for (let fy = input.baseYear; fy <= input.toYear; fy++) {
    const hires = fy === input.baseYear ? 0 : (input.hires[fy] ?? 0);
    if (hires > 0) add(fy - input.hireAge, hireCategory, hires);
    const cohorts = [...staff.values()].filter((c) => c.count > 0);
    const headcount = cohorts.reduce((s, c) => s + c.count, 0);
    let retirees = 0;
    const staying: CohortCount[] = [];
    for (const c of cohorts) {
      if (retirementYear(c.cohort, c.category) <= fy) retirees += c.count;
      else staying.push(c);
    }
    const distributed = distributeLeavers(
      staying.map((c) => c.count * rateFor(input.leaverRates, fy - c.cohort)),
      staying.map((c) => c.count),
      carry,
    );
    carry = distributed.carry;
    const leavers = distributed.leavers;
    const quota = quotaOfYear(input.quota, fy);
    const cap = quotaCap(quota, input.allowancePercent);
    years.push({ fiscalYear: fy, hires, headcount, retirees, otherLeavers: leavers.reduce((s, v) => s + v, 0), quota, cap, overCap: headcount - cap });
    // Leave at the end of the year.
    for (const c of cohorts) if (retirementYear(c.cohort, c.category) <= fy) c.count = 0;
    staying.forEach((c, i) => {
      c.count -= leavers[i] ?? 0;
    });
  }
  return years;
}

/** "Replace leavers one for one": each year hires as many as left the year before. */
export function oneForOneHires(input: Omit<ProjectionInput, "hires">): Record<number, number> {
  const hires: Record<number, number> = {};
  // Each year's leavers depend on the hires before it, so build the plan year by year.
  for (let fy = input.baseYear + 1; fy <= input.toYear; fy++) {
    const years = projectStaffing({ ...input, toYear: fy - 1, hires });
    const last = years[years.length - 1];
    hires[fy] = last ? last.retirees + last.otherLeavers : 0;
  }
  return hires;
}

/**
 * A projection without hires plus the headcount (人) to reach on April 1 of `toYear`: what levelledHiringPlan computes
 * hires for.
 */
export interface LevelledPlanInput extends Omit<ProjectionInput, "hires"> {
  /** Headcount to reach on April 1 of toYear (default: that year's quota). */
  target?: number;
}

/**
 * A levelled hiring plan (採用者数の平準化): hires (人) per fiscal year (年度) with the projection they give, the target
 * (人) and a note; or the Japanese reason there is none (the period too short, the target above the cap, no plan
 * within the cap), with the fiscal year concerned when there is one.
 */
export type LevelledPlan =
  | { ok: true; hires: Record<number, number>; years: ProjectionYear[]; target: number; note: string | null }
  | { ok: false; reason: string; fiscalYear: number | null };

/**
 * 採用者数の平準化. What it optimises: the cumulative hires must stay under a ceiling each year (cap − headcount
 * without hiring, raised by new hires who have left again) and end at the total the target needs. Among such paths
 * in real numbers the most even — smallest sum of squared hires — is the greatest convex minorant of the ceiling (a
 * taut string); its slopes never fall, so in real numbers hiring is never lowered from one year to the next. The plan
 * is in whole people: each straight stretch of the string spreads its whole total as evenly as possible (a stretch of
 * 4 years and 2 hires is [0, 0, 1, 1]), and among the equally even orders the larger years come last (ascending), which
 * also keeps every year under its ceiling. Where two stretches meet, whole numbers can make a year one lower than the
 * year before (slopes 0.5 then 0.7 are not whole); the sum of squares is then the smallest for those stretches, not
 * over all whole plans. New hires' attrition is added back by raising the total until the projection reaches the
 * target. The note says when the target is missed or exceeded, and when the hire age (hireAge) reaches 定年 within
 * the horizon (hireAge ≥ 定年 − (toYear − baseYear)): those hires retire before the last year and are hired again.
 */
export function levelledHiringPlan(input: LevelledPlanInput): LevelledPlan {
  const withoutHiring = projectStaffing({ ...input, hires: {} });
  const last = withoutHiring[withoutHiring.length - 1];
  if (!last || withoutHiring.length < 2) return { ok: false, reason: "推計期間が短すぎます (2年度以上にしてください)", fiscalYear: null };
  const target = input.target ?? last.quota;
  const overAnyway = withoutHiring.find((y) => y.fiscalYear > input.baseYear && y.headcount > y.cap);
  if (overAnyway) {
    return {
      ok: false,
      reason: `${overAnyway.fiscalYear}年度は採用しなくても職員数(${overAnyway.headcount}人)が上限(${overAnyway.cap}人)を超えるため、上限内に収まる採用計画はありません`,
      fiscalYear: overAnyway.fiscalYear,
    };
  }
  if (target > last.cap) {
    return { ok: false, reason: `目標の職員数(${target}人)が${last.fiscalYear}年度の上限(${last.cap}人)を超えています`, fiscalYear: last.fiscalYear };
  }
  const future = withoutHiring.slice(1);
  const endNeed = target - last.headcount;
  if (endNeed <= 0) {
    return { ok: true, hires: Object.fromEntries(future.map((y) => [y.fiscalYear, 0])), years: withoutHiring, target, note: `採用しなくても${last.fiscalYear}年度の職員数(${last.headcount}人)は目標(${target}人)以上です` };
  }
  // Room for cumulative hires each year; `lost` adds back hires who have left again by then, learnt by simulating.
  const room = future.map((y) => y.cap - y.headcount);
  let lost = future.map(() => 0);
  let trim = future.map(() => 0);
  let best: { hires: Record<number, number>; years: ProjectionYear[] } | null = null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const ceiling = room.map((r, i) => r + (lost[i] ?? 0) - (trim[i] ?? 0));
    const total = Math.min(endNeed + (lost[lost.length - 1] ?? 0), ceiling[ceiling.length - 1] ?? 0);
    const cumulative = tautString(ceiling.map((c) => Math.max(0, c)), Math.max(0, total));
    const hires: Record<number, number> = {};
    future.forEach((y, i) => {
      hires[y.fiscalYear] = (cumulative[i] ?? 0) - (i === 0 ? 0 : (cumulative[i - 1] ?? 0));
    });
    const years = projectStaffing({ ...input, hires });
    const over = years.slice(1).map((y) => Math.max(0, y.headcount - y.cap));
    if (over.some((o) => o > 0)) {
      trim = trim.map((t, i) => t + (over[i] ?? 0));
      continue;
    }
    best = { hires, years };
    const nextLost = years.slice(1).map((y, i) => (cumulative[i] ?? 0) - (y.headcount - (future[i]?.headcount ?? 0)));
    if (nextLost.every((l, i) => l === lost[i])) break;
    lost = nextLost;
  }
  if (!best) return { ok: false, reason: "上限内に収まる採用計画が見つかりませんでした", fiscalYear: null };
  const end = best.years[best.years.length - 1];
  const shortfall = target - (end?.headcount ?? target);
  const notes = [
    shortfall > 0 ? `上限のため、${end?.fiscalYear}年度の職員数は目標より${shortfall}人少なくなります` : shortfall < 0 ? `${end?.fiscalYear}年度の職員数は目標より${-shortfall}人多くなります` : null,
    hiresRetiringWithin(input, best.hires),
  ].filter((n): n is string => n !== null);
  return { ok: true, ...best, target, note: notes.length > 0 ? notes.join("。") : null };
}

/**
 * The note when hires of the plan reach 定年 within the horizon: a hire in year h at hireAge retires in the fiscal year
 * of their cohort's 定年 (retirementYearOfCohort) — when that is on or before toYear (hireAge ≥ 定年 − horizon), the
 * plan hires people who leave again before its last year. Null otherwise.
 */
function hiresRetiringWithin(input: LevelledPlanInput, hires: Readonly<Record<number, number>>): string | null {
  const category = input.hireCategory ?? "general";
  const years = Object.entries(hires)
    .filter(([fy, n]) => n > 0 && retirementYearOfCohort(Number(fy) - input.hireAge, category, input.schedules ?? NATIONAL_SCHEDULES) <= input.toYear)
    .map(([fy]) => Number(fy));
  if (years.length === 0) return null;
  return `採用時の年齢(${input.hireAge}歳)では、${years[0]}年度${years.length > 1 ? `～${years[years.length - 1]}年度` : ""}の採用者が${input.toYear}年度までに定年退職します`;
}

/**
 * Whole cumulative totals C_1..C_n with C_t ≤ ceiling_t and C_n = total, as straight as possible: the greatest convex
 * minorant through (0, 0), (t, ceiling_t) and (n, total) (its vertices are whole points), each straight stretch
 * between vertices spreading its whole rise as evenly as possible with the larger steps last (4 steps rising 2 →
 * +0, +0, +1, +1). Steps late keep every C_t at or under the minorant, hence under its (whole) ceiling; steps are ≥ 0
 * because the minorant rises.
 */
export function tautString(ceiling: readonly number[], total: number): number[] {
  const n = ceiling.length;
  const points: [number, number][] = [[0, 0]];
  for (let t = 1; t < n; t++) points.push([t, ceiling[t - 1] ?? 0]);
  points.push([n, total]);
  // Lower convex hull (monotone chain); x is already sorted.
  const hull: [number, number][] = [];
  for (const p of points) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]] as [[number, number], [number, number]];
      // Drop b when it lies on or above the segment a → p.
      if ((b[1] - a[1]) * (p[0] - a[0]) >= (p[1] - a[1]) * (b[0] - a[0])) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const out: number[] = [];
  let cumulative = 0;
  for (let i = 1; i < hull.length; i++) {
    const [x0, y0] = hull[i - 1] as [number, number];
    const [x1, y1] = hull[i] as [number, number];
    const steps = x1 - x0;
    const rise = Math.max(0, Math.round(y1) - Math.round(y0));
    const base = Math.floor(rise / steps);
    const extra = rise - base * steps;
    for (let k = 0; k < steps; k++) {
      cumulative += base + (k >= steps - extra ? 1 : 0);
      out.push(cumulative);
    }
  }
  out[n - 1] = total;
  return out;
}

/** Sum of squared yearly hires: the objective the levelled plan minimises (lower = more even). */
export function unevenness(hires: Readonly<Record<number, number>>): number {
  return Object.values(hires).reduce((s, h) => s + h * h, 0);
}

/** The largest change in hires between consecutive years. */
export function largestYearToYearChange(hires: Readonly<Record<number, number>>): number {
  const values = Object.entries(hires)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => v);
  let max = 0;
  for (let i = 1; i < values.length; i++) max = Math.max(max, Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0)));
  return max;
}
