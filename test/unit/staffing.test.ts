import { describe, expect, it } from "vitest";
import { categoryFromLabel, headcountProblems, quotaCountOf } from "../../src/domain/headcount.js";
import { per10k, populationReferenceDate, roundHalfUp } from "../../src/domain/population.js";
import { assessCompliance, quotaCap } from "../../src/domain/quota.js";
import { buildHeadcountTable } from "../../src/domain/headcount-table.js";
import { type StaffingUnit, unitTotalsForYear, yearTotals } from "../../src/domain/staffing.js";
import { invalidInput } from "../support/errors.js";

describe("quota cap", () => {
  it("is floor(quota × (1 + allowance)): 1,061 at 3% → 1,092", () => {
    expect(quotaCap(1061, 3)).toBe(1092);
  });
  it("rounds down, never up: 131 at 3% → 134 (134.93)", () => {
    expect(quotaCap(131, 3)).toBe(134);
    expect(quotaCap(483, 3)).toBe(497);
  });
  it("is computed exactly, without floating-point loss (300 × 1.15 is 344.999… in floats)", () => {
    expect(quotaCap(300, 15)).toBe(345);
    expect(quotaCap(100, 7)).toBe(107);
    expect(quotaCap(1000, 2.5)).toBe(1025);
  });
  it("equals the quota when there is no allowance", () => {
    expect(quotaCap(58, 0)).toBe(58);
  });
  it("refuses a negative or fractional quota and an allowance with more than two decimals", () => {
    expect(() => quotaCap(-1, 3)).toThrow(invalidInput("定数は0以上の整数で指定してください: -1"));
    expect(() => quotaCap(10.5, 3)).toThrow(invalidInput("定数は0以上の整数で指定してください: 10.5"));
    expect(() => quotaCap(100, 3.125)).toThrow(invalidInput("許容率は0以上、小数第2位までの数で指定してください: 3.125"));
    expect(() => quotaCap(100, -1)).toThrow(invalidInput("許容率は0以上、小数第2位までの数で指定してください: -1"));
  });
  it("gives a verdict: within the quota, over the quota but within the cap, over the cap", () => {
    expect(assessCompliance(1061, 1061, 3).status).toBe("within_quota");
    expect(assessCompliance(1066, 1061, 3)).toMatchObject({ status: "within_cap", overQuota: 5, cap: 1092 });
    expect(assessCompliance(1092, 1061, 3).status).toBe("within_cap");
    expect(assessCompliance(1093, 1061, 3)).toMatchObject({ status: "over_cap", overCap: 1 });
  });
});

describe("headcount categories", () => {
  it("counts against the quota everyone but the seconded and those on leave, plus childcare substitutes", () => {
    expect(quotaCountOf({ staff: 1104, seconded: 15, onLeave: 35, childcareSubstitutes: 12 })).toBe(1066);
    expect(quotaCountOf({ staff: 100, seconded: 0, onLeave: 0, childcareSubstitutes: 0 })).toBe(100);
  });
  it("refuses negative or fractional figures and うち counts above the unit's staff", () => {
    expect(headcountProblems({ staff: -1 })).toHaveLength(1);
    expect(headcountProblems({ staff: 10.5 })).toHaveLength(1);
    expect(headcountProblems({ staff: 10, seconded: 11 })[0]).toContain("派遣職員");
    expect(headcountProblems({ staff: 10, seconded: 6, onLeave: 5 })[0]).toContain("合計");
    expect(headcountProblems({ staff: 10, seconded: 2, fixedTerm: 3, onLeave: 1, childcareSubstitutes: 4 })).toEqual([]);
  });
  it("reads the labels tables use", () => {
    expect(categoryFromLabel("(うち派遣職員)")).toBe("seconded");
    expect(categoryFromLabel("(うち特定任期付・再任用フルタイム勤務職員)")).toBe("fixedTerm");
    expect(categoryFromLabel("(うち再任用フルタイム勤務職員)")).toBe("fixedTerm");
    expect(categoryFromLabel("育児休業代替任期付職員")).toBe("childcareSubstitutes");
    expect(categoryFromLabel("休職・休業")).toBe("onLeave");
    expect(categoryFromLabel("職員数")).toBe("staff");
    expect(categoryFromLabel("臨時")).toBeUndefined();
  });
});

