/**
 * 類似団体別職員数の状況 (MIC): per similar group, the number of members, their population and, per sector
 * and subtotal, the staff per 10,000 population — 単純値 (all members) and 修正値 (members that staff the
 * sector) — and optionally the staff total and the number of members behind the 修正値.
 *
 * Layout read: a header row with 「類型」 (and optionally 「年度」「区分」「団体数」「人口」), then sectors as
 * column groups: the sector name above (merged across its sub-columns), below it 「単純値」「修正値」「職員数」
 * 「修正値団体数」. A single header row with 「議会(単純値)」 works too. One row per group:
 *
 *   令和6年4月1日現在 類似団体別職員数の状況(一般市)
 *   区分 | 類型  | 団体数 | 住基人口   | 議 会         | 総務・企画     | … | 普通会計計
 *        |       |        |            | 単純値|修正値 | 単純値|修正値  | … | 職員数|単純値|修正値
 *   一般市| Ⅱ－３| 107    | 7,683,019  | 0.85 | 0.86  | 15.58 | 15.62 | … | 50,344| 65.53| 74.60
 */
import { comparisonName, groupLabel, readGroup } from "../domain/comparison.js";
import { isNestedSubtotal, NESTED_SUBTOTAL_NAMES, readSectorHeaders, sectorLabelCode, sectorPartOf } from "../domain/sector-labels.js";
import { per10k, roundHalfUp } from "../domain/population.js";
import {
  cellAt,
  columnLabels,
  compact,
  fileYear,
  findRow,
  type Grid,
  isBlankRow,
  isNoteRow,
  readHeaderBlock,
  readNumber,
  type MicReadOptions,
  readYearText,
} from "./mic-common.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

export interface GroupAverageRecord {
  fiscalYear: number;
  groupKey: string;
  sector: string;
  members: number | null;
  population: number | null;
  staff: number | null;
  simplePer10k: number | null;
  correctedPer10k: number | null;
  correctedMembers: number | null;
}

export interface GroupAveragesImport {
  records: GroupAverageRecord[];
  problems: ImportProblem[];
}

type Measure = "simple" | "corrected" | "staff" | "members" | "correctedMembers";

const MEASURE_LABELS: Record<Measure, string> = { simple: "単純値", corrected: "修正値", staff: "職員数", members: "団体数", correctedMembers: "修正値の団体数" };

function measureOf(labels: readonly string[]): Measure | undefined {
  const text = labels.join("/");
  if (/団体数/.test(text)) return /修正/.test(text) ? "correctedMembers" : "members";
  // 「単純値及び修正値により算出…」 may span both: the lowest label naming only one of them decides.
  for (const label of [...labels].reverse()) {
    const simple = /単純/.test(label);
    if (simple !== /修正/.test(label)) return simple ? "simple" : "corrected";
  }
  if (/職員数/.test(text) && !/1万|万人当/.test(text)) return "staff";
  return undefined;
}

interface Columns {
  group: number;
  year?: number;
  kind?: number;
  members?: number;
  population?: number;
  sectors: { column: number; sector: string; measure: Measure }[];
}

function isGroupHeader(label: string): boolean {
  return /^(類型|類似団体区分|類似団体|グループ|団体区分類型)$/.test(label);
}

