import type { DbOrTx } from "../schema.js";
import type { HearingDepartmentRow, HearingFormRow, HearingRoundRow, StaffingPlanRow } from "../schema-hearing.js";

/** 組織・業務改革ヒアリング rounds and their departments of one municipality. */
export class HearingRoundRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  private base() {
    return this.db.selectFrom("hearing_rounds").selectAll().where("municipality_id", "=", this.municipalityId);
  }

  list(): Promise<HearingRoundRow[]> {
    return this.base().orderBy("target_year", "desc").execute();
  }

  get(id: number): Promise<HearingRoundRow | undefined> {
    return this.base().where("id", "=", id).executeTakeFirst();
  }

  getByYear(targetYear: number): Promise<HearingRoundRow | undefined> {
    return this.base().where("target_year", "=", targetYear).executeTakeFirst();
  }

  create(values: { targetYear: number; title: string; dueDate: string; jobCategoriesJson: string; openedBy: string; now: string }): Promise<HearingRoundRow> {
    return this.db
      .insertInto("hearing_rounds")
      .values({
        municipality_id: this.municipalityId,
        target_year: values.targetYear,
        title: values.title,
        due_date: values.dueDate,
        status: "open",
        job_categories_json: values.jobCategoriesJson,
        opened_by: values.openedBy,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Changes a round only if it is still at `expectedVersion`; false when someone changed it first. */
  async update(
    id: number,
    expectedVersion: number,
    changes: Partial<Pick<HearingRoundRow, "title" | "due_date" | "status" | "job_categories_json" | "applied_at" | "applied_by" | "apply_snapshot_json">>,
    now: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("hearing_rounds")
      .set({ ...changes, updated_at: now, version: expectedVersion + 1 })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  departments(roundId: number): Promise<HearingDepartmentRow[]> {
    return this.db
      .selectFrom("hearing_departments")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("round_id", "=", roundId)
      .orderBy("sort_order")
      .orderBy("unit_id")
      .execute();
  }

  async addDepartment(roundId: number, unitId: number, sortOrder: number): Promise<void> {
    await this.db.insertInto("hearing_departments").values({ municipality_id: this.municipalityId, round_id: roundId, unit_id: unitId, slot_date: null, slot_time: null, sort_order: sortOrder }).execute();
  }

  async setSlot(roundId: number, unitId: number, slot: { date: string | null; time: string | null; place: string }): Promise<void> {
    await this.db
      .updateTable("hearing_departments")
      .set({ slot_date: slot.date, slot_time: slot.time, slot_place: slot.place })
      .where("municipality_id", "=", this.municipalityId)
      .where("round_id", "=", roundId)
      .where("unit_id", "=", unitId)
      .execute();
  }
}

/** The forms 様式1–3 of each department in a round. */
export class HearingFormRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  private base(roundId: number) {
    return this.db.selectFrom("hearing_forms").selectAll().where("municipality_id", "=", this.municipalityId).where("round_id", "=", roundId);
  }

  listByRound(roundId: number): Promise<HearingFormRow[]> {
    return this.base(roundId).orderBy("unit_id").orderBy("form").execute();
  }

  listByDepartment(roundId: number, unitId: number): Promise<HearingFormRow[]> {
    return this.base(roundId).where("unit_id", "=", unitId).orderBy("form").execute();
  }

  get(roundId: number, unitId: number, form: number): Promise<HearingFormRow | undefined> {
    return this.base(roundId).where("unit_id", "=", unitId).where("form", "=", form).executeTakeFirst();
  }

  async create(values: { roundId: number; unitId: number; form: number; contentJson: string; by: string; now: string }): Promise<void> {
    await this.db
      .insertInto("hearing_forms")
      .values({
        municipality_id: this.municipalityId,
        round_id: values.roundId,
        unit_id: values.unitId,
        form: values.form,
        status: "draft",
        content_json: values.contentJson,
        decisions_json: "{}",
        heard_on: null,
        submitted_at: null,
        updated_at: values.now,
        updated_by: values.by,
      })
      .execute();
  }

  /** Writes a form only if it is still at `expectedVersion` (optimistic locking); false when someone saved it first. */
  async update(
    key: { roundId: number; unitId: number; form: number },
    expectedVersion: number,
    changes: Partial<Pick<HearingFormRow, "status" | "content_json" | "decisions_json" | "return_comment" | "heard_on" | "heard_notes" | "submitted_at">>,
    by: string,
    now: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("hearing_forms")
      .set({ ...changes, updated_by: by, updated_at: now, version: expectedVersion + 1 })
      .where("municipality_id", "=", this.municipalityId)
      .where("round_id", "=", key.roundId)
      .where("unit_id", "=", key.unitId)
      .where("form", "=", key.form)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/** 配置計画 (planned headcount per unit and fiscal year). */
export class StaffingPlanRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(fiscalYear?: number): Promise<StaffingPlanRow[]> {
    let q = this.db.selectFrom("staffing_plans").selectAll().where("municipality_id", "=", this.municipalityId);
    if (fiscalYear !== undefined) q = q.where("fiscal_year", "=", fiscalYear);
    return q.orderBy("fiscal_year").orderBy("unit_id").execute();
  }

  async upsert(unitId: number, fiscalYear: number, plannedStaff: number, source: string, now: string): Promise<void> {
    await this.db
      .insertInto("staffing_plans")
      .values({ municipality_id: this.municipalityId, unit_id: unitId, fiscal_year: fiscalYear, planned_staff: plannedStaff, source, updated_at: now })
      .onConflict((oc) => oc.columns(["municipality_id", "unit_id", "fiscal_year"]).doUpdateSet({ planned_staff: plannedStaff, source, updated_at: now }))
      .execute();
  }

  async delete(unitId: number, fiscalYear: number): Promise<void> {
    await this.db.deleteFrom("staffing_plans").where("municipality_id", "=", this.municipalityId).where("unit_id", "=", unitId).where("fiscal_year", "=", fiscalYear).execute();
  }
}
