/**
 * A plain one-table xlsx written directly as SpreadsheetML (ECMA-376 / ISO/IEC 29500) in a zip, for the open data of
 * the public site: one sheet, a bold header row frozen with the first column, column widths, text as inline strings
 * and numbers as numbers — nothing merged, no formulas, no styles beyond bold. exceljs writes the same grid but costs
 * most of `gyokaku publish`'s CPU (loading it and its deflate, ~1 s of the 3 s goal, profile 2026-12-01); jszip is
 * loaded already (the xlsx reader uses it). Other exports (printable workbooks with borders, merges, number
 * formats) keep exceljs (io/xlsx.ts writeXlsx).
 */
import JSZip from "jszip";
import { spreadsheetCell } from "./spreadsheet-cell.js";
import type { SheetToWrite } from "./xlsx.js";

/** Longest sheet name Excel accepts, and the characters it refuses in one. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

/** XML text: the five escapes, and characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates) dropped. */
function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function cellXml(value: string | number | null | undefined, ref: string, bold: boolean): string {
  const style = bold ? ' s="1"' : "";
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number") {
    // Infinity/NaN have no SpreadsheetML form: written as text so nothing is lost silently.
    if (Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
    value = String(value);
  }
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(spreadsheetCell(value)))}</t></is></c>`;
}

function sheetXml(sheet: SheetToWrite): string {
  const rows = sheet.rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${columnLetters(c)}${r + 1}`, r === 0)).join("")}</row>`)
    .join("");
  const cols = sheet.columnWidths?.length
    ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Number.isFinite(w) && w > 0 ? w : 10}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const frozen = sheet.rows.length > 0 ? '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight"/>' : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows}</sheetData></worksheet>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

/** Style 0: normal; style 1: bold (the header row). */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function workbookXml(name: string): string {
  const safe = name.replace(SHEET_NAME_FORBIDDEN, "_").slice(0, SHEET_NAME_MAX) || "Sheet1";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${xmlText(safe)}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  );
}

/**
 * One sheet → xlsx bytes. Text that a spreadsheet would run as a formula is neutralised (io/spreadsheet-cell.ts),
 * numbers stay numbers, null and "" are empty cells. The sheet name is cut to 31 characters and Excel's forbidden
 * characters replaced. The zip is written with fixed dates, so the same grid gives the same bytes.
 */
export async function plainXlsx(sheet: SheetToWrite): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  const add = (path: string, text: string) => zip.file(path, text, { date });
  add("[Content_Types].xml", CONTENT_TYPES);
  add("_rels/.rels", ROOT_RELS);
  add("xl/workbook.xml", workbookXml(sheet.name));
  add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
  add("xl/styles.xml", STYLES);
  add("xl/worksheets/sheet1.xml", sheetXml(sheet));
  // Deflate level 1: the ten tables of the demo take 35 KiB instead of 32 KiB at level 6, in a third of the time
  // (170 ms instead of 466 ms per site, measured 2026-12-01 under load).
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}
