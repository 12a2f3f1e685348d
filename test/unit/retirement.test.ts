import { describe, expect, it } from "vitest";
import {
  figureCohorts,
  ageOn,
  cohortBirthRange,
  cohortLabel,
  cohortTable,
  dateOfReachingAge,
  NATIONAL_SCHEDULES,
  regularRetireesIn,
  type RetirementSchedule,
  retirementAgeFor,
  retirementOf,
  retirementYearOfCohort,
  schoolYearCohortOf,
  scheduleProblems,
} from "../../src/domain/retirement.js";
import { invalidInput } from "../support/errors.js";

describe("retirement age schedule (一般職)", () => {
  it("steps from 60 to 65, one year every two fiscal years from FY2023", () => {
    const expected: [number, number][] = [
      [2020, 60], [2022, 60], [2023, 61], [2024, 61], [2025, 62], [2026, 62], [2027, 63], [2028, 63], [2029, 64], [2030, 64], [2031, 65], [2040, 65],
    ];
    for (const [fy, age] of expected) expect(retirementAgeFor(fy), String(fy)).toBe(age);
    expect(retirementAgeFor(2025, "general")).toBe(62);
  });
  it("refuses an unknown job category", () => {
    expect(() => retirementAgeFor(2025, "astronaut")).toThrow(invalidInput("職種「astronaut」の定年が定められていません"));
  });
});

describe("reaching an age", () => {
  it("happens on the day before the birthday", () => {
    expect(dateOfReachingAge("1964-04-02", 60)).toBe("2024-04-01");
    expect(dateOfReachingAge("1964-04-01", 61)).toBe("2025-03-31");
    expect(dateOfReachingAge("1965-01-01", 60)).toBe("2024-12-31");
  });
  it("for a 29 February birthday is 28 February, in leap and common years", () => {
    expect(dateOfReachingAge("1964-02-29", 60)).toBe("2024-02-28");
    expect(dateOfReachingAge("1964-02-29", 61)).toBe("2025-02-28");
    expect(ageOn("1964-02-29", "2025-02-27")).toBe(60);
    expect(ageOn("1964-02-29", "2025-02-28")).toBe(61);
    // Born on January 1: each age is reached on December 31 of the year before (the day before the birthday).
    expect(ageOn("1955-01-01", "1955-12-30")).toBe(0);
    expect(ageOn("1955-01-01", "1955-12-31")).toBe(1);
    expect(ageOn("1964-01-01", "2024-12-30")).toBe(60);
    expect(ageOn("1964-01-01", "2024-12-31")).toBe(61);
    expect(ageOn("1964-04-02", "2025-03-31")).toBe(60);
    expect(ageOn("1964-04-02", "2025-04-01")).toBe(61);
  });
});

