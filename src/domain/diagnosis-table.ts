/**
 * The 定員管理診断表 of one municipality and year (seed 図表10): per sector and subtotal the staff of the previous
 * and current year, the change, and the comparison with the reference counts from the similar group's simple
 * (単純値) and corrected (修正値) averages. A reference count given by MIC's own table is used as given; otherwise
 * it is computed from the group's average per 10,000 and the municipality's population. Subtotals are diagnosed
 * from their own references or averages, never by adding rounded rows (the seed: 単純値 rows add up to 510, the
 * 一般行政計 reference is 511).
 */
import { DIAGNOSIS_ROWS, type ComparisonRow, statedOrSumOfParts } from "./comparison.js";
import { diagnoseAgainstReference, diagnoseSector, type SectorDiagnosis } from "./diagnosis.js";

/** A value for both bases of the 診断表: 単純値 and 修正値 (null when unknown). */
export interface ReferencePair {
  simple: number | null;
  corrected: number | null;
}

/**
 * What the 定員管理診断表 (seed 図表10) is built from: 職員数 (人) of two surveys by comparison code, MIC's given
 * reference counts (人), the group's averages per 10,000 population (人/万人) and the 住基人口 (人) they apply to.
 */
export interface DiagnosisTableInput {
  /** 職員数 (A): the previous survey, by comparison code. A subtotal missing here is added up from its parts. */
  previous: ReadonlyMap<string, number>;
  /** 職員数 (B): this survey. */
  current: ReadonlyMap<string, number>;
  /** Reference counts as MIC's 診断表 gives them. */
  given: ReadonlyMap<string, ReferencePair>;
  /** The group's averages per 10,000 population, used where no reference count is given. */
  averages: ReadonlyMap<string, ReferencePair>;
  /** 住基人口 the averages apply to; null when unknown (then only given references can be shown). */
  population: number | null;
}

/** One diagnosis of the table (reference 人, excess 人, rate %), with where its reference count came from. */
export interface DiagnosisCell extends SectorDiagnosis {
  /** "given": the reference count came with MIC's table; "average": computed from the group average. */
  source: "given" | "average";
  /** The average per 10,000 the reference was computed from. */
  average: number | null;
}

/**
 * One row of the 診断表: 職員数 (A) and (B) (人), their change (人), and the diagnosis against the 単純値 and the 修正値
 * (null where the row is not compared or (B) is unknown).
 */
export interface DiagnosisTableRow extends ComparisonRow {
  previous: number | null;
  current: number | null;
  /** B − A; null when either year is missing. */
  change: number | null;
  simple: DiagnosisCell | null;
  corrected: DiagnosisCell | null;
}

function cellOf(actual: number, given: number | null | undefined, average: number | null | undefined, population: number | null): DiagnosisCell | null {
  if (given !== null && given !== undefined) return { ...diagnoseAgainstReference(actual, given), source: "given", average: null };
  if (average !== null && average !== undefined && population !== null && population > 0) {
    return { ...diagnoseSector(actual, average, population), source: "average", average };
  }
  return null;
}

/**
 * The 定員管理診断表 (seed 図表10), every row of DIAGNOSIS_ROWS in order. A subtotal missing from the survey is added up
 * from its parts (statedOrSumOfParts). Each compared row uses MIC's given reference count where there is one, else the group
 * average × population / 10,000 rounded half up (diagnoseSector); a row without either is null. Never throws.
 */
export function buildDiagnosisTable(input: DiagnosisTableInput): DiagnosisTableRow[] {
  return DIAGNOSIS_ROWS.map((row) => {
    const previous = statedOrSumOfParts(row.code, input.previous);
    const current = statedOrSumOfParts(row.code, input.current);
    const compare = row.compared && current !== null;
    const given = input.given.get(row.code);
    const average = input.averages.get(row.code);
    return {
      ...row,
      previous,
      current,
      change: previous === null || current === null ? null : current - previous,
      simple: compare ? cellOf(current, given?.simple, average?.simple, input.population) : null,
      corrected: compare ? cellOf(current, given?.corrected, average?.corrected, input.population) : null,
    };
  });
}
