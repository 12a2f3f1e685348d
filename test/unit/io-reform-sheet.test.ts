import { describe, expect, it } from "vitest";
import { formatSheetProblem, type ItemSheetText, itemSheetRows, itemTableRows, readItemSheet, readItemWorkbook, sheetNameFor, writeItemWorkbook } from "../../src/io/reform-sheet.js";
import { parseCsv, toCsv } from "../../src/io/csv.js";
import { readItemTable } from "../../src/io/reform-sheet.js";
import { fromSpreadsheetCell, spreadsheetCell } from "../../src/io/spreadsheet-cell.js";
import { readXlsx } from "../../src/io/xlsx.js";

const ITEM: ItemSheetText = {
  number: 5,
  name: "オープンデータの推進",
  state: "継続",
  unitLabels: "行政管理課、関係課",
  content: "官民データ活用推進基本法（平成28年12月14日施行）等を踏まえ…\n\nオープンデータについては…",
  planYears: [2025, 2026, 2027, 2028],
  plans: ["<継続実施>\n・公開済データの更新\n・公開型GISの導入・運用開始", "<継続実施>\n・公開型GISの機能追加", "同左", "同左"],
  effect: "・経済の活性化、新事業の創出\n・行政の透明性・信頼性の向上",
  history: [
    { fiscalYear: 2024, plan: "<実施>\n・公開済データの更新", result: "<実施>\n・公開済データの更新（令和6年度更新無し）" },
    { fiscalYear: 2023, plan: "<実施>\n・公開済データの更新", result: "<実施>\n・保有データのオープンデータ化" },
  ],
  remarks: "地図情報 (住宅地図、航空写真、都市計画図など)",
};

function grid(rows: string[][], name = "(5) オープンデータの推進") {
  return { name, rows };
}

