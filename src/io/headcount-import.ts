/**
 * 職員数 (headcount) import: a grid of text (from CSV or xlsx) → validated headcount records, quotas and a
 * list of problems tied to rows and cells. Two layouts are read:
 * - long (縦持ち): one row per unit, year, category and count, for data kept in other systems;
 * - table (図表4): units as rows and years as columns, the layout the annual report prints.
 * Nothing here writes: the caller applies the records only when the problem list has no error.
 */
import { formatFiscalYear, parseFiscalYear } from "../domain/era.js";
import { CATEGORY_KEYS, categoryFromLabel, categoryLabel, type HeadcountCategory, type HeadcountCounts, headcountProblems } from "../domain/headcount.js";
import { existsIn, type UnitKind } from "../domain/organisation.js";
import { type HeadcountRecord, leaveRecorded, unitTotalsForYear, yearTotals } from "../domain/staffing.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

/** A unit as the importer needs it; structurally a StaffingUnit with its code. */
export interface ImportUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  sortOrder: number;
  validFrom: number | null;
  validTo: number | null;
}

export interface HeadcountImport {
  /** One per unit and year, all categories merged. */
  records: HeadcountRecord[];
  /** From a 定数 column, when the file has one. */
  quotas: { unitId: number; quota: number }[];
  years: number[];
  problems: ImportProblem[];
}

// ---------------------------------------------------------------------------
// Cells

function cellAt(row: readonly string[] | undefined, index: number): string {
  return (row?.[index] ?? "").trim();
}

function isBlankRow(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === "");
}

