/**
 * Login throttling (ログイン試行の制限). Failed logins are counted under three keys, each with its own allowance:
 *
 * | key                          | free failures | what it stops                                          |
 * |------------------------------|---------------|--------------------------------------------------------|
 * | account from one address     | 5             | guessing one account's password                        |
 * | account from any address     | 20            | guessing spread over many addresses                    |
 * | address, any account         | 50            | trying one password on many accounts (spraying)         |
 *
 * Past its allowance a key must wait: 30 s after the last failure, doubling with each further failure, at most
 * 15 minutes. The wait applies to every attempt, right or wrong, so guessing cannot continue at full speed; an
 * attempt refused for waiting is not a failure (it neither extends the wait nor counts), so nobody can lock an
 * account for longer than 15 minutes past the last guess that was really checked. Someone locking an account from
 * many addresses is the reason for the administrator's unlock (/security). A key's failures are forgotten
 * 24 hours after its last failure, and an account's (not an address's) on a successful login.
 *
 * Every attempt is counted before its password is checked (atomically in the database): of 40 parallel guesses
 * only the allowance is checked, the rest are refused.
 */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 15 * 60;
/** Failures older than this (since a key's last failure) are forgotten. */
export const THROTTLE_RESET_MS = 24 * 60 * 60 * 1000;

/**
 * What a throttle key counts: one account from one address, one account from anywhere, or one address for any account.
 */
export type ThrottleScope = "account-address" | "account" | "address";

/** One key a login attempt is counted under (throttleKeys), with its allowance of free failures. */
export interface ThrottleKey {
  scope: ThrottleScope;
  /** Stored key: "account-address:<name>@<address>", "account:<name>", "address:<address>" (at most 160 characters). */
  key: string;
  /** Failures allowed before waiting starts. */
  freeAttempts: number;
}

/** Failures each scope allows before waiting starts: 5 per account and address, 20 per account, 50 per address. */
export const FREE_ATTEMPTS_BY_SCOPE: Record<ThrottleScope, number> = { "account-address": FREE_ATTEMPTS, account: 20, address: 50 };

/**
 * The keys an attempt by `username` from `address` is counted under (the name as typed, trimmed; the address as
 * the server sees it, or "unknown").
 */
export function throttleKeys(username: string, address: string): ThrottleKey[] {
  const name = username.slice(0, 64);
  const from = address.slice(0, 64) || "unknown";
  return [
    { scope: "account-address", key: `account-address:${name}@${from}`, freeAttempts: FREE_ATTEMPTS_BY_SCOPE["account-address"] },
    { scope: "account", key: `account:${name}`, freeAttempts: FREE_ATTEMPTS_BY_SCOPE.account },
    { scope: "address", key: `address:${from}`, freeAttempts: FREE_ATTEMPTS_BY_SCOPE.address },
  ];
}

/** Seconds (秒) a key waits after `consecutiveFailures` failures: 0 within the allowance, then 30 s doubling to 900 s. */
export function loginWaitSeconds(consecutiveFailures: number, freeAttempts = FREE_ATTEMPTS): number {
  if (consecutiveFailures < freeAttempts) return 0;
  const doublings = consecutiveFailures - freeAttempts;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** Math.min(doublings, 16));
}

/** Seconds still to wait before the next attempt is heard (0 = may try now). */
export function secondsUntilNextAttempt(consecutiveFailures: number, lastFailureAt: Date, now: Date, freeAttempts = FREE_ATTEMPTS): number {
  const wait = loginWaitSeconds(consecutiveFailures, freeAttempts);
  if (wait === 0) return 0;
  const elapsed = (now.getTime() - lastFailureAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(wait - elapsed));
}
