/**
 * An uploaded file → grids of text, the one way every importer turns bytes into cells (職員数, 年齢構成, MIC's
 * tables, 改革項目 workbooks). xlsx or text is decided once here: the name when it says (.xlsx; .csv .tsv .txt),
 * otherwise the content (every xlsx starts with the zip signature "PK\x03\x04").
 */
import { GyokakuError } from "../domain/errors.js";
import { parseCsv } from "./csv.js";
import { decodeText, type TextEncodingName } from "./text-encoding.js";
import { readXlsx, type SheetGrid } from "./xlsx.js";

export type UploadKind = "xlsx" | "csv";

export interface UploadedGrids {
  kind: UploadKind;
  /** The text encoding read (text files only). */
  encoding: TextEncodingName | null;
  /** Visible sheets with at least one value, in workbook order (one unnamed sheet for a text file). */
  sheets: { name: string | null; rows: string[][] }[];
  /** Hidden and very hidden sheets, never read as data (named in the preview). */
  hiddenSheets: string[];
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** xlsx by name, text by name, else by the zip signature. */
export function uploadKind(filename: string, bytes: Uint8Array): UploadKind {
  if (/\.xlsx$/i.test(filename)) return "xlsx";
  if (/\.(csv|tsv|txt)$/i.test(filename)) return "csv";
  return isZip(bytes) ? "xlsx" : "csv";
}

/** Text → rows: tab-separated for .tsv, otherwise CSV (RFC 4180 as Excel writes it). */
function textRows(text: string, filename: string): string[][] {
  if (/\.tsv$/i.test(filename)) return text.split(/\r?\n/).filter((l, i, all) => l !== "" || i < all.length - 1).map((l) => l.split("\t"));
  return parseCsv(text);
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
      return { kind, encoding: null, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows })), hiddenSheets };
    }
    const decoded = decodeText(bytes, encoding);
    return { kind, encoding: decoded.encoding, sheets: [{ name: null, rows: textRows(decoded.text, filename) }], hiddenSheets: [] };
  } catch (error) {
    if (error instanceof RangeError) throw new GyokakuError("invalid_input", `${filename}: ${error.message}`);
    throw error;
  }
}

/** The first sheet with a value: what the single-table importers (職員数, 年齢構成) read. */
export async function readUploadFirstSheet(
  filename: string,
  bytes: Uint8Array,
  encoding: TextEncodingName | "auto" = "auto",
): Promise<{ kind: UploadKind; encoding: TextEncodingName | null; sheet: string | null; rows: string[][]; hiddenSheets: string[] }> {
  const upload = await readUpload(filename, bytes, encoding);
  const first = upload.sheets[0] ?? { name: null, rows: [] };
  return { kind: upload.kind, encoding: upload.encoding, sheet: first.name, rows: first.rows, hiddenSheets: upload.hiddenSheets };
}
