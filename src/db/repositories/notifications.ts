import type { DbOrTx, NotificationRow } from "../schema.js";

/** お知らせ of one municipality's users. */
export class NotificationRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  async create(rows: readonly { userId: number; kind: string; title: string; href: string; now: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto("notifications")
      .values(rows.map((r) => ({ municipality_id: this.municipalityId, user_id: r.userId, kind: r.kind, title: r.title, href: r.href, created_at: r.now, read_at: null })))
      .execute();
  }

  listForUser(userId: number, limit = 100): Promise<NotificationRow[]> {
    return this.db
      .selectFrom("notifications")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }

  async unreadCount(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async markAllRead(userId: number, now: string): Promise<void> {
    await this.db
      .updateTable("notifications")
      .set({ read_at: now })
      .where("municipality_id", "=", this.municipalityId)
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .execute();
  }
}
