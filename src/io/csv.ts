/**
 * CSV as RFC 4180 describes it and Excel writes it: comma-separated, fields with commas, quotes or line
 * breaks in double quotes, a quote inside written twice.
 */

import { spreadsheetCell } from "./spreadsheet-cell.js";

/** Text → rows of fields. A trailing line break does not add an empty row; a quote left open is a RangeError. */
export function parseCsv(text: string): string[][] {
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
  const endRow = () => {
    row.push(field);
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
        if (i >= src.length) throw new RangeError(`CSVの引用符(")が閉じられていません (${startLine}行目から)`);
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
    if (ch === ",") {
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
