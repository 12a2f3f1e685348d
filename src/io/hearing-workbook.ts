/**
 * One department's hearing forms as an Excel workbook and back: sheets 様式1, 様式2, 様式3 laid out as titled
 * sections (■見出し, a header row, one row per line), header cells locked, choice columns with drop-down lists,
 * and a very hidden sheet 識別 naming round, department and the version of each form. Reading gives every
 * section's rows with their sheet row numbers, so any later problem can name the cell.
 */
import JSZip from "jszip";
import { isInvalidInput } from "../domain/errors.js";
import { excel, readXlsx, type SheetGrid, UNSAVED_FORMULA_REFUSAL } from "./xlsx.js";
import { evaluateLiteralArithmetic } from "./xlsx-formula.js";
import { attributes, decodeXmlText, firstElement } from "./xlsx-xml.js";
import { cellName } from "./problems.js";
import { spreadsheetCell } from "./spreadsheet-cell.js";

export const IDENTITY_SHEET = "識別";
const LIST_SHEET = "リスト";

export type ColumnType = "text" | "int" | "list";

export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  /** Name of the drop-down list (type list). */
  list?: string;
  width?: number;
}

export interface SectionSpec {
  key: string;
  title: string;
  columns: ColumnSpec[];
  /** Extra blank rows offered for new lines (0: only the prefilled rows, e.g. one per unit). */
  blankRows: number;
}

export interface SheetSpec {
  name: string;
  sections: SectionSpec[];
}

export interface WorkbookIdentity {
  roundId: number;
  unitId: number;
  targetYear: number;
  /** Version of 様式1, 2, 3 when the workbook was made. */
  versions: number[];
}

export type CellValue = string | number | null;

export interface WorkbookData {
  identity: WorkbookIdentity;
  /** Title rows above the sections of every sheet (round, department; 【例示】 for demo data). */
  titleRows?: string[];
  sheets: SheetSpec[];
  /** Rows per sheet and section key, values by column key. */
  rows: Record<string, Record<string, Record<string, CellValue>[]>>;
  /** Drop-down lists by name. */
  lists: Record<string, string[]>;
}

export interface SheetCellProblem {
  sheet: string;
  cell: string;
  row: number;
  message: string;
}

/** A section's line as read: its values (as shown) and where each column's cell is. */
export interface ReadLine {
  sheetRow: number;
  values: Record<string, string>;
  cellOf(key: string): string;
}

export interface ReadWorkbook {
  identity: Record<string, string>;
  /** Lines per sheet and section; a sheet or section that is missing is absent. */
  sections: Record<string, Record<string, ReadLine[]>>;
  missing: string[];
  /** Cells of the sections that hold a formula error (#DIV/0!…) or a formula saved without its result; read as blank. */
  problems: SheetCellProblem[];
}

