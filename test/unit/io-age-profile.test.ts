import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseTypedCount } from "../../src/domain/typed-count.js";
import { type AgeProfileRecord, ageProfileToRows, type AgeProfileUnit, parseAgeCount, parseAgeProfileLong, parseCohort } from "../../src/io/age-profile.js";
import { readUploadFirstSheet } from "../../src/io/upload.js";
import { toCsv } from "../../src/io/csv.js";
import { hasErrors } from "../../src/io/problems.js";
import { writeXlsx } from "../../src/io/xlsx.js";
import { invalidInput } from "../support/errors.js";

const UNITS: AgeProfileUnit[] = [
  { id: 1, code: "100", name: "市長部局", validFrom: null, validTo: null },
  { id: 2, code: "300", name: "消防", validFrom: null, validTo: null },
  { id: 3, code: "150", name: "こども福祉部", validFrom: 2019, validTo: null },
  { id: 4, code: "901", name: "総務課", validFrom: null, validTo: null },
  { id: 5, code: "902", name: "総務課", validFrom: null, validTo: null },
];
const CATEGORIES = ["general", "doctor", "custodial"];
const LABELS = { general: "一般職", doctor: "医師 (病院・診療所)", custodial: "守衛・用務員等" };
const HEADER = ["組織コード", "組織", "基準年度", "生まれ年度", "職種", "人数"];

function parse(rows: string[][]) {
  return parseAgeProfileLong(rows, UNITS, CATEGORIES, LABELS, { currentFiscalYear: 2026 });
}

describe("生まれ年度 (birth cohort) labels", () => {
  it("reads 1964, 昭和39年度生まれ, S39, 昭39 and full-width forms as the 1964 school year", () => {
    for (const label of ["1964", "1964年度生まれ", "昭和39年度生まれ", "昭和39年度", "S39", "s39", "昭39", "Ｓ３９", " 昭和39年度生 "]) expect(parseCohort(label), label).toBe(1964);
    expect(parseCohort("平成元年度生まれ")).toBe(1989);
    expect(parseCohort("H2")).toBe(1990);
  });

  it("refuses what is not a school year, saying so", () => {
    expect(() => parseCohort("")).toThrow(invalidInput("生まれ年度として読めません: 「」(空欄です)"));
    expect(() => parseCohort("そのうち")).toThrow(invalidInput("生まれ年度として読めません: 「そのうち」"));
    expect(() => parseCohort("昭和64年度生まれ")).toThrow(invalidInput("存在しない年度です: 「昭和64年度」(昭和は1989年1月7日に終わり、1989年度は平成元年度です)"));
  });
});

describe("人数 (counts)", () => {
  it("takes whole numbers with commas or full-width digits; a blank is 0", () => {
    expect(parseAgeCount("1,234")).toEqual({ ok: true, value: 1234 });
    expect(parseAgeCount("１２")).toEqual({ ok: true, value: 12 });
    expect(parseAgeCount("")).toEqual({ ok: true, value: 0 });
  });

  it("refuses negatives, decimals and text", () => {
    expect(parseAgeCount("-1")).toMatchObject({ ok: false, message: "人数は0以上の整数で入力してください: 「-1」" });
    expect(parseAgeCount("2.5")).toMatchObject({ ok: false, message: "人数は整数で入力してください (小数は使えません): 「2.5」" });
    expect(parseAgeCount("三")).toMatchObject({ ok: false, message: "人数を数値として読めません: 「三」(0以上の整数を入力してください)" });
  });

  it("reads a count as every form does (parseTypedCount): 「12人」 and 「12.0」 are 12, past 2,147,483,647 is refused; only a blank differs (0, not empty)", () => {
    for (const raw of ["12人", "12.0", "1,055", "１２"]) {
      const typed = parseTypedCount(raw, "人数");
      expect(parseAgeCount(raw)).toEqual({ ok: true, value: typed.ok ? typed.value : NaN });
    }
    expect(parseAgeCount("12人")).toEqual({ ok: true, value: 12 });
    expect(parseAgeCount("12.0")).toEqual({ ok: true, value: 12 });
    expect(parseAgeCount("3000000000")).toMatchObject({ ok: false, message: "人数が大きすぎます (2,147,483,647まで): 「3000000000」" });
    expect(parseTypedCount("", "人数")).toEqual({ ok: true, value: null });
    expect(parseAgeCount("")).toEqual({ ok: true, value: 0 });
  });
});

