/** io/xlsx-plain.ts: the open data's xlsx written without exceljs, read back by exceljs (an independent reader) and ours. */
import { describe, expect, it } from "vitest";
import { columnLetters, plainXlsx } from "../../src/io/xlsx-plain.js";
import { readXlsx } from "../../src/io/xlsx.js";

describe("plainXlsx", () => {
  it("names columns as Excel does", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("writes one sheet that exceljs reads: header bold and frozen with the first column, widths, numbers as numbers, text as text", async () => {
    const wide = Array.from({ length: 28 }, (_, i) => `列${i + 1}`);
    const bytes = await plainXlsx({
      name: "職員数/定員管理診断表[令和6年度]:全国地方公共団体コード別の表",
      rows: [
        ["全国地方公共団体コード", "地方公共団体名", "人数", "備考"],
        ["012246", "千歳市", 1104, "改行\nあり & <記号> \"引用\""],
        ["012246", "千歳市", -10, "=HYPERLINK(\"x\")"],
        ["012246", null, 0.5, "制御\u0001文字"],
        wide,
      ],
      columnWidths: [24, 14, 8, 30],
    });
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    // Excel's limits: at most 31 characters, none of \ / ? * [ ] :
    expect(sheet.name).toBe("職員数_定員管理診断表_令和6年度__全国地方公共団体コード別");
    expect([...sheet.name]).toHaveLength(31);
    expect(sheet.getCell("A1").value).toBe("全国地方公共団体コード");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").font?.bold).not.toBe(true);
    expect(sheet.getCell("A2").value).toBe("012246");
    expect(sheet.getCell("C2").value).toBe(1104);
    expect(sheet.getCell("C3").value).toBe(-10);
    expect(sheet.getCell("C4").value).toBe(0.5);
    expect(sheet.getCell("B4").value).toBeNull();
    expect(sheet.getCell("D2").value).toBe('改行\nあり & <記号> "引用"');
    expect(sheet.getCell("D3").value).toBe("'=HYPERLINK(\"x\")");
    expect(sheet.getCell("D4").value).toBe("制御文字");
    expect(sheet.getCell("AB5").value).toBe("列28");
    expect(sheet.getColumn(1).width).toBe(24);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    const [ours] = await readXlsx(bytes);
    // Our reader gives every cell as text (numbers in their shortest form).
    expect(ours?.rows[1]?.slice(0, 4)).toEqual(["012246", "千歳市", "1104", '改行\nあり & <記号> "引用"']);
  });

  it("gives the same bytes for the same grid (fixed zip dates)", async () => {
    const sheet = { name: "表", rows: [["a", 1]] };
    expect(Buffer.from(await plainXlsx(sheet)).equals(Buffer.from(await plainXlsx(sheet)))).toBe(true);
  });
});
