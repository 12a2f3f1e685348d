/**
 * 職員数 (headcount) import, table layout (図表4): units as rows and years as columns, the layout the annual
 * report prints. A grid of text → records, quotas and problems tied to rows and cells; nothing here writes.
 */
import { formatFiscalYear } from "../domain/era.js";
import { CATEGORY_KEYS, categoryFromLabel, categoryLabel } from "../domain/headcount.js";
import { existsIn } from "../domain/organisation.js";
import { type HeadcountRecord, leaveRecorded, yearTotals } from "../domain/staffing.js";
import { type NonUnitRow, nonUnitRowKind, readNumberCell } from "../domain/number-cell.js";
import { eraNamedIn } from "../domain/year-header.js";
import { cellAt, compact, eraOfTitle, formatCount, type Grid, isBlankRow, parseCount } from "./cells.js";
import type { MergedRange } from "./xlsx.js";
import { buildRecords, type HeadcountImport, parseYear, type Stated, StatedFigures, yearsOf } from "./headcount-figures.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";
import { type ImportUnit, notExistingMessage, UnitLookup } from "./unit-lookup.js";
import { bracketedQuotaRow, type QuotaTotal, readBracketedQuotas, type YearQuota } from "./headcount-quota-rows.js";

const GENERAL_TOTAL = "一般職(合計)";
const QUOTA_TOTAL = "一般職(定数合計)";

function isQuotaHeader(text: string): boolean {
  return /^(定数|条例定数|quota)$/i.test(compact(text));
}

interface YearContext {
  currentFiscalYear: number;
  era?: string;
}

/** The era for headers that write years without it: a title above the header, or the header's own first cell. */
function headerContext(rows: Grid, index: number, currentFiscalYear: number): YearContext {
  const era = eraOfTitle(rows, index) ?? eraNamedIn(cellAt(rows[index], 0));
  return era === undefined ? { currentFiscalYear } : { currentFiscalYear, era };
}

/** A title merged over the columns, which the xlsx reader repeats into every cell of the merge: never a header. */
function isRepeatedTitle(row: readonly string[]): boolean {
  const filled = row.map((c) => c.trim()).filter((c) => c !== "");
  return filled.length > 1 && new Set(filled).size === 1;
}

/**
 * The header is the first row whose cells after the first are mostly fiscal years (a typo in one must not hide
 * it). A row whose first cell names a unit is data, never the header (「町 2540 2521」 is not two years).
 */
function findYearHeader(rows: Grid, lookup: UnitLookup, currentFiscalYear: number): { index: number } | { problem: ImportProblem } {
  const index = rows.findIndex((row, index) => {
    if (lookup.tableRow(cellAt(row, 0)).ok || isRepeatedTitle(row)) return false;
    const context = headerContext(rows, index, currentFiscalYear);
    const labels = row.slice(1).map((c) => c.trim()).filter((c) => c !== "" && !isQuotaHeader(c));
    const readable = labels.filter((c) => parseYear(c, context).ok).length;
    return readable > 0 && readable * 2 >= labels.length;
  });
  if (index < 0) return { index };
  // A row of labels above the row found is the table's real header, whose years could not be read: the row found is
  // then data (「議会 25 26」 under a title naming 平成 is not 平成25年・26年), never the header (kind B).
  const found = rows[index] ?? [];
  const context = headerContext(rows, index, currentFiscalYear);
  const yearColumns = found.map((c, i) => i).filter((i) => i > 0 && parseYear(cellAt(found, i), context).ok);
  for (let j = 0; j < index; j++) {
    const row = rows[j] ?? [];
    // Labels that try to say a year (a digit or an era in them) and are no number; a group label over the years
    // (「職員数」 above 「R6.4.1」「R7.4.1」) or a note (「(単位:人)」) is not one.
    const texts = yearColumns
      .map((i) => cellAt(row, i))
      .filter((c) => c !== "" && !readNumberCell(c).ok && /[0-9０-９〇一二三四五六七八九十元]|明治|大正|昭和|平成|令和/.test(c) && !/単位|※|注/.test(c));
    if (texts.length === 0 || texts.length * 2 < yearColumns.length || isRepeatedTitle(row)) continue;
    const reasons = texts.slice(0, 3).map((t) => {
      const read = parseYear(t, headerContext(rows, j, currentFiscalYear));
      return read.ok ? `「${t}」` : read.message;
    });
    return {
      problem: rowProblem("error", j + 1, `${j + 1}行目が年度の見出しのようですが、年度として読めません: ${reasons.join(" / ")}。その下の${index + 1}行目の数値は年度の見出しとしては読みません (年度の見出しを「H29.4.1」「令和6年度」のように直してください)`),
    };
  }
  return { index };
}

/**
 * A header row of years written without their era (「27年」「28年」, kind B) under no title that names one: the reason
 * to give instead of "no header found", naming the row and the labels.
 */
