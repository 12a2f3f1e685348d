/**
 * One attempt at an account's password, counted under the login throttle (domain/login-throttle.ts: the account
 * from this address, the account, the address) before the password is checked, with failed and refused attempts in
 * the security log. Login and the change of one's own password (現在のパスワード) share it, so a password cannot be
 * guessed through either faster than the throttle allows (issue 14: `POST /account/password` was not limited).
 */
import type { DbOrTx } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { loginWaitSeconds, secondsUntilNextAttempt, THROTTLE_RESET_MS, type ThrottleKey, throttleKeys } from "../domain/login-throttle.js";
import { recordSecurityEvent } from "./security-log.js";

/** Who tries which account's password, from where, on which path (for the security log), and when. */
export interface PasswordAttempt {
  municipalityId: number;
  /** The account name as typed (trimmed). */
  username: string;
  /** The client's address as the server sees it, or "unknown". */
  address: string;
  /** "/login" or "/account/password": written to the security log. */
  path: string;
  now: Date;
}

/** How a refusal names what was tried: 「ログインの失敗」…「次のログイン」, or the password change's words. */
export interface AttemptWording {
  failures: string;
  next: string;
}

export const LOGIN_WORDING: AttemptWording = { failures: "ログインの失敗", next: "次のログイン" };

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

/** The 429 of a key that must wait, in Japanese: 「〈lead〉ログインの失敗が続いたため、30秒後まで次のログインを受け付けません」. */
export function rateLimited(waitSeconds: number, wording: AttemptWording, lead?: string): GyokakuError {
  const minutes = Math.ceil(waitSeconds / 60);
  const wait = waitSeconds < 60 ? `${waitSeconds}秒` : `約${minutes}分`;
  return new GyokakuError("rate_limited", `${lead ? `${lead}。` : ""}${wording.failures}が続いたため、${wait}後まで${wording.next}を受け付けません`, { retryAfterSeconds: waitSeconds });
}

/** The outcome of a checked attempt: passed (then `settle` forgets the account's failures), or failed. */
export type AttemptOutcome = { ok: true; settle(): Promise<void> } | { ok: false; nextWaitSeconds: number };

/**
 * Counts the attempt under every throttle key and runs `check` only within each key's allowance. A failed check is
 * marked on every key and logged (login_failed, with `check`'s detail); `settle` after a success forgets the account's
 * failures but not the address's (one's own account must not reset a spraying count).
 * @throws GyokakuError rate_limited (details.retryAfterSeconds) when a key must wait: refused with reads only when
 *   it already waits (logged once a minute), else uncounted and logged (login_throttled).
 */
export async function throttledPasswordCheck(db: DbOrTx, attempt: PasswordAttempt, wording: AttemptWording, check: () => Promise<{ ok: boolean; detail: string }>): Promise<AttemptOutcome> {
  const { municipalityId, username, address, path, now } = attempt;
  const tenant = new TenantDb(db, municipalityId);
  const iso = now.toISOString();
  const keys = throttleKeys(username, address);
  const log = (kind: "login_failed" | "login_throttled", detail: string) => recordSecurityEvent(db, municipalityId, { kind, username, address, path, detail, at: now });

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
    if (firstRefusalThisMinute(`${municipalityId}\u0000${username}\u0000${address}\u0000${path}`, now)) await log("login_throttled", `あと${waiting}秒`);
    throw rateLimited(waiting, wording);
  }

  // Counted before the password is checked: of many parallel guesses only the allowance reaches the check.
  const counted: (ThrottleKey & { failures: number; lastFailureAt: string })[] = [];
  for (const k of keys) counted.push({ ...k, ...(await tenant.loginThrottles.countAttempt(k.key, iso, forgetBefore)) });
  const wait = Math.max(...counted.map((k) => secondsUntilNextAttempt(k.failures - 1, new Date(k.lastFailureAt), now, k.freeAttempts)));
  if (wait > 0) {
    // Refused unheard: not a failure, so it neither counts nor extends the wait.
    for (const k of counted) await tenant.loginThrottles.uncount(k.key);
    await log("login_throttled", `あと${wait}秒`);
    throw rateLimited(wait, wording);
  }

  const result = await check();
  if (!result.ok) {
    for (const k of counted) await tenant.loginThrottles.markFailure(k.key, iso);
    await log("login_failed", result.detail);
    return { ok: false, nextWaitSeconds: Math.max(...counted.map((k) => loginWaitSeconds(k.failures, k.freeAttempts))) };
  }
  return {
    ok: true,
    settle: async () => {
      for (const k of counted) {
        if (k.scope === "address") await tenant.loginThrottles.uncount(k.key);
        else await tenant.loginThrottles.clear(k.key);
      }
    },
  };
}