describe("retirementOf", () => {
  it("born 1964-04-01 retires 2025-03-31 at 61 (FY2024)", () => {
    expect(retirementOf("1964-04-01")).toEqual({ age: 61, date: "2025-03-31", fiscalYear: 2024 });
  });
  it("born 1964-04-02, one day later, belongs to the next cohort and retires 2027-03-31 at 62", () => {
    expect(retirementOf("1964-04-02")).toEqual({ age: 62, date: "2027-03-31", fiscalYear: 2026 });
  });
  it("follows each step of the schedule", () => {
    expect(retirementOf("1962-04-02")).toEqual({ age: 60, date: "2023-03-31", fiscalYear: 2022 });
    expect(retirementOf("1963-04-02")).toEqual({ age: 61, date: "2025-03-31", fiscalYear: 2024 });
    expect(retirementOf("1965-04-02")).toEqual({ age: 63, date: "2029-03-31", fiscalYear: 2028 });
    expect(retirementOf("1966-04-02")).toEqual({ age: 64, date: "2031-03-31", fiscalYear: 2030 });
    expect(retirementOf("1967-04-02")).toEqual({ age: 65, date: "2033-03-31", fiscalYear: 2032 });
    expect(retirementOf("1968-04-02")).toEqual({ age: 65, date: "2034-03-31", fiscalYear: 2033 });
  });
  it("handles a leap-day birthday (born before April 2, so in the earlier school-year cohort)", () => {
    // reaches 61 on 2025-02-28, in FY2024 whose 定年 is 61
    expect(retirementOf("1964-02-29")).toEqual({ age: 61, date: "2025-03-31", fiscalYear: 2024 });
    expect(retirementOf("1968-02-29")).toEqual({ age: 65, date: "2033-03-31", fiscalYear: 2032 });
  });
  it("uses the special national schedules for doctors and custodial staff", () => {
    expect(retirementOf("1960-06-01", "doctor")).toEqual({ age: 65, date: "2026-03-31", fiscalYear: 2025 });
    expect(retirementOf("1960-06-01", "custodial")).toEqual({ age: 63, date: "2024-03-31", fiscalYear: 2023 });
    expect(retirementOf("1967-06-01", "custodial")).toEqual({ age: 65, date: "2033-03-31", fiscalYear: 2032 });
    expect(retirementAgeFor(2028, "custodial")).toBe(63);
    expect(retirementAgeFor(2031, "doctor-special")).toBe(70);
  });
  it("follows a municipality's own schedule for a job category, with its own retirement day", () => {
    const ordinance: RetirementSchedule = {
      category: "guard",
      label: "守衛 (市条例)",
      steps: [
        { fromYear: null, age: 63 },
        { fromYear: 2030, age: 65 },
      ],
      retireOn: { month: 9, day: 30 },
    };
    const schedules = [...NATIONAL_SCHEDULES, ordinance];
    expect(scheduleProblems(ordinance)).toEqual([]);
    expect(retirementAgeFor(2029, "guard", schedules)).toBe(63);
    expect(retirementAgeFor(2030, "guard", schedules)).toBe(65);
    // reaches 63 on 2027-07-14 (FY2027, 定年 63) → the first September 30 on or after
    expect(retirementOf("1964-07-15", "guard", schedules)).toEqual({ age: 63, date: "2027-09-30", fiscalYear: 2027 });
    // reaches 63 in FY2030, when the ordinance says 65 → goes on to 65
    expect(retirementOf("1967-06-01", "guard", schedules)).toEqual({ age: 65, date: "2032-09-30", fiscalYear: 2032 });
  });
  it("lets a municipality's schedule replace the national one for the same category", () => {
    const own: RetirementSchedule = { category: "general", label: "一般職 (独自)", steps: [{ fromYear: null, age: 65 }] };
    expect(retirementAgeFor(2023, "general", [...NATIONAL_SCHEDULES, own])).toBe(65);
  });
  it("finds schedule mistakes", () => {
    expect(scheduleProblems({ category: "x", label: "x", steps: [{ fromYear: 2030, age: 65 }, { fromYear: 2025, age: 64 }] })).toHaveLength(1);
    expect(scheduleProblems({ category: "x", label: "x", steps: [{ fromYear: null, age: 45 }] })).toHaveLength(1);
    expect(scheduleProblems({ category: "x", label: "x", steps: [{ fromYear: null, age: 60 }], retireOn: { month: 2, day: 30 } })).toHaveLength(1);
  });
});

describe("school-year cohorts", () => {
  it("put April 1 birthdays in the earlier cohort and April 2 in the later", () => {
    expect(schoolYearCohortOf("1965-04-01")).toBe(1964);
    expect(schoolYearCohortOf("1965-04-02")).toBe(1965);
    expect(cohortBirthRange(1964)).toEqual({ from: "1964-04-02", to: "1965-04-01" });
    expect(cohortLabel(1964)).toBe("昭和39年度生まれ");
    expect(cohortLabel(1989)).toBe("平成元年度生まれ");
  });
});

describe("years without regular retirees", () => {
  it("are FY2023, 2025, 2027, 2029 and 2031 for 一般職; every other year has retirees", () => {
    const none = [];
    for (let fy = 2020; fy <= 2036; fy++) if (!regularRetireesIn(fy)) none.push(fy);
    expect(none).toEqual([2023, 2025, 2027, 2029, 2031]);
  });

  it("are marked in the cohort table (図表6), with each cohort's retirement year", () => {
    const table = cohortTable({ fromYear: 2023, toYear: 2035, cohorts: [1963, 1964, 1965, 1966, 1967, 1968, 1969] });
    expect(table.header.filter((h) => !h.retirees).map((h) => h.fiscalYear)).toEqual([2023, 2025, 2027, 2029, 2031]);
    expect(table.rows.map((r) => [r.label, r.retirementYear])).toEqual([
      ["昭和38年度生まれ", 2024],
      ["昭和39年度生まれ", 2026],
      ["昭和40年度生まれ", 2028],
      ["昭和41年度生まれ", 2030],
      ["昭和42年度生まれ", 2032],
      ["昭和43年度生まれ", 2033],
      ["昭和44年度生まれ", 2034],
    ]);
    const row1964 = table.rows[1];
    expect(row1964?.cells.find((c) => c.fiscalYear === 2026)).toEqual({ fiscalYear: 2026, age: 62, retires: true, retired: false });
    expect(row1964?.cells.find((c) => c.fiscalYear === 2023)?.age).toBe(59);
  });
});

describe("図表6: the cohorts the document lists", () => {
  it("lists the seed's 昭和38～44年生まれ for 令和5～17年度 (not the cohort retiring in the last column)", () => {
    expect(figureCohorts(2023, 2035)).toEqual([1963, 1964, 1965, 1966, 1967, 1968, 1969]);
    expect(retirementYearOfCohort(1970)).toBe(2035);
  });

  it("moves with the edition: one year later, the cohort retiring in FY2035 joins", () => {
    expect(figureCohorts(2024, 2036)).toEqual([1963, 1964, 1965, 1966, 1967, 1968, 1969, 1970]);
  });
});
