import type { Database } from "../connection.js";
import type { DbOrTx } from "../schema.js";

/**
 * データ版 (data version) of a municipality: a number that every committed write to its data has incremented
 * (database triggers, migration 20261202T0000-data-versions). Equal numbers read at two moments mean nothing of the
 * municipality changed in between, in any server process. Read it before reading the data it stands for.
 */
export class DataVersionRepository {
  constructor(private readonly db: DbOrTx) {}

  /**
   * The municipality's current data version, on every page view: on SQLite read synchronously with a prepared
   * statement when no transaction is open (a fifth of the page's time through Kysely); on PostgreSQL the version the
   * process has heard by LISTEN when it has (db/data-version-watch.ts), else read with a named (server-side prepared)
   * statement and remembered; else as `get`.
   */
  static async current(database: Database, municipalityId: number): Promise<number> {
    const now = database.readIntegerNow?.("select version from data_versions where municipality_id = ?", municipalityId);
    if (now !== undefined) return now ?? 0;
    if (database.readIntegerPrepared) {
      const watch = database.versionWatch;
      const known = watch?.known(municipalityId);
      if (known !== undefined) return known;
      const epoch = watch?.epoch();
      const version = (await database.readIntegerPrepared("gyokaku_data_version", "select version from data_versions where municipality_id = $1", municipalityId)) ?? 0;
      if (watch && epoch !== undefined) watch.remember(municipalityId, version, epoch);
      return version;
    }
    return new DataVersionRepository(database.db).get(municipalityId);
  }

  /** The municipality's current data version (0 when it has none yet: a municipality is given 1 when created). */
  async get(municipalityId: number): Promise<number> {
    const row = await this.db.selectFrom("data_versions").select("version").where("municipality_id", "=", municipalityId).executeTakeFirst();
    return row?.version ?? 0;
  }
}
