/**
 * One table → the file a download or `gyokaku export` writes: xlsx (one sheet), CSV (UTF-8 with a BOM so Excel
 * reads it, or Shift_JIS/CP932 for older PCs) or JSON (the records themselves). The one writer of exported tables:
 * the file names (`-sjis` for Shift_JIS), content types and the Shift_JIS refusal are decided here only.
 */
import { GyokakuError, isInvalidInput } from "../domain/errors.js";
import { toCsv } from "./csv.js";
import { encodeText, type TextEncodingName } from "./text-encoding.js";
import { writeXlsx } from "./xlsx.js";

/** The formats an exported table can be written in. */
export type ExportFormat = "xlsx" | "csv" | "json";

/** A file ready to download or write: its name (with extension), HTTP content type and bytes. */
export interface ExportedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The content type of an xlsx workbook. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A table's rows: text, numbers and blank (null) cells. */
export type TableRows = readonly (readonly (string | number | null)[])[];

/**
 * The rows as a CSV file `<base>.csv` (UTF-8 with a BOM) or `<base>-sjis.csv` (Shift_JIS/CP932).
 * @throws GyokakuError("invalid_input") naming the first character Shift_JIS cannot hold, and advising UTF-8.
 */
export function csvFile(base: string, rows: TableRows, encoding: TextEncodingName = "utf-8"): ExportedFile {
  try {
    const bytes = encodeText(toCsv(rows), encoding, { bom: encoding === "utf-8" });
    return { filename: `${base}${encoding === "shift_jis" ? "-sjis" : ""}.csv`, contentType: `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`, bytes };
  } catch (error) {
    if (isInvalidInput(error)) throw new GyokakuError("invalid_input", `${error.message} — UTF-8 で書き出してください`);
    throw error;
  }
}

/**
 * A table as a file: xlsx (one sheet named `sheet`, optional column widths in characters), CSV (csvFile) or JSON
 * (`json` pretty-printed, UTF-8).
 * @param base file name without extension; @param json what the JSON format writes.
 * @throws GyokakuError("invalid_input") naming the first character Shift_JIS cannot hold.
 */
export async function tableFile(
  base: string,
  sheet: string,
  rows: TableRows,
  json: unknown,
  options: { format: ExportFormat; encoding?: TextEncodingName; columnWidths?: number[] },
): Promise<ExportedFile> {
  if (options.format === "xlsx") {
    const bytes = await writeXlsx([{ name: sheet, rows: rows.map((r) => [...r]), ...(options.columnWidths ? { columnWidths: options.columnWidths } : {}) }]);
    return { filename: `${base}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes };
  }
  if (options.format === "json") {
    return { filename: `${base}.json`, contentType: "application/json; charset=utf-8", bytes: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`) };
  }
  return csvFile(base, rows, options.encoding);
}

/** A table with a header row → one object per row keyed by the header (JSON exports); empty cells are null. */
export function rowsAsObjects(rows: TableRows): Record<string, string | number | null>[] {
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [String(h ?? `列${i + 1}`), r[i] ?? null])));
}
