/**
 * Excel (xlsx) sheets as plain grids of text, and grids back into a workbook. Readers downstream see the same
 * string grid whether a file came as CSV or xlsx, so every check and every line number works the same way.
 */
import type ExcelJSModule from "exceljs";
import { spreadsheetCell } from "./spreadsheet-cell.js";

/** exceljs is loaded on first use, not at start-up: it is large and only imports and exports need it. */
export async function excel(): Promise<typeof ExcelJSModule> {
  return (await import("exceljs")).default;
}

export interface SheetGrid {
  name: string;
  /** Every cell as the text it shows ("" for empty), rows and columns from A1, all rows the same width. */
  rows: string[][];
}

/** Plain decimal text: never the exponent form String() uses for very large or small numbers. */
function numberText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

function dateText(d: Date): string {
  // exceljs gives dates as UTC instants of the serial value; the wall-clock fields are the UTC ones.
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A cell value of any kind exceljs produces → the text it shows. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) return value.richText.map((part: unknown) => (isRecord(part) ? valueText(part.text) : "")).join("");
    // Formulas are read as the result Excel saved last; the formula itself is not evaluated here.
    if ("formula" in value || "sharedFormula" in value) return valueText(value.result);
    if ("hyperlink" in value) return valueText(value.text);
    if (typeof value.error === "string") return value.error;
    if ("text" in value) return valueText(value.text);
  }
  return "";
}

/** Bytes of an xlsx file → one grid per worksheet, in workbook order. */
export async function readXlsx(bytes: Uint8Array): Promise<SheetGrid[]> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its input as ArrayBuffer; a copy of exactly these bytes avoids handing it a larger pool buffer.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch (error) {
    throw new RangeError(`Excelファイル(xlsx)として読めません: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((sheet) => {
    const width = sheet.columnCount;
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      // Merged cells show their master's value in every cell, so a merged unit name still labels each row.
      for (let c = 1; c <= width; c++) cells.push(valueText(row.getCell(c).master.value));
      rows.push(cells);
    }
    while (rows.length > 0 && rows[rows.length - 1]?.every((v) => v === "")) rows.pop();
    sheets.push({ name: sheet.name, rows });
  });
  return sheets;
}

export interface SheetToWrite {
  name: string;
  rows: readonly (readonly (string | number | null)[])[];
  /** Widths in Excel's character units, from column A. */
  columnWidths?: number[];
}

/** Grids → xlsx bytes. Numbers stay numbers so they can be summed in Excel; headers bold, first row and column frozen. */
export async function writeXlsx(sheets: readonly SheetToWrite[]): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
    for (const r of s.rows) sheet.addRow(r.map(spreadsheetCell));
    if (s.rows.length > 0) sheet.getRow(1).font = { bold: true };
    s.columnWidths?.forEach((width, i) => {
      sheet.getColumn(i + 1).width = width;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
