/**
 * 定員回帰指標の係数 as MIC publishes them: per year (and per 普通会計 / 一般行政), the constant, the coefficient
 * of 住基人口 (per person) and of 面積 (per km²). Nothing is assumed: a file without a coefficient is an error.
 *
 *   年度 | 部門     | 定数項 | 人口の係数 | 面積の係数
 *   R6   | 普通会計 | 12.3   | 0.00612    | 0.0915
 */
import { comparisonCodeByName } from "../domain/comparison.js";
import { cellAt, compact, fileYear, findRow, type Grid, isBlankRow, isNoteRow, type MicReadOptions, readNumber, readYearText } from "./mic-common.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

export interface RegressionRecord {
  fiscalYear: number;
  /** "futsu" (普通会計) or "ippan" (一般行政). */
  sector: string;
  constant: number;
  populationCoef: number;
  areaCoef: number;
}

export interface RegressionImport {
  records: RegressionRecord[];
  problems: ImportProblem[];
}

export function parseRegression(rows: Grid, options: MicReadOptions): RegressionImport {
  const problems: ImportProblem[] = [];
  const headerIndex = findRow(rows, (cells) => cells.some((c) => /定数項|切片/.test(c)));
  if (headerIndex < 0) return { records: [], problems: [rowProblem("error", 1, "見出し行が見つかりません (「定数項」「人口の係数」「面積の係数」の列が必要です)")] };
  const header = (rows[headerIndex] ?? []).map(compact);
  const find = (pattern: RegExp) => header.findIndex((c) => pattern.test(c));
  const col = { year: find(/^年度$/), sector: find(/^(部門|区分|会計)$/), constant: find(/定数項|切片/), population: find(/人口/), area: find(/面積/) };
  const missing = [col.population < 0 ? "人口の係数" : null, col.area < 0 ? "面積の係数" : null].filter((m): m is string => m !== null);
  if (missing.length > 0) return { records: [], problems: [rowProblem("error", headerIndex + 1, `見出し行に${missing.map((m) => `「${m}」`).join("")}の列がありません`)] };
  const fallback = col.year < 0 ? fileYear(rows, headerIndex, options.fiscalYear, problems, true, options.currentFiscalYear) : null;
  const records: RegressionRecord[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row) || isNoteRow(row)) continue;
    const r = i + 1;
    let fy = fallback;
    if (col.year >= 0) {
      fy = readYearText(cellAt(row, col.year), options.currentFiscalYear);
      if (fy === null) problems.push(cellProblem("error", r, col.year + 1, `年度を読めません: 「${cellAt(row, col.year)}」`));
    }
    let sector = "futsu";
    if (col.sector >= 0) {
      const text = cellAt(row, col.sector);
      const code = text === "" ? "futsu" : comparisonCodeByName(text);
      if (code !== "futsu" && code !== "ippan") {
        problems.push(cellProblem("error", r, col.sector + 1, `部門「${text}」には対応していません (普通会計 または 一般行政)`));
        continue;
      }
      sector = code;
    }
    const read = (c: number, what: string) => {
      const value = readNumber(rows, i, c, what, "signed-decimal", problems);
      if (value.ok && value.value === null) problems.push(cellProblem("error", r, c + 1, `${what}が空欄です`));
      return value.ok ? value.value : null;
    };
    const constant = read(col.constant, "定数項");
    const populationCoef = read(col.population, "人口の係数");
    const areaCoef = read(col.area, "面積の係数");
    if (fy === null || constant === null || populationCoef === null || areaCoef === null) continue;
    const key = `${fy}/${sector}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(rowProblem("error", r, `${fy}年度の係数が${earlier}行目にもあります`));
      continue;
    }
    seen.set(key, r);
    records.push({ fiscalYear: fy, sector, constant, populationCoef, areaCoef });
  }
  if (records.length === 0 && !problems.some((p) => p.severity === "error")) problems.push(rowProblem("error", headerIndex + 2, "取り込める係数がありません"));
  return { records, problems: sortProblems(problems) };
}
