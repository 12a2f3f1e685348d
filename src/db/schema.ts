import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { HearingSchema } from "./schema-hearing.js";
import type { SecuritySchema } from "./schema-security.js";

/** Timestamps are ISO-8601 UTC strings so that SQLite and PostgreSQL store and compare them alike. */
type Timestamp = string;

export interface MunicipalitiesTable {
  id: Generated<number>;
  /** 全国地方公共団体コード, 6 digits with the check digit. */
  code: string;
  name: string;
  prefecture: string;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  municipality_id: number;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the user last signed in; null when never (since this column exists). */
  last_login_at: Timestamp | null;
}

/** Which organisational units an editor may write. */
export interface UserUnitsTable {
  municipality_id: number;
  user_id: number;
  unit_id: number;
}

/** 組織 (organisational unit): appointing authority, department or division. Issue #3 adds validity and sectors. */
export interface OrgUnitsTable {
  id: Generated<number>;
  municipality_id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  sort_order: number;
  contact: Generated<string>;
  note: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** First / last fiscal year the unit exists; null = open-ended. */
  valid_from: number | null;
  valid_to: number | null;
  /** MIC 部門 code (domain/sector.ts). */
  sector: string | null;
}

/** 組織改正: create / abolish / rename / split / merge, in the fiscal year it takes effect. */
export interface ReorgEventsTable {
  id: Generated<number>;
  municipality_id: number;
  fiscal_year: number;
  kind: string;
  /** JSON arrays of org_units ids. */
  from_unit_ids: string;
  to_unit_ids: string;
  old_name: string | null;
  new_name: string | null;
  note: Generated<string>;
  created_at: Timestamp;
}

/** The reference date of a year's count (April 1, or the first personnel order after a mayoral election). */
export interface HeadcountYearsTable {
  municipality_id: number;
  fiscal_year: number;
  reference_date: string;
  note: Generated<string>;
}

/** 職員数: one unit, one fiscal year; null = not recorded. */
export interface HeadcountsTable {
  municipality_id: number;
  unit_id: number;
  fiscal_year: number;
  staff: number | null;
  seconded: number | null;
  fixed_term: number | null;
  on_leave: number | null;
  childcare_substitutes: number | null;
  updated_at: Timestamp;
}

/** 条例定数 of a unit (usually an appointing authority), valid for a span of fiscal years. */
export interface QuotasTable {
  id: Generated<number>;
  municipality_id: number;
  unit_id: number;
  quota: number;
  valid_from: number | null;
  valid_to: number | null;
  note: Generated<string>;
  created_at: Timestamp;
}

/** 住基人口 for a fiscal year, with the date it was counted on. */
export interface PopulationsTable {
  municipality_id: number;
  fiscal_year: number;
  population: number;
  reference_date: string;
  source: Generated<string>;
}

/** 年齢構成: staff of a unit on April 1 of a base year, by school-year cohort of birth and job category. Aggregates only. */
export interface AgeProfilesTable {
  municipality_id: number;
  unit_id: number;
  base_year: number;
  cohort: number;
  category: string;
  count: number;
}

/** A municipality's own 定年 schedule for a job category (by ordinance); replaces the national standard of that category. */
export interface RetirementSchedulesTable {
  municipality_id: number;
  category: string;
  label: string;
  /** JSON [{ fromYear: number | null, age: number }] */
  steps_json: string;
  /** MM-DD */
  retire_on: Generated<string>;
  source: Generated<string>;
}

