import { describe, expect, it } from "vitest";
import { complianceForYear, type HeadcountRecord, yearTotals } from "../../src/domain/staffing.js";
import type { HeadcountImport } from "../../src/io/headcount-figures.js";
import { detectHeadcountLayout, parseHeadcountLong } from "../../src/io/headcount-long.js";
import { parseHeadcountTable } from "../../src/io/headcount-table.js";
import type { ImportUnit } from "../../src/io/unit-lookup.js";
import { hasErrors, type ImportProblem } from "../../src/io/problems.js";
import { SEED_UNITS, SEED_ZUHYO4_TSV, seedUnit, tsvRows } from "../fixtures/seed-organisation.js";

/** The seed's header has 平28 (2015) where 平成28年度 is 2016; the other columns agree with themselves. */
const CORRECTED_TSV = SEED_ZUHYO4_TSV.replace("平28 (2015)", "平28 (2016)");

// Rows (1-based) and columns of the seed table, as a spreadsheet would name them.
const ROW = { header: 1, mayor: 3, planning: 6, children: 10, fire: 18, committees: 21, generalTotal: 29, quotaTotal: 31 } as const;
const COL: Record<number, string> = { 2005: "B", 2010: "C", 2013: "D", 2016: "E", 2019: "F", 2020: "G", 2021: "H", 2022: "I", 2023: "J", 2024: "K", 2025: "L" };
const QUOTA_COL = "M";

function withCell(tsv: string, row: number, column: string, value: string): string[][] {
  const rows = tsvRows(tsv);
  const target = rows[row - 1];
  if (!target) throw new Error(`no row ${row}`);
  target[column.charCodeAt(0) - 65] = value;
  return rows;
}

function withRowAfter(tsv: string, row: number, cells: string[]): string[][] {
  const rows = tsvRows(tsv);
  rows.splice(row, 0, cells);
  return rows;
}

function errors(result: HeadcountImport): ImportProblem[] {
  return result.problems.filter((p) => p.severity === "error");
}

function problemAt(result: HeadcountImport, cell: string): ImportProblem {
  const found = result.problems.find((p) => p.cell === cell);
  if (!found) throw new Error(`no problem at ${cell}; got ${JSON.stringify(result.problems)}`);
  return found;
}

function countsOf(result: HeadcountImport, name: string, fiscalYear: number): HeadcountRecord["counts"] | undefined {
  return result.records.find((r) => r.unitId === seedUnit(name).id && r.fiscalYear === fiscalYear)?.counts;
}

describe("detectHeadcountLayout", () => {
  it("reads a first row of unit, year, category and count headers as the long layout", () => {
    expect(detectHeadcountLayout([["組織コード", "年度", "区分", "人数"]])).toBe("long");
    expect(detectHeadcountLayout([[""], ["count", "category", "fiscal_year", "unit"]])).toBe("long");
  });

  it("reads anything else, such as 図表4, as the table layout", () => {
    expect(detectHeadcountLayout(tsvRows(SEED_ZUHYO4_TSV))).toBe("table");
    expect(detectHeadcountLayout([])).toBe("table");
  });
});