/** Names are compared without width differences or spaces: the seed spaces out short names (「病 院」「消 防」). */
function normaliseName(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** Table row labels also carry notes after ※ (「市長部局※病院除く」). */
function tableLabel(text: string): string {
  return normaliseName(text).replace(/※.*$/, "");
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A headcount or quota as people type it: "1,055", full-width digits, and in tables "(18)" for うち数.
 * Anything but a non-negative whole number is rejected, not rounded.
 */
function parseCount(raw: string, what: string, allowParentheses: boolean): Parsed<number> {
  let text = raw.normalize("NFKC").replace(/\s+/g, "");
  if (allowParentheses) {
    const m = /^\((.*)\)$/.exec(text);
    if (m) text = m[1] ?? "";
  }
  if (/^-\d[\d,]*(\.\d+)?$/.test(text)) return { ok: false, message: `${what}は0以上の整数で入力してください: 「${raw}」` };
  if (/^(\d{1,3}(,\d{3})+|\d+)\.\d+$/.test(text)) return { ok: false, message: `${what}は整数で入力してください (小数は使えません): 「${raw}」` };
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(text)) return { ok: false, message: `${what}を数値として読めません: 「${raw}」(0以上の整数を入力してください)` };
  const value = Number(text.replace(/,/g, ""));
  if (!Number.isSafeInteger(value)) return { ok: false, message: `${what}が大きすぎます: 「${raw}」` };
  return { ok: true, value };
}

function parseYear(raw: string): Parsed<number> {
  try {
    return { ok: true, value: parseFiscalYear(raw) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function validityText(unit: ImportUnit): string {
  if (unit.validFrom !== null && unit.validTo !== null) return `${unit.validFrom}年度から${unit.validTo}年度まで`;
  if (unit.validFrom !== null) return `${unit.validFrom}年度から`;
  if (unit.validTo !== null) return `${unit.validTo}年度まで`;
  return "期間の定めなし";
}

function notExistingMessage(unit: ImportUnit, fy: number): string {
  return `組織「${unit.name}」は${formatFiscalYear(fy)}には存在しません (${validityText(unit)})。組織の存続期間か年度を確認してください`;
}

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// ---------------------------------------------------------------------------
// Units

type UnitMatch = { ok: true; unit: ImportUnit } | { ok: false; message: string };

class UnitLookup {
  private readonly byCode = new Map<string, ImportUnit>();
  private readonly byName = new Map<string, ImportUnit[]>();
  private readonly byTableLabel = new Map<string, ImportUnit[]>();

  constructor(readonly units: readonly ImportUnit[]) {
    for (const u of units) {
      this.byCode.set(u.code.normalize("NFKC").trim(), u);
      this.byName.set(normaliseName(u.name), [...(this.byName.get(normaliseName(u.name)) ?? []), u]);
      this.byTableLabel.set(tableLabel(u.name), [...(this.byTableLabel.get(tableLabel(u.name)) ?? []), u]);
    }
  }

  code(raw: string): ImportUnit | undefined {
    return this.byCode.get(raw.normalize("NFKC").trim());
  }

  /** A code, or a name exactly one unit has. */
  codeOrName(raw: string): UnitMatch {
    const byCode = this.code(raw);
    if (byCode) return { ok: true, unit: byCode };
    return this.pick(this.byName.get(normaliseName(raw)) ?? [], raw);
  }

  tableRow(raw: string): UnitMatch {
    return this.pick(this.byTableLabel.get(tableLabel(raw)) ?? [], raw);
  }

  private pick(found: readonly ImportUnit[], raw: string): UnitMatch {
    const [first, second] = found;
    if (!first) return { ok: false, message: `組織「${raw}」が見つかりません。組織の一覧にある名称かコードを入力してください` };
    if (second) {
      const codes = found.map((u) => u.code).join("、");
      return { ok: false, message: `組織「${raw}」は複数あります (コード: ${codes})。組織コードで指定してください` };
    }
    return { ok: true, unit: first };
  }

  children(unitId: number, fy: number): ImportUnit[] {
    return this.units.filter((u) => u.parentId === unitId && existsIn(u, fy));
  }
}

// ---------------------------------------------------------------------------
// Shared by both layouts: the figures as stated in the file, then records derived from them.

interface Place {
  row: number;
  column: number;
}

/** A figure as the file states it, with where it was written. */
interface Stated extends Place {
  value: number;
}

class StatedFigures {
  /** key `${unitId}:${fy}` → category → figure. */
  private readonly figures = new Map<string, Map<HeadcountCategory, Stated>>();

  get(unitId: number, fy: number, category: HeadcountCategory): Stated | undefined {
    return this.figures.get(`${unitId}:${fy}`)?.get(category);
  }

  set(unitId: number, fy: number, category: HeadcountCategory, figure: Stated): void {
    const key = `${unitId}:${fy}`;
    const map = this.figures.get(key) ?? new Map<HeadcountCategory, Stated>();
    map.set(category, figure);
    this.figures.set(key, map);
  }

  entries(): { unitId: number; fiscalYear: number; figures: Map<HeadcountCategory, Stated> }[] {
    return [...this.figures].map(([key, figures]) => {
      const [unitId, fiscalYear] = key.split(":").map(Number);
      return { unitId: unitId ?? 0, fiscalYear: fiscalYear ?? 0, figures };
    });
  }
}

/**
 * Sum of the figures stated for a category by the nearest units below `unitId` that state one (a department
 * stating 職員数 stands for its divisions). Null when nothing below states the category.
 */
function statedBelow(lookup: UnitLookup, stated: StatedFigures, unitId: number, fy: number, category: HeadcountCategory): number | null {
  let sum: number | null = null;
  for (const child of lookup.children(unitId, fy)) {
    const own = stated.get(child.id, fy, category);
    const below = own ? own.value : statedBelow(lookup, stated, child.id, fy, category);
    if (below !== null) sum = (sum ?? 0) + below;
  }
  return sum;
}

/**
 * Turns stated figures into records, the way unitTotalsForYear rolls them up again:
 * - a parent's 職員数 is not stored when units below it state theirs (it is derived), but must equal their sum;
 * - in a table (`partsAreTotals`) a parent's うち数 (派遣 …) counts the whole parent, as its 職員数 does, so what
 *   is stored on it is the part not stated below; in the long layout every figure is the unit's own.
 * Then checks every unit's figures against each other (headcountProblems). Sums are not checked for the years in
 * `unsure`, where a figure could not be read: the mismatch would only repeat that error.
 */
function buildRecords(
  lookup: UnitLookup,
  stated: StatedFigures,
  problems: ImportProblem[],
  partsAreTotals: boolean,
  unsure: ReadonlySet<number> = new Set(),
): HeadcountRecord[] {
  const records: HeadcountRecord[] = [];
  const parentStaff: { unit: ImportUnit; fiscalYear: number; figure: Stated }[] = [];
  for (const { unitId, fiscalYear, figures } of stated.entries()) {
    const unit = lookup.units.find((u) => u.id === unitId);
    if (!unit) continue;
    const counts: HeadcountCounts = {};
    const asStated: HeadcountCounts = {};
    for (const category of CATEGORY_KEYS) {
      const figure = figures.get(category);
      if (!figure) continue;
      asStated[category] = figure.value;
      const below = category === "staff" || partsAreTotals ? statedBelow(lookup, stated, unitId, fiscalYear, category) : null;
      if (below === null) {
        counts[category] = figure.value;
      } else if (category === "staff") {
        parentStaff.push({ unit, fiscalYear, figure });
      } else if (figure.value < below) {
        problems.push(
          cellProblem("error", figure.row, figure.column,
            `「${unit.name}」の${formatFiscalYear(fiscalYear)}の${categoryLabel(category)} ${figure.value} が、その下の組織の${categoryLabel(category)}の合計 ${below} より少なくなっています`),
        );
      } else if (figure.value > below) {
        counts[category] = figure.value - below;
      }
    }
    const staffFigure = figures.get("staff") ?? [...figures.values()][0];
    for (const message of headcountProblems(asStated)) {
      if (staffFigure) problems.push(cellProblem("error", staffFigure.row, staffFigure.column, `「${unit.name}」の${formatFiscalYear(fiscalYear)}: ${message}`));
    }
    if (Object.keys(counts).length > 0) records.push({ unitId, fiscalYear, counts });
  }
  const totalsByYear = new Map<number, ReturnType<typeof unitTotalsForYear>>();
  for (const { unit, fiscalYear, figure } of parentStaff) {
    if (unsure.has(fiscalYear)) continue;
    const totals = totalsByYear.get(fiscalYear) ?? unitTotalsForYear(lookup.units, records, fiscalYear);
    totalsByYear.set(fiscalYear, totals);
    const derived = totals.get(unit.id)?.staff ?? null;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", figure.row, figure.column,
          `「${unit.name}」の${formatFiscalYear(fiscalYear)}の職員数 ${formatNumber(figure.value)} が、その下の組織の合計 ${derived === null ? "(なし)" : formatNumber(derived)} と一致しません`),
      );
    }
  }
  records.sort((a, b) => a.fiscalYear - b.fiscalYear || a.unitId - b.unitId);
  return records;
}

function yearsOf(records: readonly HeadcountRecord[], extra: readonly number[] = []): number[] {
  return [...new Set([...records.map((r) => r.fiscalYear), ...extra])].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Long layout

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
  const t = normaliseName(text).toLowerCase();
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

function firstNonBlankRow(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((r) => !isBlankRow(r));
}

/** "long" when the first non-empty row names a unit, a year and a count column; otherwise the 図表4 table. */
export function detectHeadcountLayout(rows: readonly (readonly string[])[]): "long" | "table" {
  const header = rows[firstNonBlankRow(rows)];
  if (!header) return "table";
  const c = longColumns(header);
  return (c.code !== undefined || c.unit !== undefined) && c.year !== undefined && c.count !== undefined ? "long" : "table";
}

/**
 * Long layout: a header row (組織コード|組織|unit, 年度|year, 区分|category, 人数|count, optional 定数|quota, any
 * order), then one row per unit, year, category and count. Without a 区分 column every count is 職員数.
 */
export function parseHeadcountLong(rows: readonly (readonly string[])[], units: readonly ImportUnit[]): HeadcountImport {
  const problems: ImportProblem[] = [];
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
      const year = parseYear(yearText);
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
    if (col.unit !== undefined && nameText !== "" && normaliseName(nameText) !== normaliseName(unit.name)) {
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

// ---------------------------------------------------------------------------
// Table layout (図表4)

const GENERAL_TOTAL = "一般職(合計)";
const QUOTA_TOTAL = "一般職(定数合計)";

function isQuotaHeader(text: string): boolean {
  return /^(定数|条例定数|quota)$/i.test(normaliseName(text));
}

/** The header is the first row whose cells after the first are mostly fiscal years (a typo in one must not hide it). */
function findYearHeader(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((row) => {
    const labels = row.slice(1).map((c) => c.trim()).filter((c) => c !== "" && !isQuotaHeader(c));
    const readable = labels.filter((c) => parseYear(c).ok).length;
    return readable > 0 && readable * 2 >= labels.length;
  });
}

interface YearColumn {
  column: number;
  fiscalYear: number;
}

/**
 * Table layout, as 図表4 prints it: a header row of fiscal years (and 定数), a row per unit (name in the first
 * cell), (うち…) rows under a unit, and the 一般職(合計) / 一般職(定数合計) rows, which are checked, not stored.
 */
export function parseHeadcountTable(rows: readonly (readonly string[])[], units: readonly ImportUnit[]): HeadcountImport {
  const problems: ImportProblem[] = [];
  const headerIndex = findYearHeader(rows);
  const header = rows[headerIndex];
  if (!header) {
    return { records: [], quotas: [], years: [], problems: [rowProblem("error", 1, "年度の見出し行が見つかりません (2列目以降に「令7 (2025)」のような年度を並べた行が必要です)")] };
  }
  const headerRow = headerIndex + 1;
  const yearColumns: YearColumn[] = [];
  let quotaColumn: number | undefined;
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (index === 0 || text === "") return;
    if (isQuotaHeader(text)) {
      quotaColumn ??= index;
      return;
    }
    const year = parseYear(text);
    if (!year.ok) {
      problems.push(cellProblem("error", headerRow, index + 1, `年度の見出しを読めません: ${year.message}`));
      return;
    }
    const same = yearColumns.find((y) => y.fiscalYear === year.value);
    if (same) {
      problems.push(cellProblem("error", headerRow, index + 1, `${formatFiscalYear(year.value)}の列が2つあります (${same.column + 1}列目と${index + 1}列目)`));
      return;
    }
    yearColumns.push({ column: index, fiscalYear: year.value });
  });

  const lookup = new UnitLookup(units);
  const stated = new StatedFigures();
  const quotas: { unit: ImportUnit; figure: Stated }[] = [];
  const unitRows = new Map<number, number>();
  const totalRows: { kind: "general" | "quota"; index: number }[] = [];
  // Years with a figure that could not be taken in; their sums are not checked (see buildRecords).
  const unsure = new Set<number>();
  let quotaUnsure = false;
  // The unit a (うち…) row belongs to; null after a total row or a row that matched no unit.
  let current: ImportUnit | null = null;

  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const r = i + 1;
    if (isBlankRow(row)) continue;
    const first = cellAt(row, 0);
    const label = normaliseName(first);
    if (label.startsWith("※")) continue;
    if (label === "") {
      problems.push(cellProblem("error", r, 1, "組織名が空欄です (1列目に組織名を入力してください)"));
      current = null;
      continue;
    }
    if (label === GENERAL_TOTAL || label === QUOTA_TOTAL) {
      totalRows.push({ kind: label === GENERAL_TOTAL ? "general" : "quota", index: i });
      current = null;
      continue;
    }
    if (/^\(.*\)$/.test(label)) {
      readSubRow(row, r, first, current, yearColumns, stated, problems, unsure);
      continue;
    }
    const match = lookup.tableRow(first);
    if (!match.ok) {
      problems.push(cellProblem("error", r, 1, match.message));
      current = null;
      continue;
    }
    const unit = match.unit;
    const earlier = unitRows.get(unit.id);
    if (earlier !== undefined) {
      problems.push(cellProblem("error", r, 1, `組織「${unit.name}」の行が${earlier}行目にもあります`));
      current = null;
      continue;
    }
    unitRows.set(unit.id, r);
    current = unit;
    for (const { column, fiscalYear } of yearColumns) {
      const figure = readTableFigure(row, r, column, "職員数", false, problems);
      if (figure === null) unsure.add(fiscalYear);
      if (!figure) continue;
      if (existsIn(unit, fiscalYear)) {
        stated.set(unit.id, fiscalYear, "staff", figure);
      } else {
        problems.push(cellProblem("error", r, column + 1, notExistingMessage(unit, fiscalYear)));
        unsure.add(fiscalYear);
      }
    }
    if (quotaColumn !== undefined) {
      const figure = readTableFigure(row, r, quotaColumn, "定数", false, problems);
      if (figure === null) quotaUnsure = true;
      if (figure && unit.kind === "special") {
        problems.push(cellProblem("error", r, quotaColumn + 1, `「${unit.name}」は特別職で、定数の対象ではありません`));
      } else if (figure) {
        quotas.push({ unit, figure });
      }
    }
  }

  const records = buildRecords(lookup, stated, problems, true, unsure);
  const storedQuotas = checkGroupQuotas(quotas, quotaUnsure, problems);
  for (const total of totalRows) {
    const row = rows[total.index] ?? [];
    const checkedYears = yearColumns.filter((y) => !unsure.has(y.fiscalYear));
    if (total.kind === "general") checkGeneralTotal(row, total.index + 1, checkedYears, quotaUnsure ? undefined : quotaColumn, lookup, records, storedQuotas, problems);
    else checkQuotaTotal(row, total.index + 1, checkedYears, lookup, records, problems);
  }
  return {
    records,
    quotas: storedQuotas,
    years: yearsOf(records, yearColumns.map((y) => y.fiscalYear)),
    problems: sortProblems(problems),
  };
}

/** One number cell of the table; undefined for a blank (not recorded), null for an unreadable cell (reported). */
function readTableFigure(row: readonly string[], r: number, column: number, what: string, parenthesised: boolean, problems: ImportProblem[]): Stated | null | undefined {
  const text = cellAt(row, column);
  if (text === "") return undefined;
  const parsed = parseCount(text, what, parenthesised);
  if (!parsed.ok) {
    problems.push(cellProblem("error", r, column + 1, parsed.message));
    return null;
  }
  return { value: parsed.value, row: r, column: column + 1 };
}

/** A (うち…) row: a category of the nearest unit row above, values written "(18)". */
function readSubRow(
  row: readonly string[],
  r: number,
  first: string,
  current: ImportUnit | null,
  yearColumns: readonly YearColumn[],
  stated: StatedFigures,
  problems: ImportProblem[],
  unsure: Set<number>,
): void {
  const category = categoryFromLabel(first);
  if (!category || category === "staff") {
    problems.push(cellProblem("error", r, 1, `内訳「${first}」の区分が分かりません (「(うち派遣職員)」のように ${CATEGORY_KEYS.filter((k) => k !== "staff").map(categoryLabel).join("、")} のいずれかを書いてください)`));
    return;
  }
  if (!current) {
    problems.push(cellProblem("error", r, 1, `内訳「${first}」の上に、対応する組織の行がありません`));
    return;
  }
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, categoryLabel(category), true, problems);
    if (figure === null) unsure.add(fiscalYear);
    if (!figure) continue;
    const previous = stated.get(current.id, fiscalYear, category);
    if (!existsIn(current, fiscalYear)) {
      problems.push(cellProblem("error", r, column + 1, notExistingMessage(current, fiscalYear)));
      unsure.add(fiscalYear);
    } else if (previous) problems.push(cellProblem("error", r, column + 1, `「${current.name}」の${categoryLabel(category)}の行が${previous.row}行目にもあります`));
    else stated.set(current.id, fiscalYear, category, figure);
  }
}