const unit = (id: number, name: string, parentId: number | null, extra: Partial<StaffingUnit> = {}): StaffingUnit => ({
  id,
  name,
  parentId,
  kind: parentId === null ? "authority" : "department",
  sortOrder: id,
  validFrom: null,
  validTo: null,
  ...extra,
});

describe("deriving totals over the organisation", () => {
  const units = [
    unit(1, "特別職", null, { kind: "special" }),
    unit(2, "市長部局", null),
    unit(3, "総務部", 2),
    unit(4, "こども部", 2, { validFrom: 2019 }),
    unit(5, "消防", null),
  ];
  const records = [
    { unitId: 1, fiscalYear: 2018, counts: { staff: 5 } },
    { unitId: 2, fiscalYear: 2018, counts: { seconded: 2 } },
    { unitId: 3, fiscalYear: 2018, counts: { staff: 90 } },
    { unitId: 5, fiscalYear: 2018, counts: { staff: 30, seconded: 1 } },
    { unitId: 3, fiscalYear: 2019, counts: { staff: 60 } },
    { unitId: 4, fiscalYear: 2019, counts: { staff: 35, onLeave: 3, childcareSubstitutes: 1 } },
    { unitId: 5, fiscalYear: 2019, counts: { staff: 31 } },
  ];

  it("sums a parent's 職員数 from its children and adds its own うち counts", () => {
    const t = unitTotalsForYear(units, records, 2018).get(2);
    expect(t).toMatchObject({ staff: 90, seconded: 2, quotaCount: 88 });
  });
  it("leaves special posts (特別職) out of 一般職", () => {
    expect(yearTotals(units, records, 2018).generalTotal).toBe(120);
  });
  it("gives 一般職(定数合計) only for years with leave figures", () => {
    expect(yearTotals(units, records, 2018).quotaTotal).toBeNull();
    expect(yearTotals(units, records, 2019)).toMatchObject({ generalTotal: 126, quotaTotal: 124 });
  });
  it("shows a blank, not a zero, where a unit did not exist", () => {
    const table = buildHeadcountTable(units, records, [], [2018, 2019], 3);
    expect(table.rows.find((r) => r.name === "こども部")?.cells).toEqual([null, 35]);
    // and a blank for a category nobody recorded that year
    expect(table.rows.find((r) => r.name === "市長部局" && r.row === "seconded")?.cells).toEqual([2, null]);
    expect(table.rows.map((r) => r.name)).toEqual(["特別職", "市長部局", "市長部局", "総務部", "こども部", "こども部", "こども部", "消防", "消防"]);
  });
});

describe("population", () => {
  it("is counted on March 31 up to FY2013 and on January 1 from FY2014", () => {
    expect(populationReferenceDate(2013)).toBe("2013-03-31");
    expect(populationReferenceDate(2014)).toBe("2014-01-01");
    expect(populationReferenceDate(2024)).toBe("2024-01-01");
  });
  it("gives staff per 10,000 unrounded: 717 / 97,999 → 73.16", () => {
    expect(per10k(717, 97999)).toBeCloseTo(73.1640, 4);
    expect(roundHalfUp(per10k(717, 97999), 2)).toBe(73.16);
    expect(roundHalfUp(per10k(50344, 7683019), 2)).toBe(65.53);
  });
  it("rounds half up at the printed precision", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-0.05, 1)).toBe(-0.1);
    expect(roundHalfUp(11.1111, 1)).toBe(11.1);
  });
  it("refuses a population of zero", () => {
    expect(() => per10k(1, 0)).toThrow(invalidInput("人口は正の数で指定してください: 0"));
  });
});
