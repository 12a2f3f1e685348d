/**
 * ラスパイレス指数 (seed 図表9): the municipality's index with the similar-group average (類似団体平均, a simple
 * average of the members' indices) and the all-cities average (全国市平均), and optionally peers named with their
 * 団体コード. Either years as rows or years as columns:
 *
 *   年度    | 本市 | 類似団体平均 | 全国市平均 | 室蘭市(012050)        区分         | R3   | R4   | R5   | R6
 *   令和6年 | 97.2 | 98.2         | 98.6       | …                     本市         | …    |      |      | 97.2
 *                                                                   類似団体平均 | …
 */
import { readSurveyDate } from "../domain/comparison.js";
import { readMunicipalityCodeInRow } from "../domain/municipality-code.js";
import { cellAt, compact, fileYear, findRow, type Grid, isBlankRow, isNoteRow, type MicReadOptions, readNumber, readYearText, titlePrefectureOf } from "./mic-common.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

export interface LaspeyresRecord {
  fiscalYear: number;
  /**
   * "own", "group" (類似団体平均), "cities" (全国市平均), "towns" (全国町村平均), "national" (全国平均 of all
   * municipalities), "prefecture" (都道府県平均, e.g. 北海道平均) or a peer's 団体コード. Each comparator keeps
   * its own meaning and label: a town's 全国町村平均 is never read as 全国市平均 (kind I).
   */
  subject: string;
  label: string;
  value: number;
}

export interface LaspeyresImport {
  records: LaspeyresRecord[];
  problems: ImportProblem[];
}

export const LASPEYRES_SUBJECT_LABELS: Record<string, string> = {
  own: "本市",
  group: "類似団体平均",
  cities: "全国市平均",
  towns: "全国町村平均",
  national: "全国平均",
  prefecture: "都道府県平均",
};

/**
 * Which comparator an average's label names, or null when it names none of them. 「全国市町村平均」 and
 * 「全地方公共団体平均」 are the national average of all municipalities, not of cities.
 */
export function comparatorOf(label: string): "group" | "cities" | "towns" | "national" | "prefecture" | null {
  const text = label.normalize("NFKC").replace(/\s+/g, "").replace(/ラスパイレス指数|の?指数/g, "");
  if (/類似団体/.test(text)) return "group";
  if (/全国/.test(text)) {
    if (/市町村|市区町村|全地方/.test(text)) return "national";
    if (/町村/.test(text)) return "towns";
    if (/市/.test(text)) return "cities";
    return "national";
  }
  if (/全地方公共団体/.test(text)) return "national";
  if (/(都道府県|北海道|[都府県]|道内|県内|府内|都内)(内)?(市町村|市|町村)?(の)?平均/.test(text)) return "prefecture";
  return null;
}

/** The subject a label names, or null when it names none we keep. */
function subjectOf(raw: string, ownName: string | undefined): { subject: string; label: string } | null {
  const text = compact(raw);
  if (text === "") return null;
  const comparator = comparatorOf(text);
  if (comparator === "group") return { subject: "group", label: "類似団体平均" };
  if (comparator !== null) return { subject: comparator, label: text.replace(/ラスパイレス指数/, "") || (LASPEYRES_SUBJECT_LABELS[comparator] ?? comparator) };
  if (/^(本市|当市|自団体|本町|本村|当町|当村)$/.test(text) || (ownName !== undefined && text === compact(ownName))) return { subject: "own", label: "本市" };
  const code = /(?<!\d)(\d{5,6})(?!\d)/.exec(text)?.[1];
  if (code) return { subject: code, label: text.replace(/[(（]?\d{5,6}[)）]?/, "") || code };
  return null;
}

/**
 * A subject named by 団体コード, checked as every importer checks a code in a row (kind E, readMunicipalityCodeInRow):
 * the check digit, a leading 0 a spreadsheet dropped (repaired with a warning), and the name beside it against the
 * codes already known. A code that fits no body, or two, is refused naming the cell: never stored under another body.
 */
function checkedSubject(
  subject: { subject: string; label: string } | null,
  r: number,
  c: number,
  context: { known?: ReadonlyMap<string, string> | undefined; prefectureCode?: string | undefined },
  problems: ImportProblem[],
): { subject: string; label: string } | null {
  if (!subject || !/^\d{5,6}$/.test(subject.subject)) return subject;
  const reading = readMunicipalityCodeInRow(subject.subject, {
    ...(subject.label !== subject.subject ? { name: subject.label } : {}),
    ...(context.known ? { known: context.known } : {}),
    ...(context.prefectureCode && subject.subject.length === 5 ? { prefectureCode: context.prefectureCode } : {}),
  });
  if (!reading.ok) {
    problems.push(cellProblem("error", r, c, `「${subject.label}」: ${reading.reason}`));
    return null;
  }
  if (reading.note) problems.push(cellProblem("warning", r, c, reading.note));
  return { subject: reading.code, label: subject.label };
}

