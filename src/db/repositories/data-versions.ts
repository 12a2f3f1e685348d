import type { DbOrTx } from "../schema.js";

/**
 * データ版 (data version) of a municipality: a number that every committed write to its data has incremented
 * (database triggers, migration 20261202T0000-data-versions). Equal numbers read at two moments mean nothing of the
 * municipality changed in between, in any server process. Read it before reading the data it stands for.
 */
export class DataVersionRepository {
  constructor(private readonly db: DbOrTx) {}

  /** The municipality's current data version (0 when it has none yet: a municipality is given 1 when created). */
  async get(municipalityId: number): Promise<number> {
    const row = await this.db.selectFrom("data_versions").select("version").where("municipality_id", "=", municipalityId).executeTakeFirst();
    return row?.version ?? 0;
  }
}