describe("parseHeadcountTable with the seed's 図表4", () => {
  it("rejects the seed as printed: its header 平28 (2015) contradicts itself (平成28年度 is 2016)", () => {
    const result = parseHeadcountTable(tsvRows(SEED_ZUHYO4_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(hasErrors(result.problems)).toBe(true);
    expect(errors(result)).toEqual([
      {
        severity: "error",
        row: 1,
        column: 5,
        cell: "E1",
        message: "年度の見出しを読めません: 年度の表記が矛盾しています: 「平28 (2015)」は 平成28年度=2016年度 ですが、括弧内は 2015年度 です",
      },
    ]);
  });

  it("imports the corrected seed without errors; 一般職(定数合計) is only warned about, as it cannot be verified", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result)).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(problemAt(result, `L${ROW.quotaTotal}`)).toMatchObject({ severity: "warning" });
    expect(problemAt(result, `L${ROW.quotaTotal}`).message).toBe("一般職(定数合計)の令和7年度(2025年度)の値 1,066 は、休職・休業と育児休業代替任期付職員の人数がファイルにないため確かめられません。この値は取り込みません (職員数から計算されます)");
    expect(result.years).toEqual([2005, 2010, 2013, 2016, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it("stores departments' figures, and a parent's うち rows on the parent itself", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(countsOf(result, "企画部", 2025)).toEqual({ staff: 67 });
    expect(countsOf(result, "市長部局", 2025)).toEqual({ seconded: 13, fixedTerm: 5 });
    expect(countsOf(result, "消防", 2025)).toEqual({ staff: 136, seconded: 2 });
    expect(countsOf(result, "行政委員会等", 2025)).toEqual({ fixedTerm: 1 });
    expect(countsOf(result, "特別職", 2005)).toEqual({ staff: 6 });
  });

  it("matches names after removing spaces and ※ notes (「病 院」「市長部局※病院除く」)", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(countsOf(result, "病院事務局", 2025)).toEqual({ staff: 15 });
    expect(countsOf(result, "公営企業", 2025)).toEqual({ staff: 50 });
  });

  it("does not store a parent's 職員数 that equals the sum of its departments (it is derived)", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    for (const parent of ["市長部局", "病院", "行政委員会等"]) {
      for (const r of result.records.filter((x) => x.unitId === seedUnit(parent).id)) expect(r.counts.staff).toBeUndefined();
    }
  });

  it("records nothing for a blank cell: a unit that did not exist yet has no record", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(countsOf(result, "こども福祉部", 2016)).toBeUndefined();
    expect(countsOf(result, "こども福祉部", 2019)).toEqual({ staff: 72 });
    expect(countsOf(result, "観光スポーツ部", 2013)).toBeUndefined();
    expect(countsOf(result, "観光スポーツ部", 2016)).toEqual({ staff: 23 });
  });

  it("gives the printed 一般職(合計) of every year when the records are totalled again", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(yearTotals(SEED_UNITS, result.records, 2025).generalTotal).toBe(1104);
    expect(yearTotals(SEED_UNITS, result.records, 2005).generalTotal).toBe(1055);
    expect(yearTotals(SEED_UNITS, result.records, 2019).generalTotal).toBe(1051);
    expect(yearTotals(SEED_UNITS, result.records, 2016).generalTotal).toBe(1010);
  });

  it("reads the 定数 column into quotas, leaving out the group 行政委員会等, whose quota is its members' sum", () => {
    const result = parseHeadcountTable(tsvRows(CORRECTED_TSV), SEED_UNITS, { currentFiscalYear: 2026 });
    const quotaOf = (name: string) => result.quotas.find((q) => q.unitId === seedUnit(name).id)?.quota;
    expect(quotaOf("市長部局")).toBe(483);
    expect(quotaOf("病院事務局")).toBe(16);
    expect(quotaOf("病院医療職")).toBe(298);
    expect(quotaOf("消防")).toBe(131);
    expect(quotaOf("公営企業")).toBe(50);
    expect(quotaOf("公平委員会")).toBe(3);
    expect(quotaOf("教育委員会")).toBe(58);
    expect(quotaOf("行政委員会等")).toBeUndefined();
    expect(quotaOf("特別職")).toBeUndefined();
    expect(result.quotas.reduce((s, q) => s + q.quota, 0)).toBe(1061);
    const quotaRecords = result.quotas.map((q) => ({ ...q, validFrom: null, validTo: null }));
    const compliance = complianceForYear(SEED_UNITS, result.records, quotaRecords, 2025, 3);
    expect([compliance.quotaSum, compliance.cap]).toEqual([1061, 1092]);
  });
});

