/**
 * 年齢構成 (staff age profile) files: one row per unit, base year, birth cohort, job category and count
 * (縦持ち, the long layout). Aggregates only — no personal data. The same grid of text comes from CSV
 * (UTF-8 or Shift_JIS) or xlsx, so every check and every cell name works the same way for both.
 * Nothing here writes: the caller applies the rows only when the problem list has no error.
 */
import { existsIn } from "../domain/organisation.js";
import { parseFiscalYear } from "../domain/era.js";
import { foldLookalikes } from "../domain/text-fold.js";
import { GyokakuError, isGyokakuError, isInvalidInput } from "../domain/errors.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";
import { parseTypedCount } from "../domain/typed-count.js";
import { readYearCell } from "./cells.js";

/** A unit as the reader needs it; the validity years, when given, are checked against each row's base year. */
export interface AgeProfileUnit {
  id: number;
  code: string;
  name: string;
  validFrom?: number | null;
  validTo?: number | null;
}

export interface AgeProfileRecord {
  unitId: number;
  baseYear: number;
  /** School-year cohort of birth (1964 = born 1964-04-02 … 1965-04-01). */
  cohort: number;
  /** Job category code as in the retirement schedules ("general", "doctor", …). */
  category: string;
  count: number;
}

export interface AgeProfileImport {
  rows: AgeProfileRecord[];
  problems: ImportProblem[];
}

/** The youngest and oldest plausible staff ages in the base year (the same bounds saveAgeProfile applies). */
export const MIN_STAFF_AGE = 15;
export const MAX_STAFF_AGE = 80;

export const AGE_PROFILE_HEADERS = ["組織コード", "組織", "基準年度", "生まれ年度", "職種", "人数"] as const;

/** Look-alikes folded (kind D: full-width, every dash and minus) and spaces gone, as every importer compares labels. */
function normalise(text: string): string {
  return foldLookalikes(text).replace(/\s+/g, "");
}

/**
 * A birth cohort as people write it: 1964, "1964年度生まれ", "昭和39年度生まれ", "S39", "昭39". Read with
 * parseFiscalYear once 生まれ is stripped, so the same 和暦 rules apply.
 * @throws GyokakuError("invalid_input") naming what is wrong (「生まれ年度として読めません」 for a blank or unreadable one).
 */
