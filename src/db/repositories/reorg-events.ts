import type { DbOrTx, ReorgEventRow } from "../schema.js";

/** 組織改正 events of one municipality. */
export class ReorgEventRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<ReorgEventRow[]> {
    return this.db.selectFrom("reorg_events").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").orderBy("id").execute();
  }

  async create(values: {
    fiscalYear: number;
    kind: string;
    fromUnitIds: number[];
    toUnitIds: number[];
    oldName: string | null;
    newName: string | null;
    note: string;
    now: string;
  }): Promise<ReorgEventRow> {
    return this.db
      .insertInto("reorg_events")
      .values({
        municipality_id: this.municipalityId,
        fiscal_year: values.fiscalYear,
        kind: values.kind,
        from_unit_ids: JSON.stringify(values.fromUnitIds),
        to_unit_ids: JSON.stringify(values.toUnitIds),
        old_name: values.oldName,
        new_name: values.newName,
        note: values.note,
        created_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom("reorg_events").where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }
}
