import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { ComparisonSchema } from "./schema-comparison.js";
import type { HearingSchema } from "./schema-hearing.js";
import type { ReformSchema } from "./schema-reform.js";
import type { SecuritySchema } from "./schema-security.js";

/** Timestamps are ISO-8601 UTC strings so that SQLite and PostgreSQL store and compare them alike. */
type Timestamp = string;

export interface MunicipalitiesTable {
  id: Generated<number>;
  /** 全国地方公共団体コード, 6 digits with the check digit. */
  code: string;
  name: string;
  /** 団体名のローマ字, lower case (「chitose」); null when not given at registration. */
  name_romaji: string | null;
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

/** お知らせ: one row per recipient; read_at null while unread. */
export interface NotificationsTable {
  id: Generated<number>;
  municipality_id: number;
  user_id: number;
  kind: string;
  title: string;
  href: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
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

/** The version every write to a municipality's data increments (by triggers; migration 20261202T0000-data-versions). */
export interface DataVersionsTable {
  municipality_id: number;
  version: number;
}

export interface Schema extends HearingSchema, SecuritySchema, ComparisonSchema, ReformSchema {
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  org_units: OrgUnitsTable;
  sessions: SessionsTable;
  notifications: NotificationsTable;
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
  data_versions: DataVersionsTable;
}

// The comparison tables (図表7–10) live in schema-comparison.ts; their row types are re-exported here.
export type { ComparisonDiagnosisRow, ComparisonGroupAverageRow, ComparisonLaspeyresRow, ComparisonProfileRow, ComparisonRegressionRow, ComparisonRosterRow } from "./schema-comparison.js";
// The reform and policy-document tables live in schema-reform.ts.
export type { PolicyFigureImageRow, PolicyNarrativeRow, ReformCellRow, ReformEditionRow, ReformIndicatorRow, ReformIndicatorValueRow, ReformItemRow, PublicationPdfRow, PublicationPlanRow, ReformPublicationRow, ReformRevisionRow, ReformRoundRow, ReformSubcommitteeRow, ReformUpdateRow, ReformVerificationRow } from "./schema-reform.js";

export type Db = Kysely<Schema>;
export type DbOrTx = Kysely<Schema> | Transaction<Schema>;

export type MunicipalityRow = Selectable<MunicipalitiesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;
export type OrgUnitUpdate = Updateable<OrgUnitsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
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