function yearOfText(text: string, currentFiscalYear: number): number | null {
  const date = readSurveyDate(text);
  if (date) return date.fiscalYear;
  // 「令和6年」 in a Laspeyres table means the survey of April 1 of that year, i.e. that fiscal year.
  return readYearText(text.normalize("NFKC").replace(/年$/, "年度"), currentFiscalYear);
}

export function parseLaspeyres(rows: Grid, options: MicReadOptions & { ownName?: string; known?: ReadonlyMap<string, string> }): LaspeyresImport {
  const yearOf = (text: string) => yearOfText(text, options.currentFiscalYear);
  const problems: ImportProblem[] = [];
  const headerIndex = findRow(rows, (cells) => cells.filter((c, i) => subjectOf(c, options.ownName) !== null || /^(年度|年|区分|調査年)$/.test(c) || (i > 0 && yearOf(c) !== null)).length >= 2);
  if (headerIndex < 0) {
    return { records: [], problems: [rowProblem("error", 1, "見出し行が見つかりません (「年度」「本市」「類似団体平均」「全国市平均」の列、または年度を列にした表が必要です)")] };
  }
  const header = rows[headerIndex] ?? [];
  const records: LaspeyresRecord[] = [];
  const codeContext = { known: options.known, prefectureCode: titlePrefectureOf(rows, headerIndex) };
  const headerYears = header.map((c, i) => (i === 0 ? null : yearOf(c)));
  const transposed = headerYears.filter((y) => y !== null).length >= 1 && header.slice(1).every((c, i) => c.trim() === "" || headerYears[i + 1] !== null);
  const seen = new Set<string>();
  const add = (record: LaspeyresRecord, r: number, c: number) => {
    const key = `${record.fiscalYear}/${record.subject}`;
    if (seen.has(key)) problems.push(cellProblem("error", r, c, `${record.fiscalYear}年度の「${record.label}」が2回あります`));
    else {
      seen.add(key);
      records.push(record);
    }
  };
  const readIndex = (i: number, c: number, what: string) => {
    const read = readNumber(rows, i, c, what, "decimal", problems);
    if (read.ok && read.value !== null && (read.value < 50 || read.value > 150)) {
      problems.push(cellProblem("error", i + 1, c + 1, `${what} ${read.value} はラスパイレス指数として大きく外れています (国=100)`));
      return null;
    }
    return read.ok ? read.value : null;
  };

  if (transposed) {
    for (let i = headerIndex + 1; i < rows.length; i++) {
      const row = rows[i] ?? [];
      if (isBlankRow(row) || isNoteRow(row)) continue;
      const named = subjectOf(cellAt(row, 0), options.ownName);
      const subject = checkedSubject(named, i + 1, 1, codeContext, problems);
      if (named && !subject) continue;
      if (!subject) {
        problems.push(cellProblem("warning", i + 1, 1, `「${cellAt(row, 0)}」は取り込みません (本市・類似団体平均・全国市平均、または団体コード付きの団体名)`));
        continue;
      }
      headerYears.forEach((fy, c) => {
        if (fy === null) return;
        const value = readIndex(i, c, `${fy}年度の${subject.label}`);
        if (value !== null) add({ fiscalYear: fy, ...subject, value }, i + 1, c + 1);
      });
    }
  } else {
    const yearColumn = header.findIndex((c) => /^(年度|年|調査年|基準日)$/.test(compact(c)));
    const named = header.map((c, i) => (i === yearColumn ? null : subjectOf(c, options.ownName)));
    const subjects = named.map((subject, i) => checkedSubject(subject, headerIndex + 1, i + 1, codeContext, problems));
    header.forEach((c, i) => {
      if (i !== yearColumn && c.trim() !== "" && !named[i]) problems.push(cellProblem("warning", headerIndex + 1, i + 1, `列「${c.trim()}」は取り込みません (団体は「室蘭市(012050)」のように団体コードを付けてください)`));
    });
    const fallback = yearColumn < 0 ? fileYear(rows, headerIndex, options.fiscalYear, problems, true, options.currentFiscalYear) : null;
    for (let i = headerIndex + 1; i < rows.length; i++) {
      const row = rows[i] ?? [];
      if (isBlankRow(row) || isNoteRow(row)) continue;
      let fy = fallback;
      if (yearColumn >= 0) {
        fy = yearOf(cellAt(row, yearColumn));
        if (fy === null) {
          problems.push(cellProblem("error", i + 1, yearColumn + 1, `年度を読めません: 「${cellAt(row, yearColumn)}」`));
          continue;
        }
      }
      if (fy === null) continue;
      subjects.forEach((subject, c) => {
        if (!subject) return;
        const value = readIndex(i, c, `${fy}年度の${subject.label}`);
        if (value !== null) add({ fiscalYear: fy, ...subject, value }, i + 1, c + 1);
      });
    }
  }
  if (records.length === 0 && !problems.some((p) => p.severity === "error")) problems.push(rowProblem("error", headerIndex + 2, "取り込める指数がありません"));
  return { records, problems: sortProblems(problems) };
}
