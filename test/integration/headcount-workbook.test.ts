/**
 * The 図表4 workbook prints (issue 13 point 15): read back with exceljs — title row, column widths, borders,
 * (うち…) rows as numbers with the "(#,##0)" format, footnotes, A4 landscape fitted to one page wide with the
 * header repeated, and the municipality as creator.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { exportHeadcounts } from "../../src/services/headcount-transfer.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("図表4 のExcelは印刷できる形で書き出す", (get) => {
  it("a print-ready 図表4 workbook: title, widths, borders, (うち) numbers with a (#) format, footnotes, landscape one page wide, the municipality as creator", async () => {
    const { tenant } = await demoSite(get);
    const file = await exportHeadcounts(tenant, { from: 2005, to: 2025, layout: "table", kind: "xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(workbook.creator).toBe("北海道千歳市");
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");

    // Title row, merged over the table; the header row below it.
    expect(sheet.getCell("A1").value).toBe("(図表4) 平成17年度(2005年度)～令和7年度(2025年度) 部局別職員数の推移");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A1").isMerged).toBe(true);
    const header = sheet.getRow(2).values as unknown[];
    expect(header[2]).toBe("平17 (2005)");
    const lastColumn = header.length - 1;
    expect(header[lastColumn]).toBe("定数");

    // Page setup: A4 landscape, fitted to one page wide (as many pages down as needed), header row repeated.
    expect(sheet.pageSetup.orientation).toBe("landscape");
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.fitToHeight).toBe(0);
    expect(sheet.pageSetup.printTitlesRow).toBe("2:2");

    // Column widths.
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getColumn(2).width).toBe(10);
    expect(sheet.getColumn(lastColumn).width).toBe(16);

    // Rows by their first cell.
    const rowOf = (label: string, after = 0) => {
      for (let r = after + 1; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(1).value ?? "").trim() === label) return sheet.getRow(r);
      throw new Error(`no row ${label}`);
    };
    const mayor = rowOf("市長部局");
    const year2025 = lastColumn - 1;
    expect(mayor.getCell(year2025).value).toBe(533);
    expect(mayor.getCell(year2025).numFmt).toBe("#,##0");
    // (うち派遣職員) under 市長部局: a number, shown in parentheses by its format.
    const seconded = rowOf("(うち派遣職員)", mayor.number);
    expect(seconded.getCell(year2025).value).toBe(13);
    expect(seconded.getCell(year2025).numFmt).toBe("(#,##0)");
    // Borders on every cell of the table, blank ones included.
    expect(mayor.getCell(2).border?.left?.style).toBe("thin");
    expect(rowOf("こども福祉部").getCell(2).border?.bottom?.style).toBe("thin");
    const total = rowOf("一般職(合計)");
    expect(total.getCell(year2025).value).toBe(1104);
    expect(total.getCell(year2025).border?.top?.style).toBe("double");
    expect(rowOf("一般職(定数合計)").getCell(lastColumn).value).toBe("(3%上限) 1,092");

    // Footnotes under the table.
    const notes: string[] = [];
    for (let r = total.number + 1; r <= sheet.rowCount; r++) {
      const v = sheet.getRow(r).getCell(1).value;
      if (typeof v === "string" && v.startsWith("※")) notes.push(v);
    }
    expect(notes).toContain("※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)");
    expect(notes).toContain("※ 定数欄は令和7年度(2025年度)の条例定数");
  });
});
