import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";

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

export interface Schema {
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  org_units: OrgUnitsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
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
