/**
 * 団体別職員数 (MIC's roster): one row per municipality with its 団体コード, 都道府県, 団体名, 類型, 住基人口 and
 * staff by sector (any of the 16 sectors and the subtotals 一般行政計・普通会計計・公営企業等会計・合計).
 * The seed's 図表8 layout is read too: 「団体名」 merged over 都道府県 and 団体名, 「普通会計」 over 「職員数」 and
 * 「人口1万当たり」 (checked against the staff and population, not stored), and a group total row
 * 「II-3 (107団体) 合計」, which becomes the group's Σ population and Σ staff.
 *
 *   団体コード | 都道府県 | 団体名 | 類型 | 住基人口(R6.1.1) | 議会 | 総務・企画 | … | 一般行政計 | 教育 | 消防 | 普通会計計 | 病院 | … | 合計
 *   012246     | 北海道   | 千歳市 | Ⅱ－３| 97,999           | 9    | 172        | … | 528        | 56   | 133  | 717        | 303  | … | 1,100
 */
import { comparisonName, groupLabel, isTotalCode, kindFromName, nestedSubtotalSum, readGroup, TOTAL_PARTS } from "../domain/comparison.js";
import { isNestedSubtotal, NESTED_SUBTOTAL_NAMES, type NestedSubtotalCode, readSectorHeaders, sectorPartOf } from "../domain/sector-labels.js";
import { readMunicipalityCodeInRow } from "../domain/municipality-code.js";
import { per10k, roundHalfUp } from "../domain/population.js";
import { prefectureByCode, prefectureByName } from "../domain/prefecture.js";
import type { GroupAverageRecord } from "./mic-averages.js";
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
  subtotalProblem,
  titlePrefectureOf,
} from "./mic-common.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

export interface RosterRecord {
  fiscalYear: number;
  code: string;
  name: string;
  prefecture: string;
  groupKey: string;
  population: number;
  areaKm2: number | null;
  /** comparison code → 職員数, as stated (subtotals missing from the file are not invented here). */
  staff: Record<string, number>;
}

export interface RosterImport {
  records: RosterRecord[];
  /** Group totals rows (「II-3 (107団体) 合計」): Σ population and Σ staff of the group. */
  groupTotals: GroupAverageRecord[];
  problems: ImportProblem[];
}

interface Columns {
  code: number;
  year?: number;
  prefecture?: number;
  name?: number;
  group?: number;
  kind?: number;
  population?: number;
  area?: number;
  staff: { column: number; sector: string }[];
  per10k: { column: number; sector: string }[];
}

const CODE_HEADER = /^(団体コード|地方公共団体コード|市区町村コード|市町村コード|全国地方公共団体コード|コード)$/;


/**
 * @param options.known 団体コード → 団体名 already known (earlier rosters, the municipality itself): a row whose
 * code names another body is refused.
 */
