import { describe, expect, it } from "vitest";
import { readGroup } from "../../src/domain/comparison.js";
import { classifySimilarGroup, describeGroup, normalizeGroupCode } from "../../src/domain/similar-group.js";
import { CURRENT_SCHEME_FROM, CURRENT_SIMILAR_GROUP_SCHEME, codesOf, schemeForYear, schemeGrid, SIMILAR_GROUP_SCHEMES, typeConditions } from "../../src/domain/similar-group-schemes.js";
import { parseGroupAverages } from "../../src/io/mic-averages.js";
import { invalidInput } from "../support/errors.js";

// Kind J of the field cases: MIC's 類似団体 scheme changed over the years, so a code is read with the scheme of its year.
describe("classification schemes change: a group code is read with the 類型表 of its fiscal year", () => {
  it("the schemes cover consecutive years without a gap or an overlap, today's last and open-ended", () => {
    SIMILAR_GROUP_SCHEMES.slice(1).forEach((scheme, i) => expect(scheme.fromFiscalYear).toBe((SIMILAR_GROUP_SCHEMES[i]?.toFiscalYear ?? NaN) + 1));
    expect(SIMILAR_GROUP_SCHEMES.at(-1)?.toFiscalYear).toBeNull();
    expect(schemeForYear(2025).city.typeCount).toBe(16);
    expect(codesOf(schemeForYear(2025).city)).toHaveLength(16);
    expect(codesOf(CURRENT_SIMILAR_GROUP_SCHEME.town)).toHaveLength(15);
  });

  it("an old code that exists only in the older scheme is read and described with that scheme", () => {
    expect(readGroup("Ⅵ－５", undefined, 2002)).toBe("city:VI-5");
    expect(describeGroup("VI-5", "city", 2002)).toBe("人口43万以上、2次・3次95%以上かつ3次65%以上");
    expect(readGroup("０－１", undefined, 2002)).toBe("city:0-1");
    // In the older scheme V is a 都市 band, not a 町村 one.
    expect(readGroup("Ⅴ－４", undefined, 2003)).toBe("city:V-4");
  });

  it("the same code means what its year's scheme says: II-3 is 5.5万～8万 in FY2002 and 5万～10万 today", () => {
    expect(describeGroup("II-3", "city", 2002)).toBe("人口5万5千以上8万未満、2次・3次85%以上95%未満かつ3次55%以上");
    expect(describeGroup("II-3", "city", 2025)).toBe("人口5万以上10万未満、2次・3次90%以上かつ3次65%以上");
    expect(describeGroup("II-3", "city")).toBe(describeGroup("II-3", "city", 2025));
  });

  it("classification uses the thresholds in force in the year", () => {
    // 千歳市 (seed): 97,999 people, 2次 14.6 + 3次 77.9 = 92.5% → II-3 today; under the old scheme 85–95% and 3次 ≥55% → III-3.
    const chitose = { kind: "city" as const, population: 97_999, secondaryPercent: 14.6, tertiaryPercent: 77.9 };
    expect(classifySimilarGroup(chitose, 2025)).toBe("II-3");
    expect(classifySimilarGroup(chitose, 2002)).toBe("III-3");
    expect(classifySimilarGroup({ ...chitose, population: 30_000, secondaryPercent: 30, tertiaryPercent: 52 }, 2002)).toBe("0-1");
    expect(classifySimilarGroup({ ...chitose, population: 500_000, secondaryPercent: 20, tertiaryPercent: 76 }, 2004)).toBe("VI-5");
  });

  it("a code that does not exist in that year's scheme is refused with that reason, never read with another meaning", () => {
    expect(() => readGroup("Ⅵ－５", undefined, 2024)).toThrow("令和6年度(2024年度)に適用される現行の類型(一般市16類型・町村15類型)にありません");
    expect(() => normalizeGroupCode("0-3", 2020)).toThrow("現行の類型");
    expect(() => readGroup("一般市Ⅴ－１", undefined, 2020)).toThrow("一般市の類型は I～IV です");
    expect(() => readGroup("一般市Ⅶ－１", undefined, 2002)).toThrow(invalidInput("類型を読めません: 「一般市Ⅶ－１」は平成14年度(2002年度)に適用される平成11年度設定の類型(都市28類型・町村39類型)にありません"));
    expect(() => readGroup("一般市Ⅱ－６", undefined, 2002)).toThrow("平成11年度設定の類型(都市28類型・町村39類型)にありません");
  });

  it("a year whose 町村 table gyokaku does not know, or a year before any scheme, is refused naming the year, not guessed", () => {
    expect(() => readGroup("町村Ⅱ－１", undefined, 2002)).toThrow("町村の類型表は登録されていない");
    expect(() => readGroup("Ⅱ－１", "town", CURRENT_SCHEME_FROM - 1)).toThrow("平成16年度(2004年度)の町村の類型は読めません");
    expect(() => readGroup("Ⅱ－３", undefined, 1995)).toThrow("平成7年度(1995年度)の類似団体の類型表は登録されていません");
    expect(() => classifySimilarGroup({ kind: "town", population: 8_000, secondaryPercent: 30, tertiaryPercent: 55 }, 2003)).toThrow(
      "町村の類型表は登録されていない",
    );
  });

  it("an importer reads each row's code with the year of the file and reports a code of another scheme by cell", () => {
    const rows = [
      ["平成14年4月1日現在"],
      ["類型", "議会", ""],
      ["", "単純値", "修正値"],
      ["Ⅵ－５", "0.85", "0.86"],
      ["Ⅲ－３", "0.85", "0.86"],
    ];
    const old = parseGroupAverages(rows, { currentFiscalYear: 2026 });
    expect(old.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(old.records.map((r) => `${r.fiscalYear} ${r.groupKey}`)).toEqual(["2002 city:VI-5", "2002 city:III-3"]);

    const today = parseGroupAverages([["令和6年4月1日現在"], ...rows.slice(1)], { currentFiscalYear: 2026 });
    expect(today.problems.map((p) => `${p.cell}: ${p.message}`)).toContain(
      "A4: 類型を読めません: 「Ⅵ－５」は令和6年度(2024年度)に適用される現行の類型(一般市16類型・町村15類型)にありません",
    );
  });
});

describe("the 図表7 grid is drawn from the year's 類型表 (one source for the page and the report)", () => {
  it("today's 一般市 table: 4 bands, 90% groups of 3次65%/55%; 町村: 5 bands, 80%未満 a single column", () => {
    const city = schemeGrid(schemeForYear(2025).city);
    expect(city.groups).toEqual([
      { industrial: "2次, 3次90%以上", columns: [{ digit: 3, tertiary: "3次65%以上" }, { digit: 2, tertiary: "3次65%未満" }] },
      { industrial: "2次, 3次90%未満", columns: [{ digit: 1, tertiary: "3次55%以上" }, { digit: 0, tertiary: "3次55%未満" }] },
    ]);
    expect(city.rows.map((r) => r.label)).toEqual(["0以上～50,000未満", "50,000以上～100,000未満", "100,000以上～150,000未満", "150,000以上～"]);
    const town = schemeGrid(CURRENT_SIMILAR_GROUP_SCHEME.town);
    expect(town.groups.at(-1)).toEqual({ industrial: "2次, 3次80%未満", columns: [{ digit: 0, tertiary: null }] });
    expect(town.rows).toHaveLength(5);
  });
  it("a 平成11年度-scheme year (FY2002): 7 bands from 3万5千 and 3 groups of 95% / 85–95% / 85%未満", () => {
    const grid = schemeGrid(schemeForYear(2002).city);
    expect(grid.typeCount).toBe(28);
    expect(grid.rows.map((r) => r.roman)).toEqual(["0", "I", "II", "III", "IV", "V", "VI"]);
    expect(grid.rows[2]?.label).toBe("55,000以上～80,000未満");
    expect(grid.groups.map((g) => g.industrial)).toEqual(["2次, 3次95%以上", "2次, 3次85%以上95%未満", "2次, 3次85%未満"]);
    expect(grid.groups[2]?.columns).toEqual([{ digit: 1, tertiary: "3次50%以上" }, { digit: 0, tertiary: "3次50%未満" }]);
    expect(typeConditions(schemeForYear(2002).city, "II-3")).toEqual({ band: "55,000以上～80,000未満", industrial: "85%以上95%未満", tertiary: "55%以上" });
    expect(typeConditions(schemeForYear(2025).city, "II-3")).toEqual({ band: "50,000以上～100,000未満", industrial: "90%以上", tertiary: "65%以上" });
    expect(typeConditions(schemeForYear(2025).city, "VI-5")).toBeUndefined();
  });
});