describe("reform item sheet (seed section 5 layout)", () => {
  it("lays an item out as the seed does: 事業名 with number and state, four plan columns, history rows, 備考", () => {
    const rows = itemSheetRows(ITEM);
    expect(rows[0]).toEqual(["事業名", "(5) オープンデータの推進", "", "", "継続"]);
    expect(rows[3]).toEqual(["取組計画", "令和7年度", "令和8年度", "令和9年度", "令和10年度以降"]);
    expect(rows[4]?.[3]).toBe("同左");
    expect(rows[6]?.slice(0, 4)).toEqual(["これまでの取組計画・実績", "区分", "取組計画", "取組実績"]);
    expect(rows[7]?.slice(0, 2)).toEqual(["", "令和6年度"]);
    expect(rows[rows.length - 1]?.[0]).toBe("備考");
  });

  it("reads back exactly what it wrote", () => {
    const read = readItemSheet(grid(itemSheetRows(ITEM)), 2025);
    expect(read.problems).toEqual([]);
    expect(read.item).toEqual(ITEM);
  });

  it("reads back through a real xlsx file with merged cells", async () => {
    const bytes = await writeItemWorkbook([ITEM, { ...ITEM, number: 6, name: "組織・機構・執務環境の見直し" }]);
    const sheets = await readXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual(["(5) オープンデータの推進", "(6) 組織・機構・執務環境の見直し"]);
    const read = readItemWorkbook(sheets, 2025);
    expect(read.problems).toEqual([]);
    expect(read.items.map((i) => i.text)).toEqual([ITEM, { ...ITEM, number: 6, name: "組織・機構・執務環境の見直し" }]);
  });

  it("names the sheet and the cell of every problem", () => {
    const rows = itemSheetRows(ITEM);
    const bad = rows.map((r) => [...r]);
    (bad[0] as string[])[4] = "継続中";
    (bad[3] as string[])[2] = "令和9年度";
    (bad[4] as string[])[1] = "同左";
    (bad[7] as string[])[3] = "<実施中>\n・公開済データの更新";
    (bad[8] as string[])[1] = "令和6年度";
    const read = readItemSheet(grid(bad), 2025);
    expect(read.item).toBeNull();
    expect(read.problems.map(formatSheetProblem)).toEqual([
      "シート「(5) オープンデータの推進」E1: 区分は 継続・新規・完了 のいずれかです(入力値「継続中」)",
      "シート「(5) オープンデータの推進」C4: この版(令和7年度(2025年度))の2列目は「令和8年度」です(入力値「令和9年度」)",
      "シート「(5) オープンデータの推進」B5: 最初の列に「同左」は使えません",
      "シート「(5) オープンデータの推進」D8: 段階「実施中」はありません (<実施>・<継続実施>・<一部実施>・<調査検討>)",
      "シート「(5) オープンデータの推進」B9: 令和6年度(2024年度)が2回書かれています",
    ]);
  });

  it("refuses a sheet that lacks a labelled row, and a history year after the edition", () => {
    const rows = itemSheetRows(ITEM).filter((r) => r[0] !== "備考");
    expect(readItemSheet(grid(rows), 2025).problems.map((p) => p.message)).toEqual(["A列に「備考」の行がありません"]);
    const later = itemSheetRows(ITEM).map((r) => [...r]);
    (later[7] as string[])[1] = "令和8年度";
    expect(readItemSheet(grid(later), 2025).problems[0]?.message).toBe("これまでの取組には令和7年度(2025年度)までの年度を書きます(入力値「令和8年度」)");
  });

  it("reads its year labels with the one year-header reader (issue 10 kind B): kanji numerals, brackets, notes, survey dates", () => {
    const rows = itemSheetRows(ITEM).map((r) => [...r]);
    (rows[3] as string[])[1] = "R7";
    (rows[3] as string[])[2] = "令和八年度";
    (rows[3] as string[])[3] = "(R9)";
    (rows[3] as string[])[4] = "R10以降";
    (rows[7] as string[])[1] = "令和6年度(実績)";
    (rows[8] as string[])[1] = "R5.4.1";
    const read = readItemSheet(grid(rows), 2025);
    expect(read.problems).toEqual([]);
    expect(read.item?.planYears).toEqual([2025, 2026, 2027, 2028]);
    expect(read.item?.history.map((h) => h.fiscalYear)).toEqual([2024, 2023]);
    // A year without its era, and one past the plausible span, are refused with the reader's reason naming the cell.
    (rows[7] as string[])[1] = "6年度";
    (rows[8] as string[])[1] = "1900年度";
    expect(readItemSheet(grid(rows), 2025).problems.map(formatSheetProblem)).toEqual([
      "シート「(5) オープンデータの推進」B8: 「6年度」には元号がありません。表題に「平成」「令和」などの元号を書くか、「H27」「令和7年度」のように書いてください (例: 令和6年度)",
      expect.stringMatching(/^シート「\(5\) オープンデータの推進」B9: .*1900.* \(例: 令和6年度\)$/),
    ]);
  });

  it("skips sheets without a 事業名 row with a warning, and refuses two sheets of the same number", () => {
    const rows = itemSheetRows(ITEM);
    const read = readItemWorkbook([grid([["説明"], ["このファイルは…"]], "説明"), grid(rows), grid(rows, "(5) copy")], 2025);
    expect(read.items).toHaveLength(1);
    expect(read.problems.map((p) => [p.severity, p.sheet, p.cell ?? "", p.message])).toEqual([
      ["warning", "説明", "", "「事業名」の行がないため、このシートは読み飛ばしました"],
      ["error", "(5) copy", "B1", "番号(5)の項目が別のシートにもあります"],
    ]);
  });

  it("makes sheet names Excel accepts: 31 characters at most, no : \\ / ? * [ ], unique", () => {
    const used = new Set<string>();
    const long = sheetNameFor(1, "情報システム全体の最適化及び情報セキュリティ対策とその他の長い名前", used);
    expect([...long].length).toBeLessThanOrEqual(31);
    expect(sheetNameFor(2, "AI/RPA [試行]", used)).toBe("(2) AI・RPA ・試行・");
    const again = sheetNameFor(1, "情報システム全体の最適化及び情報セキュリティ対策とその他の長い名前", used);
    expect(again).not.toBe(long);
    expect(again.length).toBeLessThanOrEqual(31);
  });

  it("lists all items in one table with a column per plan year and per past year's plan and result", () => {
    const rows = itemTableRows(2025, [ITEM]);
    expect(rows[0]).toEqual([
      "版",
      "番号",
      "事業名",
      "区分",
      "担当課",
      "取組内容",
      "取組計画 令和7年度",
      "取組計画 令和8年度",
      "取組計画 令和9年度",
      "取組計画 令和10年度以降",
      "取組効果",
      "取組計画(これまで) 令和6年度",
      "取組実績 令和6年度",
      "取組計画(これまで) 令和5年度",
      "取組実績 令和5年度",
      "備考",
    ]);
    expect(rows[1]?.slice(0, 3)).toEqual(["令和7年度", "5", "オープンデータの推進"]);
  });

  it("export → import is identity for texts the formula guard touches: =, +, -, @ first, and a text that really starts with an apostrophe", async () => {
    const texts = ["=SUM(A1:A3)", "+81 3-1234", "-は廃止", "@担当", "'引用'で始まる", "'=既に引用符付き", "''=二重", "-12", "通常の文"];
    for (const t of texts) expect(fromSpreadsheetCell(String(spreadsheetCell(t)))).toBe(t);
    const item: ItemSheetText = { ...ITEM, name: texts[0] ?? "", content: texts[1] ?? "", effect: texts[2] ?? "", remarks: texts[3] ?? "", plans: [texts[4] ?? "", texts[5] ?? "", texts[6] ?? "", texts[7] ?? ""], unitLabels: "行政管理課" };
    // The CSV export (one table) read back.
    const csv = toCsv(itemTableRows(2025, [item]));
    expect(csv).toContain("'=SUM(A1:A3)");
    // As the reform import reads a CSV (services/reform-transfer.ts): each cell's guard undone, then the table.
    const table = readItemTable(parseCsv(csv).map((row) => row.map(fromSpreadsheetCell)), 2025, "reform.csv");
    expect(table.problems).toEqual([]);
    expect(table.items.map((i) => i.text)).toEqual([item]);
    // The xlsx export (a sheet per item) read back.
    const book = readItemWorkbook(await readXlsx(await writeItemWorkbook([item])), 2025);
    expect(book.problems).toEqual([]);
    expect(book.items.map((i) => i.text)).toEqual([item]);
  });
});
