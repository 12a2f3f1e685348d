/**
 * Formula injection (CSV/数式インジェクション): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is read by Excel and LibreOffice as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`), even from a CSV or when a
 * clerk edits an xlsx cell. Every export writes its cells through {@link spreadsheetCell}, so imported or typed text
 * always comes out as text, while numbers stay numbers. Source: OWASP "CSV Injection".
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text ("-12", "+3.5") is not a formula: Excel reads it as that number. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Whether Excel or LibreOffice could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) && text !== "-";
}

/**
 * One export cell: text that could be read as a formula gets a leading apostrophe (Excel's own "this is text" mark);
 * numbers, null and other text are returned unchanged.
 */
export function spreadsheetCell<T extends string | number | null | undefined>(value: T): T | string {
  return typeof value === "string" && looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * The inverse of {@link spreadsheetCell} for text read back from a spreadsheet: a leading apostrophe before text that
 * looks like a formula is the mark an export added (Excel itself never stores the apostrophe a clerk types, it keeps
 * it as the cell's quote prefix), so it is dropped and a round trip gives back the text as it was. Other text is
 * returned unchanged (「'23年度」 keeps its apostrophe).
 */
export function exportedCellText(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}

/** A whole grid through {@link spreadsheetCell}. */
export function spreadsheetRows<T extends string | number | null | undefined>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((r) => r.map(spreadsheetCell));
}
