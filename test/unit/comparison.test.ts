import { describe, expect, it } from "vitest";
import { diagnoseAgainstReference, diagnoseSector, formatTriangle, parseTriangle } from "../../src/domain/diagnosis.js";
import { laspeyres } from "../../src/domain/laspeyres.js";
import { per10k, roundHalfUp } from "../../src/domain/population.js";
import { classifySimilarGroup, describeGroup, normalizeGroupCode } from "../../src/domain/similar-group.js";
import { invalidInput } from "../support/errors.js";

const city = (population: number, secondaryPercent: number, tertiaryPercent: number) =>
  classifySimilarGroup({ kind: "city", population, secondaryPercent, tertiaryPercent });
const town = (population: number, secondaryPercent: number, tertiaryPercent: number) =>
  classifySimilarGroup({ kind: "town", population, secondaryPercent, tertiaryPercent });

describe("similar-group classification (一般市)", () => {
  it("puts 千歳市 (97,999 people, mostly tertiary) in II-3", () => {
    expect(city(97999, 17.0, 79.0)).toBe("II-3");
  });
  it("starts each population band exactly at its lower bound", () => {
    expect(city(49999, 20, 75)).toBe("I-3");
    expect(city(50000, 20, 75)).toBe("II-3");
    expect(city(99999, 20, 75)).toBe("II-3");
    expect(city(100000, 20, 75)).toBe("III-3");
    expect(city(149999, 20, 75)).toBe("III-3");
    expect(city(150000, 20, 75)).toBe("IV-3");
  });
  it("counts exactly 90% of 2次+3次 as 90% or more, and exactly 65% of 3次 as 65% or more", () => {
    expect(city(60000, 25, 65)).toBe("II-3");
    expect(city(60000, 25.1, 64.9)).toBe("II-2");
    expect(city(60000, 25.01, 64.99)).toBe("II-2");
    expect(city(60000, 25, 64.99)).toBe("II-1");
    expect(city(60000, 30, 59.99)).toBe("II-1");
    expect(city(60000, 34, 55)).toBe("II-1");
    expect(city(60000, 35, 55)).toBe("II-2");
    expect(city(60000, 35, 54.9)).toBe("II-0");
  });
  it("gives the single groups their own names", () => {
    expect(classifySimilarGroup({ kind: "designated", population: 1_970_000, secondaryPercent: 15, tertiaryPercent: 83 })).toBe("指定都市");
    expect(classifySimilarGroup({ kind: "core", population: 400_000, secondaryPercent: 15, tertiaryPercent: 80 })).toBe("中核市");
    expect(classifySimilarGroup({ kind: "former-special", population: 200_000, secondaryPercent: 15, tertiaryPercent: 80 })).toBe("施行時特例市");
    expect(classifySimilarGroup({ kind: "ward", population: 60_000, secondaryPercent: 10, tertiaryPercent: 89 })).toBe("特別区");
  });
  it("refuses percentages outside 0–100 and a negative population", () => {
    expect(() => city(-1, 20, 70)).toThrow(invalidInput("人口は0以上の整数で指定してください: -1"));
    expect(() => city(1000, 60, 60)).toThrow(invalidInput("第2次と第3次産業の比率の合計が100%を超えています: 120"));
    expect(() => city(1000, -1, 60)).toThrow(invalidInput("第2次産業の比率は0～100の数で指定してください: -1"));
  });
});

describe("similar-group classification (町村)", () => {
  it("has five population bands with their lower bounds included", () => {
    expect(town(4999, 20, 70)).toBe("I-2");
    expect(town(5000, 20, 70)).toBe("II-2");
    expect(town(10000, 20, 70)).toBe("III-2");
    expect(town(15000, 20, 70)).toBe("IV-2");
    expect(town(19999, 20, 70)).toBe("IV-2");
    expect(town(20000, 20, 70)).toBe("V-2");
  });
  it("uses 80% of 2次+3次 and 60% of 3次 as its industry bounds", () => {
    expect(town(8000, 20, 60)).toBe("II-2");
    expect(town(8000, 20.1, 59.9)).toBe("II-1");
    expect(town(8000, 20, 59.9)).toBe("II-0");
  });
});

