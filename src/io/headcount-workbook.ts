/**
 * The 図表4 workbook as it prints (issue 13 point 15): a title row, the table with borders and column widths,
 * (うち…) rows as numbers shown "(13)" by a number format, the footnotes the page prints, A4 landscape fitted to
 * one page wide with the header row repeated, and the municipality as the workbook's creator. The grid is the
 * same as the CSV's (headcountTableToRows), so the file reads back through the 図表4 import unchanged.
 */
import type { Borders, Worksheet } from "exceljs";
import { formatFiscalYear } from "../domain/era.js";
import type { HeadcountTable } from "../domain/headcount-table.js";
import { headcountTableToRows } from "./headcount-export.js";
import { spreadsheetCell } from "./spreadsheet-cell.js";
import { excel } from "./xlsx.js";

/** Excel number formats: counts with separators; (うち…) figures in parentheses, as 図表4 prints them. */
export const COUNT_FORMAT = "#,##0";
export const SUB_COUNT_FORMAT = "(#,##0)";

/** The notes under 図表4 (the page prints the same). */
export function headcountFootnotes(table: Pick<HeadcountTable, "years">): string[] {
  const last = table.years[table.years.length - 1];
  return [
    "※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)",
    "※ 一般職(合計): 定数外職員(派遣・休職・休業)を含み、育児休業代替任期付職員を含まない",
    "※ 一般職(定数合計): 定数外職員(派遣・休職・休業)を除き、育児休業代替任期付職員を含む。休職・休業と育児休業代替任期付職員が記録された年度だけ表示",
    ...(last === undefined ? [] : [`※ 定数欄は${formatFiscalYear(last)}の条例定数`]),
    "※ (うち…) は上の組織の内数、(育児休業代替任期付職員) は外数",
  ];
}

/** The title 図表4 prints above the table. */
export function headcountTitle(table: Pick<HeadcountTable, "years">): string {
  const first = table.years[0];
  const last = table.years[table.years.length - 1];
  return first === undefined || last === undefined ? "(図表4) 部局別職員数の推移" : `(図表4) ${formatFiscalYear(first)}～${formatFiscalYear(last)} 部局別職員数の推移`;
}

const THIN: Partial<Borders> = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };

/**
 * The workbook's bytes. `creator` is the municipality (e.g. 北海道千歳市), written as the file's author.
 * Rows: 1 title, 2 header (years, 定数), 3… the table, then a blank row and the footnotes.
 */
export async function writeHeadcountWorkbook(table: HeadcountTable, options: { creator: string; sheetName?: string }): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator;
  workbook.lastModifiedBy = options.creator;
  workbook.title = headcountTitle(table);
  const sheet = workbook.addWorksheet(options.sheetName ?? "部局別職員数", {
    views: [{ state: "frozen", xSplit: 1, ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: "2:2",
    },
    headerFooter: { oddFooter: `&C&P / &N ページ&R${options.creator}` },
  });
  const grid = headcountTableToRows(table);
  const columns = grid[0]?.length ?? 1;

  sheet.addRow([headcountTitle(table)]);
  sheet.mergeCells(1, 1, 1, columns);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).height = 24;

  grid.forEach((cells, index) => {
    const isSub = index > 0 && index <= table.rows.length && table.rows[index - 1]?.row !== "unit";
    // (うち…) figures are numbers (summable, sortable); the number format adds the parentheses.
    const values = cells.map((v) => (isSub && typeof v === "string" && /^\(\d+\)$/.test(v) ? Number(v.slice(1, -1)) : v));
    const row = sheet.addRow(values.map(spreadsheetCell));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN;
      if (col > 1 && typeof cell.value === "number") cell.numFmt = isSub ? SUB_COUNT_FORMAT : COUNT_FORMAT;
      if (col > 1) cell.alignment = { horizontal: "right" };
    });
    if (index === 0) {
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
      });
    }
    if (index > table.rows.length) {
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { ...THIN, top: { style: index === table.rows.length + 1 ? "double" : "thin" } };
      });
    }
    if (isSub) row.font = { size: 9 };
  });
  fillEmptyBorders(sheet, 2, 2 + grid.length - 1, columns);

  sheet.addRow([]);
  for (const note of headcountFootnotes(table)) {
    const row = sheet.addRow([note]);
    row.font = { size: 9 };
  }

  sheet.getColumn(1).width = 30;
  for (let c = 2; c < columns; c++) sheet.getColumn(c).width = 10;
  sheet.getColumn(columns).width = 16;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

/** Rows shorter than the header still get the table's borders on every column. */
function fillEmptyBorders(sheet: Worksheet, fromRow: number, toRow: number, columns: number): void {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.getRow(r).getCell(c);
      if (!cell.border || Object.keys(cell.border).length === 0) cell.border = THIN;
    }
  }
}
