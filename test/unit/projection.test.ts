import { describe, expect, it } from "vitest";
import {
  type CohortCount,
  largestYearToYearChange,
  levelledHiringPlan,
  oneForOneHires,
  type ProjectionInput,
  projectStaffing,
  tautString,
  unevenness,
} from "../../src/domain/projection.js";
import { invalidInput } from "../support/errors.js";

const base: Omit<ProjectionInput, "hires"> = {
  baseYear: 2025,
  toYear: 2027,
  profile: [
    { cohort: 1964, category: "general", count: 10 },
    { cohort: 1990, category: "general", count: 100 },
  ],
  leaverRates: [{ fromAge: 30, toAge: 39, rate: 0.05 }],
  hireAge: 22,
  quota: 110,
  allowancePercent: 3,
};

describe("staffing projection", () => {
  it("matches a hand-computed three-year case", () => {
    const years = projectStaffing({ ...base, hires: { 2026: 4, 2027: 6 } });
    expect(years).toEqual([
      // 1964 cohort is 61 in FY2025 (定年 62): stays; 100 × 5% of the 35-year-olds leave
      { fiscalYear: 2025, hires: 0, headcount: 110, retirees: 0, otherLeavers: 5, quota: 110, cap: 113, overCap: -3 },
      // the 1964 cohort reaches 62 in FY2026 and retires; 95 × 5% = 4.75 → 5 leave
      { fiscalYear: 2026, hires: 4, headcount: 109, retirees: 10, otherLeavers: 5, quota: 110, cap: 113, overCap: -4 },
      // 90 × 5% = 4.5, less the 0.25 rounded up the year before → 4.25 → 4 (14 leavers for 14.25 expected over the years)
      { fiscalYear: 2027, hires: 6, headcount: 100, retirees: 0, otherLeavers: 4, quota: 110, cap: 113, overCap: -13 },
    ]);
  });

  it("carries the rounding remainder, so a small group still loses people at its rate over the years", () => {
    // 9 people at 5%: 0.45 a year. Rounding each year alone would give 0 for ever.
    const years = projectStaffing({ ...base, toYear: 2034, profile: [{ cohort: 1990, category: "general", count: 9 }], leaverRates: [{ fromAge: 18, toAge: 59, rate: 0.05 }], quota: 10, hires: {} });
    const leavers = years.map((y) => y.otherLeavers);
    expect(leavers.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(3);
    expect(leavers.slice(0, 3)).toEqual([0, 1, 0]);
    expect(leavers.every((v) => v <= 1)).toBe(true);
  });

  it("counts a headcount over the cap as overCap > 0", () => {
    const years = projectStaffing({ ...base, hires: { 2026: 20 } });
    expect(years[1]).toMatchObject({ headcount: 125, cap: 113, overCap: 12 });
  });

  it("refuses negative counts and rates outside 0–100%", () => {
    expect(() => projectStaffing({ ...base, profile: [{ cohort: 1990, category: "general", count: -1 }], hires: {} })).toThrow(invalidInput("職員数は0以上の整数で入力してください (1990年度生まれ: -1)"));
    expect(() => projectStaffing({ ...base, leaverRates: [{ fromAge: 20, toAge: 30, rate: 1.5 }], hires: {} })).toThrow(invalidInput("退職率は0～1(0～100%)で入力してください (20～30歳: 1.5)"));
  });

  it("replaces leavers one for one: the headcount stays where it was", () => {
    const hires = oneForOneHires({ ...base, toYear: 2030 });
    const years = projectStaffing({ ...base, toYear: 2030, hires });
    expect(years.map((y) => y.headcount)).toEqual([110, 110, 110, 110, 110, 110]);
    expect(hires[2026]).toBe(5);
    expect(hires[2027]).toBe(15);
  });
});

describe("taut string (most even cumulative path under a ceiling)", () => {
  it("is a straight line when the ceiling does not bind", () => {
    expect(tautString([100, 100, 100, 100], 40)).toEqual([10, 20, 30, 40]);
  });
  it("bends under a ceiling that holds the early years down, and never decreases its steps", () => {
    const path = tautString([0, 5, 100, 100], 40);
    expect(path).toEqual([0, 5, 22, 40]);
    const steps = path.map((c, i) => c - (i === 0 ? 0 : (path[i - 1] ?? 0)));
    expect(steps).toEqual([0, 5, 17, 18]);
  });
  it("never goes above the ceiling and ends on the total", () => {
    const ceiling = [3, 9, 9, 30, 31, 60];
    const path = tautString(ceiling, 48);
    path.forEach((c, i) => expect(c).toBeLessThanOrEqual(ceiling[i] ?? 0));
    expect(path[path.length - 1]).toBe(48);
  });
});

/** A profile shaped like a city in the transition: big cohorts around 60, steady younger ones. */
function cityProfile(): CohortCount[] {
  const profile: CohortCount[] = [];
  for (let cohort = 1962; cohort <= 2003; cohort++) profile.push({ cohort, category: "general", count: cohort < 1970 ? 30 : 22 });
  return profile;
}

const city: Omit<ProjectionInput, "hires"> = {
  baseYear: 2025,
  toYear: 2035,
  profile: cityProfile(),
  leaverRates: [
    { fromAge: 18, toAge: 29, rate: 0.03 },
    { fromAge: 30, toAge: 49, rate: 0.01 },
    { fromAge: 50, toAge: 70, rate: 0.02 },
  ],
  hireAge: 22,
  quota: 1000,
  allowancePercent: 3,
};

describe("levelled hiring (採用者数の平準化)", () => {
  it("keeps every year within the cap and reaches the quota in the last year", () => {
    const plan = levelledHiringPlan(city);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    for (const y of plan.years) expect(y.headcount, String(y.fiscalYear)).toBeLessThanOrEqual(y.cap);
    expect(plan.years[plan.years.length - 1]?.headcount).toBe(1000);
  });

  it("is more even than replacing leavers one for one, whose hires swing with the years without retirees", () => {
    const plan = levelledHiringPlan(city);
    if (!plan.ok) throw new Error(plan.reason);
    const oneForOne = oneForOneHires(city);
    expect(largestYearToYearChange(plan.hires)).toBeLessThan(largestYearToYearChange(oneForOne));
    expect(unevenness(plan.hires)).toBeLessThan(unevenness(oneForOne));
  });

  it("hires evenly (within one person) when the cap never binds", () => {
    const plan = levelledHiringPlan({ ...city, allowancePercent: 50, target: 1000 });
    if (!plan.ok) throw new Error(plan.reason);
    const values = Object.values(plan.hires);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });

  it("no feasible-plan search can beat it: moving one hire between years never lowers the objective while staying within the cap", () => {
    const plan = levelledHiringPlan(city);
    if (!plan.ok) throw new Error(plan.reason);
    const years = Object.keys(plan.hires).map(Number);
    for (const from of years) {
      for (const to of years) {
        if (from === to || (plan.hires[from] ?? 0) === 0) continue;
        const moved = { ...plan.hires, [from]: (plan.hires[from] ?? 0) - 1, [to]: (plan.hires[to] ?? 0) + 1 };
        const projected = projectStaffing({ ...city, hires: moved });
        if (projected.some((y) => y.headcount > y.cap)) continue;
        expect(unevenness(moved)).toBeGreaterThanOrEqual(unevenness(plan.hires));
      }
    }
  });

  it("says clearly when no plan can keep within the cap", () => {
    const plan = levelledHiringPlan({ ...city, quota: 800 });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toContain("採用しなくても");
    expect(plan.fiscalYear).toBe(2026);
  });
});

describe("levelled hiring: whole people, ascending, hires who retire within the horizon (issue 9)", () => {
  const small: Omit<ProjectionInput, "hires"> = {
    baseYear: 2025,
    toYear: 2029,
    profile: [{ cohort: 1995, category: "general", count: 4 }],
    leaverRates: [],
    hireAge: 22,
    quota: 6,
    allowancePercent: 0,
  };

  it("4 staff, quota 6, 2025→2029: two hires over four years are [0, 0, 1, 1] (larger years last), not [0, 1, 0, 1]", () => {
    const plan = levelledHiringPlan(small);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.hires).toEqual({ 2026: 0, 2027: 0, 2028: 1, 2029: 1 });
    expect(plan.years[plan.years.length - 1]?.headcount).toBe(6);
    expect(plan.note).toBeNull();
  });

  it("tautString spreads each straight stretch with the larger steps last and never passes a ceiling", () => {
    expect(tautString([10, 10, 10, 10], 2)).toEqual([0, 0, 1, 2]);
    expect(tautString([10, 10, 10, 10, 10], 7)).toEqual([1, 2, 3, 5, 7]);
    const ceiling = [0, 1, 5, 9];
    const path = tautString(ceiling, 9);
    path.forEach((c, i) => expect(c).toBeLessThanOrEqual(ceiling[i] ?? 0));
    expect(path[path.length - 1]).toBe(9);
  });

  it("notes hires at an age that reaches 定年 within the horizon (hire age ≥ 定年 − horizon)", () => {
    const plan = levelledHiringPlan({ ...small, hireAge: 64 });
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.note).toContain("採用時の年齢(64歳)では");
    expect(plan.note).toContain("2029年度までに定年退職します");
    const young = levelledHiringPlan(small);
    expect(young.ok && young.note).toBeNull();
  });
});
