import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { comparisonCodeByName, DIAGNOSIS_ROWS, readSurveyDate, shortDateLabel } from "../../src/domain/comparison.js";
import { buildDiagnosisTable, type ReferencePair } from "../../src/domain/diagnosis-table.js";
import { parseCsv } from "../../src/io/csv.js";
import { parseOwnDiagnosis } from "../../src/io/mic-diagnosis.js";

const seedTable = () => parseCsv(readFileSync(new URL("../fixtures/mic/shindan-chitose-r6.csv", import.meta.url), "utf8"));

describe("sector names as MIC and the seed write them", () => {
  it("read spaced-out, full-width and subtotal spellings", () => {
    const cases: [string, string][] = [
      ["議 会", "gikai"], ["総 務 ・ 企 画", "somu"], ["総務企画", "somu"], ["農 林 水 産", "norin"], ["下 水 道", "gesuido"], ["そ の 他", "sonota"],
      ["一般行政計", "ippan"], ["一般行政職部門", "ippan"], ["一般行政部門", "ippan"], ["普通会計計", "futsu"], ["普通会計", "futsu"],
      ["公営企業等会計", "kigyo"], ["公営企業等会計計", "kigyo"], ["合 計", "gokei"], ["衛生(単純値)", "eisei"], ["その他 ", "sonota"],
    ];
    for (const [label, code] of cases) expect(comparisonCodeByName(label), label).toBe(code);
    for (const label of ["単純値", "人口", "超過数", "", "団体名"]) expect(comparisonCodeByName(label), label).toBeUndefined();
  });

  it("keep the seed's row order of 図表10", () => {
    expect(DIAGNOSIS_ROWS.map((r) => r.name)).toEqual([
      "議会", "総務・企画", "税務", "民生", "衛生", "労働", "農林水産", "商工", "土木", "一般行政計", "教育", "消防", "普通会計計",
      "病院", "水道", "下水道", "交通", "その他", "公営企業等会計", "合計",
    ]);
    expect(DIAGNOSIS_ROWS.filter((r) => r.compared).map((r) => r.code).at(-1)).toBe("futsu");
  });
});

describe("survey dates in headers", () => {
  it("read R6.4.1, 令和6年4月1日現在, H31.4.1 and Gregorian dates into fiscal years", () => {
    expect(readSurveyDate("R5.4.1 現 在 職 員 数")).toEqual({ date: "2023-04-01", fiscalYear: 2023 });
    expect(readSurveyDate("令和6年4月1日現在")).toEqual({ date: "2024-04-01", fiscalYear: 2024 });
    expect(readSurveyDate("住基人口 (R6.1.1)")).toEqual({ date: "2024-01-01", fiscalYear: 2023 });
    expect(readSurveyDate("H31.4.1")).toEqual({ date: "2019-04-01", fiscalYear: 2019 });
    expect(readSurveyDate("2024年4月1日")).toEqual({ date: "2024-04-01", fiscalYear: 2024 });
    expect(readSurveyDate("Ｒ６．４．１")).toEqual({ date: "2024-04-01", fiscalYear: 2024 });
    expect(readSurveyDate("職員数")).toBeNull();
    expect(shortDateLabel("2024-01-01")).toBe("R6.1.1");
    expect(shortDateLabel("2019-04-01")).toBe("H31.4.1");
  });
});

