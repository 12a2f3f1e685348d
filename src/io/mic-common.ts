/**
 * Shared reading of MIC's (総務省) spreadsheets: header blocks of several rows with merged cells, numbers as MIC
 * writes them (「▲14」「△14」「１，０７５」「－」), the survey year from a title or a header. Every reader works
 * on a grid of text (CSV or xlsx alike) and reports problems by cell; nothing here writes.
 */
import { comparisonName, readSurveyDate, type StaffByCode, subtotalDisagreement, type TotalCode } from "../domain/comparison.js";
import { MAX_STORED_INTEGER } from "../domain/input-limits.js";
import { prefectureByName } from "../domain/prefecture.js";
import { nonUnitRowKind, readNumberCell } from "../domain/number-cell.js";
import { cellAt, compact, formatCount, type Grid, isBlankRow, readYearCell } from "./cells.js";
import { cellProblem, type ImportProblem, rowProblem } from "./problems.js";

// The cell helpers every importer shares live in cells.ts; the MIC readers import them from here too.
export { cellAt, compact, formatCount, type Grid, isBlankRow } from "./cells.js";

/** Notes under a table: 「※…」「(参考: …)」「注1 …」. */
export function isNoteRow(row: readonly string[]): boolean {
  return nonUnitRowKind(row.find((c) => c.trim() !== "") ?? "") === "note";
}

/**
 * A stated subtotal (人) that is not the sum of its parts (domain subtotalDisagreement), as the error MIC's roster
 * and 診断表 imports report at its cell (row and column 1-based): 「一般行政計 540 が、内訳の合計 538 と一致しません」.
 * Null when they agree or no part is known. Never throws.
 */
export function subtotalProblem(code: TotalCode, stated: number, parts: StaffByCode, row: number, column: number): ImportProblem | null {
  const sum = subtotalDisagreement(code, stated, parts);
  return sum === null ? null : cellProblem("error", row, column, `${comparisonName(code)} ${formatCount(stated)} が、内訳の合計 ${formatCount(sum)} と一致しません`);
}

/**
 * What every MIC reader is given by its caller: the survey year chosen on the import form (used when the file does not
 * say) and the current fiscal year at the edge (the CLI's or the request's clock, Japan time), which decides how a
 * year written without its era is read. The readers read no clock.
 */
export interface MicReadOptions {
  fiscalYear?: number;
  currentFiscalYear: number;
}

export type NumberKind = "count" | "signed-count" | "decimal" | "signed-decimal";

export type ReadNumber = { ok: true; value: number | null } | { ok: false };

/**
 * A number cell in MIC's spelling. Blank, 「－」 and 「-」 are null (MIC prints － for "none"). Counts are whole
 * numbers of at most MAX_STORED_INTEGER (either sign); signed kinds accept ▲/△/- for negatives. An unreadable
 * or too large cell is reported with its cell name.
 */
export function readNumber(rows: Grid, r: number, c: number, what: string, kind: NumberKind, problems: ImportProblem[]): ReadNumber {
  const raw = cellAt(rows[r], c);
  const fail = (message: string): ReadNumber => {
    problems.push(cellProblem("error", r + 1, c + 1, message));
    return { ok: false };
  };
  // Every spelling (▲/△/U+2212/マイナス, full-width, commas, 「－」, a unit after the number, 外数 on a second line,
  // a change in brackets) is read once, by the domain's readNumberCell.
  const read = readNumberCell(raw);
  if (!read.ok || read.cell.bracketed || read.cell.parenthesised) return fail(`${what}を数値として読めません: 「${raw}」`);
  const value = read.cell.value;
  if (read.cell.outside !== undefined) {
    // 類似団体比較 keeps 職員数 only: MIC's 外数 (育児休業代替任期付職員) has no place there; the cell names where it was.
    problems.push(
      cellProblem(
        "warning",
        r + 1,
        c + 1,
        `${what}のセル「${raw.replace(/\s+/g, " ").trim()}」の2行目に外数 ${read.cell.outside.toLocaleString("ja-JP")}人 があります: 職員数 ${value === null ? "" : `${value.toLocaleString("ja-JP")}人 `}には数えず、取り込みません (類似団体比較の表は職員数だけを記録し、外数 (育児休業代替任期付職員) の欄はありません)`,
      ),
    );
  }
  if (value === null) return { ok: true, value: null };
  const signed = kind === "signed-count" || kind === "signed-decimal";
  const whole = kind === "count" || kind === "signed-count";
  if (value < 0 && !signed) return fail(`${what}に負の数は使えません: 「${raw}」`);
  if (whole && !Number.isInteger(value)) return fail(`${what}は整数で入力してください: 「${raw}」`);
  if (!Number.isFinite(value) || (whole && !Number.isSafeInteger(value))) return fail(`${what}が大きすぎます: 「${raw}」`);
  // Counts are stored as integer (int4): PostgreSQL refuses past MAX_STORED_INTEGER where SQLite would store it.
  if (whole && Math.abs(value) > MAX_STORED_INTEGER) return fail(`${what}が大きすぎます (${MAX_STORED_INTEGER.toLocaleString("ja-JP")}まで): 「${raw}」`);
  return { ok: true, value };
}

