/**
 * Open-data files of one table: CSV (UTF-8 with BOM), CSV (Shift_JIS/CP932 for Excel users), JSON and xlsx; plus the
 * data dictionary (項目定義書). Numbers are written as plain numbers (no separators, no ▲), text that a spreadsheet
 * would read as a formula is neutralised (CSV and xlsx), nothing is merged.
 */
import iconv from "iconv-lite";
import { isInvalidInput } from "../domain/errors.js";
import type { OpenDataTable, OpenDataValue } from "../report/open-data.js";
import { toCsv } from "./csv.js";
import { spreadsheetCell } from "./spreadsheet-cell.js";
import { encodeText } from "./text-encoding.js";
import { plainXlsx } from "./xlsx-plain.js";

/** Formula text neutralised by the shared export rule (src/io/spreadsheet-cell.ts); numbers stay numbers. */
export function neutraliseFormula(value: OpenDataValue): OpenDataValue {
  return spreadsheetCell(value);
}

function gridOf(table: OpenDataTable): OpenDataValue[][] {
  return [table.columns.map((c) => c.name), ...table.rows.map((r) => [...r])];
}

/** CSV text with CRLF line ends; numbers unformatted. */
export function openDataCsvText(table: OpenDataTable): string {
  return toCsv(gridOf(table));
}

export function openDataCsvUtf8(table: OpenDataTable): Uint8Array {
  return encodeText(openDataCsvText(table), "utf-8", { bom: true });
}

/** Characters CP932 lacks but has a look-alike for; anything else it cannot hold becomes 〓 (the UTF-8 file is complete). */
const CP932_LOOKALIKES: Record<string, string> = { "\u301c": "\uff5e", "\u2212": "\uff0d", "\u2016": "\u2225", "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2", "\u2014": "\u2015" };

/** Shift_JIS (CP932) bytes of any text: look-alikes first, 〓 for what CP932 cannot hold. */
export function toShiftJisLenient(text: string): Uint8Array {
  try {
    return encodeText(text, "shift_jis");
  } catch (error) {
    if (!isInvalidInput(error)) throw error;
    let out = "";
    for (const ch of text) {
      const c = CP932_LOOKALIKES[ch] ?? ch;
      out += iconv.decode(iconv.encode(c, "cp932"), "cp932") === c ? c : "〓";
    }
    return encodeText(out, "shift_jis");
  }
}

export function openDataCsvShiftJis(table: OpenDataTable): Uint8Array {
  return toShiftJisLenient(openDataCsvText(table));
}

export interface OpenDataMeta {
  license: string;
  publishedOn: string;
}

/** JSON: the table's metadata, its columns, and one object per row keyed by column name (values as they are). */
export function openDataJson(table: OpenDataTable, meta: OpenDataMeta): string {
  return `${JSON.stringify(
    {
      title: table.title,
      description: table.description,
      referenceDate: table.referenceDate,
      source: table.source,
      license: meta.license,
      publishedOn: meta.publishedOn,
      columns: table.columns,
      rows: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, r[i] ?? null]))),
    },
    null,
    2,
  )}\n`;
}

/** One sheet named after the table; header row, then data; numbers as numbers (io/xlsx-plain.ts, without exceljs). */
export function openDataXlsx(table: OpenDataTable): Promise<Uint8Array> {
  return plainXlsx({ name: table.title.slice(0, 31), rows: gridOf(table), columnWidths: table.columns.map((c) => Math.min(60, Math.max(10, c.name.length * 2 + 2))) });
}

/** 項目定義書: one row per column of every table — ファイル, 表題, 項目名, 型, 単位, 説明, 基準日, 出典. */
export function dataDictionaryRows(tables: readonly OpenDataTable[], fileStem: (t: OpenDataTable) => string): OpenDataValue[][] {
  const rows: OpenDataValue[][] = [["ファイル", "表題", "項目名", "型", "単位", "説明", "基準日", "出典"]];
  for (const t of tables) {
    for (const c of t.columns) rows.push([fileStem(t), t.title, c.name, c.type, c.unit, c.description, t.referenceDate, t.source]);
  }
  return rows;
}
