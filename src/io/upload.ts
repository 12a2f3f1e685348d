/**
 * An uploaded file → grids of text, the one way every importer turns bytes into cells (職員数, 年齢構成, MIC's
 * tables, 改革項目 workbooks). xlsx or text is decided once here: the name when it says (.xlsx; .csv .tsv .txt),
 * otherwise the content (every xlsx starts with the zip signature "PK\x03\x04"); text that starts with 「[」 or 「{」
 * is JSON as `gyokaku export --format json` writes it.
 */
import { GyokakuError } from "../domain/errors.js";
import { type Delimiter, delimiterLabel, detectDelimiter, parseCsv } from "./csv.js";
import { decodeText, type DetectedEncoding, encodingLabel, type TextEncodingName } from "./text-encoding.js";
import { readXlsx, type SheetGrid } from "./xlsx.js";

/** xlsx, delimited text (CSV / tab), or JSON as `gyokaku export --format json` writes it (a table of records). */
export type UploadKind = "xlsx" | "csv" | "json";

export interface UploadedGrids {
  kind: UploadKind;
  /** The text encoding read (text files only), detected from the content unless chosen. */
  encoding: DetectedEncoding | null;
  /** The field delimiter read (text files only), detected from the content whatever the file's name. */
  delimiter: Delimiter | null;
  /** Visible sheets with at least one value, in workbook order (one unnamed sheet for a text file). */
  sheets: { name: string | null; rows: string[][] }[];
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


const NOT_A_TABLE =
  "表のファイルとして読めません。Excel ブック (.xlsx) か、CSV・タブ区切りのテキストファイル (.csv / .txt) を選んでください (PDF・Word・画像や、古い形式の .xls は読めません。.xls は Excel で「.xlsx」として保存し直してください)";

/**
 * Bytes that are no text a spreadsheet writes: a NUL outside UTF-16, or the signature of a known binary format
 * (PDF, the old .xls/.doc compound file, images). Checked before decoding so the clerk gets one clear sentence.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46) || starts(0xd0, 0xcf, 0x11, 0xe0) || starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46)) return true;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const n = Math.min(bytes.length, 4096);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  // UTF-16 without a BOM has NULs in every other byte (decodeText reads it); scattered NULs are binary.
  return nul > 0 && nul < n * 0.3;
}

function hasValue(rows: readonly (readonly string[])[]): boolean {
  return rows.some((r) => r.some((c) => c.trim() !== ""));
}

/**
 * Reads an upload. @throws GyokakuError("invalid_input") naming the file when it cannot be read or holds no
 * value (the message is Japanese; a library's own text never reaches the clerk).
 */
export async function readUpload(filename: string, bytes: Uint8Array, encoding: TextEncodingName | "auto" = "auto"): Promise<UploadedGrids> {
  const kind = uploadKind(filename, bytes);
  try {
    if (kind === "xlsx") {
      const all = await readXlsx(bytes);
      const hiddenSheets = all.filter((s) => (s.state ?? "visible") !== "visible").map((s) => s.name);
      const sheets: SheetGrid[] = all.filter((s) => (s.state ?? "visible") === "visible" && hasValue(s.rows));
      if (sheets.length === 0) {
        throw new RangeError(
          hiddenSheets.length > 0
            ? `表示されているシートに値がありません (非表示のシート${hiddenSheets.map((n) => `「${n}」`).join("")}は読みません。読ませるシートを再表示してください)`
            : "シートに値がありません",
        );
      }
      return { kind, encoding: null, delimiter: null, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows })), hiddenSheets };
    }
    if (looksBinary(bytes)) throw new RangeError(NOT_A_TABLE);
    const decoded = decodeText(bytes, encoding);
    if (/^\s*[[{]/.test(decoded.text)) {
      return { kind: "json", encoding: decoded.encoding, delimiter: null, sheets: [{ name: null, rows: jsonTableRows(decoded.text) }], hiddenSheets: [] };
    }
    // Excel's 「Unicode テキスト」 and 「テキスト (タブ区切り)」 are tab-separated whatever they are named (.txt, .csv).
    const delimiter = detectDelimiter(decoded.text);
    return { kind, encoding: decoded.encoding, delimiter, sheets: [{ name: null, rows: parseCsv(decoded.text, delimiter) }], hiddenSheets: [] };
  } catch (error) {
    if (error instanceof RangeError) throw new GyokakuError("invalid_input", `${filename}: ${error.message}`);
    throw error;
  }
}

/** One JSON value as a cell: numbers and booleans as written, null as blank; nested values are not cells. */
function jsonCell(value: unknown, where: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new RangeError(`${where}に表の値ではないもの(配列や入れ子のオブジェクト)があります`);
}

/**
 * JSON as `gyokaku export --format json` writes a table → the same grid its CSV holds: an array of records keyed by
 * the column headings (a header row, then one row per record), or `{ "title": …, "records": [...] }` for a table
 * with a title row above its header (定員管理診断表). @throws RangeError (Japanese) naming the record and column.
 */
export function jsonTableRows(text: string): string[][] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new RangeError("JSON として読めません (括弧や引用符の対応が崩れているか、途中で切れています)");
  }
  let title: string | null = null;
  let records: unknown = data;
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const object = data as Record<string, unknown>;
    if (!Array.isArray(object["records"])) throw new RangeError("JSON の形が表ではありません (記録の配列か、「records」に配列を持つオブジェクトを選んでください)");
    title = typeof object["title"] === "string" ? object["title"] : null;
    records = object["records"];
  }
  if (!Array.isArray(records) || records.length === 0) throw new RangeError("JSON に記録がありません");
  const header: string[] = [];
  records.forEach((record, i) => {
    if (record === null || typeof record !== "object" || Array.isArray(record)) throw new RangeError(`JSON の${i + 1}件目が「見出し: 値」の組ではありません`);
    for (const key of Object.keys(record)) if (!header.includes(key)) header.push(key);
  });
  const body = records.map((record: Record<string, unknown>, i) => header.map((key) => jsonCell(record[key], `JSON の${i + 1}件目の「${key}」`)));
  return [...(title === null ? [] : [[title]]), header, ...body];
}

/** The first sheet with a value: what the single-table importers (職員数, 年齢構成) read. */
export async function readUploadFirstSheet(
  filename: string,
  bytes: Uint8Array,
  encoding: TextEncodingName | "auto" = "auto",
): Promise<{ kind: UploadKind; encoding: DetectedEncoding | null; delimiter: Delimiter | null; sheet: string | null; rows: string[][]; hiddenSheets: string[] }> {
  const upload = await readUpload(filename, bytes, encoding);
  const first = upload.sheets[0] ?? { name: null, rows: [] };
  return { kind: upload.kind, encoding: upload.encoding, delimiter: upload.delimiter, sheet: first.name, rows: first.rows, hiddenSheets: upload.hiddenSheets };
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