function eralessHeaderProblem(rows: Grid): ImportProblem | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const labels = (rows[r] ?? []).slice(1).map((c) => c.trim().normalize("NFKC")).filter((c) => c !== "");
    const eraless = labels.filter((c) => /^\d{1,2}\s*年度?$|^\d{1,2}$/.test(c));
    if (eraless.length >= 2 && eraless.length * 2 >= labels.length) {
      const shown = eraless.slice(0, 3).map((c) => `「${c}」`).join("");
      return rowProblem("error", r + 1, `見出し${shown}は元号のない年です。表の上の題に元号を書くか(例:「平成27年4月1日現在」)、「H27」「平成27年」のように元号を付けて書いてください`);
    }
  }
  return null;
}

const NON_UNIT_ROW: Record<Exclude<NonUnitRow, "note">, string> = { total: "合計・小計", target: "目標数", change: "増減", rate: "率・比" };

interface YearColumn {
  column: number;
  fiscalYear: number;
}

/**
 * Table layout, as 図表4 prints it: a header row of fiscal years (and 定数), a row per unit (name in the first
 * cell), (うち…) rows under a unit, and the 一般職(合計) / 一般職(定数合計) rows, which are checked, not stored.
 */
export function parseHeadcountTable(rows: Grid, units: readonly ImportUnit[], options: { currentFiscalYear: number; merges?: readonly MergedRange[] }): HeadcountImport {
  const problems: ImportProblem[] = [];
  const lookup = new UnitLookup(units);
  const currentFiscalYear = options.currentFiscalYear;
  const found = findYearHeader(rows, lookup, currentFiscalYear);
  if ("problem" in found) return { records: [], quotas: [], years: [], problems: [found.problem] };
  const headerIndex = found.index;
  const header = rows[headerIndex];
  if (!header) {
    return { records: [], quotas: [], years: [], problems: [eralessHeaderProblem(rows) ?? rowProblem("error", 1, "年度の見出し行が見つかりません (2列目以降に「令7 (2025)」のような年度を並べた行が必要です)")] };
  }
  const headerRow = headerIndex + 1;
  const context = headerContext(rows, headerIndex, currentFiscalYear);
  const yearColumns: YearColumn[] = [];
  let quotaColumn: number | undefined;
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (index === 0 || text === "") return;
    if (isQuotaHeader(text)) {
      quotaColumn ??= index;
      return;
    }
    const year = parseYear(text, context);
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

  const stated = new StatedFigures();
  const quotas: { unit: ImportUnit; figure: Stated; members?: ImportUnit[] }[] = [];
  // A 定数 cell merged down over several unit rows is one figure for those units together (共同の定数, issue 13.4a);
  // the reader repeats its value in every row, which must not become one quota per row.
  const quotaMerge = (r: number) => {
    const c = quotaColumn === undefined ? undefined : quotaColumn + 1;
    return c === undefined ? undefined : options.merges?.find((m) => m.bottom > m.top && m.left <= c && c <= m.right && m.top <= r && r <= m.bottom);
  };
  const sharedQuotas = new Map<number, { unit: ImportUnit; figure: Stated; members: ImportUnit[] }>();
  const unitRows = new Map<number, number>();
  const totalRows: { kind: "general" | "quota"; index: number }[] = [];
  // Years with a figure that could not be taken in; their sums are not checked (see buildRecords).
  const unsure = new Set<number>();
  let quotaUnsure = false;
  // The unit a (うち…) row belongs to; null after a total row or a row that matched no unit.
  let current: ImportUnit | null = null;
  // The row just above, for a bracketed 条例定数 row (「[1,490]」) under it: a unit row or a total row.
  let above: { unit: ImportUnit } | { total: string } | null = null;
  const yearQuotas: YearQuota[] = [];
  const quotaTotals: QuotaTotal[] = [];
  // After a unit row that was refused, its (うち…) rows are not reported again: the root cause is.
  let afterRefusedUnit = false;
  /** A row refused as a whole: its figures are missing from every year's sums, so those sums are not checked. */
  const refuseRow = () => {
    for (const { fiscalYear } of yearColumns) unsure.add(fiscalYear);
    quotaUnsure = true;
    current = null;
    afterRefusedUnit = true;
  };

  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const r = i + 1;
    if (isBlankRow(row)) continue;
    const first = cellAt(row, 0);
    const label = compact(first);
    if (label.startsWith("※")) continue;
    const bracketRow = bracketedQuotaRow(row, r, yearColumns);
    if (bracketRow) {
      readBracketedQuotas(bracketRow, above, r, problems, yearQuotas, quotaTotals);
      above = null;
      continue;
    }
    above = null;
    if (label === "") {
      problems.push(cellProblem("error", r, 1, "組織名が空欄です (1列目に組織名を入力してください)"));
      refuseRow();
      continue;
    }
    if (label === GENERAL_TOTAL || label === QUOTA_TOTAL) {
      totalRows.push({ kind: label === GENERAL_TOTAL ? "general" : "quota", index: i });
      above = { total: first };
      current = null;
      afterRefusedUnit = false;
      continue;
    }
    const nonUnit = lookup.tableRow(first).ok ? null : nonUnitRowKind(first);
    if (nonUnit === "note") continue;
    if (nonUnit !== null) {
      problems.push(cellProblem("warning", r, 1, `「${first}」は${NON_UNIT_ROW[nonUnit]}の行で組織ではないため、取り込みません`));
      if (nonUnit === "total") above = { total: first };
      current = null;
      continue;
    }
    if (/^\(.*\)$/.test(label)) {
      if (afterRefusedUnit) continue;
      readSubRow(row, r, first, current, yearColumns, stated, problems, unsure);
      continue;
    }
    const match = lookup.tableRow(first);
    if (!match.ok) {
      problems.push(cellProblem("error", r, 1, match.message));
      refuseRow();
      continue;
    }
    const unit = match.unit;
    const earlier = unitRows.get(unit.id);
    if (earlier !== undefined) {
      problems.push(cellProblem("error", r, 1, `組織「${unit.name}」の行が${earlier}行目にもあります`));
      refuseRow();
      continue;
    }
    unitRows.set(unit.id, r);
    current = unit;
    above = { unit };
    afterRefusedUnit = false;
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
    const merged = quotaMerge(r);
    const shared = merged ? sharedQuotas.get(merged.top) : undefined;
    if (merged && shared) {
      // A later row of a merged 定数: this unit shares the figure read on the merge's first row.
      if (unit.kind === "special") problems.push(cellProblem("error", r, (quotaColumn ?? 0) + 1, `「${unit.name}」は特別職で、定数の対象ではありません`));
      else shared.members.push(unit);
    } else if (quotaColumn !== undefined) {
      const figure = readTableFigure(row, r, quotaColumn, "定数", false, problems);
      if (figure === null) quotaUnsure = true;
      if (figure && merged && unit.kind !== "special" && unit.kind !== "group") {
        const entry = { unit, figure, members: [unit] };
        sharedQuotas.set(merged.top, entry);
        quotas.push(entry);
      } else if (figure && unit.kind === "special") {
        problems.push(cellProblem("error", r, quotaColumn + 1, `「${unit.name}」は特別職で、定数の対象ではありません`));
      } else if (figure) {
        quotas.push({ unit, figure });
      }
    }
  }

  const records = buildRecords(lookup, stated, problems, true, unsure);
  const storedQuotas = checkGroupQuotas(quotas, quotaUnsure, problems);
  for (const q of yearQuotas) {
    if (storedQuotas.some((s) => s.unitId === q.unitId || s.memberUnitIds?.includes(q.unitId))) {
      problems.push(cellProblem("error", q.row, q.column, `「${lookup.units.find((u) => u.id === q.unitId)?.name ?? ""}」の条例定数が定数の列にも書かれています。どちらか一方にしてください`));
    }
  }
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
    places: stated.places(),
    yearQuotas,
    quotaTotals,
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
  if (parsed.note) problems.push(cellProblem("warning", r, column + 1, parsed.note));
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

