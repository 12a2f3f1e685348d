import type { Generated, Selectable } from "kysely";

type Timestamp = string;

/** 類似団体比較 (comparison with similar municipalities, 図表7–10): what MIC publishes and the municipality's own profile. */

/** 類似団体区分の判定 inputs of the municipality itself, per fiscal year (図表7). */
export interface ComparisonProfilesTable {
  municipality_id: number;
  fiscal_year: number;
  /** domain/similar-group.ts MunicipalityKind */
  kind: string;
  population: number;
  secondary_percent: number;
  tertiary_percent: number;
  area_km2: number | null;
  source: Generated<string>;
  updated_at: Timestamp;
}

/** MIC's averages of a similar group per sector (or subtotal ippan/futsu), per 10,000 population. */
export interface ComparisonGroupAveragesTable {
  municipality_id: number;
  fiscal_year: number;
  /** domain/comparison.ts groupKey: "city:II-3", "town:V-2", "core" … */
  group_key: string;
  sector: string;
  members: number | null;
  /** Σ 住基人口 of the members. */
  population: number | null;
  /** Σ 職員数 of the members. */
  staff: number | null;
  simple_per10k: number | null;
  corrected_per10k: number | null;
  corrected_members: number | null;
  source: Generated<string>;
}

/** MIC's roster: one municipality of the survey year, with its group and population. */
export interface ComparisonRosterTable {
  municipality_id: number;
  fiscal_year: number;
  code: string;
  name: string;
  prefecture: string;
  group_key: string;
  population: number;
  area_km2: number | null;
}

/** 職員数 of a roster municipality by sector or subtotal. */
export interface ComparisonRosterStaffTable {
  municipality_id: number;
  fiscal_year: number;
  code: string;
  sector: string;
  staff: number;
}

/** The municipality's own 定員管理診断表 as MIC gives it (図表10): actual staff and reference counts per sector. */
export interface ComparisonDiagnosisTable {
  municipality_id: number;
  fiscal_year: number;
  sector: string;
  actual: number | null;
  simple_reference: number | null;
  corrected_reference: number | null;
  source: Generated<string>;
}

/** ラスパイレス指数 (図表9): subject "own", "group" (類似団体平均), "cities" (全国市平均) or a peer's 団体コード. */
export interface ComparisonLaspeyresTable {
  municipality_id: number;
  fiscal_year: number;
  subject: string;
  label: string;
  value: number;
  source: Generated<string>;
}

/** 定員回帰指標 coefficients as MIC publishes them, per year and sector (futsu / ippan). */
export interface ComparisonRegressionTable {
  municipality_id: number;
  fiscal_year: number;
  sector: string;
  constant: number;
  population_coef: number;
  area_coef: number;
  source: Generated<string>;
}

export interface ComparisonSchema {
  comparison_profiles: ComparisonProfilesTable;
  comparison_group_averages: ComparisonGroupAveragesTable;
  comparison_roster: ComparisonRosterTable;
  comparison_roster_staff: ComparisonRosterStaffTable;
  comparison_diagnosis: ComparisonDiagnosisTable;
  comparison_laspeyres: ComparisonLaspeyresTable;
  comparison_regression: ComparisonRegressionTable;
}

export type ComparisonProfileRow = Selectable<ComparisonProfilesTable>;
export type ComparisonGroupAverageRow = Selectable<ComparisonGroupAveragesTable>;
export type ComparisonRosterRow = Selectable<ComparisonRosterTable>;
export type ComparisonDiagnosisRow = Selectable<ComparisonDiagnosisTable>;
export type ComparisonLaspeyresRow = Selectable<ComparisonLaspeyresTable>;
export type ComparisonRegressionRow = Selectable<ComparisonRegressionTable>;
