/**
 * Login throttling (ログイン試行の制限). After FREE_ATTEMPTS consecutive wrong passwords for one account,
 * each further attempt must wait: 30 s after the 5th failure, doubling with each failure, at most 15 minutes.
 * The wait applies to every attempt, right or wrong, so guessing cannot continue at full speed.
 */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 15 * 60;

export function loginWaitSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_ATTEMPTS) return 0;
  const doublings = consecutiveFailures - FREE_ATTEMPTS;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** Math.min(doublings, 16));
}

/** Seconds still to wait before the next attempt is heard (0 = may try now). */
export function secondsUntilNextAttempt(consecutiveFailures: number, lastFailureAt: Date, now: Date): number {
  const wait = loginWaitSeconds(consecutiveFailures);
  if (wait === 0) return 0;
  const elapsed = (now.getTime() - lastFailureAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(wait - elapsed));
}