/** `kindHint`: the sheet is about 町村 (a bare 「Ⅱ－１」 is then a 町村 type). */
export function parseGroupAverages(rows: Grid, options: MicReadOptions & { kindHint?: "city" | "town" | undefined }): GroupAveragesImport {
  const problems: ImportProblem[] = [];
  const headerIndex = findRow(rows, (cells) => cells.some(isGroupHeader));
  if (headerIndex < 0) {
    return { records: [], problems: [rowProblem("error", 1, "見出し行が見つかりません (「類型」の列と、部門ごとの「単純値」「修正値」の列が必要です)")] };
  }
  const groupColumn = (rows[headerIndex] ?? []).findIndex((c) => isGroupHeader(compact(c)));
  const block = readHeaderBlock(rows, headerIndex, groupColumn);
  const columns: Columns = { group: groupColumn, sectors: [] };
  const seen = new Map<string, number>();
  /** `sector/measure` keys that have a part column (国保 …): その他's own column and the parts add up. */
  const partSectors = new Set<string>();
  // Sectors left to right, so that 「計」「小計」 read as the subtotal their place means (kind A).
  const headers = readSectorHeaders(Array.from({ length: block.width }, (_, c) => (c === groupColumn ? [] : columnLabels(block, c))));
  for (let c = 0; c < block.width; c++) {
    if (c === groupColumn) continue;
    const labels = columnLabels(block, c);
    if (labels.length === 0) continue;
    const text = labels.join("");
    const header = headers[c];
    const headerError = (message: string) => problems.push(cellProblem("error", block.first + 1, c + 1, message));
    if (header && "error" in header) {
      headerError(header.error);
      continue;
    }
    const joined = sectorLabelCode(text);
    const sector = header?.code ?? (joined === "positional" ? undefined : joined);
    if (sector !== undefined && isNestedSubtotal(sector)) {
      // 特別行政計 (教育 + 消防) is no figure gyokaku keeps: the 教育 and 消防 columns are read instead.
      problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は${NESTED_SUBTOTAL_NAMES[sector]} (教育と消防の計) のため取り込みません (教育・消防の列を取り込みます)`));
      continue;
    }
    if (sector === undefined) {
      if (/^年度$/.test(text)) columns.year = c;
      else if (/^(区分|団体区分|市町村区分)$/.test(labels[0] ?? "")) columns.kind = c;
      else if (/団体数/.test(text)) columns.members = c;
      else if (/人口/.test(text) && !/1万/.test(text)) columns.population = c;
      else problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は使いません`));
      continue;
    }
    const measure = measureOf(labels);
    if (!measure) {
      headerError(`「${comparisonName(sector)}」の列「${labels.join(" ")}」が単純値・修正値・職員数・団体数のどれか分かりません`);
      continue;
    }
    const key = `${sector}/${measure}`;
    const earlier = seen.get(key);
    // 国保・介護・収益事業 columns are parts of その他 (domain/sector-labels.ts sectorPartOf): their 職員数 and their
    // per-10,000 figures (one population for all) add up into it; a 団体数 counts municipalities and is not added.
    const part = header !== null && header !== undefined && !("error" in header) && sectorPartOf(header.label) !== undefined;
    if (part || partSectors.has(key)) {
      if (measure === "members" || measure === "correctedMembers") {
        if (part) {
          problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は団体数のため「${comparisonName(sector)}」に足さず、取り込みません`));
          continue;
        }
      } else {
        if (part) problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」の${MEASURE_LABELS[measure]}は gyokaku の部門「${comparisonName(sector)}」に含めて (足して) 取り込みます`));
        partSectors.add(key);
        if (earlier === undefined) seen.set(key, c);
        columns.sectors.push({ column: c, sector, measure });
        continue;
      }
    }
    if (earlier !== undefined) {
      headerError(`「${comparisonName(sector)}」の${MEASURE_LABELS[measure]}の列が2つあります (${earlier + 1}列目と${c + 1}列目)`);
      continue;
    }
    seen.set(key, c);
    columns.sectors.push({ column: c, sector, measure });
  }
  if (columns.sectors.length === 0) {
    problems.push(rowProblem("error", headerIndex + 1, "部門(議会、総務・企画…、一般行政計、普通会計計)の列が見つかりません"));
    return { records: [], problems: sortProblems(problems) };
  }

  const titleYear = columns.year === undefined ? fileYear(rows, headerIndex, options.fiscalYear, problems, true, options.currentFiscalYear) : null;
  const records: GroupAverageRecord[] = [];
  const groupRows = new Map<string, number>();
  for (let i = block.bodyStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row) || isNoteRow(row)) continue;
    const r = i + 1;
    const groupText = cellAt(row, columns.group);
    if (groupText === "") {
      problems.push(cellProblem("error", r, columns.group + 1, "類型が空欄です"));
      continue;
    }
    let year = titleYear;
    if (columns.year !== undefined) {
      const text = cellAt(row, columns.year);
      year = readYearText(text, options.currentFiscalYear);
      if (year === null) problems.push(cellProblem("error", r, columns.year + 1, `年度を読めません: 「${text}」`));
    }
    const kindText = columns.kind === undefined ? "" : compact(cellAt(row, columns.kind));
    const hint = /町村|町|村/.test(kindText) ? "town" : /市/.test(kindText) ? "city" : options.kindHint;
    let groupKey: string | null = null;
    try {
      groupKey = readGroup(groupText, hint, year);
    } catch (error) {
      problems.push(cellProblem("error", r, columns.group + 1, error instanceof Error ? error.message : String(error)));
    }
    const readCount = (column: number | undefined, what: string) => {
      if (column === undefined) return null;
      const read = readNumber(rows, i, column, what, "count", problems);
      return read.ok ? read.value : null;
    };
    const members = readCount(columns.members, "団体数");
    const population = readCount(columns.population, "人口");
    const bySector = new Map<string, GroupAverageRecord>();
    let unreadable = false;
    for (const { column, sector, measure } of columns.sectors) {
      const what = `「${comparisonName(sector)}」の${MEASURE_LABELS[measure]}`;
      const kind = measure === "simple" || measure === "corrected" ? "decimal" : "count";
      const read = readNumber(rows, i, column, what, kind, problems);
      if (!read.ok) {
        unreadable = true;
        continue;
      }
      if (read.value === null) continue;
      const record = bySector.get(sector) ?? {
        fiscalYear: year ?? 0,
        groupKey: groupKey ?? "",
        sector,
        members,
        population,
        staff: null,
        simplePer10k: null,
        correctedPer10k: null,
        correctedMembers: null,
      };
      // Columns of one sector (その他 and its parts 国保・介護 …) add up.
      const add = (before: number | null) => (before === null ? read.value : roundHalfUp((before ?? 0) + (read.value ?? 0), 2));
      if (measure === "simple") record.simplePer10k = add(record.simplePer10k);
      else if (measure === "corrected") record.correctedPer10k = add(record.correctedPer10k);
      else if (measure === "staff") record.staff = add(record.staff);
      else if (measure === "members") record.members = read.value;
      else record.correctedMembers = read.value;
      bySector.set(sector, record);
    }
    if (groupKey === null || year === null) continue;
    const dupKey = `${year}/${groupKey}`;
    const earlier = groupRows.get(dupKey);
    if (earlier !== undefined) {
      problems.push(cellProblem("error", r, columns.group + 1, `${groupLabel(groupKey)}の行が${earlier}行目にもあります`));
      continue;
    }
    groupRows.set(dupKey, r);
    for (const record of bySector.values()) {
      // A staff total beside its 単純値 must agree with it (Σ staff / Σ population × 10,000, two decimals).
      if (!unreadable && record.staff !== null && record.population && record.simplePer10k !== null) {
        const derived = roundHalfUp(per10k(record.staff, record.population), 2);
        if (Math.abs(derived - record.simplePer10k) > 0.011) {
          const column = columns.sectors.find((s) => s.sector === record.sector && s.measure === "simple")?.column ?? columns.group;
          problems.push(cellProblem("warning", r, column + 1, `「${comparisonName(record.sector)}」の単純値 ${record.simplePer10k} が、職員数 ÷ 人口 × 10,000 = ${derived} と異なります`));
        }
      }
      records.push(record);
    }
  }
  if (records.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(rowProblem("error", block.bodyStart + 1, "取り込める行がありません (見出しの下に類型ごとの行が必要です)"));
  }
  return { records, problems: sortProblems(problems) };
}
