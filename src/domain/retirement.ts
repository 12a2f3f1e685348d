/**
 * 定年 (retirement age) and the retirement-age raise (令和3年法律第63号, in force 2023-04-01).
 *
 * - 定年 is set per fiscal year: it is the age in force in the fiscal year in which a person reaches it.
 * - A person reaches an age on the day before the birthday (年齢計算ニ関スル法律; a 29 February birthday
 *   is reached on 28 February in common years), so someone born on April 1 belongs to the earlier school year.
 * - Retirement day (地方公務員法28条の6): the first March 31 on or after reaching 定年, unless the ordinance sets another day.
 * Schedules are data, per job category: the national standard ships built in, a municipality defines its own by ordinance.
 */
import { daysInMonth, formatIso, isLeapYear, previousDay, requireIsoDate } from "./calendar.js";
import { fiscalYearOf, formatEraYear } from "./era.js";
import { GyokakuError } from "./errors.js";

/** One step of a 定年 schedule: the age (歳) in force from fiscal year `fromYear` (年度) until the next step. */
export interface RetirementStep {
  /** First fiscal year this age applies (null: every year before the next step). */
  fromYear: number | null;
  age: number;
}

/**
 * A job category's 定年 (retirement age) by fiscal year (年度). The national schedule (地方公務員法 as amended in 2021:
 * 60 until FY2022, then one year every two years up to 65 from FY2031) is NATIONAL_SCHEDULES; a municipality's
 * ordinance (条例) may set its own, with its retirement day.
 */
export interface RetirementSchedule {
  /** Job category key, e.g. "general" (一般職), "doctor". */
  category: string;
  /** 職種の名称 as the ordinance calls it. */
  label: string;
  /** Ages by fiscal year, in ascending fromYear; each applies until the next step. */
  steps: readonly RetirementStep[];
  /** The retirement day: the first such month/day on or after reaching 定年 (default March 31). */
  retireOn?: MonthDay;
  /** Where the schedule comes from (law, ordinance). */
  source?: string;
}

/** A day of the year (month 1–12, day 1–31), as a retirement day. */
export interface MonthDay {
  month: number;
  day: number;
}

/**
 * The retirement day when a schedule names none: 定年に達した日以後における最初の3月31日 (地方公務員法 第28条の6第1項).
 * The one place this default is written.
 */
export const DEFAULT_RETIREMENT_DAY: Readonly<MonthDay> = Object.freeze({ month: 3, day: 31 });

/** The retirement day of a schedule: its own, or March 31 (DEFAULT_RETIREMENT_DAY). */
export function retirementDayOf(schedule: Pick<RetirementSchedule, "retireOn">): MonthDay {
  return schedule.retireOn ?? { ...DEFAULT_RETIREMENT_DAY };
}

/** { month: 3, day: 31 } → "03-31" (as stored and shown in the schedule form). */
export function formatMonthDay(on: MonthDay): string {
  return `${String(on.month).padStart(2, "0")}-${String(on.day).padStart(2, "0")}`;
}

/**
 * A month and day as stored ("03-31") or typed ("3/31", "3月31日", full-width digits, spaces around): the one reading of
 * a typed 月日 (退職日 here, the staffing settings' 基準日). Null when the text is not a month and a day (blank included);
 * whether the day exists is the caller's check. Never throws.
 */
export function readMonthDay(raw: string): MonthDay | null {
  const m = /^(\d{1,2})[-/月](\d{1,2})日?$/.exec(raw.normalize("NFKC").trim());
  return m ? { month: Number(m[1]), day: Number(m[2]) } : null;
}

/**
 * A retirement day as stored ("03-31") or typed ("3/31", "3月31日", full-width digits); blank is March 31.
 * Whether the day exists is scheduleProblems' check.
 * @throws GyokakuError invalid_input naming the field 退職日 when the text is not a month and a day.
 */
export function parseMonthDay(raw: string): MonthDay {
  if (raw.normalize("NFKC").trim() === "") return { ...DEFAULT_RETIREMENT_DAY };
  const m = readMonthDay(raw);
  if (!m) throw new GyokakuError("invalid_input", `退職日は「月-日」で入力してください (例: 03-31): 「${raw.slice(0, 40)}」`);
  return m;
}

const RAISE = "地方公務員法等の一部を改正する法律 (令和3年法律第63号)";

/** The national standard: 一般職 60 → 65 by one year every two fiscal years, 2023 to 2031. */
export const GENERAL_SCHEDULE: RetirementSchedule = {
  category: "general",
  label: "一般職",
  steps: [
    { fromYear: null, age: 60 },
    { fromYear: 2023, age: 61 },
    { fromYear: 2025, age: 62 },
    { fromYear: 2027, age: 63 },
    { fromYear: 2029, age: 64 },
    { fromYear: 2031, age: 65 },
  ],
  source: RAISE,
};

