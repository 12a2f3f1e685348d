import type { AuditRow, DbOrTx } from "../schema.js";

export interface AuditEntry {
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  entity?: string;
  actor?: string;
  limit: number;
  offset: number;
}

/** 監査ログ (audit log) of one municipality: append-only. */
export class AuditLogRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({
        municipality_id: this.municipalityId,
        at: entry.at,
        user_id: entry.userId,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        summary: entry.summary,
        before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
        after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .execute();
  }

  private filtered(query: Omit<AuditQuery, "limit" | "offset">) {
    let q = this.db.selectFrom("audit_log").where("municipality_id", "=", this.municipalityId);
    if (query.entity) q = q.where("entity", "=", query.entity);
    if (query.actor) q = q.where("actor", "=", query.actor);
    return q;
  }

  list(query: AuditQuery): Promise<AuditRow[]> {
    return this.filtered(query).selectAll().orderBy("id", "desc").limit(query.limit).offset(query.offset).execute();
  }

  async count(query: Omit<AuditQuery, "limit" | "offset">): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Is there an entry for this entity and id (e.g. a reminder already sent)? */
  async has(entity: string, entityId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("audit_log")
      .select("id")
      .where("municipality_id", "=", this.municipalityId)
      .where("entity", "=", entity)
      .where("entity_id", "=", entityId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async entities(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("audit_log")
      .select("entity")
      .distinct()
      .where("municipality_id", "=", this.municipalityId)
      .orderBy("entity")
      .execute();
    return rows.map((r) => r.entity);
  }
}