/** Groups (行政委員会等) show the sum of their members' quotas: checked, never stored. A quota shared by several units is stored once, for all of them. */
function checkGroupQuotas(quotas: readonly { unit: ImportUnit; figure: Stated; members?: ImportUnit[] }[], unsure: boolean, problems: ImportProblem[]): HeadcountImport["quotas"] {
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
      problems.push(cellProblem("error", figure.row, figure.column, `「${unit.name}」の定数 ${formatCount(figure.value)} が、構成する組織の定数の合計 ${formatCount(sum)} と一致しません`));
    }
  }
  return stored.map((q) => (q.members && q.members.length > 1 ? { unitId: q.unit.id, quota: q.figure.value, memberUnitIds: q.members.map((m) => m.id) } : { unitId: q.unit.id, quota: q.figure.value }));
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
          `${GENERAL_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} が、各組織の職員数の合計 ${derived === null ? "(なし)" : formatCount(derived)} と一致しません`),
      );
    }
  }
  if (quotaColumn === undefined) return;
  const figure = readTableFigure(row, r, quotaColumn, "定数の合計", false, problems);
  if (!figure) return;
  const sum = quotas.reduce((s, q) => s + q.quota, 0);
  if (sum !== figure.value) {
    problems.push(cellProblem("error", r, quotaColumn + 1, `定数の合計 ${formatCount(figure.value)} が、各組織の定数の合計 ${formatCount(sum)} と一致しません`));
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
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} は、休職・休業と育児休業代替任期付職員の人数がファイルにないため確かめられません。この値は取り込みません (職員数から計算されます)`),
      );
      continue;
    }
    const derived = yearTotals(lookup.units, records, fiscalYear).quotaTotal;
    if (derived !== figure.value) {
      problems.push(
        cellProblem("error", r, column + 1,
          `${QUOTA_TOTAL}の${formatFiscalYear(fiscalYear)}の値 ${formatCount(figure.value)} が、各組織から計算した値 ${derived === null ? "(なし)" : formatCount(derived)} と一致しません`),
      );
    }
  }
}
