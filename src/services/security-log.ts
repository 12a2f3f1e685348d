/**
 * セキュリティログ (security log): failed and throttled logins, refused requests (403) and CSRF refusals, and the
 * administrator's unlocks, per municipality; and the administrator's view of throttled accounts and addresses.
 */
import type { Db } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { FREE_ATTEMPTS_BY_SCOPE, secondsUntilNextAttempt, THROTTLE_RESET_MS, type ThrottleScope } from "../domain/login-throttle.js";
import type { Actor } from "../domain/roles.js";
import { GyokakuError } from "../domain/errors.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

export type SecurityEventKind = "login_failed" | "login_throttled" | "forbidden" | "csrf_refused" | "unlocked";

export const SECURITY_EVENT_LABELS: Record<SecurityEventKind, string> = {
  login_failed: "ログイン失敗",
  login_throttled: "ログイン制限中の試行",
  forbidden: "権限のない操作 (403)",
  csrf_refused: "不正な要求 (CSRF)",
  unlocked: "ログイン制限の解除",
};

export interface SecurityEvent {
  kind: SecurityEventKind;
  username?: string;
  address?: string;
  path?: string;
  detail?: string;
  at?: Date;
}

/**
 * Records one event. Never throws: a security log that cannot be written must not turn a refusal into a 500
 * (the failure goes to the server log instead).
 */
export async function recordSecurityEvent(db: Db, municipalityId: number, event: SecurityEvent): Promise<void> {
  try {
    await new TenantDb(db, municipalityId).securityEvents.add({
      at: (event.at ?? new Date()).toISOString(),
      kind: event.kind,
      username: (event.username ?? "").slice(0, 64),
      address: (event.address ?? "").slice(0, 64),
      path: (event.path ?? "").slice(0, 200),
      detail: (event.detail ?? "").slice(0, 400),
    });
  } catch (error) {
    console.error("security log:", error);
  }
}

export interface SecurityEventView {
  at: string;
  kind: SecurityEventKind;
  label: string;
  username: string;
  address: string;
  path: string;
  detail: string;
}

const PAGE_SIZE = 100;

/** The log, latest first, 100 a page (administrators only). @throws GyokakuError forbidden */
export async function securityLog(tenant: Pick<TenantDb, "securityEvents">, actor: Actor, page = 1): Promise<{ events: SecurityEventView[]; total: number; page: number; pages: number }> {
  requireAdmin(actor, "セキュリティログを見る");
  const [rows, total] = await Promise.all([tenant.securityEvents.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), tenant.securityEvents.count()]);
  return {
    events: rows.map((r) => ({ at: r.at, kind: r.kind as SecurityEventKind, label: SECURITY_EVENT_LABELS[r.kind as SecurityEventKind] ?? r.kind, username: r.username, address: r.address, path: r.path, detail: r.detail })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export interface ThrottleView {
  key: string;
  scope: ThrottleScope;
  /** The account name and/or address the key counts. */
  subject: string;
  failures: number;
  lastFailureAt: string;
  /** Seconds until the next attempt is heard (0: not locked now). */
  waitSeconds: number;
}

function scopeOf(key: string): { scope: ThrottleScope; subject: string } {
  const at = key.indexOf(":");
  const scope = key.slice(0, at) as ThrottleScope;
  return { scope, subject: key.slice(at + 1) };
}

/** Accounts and addresses with counted failures (administrators only). @throws GyokakuError forbidden */
export async function loginThrottles(tenant: Pick<TenantDb, "loginThrottles">, actor: Actor, now = new Date()): Promise<ThrottleView[]> {
  requireAdmin(actor, "ログイン制限を見る");
  const forgetBefore = now.getTime() - THROTTLE_RESET_MS;
  return (await tenant.loginThrottles.list())
    .filter((r) => new Date(r.last_failure_at).getTime() >= forgetBefore)
    .map((r) => {
      const { scope, subject } = scopeOf(r.throttle_key);
      const free = FREE_ATTEMPTS_BY_SCOPE[scope] ?? 5;
      return { key: r.throttle_key, scope, subject, failures: r.failures, lastFailureAt: r.last_failure_at, waitSeconds: secondsUntilNextAttempt(r.failures, new Date(r.last_failure_at), now, free) };
    });
}

/**
 * 解除: forgets the failures counted under one key, so the account or address may log in at once (administrators only).
 * @throws GyokakuError forbidden; not_found when nothing is counted under the key.
 */
export async function unlockLogin(tenant: Pick<TenantDb, "audit" | "loginThrottles" | "securityEvents" | "transaction">, actor: Actor, key: string): Promise<void> {
  requireAdmin(actor, "ログイン制限を解除する");
  await tenant.transaction(async (tx) => {
    const removed = await tx.loginThrottles.clear(key);
    if (removed === 0) throw new GyokakuError("not_found", "指定されたログイン制限はありません");
    await recordChange(tx, actor, { action: "update", entity: "login_throttle", entityId: key.slice(0, 100), summary: `ログイン制限を解除: ${key.slice(0, 100)}` });
    await tx.securityEvents.add({ at: new Date().toISOString(), kind: "unlocked", username: actor.username.slice(0, 64), address: "", path: "", detail: key.slice(0, 400) });
  });
}

/**
 * 解除 of one account: forgets the failures counted for `username` from every address ("account:<name>" and
 * "account-address:<name>@…"; the address's own count stays), so the person may log in at once. Audited and in the
 * security log when something was cleared. Used by `gyokaku user unlock` (administrators only). Returns how many
 * throttle keys were cleared (0: the account was not throttled).
 * @throws GyokakuError forbidden
 */
export async function unlockAccount(tenant: Pick<TenantDb, "audit" | "loginThrottles" | "securityEvents" | "transaction">, actor: Actor, username: string): Promise<number> {
  requireAdmin(actor, "ログイン制限を解除する");
  const name = username.trim().slice(0, 64);
  return tenant.transaction(async (tx) => {
    const removed = await tx.loginThrottles.clearAccount(name);
    if (removed === 0) return 0;
    await recordChange(tx, actor, { action: "update", entity: "login_throttle", entityId: `account:${name}`, summary: `ログイン制限を解除: ${name} (${removed}件)` });
    await tx.securityEvents.add({ at: new Date().toISOString(), kind: "unlocked", username: actor.username.slice(0, 64), address: "", path: "", detail: `account:${name}` });
    return removed;
  });
}
