import type { AgeProfileRow, DbOrTx, ProjectionScenarioRow, RetirementScheduleRow } from "../schema.js";

/** 年齢構成 of one municipality. */
export class AgeProfileRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(baseYear: number, unitIds?: readonly number[]): Promise<AgeProfileRow[]> {
    let q = this.db.selectFrom("age_profiles").selectAll().where("municipality_id", "=", this.municipalityId).where("base_year", "=", baseYear);
    if (unitIds) {
      if (unitIds.length === 0) return Promise.resolve([]);
      q = q.where("unit_id", "in", unitIds);
    }
    return q.orderBy("unit_id").orderBy("cohort").orderBy("category").execute();
  }

  async baseYears(): Promise<number[]> {
    const rows = await this.db.selectFrom("age_profiles").select("base_year").distinct().where("municipality_id", "=", this.municipalityId).orderBy("base_year").execute();
    return rows.map((r) => r.base_year);
  }

  /** Replaces one unit's profile for a base year. */
  async replaceUnit(unitId: number, baseYear: number, rows: readonly { cohort: number; category: string; count: number }[]): Promise<void> {
    await this.db
      .deleteFrom("age_profiles")
      .where("municipality_id", "=", this.municipalityId)
      .where("unit_id", "=", unitId)
      .where("base_year", "=", baseYear)
      .execute();
    const values = rows
      .filter((r) => r.count > 0)
      .map((r) => ({ municipality_id: this.municipalityId, unit_id: unitId, base_year: baseYear, cohort: r.cohort, category: r.category, count: r.count }));
    // Chunked so a large profile stays under SQLite's bound-parameter limit.
    for (let i = 0; i < values.length; i += 500) await this.db.insertInto("age_profiles").values(values.slice(i, i + 500)).execute();
  }
}

/** Municipal 定年 schedules (条例). */
export class RetirementScheduleRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<RetirementScheduleRow[]> {
    return this.db.selectFrom("retirement_schedules").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("category").execute();
  }

  async upsert(row: { category: string; label: string; stepsJson: string; retireOn: string; source: string }): Promise<void> {
    const values = { label: row.label, steps_json: row.stepsJson, retire_on: row.retireOn, source: row.source };
    await this.db
      .insertInto("retirement_schedules")
      .values({ municipality_id: this.municipalityId, category: row.category, ...values })
      .onConflict((oc) => oc.columns(["municipality_id", "category"]).doUpdateSet(values))
      .execute();
  }

  async delete(category: string): Promise<void> {
    await this.db.deleteFrom("retirement_schedules").where("municipality_id", "=", this.municipalityId).where("category", "=", category).execute();
  }
}

/** Saved projection scenarios. */
export class ScenarioRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<ProjectionScenarioRow[]> {
    return this.db.selectFrom("projection_scenarios").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("name").execute();
  }

  get(id: number): Promise<ProjectionScenarioRow | undefined> {
    return this.db.selectFrom("projection_scenarios").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }

  getByName(name: string): Promise<ProjectionScenarioRow | undefined> {
    return this.db.selectFrom("projection_scenarios").selectAll().where("municipality_id", "=", this.municipalityId).where("name", "=", name).executeTakeFirst();
  }

  create(row: { name: string; paramsJson: string; createdBy: string; now: string }): Promise<ProjectionScenarioRow> {
    return this.db
      .insertInto("projection_scenarios")
      .values({ municipality_id: this.municipalityId, name: row.name, params_json: row.paramsJson, created_by: row.createdBy, created_at: row.now, updated_at: row.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(id: number, row: { name: string; paramsJson: string; now: string }): Promise<void> {
    await this.db
      .updateTable("projection_scenarios")
      .set({ name: row.name, params_json: row.paramsJson, updated_at: row.now })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom("projection_scenarios").where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }
}
