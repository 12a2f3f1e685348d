/**
 * One table → the file a download or `gyokaku export` writes: xlsx (one sheet), CSV (UTF-8 with a BOM so Excel
 * reads it, or Shift_JIS/CP932 for older PCs) or JSON (the records themselves).
 */
import { GyokakuError } from "../domain/errors.js";
import { toCsv } from "../io/csv.js";
import { encodeText, type TextEncodingName } from "../io/text-encoding.js";
import { writeXlsx } from "../io/xlsx.js";

export type ExportFormat = "xlsx" | "csv" | "json";

export interface ExportedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * @param base file name without extension; @param json what the JSON format writes.
 * @throws GyokakuError("invalid_input") naming the first character Shift_JIS cannot hold.
 */
export async function tableFile(
  base: string,
  sheet: string,
  rows: readonly (readonly (string | number | null)[])[],
  json: unknown,
  options: { format: ExportFormat; encoding?: TextEncodingName },
): Promise<ExportedFile> {
  if (options.format === "xlsx") return { filename: `${base}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes: await writeXlsx([{ name: sheet, rows: rows.map((r) => [...r]) }]) };
  if (options.format === "json") {
    return { filename: `${base}.json`, contentType: "application/json; charset=utf-8", bytes: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`) };
  }
  const encoding = options.encoding ?? "utf-8";
  try {
    const bytes = encodeText(toCsv(rows), encoding, { bom: encoding === "utf-8" });
    return { filename: `${base}${encoding === "shift_jis" ? "-sjis" : ""}.csv`, contentType: `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`, bytes };
  } catch (error) {
    if (error instanceof RangeError) throw new GyokakuError("invalid_input", `${error.message} — UTF-8 で書き出してください`);
    throw error;
  }
}

/** A table with a header row → one object per row keyed by the header (JSON exports); empty cells are null. */
export function rowsAsObjects(rows: readonly (readonly (string | number | null)[])[]): Record<string, string | number | null>[] {
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [String(h ?? `列${i + 1}`), r[i] ?? null])));
}
