import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { GyokakuError } from "../../src/domain/errors.js";
import { invalidInput } from "../support/errors.js";
import { readUpload } from "../../src/io/upload.js";
import { readXlsx, writeXlsx } from "../../src/io/xlsx.js";
import { sheetData, xlsxFromParts } from "../support/xlsx-parts.js";

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
      { name: "職員数", state: "visible", rows: [["", "令7 (2025)", "定数"], ["企画部", "67", ""], ["(うち派遣職員)", "(13)", ""], ["率", "0.25", "1061"]] },
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

  it("rejects bytes that are not an xlsx file with a GyokakuError(invalid_input) in Japanese", async () => {
    await expect(readXlsx(new TextEncoder().encode("組織,年度\r\n"))).rejects.toThrow(GyokakuError);
    await expect(readXlsx(new TextEncoder().encode("組織,年度\r\n"))).rejects.toThrow(invalidInput("Excelファイル(xlsx)として読めません: zip 形式ではないか、ファイルが壊れています"));
  });

  it("refuses a part whose inflated size or checksum does not match the zip's directory (a damaged file) in Japanese", async () => {
    // CI's fuzz run (seed 804042079) flipped a byte that left the zip's directory readable but a part's data damaged:
    // jszip's own "Bug : uncompressed data size mismatch" reached the clerk. Here the directory declares a size one byte
    // short of what the sheet inflates to.
    const bytes = await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["A1", "", "<v>1</v>"]]) }] });
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue; // central directory entry
      const nameLength = view.getUint16(i + 28, true);
      const entryName = bytes.subarray(i + 46, i + 46 + nameLength);
      if (entryName.length === name.length && entryName.every((b, k) => b === name[k])) {
        view.setUint32(i + 24, view.getUint32(i + 24, true) - 1, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    const refusal = readXlsx(bytes);
    await expect(refusal).rejects.toThrow(GyokakuError);
    // Inflating stops at the byte past the declared size (io/xlsx-zip.ts), so it is named as a part that lies.
    await expect(readXlsx(bytes)).rejects.toThrow(invalidInput("Excelファイル(xlsx)の「xl/worksheets/sheet1.xml」がファイルの見出しでは 250 バイトとされていますが、それを超えて展開されます (ファイルが壊れているか、細工されています)"));
  });
});