export function parseCohort(raw: string): number {
  const text = normalise(raw).replace(/生まれ$|生$/, "");
  if (text === "") throw new GyokakuError("invalid_input", `生まれ年度として読めません: 「${raw}」(空欄です)`);
  try {
    return parseFiscalYear(text);
  } catch (error) {
    if (isGyokakuError(error) && error.code === "invalid_input") {
      throw new GyokakuError("invalid_input", error.message.replace("年度として読めません", "生まれ年度として読めません"));
    }
    throw error;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A count in an age profile (file cell or form field): the typed-count rule of every form (domain/typed-count.ts
 * parseTypedCount — 「1,055」, full-width digits, 「12人」, 「12.0」 read as 12; 「12.5」, 「-1」 and text refused; at most
 * 2,147,483,647), with one difference stated here: a blank cell is 0, since a cohort grid leaves empty the cohorts
 * nobody is in. Messages name 「人数」.
 */
export function parseAgeCount(raw: string): Parsed<number> {
  const read = parseTypedCount(raw, "人数");
  if (!read.ok) return { ok: false, message: read.message };
  return { ok: true, value: read.value ?? 0 };
}

type Column = "code" | "name" | "baseYear" | "cohort" | "category" | "count";

const HEADER_NAMES: Record<Column, readonly string[]> = {
  code: ["組織コード", "コード", "unitcode"],
  name: ["組織", "組織名", "unit"],
  baseYear: ["基準年度", "年度", "baseyear"],
  cohort: ["生まれ年度", "生年度", "誕生年度", "cohort"],
  category: ["職種", "職種コード", "category"],
  count: ["人数", "職員数", "count"],
};

function columnOf(header: string): Column | undefined {
  const name = normalise(header).toLowerCase();
  return (Object.keys(HEADER_NAMES) as Column[]).find((c) => HEADER_NAMES[c].includes(name));
}

/**
 * The long layout → records and problems. `categories` are the job-category codes in force; `labels`
 * (code → 職種の名称) lets a file name a category as the schedule does (「一般職」) as well as by its code.
 * Every problem names its cell; one (unit, base year, cohort, category) twice is an error. `currentFiscalYear` (年度,
 * from the edge's clock) decides which base years are plausible (up to current + 30); this reader reads no clock.
 */
export function parseAgeProfileLong(
  rows: string[][],
  units: readonly AgeProfileUnit[],
  categories: readonly string[],
  labels: Readonly<Record<string, string>>,
  options: { currentFiscalYear: number },
): AgeProfileImport {
  const problems: ImportProblem[] = [];
  const out: AgeProfileRecord[] = [];
  const { currentFiscalYear } = options;
  // The header is the first row naming the columns (a title above it, 「令和7年4月1日現在 年齢構成」, is no header);
  // without one, the first row that is not blank, whose missing columns are then named.
  const firstFilled = rows.findIndex((r) => r.some((c) => c.trim() !== ""));
  const named = rows.slice(0, 20).findIndex((r) => new Set(r.map(columnOf).filter((c) => c !== undefined)).size >= 3);
  const headerIndex = named >= 0 ? named : firstFilled;
  const header = rows[headerIndex];
  if (headerIndex < 0 || !header) return { rows: [], problems: [rowProblem("error", 1, "ファイルに値がありません")] };
  const headerRow = headerIndex + 1;

  const columns = new Map<Column, number>();
  header.forEach((cell, i) => {
    const column = columnOf(cell);
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const missing: string[] = [];
  if (!columns.has("code") && !columns.has("name")) missing.push("組織コード(または組織)");
  for (const [column, label] of [["baseYear", "基準年度"], ["cohort", "生まれ年度"], ["category", "職種"], ["count", "人数"]] as const) {
    if (!columns.has(column)) missing.push(label);
  }
  if (missing.length > 0) {
    return { rows: [], problems: [rowProblem("error", headerRow, `見出しの行に必要な列がありません: ${missing.join("、")} (見出し: ${AGE_PROFILE_HEADERS.join("・")})`)] };
  }

  const byCode = new Map(units.map((u) => [normalise(u.code), u]));
  const byName = new Map<string, AgeProfileUnit[]>();
  for (const u of units) byName.set(normalise(u.name), [...(byName.get(normalise(u.name)) ?? []), u]);
  const categoryByKey = new Map<string, string>();
  for (const c of categories) categoryByKey.set(normalise(c).toLowerCase(), c);
  for (const [code, label] of Object.entries(labels)) if (categories.includes(code)) categoryByKey.set(normalise(label).toLowerCase(), code);

  const seen = new Map<string, string>();
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((c) => c.trim() === "")) continue;
    const line = r + 1;
    const at = (column: Column): { text: string; col: number } | undefined => {
      const index = columns.get(column);
      return index === undefined ? undefined : { text: (row[index] ?? "").trim(), col: index + 1 };
    };
    const before = problems.length;

    // Unit: the code when there is one, otherwise a name exactly one unit has.
    let unit: AgeProfileUnit | undefined;
    const code = at("code");
    const name = at("name");
    if (code && code.text !== "") {
      unit = byCode.get(normalise(code.text));
      if (!unit) problems.push(cellProblem("error", line, code.col, `組織コード「${code.text}」の組織が見つかりません`));
    } else if (name && name.text !== "") {
      const found = byName.get(normalise(name.text)) ?? [];
      if (found.length === 1) unit = found[0];
      else if (found.length === 0) problems.push(cellProblem("error", line, name.col, `組織「${name.text}」が見つかりません。組織の一覧にある名称かコードを入力してください`));
      else problems.push(cellProblem("error", line, name.col, `組織「${name.text}」は複数あります (コード: ${found.map((u) => u.code).join("、")})。組織コードで指定してください`));
    } else {
      const where = code ?? name;
      problems.push(where ? cellProblem("error", line, where.col, "組織が空欄です") : rowProblem("error", line, "組織が空欄です"));
    }

    const yearCell = at("baseYear");
    let baseYear: number | undefined;
    if (yearCell) {
      // The one year reader (kind B): 「2025」「令和7年度」 and the survey date 「R7.4.1」「令和7年4月1日現在」 alike,
      // within the plausible span.
      const read = readYearCell(yearCell.text, { currentFiscalYear });
      if (read.ok) baseYear = read.value;
      else problems.push(cellProblem("error", line, yearCell.col, `基準年度: ${read.message}`));
    }

    const cohortCell = at("cohort");
    let cohort: number | undefined;
    if (cohortCell) {
      try {
        cohort = parseCohort(cohortCell.text);
        if (baseYear !== undefined) {
          const age = baseYear - cohort;
          if (age < MIN_STAFF_AGE || age > MAX_STAFF_AGE) {
            problems.push(cellProblem("error", line, cohortCell.col, `${cohortCell.text}は${baseYear}年度に${age}歳で、職員の年齢としてありえません (${MIN_STAFF_AGE}～${MAX_STAFF_AGE}歳)`));
          }
        }
      } catch (error) {
        if (!isInvalidInput(error)) throw error;
        problems.push(cellProblem("error", line, cohortCell.col, error.message));
      }
    }

    const categoryCell = at("category");
    let category: string | undefined;
    if (categoryCell) {
      category = categoryByKey.get(normalise(categoryCell.text).toLowerCase());
      if (!category) {
        problems.push(
          cellProblem("error", line, categoryCell.col, categoryCell.text === "" ? "職種が空欄です" : `職種「${categoryCell.text}」の定年が定められていません (使える職種: ${categories.join("、")})`),
        );
      }
    }

    const countCell = at("count");
    let count: number | undefined;
    if (countCell) {
      const parsed = parseAgeCount(countCell.text);
      if (parsed.ok) count = parsed.value;
      else problems.push(cellProblem("error", line, countCell.col, parsed.message));
    }

    if (unit && baseYear !== undefined && unit.validFrom !== undefined && unit.validTo !== undefined) {
      if (!existsIn({ validFrom: unit.validFrom ?? null, validTo: unit.validTo ?? null }, baseYear)) {
        const where = code && code.text !== "" ? code : (name ?? code);
        const message = `組織「${unit.name}」は${baseYear}年度には存在しません`;
        problems.push(where ? cellProblem("error", line, where.col, message) : rowProblem("error", line, message));
      }
    }

    if (problems.length > before || !unit || baseYear === undefined || cohort === undefined || category === undefined || count === undefined) continue;
    const key = `${unit.id}/${baseYear}/${cohort}/${category}`;
    const first = seen.get(key);
    if (first) {
      problems.push(rowProblem("error", line, `${first}と同じ組織・基準年度・生まれ年度・職種です (1行にまとめてください)`));
      continue;
    }
    seen.set(key, `${line}行目`);
    out.push({ unitId: unit.id, baseYear, cohort, category, count });
  }
  return { rows: out, problems: sortProblems(problems) };
}

/**
 * Records → the long layout (見出し + one row per non-zero count), in the order of `units` (pass them in tree
 * order), then base year, oldest cohort first and category. Reads back through parseAgeProfileLong unchanged.
 */
export function ageProfileToRows(records: readonly AgeProfileRecord[], units: readonly AgeProfileUnit[]): (string | number)[][] {
  const order = new Map(units.map((u, i) => [u.id, i]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const sorted = records
    .filter((r) => r.count > 0)
    .sort(
      (a, b) =>
        (order.get(a.unitId) ?? Infinity) - (order.get(b.unitId) ?? Infinity) ||
        a.unitId - b.unitId ||
        a.baseYear - b.baseYear ||
        a.cohort - b.cohort ||
        a.category.localeCompare(b.category),
    );
  const out: (string | number)[][] = [[...AGE_PROFILE_HEADERS]];
  for (const r of sorted) {
    const unit = byId.get(r.unitId);
    out.push([unit?.code ?? "", unit?.name ?? "", r.baseYear, r.cohort, r.category, r.count]);
  }
  return out;
}

