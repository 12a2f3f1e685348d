/**
 * How long the security bookkeeping is kept (保存期間), and the pruning that enforces it. Failed logins, refusals and
 * CSRF attempts are written by anyone who can reach the login page, so without a bound these tables grow forever.
 *
 * | table            | kept (default) | why this long                                                                 |
 * |------------------|----------------|-------------------------------------------------------------------------------|
 * | security_events  | 365 days       | a fiscal year's look back (監査・情報セキュリティ監査 are yearly)               |
 * | login_throttles  | 30 days        | a key's failures are forgotten 24 h after its last one (domain/login-throttle.ts); a month keeps the admin's view of recent trouble |
 * | login_attempts   | 30 days        | the table before login_throttles (no longer written): what is left of it goes the same way |
 *
 * Set with GYOKAKU_SECURITY_LOG_DAYS and GYOKAKU_LOGIN_THROTTLE_DAYS (whole days, 1–36,500). The server prunes once an
 * hour (startPruneSchedule); `gyokaku prune` does the same once, for cron or by hand. Pruning spans every municipality
 * and touches nothing else (the audit log, 変更履歴, is never pruned).
 */
import type { Db } from "../db/schema.js";
import { GyokakuError } from "../domain/errors.js";
import { THROTTLE_RESET_MS } from "../domain/login-throttle.js";
import { startPeriodic } from "./periodic.js";

/** Days each kind of record is kept. */
export interface Retention {
  /** security_events (セキュリティログ), by `at`. */
  securityEventDays: number;
  /** login_throttles and the old login_attempts, by their last failure. */
  loginThrottleDays: number;
}

export const DEFAULT_RETENTION: Retention = { securityEventDays: 365, loginThrottleDays: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 36_500;

/**
 * Reads a number of days as given on the command line or in the environment (`label` names it in the message).
 * @throws GyokakuError invalid_input unless a whole number from 1 to 36,500
 */
export function parseRetentionDays(text: string, label: string): number {
  const trimmed = text.trim();
  const days = Number(trimmed);
  if (!/^\d{1,5}$/.test(trimmed) || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new GyokakuError("invalid_input", `${label}は1～${MAX_DAYS.toLocaleString("ja-JP")}の整数(日数)で指定してください: ${text.slice(0, 40)}`);
  }
  return days;
}

/** The retention from GYOKAKU_SECURITY_LOG_DAYS and GYOKAKU_LOGIN_THROTTLE_DAYS, each defaulting (DEFAULT_RETENTION). */
export function retentionFromEnv(env: Readonly<Record<string, string | undefined>>): Retention {
  const security = env["GYOKAKU_SECURITY_LOG_DAYS"];
  const throttle = env["GYOKAKU_LOGIN_THROTTLE_DAYS"];
  return {
    securityEventDays: security ? parseRetentionDays(security, "GYOKAKU_SECURITY_LOG_DAYS") : DEFAULT_RETENTION.securityEventDays,
    loginThrottleDays: throttle ? parseRetentionDays(throttle, "GYOKAKU_LOGIN_THROTTLE_DAYS") : DEFAULT_RETENTION.loginThrottleDays,
  };
}

/** Rows removed by one pruning pass, per table. */
export interface PruneResult {
  securityEvents: number;
  loginThrottles: number;
  loginAttempts: number;
}

/**
 * Deletes, in every municipality, security events older than `retention.securityEventDays` and login throttle rows
 * (and old login_attempts rows) whose last failure is older than `retention.loginThrottleDays` (never younger than the
 * 24 hours the throttle still counts them), counted back from `now`. Timestamps are ISO 8601 text (UTC), compared as text.
 */
export async function pruneSecurityRecords(db: Db, props: { now: Date; retention?: Retention }): Promise<PruneResult> {
  const retention = props.retention ?? DEFAULT_RETENTION;
  const eventsBefore = new Date(props.now.getTime() - retention.securityEventDays * DAY_MS).toISOString();
  const throttlesBefore = new Date(props.now.getTime() - Math.max(retention.loginThrottleDays * DAY_MS, THROTTLE_RESET_MS)).toISOString();
  const events = await db.deleteFrom("security_events").where("at", "<", eventsBefore).executeTakeFirst();
  const throttles = await db.deleteFrom("login_throttles").where("last_failure_at", "<", throttlesBefore).executeTakeFirst();
  const attempts = await db.deleteFrom("login_attempts").where("last_failure_at", "<", throttlesBefore).executeTakeFirst();
  return { securityEvents: Number(events.numDeletedRows), loginThrottles: Number(throttles.numDeletedRows), loginAttempts: Number(attempts.numDeletedRows) };
}

/** Once an hour, like the reminders (services/reminder-schedule.ts). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts the hourly pruning: a first pass `firstDelayMs` after start (default 60 s), then every `intervalMs`. `now`
 * gives the time of each pass (tests freeze it). Timers do not keep the process alive; an error is logged and the next
 * pass tries again. @returns stop(), which also waits for a pass that is running.
 */
export function startPruneSchedule(db: Db, props: { retention: Retention; now?: () => Date; firstDelayMs?: number; intervalMs?: number }): () => Promise<void> {
  return startPeriodic(() => pruneSecurityRecords(db, { now: props.now?.() ?? new Date(), retention: props.retention }), {
    firstDelayMs: props.firstDelayMs ?? 60_000,
    intervalMs: props.intervalMs ?? PRUNE_INTERVAL_MS,
    failureMessage: "セキュリティログの整理に失敗しました:",
  });
}
