/**
 * MIC comparison data stored in gyokaku → rows in the layouts the MIC importers read (mic-diagnosis.ts,
 * mic-roster.ts, mic-laspeyres.ts), so an export imports back unchanged. Pure: rows in, rows out.
 */
import { COMPARISON_CODES, comparisonName, groupShortLabel, KIND_LABELS, parseGroupKey } from "../domain/comparison.js";
import { formatFiscalYear } from "../domain/era.js";

export type Cell = string | number | null;

/** 4月1日 of a fiscal year as the 診断表 heads its columns: 2024 → 「R6.4.1」 (2019 → 「H31.4.1」). */
export function surveyDateLabel(fiscalYear: number): string {
  if (fiscalYear >= 2020) return `R${fiscalYear - 2018}.4.1`;
  if (fiscalYear >= 1989) return `H${fiscalYear - 1988}.4.1`;
  return `S${fiscalYear - 1925}.4.1`;
}

export interface DiagnosisExportRow {
  sector: string;
  actual: number | null;
  simpleReference: number | null;
  correctedReference: number | null;
}

/**
 * One year's 定員管理診断表 (図表10) as stored: a row per sector and subtotal in the table's order, with the
 * actual staff (B) and the reference counts of both bases. 超過数 and 超過率 are left out: they follow from the
 * stored values and the importer recomputes them.
 */
export function diagnosisToRows(fiscalYear: number, rows: readonly DiagnosisExportRow[]): Cell[][] {
  const bySector = new Map(rows.map((r) => [r.sector, r]));
  const out: Cell[][] = [
    [`定員管理診断表 ${formatFiscalYear(fiscalYear)} (${surveyDateLabel(fiscalYear)}現在)`],
    ["部門", `${surveyDateLabel(fiscalYear)} 現在職員数`, "単純値による職員数", "修正値による職員数"],
  ];
  for (const code of COMPARISON_CODES) {
    const r = bySector.get(code);
    if (!r) continue;
    out.push([comparisonName(code), r.actual, r.simpleReference, r.correctedReference]);
  }
  return out;
}

export interface RosterExportRow {
  fiscalYear: number;
  code: string;
  name: string;
  prefecture: string;
  groupKey: string;
  population: number;
  areaKm2: number | null;
  staff: Readonly<Record<string, number>>;
}

/**
 * 団体別職員数 (roster) with a 年度 column, so several years fit one sheet: code, prefecture, name, 区分 (一般市 /
 * 町村 / …), 類型, population, area and staff per sector that any row states, in the 診断表 order.
 */
export function rosterToRows(records: readonly RosterExportRow[]): Cell[][] {
  const sectors = COMPARISON_CODES.filter((code) => records.some((r) => r.staff[code] !== undefined));
  const hasArea = records.some((r) => r.areaKm2 !== null);
  const header: Cell[] = ["年度", "団体コード", "都道府県名", "団体名", "区分", "類型", "住民基本台帳人口", ...(hasArea ? ["面積"] : []), ...sectors.map(comparisonName)];
  const out: Cell[][] = [header];
  const sorted = [...records].sort((a, b) => a.fiscalYear - b.fiscalYear || a.code.localeCompare(b.code));
  for (const r of sorted) {
    let kind = "";
    try {
      kind = KIND_LABELS[parseGroupKey(r.groupKey).kind];
    } catch {
      kind = "";
    }
    out.push([
      `${r.fiscalYear}年度`,
      r.code,
      r.prefecture,
      r.name,
      kind,
      groupShortLabel(r.groupKey),
      r.population,
      ...(hasArea ? [r.areaKm2] : []),
      ...sectors.map((s) => r.staff[s] ?? null),
    ]);
  }
  return out;
}

export interface LaspeyresExportRow {
  fiscalYear: number;
  subject: string;
  label: string;
  value: number;
}

const SUBJECT_ORDER = ["own", "group", "cities", "towns", "national", "prefecture"];

/**
 * ラスパイレス指数 with years as rows: 本市, 類似団体平均, the stored comparators under their own labels
 * (全国市平均, 全国町村平均 …) and peers as 「室蘭市(012050)」.
 */
export function laspeyresToRows(records: readonly LaspeyresExportRow[]): Cell[][] {
  const subjects = [...new Set(records.map((r) => r.subject))].sort((a, b) => {
    const ia = SUBJECT_ORDER.indexOf(a);
    const ib = SUBJECT_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const labelOf = (subject: string) => {
    const label = records.find((r) => r.subject === subject)?.label ?? subject;
    if (subject === "own") return "本市";
    return /^\d{6}$/.test(subject) ? `${label}(${subject})` : label;
  };
  const out: Cell[][] = [["年度", ...subjects.map(labelOf)]];
  for (const fy of [...new Set(records.map((r) => r.fiscalYear))].sort((a, b) => a - b)) {
    out.push([`${fy}年度`, ...subjects.map((s) => records.find((r) => r.fiscalYear === fy && r.subject === s)?.value ?? null)]);
  }
  return out;
}
