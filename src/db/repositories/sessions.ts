import type { DbOrTx, MunicipalityRow, SessionRow, UserRow } from "../schema.js";

/** A session with everything a request needs of it, read in one statement (SessionRepository.resolve). */
export interface SessionWithUser {
  session: SessionRow;
  /** The session's municipality; undefined when it no longer exists. */
  municipality: Pick<MunicipalityRow, "id" | "code" | "name" | "prefecture"> | undefined;
  /** The session's user (of the same municipality); undefined when it no longer exists. No password hash. */
  user: Pick<UserRow, "id" | "username" | "display_name" | "role" | "disabled"> | undefined;
  /** Units the user may write, ascending. */
  unitIds: number[];
  /** お知らせ of the user not yet read. */
  unreadNotifications: number;
  /** The municipality's data version (data_versions; 0 when none), read in the same statement as the rest. */
  dataVersion: number;
}

/** Sessions are found by token before the municipality is known, so lookups are by the token's hash alone. */
export class SessionRepository {
  constructor(private readonly db: DbOrTx) {}

  get(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /**
   * The session `id` joined with its municipality, its user, the user's units (one row per unit, so no
   * dialect-specific aggregate is needed), the count of unread お知らせ and the municipality's data version: one
   * statement, so one snapshot on both databases (the version cannot be newer than the rest, which a separate read
   * first had to ensure). Undefined when there is no such session.
   */
  async resolve(id: string): Promise<SessionWithUser | undefined> {
    const rows = await this.db
      .selectFrom("sessions as s")
      .leftJoin("municipalities as m", "m.id", "s.municipality_id")
      .leftJoin("users as u", (join) => join.onRef("u.id", "=", "s.user_id").onRef("u.municipality_id", "=", "s.municipality_id"))
      .leftJoin("user_units as uu", (join) => join.onRef("uu.user_id", "=", "s.user_id").onRef("uu.municipality_id", "=", "s.municipality_id"))
      .leftJoin("data_versions as dv", "dv.municipality_id", "s.municipality_id")
      .select([
        "s.id",
        "s.municipality_id",
        "s.user_id",
        "s.csrf_token",
        "s.created_at",
        "s.expires_at",
        "s.last_seen_at",
        "m.id as m_id",
        "m.code as m_code",
        "m.name as m_name",
        "m.prefecture as m_prefecture",
        "u.id as u_id",
        "u.username as u_username",
        "u.display_name as u_display_name",
        "u.role as u_role",
        "u.disabled as u_disabled",
        "uu.unit_id",
        "dv.version as data_version",
      ])
      .select((eb) =>
        eb
          .selectFrom("notifications as n")
          .select((count) => count.fn.countAll().as("n"))
          .whereRef("n.municipality_id", "=", "s.municipality_id")
          .whereRef("n.user_id", "=", "s.user_id")
          .where("n.read_at", "is", null)
          .as("unread"),
      )
      .where("s.id", "=", id)
      .orderBy("uu.unit_id")
      .execute();
    const first = rows[0];
    if (!first) return undefined;
    return {
      session: { id: first.id, municipality_id: first.municipality_id, user_id: first.user_id, csrf_token: first.csrf_token, created_at: first.created_at, expires_at: first.expires_at, last_seen_at: first.last_seen_at },
      municipality: first.m_id === null ? undefined : { id: first.m_id, code: first.m_code ?? "", name: first.m_name ?? "", prefecture: first.m_prefecture ?? "" },
      user:
        first.u_id === null
          ? undefined
          : { id: first.u_id, username: first.u_username ?? "", display_name: first.u_display_name ?? "", role: first.u_role ?? "", disabled: Number(first.u_disabled ?? 0) },
      unitIds: rows.flatMap((r) => (r.unit_id === null ? [] : [Number(r.unit_id)])),
      unreadNotifications: Number(first.unread ?? 0),
      dataVersion: Number(first.data_version ?? 0),
    };
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

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  }
}

/**
 * The sessions of one municipality's users, to end them (a disabled user, a password set or reset): TenantDb.userSessions,
 * scoped like every tenant repository, so a service reaches sessions without the whole database handle.
 */
export class UserSessionRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  /** Ends every session of the user. */
  async deleteForUser(userId: number): Promise<void> {
    await this.db.deleteFrom("sessions").where("municipality_id", "=", this.municipalityId).where("user_id", "=", userId).execute();
  }

  /** Ends every session of a user but one (the one a password change was made from). */
  async deleteForUserExcept(userId: number, keepId: string): Promise<void> {
    await this.db
      .deleteFrom("sessions")
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .where("id", "<>", keepId)
      .execute();
  }
}
