import type { Generated, Selectable } from "kysely";

/** Login attempts counted under one throttle key (domain/login-throttle.ts). */
export interface LoginThrottlesTable {
  municipality_id: number;
  throttle_key: string;
  /** Failures since the key was last cleared, including attempts whose password is being checked right now. */
  failures: number;
  last_failure_at: string;
}

/** セキュリティログ: failed and throttled logins, refused (403) requests and CSRF refusals, unlocks. */
export interface SecurityEventsTable {
  id: Generated<number>;
  municipality_id: number;
  at: string;
  /** services/security-log.ts SecurityEventKind */
  kind: string;
  username: Generated<string>;
  address: Generated<string>;
  path: Generated<string>;
  detail: Generated<string>;
}

export interface SecuritySchema {
  login_throttles: LoginThrottlesTable;
  security_events: SecurityEventsTable;
}

export type LoginThrottleRow = Selectable<LoginThrottlesTable>;
export type SecurityEventRow = Selectable<SecurityEventsTable>;
