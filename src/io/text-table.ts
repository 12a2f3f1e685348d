/**
 * A text upload (CSV, tab-separated, or JSON as `gyokaku export --format json` writes it) → one grid of text, within
 * the same import limits as a workbook (XLSX_LIMITS: rows, columns, cells). Runs in the upload worker
 * (io/xlsx-worker.ts) so a large file never holds the request thread; io/upload.ts decides xlsx or text and names
 * the file in the message.
 */
import { GyokakuError } from "../domain/errors.js";
import { type Delimiter, detectDelimiter, parseCsv } from "./csv.js";
import { decodeText, type DetectedEncoding, type TextEncodingName } from "./text-encoding.js";
import { XLSX_LIMITS } from "./xlsx.js";

/** What a text upload holds: its grid, how it was read, and whether it was a JSON table or delimited text. */
export interface TextTable {
  kind: "csv" | "json";
  encoding: DetectedEncoding;
  /** The field delimiter read (delimited text only), detected from the content whatever the file's name. */
  delimiter: Delimiter | null;
  rows: string[][];
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

const n = (value: number) => value.toLocaleString("ja-JP");

/** The refusal of a text file past the limits, naming them (as the workbook reader's does). */
function textLimitMessage(what: string): string {
  return `${what}。取り込めるのは ${n(XLSX_LIMITS.rows)} 行・${XLSX_LIMITS.columns} 列・${n(XLSX_LIMITS.cells)} セルまでです。不要な行・列を削除するか、ファイルを分けてください`;
}

/**
 * Bytes of a text upload → its grid. @throws GyokakuError("invalid_input") (Japanese) when the bytes are binary, cannot be decoded, are
 * broken CSV or JSON, or pass the row / column / cell limits (the message names the limit and the line or record).
 */
export function readTextTable(bytes: Uint8Array, encoding: TextEncodingName | "auto"): TextTable {
  if (looksBinary(bytes)) throw new GyokakuError("invalid_input", NOT_A_TABLE);
  const decoded = decodeText(bytes, encoding);
  if (/^\s*[[{]/.test(decoded.text)) return { kind: "json", encoding: decoded.encoding, delimiter: null, rows: jsonTableRows(decoded.text) };
  // Excel's 「Unicode テキスト」 and 「テキスト (タブ区切り)」 are tab-separated whatever they are named (.txt, .csv).
  const delimiter = detectDelimiter(decoded.text);
  return { kind: "csv", encoding: decoded.encoding, delimiter, rows: parseCsv(decoded.text, delimiter, TEXT_LIMITS) };
}

/** The limits parseCsv is given for an upload, with the message it refuses past them. */
const TEXT_LIMITS = {
  rows: XLSX_LIMITS.rows,
  columns: XLSX_LIMITS.columns,
  cells: XLSX_LIMITS.cells,
  message: (line: number, what: "rows" | "columns" | "cells") =>
    textLimitMessage(
      what === "rows"
        ? `${n(line)} 行目に値があります`
        : what === "columns"
          ? `${n(line)} 行目が ${XLSX_LIMITS.columns} 列を超えています`
          : `${n(line)} 行目までで ${n(XLSX_LIMITS.cells)} セルを超えます`,
    ),
};

/** One JSON value as a cell: numbers and booleans as written, null as blank; nested values are not cells. */
function jsonCell(value: unknown, where: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new GyokakuError("invalid_input", `${where}に表の値ではないもの(配列や入れ子のオブジェクト)があります`);
}

/**
 * JSON as `gyokaku export --format json` writes a table → the same grid its CSV holds: an array of records keyed by
 * the column headings (a header row, then one row per record), or `{ "title": …, "records": [...] }` for a table
 * with a title row above its header (定員管理診断表). @throws GyokakuError("invalid_input") (Japanese) naming the record and column, or
 * the limit when the table has more rows, columns or cells than an upload may.
 */
export function jsonTableRows(text: string): string[][] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new GyokakuError("invalid_input", "JSON として読めません (括弧や引用符の対応が崩れているか、途中で切れています)");
  }
  let title: string | null = null;
  let records: unknown = data;
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const object = data as Record<string, unknown>;
    if (!Array.isArray(object["records"])) throw new GyokakuError("invalid_input", "JSON の形が表ではありません (記録の配列か、「records」に配列を持つオブジェクトを選んでください)");
    title = typeof object["title"] === "string" ? object["title"] : null;
    records = object["records"];
  }
  if (!Array.isArray(records) || records.length === 0) throw new GyokakuError("invalid_input", "JSON に記録がありません");
  const headerRows = title === null ? 1 : 2;
  if (records.length + headerRows > XLSX_LIMITS.rows) throw new GyokakuError("invalid_input", textLimitMessage(`JSON の記録が ${n(records.length)} 件あります`));
  const header: string[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    if (record === null || typeof record !== "object" || Array.isArray(record)) throw new GyokakuError("invalid_input", `JSON の${i + 1}件目が「見出し: 値」の組ではありません`);
    for (const key of Object.keys(record)) {
      if (seen.has(key)) continue;
      seen.add(key);
      header.push(key);
      if (header.length > XLSX_LIMITS.columns) throw new GyokakuError("invalid_input", textLimitMessage(`JSON の見出しが ${XLSX_LIMITS.columns} 個を超えています`));
    }
  });
  if ((records.length + headerRows) * header.length > XLSX_LIMITS.cells) {
    throw new GyokakuError("invalid_input", textLimitMessage(`JSON の表が ${n((records.length + headerRows) * header.length)} セルになります`));
  }
  const body = records.map((record: Record<string, unknown>, i) => header.map((key) => jsonCell(record[key], `JSON の${i + 1}件目の「${key}」`)));
  return [...(title === null ? [] : [[title]]), header, ...body];
}
