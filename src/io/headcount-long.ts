/**
 * 職員数 (headcount) import, long layout (縦持ち): one row per unit, year, category and count, for data kept in
 * other systems. A grid of text → records, quotas and problems tied to rows and cells; nothing here writes.
 */
import { formatFiscalYear } from "../domain/era.js";
import { CATEGORY_KEYS, categoryFromLabel, categoryLabel, type HeadcountCategory } from "../domain/headcount.js";
import { existsIn } from "../domain/organisation.js";
import { cellAt, compact, firstNonBlankRow, type Grid, isBlankRow, parseCount } from "./cells.js";
import { buildRecords, type HeadcountImport, parseYear, type Stated, StatedFigures, yearsOf } from "./headcount-figures.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";
import { type ImportUnit, notExistingMessage, UnitLookup } from "./unit-lookup.js";

type LongColumn = "code" | "unit" | "year" | "category" | "count" | "quota";

const LONG_HEADERS: Record<LongColumn, readonly string[]> = {
  code: ["組織コード", "コード", "code", "unitcode", "unit_code"],
  unit: ["組織", "組織名", "部局", "部局名", "unit", "unitname", "unit_name"],
  year: ["年度", "year", "fiscalyear", "fiscal_year"],
  category: ["区分", "category"],
  count: ["人数", "count"],
  quota: ["定数", "quota"],
};

function headerKey(text: string): LongColumn | undefined {
  const t = compact(text).toLowerCase();
  for (const [key, names] of Object.entries(LONG_HEADERS) as [LongColumn, readonly string[]][]) {
    if (names.includes(t)) return key;
  }
  return undefined;
}

function longColumns(header: readonly string[]): Partial<Record<LongColumn, number>> {
  const columns: Partial<Record<LongColumn, number>> = {};
  header.forEach((text, index) => {
    const key = headerKey(text);
    if (key && columns[key] === undefined) columns[key] = index;
  });
  return columns;
}

/** "long" when the first non-empty row names a unit, a year and a count column; otherwise the 図表4 table. */
export function detectHeadcountLayout(rows: Grid): "long" | "table" {
  const header = rows[firstNonBlankRow(rows)];
  if (!header) return "table";
  const c = longColumns(header);
  return (c.code !== undefined || c.unit !== undefined) && c.year !== undefined && c.count !== undefined ? "long" : "table";
}

/**
 * Why a grid is not the long layout, in Japanese for the import page: the columns it lacks and the header
 * cells it does not know (「年月」 where 「年度」 was meant). Empty when the first row is a long header.
 */
export function whyNotLongLayout(rows: Grid): string {
  const headerIndex = firstNonBlankRow(rows);
  const header = rows[headerIndex];
  if (!header) return "データがありません";
  const col = longColumns(header);
  const missing = [
    col.code === undefined && col.unit === undefined ? "組織コードまたは組織" : null,
    col.year === undefined ? "年度" : null,
    col.count === undefined ? "人数" : null,
  ].filter((x): x is string => x !== null);
  if (missing.length === 0) return "";
  const unknown = header.map((c) => c.trim()).filter((c) => c !== "" && headerKey(c) === undefined);
  return `${headerIndex + 1}行目の見出しに「${missing.join("」「")}」の列がありません${
    unknown.length > 0 ? ` (分からない列名: ${unknown.slice(0, 6).map((c) => `「${c}」`).join("")}。使える列名: 組織コード・組織・年度・区分・人数・定数)` : ""
  }`;
}

/**
 * Long layout: a header row (組織コード|組織|unit, 年度|year, 区分|category, 人数|count, optional 定数|quota, any
 * order), then one row per unit, year, category and count. Without a 区分 column every count is 職員数.
 */