describe("the own 定員管理診断表 (図表10 layout)", () => {
  it("reads the seed's table: years from its header, references as given, A as the previous year's staff", () => {
    const result = parseOwnDiagnosis(seedTable(), { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.current?.fiscalYear).toBe(2024);
    expect(result.previous?.fiscalYear).toBe(2023);
    const row = (code: string) => result.current?.rows.find((r) => r.sector === code);
    expect(row("gikai")).toEqual({ sector: "gikai", actual: 9, simpleReference: 8, correctedReference: 8 });
    expect(row("ippan")).toEqual({ sector: "ippan", actual: 528, simpleReference: 511, correctedReference: 538 });
    expect(row("kotsu")).toEqual({ sector: "kotsu", actual: null, simpleReference: null, correctedReference: null });
    expect(result.previous?.rows.find((r) => r.sector === "gokei")?.actual).toBe(1075);
  });

  it("takes B's year from the form when the header has no dates, and A as the year before", () => {
    const rows = [["大部門", "A", "B", "単純値", "超過数", "超過率"], ["議会", "9", "9", "8", "1", "11.1"]];
    expect(parseOwnDiagnosis(rows, { currentFiscalYear: 2026 }).problems[0]?.message).toBe("年度が分かりません。表題に「令和6年4月1日現在」のように書くか、「年度」の列を設けるか、取込画面で年度を指定してください");
    const result = parseOwnDiagnosis(rows, { currentFiscalYear: 2026, fiscalYear: 2024 });
    expect(result.problems).toEqual([]);
    expect([result.current?.fiscalYear, result.previous?.fiscalYear]).toEqual([2024, 2023]);
  });

  it("checks 超過数, 超過率 and B−A against the figures, MIC's blank zero and △ included", () => {
    const rows = [
      ["大部門", "R5.4.1現在職員数", "R6.4.1現在職員数", "増減", "単純値", "超過数", "超過率", "修正値", "超過数", "超過率"],
      ["労働", "2", "2", "", "1", "1", "50.0", "2", "", "0.0"],
      ["消防", "132", "133", "2", "47", "86", "64.7", "133", "1", "0.0"],
      ["教育", "57", "56", "▲1", "84", "▲28", "▲50.1", "60", "△4", "▲7.1"],
    ];
    const problems = parseOwnDiagnosis(rows, { currentFiscalYear: 2026 }).problems.map((p) => `${p.cell}: ${p.message}`);
    expect(problems).toEqual([
      "D3: 「消防」の増減 2 が B−A = 1 と一致しません",
      "I3: 「消防」の修正値の超過数 1 が B − 133 = 0 と一致しません",
      "G4: 「教育」の単純値の超過率 ▲50.1 が 超過数 ÷ B × 100 = ▲50.0 と一致しません",
    ]);
  });

  it("refuses an unknown sector, a duplicate row and a subtotal that is not the sum of its parts", () => {
    const rows = [
      ["大部門", "R6.4.1現在職員数"],
      ["議会", "9"],
      ["議会", "9"],
      ["観光", "3"],
      ["病院", "303"],
      ["水道", "22"],
      ["公営企業等会計", "326"],
    ];
    expect(parseOwnDiagnosis(rows, { currentFiscalYear: 2026 }).problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "A3: 「議会」の行が2行目にもあります",
      "A4: 部門「観光」が分かりません (議会、総務・企画 … 一般行政計、普通会計計、公営企業等会計、合計)",
      "B7: 公営企業等会計 326 が、内訳の合計 325 と一致しません",
    ]);
  });
});

describe("the 図表10 table", () => {
  const none = new Map<string, ReferencePair>();
  it("diagnoses subtotals from their own averages, not by adding rounded rows", () => {
    const current = new Map([["gikai", 9], ["somu", 172], ["zeimu", 30], ["minsei", 128], ["eisei", 72], ["rodo", 2], ["norin", 21], ["shoko", 25], ["doboku", 69], ["kyoiku", 56], ["shobo", 133]]);
    const averages = new Map<string, ReferencePair>([
      ["gikai", { simple: 0.85, corrected: 0.86 }], ["somu", { simple: 15.58, corrected: 15.62 }], ["zeimu", { simple: 4.12, corrected: 4.18 }],
      ["minsei", { simple: 16.5, corrected: 17.0 }], ["eisei", { simple: 5.5, corrected: 6.84 }], ["rodo", { simple: 0.12, corrected: 0.2 }],
      ["norin", { simple: 1.76, corrected: 2.35 }], ["shoko", { simple: 1.45, corrected: 1.53 }], ["doboku", { simple: 6.25, corrected: 6.33 }],
      ["ippan", { simple: 52.13, corrected: 54.91 }], ["futsu", { simple: 65.53, corrected: 74.6 }],
    ]);
    const rows = buildDiagnosisTable({ previous: new Map(), current, given: none, averages, population: 97999 });
    const ippan = rows.find((r) => r.code === "ippan");
    expect(ippan?.current).toBe(528);
    expect(ippan?.simple).toMatchObject({ reference: 511, excess: 17, rate: 3.2, source: "average" });
    const sumOfRows = rows.filter((r) => ["gikai", "somu", "zeimu", "minsei", "eisei", "rodo", "norin", "shoko", "doboku"].includes(r.code)).reduce((s, r) => s + (r.simple?.reference ?? 0), 0);
    expect(sumOfRows).toBe(510);
    expect(rows.find((r) => r.code === "futsu")?.corrected).toMatchObject({ reference: 731, excess: -14, rate: -2 });
    // No average for 教育 here: no comparison, but the actual staff is shown.
    expect(rows.find((r) => r.code === "kyoiku")).toMatchObject({ current: 56, simple: null });
  });

  it("uses a reference count given by MIC's table as given, and compares no 公営企業等会計 sector", () => {
    const given = new Map<string, ReferencePair>([["shobo", { simple: 47, corrected: 133 }], ["byoin", { simple: 200, corrected: null }]]);
    const rows = buildDiagnosisTable({
      previous: new Map([["shobo", 132]]),
      current: new Map([["shobo", 133], ["byoin", 303]]),
      given,
      averages: new Map([["shobo", { simple: 99, corrected: 99 }]]),
      population: null,
    });
    expect(rows.find((r) => r.code === "shobo")).toMatchObject({ previous: 132, current: 133, change: 1, simple: { reference: 47, excess: 86, rate: 64.7, source: "given" } });
    expect(rows.find((r) => r.code === "byoin")).toMatchObject({ current: 303, simple: null, corrected: null });
    expect(rows.find((r) => r.code === "kotsu")).toMatchObject({ current: null, change: null });
  });
});
