/** 年齢構成の年度更新 (issue 13 point 14): the rule that rolls a unit's age profile into the next fiscal year. */
import { describe, expect, it } from "vitest";
import { ageRollProblems, rollAgeProfileForward } from "../../src/domain/age-roll.js";
import { projectStaffing } from "../../src/domain/projection.js";
import { GENERAL_SCHEDULE, retirementYearOfCohort } from "../../src/domain/retirement.js";
import { invalidInput } from "../support/errors.js";

const g = (cohort: number, count: number, category = "general") => ({ cohort, category, count });

describe("rolling an age profile forward one year", () => {
  it("everyone is one year older: the same cohort, its age in the new year one more", () => {
    const roll = rollAgeProfileForward({ baseYear: 2025, profile: [g(1990, 4), g(2000, 2)], leavers: [], hires: [] });
    expect(roll.nextYear).toBe(2026);
    expect(roll.profile).toEqual([g(1990, 4), g(2000, 2)]);
    expect(roll.rows.map((r) => [r.cohort, r.ageNext])).toEqual([
      [1990, 36],
      [2000, 26],
    ]);
  });

  it("the cohort whose 定年 falls in the base year leaves (昭和38年度生まれ retire at 61 in 令和6年度)", () => {
    expect(retirementYearOfCohort(1963)).toBe(2024);
    const roll = rollAgeProfileForward({ baseYear: 2024, profile: [g(1963, 10), g(1964, 8), g(1990, 3)], leavers: [], hires: [] });
    expect(roll.profile).toEqual([g(1964, 8), g(1990, 3)]);
    expect(roll.totals).toEqual({ before: 21, retirees: 10, leavers: 0, hires: 0, after: 11 });
  });

  it("nobody retires in a year without regular retirements (令和7年度: 定年 61 → 62)", () => {
    const roll = rollAgeProfileForward({ baseYear: 2025, profile: [g(1964, 8), g(1963, 2)], leavers: [], hires: [] });
    // 1963 retired in 2024 already: a cohort still listed past its 定年 is not carried either.
    expect(roll.profile).toEqual([g(1964, 8)]);
    expect(roll.totals.retirees).toBe(2);
  });

  it("retirement follows the job category's own schedule (a municipality's ordinance)", () => {
    const doctors = { ...GENERAL_SCHEDULE, category: "doctor", label: "医師", steps: [{ fromYear: null, age: 65 }] };
    const roll = rollAgeProfileForward({ baseYear: 2024, profile: [g(1963, 10), g(1963, 2, "doctor"), g(1959, 1, "doctor")], leavers: [], hires: [], schedules: [GENERAL_SCHEDULE, doctors] });
    expect(roll.profile).toEqual([g(1963, 2, "doctor")]);
  });

  it("entered leavers leave and the new year's hires come in", () => {
    const roll = rollAgeProfileForward({ baseYear: 2025, profile: [g(1990, 4), g(1995, 2)], leavers: [g(1990, 1)], hires: [g(2004, 5), g(1995, 1)] });
    expect(roll.profile).toEqual([g(1990, 3), g(1995, 3), g(2004, 5)]);
    expect(roll.totals).toEqual({ before: 6, retirees: 0, leavers: 1, hires: 6, after: 11 });
  });

  it("refuses more leavers than staff, a leaver who retires anyway, impossible ages and unknown categories", () => {
    const problems = ageRollProblems({ baseYear: 2024, profile: [g(1990, 1), g(1963, 3)], leavers: [g(1990, 2), g(1963, 1)], hires: [g(2020, 1), g(2003, 1, "pilot")] });
    expect(problems).toEqual([
      "採用者 令和2年度生まれは令和7年度(2025年度)に5歳で、職員の年齢としてありえません",
      "採用者 平成15年度生まれ: 職種「pilot」の定年が定められていません",
      "平成2年度生まれ(一般職)の退職者 2人が、在職者 1人を超えています",
      "昭和38年度生まれ(一般職)は令和6年度(2024年度)に定年退職するため、ほかの退職者として入力できません(1人)",
    ]);
    expect(problems).toHaveLength(4);
    expect(() => rollAgeProfileForward({ baseYear: 2024, profile: [g(1990, 1)], leavers: [g(1990, 2)], hires: [] })).toThrow(invalidInput("平成2年度生まれ(一般職)の退職者 2人が、在職者 1人を超えています"));
  });

  it("a projection from the rolled year starts where the projection from the base year is a year later (no other leavers)", () => {
    const profile = [g(1963, 10), g(1964, 8), g(1970, 5), g(1990, 3)];
    const hires = [g(2025 - 22, 4)];
    const roll = rollAgeProfileForward({ baseYear: 2024, profile, leavers: [], hires });
    const common = { toYear: 2030, leaverRates: [], hireAge: 22, quota: 100, allowancePercent: 3 };
    const fromBase = projectStaffing({ ...common, baseYear: 2024, profile, hires: { 2025: 4 } });
    const fromRolled = projectStaffing({ ...common, baseYear: 2025, profile: roll.profile, hires: {} });
    expect(fromRolled.map((y) => y.headcount)).toEqual(fromBase.slice(1).map((y) => y.headcount));
  });
});
