import type { DbOrTx, HeadcountRow, HeadcountYearRow } from "../schema.js";

export interface HeadcountValues {
  staff: number | null;
  seconded: number | null;
  fixed_term: number | null;
  on_leave: number | null;
  childcare_substitutes: number | null;
}

/** 職員数 of one municipality, per unit and fiscal year. */
export class HeadcountRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(range?: { from: number; to: number }): Promise<HeadcountRow[]> {
    let q = this.db.selectFrom("headcounts").selectAll().where("municipality_id", "=", this.municipalityId);
    if (range) q = q.where("fiscal_year", ">=", range.from).where("fiscal_year", "<=", range.to);
    return q.orderBy("fiscal_year").orderBy("unit_id").execute();
  }

  /** Fiscal years with at least one recorded headcount, ascending. */
  async recordedYears(): Promise<number[]> {
    const rows = await this.db
      .selectFrom("headcounts")
      .select("fiscal_year")
      .distinct()
      .where("municipality_id", "=", this.municipalityId)
      .orderBy("fiscal_year")
      .execute();
    return rows.map((r) => r.fiscal_year);
  }

  get(unitId: number, fiscalYear: number): Promise<HeadcountRow | undefined> {
    return this.db
      .selectFrom("headcounts")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("unit_id", "=", unitId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  /** Inserts or replaces the figures of one unit and year. */
  async upsert(unitId: number, fiscalYear: number, values: HeadcountValues, now: string): Promise<void> {
    await this.db
      .insertInto("headcounts")
      .values({ municipality_id: this.municipalityId, unit_id: unitId, fiscal_year: fiscalYear, ...values, updated_at: now })
      .onConflict((oc) => oc.columns(["municipality_id", "unit_id", "fiscal_year"]).doUpdateSet({ ...values, updated_at: now }))
      .execute();
  }

  /**
   * Compare-and-set: replaces the row (null = no row) only if it still holds `before`; false when another writer
   * changed it since it was read. Works the same under SQLite's and PostgreSQL's isolation.
   */
  async replaceIfUnchanged(unitId: number, fiscalYear: number, before: HeadcountValues | null, after: HeadcountValues | null, now: string): Promise<boolean> {
    const key = { municipality_id: this.municipalityId, unit_id: unitId, fiscal_year: fiscalYear };
    if (before === null && after === null) return (await this.get(unitId, fiscalYear)) === undefined;
    if (before === null && after !== null) {
      const result = await this.db
        .insertInto("headcounts")
        .values({ ...key, ...after, updated_at: now })
        .onConflict((oc) => oc.columns(["municipality_id", "unit_id", "fiscal_year"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const where = (values: HeadcountValues) =>
      (Object.keys(values) as (keyof HeadcountValues)[]).map((column) => [column, values[column]] as const);
    if (after === null) {
      let q = this.db.deleteFrom("headcounts").where("municipality_id", "=", this.municipalityId).where("unit_id", "=", unitId).where("fiscal_year", "=", fiscalYear);
      for (const [column, value] of where(before as HeadcountValues)) q = value === null ? q.where(column, "is", null) : q.where(column, "=", value);
      return Number((await q.executeTakeFirst()).numDeletedRows) === 1;
    }
    let q = this.db.updateTable("headcounts").set({ ...after, updated_at: now }).where("municipality_id", "=", this.municipalityId).where("unit_id", "=", unitId).where("fiscal_year", "=", fiscalYear);
    for (const [column, value] of where(before as HeadcountValues)) q = value === null ? q.where(column, "is", null) : q.where(column, "=", value);
    return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
  }

  async delete(unitId: number, fiscalYear: number): Promise<void> {
    await this.db
      .deleteFrom("headcounts")
      .where("municipality_id", "=", this.municipalityId)
      .where("unit_id", "=", unitId)
      .where("fiscal_year", "=", fiscalYear)
      .execute();
  }

  /** The per-year settings (基準日, note) of every year that has them. */
  listYearSettings(): Promise<HeadcountYearRow[]> {
    return this.db.selectFrom("headcount_years").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }

  async setReferenceDate(fiscalYear: number, referenceDate: string, note: string): Promise<void> {
    await this.db
      .insertInto("headcount_years")
      .values({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, reference_date: referenceDate, note })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year"]).doUpdateSet({ reference_date: referenceDate, note }))
      .execute();
  }
}