export function parseHeadcountLong(rows: Grid, units: readonly ImportUnit[], options: { currentFiscalYear: number }): HeadcountImport {
  const problems: ImportProblem[] = [];
  const currentFiscalYear = options.currentFiscalYear;
  const headerIndex = firstNonBlankRow(rows);
  const header = rows[headerIndex];
  if (!header) return { records: [], quotas: [], years: [], problems: [rowProblem("error", 1, "データがありません")] };
  const headerRow = headerIndex + 1;
  const col = longColumns(header);
  const unitColumn = col.code ?? col.unit;
  const missing = [
    unitColumn === undefined ? "組織コードまたは組織" : null,
    col.year === undefined ? "年度" : null,
    col.count === undefined ? "人数" : null,
  ].filter((x): x is string => x !== null);
  if (unitColumn === undefined || col.year === undefined || col.count === undefined) {
    return { records: [], quotas: [], years: [], problems: [rowProblem("error", headerRow, `見出し行に「${missing.join("」「")}」の列がありません`)] };
  }
  const yearColumn = col.year;
  const countColumn = col.count;

  const lookup = new UnitLookup(units);
  const stated = new StatedFigures();
  const quotas = new Map<number, Stated>();

  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row)) continue;
    const r = i + 1;
    const err = (column: number, message: string) => problems.push(cellProblem("error", r, column + 1, message));

    const unit = readLongUnit(row, col, lookup, r, problems);

    let fy: number | undefined;
    const yearText = cellAt(row, yearColumn);
    if (yearText === "") err(yearColumn, "年度が空欄です");
    else {
      const year = parseYear(yearText, { currentFiscalYear });
      if (year.ok) fy = year.value;
      else err(yearColumn, year.message);
    }
    if (unit && fy !== undefined && !existsIn(unit, fy)) err(yearColumn, notExistingMessage(unit, fy));

    let category: HeadcountCategory | undefined = "staff";
    if (col.category !== undefined) {
      const text = cellAt(row, col.category);
      category = text === "" ? undefined : categoryFromLabel(text);
      if (text === "") err(col.category, "区分が空欄です");
      else if (!category) err(col.category, `区分「${text}」が分かりません (${CATEGORY_KEYS.map(categoryLabel).join("、")} のいずれか)`);
    }

    let count: number | undefined;
    const countText = cellAt(row, countColumn);
    if (countText === "") err(countColumn, "人数が空欄です");
    else {
      const parsed = parseCount(countText, "人数", false);
      if (parsed.ok) count = parsed.value;
      else err(countColumn, parsed.message);
      if (parsed.ok && parsed.note) problems.push(cellProblem("warning", r, countColumn + 1, parsed.note));
    }

    if (col.quota !== undefined && unit) readLongQuota(row, col.quota, unit, r, quotas, problems);

    if (!unit || fy === undefined || !existsIn(unit, fy) || !category || count === undefined) continue;
    const previous = stated.get(unit.id, fy, category);
    if (previous && previous.value !== count) {
      err(countColumn, `「${unit.name}」${formatFiscalYear(fy)}の${categoryLabel(category)}が${previous.row}行目にもあり、値が異なります (${previous.value} と ${count})`);
    } else if (previous) {
      problems.push(cellProblem("warning", r, countColumn + 1, `${previous.row}行目と同じ内容の重複行です (1件として取り込みます)`));
    } else {
      stated.set(unit.id, fy, category, { value: count, row: r, column: countColumn + 1 });
    }
  }

  const records = buildRecords(lookup, stated, problems, false);
  return {
    records,
    quotas: [...quotas].map(([unitId, q]) => ({ unitId, quota: q.value })),
    years: yearsOf(records),
    problems: sortProblems(problems),
    places: stated.places(),
  };
}

/** The unit of a long row: its code wins when both code and name are given (names change, codes do not). */
function readLongUnit(
  row: readonly string[],
  col: Partial<Record<LongColumn, number>>,
  lookup: UnitLookup,
  r: number,
  problems: ImportProblem[],
): ImportUnit | undefined {
  const codeText = col.code === undefined ? "" : cellAt(row, col.code);
  const nameText = col.unit === undefined ? "" : cellAt(row, col.unit);
  if (col.code !== undefined && codeText !== "") {
    const unit = lookup.code(codeText);
    if (!unit) {
      problems.push(cellProblem("error", r, col.code + 1, `組織コード「${codeText}」の組織が見つかりません`));
      return undefined;
    }
    if (col.unit !== undefined && nameText !== "" && compact(nameText) !== compact(unit.name)) {
      problems.push(cellProblem("warning", r, col.unit + 1, `組織コード「${codeText}」は「${unit.name}」です。組織名「${nameText}」ではなくコードで取り込みます`));
    }
    return unit;
  }
  const column = nameText !== "" ? col.unit : (col.code ?? col.unit);
  if (column === undefined) return undefined;
  if (nameText === "") {
    problems.push(cellProblem("error", r, column + 1, "組織が空欄です"));
    return undefined;
  }
  const match = lookup.codeOrName(nameText);
  if (!match.ok) {
    problems.push(cellProblem("error", r, column + 1, match.message));
    return undefined;
  }
  return match.unit;
}

function readLongQuota(row: readonly string[], column: number, unit: ImportUnit, r: number, quotas: Map<number, Stated>, problems: ImportProblem[]): void {
  const text = cellAt(row, column);
  if (text === "") return;
  const parsed = parseCount(text, "定数", false);
  if (!parsed.ok) {
    problems.push(cellProblem("error", r, column + 1, parsed.message));
    return;
  }
  const previous = quotas.get(unit.id);
  if (previous && previous.value !== parsed.value) {
    problems.push(cellProblem("error", r, column + 1, `「${unit.name}」の定数が${previous.row}行目と異なります (${previous.value} と ${parsed.value})`));
  } else if (!previous) {
    quotas.set(unit.id, { value: parsed.value, row: r, column: column + 1 });
  }
}