/** Groups (行政委員会等) show the sum of their members' quotas: checked, never stored. */
function checkGroupQuotas(quotas: readonly { unit: ImportUnit; figure: Stated }[], unsure: boolean, problems: ImportProblem[]): { unitId: number; quota: number }[] {
  const stored = quotas.filter((q) => q.unit.kind !== "group");
  for (const { unit, figure } of unsure ? [] : quotas) {
    if (unit.kind !== "group") continue;
    const members = stored.filter((q) => q.unit.parentId === unit.id);
    if (members.length === 0) {
      problems.push(cellProblem("warning", figure.row, figure.column, `「${unit.name}」の定数は構成する組織の定数の合計ですが、構成する組織の定数がないため確かめられません。取り込みません`));
      continue;
    }
    const sum = members.reduce((s, q) => s + q.figure.value, 0);
    if (sum !== figure.value) {
      problems.push(cellProblem("error", figure.row, figure.column, `「${unit.name}」の定数 ${formatNumber(figure.value)} が、構成する組織の定数の合計 ${formatNumber(sum)} と一致しません`));
    }
  }
  return stored.map((q) => ({ unitId: q.unit.id, quota: q.figure.value }));
}

function checkGeneralTotal(
  row: readonly string[],
  r: number,
  yearColumns: readonly YearColumn[],
  quotaColumn: number | undefined,
  lookup: UnitLookup,
  records: readonly HeadcountRecord[],
  quotas: readonly { unitId: number; quota: number }[],
  problems: ImportProblem[],
): void {
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, GENERAL_TOTAL, false, problems);
    if (!figure) continue;
    const derived = yearTotals(lookup.units, records, fiscalYear).generalTotal;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", r, column + 1,
          `${GENERAL_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatNumber(figure.value)} が、各組織の職員数の合計 ${derived === null ? "(なし)" : formatNumber(derived)} と一致しません`),
      );
    }
  }
  if (quotaColumn === undefined) return;
  const figure = readTableFigure(row, r, quotaColumn, "定数の合計", false, problems);
  if (!figure) return;
  const sum = quotas.reduce((s, q) => s + q.quota, 0);
  if (sum !== figure.value) {
    problems.push(cellProblem("error", r, quotaColumn + 1, `定数の合計 ${formatNumber(figure.value)} が、各組織の定数の合計 ${formatNumber(sum)} と一致しません`));
  }
}

/**
 * 一般職(定数合計) is derived (職員数 − 派遣 − 休職・休業 + 育児休業代替), never typed in. It can be checked only
 * when the year has leave figures; the quota column on this row holds the cap ("(3%上限) 1,092") and is skipped.
 */
function checkQuotaTotal(
  row: readonly string[],
  r: number,
  yearColumns: readonly YearColumn[],
  lookup: UnitLookup,
  records: readonly HeadcountRecord[],
  problems: ImportProblem[],
): void {
  for (const { column, fiscalYear } of yearColumns) {
    const figure = readTableFigure(row, r, column, QUOTA_TOTAL, false, problems);
    if (!figure) continue;
    if (!leaveRecorded(records, fiscalYear)) {
      problems.push(
        cellProblem("warning", r, column + 1,
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatNumber(figure.value)} は、休職・休業と育児休業代替任期付職員の人数がファイルにないため確かめられません。この値は取り込みません (職員数から計算されます)`),
      );
      continue;
    }
    const derived = yearTotals(lookup.units, records, fiscalYear).quotaTotal;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", r, column + 1,
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatNumber(figure.value)} が、各組織から計算した値 ${derived === null ? "(なし)" : formatNumber(derived)} と一致しません`),
      );
    }
  }
}
