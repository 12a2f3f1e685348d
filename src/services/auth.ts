import { createHash } from "node:crypto";
import { MunicipalityRepository } from "../db/repositories/municipalities.js";
import { SessionRepository } from "../db/repositories/sessions.js";
import type { Db } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { loginWaitSeconds, secondsUntilNextAttempt, THROTTLE_RESET_MS, throttleKeys } from "../domain/login-throttle.js";
import { type Actor, isRole } from "../domain/roles.js";
import { recordChange } from "./audit.js";
import { type PresentedMunicipality, presentMunicipality } from "./municipalities.js";
import { randomToken, UNUSABLE_HASH, verifyPassword } from "./password.js";
import { recordSecurityEvent } from "./security-log.js";

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** A session ends this long after login however active it is (absolute lifetime): 12 hours, one working day. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Extending the expiry on every request would write on every page view; once a minute is enough. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  /** The municipality signed in to, as the pages show it (no timestamps). */
  municipality: PresentedMunicipality;
  actor: Actor;
  displayName: string;
  /** お知らせ not yet read (shown beside the inbox link). */
  unreadNotifications?: number;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface LoginProps {
  municipalityId: number;
  username: string;
  password: string;
  /** The client's address as the server sees it (counted by the throttle and written to the security log). */
  address?: string;
  now?: Date;
}

export interface LoginResult {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  session: SessionContext;
}

const WRONG_CREDENTIALS = "ユーザー名またはパスワードが違います";

/**
 * Checks a password and opens a session. Every attempt is first counted under its throttle keys (account from this
 * address, account, address: domain/login-throttle.ts) in one atomic statement each, and only an attempt within
 * every key's allowance has its password checked; failed and refused attempts go to the security log.
 * @throws GyokakuError unauthenticated (wrong name or password, never saying which), rate_limited (with
 *   details.retryAfterSeconds) when a key must wait.
 */
/** When each (municipality, name, address) last had a refused-while-waiting attempt logged, in this process. */
const throttledLogged = new Map<string, number>();

/**
 * True for the first refusal of a waiting key in a minute (per process): the security log shows that someone keeps
 * trying without a row per guess. At most 10,000 keys are remembered (the oldest forgotten).
 */
function firstRefusalThisMinute(key: string, now: Date): boolean {
  const last = throttledLogged.get(key);
  if (last !== undefined && now.getTime() - last < 60_000) return false;
  throttledLogged.delete(key);
  if (throttledLogged.size >= 10_000) {
    const oldest = throttledLogged.keys().next().value;
    if (oldest !== undefined) throttledLogged.delete(oldest);
  }
  throttledLogged.set(key, now.getTime());
  return true;
}

export async function login(db: Db, props: LoginProps): Promise<LoginResult> {
  const now = props.now ?? new Date();
  const municipality = await new MunicipalityRepository(db).get(props.municipalityId);
  if (!municipality) throw new GyokakuError("unauthenticated", WRONG_CREDENTIALS);
  const tenant = new TenantDb(db, municipality.id);
  const username = props.username.trim();
  const address = props.address ?? "unknown";
  const iso = now.toISOString();
  const keys = throttleKeys(username, address);
  const log = (kind: "login_failed" | "login_throttled", detail: string) => recordSecurityEvent(db, municipality.id, { kind, username, address, path: "/login", detail, at: now });

  const forgetBefore = new Date(now.getTime() - THROTTLE_RESET_MS).toISOString();
  // A key already waiting is refused with reads only: a flood of guesses at a locked account writes nothing (each
  // write waits for the disk, synchronous=FULL, and on SQLite holds the server's one connection), and is not logged
  // again (the failures that locked it are). The count below still decides races between parallel guesses.
  const standing = await tenant.loginThrottles.state(keys.map((k) => k.key));
  const waiting = Math.max(
    0,
    ...keys.map((k) => {
      const row = standing.find((r) => r.throttle_key === k.key);
      if (!row || row.last_failure_at < forgetBefore) return 0;
      return secondsUntilNextAttempt(row.failures, new Date(row.last_failure_at), now, k.freeAttempts);
    }),
  );
  if (waiting > 0) {
    if (firstRefusalThisMinute(`${municipality.id}\u0000${username}\u0000${address}`, now)) await log("login_throttled", `あと${waiting}秒`);
    throw rateLimited(waiting);
  }

  // Counted before the password is checked: of many parallel guesses only the allowance reaches verifyPassword.
  const counted = [];
  for (const k of keys) counted.push({ ...k, ...(await tenant.loginThrottles.countAttempt(k.key, iso, forgetBefore)) });
  const wait = Math.max(...counted.map((k) => secondsUntilNextAttempt(k.failures - 1, new Date(k.lastFailureAt), now, k.freeAttempts)));
  if (wait > 0) {
    // Refused unheard: not a failure, so it neither counts nor extends the wait.
    for (const k of counted) await tenant.loginThrottles.uncount(k.key);
    await log("login_throttled", `あと${wait}秒`);
    throw rateLimited(wait);
  }

  const user = await tenant.users.getByUsername(username);
  // Verify against a dummy hash when the user does not exist, so timing does not reveal which names exist.
  const passwordOk = await verifyPassword(props.password, user?.password_hash ?? UNUSABLE_HASH);
  if (!user || !passwordOk || user.disabled || !isRole(user.role)) {
    for (const k of counted) await tenant.loginThrottles.markFailure(k.key, iso);
    await log("login_failed", user ? "パスワードが違います" : "ユーザー名がありません");
    const nextWait = Math.max(...counted.map((k) => loginWaitSeconds(k.failures, k.freeAttempts)));
    if (nextWait > 0) throw rateLimited(nextWait, WRONG_CREDENTIALS);
    throw new GyokakuError("unauthenticated", WRONG_CREDENTIALS);
  }

  // The account's failures are forgotten; the address's are not (one's own account must not reset a spraying count).
  for (const k of counted) {
    if (k.scope === "address") await tenant.loginThrottles.uncount(k.key);
    else await tenant.loginThrottles.clear(k.key);
  }
  await tenant.users.recordLogin(user.id, now.toISOString());
  // Expired sessions are otherwise only removed when their cookie comes back; sweep them at each login.
  await new SessionRepository(db).deleteExpired(now.toISOString());
  const token = randomToken();
  const csrfToken = randomToken();
  const sessionId = hashToken(token);
  await new SessionRepository(db).create({
    id: sessionId,
    municipality_id: municipality.id,
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: iso,
    last_seen_at: iso,
    expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
  });
  await recordChange(tenant, { userId: user.id, username: user.username }, {
    action: "login",
    entity: "session",
    entityId: user.id,
    summary: `ログイン: ${user.username}`,
  }, now);
  const unitIds = await tenant.users.unitIdsOf(user.id);
  return {
    token,
    session: {
      sessionId,
      csrfToken,
      municipality: presentMunicipality(municipality),
      actor: { userId: user.id, username: user.username, role: user.role, unitIds },
      displayName: user.display_name,
    },
  };
}

