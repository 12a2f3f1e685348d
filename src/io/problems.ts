/**
 * 取込エラー一覧 (import problem list): every finding is tied to a line, and where possible to the cell as a
 * spreadsheet names it ("C5"), so staff can correct the file they have open. Nothing is written while any
 * problem is an error; warnings are reported and the import goes ahead.
 */

export interface ImportProblem {
  severity: "error" | "warning";
  /** The sheet of an xlsx workbook the problem is on (absent for text files). */
  sheet?: string;
  /** 1-based row in the file or sheet. */
  row: number;
  /** 1-based column, when the problem is in one cell. */
  column?: number;
  /** Spreadsheet name of the cell, e.g. "C5". */
  cell?: string;
  /** Japanese, naming what was expected. */
  message: string;
}

/** Column letters as spreadsheets write them: 1 → A, 26 → Z, 27 → AA (bijective base 26, there is no zero digit). */
function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** (5, 3) → "C5", (1, 27) → "AA1". */
export function cellName(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 1 || !Number.isInteger(column) || column < 1) {
    throw new RangeError(`行と列は1以上の整数で指定してください: (${row}, ${column})`);
  }
  return `${columnLetters(column)}${row}`;
}

export function hasErrors(problems: readonly ImportProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** "C5: …" when the cell is known, otherwise "5行目: …"; led by シート「…」 when the problem names its sheet. */
export function formatProblem(p: ImportProblem): string {
  return `${problemPlace(p)}: ${p.message}`;
}

/** Where a problem is, as a clerk looks for it: 「シート「図表4」C5」, 「C5」 or 「5行目」. */
export function problemPlace(p: ImportProblem): string {
  return `${p.sheet === undefined ? "" : `シート「${p.sheet}」`}${p.cell ?? `${p.row}行目`}`;
}

/** The problems of one sheet, each naming it (a text file has no sheet: they are returned as they are). */
export function onSheet<P extends ImportProblem>(problems: readonly P[], sheet: string | null): P[] {
  return sheet === null ? [...problems] : problems.map((p) => ({ ...p, sheet }));
}

/** Problem builders shared by the readers; row and column are 1-based. */
export function cellProblem(severity: ImportProblem["severity"], row: number, column: number, message: string): ImportProblem {
  return { severity, row, column, cell: cellName(row, column), message };
}

export function rowProblem(severity: ImportProblem["severity"], row: number, message: string): ImportProblem {
  return { severity, row, message };
}

/** Problems in file order (by row, then column), errors before warnings in the same place. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const rank = (p: ImportProblem) => (p.severity === "error" ? 0 : 1);
  return [...problems].sort((a, b) => a.row - b.row || (a.column ?? 0) - (b.column ?? 0) || rank(a) - rank(b));
}