describe("group codes", () => {
  it("read MIC's spellings", () => {
    for (const code of ["Ⅱ－３", "Ⅱ-3", "II-3", "ii－3", " Ⅱ－３ ", "II－3", "Ⅱ‐3"]) expect(normalizeGroupCode(code), code).toBe("II-3");
    expect(normalizeGroupCode("Ⅳ－０")).toBe("IV-0");
    expect(normalizeGroupCode("Ⅴ－２")).toBe("V-2");
  });
  it("refuse codes that are no type", () => {
    for (const code of ["II-4", "V-3", "VI-1", "", "II", "2-3", "指定都市"]) expect(() => normalizeGroupCode(code), code).toThrow(invalidInput(/^類型「.*」は現行の類型\(一般市16類型・町村15類型\)にありません$|^類型コードが読めません: 「.*」\(例: II-3、Ⅱ－３\)$/));
  });
  it("describe a type in words", () => {
    expect(describeGroup("II-3", "city")).toBe("人口5万以上10万未満、2次・3次90%以上かつ3次65%以上");
  });
});

describe("staff per 10,000 population (図表8)", () => {
  it("matches the seed's figures", () => {
    const rows: [number, number, number][] = [
      [511, 76519, 66.78],
      [473, 70354, 67.23],
      [418, 57645, 72.51],
      [717, 97999, 73.16],
      [455, 56903, 79.96],
      [50344, 7683019, 65.53],
      [528, 97999, 53.88],
      [40048, 7683019, 52.13],
      [343, 76519, 44.83],
      [318, 56903, 55.88],
    ];
    for (const [staff, population, expected] of rows) expect(roundHalfUp(per10k(staff, population), 2), `${staff}/${population}`).toBe(expected);
  });
});

describe("staffing diagnosis (図表10)", () => {
  it("reproduces the seed's rows from the reference counts", () => {
    expect(diagnoseAgainstReference(9, 8)).toEqual({ reference: 8, excess: 1, rate: 11.1 });
    expect(diagnoseAgainstReference(133, 47)).toEqual({ reference: 47, excess: 86, rate: 64.7 });
    expect(diagnoseAgainstReference(717, 642)).toEqual({ reference: 642, excess: 75, rate: 10.5 });
    expect(diagnoseAgainstReference(717, 731)).toEqual({ reference: 731, excess: -14, rate: -2.0 });
    expect(diagnoseAgainstReference(30, 40)).toEqual({ reference: 40, excess: -10, rate: -33.3 });
    expect(diagnoseAgainstReference(2, 2)).toEqual({ reference: 2, excess: 0, rate: 0 });
  });
  it("computes the reference from the group average: 65.53 × 97,999 / 10,000 → 642", () => {
    expect(diagnoseSector(717, 65.53, 97999)).toEqual({ reference: 642, excess: 75, rate: 10.5 });
  });
  it("uses the actual count as the denominator of the rate, and has no rate without staff", () => {
    expect(diagnoseSector(10, 1, 50000).rate).toBe(50);
    expect(Number.isNaN(diagnoseSector(0, 1, 50000).rate)).toBe(true);
  });
  it("prints negatives with ▲ and reads MIC's spellings back", () => {
    expect(formatTriangle(-14)).toBe("▲14");
    expect(formatTriangle(-2, 1)).toBe("▲2.0");
    expect(formatTriangle(1075)).toBe("1,075");
    expect(formatTriangle(Number.NaN)).toBe("－");
    expect(parseTriangle("▲10")).toBe(-10);
    expect(parseTriangle("△33.3")).toBe(-33.3);
    expect(parseTriangle("1,100")).toBe(1100);
    expect(parseTriangle("１２")).toBe(12);
    expect(parseTriangle("")).toBeNull();
    expect(parseTriangle("－")).toBeNull();
    expect(() => parseTriangle("abc")).toThrow(invalidInput("数値として読めません: 「abc」"));
  });
});

describe("Laspeyres index", () => {
  it("weights both salary sets by the national staff structure and rounds half up to one decimal", () => {
    const cells = [
      { localAverage: 300_000, nationalAverage: 310_000, nationalStaff: 100 },
      { localAverage: 400_000, nationalAverage: 410_000, nationalStaff: 50 },
    ];
    // (300,000×100 + 400,000×50) / (310,000×100 + 410,000×50) × 100 = 97.087…
    expect(laspeyres(cells)).toBe(97.1);
  });
  it("is 100 when the salaries equal the national ones", () => {
    expect(laspeyres([{ localAverage: 250_000, nationalAverage: 250_000, nationalStaff: 3 }])).toBe(100);
  });
  it("rounds 97.25 up to 97.3", () => {
    expect(laspeyres([{ localAverage: 97.25, nationalAverage: 100, nationalStaff: 1 }])).toBe(97.3);
  });
  it("refuses an empty or negative table", () => {
    expect(() => laspeyres([])).toThrow(invalidInput("国の俸給月額と職員数の積の合計が0です"));
    expect(() => laspeyres([{ localAverage: -1, nationalAverage: 1, nationalStaff: 1 }])).toThrow(invalidInput("給料月額と職員数は0以上の数で指定してください"));
  });
});