/** The first row (0-based) whose cells satisfy `test`, within the first `limit` rows; -1 when none. */
export function findRow(rows: Grid, test: (cells: string[]) => boolean, limit = 40): number {
  for (let i = 0; i < Math.min(rows.length, limit); i++) {
    const row = rows[i];
    if (row && test(row.map(compact))) return i;
  }
  return -1;
}

export interface HeaderBlock {
  /** 0-based index of the first header row. */
  first: number;
  /** 0-based index of the first body row. */
  bodyStart: number;
  /** Per column, the labels of each header row, top to bottom ("" where none), merged labels carried across. */
  labels: string[][];
  width: number;
}

/**
 * The header block starting at row `first`: that row and the rows below it that are still headers (their key
 * column is blank or repeats the key label, as a vertically merged cell does in xlsx). A label left blank in a
 * CSV where the row below has sub-labels is taken from the nearest label to its left, as a merged cell would be.
 */
export function readHeaderBlock(rows: Grid, first: number, keyColumn: number, maxDepth = 4): HeaderBlock {
  const top = rows[first] ?? [];
  const keyLabel = compact(cellAt(top, keyColumn));
  let end = first + 1;
  while (end < rows.length && end - first < maxDepth) {
    const row = rows[end];
    if (isBlankRow(row)) break;
    const key = compact(cellAt(row, keyColumn));
    if (key !== "" && key !== keyLabel) break;
    end++;
  }
  const width = Math.max(...rows.slice(first, end).map((r) => r.length), 0);
  const depth = end - first;
  const grid: string[][] = [];
  for (let d = 0; d < depth; d++) grid.push(Array.from({ length: width }, (_, c) => cellAt(rows[first + d], c)));
  for (let d = 0; d < depth - 1; d++) {
    const line = grid[d] ?? [];
    for (let c = 1; c < width; c++) {
      if (line[c] !== "") continue;
      const below = grid.slice(d + 1).some((l) => (l[c] ?? "") !== "");
      if (below) line[c] = line[c - 1] ?? "";
    }
  }
  const labels = Array.from({ length: width }, (_, c) => grid.map((line) => line[c] ?? ""));
  return { first, bodyStart: end, labels, width };
}

/** The distinct non-blank labels of a column, top to bottom, compacted. */
export function columnLabels(block: HeaderBlock, column: number): string[] {
  const out: string[] = [];
  for (const label of block.labels[column] ?? []) {
    const c = compact(label);
    if (c !== "" && out[out.length - 1] !== c) out.push(c);
  }
  return out;
}

/**
 * A fiscal year as written in a 年度 column: 「令和6年度」「R6」「2024」「令和6年4月1日」 (readYearHeader); null when
 * unreadable. `currentFiscalYear` is the edge's (CLI or route) current fiscal year; nothing here reads the clock.
 */
export function readYearText(text: string, currentFiscalYear: number): number | null {
  const year = readYearCell(text, { currentFiscalYear });
  return year.ok ? year.value : null;
}

/** The survey year written in a title above the header: 「令和6年4月1日現在」「令和6年度」. */
export function yearFromTitle(rows: Grid, before: number, currentFiscalYear: number): { fiscalYear: number; row: number } | null {
  for (let r = 0; r < before; r++) {
    for (const cell of rows[r] ?? []) {
      const text = cell.normalize("NFKC");
      const date = readSurveyDate(text);
      if (date) return { fiscalYear: date.fiscalYear, row: r + 1 };
      const label = /(令和|平成|R|H)(元|\d{1,2})年度|(\d{4})年度/.exec(text);
      if (label) {
        const year = readYearText(label[0], currentFiscalYear);
        if (year !== null) return { fiscalYear: year, row: r + 1 };
      }
    }
  }
  return null;
}

/**
 * The year a file is about when rows do not say: the title, else the year chosen on the import form.
 * `currentFiscalYear`: the edge's current fiscal year (readYearText).
 */
export function fileYear(rows: Grid, headerIndex: number, fallback: number | undefined, problems: ImportProblem[], needed: boolean, currentFiscalYear: number): number | null {
  const title = yearFromTitle(rows, headerIndex, currentFiscalYear);
  if (title) {
    if (fallback !== undefined && fallback !== title.fiscalYear) {
      problems.push(rowProblem("warning", title.row, `表題の年度(${title.fiscalYear}年度)で取り込みます (取込画面で指定した${fallback}年度ではありません)`));
    }
    return title.fiscalYear;
  }
  if (fallback !== undefined) return fallback;
  if (needed) problems.push(rowProblem("error", 1, "年度が分かりません。表題に「令和6年4月1日現在」のように書くか、「年度」の列を設けるか、取込画面で年度を指定してください"));
  return null;
}

/**
 * The prefecture a table's title limits it to: 「道内類似団体との比較」 → "01" (北海道), 「〇〇県内の…」 → that
 * prefecture's code; undefined when the title names none (a nationwide list). Used to read 5-digit 団体コード (kind E).
 */
export function titlePrefectureOf(rows: Grid, headerIndex: number): string | undefined {
  for (const row of rows.slice(0, headerIndex)) {
    const text = row.map(compact).join("");
    if (/道内/.test(text)) return "01";
    const named = /(北海道|東京都|京都府|大阪府|[^\s、。]{2,3}県)内/.exec(text);
    const found = named?.[1] ? prefectureByName(named[1]) : undefined;
    if (found) return found.code;
  }
  return undefined;
}
