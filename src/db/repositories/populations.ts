import type { DbOrTx, PopulationRow } from "../schema.js";

/** 住基人口 of one municipality, per fiscal year. */
export class PopulationRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<PopulationRow[]> {
    return this.db.selectFrom("populations").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }

  get(fiscalYear: number): Promise<PopulationRow | undefined> {
    return this.db
      .selectFrom("populations")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  async upsert(values: { fiscalYear: number; population: number; referenceDate: string; source: string }): Promise<void> {
    const row = { population: values.population, reference_date: values.referenceDate, source: values.source };
    await this.db
      .insertInto("populations")
      .values({ municipality_id: this.municipalityId, fiscal_year: values.fiscalYear, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year"]).doUpdateSet(row))
      .execute();
  }

  async delete(fiscalYear: number): Promise<void> {
    await this.db.deleteFrom("populations").where("municipality_id", "=", this.municipalityId).where("fiscal_year", "=", fiscalYear).execute();
  }
}
