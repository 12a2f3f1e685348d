import type { DbOrTx } from "../schema.js";

/** The security log (security_events) of one municipality. */
export class SecurityEventRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  async add(event: { at: string; kind: string; username: string; address: string; path: string; detail: string }): Promise<void> {
    await this.db
      .insertInto("security_events")
      .values({ municipality_id: this.municipalityId, ...event })
      .execute();
  }

  /** The latest events first. */
  list(options: { limit: number; offset: number }) {
    return this.db
      .selectFrom("security_events")
      .select(["id", "at", "kind", "username", "address", "path", "detail"])
      .where("municipality_id", "=", this.municipalityId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(options.limit)
      .offset(options.offset)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom("security_events").select((eb) => eb.fn.countAll<number>().as("n")).where("municipality_id", "=", this.municipalityId).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