/**
 * National-standard special ages (特例定年) as docs/DOMAIN.md lists them. A municipality's ordinance decides its own;
 * these are starting points, replaced by defining a schedule with the same category.
 */
export const NATIONAL_SCHEDULES: readonly RetirementSchedule[] = [
  GENERAL_SCHEDULE,
  { category: "doctor", label: "医師 (病院・診療所)", steps: [{ fromYear: null, age: 65 }], source: RAISE },
  {
    category: "doctor-special",
    label: "医師 (特例定年を70歳とする職)",
    steps: [
      { fromYear: null, age: 65 },
      { fromYear: 2023, age: 66 },
      { fromYear: 2025, age: 67 },
      { fromYear: 2027, age: 68 },
      { fromYear: 2029, age: 69 },
      { fromYear: 2031, age: 70 },
    ],
    source: RAISE,
  },
  {
    category: "custodial",
    label: "守衛・用務員等",
    steps: [
      { fromYear: null, age: 63 },
      { fromYear: 2029, age: 64 },
      { fromYear: 2031, age: 65 },
    ],
    source: RAISE,
  },
];

/** Problems with a schedule as a municipality typed it, in Japanese; empty when usable. */
export function scheduleProblems(schedule: RetirementSchedule): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(schedule.category)) problems.push(`職種コード「${schedule.category}」は半角英数字で指定してください`);
  if (schedule.steps.length === 0) problems.push("定年を1つ以上指定してください");
  schedule.steps.forEach((step, i) => {
    if (!Number.isInteger(step.age) || step.age < 50 || step.age > 80) problems.push(`${i + 1}行目: 定年は50～80の整数で指定してください (${step.age})`);
    if (i > 0) {
      const prev = schedule.steps[i - 1];
      if (step.fromYear === null) problems.push(`${i + 1}行目: 2行目以降は適用年度を指定してください`);
      else if (prev?.fromYear !== null && prev !== undefined && prev.fromYear >= step.fromYear) problems.push(`${i + 1}行目: 適用年度は昇順に並べてください`);
    }
  });
  const day = schedule.retireOn;
  if (day && (!Number.isInteger(day.month) || day.month < 1 || day.month > 12 || !Number.isInteger(day.day) || day.day < 1 || day.day > daysInMonth(2001, day.month))) {
    problems.push(`退職日(${day.month}月${day.day}日)が日付として正しくありません`);
  }
  return problems;
}

function scheduleFor(category: string, schedules: readonly RetirementSchedule[]): RetirementSchedule {
  // Later entries win, so a municipality's ordinance placed after the national standard replaces it.
  const found = [...schedules].reverse().find((s) => s.category === category);
  if (!found) throw new GyokakuError("invalid_input", `職種「${category}」の定年が定められていません`);
  return found;
}

function ageInSchedule(schedule: RetirementSchedule, fiscalYear: number): number {
  let age: number | undefined;
  for (const step of schedule.steps) if (step.fromYear === null || step.fromYear <= fiscalYear) age = step.age;
  if (age === undefined) throw new GyokakuError("invalid_input", `職種「${schedule.category}」の定年は${fiscalYear}年度には定められていません`);
  return age;
}

/**
 * 定年 (歳) in force in a fiscal year (年度) for a job category, by the last schedule of that category in `schedules`
 * (a municipality's ordinance after the national standard replaces it): retirementAgeFor(2025) = 62.
 * @throws GyokakuError("invalid_input") when `fiscalYear` is not an integer, no schedule is given for the category
 *   (「職種「…」の定年が定められていません」), or its schedule has no step in force in that year.
 */
export function retirementAgeFor(fiscalYear: number, category = "general", schedules: readonly RetirementSchedule[] = NATIONAL_SCHEDULES): number {
  if (!Number.isInteger(fiscalYear)) throw new GyokakuError("invalid_input", `年度は整数で指定してください: ${fiscalYear}`);
  return ageInSchedule(scheduleFor(category, schedules), fiscalYear);
}

/** The day a person reaches `age`: the day before the birthday (29 February → 28 February in common years). */
export function dateOfReachingAge(birthDate: string, age: number): string {
  const birth = requireIsoDate(birthDate);
  const year = birth.year + age;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return formatIso({ year, month: 2, day: 28 });
  return formatIso(previousDay(formatIso({ year, month: birth.month, day: birth.day })));
}

/**
 * Age (歳) on `date` (YYYY-MM-DD), by the same rule (年齢計算ニ関スル法律: the age is reached at the start of the day
 * before the birthday). Someone born on January 1 reaches each age on December 31 of the year before: born 1955-01-01
 * is 1 on 1955-12-31, born 1964-01-01 is 61 on 2024-12-31. @throws GyokakuError("invalid_input") for a date that does not exist.
 */
