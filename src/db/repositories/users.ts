import type { DbOrTx, UserRow } from "../schema.js";

export interface NewUserValues {
  username: string;
  displayName: string;
  role: string;
  passwordHash: string;
  now: string;
}

/** Users of one municipality. Every query is bound to it. */
export class UserRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  private base() {
    return this.db.selectFrom("users").selectAll().where("municipality_id", "=", this.municipalityId);
  }

  list(): Promise<UserRow[]> {
    return this.base().orderBy("username").execute();
  }

  get(id: number): Promise<UserRow | undefined> {
    return this.base().where("id", "=", id).executeTakeFirst();
  }

  getByUsername(username: string): Promise<UserRow | undefined> {
    return this.base().where("username", "=", username).executeTakeFirst();
  }

  create(values: NewUserValues): Promise<UserRow> {
    return this.db
      .insertInto("users")
      .values({
        municipality_id: this.municipalityId,
        username: values.username,
        display_name: values.displayName,
        role: values.role,
        password_hash: values.passwordHash,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async updatePassword(id: number, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .execute();
  }

  /** Changes the given fields of one user (role, display name, disabled flag). */
  async update(id: number, values: { role?: string; displayName?: string; disabled?: boolean; now: string }): Promise<void> {
    await this.db
      .updateTable("users")
      .set({
        updated_at: values.now,
        ...(values.role !== undefined ? { role: values.role } : {}),
        ...(values.displayName !== undefined ? { display_name: values.displayName } : {}),
        ...(values.disabled !== undefined ? { disabled: values.disabled ? 1 : 0 } : {}),
      })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .execute();
  }

  async recordLogin(id: number, at: string): Promise<void> {
    await this.db.updateTable("users").set({ last_login_at: at }).where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }

  /** Unit ids of every user at once (user id → unit ids), for lists. */
  async unitIdsByUser(): Promise<Map<number, number[]>> {
    const rows = await this.db
      .selectFrom("user_units")
      .select(["user_id", "unit_id"])
      .where("municipality_id", "=", this.municipalityId)
      .orderBy("user_id")
      .orderBy("unit_id")
      .execute();
    const map = new Map<number, number[]>();
    for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.unit_id]);
    return map;
  }

  async unitIdsOf(userId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom("user_units")
      .select("unit_id")
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .orderBy("unit_id")
      .execute();
    return rows.map((r) => r.unit_id);
  }

  async setUnits(userId: number, unitIds: readonly number[]): Promise<void> {
    await this.db
      .deleteFrom("user_units")
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .execute();
    if (unitIds.length === 0) return;
    await this.db
      .insertInto("user_units")
      .values(unitIds.map((unitId) => ({ municipality_id: this.municipalityId, user_id: userId, unit_id: unitId })))
      .execute();
  }
}
