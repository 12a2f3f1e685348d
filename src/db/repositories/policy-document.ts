import type { DbOrTx, PolicyFigureImageRow, PolicyNarrativeRow } from "../schema.js";

/** 公表: the narrative sections of each edition's document, by (fiscal year, key). */
export class PolicyNarrativeRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(fiscalYear: number): Promise<PolicyNarrativeRow[]> {
    return this.db
      .selectFrom("policy_narratives")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .orderBy("key")
      .execute();
  }

  async set(values: { fiscalYear: number; key: string; text: string; updatedBy: string; now: string }): Promise<void> {
    await this.db
      .insertInto("policy_narratives")
      .values({ municipality_id: this.municipalityId, fiscal_year: values.fiscalYear, key: values.key, text: values.text, updated_by: values.updatedBy, updated_at: values.now })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "key"]).doUpdateSet({ text: values.text, updated_by: values.updatedBy, updated_at: values.now }))
      .execute();
  }
}

/** 公表: images uploaded for the figures of each edition's document (図表1, 図表2), by (fiscal year, key). */
export class PolicyFigureImageRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(fiscalYear: number): Promise<PolicyFigureImageRow[]> {
    return this.db
      .selectFrom("policy_figure_images")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .execute();
  }

  async set(values: { fiscalYear: number; key: string; filename: string; contentType: string; dataBase64: string; updatedBy: string; now: string }): Promise<void> {
    const row = {
      filename: values.filename,
      content_type: values.contentType,
      data_base64: values.dataBase64,
      updated_by: values.updatedBy,
      updated_at: values.now,
    };
    await this.db
      .insertInto("policy_figure_images")
      .values({ municipality_id: this.municipalityId, fiscal_year: values.fiscalYear, key: values.key, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "key"]).doUpdateSet(row))
      .execute();
  }
}