export function ageOn(birthDate: string, date: string): number {
  const birth = requireIsoDate(birthDate);
  requireIsoDate(date);
  // The age reached in the calendar year of `date` is the year difference, or one more for a January 1 birthday.
  let age = Number(date.slice(0, 4)) - birth.year + 1;
  while (age > 0 && dateOfReachingAge(birthDate, age) > date) age -= 1;
  return age;
}

/**
 * When someone retires at 定年: the age (歳), the day (YYYY-MM-DD) and its fiscal year (年度), as retirementOf gives it.
 */
export interface Retirement {
  /** 定年 applied. */
  age: number;
  /** Retirement day, YYYY-MM-DD. */
  date: string;
  /** Fiscal year of that day. */
  fiscalYear: number;
}

/**
 * When someone born on `birthDate` (YYYY-MM-DD) retires: the 定年 reached (歳), the retirement day (the schedule's 退職日,
 * March 31 unless set) and its fiscal year: born 1964-04-01 → 61, 2025-03-31, FY2024.
 * @throws GyokakuError("invalid_input") when the birth date does not exist, no schedule is given for the category, a
 *   year has no step in force, or no 定年 is reached by age 100 (a schedule never validated).
 */
export function retirementOf(birthDate: string, category = "general", schedules: readonly RetirementSchedule[] = NATIONAL_SCHEDULES): Retirement {
  const schedule = scheduleFor(category, schedules);
  requireIsoDate(birthDate);
  const minAge = Math.min(...schedule.steps.map((s) => s.age));
  for (let age = minAge; age <= 100; age++) {
    const reached = dateOfReachingAge(birthDate, age);
    const fy = fiscalYearOf(reached);
    const limit = ageInSchedule(schedule, fy);
    if (age >= limit) {
      const date = retirementDay(reached, retirementDayOf(schedule));
      return { age: limit, date, fiscalYear: fiscalYearOf(date) };
    }
  }
  // Unreachable with a schedule scheduleProblems accepts (every 定年 is 50–80): a schedule that never stops its people
  // (定年 over 100, never validated) is the data's fault, so it is refused as input rather than taken for a bug.
  throw new GyokakuError("invalid_input", `定年に達する日が見つかりません: ${birthDate}`);
}

/** The first `month/day` on or after `reached` (a 29 February retirement day falls on 28 February in common years). */
function retirementDay(reached: string, on: { month: number; day: number }): string {
  const year = Number(reached.slice(0, 4));
  const candidate = (y: number) => formatIso({ year: y, month: on.month, day: Math.min(on.day, daysInMonth(y, on.month)) });
  const same = candidate(year);
  return same >= reached ? same : candidate(year + 1);
}

/** 学年 cohort (school year of birth): born 1964-04-02 … 1965-04-01 → 1964. */
export function schoolYearCohortOf(birthDate: string): number {
  const { year, month, day } = requireIsoDate(birthDate);
  return month > 4 || (month === 4 && day >= 2) ? year : year - 1;
}

/**
 * The birth dates (YYYY-MM-DD, both included) of a school-year cohort (学年): 1964 → 1964-04-02 … 1965-04-01
 * (学校教育法 17条 with 年齢計算ニ関スル法律: someone born on April 1 reaches 6 on March 31 and joins the earlier school year).
 */
export function cohortBirthRange(cohort: number): { from: string; to: string } {
  return { from: `${cohort}-04-02`, to: `${cohort + 1}-04-01` };
}

/** 昭和39年度生まれ */
export function cohortLabel(cohort: number): string {
  return `${formatEraYear(cohort)}生まれ`;
}

/** The age every member of a cohort reaches during fiscal year `fy` (same for all of them). */
export function cohortAgeIn(cohort: number, fiscalYear: number): number {
  return fiscalYear - cohort;
}

/** The fiscal year a whole cohort retires (all members reach each age within the same fiscal year). */
export function retirementYearOfCohort(cohort: number, category = "general", schedules: readonly RetirementSchedule[] = NATIONAL_SCHEDULES): number {
  return retirementOf(cohortBirthRange(cohort).from, category, schedules).fiscalYear;
}

/**
 * The cohorts (school years of birth) 図表6 「定年延長制度に伴う退職者の予定」 lists for fiscal years
 * `fromYear`..`toYear`: those whose regular retirement falls inside the years shown and before the last one, so
 * every row shows the retirement and the year after it. The seed (令和7年度版, R5–R17 under the national schedule)
 * lists 昭和38～44年生まれ (retiring FY2024…FY2034); 昭和45年生まれ, retiring in the last column, is not listed.
 */
