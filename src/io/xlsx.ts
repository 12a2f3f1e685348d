/**
 * Reading an Excel workbook (xlsx) into grids of text: the one reader every importer goes through (職員数, 年齢構成,
 * MIC's tables, 改革項目 workbooks). It reads the parts of the file itself (zip via jszip, SpreadsheetML by its
 * published structure, ECMA-376 Part 1 §18) so that what a cell means is decided here, once:
 * - only cells that exist are visited, and a sheet, a row range or a cell count past the import limits is refused
 *   before any grid is built (a 6 KB file with one value at XFD1048576 is refused at once, not expanded);
 * - the zip's declared entry sizes are checked before anything is inflated, and each part stops inflating once it
 *   passes its declared size or the limits (io/xlsx-zip.ts);
 * - a formula cell is read as the result Excel saved; without one, simple arithmetic of literal numbers (=90+4) is
 *   computed, anything else is refused naming the cell; shared formulas are read the same way;
 * - numbers are read as the cell shows them where the format changes the figure (a 0.0% cell holding 0.111 → 11.1,
 *   「▲」 sections kept), dates as YYYY-MM-DD in either date system (workbookPr date1904 = 1 or true);
 * - rich text is read as its plain text (phonetic guides dropped), merged cells repeat their first cell's value;
 * - hidden and very hidden sheets are listed as such so no importer takes them for the data sheet.
 * Every message names the sheet. Problems are GyokakuError("invalid_input") with a Japanese message (upload.ts names the file).
 */
import { GyokakuError } from "../domain/errors.js";
import type ExcelJSModule from "exceljs";
import { cellName } from "./problems.js";
import { exportedCellText, spreadsheetCell } from "./spreadsheet-cell.js";
import { decodeXmlText, attributes, elements, firstElement, plainText } from "./xlsx-xml.js";
import { evaluateLiteralArithmetic } from "./xlsx-formula.js";
import { formatCellNumber, isDateFormat } from "./xlsx-number-format.js";
import { readXlsxInWorker, type WorkerBudget } from "./xlsx-worker-pool.js";
import { type OpenedZip, openZip, readPart, ZIP_LIMITS } from "./xlsx-zip.js";

/** Import limits, per workbook. Stated in the refusal so a clerk knows what to cut. */
export const XLSX_LIMITS = {
  /** Rows of one sheet (the last row holding a value). */
  rows: 100_000,
  /** Columns of one sheet (the last column holding a value): 256 = IV. */
  columns: 256,
  /** Cells of all grids together (rows × columns of each sheet read). */
  cells: 2_000_000,
  /** Uncompressed size of one part, of all parts together, and the number of parts (io/xlsx-zip.ts). */
  ...ZIP_LIMITS,
} as const;

/**
 * details.refusal of the refusal of a formula cell without a saved result: the hearing workbook reads such a cell as one
 * problem among others (io/hearing-workbook.ts) and tells this refusal by it, not by its text.
 */
export const UNSAVED_FORMULA_REFUSAL = "unsaved_formula";

export type SheetState = "visible" | "hidden" | "veryHidden";

/** A merged range of a sheet, rows and columns 1-based and inclusive (A1 = row 1, column 1). */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** Every cell as the text it shows ("" for empty), rows and columns from A1, all rows the same width. */
  rows: string[][];
  /** Hidden sheets are never read as data; importers skip them (see upload.ts). */
  state?: SheetState;
  /**
   * The sheet's merged ranges that hold a value (their first cell's value is repeated in every cell of `rows`), so an
   * importer can tell one figure spread over several rows (a 条例定数 shared by several 任命権者) from repeated figures.
   */
  merges?: MergedRange[];
}


function fail(message: string, details?: Record<string, unknown>): never {
  throw new GyokakuError("invalid_input", message, details);
}

// ---------------------------------------------------------------------------
// Cell references

/** "C3" → { row: 3, column: 3 }; undefined when not a reference. */
function parseRef(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1] ?? "") column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

