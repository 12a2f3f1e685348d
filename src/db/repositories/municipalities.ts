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

  getByCode(code: string): Promise<MunicipalityRow | undefined> {
    return this.db.selectFrom("municipalities").selectAll().where("code", "=", code).executeTakeFirst();
  }

  async create(values: { code: string; name: string; prefecture: string; createdAt: string }): Promise<MunicipalityRow> {
    return this.db
      .insertInto("municipalities")
      .values({ code: values.code, name: values.name, prefecture: values.prefecture, created_at: values.createdAt })
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
