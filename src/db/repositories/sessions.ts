import type { DbOrTx, SessionRow } from "../schema.js";

/** Sessions are found by token before the municipality is known, so lookups are by the token's hash alone. */
export class SessionRepository {
  constructor(private readonly db: DbOrTx) {}

  get(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async create(row: SessionRow): Promise<void> {
    await this.db.insertInto("sessions").values(row).execute();
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable("sessions").set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  async deleteForUser(municipalityId: number, userId: number): Promise<void> {
    await this.db.deleteFrom("sessions").where("municipality_id", "=", municipalityId).where("user_id", "=", userId).execute();
  }

  /** Ends every session of a user but one (the one a password change was made from). */
  async deleteForUserExcept(municipalityId: number, userId: number, keepId: string): Promise<void> {
    await this.db
      .deleteFrom("sessions")
      .where("municipality_id", "=", municipalityId)
      .where("user_id", "=", userId)
      .where("id", "<>", keepId)
      .execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  }
}