describe("parseHeadcountTable errors", () => {
  it("names the cell of a value that is not a number, and the import has errors (so nothing is written)", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.planning, COL[2024] ?? "", "abc"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(hasErrors(result.problems)).toBe(true);
    expect(problemAt(result, `K${ROW.planning}`)).toMatchObject({ severity: "error", row: ROW.planning, column: 11 });
    expect(problemAt(result, `K${ROW.planning}`).message).toBe("職員数を数値として読めません: 「abc」(0以上の整数を入力してください)");
  });

  it("does not repeat an unreadable cell as mismatched sums of its year (市長部局, 一般職(合計))", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.planning, COL[2024] ?? "", "abc"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result).map((p) => p.cell)).toEqual([`K${ROW.planning}`]);
  });

  it("rejects negative and decimal counts", () => {
    const negative = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.fire, "L", "-1"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(negative, `L${ROW.fire}`).message).toBe("職員数は0以上の整数で入力してください: 「-1」");
    const decimal = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.fire, "L", "136.5"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(decimal, `L${ROW.fire}`).message).toBe("職員数は整数で入力してください (小数は使えません): 「136.5」");
  });

  it("reports a parent whose figure is not the sum of its departments, with both numbers", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.mayor, "L", "534"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result)).toHaveLength(1);
    expect(problemAt(result, `L${ROW.mayor}`).message).toBe("「市長部局」の令和7年度(2025年度)の職員数 534 が、その下の組織の合計 533 と一致しません");
  });

  it("reports a value in a year the unit did not exist", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.children, "B", "5"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `B${ROW.children}`)).toMatchObject({ severity: "error" });
    expect(problemAt(result, `B${ROW.children}`).message).toBe("組織「こども福祉部」は平成17年度(2005年度)には存在しません (2019年度から)。組織の存続期間か年度を確認してください");
  });

  it("reports a 一般職(合計) that is not the total of the units, with both numbers", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.generalTotal, "L", "1,105"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result)).toHaveLength(1);
    expect(problemAt(result, `L${ROW.generalTotal}`).message).toBe("一般職(合計)の令和7年度(2025年度)の値 1,105 が、各組織の職員数の合計 1,104 と一致しません");
  });

  it("reports a total quota that is not the sum of the units' quotas", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.generalTotal, QUOTA_COL, "1,060"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `M${ROW.generalTotal}`).message).toBe("定数の合計 1,060 が、各組織の定数の合計 1,061 と一致しません");
  });

  it("reports a group's quota that is not the sum of its members' quotas", () => {
    const result = parseHeadcountTable(withCell(CORRECTED_TSV, ROW.committees, QUOTA_COL, "84"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `M${ROW.committees}`).message).toBe("「行政委員会等」の定数 84 が、構成する組織の定数の合計 83 と一致しません");
  });

  it("reports a row whose name matches no unit and is not a total", () => {
    const result = parseHeadcountTable(withRowAfter(CORRECTED_TSV, ROW.fire + 1, ["図書館", "1"]), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `A${ROW.fire + 2}`).message).toBe("組織「図書館」が見つかりません。組織の一覧にある名称かコードを入力してください");
  });

  it("reports a (うち…) row whose category is unknown", () => {
    const result = parseHeadcountTable(withRowAfter(CORRECTED_TSV, ROW.fire, ["(うち臨時職員)", "(1)"]), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `A${ROW.fire + 1}`).message).toBe("内訳「(うち臨時職員)」の区分が分かりません (「(うち派遣職員)」のように 派遣職員、特定任期付・再任用フルタイム勤務職員、休職・休業、育児休業代替任期付職員 のいずれかを書いてください)");
  });

  it("reports a missing header row", () => {
    const result = parseHeadcountTable([["企画部", "67"]], SEED_UNITS, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([expect.objectContaining({ severity: "error", row: 1 })]);
  });
});

