import type { DbOrTx, MunicipalityRow } from "../schema.js";

/** The tenant root. Not scoped: it is what the scope is made of. */
export class MunicipalityRepository {
  constructor(private readonly db: DbOrTx) {}

  list(): Promise<MunicipalityRow[]> {
    return this.db.selectFrom("municipalities").selectAll().orderBy("code").execute();
  }

  get(id: number): Promise<MunicipalityRow | undefined> {
    return this.db.selectFrom("municipalities").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Sets the name in romaji where none is recorded yet (the demo city registered before the column existed). */
  async fillRomaji(id: number, romaji: string): Promise<void> {
    await this.db.updateTable("municipalities").set({ name_romaji: romaji }).where("id", "=", id).where("name_romaji", "is", null).execute();
  }

  getByCode(code: string): Promise<MunicipalityRow | undefined> {
    return this.db.selectFrom("municipalities").selectAll().where("code", "=", code).executeTakeFirst();
  }

  async create(values: { code: string; name: string; romaji: string | null; prefecture: string; createdAt: string }): Promise<MunicipalityRow> {
    return this.db
      .insertInto("municipalities")
      .values({ code: values.code, name: values.name, name_romaji: values.romaji, prefecture: values.prefecture, created_at: values.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

/** The municipality a TenantDb is scoped to, read only (TenantDb.municipality): its name on an exported workbook. */
export class OwnMunicipalityRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  get(): Promise<MunicipalityRow | undefined> {
    return this.db.selectFrom("municipalities").selectAll().where("id", "=", this.municipalityId).executeTakeFirst();
  }
}
