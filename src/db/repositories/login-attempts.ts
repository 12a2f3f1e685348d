import type { DbOrTx } from "../schema.js";

/**
 * Login attempts per throttle key (domain/login-throttle.ts), kept in the database so every server process sees
 * the same count. Every statement here is one atomic UPDATE/UPSERT, so parallel attempts cannot lose a count.
 */
export class LoginThrottleRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  /**
   * Counts one more attempt under `key` before its password is checked, and returns the count including it with
   * the time of the key's last failure. A key whose last failure is before `forgetBefore` starts again at 1.
   */
  async countAttempt(key: string, now: string, forgetBefore: string): Promise<{ failures: number; lastFailureAt: string }> {
    const row = await this.db
      .insertInto("login_throttles")
      .values({ municipality_id: this.municipalityId, throttle_key: key, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.columns(["municipality_id", "throttle_key"]).doUpdateSet((eb) => ({
          failures: eb.case().when("login_throttles.last_failure_at", "<", forgetBefore).then(1).else(eb("login_throttles.failures", "+", 1)).end(),
        })),
      )
      .returning(["failures", "last_failure_at"])
      .executeTakeFirstOrThrow();
    return { failures: row.failures, lastFailureAt: row.last_failure_at };
  }

  /** The keys' counts and last failures as they stand (a read: no attempt is counted). */
  async state(keys: readonly string[]): Promise<{ throttle_key: string; failures: number; last_failure_at: string }[]> {
    if (keys.length === 0) return [];
    return this.db
      .selectFrom("login_throttles")
      .select(["throttle_key", "failures", "last_failure_at"])
      .where("municipality_id", "=", this.municipalityId)
      .where("throttle_key", "in", [...keys])
      .execute();
  }

  /** Takes back an attempt that was refused without checking its password (it is not a failure). */
  async uncount(key: string): Promise<void> {
    await this.db
      .updateTable("login_throttles")
      .set((eb) => ({ failures: eb("failures", "-", 1) }))
      .where("municipality_id", "=", this.municipalityId)
      .where("throttle_key", "=", key)
      .where("failures", ">", 0)
      .execute();
  }

  /** The counted attempt was a failure: the wait runs from now. */
  async markFailure(key: string, at: string): Promise<void> {
    await this.db.updateTable("login_throttles").set({ last_failure_at: at }).where("municipality_id", "=", this.municipalityId).where("throttle_key", "=", key).execute();
  }

  async clear(key: string): Promise<number> {
    const result = await this.db.deleteFrom("login_throttles").where("municipality_id", "=", this.municipalityId).where("throttle_key", "=", key).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Forgets an account's failures from every address ("account:<name>" and "account-address:<name>@…"), the name
   * compared without regard to case (the throttle counts the name as typed). Returns how many keys were cleared.
   */
  async clearAccount(username: string): Promise<number> {
    const name = username.toLowerCase();
    const keys = (await this.db.selectFrom("login_throttles").select("throttle_key").where("municipality_id", "=", this.municipalityId).execute())
      .map((r) => r.throttle_key)
      .filter((k) => {
        const lower = k.toLowerCase();
        return lower === `account:${name}` || (lower.startsWith(`account-address:${name}@`) && !lower.slice(`account-address:${name}@`.length).includes("@"));
      });
    if (keys.length === 0) return 0;
    const result = await this.db.deleteFrom("login_throttles").where("municipality_id", "=", this.municipalityId).where("throttle_key", "in", keys).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Every key with failures, most recent first (for the administrator's list of locked accounts and addresses). */
  list() {
    return this.db
      .selectFrom("login_throttles")
      .select(["throttle_key", "failures", "last_failure_at"])
      .where("municipality_id", "=", this.municipalityId)
      .where("failures", ">", 0)
      .orderBy("last_failure_at", "desc")
      .limit(500)
      .execute();
  }
}