describe("parseHeadcountTable with leave figures", () => {
  // 2025: 1,104 − 派遣 (13 + 2) − 休職・休業 23 = 1,066, the seed's 一般職(定数合計).
  const withLeave = (leave: string) => withRowAfter(CORRECTED_TSV, ROW.mayor + 2, ["(うち休職・休業)", "", "", "", "", "", "", "", "", "", "", leave, ""]);

  it("checks 一般職(定数合計) when the year has 休職・休業 figures, and accepts a matching value", () => {
    const result = parseHeadcountTable(withLeave("(23)"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(countsOf(result, "市長部局", 2025)).toEqual({ seconded: 13, fixedTerm: 5, onLeave: 23 });
  });

  it("reports a 一般職(定数合計) that does not follow from the figures", () => {
    const result = parseHeadcountTable(withLeave("(20)"), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, `L${ROW.quotaTotal + 1}`)).toMatchObject({ severity: "error" });
    expect(problemAt(result, `L${ROW.quotaTotal + 1}`).message).toBe("一般職(定数合計)の令和7年度(2025年度)の値 1,066 が、各組織から計算した値 1,069 と一致しません");
  });
});

// ---------------------------------------------------------------------------

const BRANCH_A: ImportUnit = { id: 101, code: "C101", name: "総務課", parentId: seedUnit("総務部").id, kind: "division", sortOrder: 1, validFrom: null, validTo: null };
const BRANCH_B: ImportUnit = { id: 102, code: "C102", name: "総務課", parentId: seedUnit("病院事務局").id, kind: "division", sortOrder: 1, validFrom: null, validTo: null };
const UNITS = [...SEED_UNITS, BRANCH_A, BRANCH_B];

describe("parseHeadcountLong", () => {
  it("reads English headers in any order, codes or unique names, any year form parseFiscalYear reads, labels or keys", () => {
    const result = parseHeadcountLong(
      [
        ["count", "category", "year", "unit"],
        ["67", "職員数", "R7", "企画部"],
        ["94", "staff", "令和7年度", "D12"],
        ["１３６", "職員数", "令和7年度(2025年度)", "消 防"],
        ["2", "うち派遣職員", "2025", "消防"],
        ["", "", "", ""],
        ["1,055", "staff", "2024", "企画部"],
      ],
      UNITS, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.years).toEqual([2024, 2025]);
    expect(countsOf(result, "企画部", 2025)).toEqual({ staff: 67 });
    expect(countsOf(result, "総務部", 2025)).toEqual({ staff: 94 });
    expect(countsOf(result, "消防", 2025)).toEqual({ staff: 136, seconded: 2 });
    expect(countsOf(result, "企画部", 2024)).toEqual({ staff: 1055 });
  });

  it("reads Japanese headers, prefers the code over the name, and reads a 定数 column into quotas", () => {
    const result = parseHeadcountLong(
      [
        ["組織コード", "組織", "年度", "区分", "人数", "定数"],
        ["A30", "消防", "2025", "職員数", "136", "131"],
        ["A30", "消防", "2025", "派遣職員", "2", "131"],
        ["C101", "総務課", "2025", "職員数", "10", ""],
      ],
      UNITS, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.quotas).toEqual([{ unitId: seedUnit("消防").id, quota: 131 }]);
    expect(result.records.find((r) => r.unitId === BRANCH_A.id)?.counts).toEqual({ staff: 10 });
  });

  it("accepts the same row twice with the same value, with a warning", () => {
    const result = parseHeadcountLong([["組織", "年度", "区分", "人数"], ["消防", "2025", "職員数", "136"], ["消防", "2025", "職員数", "136"]], UNITS, { currentFiscalYear: 2026 });
    expect(hasErrors(result.problems)).toBe(false);
    expect(problemAt(result, "D3").severity).toBe("warning");
  });

  it("reports a header without the required columns", () => {
    const result = parseHeadcountLong([["組織", "区分"]], UNITS, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([expect.objectContaining({ severity: "error", row: 1, message: "見出し行に「年度」「人数」の列がありません" })]);
  });

  describe("reports, with the row, column and cell name", () => {
    const result = parseHeadcountLong(
      [
        ["組織", "年度", "区分", "人数"],
        ["図書館", "2025", "職員数", "1"], // 2: unknown unit
        ["総務課", "2025", "職員数", "1"], // 3: ambiguous name
        ["企画部", "平28 (2015)", "職員数", "41"], // 4: contradictory year
        ["こども福祉部", "2018", "職員数", "70"], // 5: unit did not exist
        ["企画部", "2025", "臨時職員", "3"], // 6: unknown category
        ["企画部", "2024", "職員数", "-1"], // 7: negative
        ["企画部", "2023", "職員数", "1.5"], // 8: decimal
        ["企画部", "2022", "職員数", "abc"], // 9: text
        ["総務部", "2025", "職員数", "94"], // 10
        ["総務部", "2025", "職員数", "95"], // 11: same key, different value
        ["消防", "2025", "職員数", "2"], // 12
        ["消防", "2025", "派遣職員", "3"], // 13: うち派遣 > 職員数
        ["建設部", "", "職員数", "62"], // 14: empty year
      ],
      UNITS, { currentFiscalYear: 2026 });

    it("reports errors only, and the import has errors", () => {
      expect(hasErrors(result.problems)).toBe(true);
      expect(result.problems.every((p) => p.severity === "error")).toBe(true);
    });

    it("an unknown unit", () => {
      expect(problemAt(result, "A2")).toMatchObject({ row: 2, column: 1, message: "組織「図書館」が見つかりません。組織の一覧にある名称かコードを入力してください" });
    });

    it("a name that more than one unit has, listing their codes", () => {
      expect(problemAt(result, "A3").message).toBe("組織「総務課」は複数あります (コード: C101、C102)。組織コードで指定してください");
    });

    it("an unreadable year, quoting parseFiscalYear", () => {
      expect(problemAt(result, "B4").message).toBe("年度の表記が矛盾しています: 「平28 (2015)」は 平成28年度=2016年度 ですが、括弧内は 2015年度 です");
    });

    it("a unit that did not exist in that year", () => {
      expect(problemAt(result, "B5").message).toBe("組織「こども福祉部」は平成30年度(2018年度)には存在しません (2019年度から)。組織の存続期間か年度を確認してください");
    });

    it("an unknown category", () => {
      expect(problemAt(result, "C6").message).toBe("区分「臨時職員」が分かりません (職員数、派遣職員、特定任期付・再任用フルタイム勤務職員、休職・休業、育児休業代替任期付職員 のいずれか)");
    });

    it("a negative, decimal or text count", () => {
      expect(problemAt(result, "D7").message).toBe("人数は0以上の整数で入力してください: 「-1」");
      expect(problemAt(result, "D8").message).toBe("人数は整数で入力してください (小数は使えません): 「1.5」");
      expect(problemAt(result, "D9").message).toBe("人数を数値として読めません: 「abc」(0以上の整数を入力してください)");
    });

    it("the same unit, year and category twice with different values", () => {
      expect(problemAt(result, "D11").message).toBe("「総務部」令和7年度(2025年度)の職員数が10行目にもあり、値が異なります (94 と 95)");
    });

    it("figures of one unit that contradict each other (headcountProblems)", () => {
      expect(result.problems.find((p) => p.message.includes("派遣職員(3)が職員数(2)を超えています"))).toMatchObject({ row: 12 });
    });

    it("an empty year", () => {
      expect(problemAt(result, "B14").message).toBe("年度が空欄です");
    });

    it("stores nothing for rows with errors", () => {
      expect(countsOf(result, "企画部", 2024)).toBeUndefined();
      expect(countsOf(result, "総務部", 2025)).toEqual({ staff: 94 });
    });
  });

  it("reports a parent 職員数 that differs from its departments' sum, as in the table layout", () => {
    const rows = [["組織", "年度", "人数"], ["病院事務局", "2025", "15"], ["病院医療職", "2025", "295"], ["病院", "2025", "311"]];
    const result = parseHeadcountLong(rows, UNITS, { currentFiscalYear: 2026 });
    expect(problemAt(result, "C4").message).toBe("「病院」の令和7年度(2025年度)の職員数 311 が、その下の組織の合計 310 と一致しません");
    const ok = parseHeadcountLong(rows.map((r) => (r[2] === "311" ? ["病院", "2025", "310"] : r)), UNITS, { currentFiscalYear: 2026 });
    expect(ok.problems).toEqual([]);
    expect(countsOf(ok, "病院", 2025)).toBeUndefined();
  });
});

describe("import problems: root causes first, knock-on errors suppressed (issue 13 point 8)", () => {
  it("an unknown unit is reported once: no total, roll-up or (うち…) errors follow from it", () => {
    const rows = tsvRows(CORRECTED_TSV.replace(/^(\s*)企画部\t/m, "$1企画課\t"));
    const result = parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2025 });
    expect(errors(result).map((p) => p.message)).toEqual(["組織「企画課」が見つかりません。組織の一覧にある名称かコードを入力してください"]);
  });

  it("a duplicated unit row is reported once and its sub-rows are not reported again", () => {
    const tsv = CORRECTED_TSV.replace(/^(\s*)企画部\t/m, "$1総務部\t");
    const result = parseHeadcountTable(tsvRows(tsv), SEED_UNITS, { currentFiscalYear: 2025 });
    expect(errors(result).map((p) => p.message)).toEqual([expect.stringMatching(/^組織「総務部」の行が\d+行目にもあります$/)]);
  });
});