export function parseRoster(rows: Grid, options: MicReadOptions & { kindHint?: "city" | "town" | undefined; known?: ReadonlyMap<string, string> }): RosterImport {
  const problems: ImportProblem[] = [];
  const headerIndex = findRow(rows, (cells) => cells.some((c) => CODE_HEADER.test(c)));
  if (headerIndex < 0) {
    return {
      records: [],
      groupTotals: [],
      problems: [rowProblem("error", 1, "見出し行が見つかりません (「団体コード」「団体名」「類型」「人口」と部門ごとの職員数の列が必要です)")],
    };
  }
  const codeColumn = (rows[headerIndex] ?? []).findIndex((c) => CODE_HEADER.test(compact(c)));
  const block = readHeaderBlock(rows, headerIndex, codeColumn);
  const columns: Columns = { code: codeColumn, staff: [], per10k: [] };
  const nameColumns: number[] = [];
  const seen = new Map<string, number>();
  const partSectors = new Set<string>();
  /** 特別行政計 columns: checked against their parts on every row, not stored. */
  const nestedColumns: { column: number; sector: NestedSubtotalCode }[] = [];
  // Sectors left to right, so that 「計」「小計」 read as the subtotal their place means (kind A).
  const headers = readSectorHeaders(Array.from({ length: block.width }, (_, c) => (c === codeColumn ? [] : columnLabels(block, c))));
  for (let c = 0; c < block.width; c++) {
    if (c === codeColumn) continue;
    const labels = columnLabels(block, c);
    if (labels.length === 0) continue;
    const text = labels.join("");
    const header = headers[c];
    if (header && "error" in header) {
      problems.push(cellProblem("error", block.first + 1, c + 1, header.error));
      continue;
    }
    const sector = header?.code;
    if (sector !== undefined && isNestedSubtotal(sector)) {
      // 特別行政計 (教育 + 消防) is no figure gyokaku keeps: the 教育 and 消防 columns are read instead.
      problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は${NESTED_SUBTOTAL_NAMES[sector]} (教育と消防の計) のため取り込みません (教育・消防の列と照らし合わせます)`));
      if (!/1万|万人当/.test(text)) nestedColumns.push({ column: c, sector });
      continue;
    }
    if (sector !== undefined) {
      const isRate = /1万|万人当/.test(text);
      const key = `${sector}/${isRate ? "rate" : "staff"}`;
      const earlier = seen.get(key);
      // 国保・介護・収益事業 columns are parts of その他 (domain/sector-labels.ts sectorPartOf): their 職員数 add up into it.
      const part = header !== null && header !== undefined && sectorPartOf(header.label) !== undefined;
      if (part && isRate) {
        // A part's own rate is no figure gyokaku keeps (its 職員数 went into the sector): not read, not compared.
        problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は「${comparisonName(sector)}」の一部の人口1万当たりのため取り込みません (gyokaku は職員数と人口から計算します)`));
        continue;
      }
      if (part && !isRate) {
        problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」の職員数は gyokaku の部門「${comparisonName(sector)}」に含めて取り込みます`));
        if (earlier === undefined) seen.set(key, c);
        partSectors.add(sector);
        columns.staff.push({ column: c, sector });
        continue;
      }
      if (earlier !== undefined && !(partSectors.has(sector) && !isRate)) {
        problems.push(cellProblem("error", block.first + 1, c + 1, `「${comparisonName(sector)}」の${isRate ? "人口1万当たり" : "職員数"}の列が2つあります (${earlier + 1}列目と${c + 1}列目)`));
        continue;
      }
      seen.set(key, c);
      (isRate ? columns.per10k : columns.staff).push({ column: c, sector });
      continue;
    }
    if (/^年度$/.test(text)) columns.year = c;
    else if (/都道府県/.test(text)) columns.prefecture = c;
    else if (/団体名|市区町村名|市町村名/.test(text)) nameColumns.push(c);
    else if (/類型|類似団体/.test(text)) columns.group = c;
    else if (/^(区分|団体区分)$/.test(text)) columns.kind = c;
    else if (/面積/.test(text)) columns.area = c;
    else if (/人口/.test(text) && !/1万/.test(text)) columns.population = c;
    else problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は使いません`));
  }
  // A sector that took in parts (国保・介護…) has a 職員数 its own rate column does not describe: that column is not compared.
  columns.per10k = columns.per10k.filter(({ column, sector }) => {
    if (!partSectors.has(sector)) return true;
    problems.push(cellProblem("warning", block.first + 1, column + 1, `「${comparisonName(sector)}」の人口1万当たりの列は、内訳の列を含めた職員数と比べられないため照合しません (gyokaku は職員数と人口から計算します)`));
    return false;
  });
  // 図表8 writes 「団体名」 over two cells: 北海道 | 室蘭市.
  if (nameColumns.length >= 2 && columns.prefecture === undefined) {
    columns.prefecture = nameColumns[0];
    columns.name = nameColumns[1];
  } else {
    columns.name = nameColumns[0];
    // A CSV saved from 図表8 keeps 「団体名」 only over the first of its two cells: 北海道 | 室蘭市.
    const next = columns.name === undefined ? undefined : columns.name + 1;
    const firstBody = rows[block.bodyStart];
    if (
      columns.prefecture === undefined && next !== undefined && columnLabels(block, next).length === 0 &&
      prefectureByName(cellAt(firstBody, columns.name ?? 0)) !== undefined && cellAt(firstBody, next) !== ""
    ) {
      columns.prefecture = columns.name;
      columns.name = next;
    }
  }
  // Without a 類型 column, 図表8's total row (「II-3 (107団体) 合計」) names the group of every row.
  const hasTotalRow = rows.slice(block.bodyStart).some((row) => !/^[0-9０-９]/.test(cellAt(row, codeColumn)) && /合計/.test(row.map(compact).join("")));
  const missing = [
    columns.name === undefined ? "団体名" : null,
    columns.group === undefined && !hasTotalRow ? "類型" : null,
    columns.population === undefined ? "人口" : null,
    columns.staff.length === 0 ? "部門ごとの職員数(議会…、普通会計計など)" : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    problems.push(rowProblem("error", headerIndex + 1, `見出し行に${missing.map((m) => `「${m}」`).join("")}の列がありません`));
    return { records: [], groupTotals: [], problems: sortProblems(problems) };
  }

  const titleYear = columns.year === undefined ? fileYear(rows, headerIndex, options.fiscalYear, problems, true, options.currentFiscalYear) : null;
  const titlePrefecture = titlePrefectureOf(rows, headerIndex);
  const records: RosterRecord[] = [];
  const groupTotals: GroupAverageRecord[] = [];
  const seenCodes = new Map<string, number>();
  for (let i = block.bodyStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row) || isNoteRow(row)) continue;
    const r = i + 1;
    const codeText = cellAt(row, columns.code);
    let year = titleYear;
    if (columns.year !== undefined) {
      const text = cellAt(row, columns.year);
      year = readYearText(text, options.currentFiscalYear);
      if (year === null) problems.push(cellProblem("error", r, columns.year + 1, `年度を読めません: 「${text}」`));
    }
    const rowText = row.map(compact).join("");
    if (!/^[0-9０-９]/.test(codeText) && /合計|平均/.test(rowText)) {
      const total = readGroupTotal(rows, i, columns, year, problems);
      if (total) groupTotals.push(...total);
      continue;
    }
    const name = columns.name === undefined ? "" : cellAt(row, columns.name);
    if (name === "" && columns.name !== undefined) problems.push(cellProblem("error", r, columns.name + 1, "団体名が空欄です"));
    const prefectureText = columns.prefecture === undefined ? "" : cellAt(row, columns.prefecture);
    const rowPrefecture = prefectureText === "" ? undefined : prefectureByName(prefectureText.normalize("NFKC"));
    if (prefectureText !== "" && !rowPrefecture && columns.prefecture !== undefined) problems.push(cellProblem("error", r, columns.prefecture + 1, `都道府県名を読めません: 「${prefectureText}」`));

    // 団体コード, cross-checked with the row's name and prefecture (or the title's 「道内」): a 5-digit code may be
    // a 6-digit one whose leading 0 was dropped (kind E), and a different municipality is never stored silently.
    let code: string | null = null;
    if (codeText === "") problems.push(cellProblem("error", r, columns.code + 1, "団体コードが空欄です"));
    else {
      // A six-digit code states its prefecture itself: a disagreeing 都道府県 cell is reported on that cell below.
      const prefectureCode = /^[0-9０-９]{6}$/.test(codeText.trim()) ? undefined : (rowPrefecture?.code ?? titlePrefecture);
      const reading = readMunicipalityCodeInRow(codeText, {
        ...(name === "" ? {} : { name }),
        ...(prefectureCode === undefined ? {} : { prefectureCode }),
        ...(options.known ? { known: options.known } : {}),
      });
      if (!reading.ok) problems.push(cellProblem("error", r, columns.code + 1, reading.reason));
      else {
        code = reading.code;
        if (reading.note) problems.push(cellProblem("warning", r, columns.code + 1, reading.note));
      }
    }
    const prefecture: string | null = code ? (prefectureByCode(code.slice(0, 2))?.name ?? null) : (rowPrefecture?.name ?? null);
    if (rowPrefecture && code && rowPrefecture.code !== code.slice(0, 2) && columns.prefecture !== undefined) {
      problems.push(cellProblem("error", r, columns.prefecture + 1, `団体コード ${code} は${prefecture ?? "別の都道府県"}のコードですが、都道府県は「${prefectureText}」です`));
    }

    let groupKey: string | null = null;
    if (columns.group !== undefined) {
      const text = cellAt(row, columns.group);
      const kindText = columns.kind === undefined ? "" : compact(cellAt(row, columns.kind));
      const byName = kindFromName(name);
      const hint = /町村|町|村/.test(kindText) ? "town" : /市/.test(kindText) ? "city" : byName === "town" ? "town" : options.kindHint;
      if (text === "") problems.push(cellProblem("error", r, columns.group + 1, "類型が空欄です"));
      else {
        try {
          groupKey = readGroup(text, hint, year);
        } catch (error) {
          problems.push(cellProblem("error", r, columns.group + 1, error instanceof Error ? error.message : String(error)));
        }
      }
    }
    const populationRead = readNumber(rows, i, columns.population ?? 0, "人口", "count", problems);
    const population = populationRead.ok ? populationRead.value : null;
    if (populationRead.ok && (population === null || population <= 0)) problems.push(cellProblem("error", r, (columns.population ?? 0) + 1, "人口がありません (正の整数を入力してください)"));
    const areaRead = columns.area === undefined ? null : readNumber(rows, i, columns.area, "面積", "decimal", problems);
    const staff: Record<string, number> = {};
    let complete = true;
    for (const { column, sector } of columns.staff) {
      const read = readNumber(rows, i, column, `「${comparisonName(sector)}」の職員数`, "count", problems);
      if (!read.ok) complete = false;
      // Columns of one sector (その他 and its parts 国保・介護 …) add up.
      else if (read.value !== null) staff[sector] = (staff[sector] ?? 0) + read.value;
    }
    if (complete) checkTotals(staff, columns.staff, r, problems);
    for (const { column, sector } of complete ? nestedColumns : []) {
      const read = readNumber(rows, i, column, `「${NESTED_SUBTOTAL_NAMES[sector]}」の職員数`, "count", problems);
      const sum = nestedSubtotalSum(sector, staff);
      if (read.ok && read.value !== null && read.value !== sum) {
        problems.push(cellProblem("error", r, column + 1, `${NESTED_SUBTOTAL_NAMES[sector]} ${read.value.toLocaleString("ja-JP")} が、内訳 (教育・消防) の合計 ${sum.toLocaleString("ja-JP")} と一致しません`));
      }
    }
    if (complete && population) {
      for (const { column, sector } of columns.per10k) {
        const read = readNumber(rows, i, column, `「${comparisonName(sector)}」の人口1万当たり職員数`, "decimal", problems);
        const value = staff[sector];
        if (!read.ok || read.value === null || value === undefined) continue;
        const derived = roundHalfUp(per10k(value, population), 2);
        if (Math.abs(derived - read.value) > 0.0051) {
          problems.push(cellProblem("warning", r, column + 1, `人口1万当たり ${read.value} が、職員数 ÷ 人口 × 10,000 = ${derived.toFixed(2)} と異なります (計算した値を使います)`));
        }
      }
    }
    if (code !== null) {
      const earlier = seenCodes.get(`${year}/${code}`);
      if (earlier !== undefined) {
        problems.push(cellProblem("error", r, columns.code + 1, `団体コード ${code} の行が${earlier}行目にもあります`));
        continue;
      }
      seenCodes.set(`${year}/${code}`, r);
    }
    if (columns.group === undefined) groupKey = "";
    if (code === null || name === "" || prefecture === null || groupKey === null || !population || year === null || !complete || (areaRead && !areaRead.ok)) continue;
    records.push({ fiscalYear: year, code, name, prefecture, groupKey, population, areaKm2: areaRead?.ok ? areaRead.value : null, staff });
  }
  if (columns.group === undefined) {
    // 図表8 has no 類型 column: its rows are the members of the group named in its total row.
    const groups = [...new Set(groupTotals.map((t) => t.groupKey))];
    const only = groups[0];
    if (groups.length === 1 && only !== undefined) {
      for (const record of records) record.groupKey = only;
      if (records.length > 0) problems.push(rowProblem("warning", headerIndex + 1, `類型の列がないため、合計行の類型(${groupLabel(only)})を各団体の類型とします`));
    } else {
      problems.push(rowProblem("error", headerIndex + 1, "見出し行に「類型」の列がありません (類型の列か、「II-3 (107団体) 合計」のような合計行が1つ必要です)"));
      records.length = 0;
    }
  }
  if (records.length === 0 && groupTotals.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(rowProblem("error", block.bodyStart + 1, "取り込める行がありません (見出しの下に団体ごとの行が必要です)"));
  }
  return { records, groupTotals, problems: sortProblems(problems) };
}

