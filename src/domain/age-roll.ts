/**
 * 年齢構成の年度更新 (rolling an age profile forward one year, issue 13 point 14): from the staff of a unit on
 * April 1 of `baseYear` to its staff on April 1 of `baseYear + 1`, so a projection can start from the new year.
 *
 * - everyone is one year older: a profile is kept by school-year cohort of birth, so a person stays in the same
 *   cohort and their age in the new year is (baseYear + 1) − cohort;
 * - the cohorts whose 定年 falls in `baseYear` leave (retirementYearOfCohort, by the job category's schedule —
 *   the same rule projectStaffing applies);
 * - the leavers entered for the year (resignations, transfers out: other than 定年) leave;
 * - the hires of the new year (joining on April 1 of `baseYear + 1`) come in.
 */
import { formatFiscalYear } from "./era.js";
import { GyokakuError } from "./errors.js";
import type { CohortCount } from "./projection.js";
import { cohortLabel, NATIONAL_SCHEDULES, type RetirementSchedule, retirementYearOfCohort } from "./retirement.js";

/** Ages a person can be counted at as staff; outside them a cohort is a typing error. */
export const STAFF_AGE_RANGE = { min: 15, max: 80 } as const;

/**
 * What rolling a unit's age profile forward needs: the staff on April 1 of `baseYear` (年度) and the year's leavers
 * and next year's hires, each by school-year cohort (学年, e.g. 1964) and job category, counts in 人. `schedules`: the
 * 定年 schedules to retire cohorts by (default NATIONAL_SCHEDULES, 地方公務員法 as amended in 2021).
 */
export interface AgeRollInput {
  baseYear: number;
  /** Staff on April 1 of baseYear, by cohort and job category. */
  profile: readonly CohortCount[];
  /** Leavers other than 定年 during baseYear, by cohort and category. */
  leavers: readonly CohortCount[];
  /** Hires joining on April 1 of baseYear + 1, by cohort and category. */
  hires: readonly CohortCount[];
  schedules?: readonly RetirementSchedule[];
}

/** One row of the preview: a cohort and category from the base year to the next. */
export interface AgeRollRow {
  cohort: number;
  category: string;
  /** Age reached in the new year. */
  ageNext: number;
  before: number;
  retirees: number;
  leavers: number;
  hires: number;
  after: number;
}

/**
 * The rolled profile of `nextYear` (= baseYear + 1): every row with what happened to it, the new profile (counts in 人,
 * above 0 only) and the totals (人) before, retired at 定年, left otherwise, hired, and after.
 */
export interface AgeRoll {
  nextYear: number;
  /** Every cohort and category involved, oldest cohort first. */
  rows: AgeRollRow[];
  /** The new year's profile (counts above 0). */
  profile: CohortCount[];
  totals: { before: number; retirees: number; leavers: number; hires: number; after: number };
}

const keyOf = (c: { cohort: number; category: string }) => `${c.cohort}/${c.category}`;

/** Problems with the entered leavers and hires, in Japanese; empty when the roll can be made. */
export function ageRollProblems(input: AgeRollInput): string[] {
  const problems: string[] = [];
  const schedules = input.schedules ?? NATIONAL_SCHEDULES;
  const categories = new Set(schedules.map((s) => s.category));
  const labelOf = (category: string | undefined) => schedules.find((s) => s.category === category)?.label ?? category;
  const nextYear = input.baseYear + 1;
  const present = new Map<string, number>();
  for (const c of input.profile) present.set(keyOf(c), (present.get(keyOf(c)) ?? 0) + c.count);
  for (const [what, list, year] of [["退職者", input.leavers, input.baseYear], ["採用者", input.hires, nextYear]] as const) {
    for (const c of list) {
      const label = `${what} ${cohortLabel(c.cohort)}`;
      if (!Number.isInteger(c.count) || c.count < 0) problems.push(`${label}の人数は0以上の整数で入力してください: ${c.count}`);
      if (!categories.has(c.category)) problems.push(`${label}: 職種「${c.category}」の定年が定められていません`);
      const age = year - c.cohort;
      if (!Number.isInteger(c.cohort) || age < STAFF_AGE_RANGE.min || age > STAFF_AGE_RANGE.max) {
        problems.push(`${label}は${formatFiscalYear(year)}に${age}歳で、職員の年齢としてありえません`);
      }
    }
  }
  const leaving = new Map<string, number>();
  for (const c of input.leavers) leaving.set(keyOf(c), (leaving.get(keyOf(c)) ?? 0) + c.count);
  for (const [key, count] of leaving) {
    const [cohort, category] = key.split("/");
    const retiring = categories.has(category ?? "") && retirementYearOfCohort(Number(cohort), category, schedules) <= input.baseYear;
    const staying = retiring ? 0 : (present.get(key) ?? 0);
    if (count > staying) {
      problems.push(
        retiring && count > 0
          ? `${cohortLabel(Number(cohort))}(${labelOf(category)})は${formatFiscalYear(input.baseYear)}に定年退職するため、ほかの退職者として入力できません(${count}人)`
          : `${cohortLabel(Number(cohort))}(${labelOf(category)})の退職者 ${count}人が、在職者 ${staying}人を超えています`,
      );
    }
  }
  return problems;
}

/**
 * The profile of baseYear + 1 (see the module comment for the rule). Pure.
 * @throws GyokakuError("invalid_input") with the problems of ageRollProblems joined, when there are any.
 */
export function rollAgeProfileForward(input: AgeRollInput): AgeRoll {
  const problems = ageRollProblems(input);
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "));
  const schedules = input.schedules ?? NATIONAL_SCHEDULES;
  const nextYear = input.baseYear + 1;
  const rows = new Map<string, AgeRollRow>();
  const row = (cohort: number, category: string): AgeRollRow => {
    const key = keyOf({ cohort, category });
    const found = rows.get(key);
    if (found) return found;
    const made: AgeRollRow = { cohort, category, ageNext: nextYear - cohort, before: 0, retirees: 0, leavers: 0, hires: 0, after: 0 };
    rows.set(key, made);
    return made;
  };
  for (const c of input.profile) row(c.cohort, c.category).before += c.count;
  for (const r of rows.values()) if (retirementYearOfCohort(r.cohort, r.category, schedules) <= input.baseYear) r.retirees = r.before;
  for (const c of input.leavers) if (c.count > 0) row(c.cohort, c.category).leavers += c.count;
  for (const c of input.hires) if (c.count > 0) row(c.cohort, c.category).hires += c.count;
  for (const r of rows.values()) r.after = r.before - r.retirees - r.leavers + r.hires;
  const sorted = [...rows.values()].sort((a, b) => a.cohort - b.cohort || a.category.localeCompare(b.category));
  const sum = (f: (r: AgeRollRow) => number) => sorted.reduce((s, r) => s + f(r), 0);
  return {
    nextYear,
    rows: sorted,
    profile: sorted.filter((r) => r.after > 0).map((r) => ({ cohort: r.cohort, category: r.category, count: r.after })),
    totals: { before: sum((r) => r.before), retirees: sum((r) => r.retirees), leavers: sum((r) => r.leavers), hires: sum((r) => r.hires), after: sum((r) => r.after) },
  };
}