describe("readXlsx: what a cell means (field-case kind C)", () => {
  const one = async (book: Parameters<typeof xlsxFromParts>[0]) => (await readXlsx(await xlsxFromParts(book)))[0]?.rows;

  it("computes a formula saved without its result when it is arithmetic of literal numbers (=90+4 → 94)", async () => {
    const rows = await one({ sheets: [{ name: "図表4", xml: sheetData([["A1", "", "<f>90+4</f>"], ["B1", "", "<f>(12-3)*2</f><v></v>"], ["C1", "", "<f>-5/2</f>"]]) }] });
    expect(rows).toEqual([["94", "18", "-2.5"]]);
  });

  it("refuses a formula without a saved result that needs Excel, naming the sheet and the cell", async () => {
    const bytes = await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["B2", "", "<v>91</v>"], ["C3", "", "<f>B2+3</f>"]]) }] });
    await expect(readXlsx(bytes)).rejects.toThrow(invalidInput("シート「図表4」C3: 数式の計算結果が保存されていません。Excel で開いて保存し直してください"));
  });

  it("reads shared formulas: a result where saved, the master's literal arithmetic where not", async () => {
    const rows = await one({
      sheets: [{ name: "s", xml: sheetData([
        ["A1", "", '<f t="shared" ref="A1:A3" si="0">1+1</f><v>2</v>'],
        ["A2", "", '<f t="shared" si="0"/><v>2</v>'],
        ["A3", "", '<f t="shared" si="0"/>'],
      ]) }],
    });
    expect(rows).toEqual([["2"], ["2"], ["2"]]);
    const refs = await xlsxFromParts({ sheets: [{ name: "s", xml: sheetData([["A1", "", '<f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v>'], ["A2", "", '<f t="shared" si="0"/>']]) }] });
    await expect(readXlsx(refs)).rejects.toThrow(invalidInput("シート「s」A2: 数式の計算結果が保存されていません。Excel で開いて保存し直してください"));
  });

  it("reads a percent cell as it shows (0.0% on 0.111 is 11.1, the ▲ section kept) and other numbers as stored", async () => {
    const rows = await one({
      numFmts: { 164: "0.0%;▲0.0%", 165: "#,##0;▲#,##0", 166: "0.0" },
      cellXfs: [0, 164, 165, 166, 10],
      sheets: [{ name: "診断表", xml: sheetData([
        ["A1", 's="1"', "<v>0.1111111111111111</v>"], ["B1", 's="1"', "<v>-0.3333333333333333</v>"], ["C1", 's="2"', "<v>-10</v>"],
        ["D1", 's="3"', "<v>6.94444</v>"], ["E1", 's="4"', "<v>0.25</v>"], ["F1", 's="1"', "<v>-0.0001</v>"], ["G1", "", "<v>0.30000000000000004</v>"],
      ]) }],
    });
    expect(rows).toEqual([["11.1", "▲33.3", "-10", "6.94444", "25.00", "0.0", "0.3"]]);
  });

  it("reads dates in the 1904 date system whether the flag is written 1 or true (LibreOffice)", async () => {
    for (const date1904 of ["1", "true"]) {
      const rows = await one({ date1904, cellXfs: [0, 14], sheets: [{ name: "s", xml: sheetData([["A1", 's="1"', "<v>41364</v>"]]) }] });
      expect(rows, date1904).toEqual([["2017-04-01"]]);
    }
    expect(await one({ date1904: "false", cellXfs: [0, 14], sheets: [{ name: "s", xml: sheetData([["A1", 's="1"', "<v>42826</v>"]]) }] })).toEqual([["2017-04-01"]]);
  });

  it("reads rich text as its plain text without the phonetic guide (furigana)", async () => {
    const rows = await one({
      sharedItems: ['<si><r><rPr><b/></rPr><t>市長</t></r><r><t xml:space="preserve">部局 </t></r><rPh sb="0" eb="2"><t>シチョウ</t></rPh><phoneticPr fontId="1"/></si>'],
      sheets: [{ name: "s", xml: sheetData([["A1", 't="s"', "<v>0</v>"], ["B1", 't="inlineStr"', "<is><t>&lt;常勤&gt;</t></is>"]]) }],
    });
    expect(rows).toEqual([["市長部局 ", "<常勤>"]]);
  });

  it("marks hidden and very hidden sheets so no importer reads them as the data sheet", async () => {
    const bytes = await xlsxFromParts({
      sheets: [
        { name: "リスト", state: "hidden", xml: sheetData([["A1", "", "<v>1</v>"]]) },
        { name: "旧", state: "veryHidden", xml: sheetData([["A1", "", "<v>2</v>"]]) },
        { name: "図表4", xml: sheetData([["A1", "", "<v>3</v>"]]) },
      ],
    });
    expect((await readXlsx(bytes)).map((s) => [s.name, s.state])).toEqual([["リスト", "hidden"], ["旧", "veryHidden"], ["図表4", "visible"]]);
    const upload = await readUpload("book.xlsx", bytes);
    expect(upload.sheets.map((s) => s.name)).toEqual(["図表4"]);
    expect(upload.hiddenSheets).toEqual(["リスト", "旧"]);
    const onlyHidden = await xlsxFromParts({ sheets: [{ name: "リスト", state: "hidden", xml: sheetData([["A1", "", "<v>1</v>"]]) }, { name: "空", xml: "<sheetData/>" }] });
    await expect(readUpload("book.xlsx", onlyHidden)).rejects.toThrow(
      invalidInput("book.xlsx: 表示されているシートに値がありません (非表示のシート「リスト」は読みません。読ませるシートを再表示してください)"),
    );
  });

  it("refuses at once a small file with one value at XFD1048576, stating the limit", async () => {
    const bytes = await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["A1", "", "<v>1</v>"], ["XFD1048576", "", "<v>1</v>"]]) }] });
    expect(bytes.length).toBeLessThan(8000);
    await expect(readXlsx(bytes)).rejects.toThrow(
      invalidInput("シート「図表4」の XFD1048576 に値があります。取り込めるのは 1 シート 100,000 行・256 列 (IV 列) までです。不要な行・列を削除してください"),
    );
  });

  it("does not expand a merge reaching to the last cell of the sheet", async () => {
    const rows = await one({ sheets: [{ name: "s", xml: `${sheetData([["A1", "", "<v>7</v>"]])}<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>` }] });
    expect(rows).toEqual([["7"]]);
  });

  it("checks the zip's declared sizes before inflating anything", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // Patch the central directory's uncompressed size (offset 24 of the entry) to 2 GB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0x7fffffff, true);
    }
    await expect(readXlsx(bytes)).rejects.toThrow(invalidInput("Excelファイル(xlsx)の「xl/workbook.xml」が展開すると大きすぎます (2048MB。1部品 64MB まで)"));
  });
});

describe("readXlsx: a zip whose headers lie about a part's size", () => {
  it("stops inflating a part once its output passes the declared size, naming the part (not at the worker's memory limit)", { timeout: 120_000 }, async () => {
    const base = await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["A1", "", "<v>1</v>"]]) }] });
    const zip = await JSZip.loadAsync(base);
    zip.file("xl/worksheets/sheet1.xml", " ".repeat(40 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // The central directory says 1,000 bytes; the part inflates to 40MB.
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const entryName = bytes.subarray(i + 46, i + 46 + view.getUint16(i + 28, true));
      if (entryName.length === name.length && entryName.every((b, k) => b === name[k])) {
        view.setUint32(i + 24, 1000, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    await expect(readXlsx(bytes)).rejects.toThrow(
      invalidInput("Excelファイル(xlsx)の「xl/worksheets/sheet1.xml」がファイルの見出しでは 1,000 バイトとされていますが、それを超えて展開されます (ファイルが壊れているか、細工されています)"),
    );
  });
});
