import { describe, expect, it } from "vitest";
import { regressionEstimate, regressionIndex } from "../../src/domain/regression.js";
import { comparatorOf, parseLaspeyres } from "../../src/io/mic-laspeyres.js";
import { parseRegression } from "../../src/io/mic-regression.js";
import { invalidInput } from "../support/errors.js";

describe("ラスパイレス指数 (図表9)", () => {
  it("reads years as rows, with peers named with their 団体コード", () => {
    const rows = [["年度", "本市", "類似団体平均", "全国市平均", "室蘭市(012050)"], ["令和6年", "97.2", "98.2", "98.6", "97.8"]];
    const result = parseLaspeyres(rows, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.records).toEqual([
      { fiscalYear: 2024, subject: "own", label: "本市", value: 97.2 },
      { fiscalYear: 2024, subject: "group", label: "類似団体平均", value: 98.2 },
      { fiscalYear: 2024, subject: "cities", label: "全国市平均", value: 98.6 },
      { fiscalYear: 2024, subject: "012050", label: "室蘭市", value: 97.8 },
    ]);
  });

  it("reads years as columns, the municipality named by its own name", () => {
    const rows = [["区分", "R5", "R6"], ["千歳市", "97.1", "97.2"], ["類似団体平均", "", "98.2"]];
    const result = parseLaspeyres(rows, { currentFiscalYear: 2026, ownName: "千歳市" });
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => `${r.fiscalYear} ${r.subject} ${r.value}`)).toEqual(["2023 own 97.1", "2024 own 97.2", "2024 group 98.2"]);
  });

  it("refuses an index far from 100, a wrong peer code and an unreadable year", () => {
    const rows = [["年度", "本市", "室蘭市(012051)"], ["令和6年", "972", "97.8"], ["令和X年", "97.2", ""]];
    expect(parseLaspeyres(rows, { currentFiscalYear: 2026 }).problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "C1: 「室蘭市」: 団体コード「012051」の検査数字が正しくありません (正しくは 012050)",
      "B2: 2024年度の本市 972 はラスパイレス指数として大きく外れています (国=100)",
      "A3: 年度を読めません: 「令和X年」",
    ]);
  });
});

describe("定員回帰指標", () => {
  it("estimates staff as constant + population term + area term and compares actual ÷ estimate × 100", () => {
    const estimate = regressionEstimate({ constant: -12.5, population: 0.00701, area: 0.0913 }, 97999, 594.5);
    expect(estimate).toBeCloseTo(728.75084, 5);
    expect(regressionIndex(717, estimate)).toBe(98.4);
    expect(() => regressionIndex(717, 0)).toThrow(invalidInput("回帰式による推計職員数が正になりません: 0"));
    expect(() => regressionEstimate({ constant: 1, population: Number.NaN, area: 0 }, 1000, 1)).toThrow(invalidInput("回帰式の係数(population)が数ではありません"));
  });

  it("reads the coefficients per year and sector, ▲ for negatives, refusing a blank one", () => {
    const rows = [["年度", "部門", "定数項", "人口の係数", "面積の係数"], ["R6", "普通会計", "▲12.5", "0.00701", "0.0913"], ["R6", "一般行政", "3.25", "", "0.0448"], ["R6", "病院", "1", "1", "1"]];
    const result = parseRegression(rows, { currentFiscalYear: 2026 });
    expect(result.records).toEqual([{ fiscalYear: 2024, sector: "futsu", constant: -12.5, populationCoef: 0.00701, areaCoef: 0.0913 }]);
    expect(result.problems.map((p) => `${p.cell}: ${p.message}`)).toEqual(["D3: 人口の係数が空欄です", "B4: 部門「病院」には対応していません (普通会計 または 一般行政)"]);
  });
});

