/**
 * The projection's query schema (web/routes/retirement/projection-schema.ts): blank fields take the defaults, the
 * rate table and the manual hires are read row by row, and every refusal names its field (and row or year) in Japanese.
 */
import { describe, expect, it } from "vitest";
import "../../src/zod-japanese.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { DEFAULT_LEAVER_RATES } from "../../src/services/retirement-scenarios.js";
import { parseInput } from "../../src/web/input.js";
import { projectionSchema } from "../../src/web/routes/retirement/projection-schema.js";

const schema = projectionSchema({ baseYears: [2024, 2025], categories: [{ code: "general", label: "一般職" }], currentFiscalYear: 2026 });
const read = (query: Record<string, string>) => parseInput(schema, query);
const refusal = (query: Record<string, string>): string => {
  try {
    read(query);
  } catch (error) {
    expect(error).toBeInstanceOf(GyokakuError);
    return (error as GyokakuError).message;
  }
  throw new Error("not refused");
};

describe("projection query", () => {
  it("takes the defaults for blank fields: the last base year with a profile, levelled hiring at 22, the default leaver rates", () => {
    const { params, form } = read({});
    expect(params).toMatchObject({ scopeUnitId: null, baseYear: 2025, hireAge: 22, hireCategory: "general", target: null, mode: "levelled", allowancePercent: null, manualHires: {} });
    expect(params.leaverRates).toEqual(DEFAULT_LEAVER_RATES);
    expect(params.toYear).toBeGreaterThan(2025);
    expect(form.base).toBe("2025");
    expect(form.rates).toHaveLength(DEFAULT_LEAVER_RATES.length);
  });

  it("reads 和暦 years, full-width numbers, the rate table and the manual hires", () => {
    const { params, form } = read({ base: "R7", to: "令和10年度", scope: "１２", hireAge: "２３", target: "1,050", mode: "manual", allowance: "3%", r0from: "18", r0to: "29", r0pct: "2.5", r1from: "", r1to: "", r1pct: "", h2026: "10", h2027: "" });
    expect(params).toMatchObject({ baseYear: 2025, toYear: 2028, scopeUnitId: 12, hireAge: 23, target: 1050, mode: "manual", allowancePercent: 3 });
    expect(params.leaverRates).toEqual([{ fromAge: 18, toAge: 29, rate: 0.025 }]);
    expect(params.manualHires).toEqual({ 2026: 10 });
    expect(form).toMatchObject({ base: "R7", to: "令和10年度", hires: { 2026: "10", 2027: "", 2028: "" }, hireYears: [2026, 2027, 2028] });
    // A rate table sent with a blank first row means no other leavers at all.
    expect(read({ r0from: "" }).params.leaverRates).toEqual([]);
  });

  it("refuses each unreadable field naming it", () => {
    expect(refusal({ r0from: "18", r0to: "29", r0pct: "abc" })).toBe("退職率の1行目の退職率は0以上の数で入力してください: 「abc」");
    expect(refusal({ r0from: "18", r0to: "", r0pct: "1" })).toBe("退職率の1行目: 年齢(から)・年齢(まで)・退職率をすべて入力してください");
    expect(refusal({ r0from: "18", r0to: "29", r0pct: "150" })).toBe("退職率の1行目: 退職率は0～100%で入力してください: 「150」");
    expect(refusal({ mode: "random" })).toBe("採用の方式「random」はありません (levelled / one-for-one / manual)");
    expect(refusal({ scope: "0" })).toBe("対象の組織が正しくありません: 0");
    expect(refusal({ scope: "総務部" })).toBe("対象は整数で指定してください: 「総務部」");
    expect(refusal({ hireCategory: "nurse" })).toBe("職種「nurse」の定年が定められていません");
    expect(refusal({ base: "2025", to: "2025" })).toBe("終了年度(令和7年度(2025年度))は基準年度(令和7年度(2025年度))より後にしてください");
    expect(refusal({ base: "昭和64年度" })).toContain("基準年度: ");
    expect(refusal({ mode: "manual", base: "2025", to: "2027", h2027: "-1" })).toContain("令和9年度(2027年度)の採用者数");
    expect(refusal({ target: "千人" })).toContain("目標職員数");
  });

  it("names several wrong fields at once", () => {
    const message = refusal({ hireAge: "x", allowance: "-1", r0from: "18", r0to: "29", r0pct: "abc" });
    expect(message).toContain("採用時の年齢は整数で指定してください: 「x」");
    expect(message).toContain("許容率は0以上の数で入力してください: 「-1」");
  });
});