describe("parseHeadcountTable: the header row (kind B)", () => {
  it("reads a header that says what it counts around its dates (職員数(R6.4.1)), with a group label row above it", () => {
    const rows = [["職員数の推移"], ["区分", "職員数", ""], ["", "職員数(R6.4.1)", "R7.4.1現在職員数"], ["企画部", "65人", "67"]];
    const result = parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result)).toEqual([]);
    expect(result.years).toEqual([2024, 2025]);
    expect(countsOf(result, "企画部", 2025)).toEqual({ staff: 67 });
  });

  it("never takes a row of data for the header when the row of labels above it cannot be read (議会 25 26 under 平成 is not 平成25・26年度)", () => {
    const rows = [["平成の職員数"], ["区分", "H29.4.1〜H30.3.31", "H30.4.1〜H31.3.31"], ["議会", "25", "26"], ["企画部", "65", "67"]];
    const result = parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2026 });
    expect(result.records).toEqual([]);
    expect(result.years).toEqual([]);
    expect(errors(result)).toEqual([
      expect.objectContaining({ row: 2, message: "2行目が年度の見出しのようですが、年度として読めません: 年度として読めません: 「H29.4.1〜H30.3.31」 / 年度として読めません: 「H30.4.1〜H31.3.31」。その下の3行目の数値は年度の見出しとしては読みません (年度の見出しを「H29.4.1」「令和6年度」のように直してください)" }),
    ]);
  });

  it("reads survey dates whose era is left to the title (30.4.1 under 平成), and a merged title repeated over the columns is no header", () => {
    const rows = [["平成30年度 職員数", "平成30年度 職員数", "平成30年度 職員数"], ["区分", "29.4.1", "30.4.1"], ["企画部", "65", "67"]];
    const result = parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2026 });
    expect(errors(result)).toEqual([]);
    expect(result.years).toEqual([2017, 2018]);
  });
});
