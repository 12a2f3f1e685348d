import type { DbOrTx } from "../schema.js";

/** Consecutive failed logins per account, kept in the database so every server process sees the same count. */
export class LoginAttemptRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  get(username: string) {
    return this.db
      .selectFrom("login_attempts")
      .select(["failures", "last_failure_at"])
      .where("municipality_id", "=", this.municipalityId)
      .where("username", "=", username)
      .executeTakeFirst();
  }

  /** Counts one more failure; returns the new count. Atomic, so parallel requests cannot lose a failure. */
  async recordFailure(username: string, at: string): Promise<number> {
    const row = await this.db
      .insertInto("login_attempts")
      .values({ municipality_id: this.municipalityId, username, failures: 1, last_failure_at: at })
      .onConflict((oc) =>
        oc.columns(["municipality_id", "username"]).doUpdateSet((eb) => ({
          failures: eb("login_attempts.failures", "+", 1),
          last_failure_at: at,
        })),
      )
      .returning("failures")
      .executeTakeFirstOrThrow();
    return row.failures;
  }

  async clear(username: string): Promise<void> {
    await this.db
      .deleteFrom("login_attempts")
      .where("municipality_id", "=", this.municipalityId)
      .where("username", "=", username)
      .execute();
  }
}
