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

  /** The member units of shared quotas (quota id → unit id); a quota without rows here is its unit's own. */
  members(): Promise<{ quota_id: number; unit_id: number }[]> {
    return this.db.selectFrom("quota_members").select(["quota_id", "unit_id"]).where("municipality_id", "=", this.municipalityId).orderBy("quota_id").orderBy("unit_id").execute();
  }

  async setMembers(quotaId: number, unitIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom("quota_members").where("municipality_id", "=", this.municipalityId).where("quota_id", "=", quotaId).execute();
    if (unitIds.length === 0) return;
    await this.db
      .insertInto("quota_members")
      .values(unitIds.map((unitId) => ({ municipality_id: this.municipalityId, quota_id: quotaId, unit_id: unitId })))
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom("quota_members").where("municipality_id", "=", this.municipalityId).where("quota_id", "=", id).execute();
    await this.db.deleteFrom("quotas").where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }
}
