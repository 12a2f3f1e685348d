import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readXlsx, writeXlsx } from "../../src/io/xlsx.js";

async function workbookBytes(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("図表4"));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("writeXlsx and readXlsx", () => {
  it("read back the cells written, numbers as their plain decimal text and null as empty", async () => {
    const bytes = await writeXlsx([
      { name: "職員数", rows: [["", "令7 (2025)", "定数"], ["企画部", 67, null], ["(うち派遣職員)", "(13)", null], ["率", 0.25, 1061]] },
    ]);
    expect(await readXlsx(bytes)).toEqual([
      { name: "職員数", rows: [["", "令7 (2025)", "定数"], ["企画部", "67", ""], ["(うち派遣職員)", "(13)", ""], ["率", "0.25", "1061"]] },
    ]);
  });

  it("keep numbers as numbers, make the first row bold and freeze the first row and column", async () => {
    const bytes = await writeXlsx([{ name: "s", rows: [["組織", "人数"], ["企画部", 67]], columnWidths: [20, 8] }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const sheet = workbook.getWorksheet("s");
    expect(sheet?.getCell("B2").value).toBe(67);
    expect(sheet?.getCell("A1").font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(sheet?.getColumn(1).width).toBe(20);
  });

  it("write several sheets in order", async () => {
    const sheets = await readXlsx(await writeXlsx([{ name: "一", rows: [["a"]] }, { name: "二", rows: [["b"]] }]));
    expect(sheets.map((s) => s.name)).toEqual(["一", "二"]);
  });
});

describe("readXlsx", () => {
  it("reads a formula as its cached result, not its text", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell("A1").value = 1;
      sheet.getCell("A2").value = 2;
      sheet.getCell("A3").value = { formula: "SUM(A1:A2)", result: 3 };
    });
    expect((await readXlsx(bytes))[0]?.rows).toEqual([["1"], ["2"], ["3"]]);
  });

  it("reads rich text as plain text", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell("A1").value = { richText: [{ text: "市長部局", font: { bold: true } }, { text: "※病院除く" }] };
    });
    expect((await readXlsx(bytes))[0]?.rows).toEqual([["市長部局※病院除く"]]);
  });

  it("repeats a merged cell's value into every cell of the merge", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell("A1").value = "行政委員会等";
      sheet.mergeCells("A1:B2");
      sheet.getCell("C1").value = 75;
    });
    expect((await readXlsx(bytes))[0]?.rows).toEqual([
      ["行政委員会等", "行政委員会等", "75"],
      ["行政委員会等", "行政委員会等", ""],
    ]);
  });

  it("writes empty cells as empty strings so every row has the sheet's width", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell("A1").value = "x";
      sheet.getCell("C3").value = "y";
    });
    expect((await readXlsx(bytes))[0]?.rows).toEqual([
      ["x", "", ""],
      ["", "", ""],
      ["", "", "y"],
    ]);
  });

  it("reads dates as YYYY-MM-DD", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell("A1").value = new Date(Date.UTC(2025, 3, 1));
    });
    expect((await readXlsx(bytes))[0]?.rows).toEqual([["2025-04-01"]]);
  });

  it("rejects bytes that are not an xlsx file with a RangeError in Japanese", async () => {
    await expect(readXlsx(new TextEncoder().encode("組織,年度\r\n"))).rejects.toThrow(RangeError);
    await expect(readXlsx(new TextEncoder().encode("組織,年度\r\n"))).rejects.toThrow(/^Excelファイル\(xlsx\)として読めません: /);
  });
});
