/**
 * Rules that live once (issue 9): the fiscal year from the edge's clock, the retirement-day default, the typed-count
 * parser, the 診断表 reference count and the subtotal of a sector's parts.
 */
import { describe, expect, it } from "vitest";
import { sumOfParts } from "../../src/domain/comparison.js";
import { diagnoseSector, referenceCount } from "../../src/domain/diagnosis.js";
import { DEFAULT_RETIREMENT_DAY, formatMonthDay, parseMonthDay, retirementDayOf, retirementOf } from "../../src/domain/retirement.js";
import { buildHeadcountTable } from "../../src/domain/headcount-table.js";
import { parseTypedCount } from "../../src/io/cells.js";
import { currentFiscalYear } from "../../src/web/request.js";
import { invalidInput } from "../support/errors.js";

describe("the current fiscal year comes from the edge's clock (April–March, Japan time)", () => {
  it("March 31 belongs to the previous fiscal year, April 1 starts the next", () => {
    expect(currentFiscalYear(new Date("2026-03-31T23:59:59+09:00"))).toBe(2025);
    expect(currentFiscalYear(new Date("2026-04-01T00:00:00+09:00"))).toBe(2026);
  });
  it("turns at midnight in Japan, not in UTC (2026-03-31T15:00Z is April 1 in Japan)", () => {
    expect(currentFiscalYear(new Date("2026-03-31T14:59:59Z"))).toBe(2025);
    expect(currentFiscalYear(new Date("2026-03-31T15:00:00Z"))).toBe(2026);
  });
  it("January to March are the previous fiscal year (getFullYear would be wrong)", () => {
    expect(currentFiscalYear(new Date("2027-01-15T12:00:00+09:00"))).toBe(2026);
  });
  it("the 図表4 table of no year reads no clock: no quota, whatever today is", () => {
    const table = buildHeadcountTable([{ id: 1, name: "総務部", kind: "department", parentId: null, fromYear: null, toYear: null } as never], [], [{ unitId: 1, fiscalYear: 2000, quota: 50 } as never], [], 3);
    expect(table.quotaSum).toBe(0);
    expect(table.rows).toEqual([]);
  });
});

describe("the retirement day: March 31 unless the ordinance says otherwise, written once", () => {
  it("defaults to March 31 and prints and reads back as 03-31", () => {
    expect(retirementDayOf({})).toEqual(DEFAULT_RETIREMENT_DAY);
    expect(formatMonthDay(DEFAULT_RETIREMENT_DAY)).toBe("03-31");
    expect(parseMonthDay("")).toEqual({ month: 3, day: 31 });
    expect(parseMonthDay("3月31日")).toEqual({ month: 3, day: 31 });
    expect(parseMonthDay("１２/２５")).toEqual({ month: 12, day: 25 });
  });
  it("refuses text that is not a month and a day, naming the field", () => {
    expect(() => parseMonthDay("三月末")).toThrow("退職日は「月-日」で入力してください (例: 03-31): 「三月末」");
  });
  it("a schedule without a day retires on the first March 31 after 定年", () => {
    expect(retirementOf("1964-04-01").date).toBe("2025-03-31");
  });
});

describe("a typed count is parsed by one function", () => {
  it("reads thousands separators, full-width digits and 人; blank is null", () => {
    expect(parseTypedCount("1,055", "職員数")).toEqual({ ok: true, value: 1055 });
    expect(parseTypedCount("２８４人", "職員数")).toEqual({ ok: true, value: 284 });
    expect(parseTypedCount("  ", "職員数")).toEqual({ ok: true, value: null });
    expect(parseTypedCount(12, "職員数")).toEqual({ ok: true, value: 12 });
  });
  it("refuses negatives, fractions, text and values past what both databases store, naming the field", () => {
    expect(parseTypedCount("-3", "職員数")).toEqual({ ok: false, message: "職員数は0以上の整数で入力してください: 「-3」" });
    expect(parseTypedCount("1.5", "職員数")).toEqual({ ok: false, message: "職員数は整数で入力してください (小数は使えません): 「1.5」" });
    expect(parseTypedCount("abc", "人口")).toEqual({ ok: false, message: "人口を数値として読めません: 「abc」(0以上の整数を入力してください)" });
    expect(parseTypedCount("2147483648", "人口")).toEqual({ ok: false, tooLarge: 2147483648, message: "人口が大きすぎます (2,147,483,647まで): 2,147,483,648" });
    expect(parseTypedCount("0", "人口", { min: 1 })).toEqual({ ok: false, message: "人口は1以上の整数で入力してください: 「0」" });
  });
});

describe("the 診断表 reference count and the subtotal of parts", () => {
  it("reference = average per 10,000 × population / 10,000, rounded half up", () => {
    expect(referenceCount(77.55, 97_000)).toBe(752);
    expect(referenceCount(10, 5_000)).toBe(5);
    expect(diagnoseSector(760, 77.55, 97_000).reference).toBe(referenceCount(77.55, 97_000));
    expect(() => referenceCount(10, 0)).toThrow(invalidInput("人口は正の数で指定してください: 0"));
  });
  it("a subtotal is the sum of the known parts; null when no part is known", () => {
    expect(sumOfParts("ippan", { gikai: 5, somu: 100 })).toBe(105);
    expect(sumOfParts("ippan", {})).toBeNull();
  });
});
