import type { DbOrTx, QuotaRow } from "../schema.js";

/** 条例定数 of one municipality. */
export class QuotaRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<QuotaRow[]> {
    return this.db.selectFrom("quotas").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("unit_id").orderBy("valid_from").execute();
  }

  async create(values: { unitId: number; quota: number; validFrom: number | null; validTo: number | null; note: string; now: string }): Promise<QuotaRow> {
    return this.db
      .insertInto("quotas")
      .values({
        municipality_id: this.municipalityId,
        unit_id: values.unitId,
        quota: values.quota,
        valid_from: values.validFrom,
        valid_to: values.validTo,
        note: values.note,
        created_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async endAt(id: number, validTo: number): Promise<void> {
    await this.db.updateTable("quotas").set({ valid_to: validTo }).where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom("quotas").where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }
}
