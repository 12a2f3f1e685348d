import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupLabel, readGroup } from "../../src/domain/comparison.js";
import { parseCsv } from "../../src/io/csv.js";
import { parseGroupAverages } from "../../src/io/mic-averages.js";
import { readHeaderBlock, readNumber } from "../../src/io/mic-common.js";
import type { ImportProblem } from "../../src/io/problems.js";
import { invalidInput } from "../support/errors.js";

describe("similar groups as MIC's files write them", () => {
  it("read type codes with full-width hyphens and Roman numerals, kinds and single groups", () => {
    expect(readGroup("Ⅱ－３")).toBe("city:II-3");
    expect(readGroup("ii-3")).toBe("city:II-3");
    expect(readGroup("一般市 Ⅳ－０")).toBe("city:IV-0");
    expect(readGroup("町村Ⅱ－１")).toBe("town:II-1");
    expect(readGroup("Ⅱ－１", "town")).toBe("town:II-1");
    expect(readGroup("Ⅴ－２")).toBe("town:V-2");
    expect(readGroup("中核市")).toBe("core");
    expect(readGroup("特例市")).toBe("former-special");
    expect(readGroup("政令指定都市")).toBe("designated");
    expect(readGroup("特別区")).toBe("ward");
    expect(groupLabel("town:V-2")).toBe("町村 V-2");
  });

  it("refuse what is no group, with a message naming it", () => {
    expect(() => readGroup("Ⅵ－３")).toThrow(invalidInput("類型を読めません: 「Ⅵ－３」は現行の類型(一般市16類型・町村15類型)にありません"));
    expect(() => readGroup("Ⅱ－４")).toThrow(invalidInput("類型を読めません: 「Ⅱ－４」は現行の類型(一般市16類型・町村15類型)にありません"));
    expect(() => readGroup("一般市Ⅴ－１")).toThrow(invalidInput("一般市の類型は I～IV です: 「一般市Ⅴ－１」"));
    expect(() => readGroup("町村Ⅱ－３")).toThrow(invalidInput("町村の類型の産業区分は 0～2 です: 「町村Ⅱ－３」"));
  });
});

describe("numbers in MIC's spelling", () => {
  const read = (text: string, kind: Parameters<typeof readNumber>[4]) => {
    const problems: ImportProblem[] = [];
    const result = readNumber([[text]], 0, 0, "値", kind, problems);
    return result.ok ? result.value : problems[0]?.message;
  };
  it("read commas, full-width digits, ▲ and △, and 「－」 as blank", () => {
    expect(read("1,075", "count")).toBe(1075);
    expect(read("１，０７５", "count")).toBe(1075);
    expect(read("▲14", "signed-count")).toBe(-14);
    expect(read("△2.0", "signed-decimal")).toBe(-2);
    expect(read("－", "count")).toBeNull();
    expect(read("", "decimal")).toBeNull();
    expect(read("12人", "count")).toBe(12);
  });
  it("report text, decimals where counts belong and negatives where none may be", () => {
    expect(read("約500", "count")).toBe("値を数値として読めません: 「約500」");
    expect(read("12.5", "count")).toBe("値は整数で入力してください: 「12.5」");
    expect(read("▲3", "count")).toBe("値に負の数は使えません: 「▲3」");
  });
});

describe("header blocks", () => {
  it("carry a merged label across the columns below it in a CSV, as xlsx repeats it", () => {
    const block = readHeaderBlock([["類型", "議会", "", "総務・企画", ""], ["", "単純値", "修正値", "単純値", "修正値"], ["Ⅱ－３", "0.85", "0.86", "15.58", "15.62"]], 0, 0);
    expect(block.bodyStart).toBe(2);
    expect(block.labels[2]).toEqual(["議会", "修正値"]);
    expect(block.labels[4]).toEqual(["総務・企画", "修正値"]);
  });
});

