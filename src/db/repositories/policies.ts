import type { DbOrTx, StaffingPolicyRow } from "../schema.js";

/** Staffing policies with their first fiscal year (domain/policy.ts). */
export class StaffingPolicyRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<StaffingPolicyRow[]> {
    return this.db.selectFrom("staffing_policies").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("kind").orderBy("valid_from").orderBy("id").execute();
  }

  async create(values: { kind: string; validFrom: number | null; value: string; note: string; now: string }): Promise<void> {
    await this.db
      .insertInto("staffing_policies")
      .values({ municipality_id: this.municipalityId, kind: values.kind, valid_from: values.validFrom, value: values.value, note: values.note, created_at: values.now })
      .execute();
  }

  async delete(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom("staffing_policies").where("municipality_id", "=", this.municipalityId).where("id", "in", ids).execute();
  }
}