/** A subtotal stated beside all of its parts must be their sum (actual staff add up; only rounded references do not). */
function checkTotals(staff: Record<string, number>, columns: readonly { column: number; sector: string }[], r: number, problems: ImportProblem[]): void {
  for (const { column, sector } of columns) {
    if (!isTotalCode(sector)) continue;
    const stated = staff[sector];
    const parts = TOTAL_PARTS[sector];
    if (stated === undefined || !parts.every((p) => columns.some((c) => c.sector === p))) continue;
    // Every part has a column here, so a blank part is 0 (the sum is then always known).
    const problem = subtotalProblem(sector, stated, Object.fromEntries(parts.map((p) => [p, staff[p] ?? 0])), r, column + 1);
    if (problem) problems.push(problem);
  }
}

/** 「II-3 (107団体) 合計」: the group, its member count, Σ population and Σ staff per stated sector. */
function readGroupTotal(rows: Grid, i: number, columns: Columns, year: number | null, problems: ImportProblem[]): GroupAverageRecord[] | null {
  const row = rows[i] ?? [];
  const r = i + 1;
  const labelIndex = row.findIndex((c) => /合計|平均/.test(compact(c)));
  const label = cellAt(row, labelIndex).normalize("NFKC");
  const match = /^(.*?)[(（]?\s*(\d[\d,]*)\s*団体\s*[)）]?/.exec(label);
  const groupText = (match?.[1] ?? label.replace(/(合計|平均).*$/, "")).trim();
  let groupKey: string;
  try {
    groupKey = readGroup(groupText, undefined, year);
  } catch (error) {
    // An unreadable label gets an example; a code outside the year's 類型表 gets the reason readGroup gives.
    const message = error instanceof Error ? error.message : "";
    const detail = message.includes("(例:") || message === "" ? "例: 「II-3 (107団体) 合計」" : message;
    problems.push(cellProblem("error", r, labelIndex + 1, `合計行の類型を読めません: 「${cellAt(row, labelIndex)}」(${detail})`));
    return null;
  }
  const members = match?.[2] ? Number(match[2].replace(/,/g, "")) : null;
  const population = readNumber(rows, i, columns.population ?? 0, "人口", "count", problems);
  if (year === null || !population.ok) return null;
  const out: GroupAverageRecord[] = [];
  for (const { column, sector } of columns.staff) {
    const read = readNumber(rows, i, column, `${groupLabel(groupKey)}の「${comparisonName(sector)}」の職員数`, "count", problems);
    if (!read.ok) return null;
    if (read.value === null) continue;
    // Columns of one sector (その他 and its parts) add up into one record.
    const same = out.find((o) => o.sector === sector);
    if (same) same.staff = (same.staff ?? 0) + read.value;
    else out.push({ fiscalYear: year, groupKey, sector, members, population: population.value, staff: read.value, simplePer10k: null, correctedPer10k: null, correctedMembers: null });
  }
  return out;
}