export function figureCohorts(fromYear: number, toYear: number, category = "general", schedules: readonly RetirementSchedule[] = NATIONAL_SCHEDULES): number[] {
  const out: number[] = [];
  // Retirement ages stay within 50–75: cohorts outside fromYear-75 … toYear-50 cannot retire inside the span.
  for (let cohort = fromYear - 75; cohort <= toYear - 50; cohort++) {
    const year = retirementYearOfCohort(cohort, category, schedules);
    if (year >= fromYear && year < toYear) out.push(cohort);
  }
  return out;
}

/** Do regular (定年) retirements occur in fiscal year `fy`? None in FY2023, 2025, 2027, 2029, 2031 for 一般職. */
export function regularRetireesIn(fiscalYear: number, category = "general", schedules: readonly RetirementSchedule[] = NATIONAL_SCHEDULES): boolean {
  const age = retirementAgeFor(fiscalYear, category, schedules);
  // Only cohorts at or above this year's age can be retiring now; the youngest such cohort decides.
  for (let a = age; a <= age + 10; a++) {
    if (retirementYearOfCohort(fiscalYear - a, category, schedules) === fiscalYear) return true;
  }
  return false;
}

/**
 * One cell of the 退職予定 cohort table: a cohort's age (歳) in a fiscal year (年度), and whether it retires that year
 * or has already retired.
 */
export interface CohortCell {
  fiscalYear: number;
  age: number;
  /** This is the cohort's retirement year. */
  retires: boolean;
  /** The cohort has already retired. */
  retired: boolean;
}

/**
 * The 退職予定 cohort table (seed 図表6): fiscal years (年度) as columns, one row per school-year cohort with its label
 * (昭和38年度生まれ) and retirement year, and per year the 定年 in force and whether anyone retires at 定年 that year.
 */
export interface CohortTable {
  years: number[];
  /** Per year: retirement age in force and whether regular retirees occur (定年退職者なし when false). */
  header: { fiscalYear: number; retirementAge: number; retirees: boolean }[];
  rows: { cohort: number; label: string; retirementYear: number; cells: CohortCell[] }[];
}

/**
 * The cohort table of 退職予定 (one city's 図表6): cohorts (生まれ年度) as rows, fiscal years `fromYear`…`toYear` as
 * columns with each year's 定年 and regular retirees, each cell the cohort's age (歳) and the retirement year marked.
 * @throws GyokakuError("invalid_input") when `toYear` is before `fromYear`, or (as retirementAgeFor) the category has no
 *   schedule or a year has no step in force.
 */
export function cohortTable(props: {
  fromYear: number;
  toYear: number;
  cohorts: readonly number[];
  category?: string;
  schedules?: readonly RetirementSchedule[];
}): CohortTable {
  const category = props.category ?? "general";
  const schedules = props.schedules ?? NATIONAL_SCHEDULES;
  if (props.toYear < props.fromYear) throw new GyokakuError("invalid_input", "終了年度が開始年度より前です");
  const years = Array.from({ length: props.toYear - props.fromYear + 1 }, (_, i) => props.fromYear + i);
  return {
    years,
    header: years.map((fy) => ({ fiscalYear: fy, retirementAge: retirementAgeFor(fy, category, schedules), retirees: regularRetireesIn(fy, category, schedules) })),
    rows: [...props.cohorts]
      .sort((a, b) => a - b)
      .map((cohort) => {
        const retirementYear = retirementYearOfCohort(cohort, category, schedules);
        return {
          cohort,
          label: cohortLabel(cohort),
          retirementYear,
          cells: years.map((fy) => ({ fiscalYear: fy, age: cohortAgeIn(cohort, fy), retires: fy === retirementYear, retired: fy > retirementYear })),
        };
      }),
  };
}

/**
 * The cells of an age profile as read, written into the edit form (`cohort/category=count;…`, sorted, zeros left
 * out) so a save can tell which cells the user changed and which someone else changed meanwhile.
 */
export function ageCellsText(rows: readonly { cohort: number; category: string; count: number }[]): string {
  return rows
    .filter((r) => r.count > 0)
    .map((r) => `${r.cohort}/${r.category}=${r.count}`)
    .sort()
    .join(";");
}

/** Reads {@link ageCellsText} back into `cohort/category` → count; null when the text is not in that form. */
export function parseAgeCellsText(text: string): Map<string, number> | null {
  const cells = new Map<string, number>();
  if (text === "") return cells;
  for (const part of text.split(";")) {
    const m = /^(\d{4})\/([\w-]{1,32})=(\d{1,10})$/.exec(part);
    if (!m) return null;
    cells.set(`${m[1]}/${m[2]}`, Number(m[3]));
  }
  return cells;
}
