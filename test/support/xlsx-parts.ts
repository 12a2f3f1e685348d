/**
 * Builds xlsx files part by part (SpreadsheetML as Excel, LibreOffice and scripts write it), for tests of what
 * exceljs cannot write: formulas without results, shared formulas, date1904="true", hidden sheets, phonetic runs.
 */
import JSZip from "jszip";

export interface PartSheet {
  name: string;
  /** The <sheetData> inner XML and anything after it (mergeCells …). */
  xml: string;
  state?: "visible" | "hidden" | "veryHidden";
}

export interface PartBook {
  sheets: PartSheet[];
  sharedStrings?: string[];
  /** Raw <si> items, when rich text or phonetic runs are needed. */
  sharedItems?: string[];
  /** Custom number formats by id (≥ 164) and the cellXfs' numFmtIds, in order (index = s attribute). */
  numFmts?: Record<number, string>;
  cellXfs?: number[];
  date1904?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export async function xlsxFromParts(book: PartBook): Promise<Uint8Array> {
  const zip = new JSZip();
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  const pr = book.date1904 === undefined ? "<workbookPr/>" : `<workbookPr date1904="${book.date1904}"/>`;
  const sheets = book.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("");
  zip.file("xl/workbook.xml", `<?xml version="1.0"?><workbook ${ns}>${pr}<sheets>${sheets}</sheets></workbook>`);
  const rels = book.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>');
  rels.push('<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
  zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  book.sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0"?><worksheet ${ns}>${s.xml}</worksheet>`));
  const items = book.sharedItems ?? (book.sharedStrings ?? []).map((t) => `<si><t>${esc(t)}</t></si>`);
  zip.file("xl/sharedStrings.xml", `<?xml version="1.0"?><sst ${ns} count="${items.length}">${items.join("")}</sst>`);
  const fmts = Object.entries(book.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join("");
  const xfs = (book.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join("");
  zip.file("xl/styles.xml", `<?xml version="1.0"?><styleSheet ${ns}><numFmts>${fmts}</numFmts><cellXfs>${xfs}</cellXfs></styleSheet>`);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** <sheetData> from rows of raw <c> inner parts: [["A1", 't="s"', "<v>0</v>"], …]. */
export function sheetData(cells: [ref: string, attrs: string, inner: string][]): string {
  const byRow = new Map<number, string[]>();
  for (const [ref, attrs, inner] of cells) {
    const row = Number(/\d+$/.exec(ref)?.[0]);
    byRow.set(row, [...(byRow.get(row) ?? []), `<c r="${ref}" ${attrs}>${inner}</c>`]);
  }
  const rows = [...byRow].sort(([a], [b]) => a - b).map(([r, cs]) => `<row r="${r}">${cs.join("")}</row>`);
  return `<sheetData>${rows.join("")}</sheetData>`;
}
