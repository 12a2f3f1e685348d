/**
 * CSV as RFC 4180 describes it and Excel writes it: comma-separated, fields with commas, quotes or line
 * breaks in double quotes, a quote inside written twice.
 */

import { GyokakuError } from "../domain/errors.js";
import { spreadsheetCell } from "./spreadsheet-cell.js";

/** The field separators a text file may use: comma (CSV) or tab (Excel's 「テキスト (タブ区切り)」 and 「Unicode テキスト」). */
export type Delimiter = "comma" | "tab";

const DELIMITER_CHAR: Record<Delimiter, string> = { comma: ",", tab: "\t" };

/**
 * The delimiter of a text file from its content (never its name): the character that splits the first lines
 * (outside quotes) more often. A tab wins a tie only when there is one, since a one-column file has neither.
 */
export function detectDelimiter(text: string): Delimiter {
  let tabs = 0;
  let commas = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\t") tabs++;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === "\n") lines++;
  }
  return tabs > 0 && tabs >= commas ? "tab" : "comma";
}

/** The delimiter as the preview names it. */
export function delimiterLabel(delimiter: Delimiter): string {
  return delimiter === "tab" ? "タブ区切り" : "カンマ区切り";
}

/**
 * Bounds of what parseCsv reads (an upload's import limits): past them it stops at once with `message` (of the line
 * and the bound passed) as a GyokakuError("invalid_input"), so a file of millions of lines is never held whole. Rows and columns count
 * only as far as they hold a value (blank lines and empty trailing fields past a bound are no data).
 */
export interface CsvLimits {
  rows: number;
  columns: number;
  /** Fields of all rows together. */
  cells: number;
  message(line: number, bound: "rows" | "columns" | "cells"): string;
}

/**
 * Text → rows of fields, separated by commas (default) or tabs, quoted as Excel quotes them. A trailing line
 * break does not add an empty row; a quote left open is a GyokakuError("invalid_input")
 * naming the line, and so is a row past `limits`.
 */
export function parseCsv(text: string, delimiter: Delimiter = "comma", limits?: CsvLimits): string[][] {
  const separator = DELIMITER_CHAR[delimiter];
  // A BOM left by a decoder would otherwise stick to the first header name.
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let line = 1;
  let i = 0;
  // A quote opens a quoted field only as the field's first character; elsewhere it is an ordinary character.
  let atFieldStart = true;
  let inRow = false;
  let cells = 0;
  /** Blank lines past the row bound, kept back until a line with a value shows they are inside the data. */
  let blankPastBound = 0;
  const endRow = () => {
    row.push(field);
    if (limits) {
      let width = row.length;
      while (width > limits.columns && row[width - 1] === "") width--;
      if (width > limits.columns) throw new GyokakuError("invalid_input", limits.message(line, "columns"));
      if (width < row.length) row.length = width;
      if (rows.length + blankPastBound >= limits.rows) {
        if (row.some((f) => f !== "")) throw new GyokakuError("invalid_input", limits.message(line, "rows"));
        blankPastBound++;
        row = [];
        field = "";
        atFieldStart = true;
        inRow = false;
        return;
      }
      cells += row.length;
      if (cells > limits.cells) throw new GyokakuError("invalid_input", limits.message(line, "cells"));
    }
    rows.push(row);
    row = [];
    field = "";
    atFieldStart = true;
    inRow = false;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch !== "\r" && ch !== "\n") inRow = true;
    if (ch === '"' && atFieldStart) {
      atFieldStart = false;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new GyokakuError("invalid_input", `CSVの引用符(")が閉じられていません (${startLine}行目から)`);
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      // Characters between a closing quote and the next comma are kept, as Excel does, rather than rejected.
      continue;
    }
    if (ch === separator) {
      row.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (inRow) endRow();
  return rows;
}

function quoteField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(spreadsheetCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows → CSV text with CRLF line ends (what Excel expects), quoting only where needed; null is an empty field.
 * Text that Excel would read as a formula is neutralised (see spreadsheet-cell.ts).
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(quoteField).join(",") + "\r\n").join("");
}
