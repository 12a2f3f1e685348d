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
 * Whether an export writes this text with a leading apostrophe: it could be read as a formula, or it is apostrophes
 * before such a text (so that {@link fromSpreadsheetCell} can tell the guard from an apostrophe the text really has).
 */
function needsGuard(text: string): boolean {
  let rest = text;
  while (rest.startsWith("'")) rest = rest.slice(1);
  return looksLikeFormula(rest);
}

/**
 * One export cell: text that could be read as a formula gets a leading apostrophe (Excel's own "this is text" mark),
 * and so does a text of apostrophes before such a text; numbers, null and other text are returned unchanged.
 */
export function spreadsheetCell<T extends string | number | null | undefined>(value: T): T | string {
  return typeof value === "string" && needsGuard(value) ? `'${value}` : value;
}

/**
 * One cell read back by an importer of our own exports: the apostrophe {@link spreadsheetCell} added is removed, and
 * only that one (a text that starts with an apostrophe of its own keeps it), so export → import gives the text back
 * unchanged: `'=SUM(A1)` → `=SUM(A1)`, `''=x` → `'=x`, `'quoted` stays.
 */
export function fromSpreadsheetCell(text: string): string {
  return text.startsWith("'") && needsGuard(text.slice(1)) ? text.slice(1) : text;
}

/**
 * The inverse of {@link spreadsheetCell} for text read back from a spreadsheet: a leading apostrophe before text that
 * looks like a formula is the mark an export added (Excel itself never stores the apostrophe a clerk types, it keeps
 * it as the cell's quote prefix), so it is dropped and a round trip gives back the text as it was. Other text is
 * returned unchanged (「'23年度」 keeps its apostrophe).
 */
export function exportedCellText(text: string): string {
  return fromSpreadsheetCell(text);
}

/** A whole grid through {@link spreadsheetCell}. */
export function spreadsheetRows<T extends string | number | null | undefined>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((r) => r.map(spreadsheetCell));
}