/** Marks a formula cell saved without a result, once the reader has been given the workbook without it. */
const UNSAVED_FORMULA = "\u{F8FF}unsaved-formula:";
/** The error values Excel and LibreOffice save as a formula's result. */
const FORMULA_ERROR = /^#(DIV\/0!|VALUE!|REF!|NAME\?|N\/A|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/** Builds the workbook: sections of each sheet one below the other, a blank row between them. */
export async function buildHearingWorkbook(data: WorkbookData): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const listRefs = new Map<string, string>();
  const sheets = data.sheets.map((spec) => workbook.addWorksheet(spec.name));
  const lists = workbook.addWorksheet(LIST_SHEET, { state: "hidden" });
  Object.entries(data.lists).forEach(([name, values], i) => {
    const col = i + 1;
    lists.getCell(1, col).value = name;
    values.forEach((v, r) => (lists.getCell(r + 2, col).value = spreadsheetCell(v)));
    const letter = cellName(1, col).replace(/\d+$/, "");
    listRefs.set(name, `${LIST_SHEET}!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`);
  });
  data.sheets.forEach((spec, s) => {
    const sheet = sheets[s];
    if (!sheet) return;
    let r = 1;
    for (const title of data.titleRows ?? []) {
      sheet.getCell(r, 1).value = spreadsheetCell(title);
      sheet.getCell(r, 1).font = { bold: true, ...(title.includes("例示") ? { color: { argb: "FFB00020" } } : {}) };
      r += 1;
    }
    if ((data.titleRows ?? []).length > 0) r += 1;
    for (const section of spec.sections) {
      sheet.getCell(r, 1).value = `■${section.title}`;
      sheet.getCell(r, 1).font = { bold: true };
      r += 1;
      section.columns.forEach((c, i) => {
        const cell = sheet.getCell(r, i + 1);
        cell.value = c.header;
        cell.font = { bold: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
        if (c.width) sheet.getColumn(i + 1).width = Math.max(sheet.getColumn(i + 1).width ?? 0, c.width);
      });
      r += 1;
      const rows = data.rows[spec.name]?.[section.key] ?? [];
      const total = rows.length + section.blankRows;
      for (let k = 0; k < total; k++, r++) {
        section.columns.forEach((c, i) => {
          const cell = sheet.getCell(r, i + 1);
          const value = rows[k]?.[c.key];
          cell.value = value === undefined || value === null ? null : spreadsheetCell(value);
          cell.protection = { locked: false };
          const ref = c.list ? listRefs.get(c.list) : undefined;
          if (ref) cell.dataValidation = { type: "list", allowBlank: true, formulae: [ref], showErrorMessage: true, errorTitle: c.header, error: `${c.header}は一覧から選んでください` };
          else if (c.type === "int") cell.dataValidation = { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true, errorTitle: c.header, error: `${c.header}は0以上の整数で入力してください` };
        });
      }
      r += 1;
    }
  });
  // Header cells stay locked; data cells were unlocked above. No password: protection guards against slips, not people.
  for (const sheet of sheets) await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  const id = workbook.addWorksheet(IDENTITY_SHEET, { state: "veryHidden" });
  const identity: [string, string | number][] = [
    ["round", data.identity.roundId],
    ["unit", data.identity.unitId],
    ["targetYear", data.identity.targetYear],
    ["versions", data.identity.versions.join(",")],
  ];
  identity.forEach(([k, v], i) => {
    id.getCell(i + 1, 1).value = k;
    id.getCell(i + 1, 2).value = v;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function sectionLines(grid: SheetGrid, section: SectionSpec, problems: SheetCellProblem[]): ReadLine[] | null {
  const start = grid.rows.findIndex((row) => (row[0] ?? "").trim() === `■${section.title}`);
  if (start < 0) return null;
  const lines: ReadLine[] = [];
  for (let i = start + 2; i < grid.rows.length; i++) {
    const row = grid.rows[i] ?? [];
    if ((row[0] ?? "").startsWith("■")) break;
    const values: Record<string, string> = {};
    section.columns.forEach((c, k) => (values[c.key] = (row[k] ?? "").trim()));
    if (Object.values(values).every((v) => v === "")) continue;
    const sheetRow = i + 1;
    // A formula that failed (=1/0) is one problem of its cell; the cell reads as blank so the other cells are still checked.
    section.columns.forEach((c, k) => {
      const v = values[c.key] ?? "";
      const at = cellName(sheetRow, k + 1);
      if (v.startsWith(UNSAVED_FORMULA)) {
        problems.push({ sheet: grid.name, cell: at, row: sheetRow, message: `${c.header}: 数式「=${v.slice(UNSAVED_FORMULA.length)}」は計算できないか、結果が保存されていません。値を直接入力してください` });
        values[c.key] = "";
      } else if (FORMULA_ERROR.test(v)) {
        problems.push({ sheet: grid.name, cell: at, row: sheetRow, message: `${c.header}: 数式がエラー(${v})になっています。値を直接入力してください` });
        values[c.key] = "";
      }
    });
    lines.push({ sheetRow, values, cellOf: (key) => cellName(sheetRow, Math.max(1, section.columns.findIndex((c) => c.key === key) + 1)) });
  }
  return lines;
}

/**
 * Reads a workbook made by buildHearingWorkbook (as the user filled it); sheets or sections not found are listed in `missing`.
 * It reads with readXlsx, not io/upload.ts readUpload, on purpose: readUpload drops hidden sheets (the rule for data
 * uploads), but this workbook's 識別 sheet is very hidden and is what tells round, department and form versions; a
 * formula cell without a saved result is one problem among others here (the bytes are read again with it marked),
 * where readUpload refuses the file; and only an xlsx is a hearing workbook, never a CSV.
 * @throws GyokakuError("invalid_input") (Japanese, naming the sheet or part) when the bytes are no readable xlsx or pass
 *   the import limits (io/xlsx.ts); the caller names the file.
 */
export async function readHearingWorkbook(bytes: Uint8Array, sheets: readonly SheetSpec[]): Promise<ReadWorkbook> {
  let grids: SheetGrid[];
  try {
    grids = await readXlsx(bytes);
  } catch (error) {
    // The shared reader refuses the first formula it cannot compute; here such a cell is one problem among the others:
    // the workbook is read again with those cells marked (the zip's sizes were checked by the first read).
    if (!isInvalidInput(error) || error.details["refusal"] !== UNSAVED_FORMULA_REFUSAL) throw error;
    grids = await readXlsx(await markUnsavedFormulas(bytes));
  }
  const identityGrid = grids.find((g) => g.name === IDENTITY_SHEET);
  const identity: Record<string, string> = {};
  for (const row of identityGrid?.rows ?? []) if (row[0]) identity[row[0]] = row[1] ?? "";
  const sections: ReadWorkbook["sections"] = {};
  const missing: string[] = [];
  const problems: SheetCellProblem[] = [];
  for (const spec of sheets) {
    const grid = grids.find((g) => g.name === spec.name);
    if (!grid) {
      missing.push(`シート「${spec.name}」`);
      continue;
    }
    const bySection: Record<string, ReadLine[]> = {};
    for (const section of spec.sections) {
      const lines = sectionLines(grid, section, problems);
      if (lines === null) missing.push(`シート「${spec.name}」の「■${section.title}」`);
      else bySection[section.key] = lines;
    }
    sections[spec.name] = bySection;
  }
  return { identity, sections, missing, problems };
}

/**
 * The workbook with every formula cell that has no saved result and is not literal arithmetic turned into a text
 * cell marked UNSAVED_FORMULA + its formula, so that reading goes on past it.
 */
async function markUnsavedFormulas(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name));
  for (const name of parts) {
    const file = zip.file(name);
    if (!file) continue;
    const xml = await file.async("string");
    const shared = new Map<string, string>();
    const marked = xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrText: string, _end: string, inner: string | undefined) => {
      if (!inner) return whole;
      const f = firstElement(inner, "f");
      if (!f) return whole;
      let formula = decodeXmlText(f.inner);
      const si = f.attrs.get("si");
      if (si !== undefined) {
        if (formula !== "") shared.set(si, formula);
        else formula = shared.get(si) ?? "";
      }
      const v = firstElement(inner, "v");
      const type = attributes(attrText).get("t");
      if (v && (v.inner !== "" || type === "str")) return whole;
      if (evaluateLiteralArithmetic(formula) !== null) return whole;
      const text = `${UNSAVED_FORMULA}${formula}`.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return `<c${attrText.replace(/\st\s*=\s*"[^"]*"/, "")} t="inlineStr"><is><t>${text}</t></is></c>`;
    });
    if (marked !== xml) zip.file(name, marked);
  }
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}
