import { describe, expect, it } from "vitest";
import { checkPlausibility, DEFAULT_CHANGE_THRESHOLD, headcountBound, NATIONAL_STAFF_BOUND, parseChangeThreshold } from "../../src/domain/plausibility.js";

const input = (staff: number, previous: number | null, wholeStaff: number | null = 1104) => ({
  fiscalYear: 2026,
  entries: [{ unitId: 1, unitName: "市民環境部", counts: { staff } }],
  previous: new Map(previous === null ? [] : [[1, { fiscalYear: 2025, staff: previous }]]),
  wholeStaff,
  threshold: DEFAULT_CHANGE_THRESHOLD,
});

describe("plausibility of entered headcounts", () => {
  it("refuses a figure above twice the municipality's whole staff, naming the unit and the year", () => {
    const [finding] = checkPlausibility(input(99_999_999_999, 81));
    expect(finding).toMatchObject({ severity: "error", unitName: "市民環境部" });
    expect(finding?.message).toBe("「市民環境部」の令和8年度(2026年度)の職員数 99,999,999,999 は大きすぎます(この団体の職員全体(1,104人)の2倍 2,208人を超えています)");
    expect(checkPlausibility(input(2209, null))[0]?.severity).toBe("error");
    expect(checkPlausibility(input(2208, null))).toEqual([]);
  });

  it("falls back to a national bound (well inside PostgreSQL's integer) when nothing is known about the municipality", () => {
    expect(headcountBound(null).bound).toBe(NATIONAL_STAFF_BOUND);
    expect(checkPlausibility(input(NATIONAL_STAFF_BOUND + 1, null, null))[0]?.message).toContain("全国のどの自治体");
    expect(checkPlausibility(input(5000, null, null))).toEqual([]);
  });

  it("warns on a year-on-year change beyond both thresholds (±20% and ±10 people)", () => {
    const [warning] = checkPlausibility(input(1082, 81));
    expect(warning).toMatchObject({ severity: "warning" });
    expect(warning?.message).toContain("令和7年度(2025年度)の 81 から +1,001人、+1,235.8% 変わっています");
    expect(checkPlausibility(input(91, 81))).toEqual([]); // +10: not beyond 10 people
    expect(checkPlausibility(input(5, 3))).toEqual([]); // +67% but only 2 people
    expect(checkPlausibility(input(470, 400))).toEqual([]); // +70 people but only 17.5%
    expect(checkPlausibility(input(60, 81))[0]?.message).toContain("-21人、-25.9%");
  });

  it("reads the threshold setting, falling back to the default for anything unreadable", () => {
    expect(parseChangeThreshold(undefined)).toEqual(DEFAULT_CHANGE_THRESHOLD);
    expect(parseChangeThreshold('{"percent":10,"people":5}')).toEqual({ percent: 10, people: 5 });
    expect(parseChangeThreshold("not json")).toEqual(DEFAULT_CHANGE_THRESHOLD);
  });
});