async function relationships(zip: OpenedZip, partPath: string): Promise<Map<string, string>> {
  const dir = partPath.split("/").slice(0, -1).join("/");
  const file = partPath.split("/").pop() ?? "";
  const xml = (await readPart(zip, `${dir ? `${dir}/` : ""}_rels/${file}.rels`)) ?? "";
  const out = new Map<string, string>();
  for (const r of elements(xml, "Relationship")) {
    const id = r.attrs.get("Id");
    const target = r.attrs.get("Target");
    if (id && target && r.attrs.get("TargetMode") !== "External") out.set(id, resolveTarget(partPath, target));
  }
  return out;
}

async function workbookPath(zip: OpenedZip): Promise<string> {
  const xml = (await readPart(zip, "_rels/.rels")) ?? "";
  for (const r of elements(xml, "Relationship")) {
    if (/officeDocument$/.test(r.attrs.get("Type") ?? "")) return resolveTarget("", r.attrs.get("Target") ?? "");
  }
  return "xl/workbook.xml";
}

// ---------------------------------------------------------------------------
// Styles: the number format of each cell style (cellXfs), built-in formats by id (ECMA-376 §18.8.30).

const BUILTIN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
  22: "yyyy-mm-dd h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  // Japanese-locale built-ins (和暦 and 年月日 forms): dates.
  27: "yyyy-mm-dd", 28: "yyyy-mm-dd", 29: "yyyy-mm-dd", 30: "yyyy-mm-dd", 31: "yyyy-mm-dd", 32: "h:mm", 33: "h:mm:ss", 34: "h:mm", 35: "h:mm:ss",
  36: "yyyy-mm-dd", 50: "yyyy-mm-dd", 51: "yyyy-mm-dd", 52: "yyyy-mm-dd", 53: "yyyy-mm-dd", 54: "yyyy-mm-dd", 55: "yyyy-mm-dd",
  56: "yyyy-mm-dd", 57: "yyyy-mm-dd", 58: "yyyy-mm-dd",
};

function cellFormats(stylesXml: string): string[] {
  const custom = new Map<number, string>();
  for (const f of elements(stylesXml, "numFmt")) custom.set(Number(f.attrs.get("numFmtId")), f.attrs.get("formatCode") ?? "General");
  const cellXfs = firstElement(stylesXml, "cellXfs");
  const out: string[] = [];
  for (const xf of elements(cellXfs?.inner ?? "", "xf")) {
    const id = Number(xf.attrs.get("numFmtId") ?? 0);
    out.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? "General");
  }
  return out;
}

// ---------------------------------------------------------------------------
// Values

