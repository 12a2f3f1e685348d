import type { DbOrTx } from "../schema.js";

/** Municipal settings as key/value text; callers parse and validate. */
export class SettingsRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("settings")
      .select("value")
      .where("municipality_id", "=", this.municipalityId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto("settings")
      .values({ municipality_id: this.municipalityId, key, value })
      .onConflict((oc) => oc.columns(["municipality_id", "key"]).doUpdateSet({ value }))
      .execute();
  }
}