function rateLimited(waitSeconds: number, prefix?: string): GyokakuError {
  const minutes = Math.ceil(waitSeconds / 60);
  const wait = waitSeconds < 60 ? `${waitSeconds}秒` : `約${minutes}分`;
  const lead = prefix ? `${prefix}。` : "";
  return new GyokakuError(
    "rate_limited",
    `${lead}ログインの失敗が続いたため、${wait}後まで次のログインを受け付けません`,
    { retryAfterSeconds: waitSeconds },
  );
}

/** A resolved session with the data version of its municipality, read in the same statement. */
export interface SessionAtVersion {
  session: SessionContext;
  /** The municipality's data version when the session was read (services/session-cache.ts keys its entry on it). */
  dataVersion: number;
  /** The end of the session's absolute lifetime (ms since epoch). */
  absoluteEnd: number;
}

/**
 * The signed-in user behind a cookie token with the data version of its municipality, or null when the token is
 * unknown, expired (idle for SESSION_IDLE_MS or older than SESSION_ABSOLUTE_MS: the session is deleted), or the user
 * was disabled or removed. One query (SessionRepository.resolve: the session joined with its municipality, user,
 * units, unread count and data version), plus a write to extend the idle expiry at most once a minute.
 */
export async function resolveSessionAt(db: Db, token: string, now = new Date()): Promise<SessionAtVersion | null> {
  const sessions = new SessionRepository(db);
  const sessionId = hashToken(token);
  const found = await sessions.resolve(sessionId);
  if (!found) return null;
  const { session: row, municipality, user } = found;
  const absoluteEnd = new Date(row.created_at).getTime() + SESSION_ABSOLUTE_MS;
  if (row.expires_at <= now.toISOString() || now.getTime() >= absoluteEnd) {
    await sessions.delete(sessionId);
    return null;
  }
  if (!municipality || !user || user.disabled || !isRole(user.role)) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await sessions.touch(sessionId, now.toISOString(), new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteEnd)).toISOString());
  }
  return {
    session: {
      sessionId,
      csrfToken: row.csrf_token,
      municipality: presentMunicipality(municipality),
      actor: { userId: user.id, username: user.username, role: user.role, unitIds: found.unitIds },
      displayName: user.display_name,
      unreadNotifications: found.unreadNotifications,
    },
    dataVersion: found.dataVersion,
    absoluteEnd,
  };
}

/** The signed-in user behind a cookie token, or null when the token is unknown, expired, or the user was disabled. */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<SessionContext | null> {
  return (await resolveSessionAt(db, token, now))?.session ?? null;
}

export async function logout(db: Db, session: SessionContext): Promise<void> {
  await new SessionRepository(db).delete(session.sessionId);
  await recordChange(new TenantDb(db, session.municipality.id), session.actor, {
    action: "logout",
    entity: "session",
    entityId: session.actor.userId ?? "",
    summary: `ログアウト: ${session.actor.username}`,
  });
}