describe("group averages (類似団体別職員数の状況)", () => {
  const fixture = () => parseCsv(readFileSync(new URL("../fixtures/mic/ruiji-averages-r6.csv", import.meta.url), "utf8"));

  it("read every group's 単純値 and 修正値 per sector, the subtotals' staff, 団体数 and 人口, the year from the title", () => {
    const result = parseGroupAverages(fixture(), { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    const ii3 = result.records.filter((r) => r.groupKey === "city:II-3");
    expect(ii3).toHaveLength(13);
    expect(ii3.find((r) => r.sector === "futsu")).toEqual({
      fiscalYear: 2024, groupKey: "city:II-3", sector: "futsu", members: 107, population: 7683019, staff: 50344, simplePer10k: 65.53, correctedPer10k: 74.6, correctedMembers: null,
    });
    expect(ii3.find((r) => r.sector === "rodo")).toMatchObject({ simplePer10k: 0.12, correctedPer10k: 0.2, staff: null });
    expect(result.records.some((r) => r.groupKey === "town:V-2")).toBe(true);
    expect(result.records.some((r) => r.groupKey === "core")).toBe(true);
  });

  it("read a single header row with the measure in brackets, a 年度 column and 修正値の団体数", () => {
    const rows = [
      ["年度", "類型", "議会(単純値)", "議会(修正値)", "議会(修正値の団体数)"],
      ["R6", "Ⅱ－３", "0.85", "0.86", "105"],
      ["R5", "Ⅱ－３", "0.84", "0.85", "104"],
    ];
    const result = parseGroupAverages(rows, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => [r.fiscalYear, r.simplePer10k, r.correctedPer10k, r.correctedMembers])).toEqual([
      [2024, 0.85, 0.86, 105],
      [2023, 0.84, 0.85, 104],
    ]);
  });

  it("add a 国保 (or 介護・収益事業) column beside その他 into その他, with a note, instead of refusing two columns for one sector (issue 10 kind A)", () => {
    const rows = [
      ["令和6年4月1日現在"],
      ["類型", "人口", "その他", "", "", "国保", "", "", "介護", "", ""],
      ["", "", "職員数", "単純値", "修正値", "職員数", "単純値", "修正値", "職員数", "単純値", "団体数"],
      ["Ⅱ－３", "100,000", "12", "1.2", "1.3", "5", "0.5", "0.6", "3", "0.3", "40"],
    ];
    const result = parseGroupAverages(rows, { currentFiscalYear: 2026 });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.records.find((r) => r.sector === "sonota")).toMatchObject({ staff: 20, simplePer10k: 2, correctedPer10k: 1.9 });
    const notes = result.problems.map((p) => `${p.cell}: ${p.message}`);
    expect(notes).toContain("F2: 列「国保 職員数」の職員数は gyokaku の部門「その他」に含めて (足して) 取り込みます");
    expect(notes).toContain("K2: 列「介護 団体数」は団体数のため「その他」に足さず、取り込みません");
  });

  it("report bad codes, unreadable numbers and a group twice, by cell", () => {
    const rows = [
      ["令和6年4月1日現在"],
      ["類型", "議会", ""],
      ["", "単純値", "修正値"],
      ["Ⅱ－３", "0.85", "０．８６"],
      ["Ⅵ－３", "0.85", "0.86"],
      ["Ⅱ－２", "約1", "0.86"],
      ["II-3", "0.85", "0.86"],
    ];
    expect(parseGroupAverages(rows, { currentFiscalYear: 2026 }).problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "A5: 類型を読めません: 「Ⅵ－３」は令和6年度(2024年度)に適用される現行の類型(一般市16類型・町村15類型)にありません",
      "B6: 「議会」の単純値を数値として読めません: 「約1」",
      "A7: 一般市 II-3の行が4行目にもあります",
    ]);
  });

  it("refuse a file without sectors or without a 類型 column", () => {
    expect(parseGroupAverages([["類型", "団体数"], ["Ⅱ－３", "107"]], { currentFiscalYear: 2026 }).problems[0]?.message).toBe("部門(議会、総務・企画…、一般行政計、普通会計計)の列が見つかりません");
    expect(parseGroupAverages([["区分", "議会"], ["一般市", "0.85"]], { currentFiscalYear: 2026 }).problems[0]?.message).toBe("見出し行が見つかりません (「類型」の列と、部門ごとの「単純値」「修正値」の列が必要です)");
  });

  it("warn when a 単純値 disagrees with its own staff and population", () => {
    const rows = [["令和6年度"], ["類型", "人口", "普通会計計", "", ""], ["", "", "職員数", "単純値", "修正値"], ["Ⅱ－３", "7,683,019", "50,344", "66.53", "74.60"]];
    const result = parseGroupAverages(rows, { currentFiscalYear: 2026 });
    expect(result.problems.map((p) => `${p.severity} ${p.cell}: ${p.message}`)).toEqual(["warning D4: 「普通会計計」の単純値 66.53 が、職員数 ÷ 人口 × 10,000 = 65.53 と異なります"]);
  });
});

describe("group averages whose subtotal columns are headed 計 / 小計 (kind A)", () => {
  it("read 計 after 土木 as 一般行政計 and 小計 after 消防 as 普通会計計, never as 合計", () => {
    const rows = parseCsv(readFileSync(new URL("../fixtures/mic/ruiji-averages-r6.csv", import.meta.url), "utf8")).map((r) => [...r]);
    const header = rows[1] ?? [];
    header[header.indexOf("一般行政計")] = "計";
    header[header.indexOf("普通会計計")] = "小計";
    const result = parseGroupAverages(rows, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    const sectors = new Set(result.records.map((r) => r.sector));
    expect(sectors.has("ippan")).toBe(true);
    expect(sectors.has("futsu")).toBe(true);
    expect(sectors.has("gokei")).toBe(false);
  });
});
