import { createHash } from "node:crypto";
import { MunicipalityRepository } from "../db/repositories/municipalities.js";
import { SessionRepository } from "../db/repositories/sessions.js";
import type { Db } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { type Actor, isRole } from "../domain/roles.js";
import { recordChange } from "./audit.js";
import { type PresentedMunicipality, presentMunicipality } from "./municipalities.js";
import { randomToken, UNUSABLE_HASH, verifyPassword } from "./password.js";
import { LOGIN_WORDING, rateLimited, throttledPasswordCheck } from "./password-throttle.js";

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
 * every key's allowance has its password checked; failed and refused attempts go to the security log
 * (services/password-throttle.ts).
 * @throws GyokakuError unauthenticated (wrong name or password, never saying which), rate_limited (with
 *   details.retryAfterSeconds) when a key must wait.
 */
export async function login(db: Db, props: LoginProps): Promise<LoginResult> {
  const now = props.now ?? new Date();
  const municipality = await new MunicipalityRepository(db).get(props.municipalityId);
  if (!municipality) throw new GyokakuError("unauthenticated", WRONG_CREDENTIALS);
  const tenant = new TenantDb(db, municipality.id);
  const username = props.username.trim();
  const iso = now.toISOString();
  let user: Awaited<ReturnType<typeof tenant.users.getByUsername>>;
  const outcome = await throttledPasswordCheck(db, { municipalityId: municipality.id, username, address: props.address ?? "unknown", path: "/login", now }, LOGIN_WORDING, async () => {
    user = await tenant.users.getByUsername(username);
    // Verify against a dummy hash when the user does not exist, so timing does not reveal which names exist.
    const passwordOk = await verifyPassword(props.password, user?.password_hash ?? UNUSABLE_HASH);
    return { ok: Boolean(user && passwordOk && !user.disabled && isRole(user.role)), detail: user ? "パスワードが違います" : "ユーザー名がありません" };
  });
  if (!outcome.ok || !user || !isRole(user.role)) {
    const nextWait = outcome.ok ? 0 : outcome.nextWaitSeconds;
    if (nextWait > 0) throw rateLimited(nextWait, LOGIN_WORDING, WRONG_CREDENTIALS);
    throw new GyokakuError("unauthenticated", WRONG_CREDENTIALS);
  }
  await outcome.settle();
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