/** Excel serial → "YYYY-MM-DD" (or with the time of day). 1900 system counts the non-existent 1900-02-29 (serial 60). */
export function serialToDateText(serial: number, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/** Plain decimal text: never the exponent form String() uses for very large or small numbers; float noise rounded away. */
export function numberText(n: number): string {
  const rounded = Number(n.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

interface Context {
  sheet: string;
  date1904: boolean;
  formats: readonly string[];
  shared: readonly string[];
}

function numberCell(value: number, style: number, ctx: Context): string {
  const format = ctx.formats[style] ?? "General";
  if (isDateFormat(format)) return serialToDateText(value, ctx.date1904);
  return formatCellNumber(value, format) ?? numberText(value);
}

/** One <c> element → the text it shows, or a refusal naming the cell. */
function cellText(attrs: Map<string, string>, inner: string, ref: string, ctx: Context, sharedFormulas: Map<string, string>): string {
  const type = attrs.get("t") ?? "n";
  const style = Number(attrs.get("s") ?? 0);
  const f = firstElement(inner, "f");
  const v = firstElement(inner, "v");
  const raw = v ? decodeXmlText(v.inner) : undefined;
  // Text cells: an apostrophe our exports put before formula-like text is dropped (io/spreadsheet-cell.ts).
  if (type === "inlineStr") return exportedCellText(plainText(firstElement(inner, "is")?.inner ?? ""));
  if (f) {
    let formula = decodeXmlText(f.inner);
    const si = f.attrs.get("si");
    if (f.attrs.get("t") === "shared" && si !== undefined) {
      if (formula !== "") sharedFormulas.set(si, formula);
      else formula = sharedFormulas.get(si) ?? "";
    }
    if (raw === undefined || (raw === "" && type !== "str")) {
      // No saved result: compute plain arithmetic of literal numbers, refuse anything that needs Excel.
      const computed = evaluateLiteralArithmetic(formula);
      if (computed === null) fail(`シート「${ctx.sheet}」${ref}: 数式の計算結果が保存されていません。Excel で開いて保存し直してください`, { refusal: UNSAVED_FORMULA_REFUSAL });
      return numberCell(computed, style, ctx);
    }
  }
  if (raw === undefined) return "";
  switch (type) {
    case "s": {
      const text = ctx.shared[Number(raw)];
      if (text === undefined) fail(`シート「${ctx.sheet}」${ref}: 共有文字列 ${raw} 番がありません (ファイルが壊れています)`);
      return exportedCellText(text);
    }
    case "str":
    case "e":
      return raw;
    case "b":
      return raw === "1" || raw === "true" ? "TRUE" : "FALSE";
    case "d":
      return raw.length >= 10 ? (raw.endsWith("T00:00:00") || raw.length === 10 ? raw.slice(0, 10) : raw.slice(0, 19).replace("T", " ")) : raw;
    default: {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) return raw;
      return numberCell(n, style, ctx);
    }
  }
}

// ---------------------------------------------------------------------------
// Sheets

interface SheetBudget {
  cells: number;
}

function columnName(column: number): string {
  return cellName(1, column).replace(/\d+$/, "");
}

function limitMessage(sheet: string, ref: string): string {
  return (
    `シート「${sheet}」の ${ref} に値があります。取り込めるのは 1 シート ${XLSX_LIMITS.rows.toLocaleString("ja-JP")} 行・` +
    `${XLSX_LIMITS.columns} 列 (${columnName(XLSX_LIMITS.columns)} 列) までです。不要な行・列を削除してください`
  );
}

function readSheet(xml: string, ctx: Context, budget: SheetBudget, mergesOut: MergedRange[] = []): string[][] {
  const values = new Map<number, Map<number, string>>();
  const sharedFormulas = new Map<string, string>();
  let height = 0;
  let width = 0;
  const rowRe = /<(?:[\w.-]+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?row>)/g;
  let rowNumber = 0;
  for (const rowMatch of xml.matchAll(rowRe)) {
    const rowAttrs = attributes(rowMatch[1] ?? "");
    rowNumber = Number(rowAttrs.get("r") ?? rowNumber + 1);
    let column = 0;
    for (const c of elements(rowMatch[2] ?? "", "c")) {
      const at = parseRef(c.attrs.get("r") ?? "");
      column = at ? at.column : column + 1;
      const row = at ? at.row : rowNumber;
      if (c.inner === "") continue;
      const ref = cellName(row, column);
      const text = cellText(c.attrs, c.inner, ref, ctx, sharedFormulas);
      if (text === "") continue;
      if (row > XLSX_LIMITS.rows || column > XLSX_LIMITS.columns) fail(limitMessage(ctx.sheet, ref));
      const line = values.get(row) ?? new Map<number, string>();
      line.set(column, text);
      values.set(row, line);
      height = Math.max(height, row);
      width = Math.max(width, column);
    }
  }
  // Merged cells show their first cell's value in every cell, so a merged unit name still labels each row. A merge
  // widens the grid as far as the limits allow; beyond them it is cut at the cells that hold values.
  const merges: { from: { row: number; column: number }; to: { row: number; column: number }; value: string }[] = [];
  for (const m of elements(xml, "mergeCell")) {
    const [from, to] = (m.attrs.get("ref") ?? "").split(":").map(parseRef);
    const value = from ? values.get(from.row)?.get(from.column) : undefined;
    if (!from || !to || value === undefined) continue;
    merges.push({ from, to, value });
    if (to.row <= XLSX_LIMITS.rows) height = Math.max(height, to.row);
    if (to.column <= XLSX_LIMITS.columns) width = Math.max(width, to.column);
  }
  budget.cells += height * width;
  if (budget.cells > XLSX_LIMITS.cells) {
    fail(`シート「${ctx.sheet}」までで ${budget.cells.toLocaleString("ja-JP")} セルになり、取り込める ${XLSX_LIMITS.cells.toLocaleString("ja-JP")} セルを超えます。不要な行・列やシートを削除してください`);
  }
  const rows: string[][] = Array.from({ length: height }, (_, r) => {
    const line = values.get(r + 1);
    return Array.from({ length: width }, (_, c) => line?.get(c + 1) ?? "");
  });
  for (const { from, to, value } of merges) {
    mergesOut.push({ top: from.row, left: from.column, bottom: Math.min(to.row, height), right: Math.min(to.column, width) });
    for (let r = from.row; r <= Math.min(to.row, height); r++) {
      const line = rows[r - 1];
      if (!line) continue;
      for (let c = from.column; c <= Math.min(to.column, width); c++) line[c - 1] = value;
    }
  }
  return rows;
}

/**
 * Bytes of an xlsx file → one grid per worksheet, in workbook order, with each sheet's visibility. Parsed in a worker
 * thread (io/xlsx-worker-pool.ts) so a large file never blocks other users' requests, within a time and memory budget.
 * @throws GyokakuError("invalid_input") with a Japanese message naming the sheet and cell (broken file, limits, formula
 *   without result — details.refusal = UNSAVED_FORMULA_REFUSAL —,
 *   time or memory budget exceeded).
 */
export async function readXlsx(bytes: Uint8Array, budget?: WorkerBudget): Promise<SheetGrid[]> {
  return readXlsxInWorker(bytes, budget);
}

/**
 * The same as readXlsx, on the calling thread: what the worker runs (io/xlsx-worker.ts).
 * @throws GyokakuError("invalid_input") with a Japanese message naming the sheet and cell.
 */
export async function readXlsxInThread(bytes: Uint8Array): Promise<SheetGrid[]> {
  const zip = await openZip(bytes);
  const bookPath = await workbookPath(zip);
  const bookXml = await readPart(zip, bookPath);
  if (bookXml === undefined) fail("Excelファイル(xlsx)として読めません: ブック(workbook.xml)がありません");
  const bookRels = await relationships(zip, bookPath);
  const pr = firstElement(bookXml, "workbookPr");
  const flag = (pr?.attrs.get("date1904") ?? "").toLowerCase();
  const date1904 = flag === "1" || flag === "true";
  const stylesPath = [...bookRels.values()].find((p) => /styles\.xml$/i.test(p)) ?? "xl/styles.xml";
  const sharedPath = [...bookRels.values()].find((p) => /sharedStrings\.xml$/i.test(p)) ?? "xl/sharedStrings.xml";
  const formats = cellFormats((await readPart(zip, stylesPath)) ?? "");
  const shared = [...elements((await readPart(zip, sharedPath)) ?? "", "si")].map((si) => plainText(si.inner));
  const budget: SheetBudget = { cells: 0 };
  const out: SheetGrid[] = [];
  for (const s of elements(firstElement(bookXml, "sheets")?.inner ?? "", "sheet")) {
    const name = s.attrs.get("name") ?? "";
    const rid = [...s.attrs].find(([key]) => /(^|:)id$/.test(key))?.[1] ?? "";
    const path = bookRels.get(rid);
    const state = (s.attrs.get("state") ?? "visible") as SheetState;
    if (!path || !/worksheets\//.test(path)) continue;
    const xml = await readPart(zip, path);
    if (xml === undefined) fail(`シート「${name}」の内容(${path})がありません (ファイルが壊れています)`);
    const merges: MergedRange[] = [];
    const rows = readSheet(xml, { sheet: name, date1904, formats, shared }, budget, merges);
    out.push({ name, state, rows, ...(merges.length > 0 ? { merges } : {}) });
  }
  return out;
}

/** exceljs is loaded on first use, not at start-up: it is large and only exports need it. */
export async function excel(): Promise<typeof ExcelJSModule> {
  return (await import("exceljs")).default;
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