describe("kind I: who a comparison figure belongs to", () => {
  it("a town's 全国町村平均, 全国平均 and 北海道平均 each keep their own meaning; nothing collides into one 全国 figure", () => {
    const rows = [["年度", "本町", "類似団体平均", "全国町村平均", "全国平均", "北海道平均"], ["令和6年", "96.0", "97.0", "96.5", "98.9", "97.4"]];
    const result = parseLaspeyres(rows, { currentFiscalYear: 2026, ownName: "厚真町" });
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => [r.subject, r.label, r.value])).toEqual([
      ["own", "本市", 96],
      ["group", "類似団体平均", 97],
      ["towns", "全国町村平均", 96.5],
      ["national", "全国平均", 98.9],
      ["prefecture", "北海道平均", 97.4],
    ]);
  });

  it("全国市平均 and 全国町村平均 side by side are two figures, not a duplicate", () => {
    const rows = [["年度", "本市", "全国市平均", "全国町村平均"], ["令和6年", "97.2", "98.6", "96.5"]];
    const result = parseLaspeyres(rows, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => r.subject)).toEqual(["own", "cities", "towns"]);
  });

  it("reads the comparator from the label's words, whatever the spelling", () => {
    expect(comparatorOf("全国町村平均")).toBe("towns");
    expect(comparatorOf("全国市平均")).toBe("cities");
    expect(comparatorOf("全 国 平 均")).toBe("national");
    expect(comparatorOf("全国市町村平均")).toBe("national");
    expect(comparatorOf("都道府県平均")).toBe("prefecture");
    expect(comparatorOf("北海道平均")).toBe("prefecture");
    expect(comparatorOf("類似団体平均")).toBe("group");
    expect(comparatorOf("室蘭市")).toBeNull();
  });
});

describe("団体コード in a Laspeyres table are checked as in every importer (kind E)", () => {
  const known = new Map([["012050", "室蘭市"], ["012319", "恵庭市"], ["012246", "千歳市"]]);

  it("restores a leading 0 a spreadsheet dropped when the name beside it says which body it is, with a warning", () => {
    const rows = [["道内類似団体のラスパイレス指数"], ["年度", "本市", "室蘭市(12050)"], ["令和6年", "97.2", "97.8"]];
    const result = parseLaspeyres(rows, { currentFiscalYear: 2026, known });
    // Without the title's 「道内」 the 5 digits read two ways (012050 北海道 / 120502 千葉県): refused naming both.
    expect(parseLaspeyres(rows.slice(1), { currentFiscalYear: 2026, known }).problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([
      "「室蘭市」: 団体コード「12050」は 012050 (北海道、先頭の0が落ちた6桁)とも、120502 (千葉県、検査数字を除いた5桁)とも読めるため、どちらか決められません。6桁の団体コードで書くか、都道府県名の列を加えてください",
    ]);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.problems.map((p) => p.message)).toContain("団体コード「12050」は先頭の0が落ちたものとみなし、012050 (北海道・室蘭市) と読みました");
    expect(result.records.find((r) => r.subject === "012050")).toMatchObject({ fiscalYear: 2024, label: "室蘭市", value: 97.8 });
  });

  it("refuses a code that names another body than the name beside it, in either layout, and a wrong check digit in the transposed one", () => {
    const byColumn = parseLaspeyres([["年度", "本市", "恵庭市(012050)"], ["令和6年", "97.2", "97.8"]], { currentFiscalYear: 2026, known });
    expect(byColumn.problems.filter((p) => p.severity === "error").map((p) => `${p.cell}: ${p.message}`)).toEqual(["C1: 「恵庭市」: 団体コード 012050 は「室蘭市」のコードで、「恵庭市」ではありません"]);
    const byRow = parseLaspeyres([["区分", "令和6年"], ["本市", "97.2"], ["室蘭市(012051)", "97.8"]], { currentFiscalYear: 2026, known });
    expect(byRow.problems.filter((p) => p.severity === "error").map((p) => `${p.cell}: ${p.message}`)).toEqual(["A3: 「室蘭市」: 団体コード「012051」の検査数字が正しくありません (正しくは 012050)"]);
    expect(byRow.records.some((r) => r.subject === "012051")).toBe(false);
  });
});
