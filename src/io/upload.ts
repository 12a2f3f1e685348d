/**
 * An uploaded file → grids of text, the one way every importer turns bytes into cells (職員数, 年齢構成, MIC's
 * tables, 改革項目 workbooks). xlsx or text is decided once here: the name when it says (.xlsx; .csv .tsv .txt),
 * otherwise the content (every xlsx starts with the zip signature "PK\x03\x04"); text that starts with 「[」 or 「{」
 * is JSON as `gyokaku export --format json` writes it.
 */
import { GyokakuError, isInvalidInput } from "../domain/errors.js";
import { type Delimiter, delimiterLabel } from "./csv.js";
import { type DetectedEncoding, encodingLabel, type TextEncodingName } from "./text-encoding.js";
import { type MergedRange, readXlsx, type SheetGrid } from "./xlsx.js";
import { readTextInWorker } from "./xlsx-worker-pool.js";

export { jsonTableRows } from "./text-table.js";

/** xlsx, delimited text (CSV / tab), or JSON as `gyokaku export --format json` writes it (a table of records). */
export type UploadKind = "xlsx" | "csv" | "json";

export interface UploadedGrids {
  kind: UploadKind;
  /** The text encoding read (text files only), detected from the content unless chosen. */
  encoding: DetectedEncoding | null;
  /** The field delimiter read (text files only), detected from the content whatever the file's name. */
  delimiter: Delimiter | null;
  /** Visible sheets with at least one value, in workbook order (one unnamed sheet for a text file). */
  sheets: { name: string | null; rows: string[][]; merges?: MergedRange[] }[];
  /** Hidden and very hidden sheets, never read as data (named in the preview). */
  hiddenSheets: string[];
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * xlsx or text from the content, whatever the name says: every xlsx starts with the zip signature, and a file
 * named .xlsx that is not a zip is refused by the xlsx reader with the reason. (The name is only a hint: Excel
 * saves 「Unicode テキスト」 as .txt, and people rename files.)
 */
export function uploadKind(filename: string, bytes: Uint8Array): UploadKind {
  if (isZip(bytes)) return "xlsx";
  return /\.(xlsx|xlsm)$/i.test(filename) && !looksText(bytes) ? "xlsx" : "csv";
}

/** A quick look at the first bytes: a BOM, or no control characters but tab and line breaks. */
function looksText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const n = Math.min(bytes.length, 512);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return n > 0;
}

function hasValue(rows: readonly (readonly string[])[]): boolean {
  return rows.some((r) => r.some((c) => c.trim() !== ""));
}

/**
 * Reads an upload, off the request thread (io/xlsx-worker-pool.ts) for both workbooks and text files, within the
 * import limits (100,000 rows, 256 columns, 2,000,000 cells: XLSX_LIMITS). @throws GyokakuError("invalid_input")
 * naming the file when it cannot be read, passes a limit, or holds no value (the message is Japanese; a library's own
 * text never reaches the clerk).
 */
export async function readUpload(filename: string, bytes: Uint8Array, encoding: TextEncodingName | "auto" = "auto"): Promise<UploadedGrids> {
  const kind = uploadKind(filename, bytes);
  try {
    if (kind === "xlsx") {
      const all = await readXlsx(bytes);
      const hiddenSheets = all.filter((s) => (s.state ?? "visible") !== "visible").map((s) => s.name);
      const sheets: SheetGrid[] = all.filter((s) => (s.state ?? "visible") === "visible" && hasValue(s.rows));
      if (sheets.length === 0) {
        throw new GyokakuError("invalid_input", 
          hiddenSheets.length > 0
            ? `表示されているシートに値がありません (非表示のシート${hiddenSheets.map((n) => `「${n}」`).join("")}は読みません。読ませるシートを再表示してください)`
            : "シートに値がありません",
        );
      }
      return { kind, encoding: null, delimiter: null, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows, ...(s.merges ? { merges: s.merges } : {}) })), hiddenSheets };
    }
    // Decoded and parsed in the upload worker, within the same row / column / cell limits as a workbook.
    const table = await readTextInWorker(bytes, encoding);
    return { kind: table.kind, encoding: table.encoding, delimiter: table.delimiter, sheets: [{ name: null, rows: table.rows }], hiddenSheets: [] };
  } catch (error) {
    // The readers' refusals name the sheet, cell or line; the file is named here. Anything else (a bug) goes on as it is.
    if (isInvalidInput(error)) throw new GyokakuError("invalid_input", `${filename}: ${error.message}`, error.details);
    throw error;
  }
}

/** The first sheet with a value: what the single-table importers (職員数, 年齢構成) read. */
export async function readUploadFirstSheet(
  filename: string,
  bytes: Uint8Array,
  encoding: TextEncodingName | "auto" = "auto",
): Promise<{ kind: UploadKind; encoding: DetectedEncoding | null; delimiter: Delimiter | null; sheet: string | null; rows: string[][]; merges: MergedRange[]; hiddenSheets: string[] }> {
  const upload = await readUpload(filename, bytes, encoding);
  const first = upload.sheets[0] ?? { name: null, rows: [] };
  return { kind: upload.kind, encoding: upload.encoding, delimiter: upload.delimiter, sheet: first.name, rows: first.rows, merges: first.merges ?? [], hiddenSheets: upload.hiddenSheets };
}

/**
 * How a file was read, as the preview says it: 「Excel (シート「図表4」)」 or 「テキスト (UTF-16LE (Excel の「Unicode
 * テキスト」)、タブ区切り)」 — the encoding and delimiter detected from the content (kind H).
 */
export function describeUploadFormat(u: { kind: UploadKind; encoding: DetectedEncoding | null; delimiter: Delimiter | null; sheets: readonly (string | null)[] }): string {
  if (u.kind === "xlsx") return `Excel (シート${u.sheets.map((s) => `「${s ?? ""}」`).join("")})`;
  if (u.kind === "json") return `JSON (${u.encoding ? encodingLabel(u.encoding) : "文字コード不明"})`;
  return `テキスト (${u.encoding ? encodingLabel(u.encoding) : "文字コード不明"}、${u.delimiter ? delimiterLabel(u.delimiter) : "区切り不明"})`;
}