export interface ProjectionScenariosTable {
  id: Generated<number>;
  municipality_id: number;
  name: string;
  /** JSON of the scenario's parameters (services/retirement-planning.ts ScenarioParams). */
  params_json: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A staffing policy value in force from a fiscal year on (null: from the beginning) until the next one of its kind. */
export interface StaffingPoliciesTable {
  id: Generated<number>;
  municipality_id: number;
  /** "allowance_percent" (許容率, %) or "reference_date" (基準日, MM-DD). */
  kind: string;
  valid_from: number | null;
  value: string;
  note: Generated<string>;
  created_at: Timestamp;
}

/** Member units of a quota shared by several 任命権者 (one 条例定数 for all of them). */
export interface QuotaMembersTable {
  municipality_id: number;
  quota_id: number;
  unit_id: number;
}

export interface SettingsTable {
  municipality_id: number;
  key: string;
  value: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  municipality_id: number;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface LoginAttemptsTable {
  municipality_id: number;
  username: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  municipality_id: number;
  at: Timestamp;
  user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

// ---- 業務改革 (reform items) ----

export interface ReformEditionsTable {
  id: Generated<number>;
  municipality_id: number;
  fiscal_year: number;
  title: string;
  created_at: Timestamp;
}

/** An item as it stands in one edition; lineage_key follows the same item across editions. */
export interface ReformItemsTable {
  id: Generated<number>;
  municipality_id: number;
  edition_id: number;
  lineage_key: string;
  number: number;
  name: string;
  state: string;
  /** JSON string[]: 担当課 as written (may name units that are not in the organisation, e.g. その他業務所管課). */
  unit_labels_json: string;
  /** JSON Block[] (domain/reform.ts) */
  content_json: string;
  effect_json: string;
  remarks_json: string;
  /** Optimistic locking: bumped on every save. */
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ReformItemUnitsTable {
  municipality_id: number;
  item_id: number;
  unit_id: number;
}

/** A plan (取組計画) or result (取組実績) cell of an item for one fiscal year. */
export interface ReformCellsTable {
  municipality_id: number;
  item_id: number;
  fiscal_year: number;
  kind: string;
  stage: string | null;
  lines_json: string;
  same_as_left: Generated<number>;
}

export interface ReformSubcommitteesTable {
  id: Generated<number>;
  municipality_id: number;
  code: string;
  name: string;
  role: string;
  from_year: number | null;
  to_year: number | null;
  lineage_keys_json: string;
}

export interface ReformIndicatorsTable {
  id: Generated<number>;
  municipality_id: number;
  lineage_key: string;
  name: string;
  unit: string;
  baseline_year: number | null;
  baseline_value: number | null;
  cumulative: Generated<number>;
  note: Generated<string>;
  sort_order: Generated<number>;
}

export interface ReformIndicatorValuesTable {
  municipality_id: number;
  indicator_id: number;
  fiscal_year: number;
  kind: string;
  value: number;
}

/** 更新依頼: the secretariat asks the responsible divisions for a year's results and next plans by a due date. */
export interface ReformRoundsTable {
  id: Generated<number>;
  municipality_id: number;
  edition_id: number;
  fiscal_year: number;
  title: string;
  due_date: string;
  status: string;
  opened_by: string;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReformUpdatesTable {
  municipality_id: number;
  round_id: number;
  item_id: number;
  status: string;
  /** JSON { result: PlanCell, plans: Record<year, PlanCell> } */
  draft_json: string;
  comment: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ReformVerificationsTable {
  municipality_id: number;
  lineage_key: string;
  fiscal_year: number;
  evaluation: string;
  opinion: string;
  decision: string;
  verified_by: string;
  verified_at: Timestamp;
  version: Generated<number>;
  /** 1: the opinion is an internal note of headquarters and is never published (services/publication-policy.ts). */
  opinion_internal: Generated<number>;
}

/** 公表 state of a reform edition (domain/publication.ts); fingerprint = SHA-256 of the public dataset when approved. */
export interface ReformPublicationsTable {
  municipality_id: number;
  fiscal_year: number;
  state: string;
  /** Headquarters' comment when it returned the edition (internal, never published). */
  comment: Generated<string>;
  fingerprint: string | null;
  ready_by: string | null;
  ready_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
}

export interface ReformRevisionsTable {
  id: Generated<number>;
  municipality_id: number;
  item_id: number;
  at: Timestamp;
  actor: string;
  source: string;
  /** JSON [{ field, before, after }] */
  diff_json: string;
}

/** 公表: one editable narrative section of an edition's document (key: see report/document/narrative.ts). */
export interface PolicyNarrativesTable {
  municipality_id: number;
  fiscal_year: number;
  key: string;
  text: string;
  updated_by: string;
  updated_at: string;
}

/** 公表: an image the secretariat uploaded for a figure of an edition's document (図表1, 図表2). */
export interface PolicyFigureImagesTable {
  municipality_id: number;
  fiscal_year: number;
  key: string;
  filename: string;
  content_type: string;
  data_base64: string;
  updated_by: string;
  updated_at: string;
}

export interface ReformAttachmentsTable {
  id: Generated<number>;
  municipality_id: number;
  lineage_key: string;
  filename: string;
  content_type: string;
  data_base64: string;
  created_at: Timestamp;
}

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

export interface Schema extends HearingSchema, SecuritySchema {
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  org_units: OrgUnitsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  reorg_events: ReorgEventsTable;
  headcount_years: HeadcountYearsTable;
  headcounts: HeadcountsTable;
  quotas: QuotasTable;
  populations: PopulationsTable;
  settings: SettingsTable;
  staffing_policies: StaffingPoliciesTable;
  quota_members: QuotaMembersTable;
  age_profiles: AgeProfilesTable;
  retirement_schedules: RetirementSchedulesTable;
  projection_scenarios: ProjectionScenariosTable;
  reform_editions: ReformEditionsTable;
  reform_items: ReformItemsTable;
  reform_item_units: ReformItemUnitsTable;
  reform_cells: ReformCellsTable;
  reform_subcommittees: ReformSubcommitteesTable;
  reform_indicators: ReformIndicatorsTable;
  reform_indicator_values: ReformIndicatorValuesTable;
  reform_rounds: ReformRoundsTable;
  reform_updates: ReformUpdatesTable;
  reform_verifications: ReformVerificationsTable;
  reform_revisions: ReformRevisionsTable;
  reform_attachments: ReformAttachmentsTable;
  policy_narratives: PolicyNarrativesTable;
  policy_figure_images: PolicyFigureImagesTable;
  reform_publications: ReformPublicationsTable;
  comparison_profiles: ComparisonProfilesTable;
  comparison_group_averages: ComparisonGroupAveragesTable;
  comparison_roster: ComparisonRosterTable;
  comparison_roster_staff: ComparisonRosterStaffTable;
  comparison_diagnosis: ComparisonDiagnosisTable;
  comparison_laspeyres: ComparisonLaspeyresTable;
  comparison_regression: ComparisonRegressionTable;
}

export type Db = Kysely<Schema>;
export type DbOrTx = Kysely<Schema> | Transaction<Schema>;

export type MunicipalityRow = Selectable<MunicipalitiesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;
export type OrgUnitUpdate = Updateable<OrgUnitsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ReorgEventRow = Selectable<ReorgEventsTable>;
export type HeadcountRow = Selectable<HeadcountsTable>;
export type QuotaRow = Selectable<QuotasTable>;
export type PopulationRow = Selectable<PopulationsTable>;
export type StaffingPolicyRow = Selectable<StaffingPoliciesTable>;
export type HeadcountYearRow = Selectable<HeadcountYearsTable>;
export type AgeProfileRow = Selectable<AgeProfilesTable>;
export type RetirementScheduleRow = Selectable<RetirementSchedulesTable>;
export type ProjectionScenarioRow = Selectable<ProjectionScenariosTable>;
export type ReformEditionRow = Selectable<ReformEditionsTable>;
export type ReformItemRow = Selectable<ReformItemsTable>;
export type ReformCellRow = Selectable<ReformCellsTable>;
export type ReformSubcommitteeRow = Selectable<ReformSubcommitteesTable>;
export type ReformIndicatorRow = Selectable<ReformIndicatorsTable>;
export type ReformIndicatorValueRow = Selectable<ReformIndicatorValuesTable>;
export type ReformRoundRow = Selectable<ReformRoundsTable>;
export type ReformUpdateRow = Selectable<ReformUpdatesTable>;
export type ReformVerificationRow = Selectable<ReformVerificationsTable>;
export type ReformRevisionRow = Selectable<ReformRevisionsTable>;
export type ReformPublicationRow = Selectable<ReformPublicationsTable>;
export type ComparisonProfileRow = Selectable<ComparisonProfilesTable>;
export type ComparisonGroupAverageRow = Selectable<ComparisonGroupAveragesTable>;
export type ComparisonRosterRow = Selectable<ComparisonRosterTable>;
export type ComparisonDiagnosisRow = Selectable<ComparisonDiagnosisTable>;
export type ComparisonLaspeyresRow = Selectable<ComparisonLaspeyresTable>;
export type ComparisonRegressionRow = Selectable<ComparisonRegressionTable>;
export type PolicyNarrativeRow = Selectable<PolicyNarrativesTable>;
export type PolicyFigureImageRow = Selectable<PolicyFigureImagesTable>;
