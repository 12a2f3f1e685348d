/**
 * The parsing rules every importer goes through (issue 10, kinds A B D F G): folding look-alikes, year headers and
 * dates, the sector vocabulary with subtotals by position, and number cells with their notes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSurveyDate } from "../../src/domain/comparison.js";
import { formatTriangle, parseTriangle } from "../../src/domain/diagnosis.js";
import { parseFiscalYear } from "../../src/domain/era.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { nonUnitRowKind, readNumberCell } from "../../src/domain/number-cell.js";
import { SubtotalReader, sectorLabelCode, sectorPartOf } from "../../src/domain/sector-labels.js";
import { parseCsv } from "../../src/io/csv.js";
import { categoryFromLabel } from "../../src/domain/headcount.js";
import { readNumber } from "../../src/io/mic-common.js";
import { formatProblem, type ImportProblem, onSheet } from "../../src/io/problems.js";
import { parseOwnDiagnosis } from "../../src/io/mic-diagnosis.js";
import { foldLookalikes, foldNumberText } from "../../src/domain/text-fold.js";
import { readCalendarDate, readYearHeader } from "../../src/domain/year-header.js";
import { parseCount } from "../../src/io/cells.js";
import { invalidInput } from "../support/errors.js";

const NOW = { currentFiscalYear: 2026 };

describe("kind D: look-alikes are folded before any number, code, date or label is read", () => {
  it("folds every minus and dash, wave dashes, double bars, full-width digits and spaces", () => {
    for (const minus of ["\u2212", "\uFF0D", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "-"]) expect(foldLookalikes(`${minus}10`), minus).toBe("-10");
    expect(foldLookalikes("18\u301C59")).toBe(foldLookalikes("18\uFF5E59"));
    expect(foldLookalikes("\u2016")).toBe(foldLookalikes("\u2225"));
    expect(foldLookalikes("１２３\u3000４")).toBe("123 4");
  });

  it("reads ▲ △ ー マイナス and U+2212 as minus in numbers, and a lone ー or － as none", () => {
    expect(["▲5", "△5", "ー5", "マイナス5", "\u22125", "\uFF0D5", "－５"].map(foldNumberText)).toEqual(Array(7).fill("-5"));
    expect(parseTriangle("\u221210")).toBe(-10);
    expect(parseTriangle("\u221233.3")).toBe(-33.3);
    expect(parseTriangle("ー")).toBeNull();
    expect(parseTriangle("\u2212")).toBeNull();
  });

  it("prints a value that rounds to zero as 0 / 0.0, never ▲0", () => {
    expect(formatTriangle(-0.3, 0)).toBe("0");
    expect(formatTriangle(-0.04, 1)).toBe("0.0");
    expect(formatTriangle(-0.06, 1)).toBe("▲0.1");
    expect(formatTriangle(-1, 0)).toBe("▲1");
  });

  it("folding is idempotent and never throws (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(foldLookalikes(foldLookalikes(s))).toBe(foldLookalikes(s));
        expect(foldNumberText(foldNumberText(s))).toBe(foldNumberText(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("kind B: one year-header reader", () => {
  it("reads April-1 survey dates, in any spelling, as the fiscal year they open", () => {
    const cases: [string, number][] = [
      ["H29.4.1", 2017], ["H30.4.1", 2018], ["平成30年4月1日現在", 2018], ["R6.4.1", 2024], ["Ｒ６．４．１", 2024], ["令和元年5月1日", 2019],
      ["2017-04-01", 2017], ["2018/4/1", 2018], ["42826", 2017], ["平成二十八年四月一日現在", 2016], ["令和六年四月一日", 2024],
    ];
    for (const [text, fy] of cases) expect(readYearHeader(text, NOW), text).toBe(fy);
  });

  it("reads bracketed, annotated and 年/年度 labels", () => {
    const cases: [string, number][] = [["(H13)", 2001], ["H28(参考)", 2016], ["【R6】", 2024], ["平成28年度", 2016], ["H21年", 2009], ["令7 (2025)", 2025], ["2025年度", 2025], ["R5見込", 2023]];
    for (const [text, fy] of cases) expect(readYearHeader(text, NOW), text).toBe(fy);
  });

  it("reads the other spellings published tables use: what the column counts around the date, a time after it, the era with a dot, a month without its day, the year in brackets", () => {
    const cases: [string, number][] = [
      ["職員数(R6.4.1)", 2024], ["R6.4.1現在職員数", 2024], ["H30.4.1現在 職員数", 2018], ["現員 H30.4.1", 2018], ["H.30.4.1", 2018],
      ["2017/4/1 0:00:00", 2017], ["2017-04-01 00:00:00", 2017], ["平成30年4月", 2018], ["H30.4", 2018], ["2018年4月", 2018],
      ["平成30年4月1日(2018)", 2018], ["令和6年4月1日（2024年）", 2024],
    ];
    for (const [text, fy] of cases) expect(readYearHeader(text, NOW), text).toBe(fy);
    // A date whose era is left to the title is read with it, or refused with that reason.
    expect(readYearHeader("30.4.1", { ...NOW, era: "平成" })).toBe(2018);
    expect(readYearHeader("6年4月1日現在", { ...NOW, era: "令和" })).toBe(2024);
    expect(() => readYearHeader("30.4.1", NOW)).toThrow(invalidInput("「30.4.1」には元号がありません。表題に「平成」「令和」などの元号を書くか、「H30.4.1」「令和6年4月1日」のように書いてください"));
    // A bracketed year that disagrees with its date, a decimal, or a 定数 column are no year.
    expect(() => readYearHeader("平成30年4月1日(2019)", NOW)).toThrow(invalidInput("「平成30年4月1日(2019)」の日付と括弧内の2019年が合いません"));
    expect(() => readYearHeader("2018.4", NOW)).toThrow(invalidInput("年度として読めません: 「2018.4」"));
    expect(() => readYearHeader("定数(R7.4.1)", NOW)).toThrow(invalidInput("年度として読めません: 「定数(R7.4.1)」"));
  });

  it("reads era-less years with the era of the title, and refuses them without one", () => {
    expect(readYearHeader("27", { ...NOW, era: "平成" })).toBe(2015);
    expect(readYearHeader("36年", { ...NOW, era: "平成" })).toBe(2024);
    expect(readYearHeader("元年", { ...NOW, era: "令和" })).toBe(2019);
    expect(() => readYearHeader("27", NOW)).toThrow(
      new GyokakuError("invalid_input", "「27」には元号がありません。表題に「平成」「令和」などの元号を書くか、「H27」「令和7年度」のように書いてください"),
    );
  });

  it("refuses fiscal years outside 1947 … 30 years ahead: a data row is never a year header", () => {
    expect(() => readYearHeader("2540", NOW)).toThrow(new GyokakuError("invalid_input", "「2540」は2540年度と読めますが、年度の見出しとしてありえません (1947年度から2056年度まで)"));
    expect(() => readYearHeader("1946", NOW)).toThrow(invalidInput("「1946」は1946年度と読めますが、年度の見出しとしてありえません (1947年度から2056年度まで)"));
    expect(readYearHeader("2056", NOW)).toBe(2056);
    expect(() => readYearHeader("43000", NOW)).toThrow(invalidInput("年度として読めません: 「43000」(5桁の数は4月1日の日付の値のときだけ年度として読みます)"));
  });

  it("accepts 平成 past 31 only as far as forms printed before the change reach (平成40)", () => {
    expect(parseFiscalYear("H40")).toBe(2028);
    expect(() => parseFiscalYear("H99")).toThrow(invalidInput("存在しない年度です: 「H99」(平成は平成40年度(2028年度)までの表記だけを読みます。2087年度は令和69年度です)"));
    expect(() => parseFiscalYear("平成41年度")).toThrow(invalidInput(/^存在しない年度です: 「平成41年度」/));
  });

  it("throws nothing but a GyokakuError, whatever the text (property)", () => {
    const pieces = fc.constantFrom("H", "R", "S", "平成", "令和", "昭和", "明治", "元", "年", "度", "月", "日", ".", "/", "(", ")", "【", "現在", "二十", "四", "〇", "-", "−", " ", "0", "1", "4", "29", "31", "99", "2017", "42826", "職員数", "現員", "0:00", ":", "（", "）");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.array(pieces, { maxLength: 8 }).map((p) => p.join(""))), fc.option(fc.constantFrom("平成", "令和", "昭和", "X"), { nil: undefined }), (text, era) => {
        try {
          const fy = readYearHeader(text, era === undefined ? NOW : { ...NOW, era });
          expect(fy).toBeGreaterThanOrEqual(1947);
          expect(fy).toBeLessThanOrEqual(2056);
        } catch (error) {
          expect(error).toBeInstanceOf(GyokakuError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("kind F: a calendar date is not a fiscal year", () => {
  it("reads 昭和64年1月1日 … 7日 as real dates (fiscal year 1988 = 昭和63年度), and refuses 昭和64年度", () => {
    expect(readCalendarDate("昭和64年1月7日")).toBe("1989-01-07");
    expect(readYearHeader("昭和64年1月7日現在", NOW)).toBe(1988);
    expect(() => parseFiscalYear("昭和64年度")).toThrow(invalidInput("存在しない年度です: 「昭和64年度」(昭和は1989年1月7日に終わり、1989年度は平成元年度です)"));
  });

  it("refuses days that never were: outside their era, 2月30日, and lunar-calendar dates before 1873-01-01", () => {
    expect(() => readCalendarDate("昭和64年1月8日")).toThrow(new GyokakuError("invalid_input", "存在しない日付です: 「昭和64年1月8日」(昭和は1989年1月8日の前日まで。この日は平成です)"));
    expect(() => readCalendarDate("平成元年1月7日")).toThrow(invalidInput("存在しない日付です: 「平成元年1月7日」(平成は1989年1月8日から)"));
    expect(() => readCalendarDate("R6.2.30")).toThrow(invalidInput("存在しない日付です: 「R6.2.30」"));
    expect(() => readCalendarDate("明治5年12月31日")).toThrow(
      new GyokakuError("invalid_input", "「明治5年12月31日」は明治6年(1873年)1月1日より前の日付で、旧暦(太陰太陽暦)の日付です。西暦の日付に換算できないため読みません"),
    );
    expect(readCalendarDate("明治6年1月1日")).toBe("1873-01-01");
    expect(readSurveyDate("昭和64年1月8日現在")).toBeNull();
  });
});

describe("kind A: one vocabulary of sector labels, subtotals by position", () => {
  it("reads the 公表様式's short names and variants", () => {
    const cases: [string, string][] = [["総務", "somu"], ["総 務", "somu"], ["下水", "gesuido"], ["教育部門", "kyoiku"], ["下水道", "gesuido"], ["農林水産", "norin"], ["一般行政部門", "ippan"], ["普通会計計", "futsu"], ["合計", "gokei"], ["(総務)", "somu"]];
    for (const [label, code] of cases) expect(sectorLabelCode(label), label).toBe(code);
    expect(sectorLabelCode("計")).toBe("positional");
    expect(sectorLabelCode("人口")).toBeUndefined();
  });

  it("gives 計 and 小計 the subtotal their position means", () => {
    const reader = new SubtotalReader();
    const labels = ["議会", "総務", "税務", "民生", "衛生", "土木", "計", "教育部門", "消防", "小計", "水道", "病院", "下水", "その他", "小計", "合計"];
    expect(labels.map((l) => reader.read(l))).toEqual(["gikai", "somu", "zeimu", "minsei", "eisei", "doboku", "ippan", "kyoiku", "shobo", "futsu", "suido", "byoin", "gesuido", "sonota", "kigyo", "gokei"]);
    const orphan = new SubtotalReader();
    expect(orphan.read("小計")).toBeUndefined();
    expect(orphan.lastError).toBe("「小計」がどの小計か、上の行から決められません (一般行政計、普通会計計、公営企業等会計、合計のように書いてください)");
  });
});

describe("kind A: rows published tables have beyond gyokaku's sectors (特別行政 小計, 国保, 介護, 収益事業)", () => {
  it("reads 特別行政 小計 by name as a subtotal inside 普通会計 (a 小計 after it is still 普通会計計), and 国保 … as parts of その他", () => {
    expect(["特別行政 小計", "特別行政部門計", "特別行政"].map(sectorLabelCode)).toEqual(["tokubetsu", "tokubetsu", "tokubetsu"]);
    expect(["国保", "国民健康保険事業", "介護保険", "収益事業", "公設卸売市場"].map(sectorPartOf)).toEqual(["sonota", "sonota", "sonota", "sonota", "sonota"]);
    expect(sectorPartOf("その他")).toBeUndefined();
    const reader = new SubtotalReader();
    const labels = ["議会", "総務", "土木", "計", "教育", "消防", "特別行政 小計", "小計", "病院", "水道", "下水道", "国保", "介護", "収益事業", "その他", "小計", "合計"];
    expect(labels.map((l) => reader.read(l))).toEqual(["gikai", "somu", "doboku", "ippan", "kyoiku", "shobo", "tokubetsu", "futsu", "byoin", "suido", "gesuido", "sonota", "sonota", "sonota", "sonota", "kigyo", "gokei"]);
  });

  it("a 公表様式 with those rows is read whole: 特別行政 小計 checked against 教育 + 消防 and not stored, 国保・介護・収益事業 added into その他 with a note", () => {
    const csv = [
      "部門,職員数,,対前年増減数",
      ",H21年,H22年,",
      "議会,7,7,", "総務,237,242,5", "税務,62,62,", "民生,219,223,4", "衛生,60,63,3", "労働,3,3,", "農林水産,99,94,▲5", "商工,21,20,▲1", "土木,117,106,▲11",
      "計,825,820,▲5",
      "教育,150,140,▲10", "消防,66,61,▲5",
      "特別行政 小計,216,201,▲15",
      "小計,\"1,041\",\"1,021\",▲20",
      "水道,30,29,▲1", "病院,64,61,▲3", "下水道,32,32,", "国保,10,9,▲1", "介護,8,8,", "収益事業,2,2,", "その他,150,116,▲34",
      "小計,296,257,▲39",
      "合計,\"1,337\",\"1,278\",▲59",
    ].join("\n");
    const read = parseOwnDiagnosis(parseCsv(csv), { currentFiscalYear: 2026 });
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(read.problems.filter((p) => p.severity === "warning").map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "A20: 「国保」は gyokaku の部門「その他」(国民健康保険、介護保険、公設卸売市場) に含めて取り込みます",
      "A21: 「介護」は gyokaku の部門「その他」(国民健康保険、介護保険、公設卸売市場) に含めて取り込みます",
      "A22: 「収益事業」は gyokaku の部門「その他」(国民健康保険、介護保険、公設卸売市場) に含めて取り込みます",
    ]);
    const current = new Map(read.current?.rows.map((r) => [r.sector, r.actual]));
    expect(read.current?.fiscalYear).toBe(2010);
    expect([current.get("sonota"), current.get("kigyo"), current.get("futsu"), current.get("kyoiku"), current.get("shobo")]).toEqual([135, 257, 1021, 140, 61]);
    expect(current.has("tokubetsu")).toBe(false);
    expect(new Map(read.previous?.rows.map((r) => [r.sector, r.actual])).get("sonota")).toBe(170);
    // A 特別行政 小計 that is not 教育 + 消防 is refused naming its cell, as every subtotal is.
    const wrong = parseOwnDiagnosis(parseCsv(csv.replace("特別行政 小計,216,201,▲15", "特別行政 小計,216,200,▲16")), { currentFiscalYear: 2026 });
    expect(wrong.problems.filter((p) => p.severity === "error").map((p) => `${p.cell}: ${p.message}`)).toEqual(["C15: 特別行政計 200 が、内訳 (教育・消防) の合計 201 と一致しません"]);
  });
});

describe("kind G: notes inside number cells", () => {
  it("reads a unit suffix, 外数 on a second line, マイナス, a change in brackets and 条例定数 in square brackets", () => {
    expect(readNumberCell("284人")).toEqual({ ok: true, cell: { value: 284 } });
    expect(readNumberCell("1,184人\n( 61人)")).toEqual({ ok: true, cell: { value: 1184, outside: 61 } });
    expect(readNumberCell("マイナス1人")).toEqual({ ok: true, cell: { value: -1 } });
    expect(readNumberCell("94.1(-1.6)")).toEqual({ ok: true, cell: { value: 94.1, change: -1.6 } });
    expect(readNumberCell("[1,490]")).toEqual({ ok: true, cell: { value: 1490, bracketed: true } });
    expect(readNumberCell("1,18,4")).toEqual({ ok: false, message: "数値として読めません: 「1,18,4」" });
  });

  it("counts take the figure and say the 外数 was left out; a note row is never a unit", () => {
    expect(parseCount("284人", "職員数", false)).toEqual({ ok: true, value: 284 });
    expect(parseCount("1,184人\n( 61人)", "職員数", false)).toEqual({
      ok: true,
      value: 1184,
      outside: 61,
      note: "2行目の外数 61人 (「1,184人 ( 61人)」) は職員数 1,184人 に含めず、取り込みません: 外数が何の区分か書かれておらず、gyokaku が記録する外数は育児休業代替任期付職員だけです (それなら「(うち育児休業代替任期付職員)」の行に書いてください)",
    });
    expect(parseCount("マイナス1人", "職員数", false)).toEqual({ ok: false, message: "職員数は0以上の整数で入力してください: 「マイナス1人」" });
    expect(["合計", "目標数", "増減率", "(注)1 …", "※病院を除く", "企画部"].map(nonUnitRowKind)).toEqual(["total", "target", "rate", "note", "note", null]);
  });

  it("a MIC table's 外数 is named with its cell and text and kept out of 職員数 (類似団体比較 has no place for it)", () => {
    const problems: ImportProblem[] = [];
    expect(readNumber([["", "1,184人\n( 61人)"]], 0, 1, "「千歳市」の議会", "count", problems)).toEqual({ ok: true, value: 1184 });
    expect(problems.map((p) => `${formatProblem(onSheet([p], "団体別")[0] as ImportProblem)}`)).toEqual([
      "シート「団体別」B1: 「千歳市」の議会のセル「1,184人 ( 61人)」の2行目に外数 61人 があります: 職員数 1,184人 には数えず、取り込みません (類似団体比較の表は職員数だけを記録し、外数 (育児休業代替任期付職員) の欄はありません)",
    ]);
    expect(categoryFromLabel("(外数)")).toBe("childcareSubstitutes");
    expect(categoryFromLabel("うち外数")).toBe("childcareSubstitutes");
  });

  it("knows the other total, change, rate and note rows tables print, and leaves units that only look like them", () => {
    const rows: [string, string | null][] = [
      ["職員数合計", "total"], ["総数", "total"], ["合 計", "total"], ["(合計)", "total"], ["一般職計", "total"],
      ["増減数", "change"], ["対前年増減", "change"], ["削減数", "change"], ["差引", "change"],
      ["前年比", "rate"], ["構成比", "rate"], ["割合", "rate"], ["平均", "rate"],
      ["(単位:人)", "note"], ["単位：人", "note"], ["備考", "note"], ["資料：総務省", "note"], ["出典:定員管理調査", "note"], ["(参考)", "note"],
      ["郷土資料館", null], ["資料館", null], ["参考館", null], ["会計課", null], ["総合計画課", null], ["注意", null],
    ];
    for (const [label, kind] of rows) expect(nonUnitRowKind(label), label).toBe(kind);
  });

  it("reads an explicit plus as the number (「+5」「＋５」 in a change column)", () => {
    expect(readNumberCell("+5")).toEqual({ ok: true, cell: { value: 5 } });
    expect(readNumberCell("＋５人")).toEqual({ ok: true, cell: { value: 5 } });
    expect(readNumberCell("+").ok).toBe(false);
    expect(readNumberCell("5+").ok).toBe(false);
  });
});