describe("parseAgeProfileLong", () => {
  it("reads one record per row, naming units by code or by name and categories by code or by label", () => {
    const result = parse([
      HEADER,
      ["100", "市長部局", "2025", "1964", "general", "12"],
      ["", "消防", "令和7年度", "昭和40年度生まれ", "一般職", "3"],
      ["300", "", "R7", "S41", "医師 (病院・診療所)", "0"],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { unitId: 1, baseYear: 2025, cohort: 1964, category: "general", count: 12 },
      { unitId: 2, baseYear: 2025, cohort: 1965, category: "general", count: 3 },
      { unitId: 2, baseYear: 2025, cohort: 1966, category: "doctor", count: 0 },
    ]);
  });

  it("finds the header below title lines, takes the columns in any order and skips blank rows", () => {
    const result = parse([[""], ["人数", "職種", "生まれ年度", "基準年度", "組織コード"], ["5", "general", "1990", "2025", "300"], ["", "", "", "", ""]]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([{ unitId: 2, baseYear: 2025, cohort: 1990, category: "general", count: 5 }]);
  });

  it("names the cell of every bad value", () => {
    const result = parse([
      HEADER,
      ["999", "", "2025", "1964", "general", "1"],
      ["100", "", "昭和64年度", "1964", "general", "1"],
      ["100", "", "2025", "いつか", "general", "1"],
      ["100", "", "2025", "1964", "nurse", "1"],
      ["100", "", "2025", "1964", "general", "-3"],
      ["100", "", "2025", "2015", "general", "1"],
      ["", "総務課", "2025", "1964", "general", "1"],
      ["150", "", "2015", "1964", "general", "1"],
    ]);
    expect(hasErrors(result.problems)).toBe(true);
    const at = (cell: string) => result.problems.find((p) => p.cell === cell)?.message ?? "";
    expect(at("A2")).toBe("組織コード「999」の組織が見つかりません");
    expect(at("C3")).toBe("基準年度: 存在しない年度です: 「昭和64年度」(昭和は1989年1月7日に終わり、1989年度は平成元年度です)");
    expect(at("D4")).toBe("生まれ年度として読めません: 「いつか」");
    expect(at("E5")).toBe("職種「nurse」の定年が定められていません (使える職種: general、doctor、custodial)");
    expect(at("F6")).toBe("人数は0以上の整数で入力してください: 「-3」");
    expect(at("D7")).toBe("2015は2025年度に10歳で、職員の年齢としてありえません (15～80歳)");
    expect(at("B8")).toBe("組織「総務課」は複数あります (コード: 901、902)。組織コードで指定してください");
    expect(at("A9")).toBe("組織「こども福祉部」は2015年度には存在しません");
    expect(result.rows).toEqual([]);
  });

  it("refuses the same unit, year, cohort and category twice", () => {
    const result = parse([HEADER, ["100", "", "2025", "1964", "general", "1"], ["100", "", "R7", "S39", "一般職", "2"]]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: "error", row: 3, message: "2行目と同じ組織・基準年度・生まれ年度・職種です (1行にまとめてください)" })]);
  });

  it("says which header columns are missing", () => {
    const result = parse([["組織", "人数"], ["消防", "1"]]);
    expect(result.rows).toEqual([]);
    expect(result.problems[0]?.message).toBe("見出しの行に必要な列がありません: 基準年度、生まれ年度、職種 (見出し: 組織コード・組織・基準年度・生まれ年度・職種・人数)");
    expect(parse([]).problems[0]?.message).toBe("ファイルに値がありません");
  });
});

describe("ageProfileToRows", () => {
  const records: AgeProfileRecord[] = [
    { unitId: 2, baseYear: 2025, cohort: 1990, category: "general", count: 4 },
    { unitId: 1, baseYear: 2025, cohort: 1965, category: "general", count: 2 },
    { unitId: 1, baseYear: 2025, cohort: 1964, category: "doctor", count: 1 },
    { unitId: 1, baseYear: 2025, cohort: 1964, category: "general", count: 0 },
  ];

  it("writes the header and one row per non-zero count, in unit order then oldest cohort first", () => {
    expect(ageProfileToRows(records, UNITS)).toEqual([
      HEADER,
      ["100", "市長部局", 2025, 1964, "doctor", 1],
      ["100", "市長部局", 2025, 1965, "general", 2],
      ["300", "消防", 2025, 1990, "general", 4],
    ]);
  });

  it("reads back to the same records through CSV (UTF-8 and Shift_JIS) and xlsx", async () => {
    const rows = ageProfileToRows(records, UNITS);
    const expected = records.filter((r) => r.count > 0).sort((a, b) => a.unitId - b.unitId || a.cohort - b.cohort);
    const back = (grid: string[][]) => parse(grid).rows.sort((a, b) => a.unitId - b.unitId || a.cohort - b.cohort);

    const utf8 = await readUploadFirstSheet("a.csv", new TextEncoder().encode(toCsv(rows)));
    expect(utf8.encoding).toBe("utf-8");
    expect(back(utf8.rows)).toEqual(expected);

    const sjis = await readUploadFirstSheet("a.csv", new Uint8Array(iconv.encode(toCsv(rows), "cp932")));
    expect(sjis.encoding).toBe("shift_jis");
    expect(back(sjis.rows)).toEqual(expected);

    const xlsx = await readUploadFirstSheet("a.xlsx", await writeXlsx([{ name: "年齢構成", rows }]));
    expect(xlsx.kind).toBe("xlsx");
    expect(back(xlsx.rows)).toEqual(expected);
  });

  it("refuses a file that is neither readable CSV nor xlsx", async () => {
    await expect(readUploadFirstSheet("a.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).rejects.toThrow(invalidInput("a.xlsx: Excelファイル(xlsx)として読めません: zip 形式ではないか、ファイルが壊れています"));
  });
});

describe("parseAgeProfileLong reads what published files write (issue 10, kinds B and D)", () => {
  it("finds the header under a title, reads survey dates as the base year and folds look-alikes in codes and cohorts", () => {
    const result = parseAgeProfileLong(
      [["令和7年4月1日現在 年齢別職員数"], [], HEADER, ["１００", "", "R7.4.1", "Ｓ３９", "一般職", "１２人"], ["300", "", "令和7年4月1日現在", "1965", "general", "3"]],
      UNITS, CATEGORIES, LABELS, { currentFiscalYear: 2026 },
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { unitId: 1, baseYear: 2025, cohort: 1964, category: "general", count: 12 },
      { unitId: 2, baseYear: 2025, cohort: 1965, category: "general", count: 3 },
    ]);
  });

  it("refuses a base year outside the plausible span, naming the cell, as every importer does", () => {
    const result = parseAgeProfileLong([HEADER, ["100", "", "2540", "1964", "general", "12"]], UNITS, CATEGORIES, LABELS, { currentFiscalYear: 2026 });
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: "error", cell: "C2", message: "基準年度: 「2540」は2540年度と読めますが、年度の見出しとしてありえません (1947年度から2056年度まで)" })]);
  });
});
