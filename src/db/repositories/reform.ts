import type {
  DbOrTx,
  ReformCellRow,
  ReformEditionRow,
  ReformIndicatorRow,
  ReformIndicatorValueRow,
  ReformItemRow,
  ReformRevisionRow,
  ReformRoundRow,
  ReformSubcommitteeRow,
  ReformUpdateRow,
  ReformVerificationRow,
} from "../schema.js";

abstract class Scoped {
  constructor(
    protected readonly db: DbOrTx,
    protected readonly municipalityId: number,
  ) {}
}

export class ReformEditionRepository extends Scoped {
  list(): Promise<ReformEditionRow[]> {
    return this.db.selectFrom("reform_editions").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }
  get(id: number): Promise<ReformEditionRow | undefined> {
    return this.db.selectFrom("reform_editions").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }
  getByYear(fiscalYear: number): Promise<ReformEditionRow | undefined> {
    return this.db.selectFrom("reform_editions").selectAll().where("municipality_id", "=", this.municipalityId).where("fiscal_year", "=", fiscalYear).executeTakeFirst();
  }
  create(values: { fiscalYear: number; title: string; now: string }): Promise<ReformEditionRow> {
    return this.db
      .insertInto("reform_editions")
      .values({ municipality_id: this.municipalityId, fiscal_year: values.fiscalYear, title: values.title, created_at: values.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

export interface ItemFields {
  number: number;
  name: string;
  state: string;
  unit_labels_json: string;
  content_json: string;
  effect_json: string;
  remarks_json: string;
}

export class ReformItemRepository extends Scoped {
  listByEdition(editionId: number): Promise<ReformItemRow[]> {
    return this.db
      .selectFrom("reform_items")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("edition_id", "=", editionId)
      .orderBy("number")
      .execute();
  }
  get(id: number): Promise<ReformItemRow | undefined> {
    return this.db.selectFrom("reform_items").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }
  listByLineage(lineageKey: string): Promise<ReformItemRow[]> {
    return this.db.selectFrom("reform_items").selectAll().where("municipality_id", "=", this.municipalityId).where("lineage_key", "=", lineageKey).execute();
  }
  create(values: ItemFields & { editionId: number; lineageKey: string; updatedBy: string; now: string }): Promise<ReformItemRow> {
    return this.db
      .insertInto("reform_items")
      .values({
        municipality_id: this.municipalityId,
        edition_id: values.editionId,
        lineage_key: values.lineageKey,
        number: values.number,
        name: values.name,
        state: values.state,
        unit_labels_json: values.unit_labels_json,
        content_json: values.content_json,
        effect_json: values.effect_json,
        remarks_json: values.remarks_json,
        updated_at: values.now,
        updated_by: values.updatedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  /** Saves only when the stored version is still `expectedVersion`; returns false when someone saved in between. */
  async update(id: number, expectedVersion: number, fields: Partial<ItemFields>, by: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("reform_items")
      .set((eb) => ({ ...fields, version: eb("version", "+", 1), updated_at: now, updated_by: by }))
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  async unitIds(itemIds: readonly number[]): Promise<{ item_id: number; unit_id: number }[]> {
    if (itemIds.length === 0) return [];
    return this.db
      .selectFrom("reform_item_units")
      .select(["item_id", "unit_id"])
      .where("municipality_id", "=", this.municipalityId)
      .where("item_id", "in", itemIds)
      .execute();
  }
  async setUnits(itemId: number, unitIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom("reform_item_units").where("municipality_id", "=", this.municipalityId).where("item_id", "=", itemId).execute();
    if (unitIds.length > 0) {
      await this.db
        .insertInto("reform_item_units")
        .values([...new Set(unitIds)].map((unit_id) => ({ municipality_id: this.municipalityId, item_id: itemId, unit_id })))
        .execute();
    }
  }
  cells(itemIds: readonly number[]): Promise<ReformCellRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("reform_cells")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("item_id", "in", itemIds)
      .orderBy("fiscal_year")
      .execute();
  }
  async setCell(itemId: number, fiscalYear: number, kind: "plan" | "result", cell: { stage: string | null; linesJson: string; sameAsLeft: boolean } | null): Promise<void> {
    await this.db
      .deleteFrom("reform_cells")
      .where("municipality_id", "=", this.municipalityId)
      .where("item_id", "=", itemId)
      .where("fiscal_year", "=", fiscalYear)
      .where("kind", "=", kind)
      .execute();
    if (cell === null) return;
    await this.db
      .insertInto("reform_cells")
      .values({
        municipality_id: this.municipalityId,
        item_id: itemId,
        fiscal_year: fiscalYear,
        kind,
        stage: cell.stage,
        lines_json: cell.linesJson,
        same_as_left: cell.sameAsLeft ? 1 : 0,
      })
      .execute();
  }
  revisions(itemIds: readonly number[]): Promise<ReformRevisionRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("reform_revisions")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("item_id", "in", itemIds)
      .orderBy("id", "desc")
      .execute();
  }
  async addRevision(values: { itemId: number; at: string; actor: string; source: string; diffJson: string }): Promise<void> {
    await this.db
      .insertInto("reform_revisions")
      .values({ municipality_id: this.municipalityId, item_id: values.itemId, at: values.at, actor: values.actor, source: values.source, diff_json: values.diffJson })
      .execute();
  }
}

export class ReformSubcommitteeRepository extends Scoped {
  list(): Promise<ReformSubcommitteeRow[]> {
    return this.db.selectFrom("reform_subcommittees").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("id").execute();
  }
  getByCode(code: string): Promise<ReformSubcommitteeRow | undefined> {
    return this.db.selectFrom("reform_subcommittees").selectAll().where("municipality_id", "=", this.municipalityId).where("code", "=", code).executeTakeFirst();
  }
  async upsert(values: { code: string; name: string; role: string; fromYear: number | null; toYear: number | null; lineageKeys: string[] }): Promise<void> {
    const row = { name: values.name, role: values.role, from_year: values.fromYear, to_year: values.toYear, lineage_keys_json: JSON.stringify(values.lineageKeys) };
    await this.db
      .insertInto("reform_subcommittees")
      .values({ municipality_id: this.municipalityId, code: values.code, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "code"]).doUpdateSet(row))
      .execute();
  }
}

export class ReformIndicatorRepository extends Scoped {
  list(lineageKeys?: readonly string[]): Promise<ReformIndicatorRow[]> {
    let q = this.db.selectFrom("reform_indicators").selectAll().where("municipality_id", "=", this.municipalityId);
    if (lineageKeys) {
      if (lineageKeys.length === 0) return Promise.resolve([]);
      q = q.where("lineage_key", "in", lineageKeys);
    }
    return q.orderBy("sort_order").orderBy("id").execute();
  }
  get(id: number): Promise<ReformIndicatorRow | undefined> {
    return this.db.selectFrom("reform_indicators").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }
  create(values: { lineageKey: string; name: string; unit: string; baselineYear: number | null; baselineValue: number | null; cumulative: boolean; note: string; sortOrder: number }): Promise<ReformIndicatorRow> {
    return this.db
      .insertInto("reform_indicators")
      .values({
        municipality_id: this.municipalityId,
        lineage_key: values.lineageKey,
        name: values.name,
        unit: values.unit,
        baseline_year: values.baselineYear,
        baseline_value: values.baselineValue,
        cumulative: values.cumulative ? 1 : 0,
        note: values.note,
        sort_order: values.sortOrder,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  values(indicatorIds: readonly number[]): Promise<ReformIndicatorValueRow[]> {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("reform_indicator_values")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("indicator_id", "in", indicatorIds)
      .orderBy("fiscal_year")
      .execute();
  }
  async setValue(indicatorId: number, fiscalYear: number, kind: "target" | "actual", value: number | null): Promise<void> {
    await this.db
      .deleteFrom("reform_indicator_values")
      .where("municipality_id", "=", this.municipalityId)
      .where("indicator_id", "=", indicatorId)
      .where("fiscal_year", "=", fiscalYear)
      .where("kind", "=", kind)
      .execute();
    if (value === null) return;
    await this.db.insertInto("reform_indicator_values").values({ municipality_id: this.municipalityId, indicator_id: indicatorId, fiscal_year: fiscalYear, kind, value }).execute();
  }
}

export class ReformRoundRepository extends Scoped {
  list(): Promise<ReformRoundRow[]> {
    return this.db.selectFrom("reform_rounds").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("id", "desc").execute();
  }
  get(id: number): Promise<ReformRoundRow | undefined> {
    return this.db.selectFrom("reform_rounds").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }
  create(values: { editionId: number; fiscalYear: number; title: string; dueDate: string; openedBy: string; now: string }): Promise<ReformRoundRow> {
    return this.db
      .insertInto("reform_rounds")
      .values({
        municipality_id: this.municipalityId,
        edition_id: values.editionId,
        fiscal_year: values.fiscalYear,
        title: values.title,
        due_date: values.dueDate,
        status: "open",
        opened_by: values.openedBy,
        opened_at: values.now,
        closed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  async close(id: number, now: string): Promise<void> {
    await this.db.updateTable("reform_rounds").set({ status: "closed", closed_at: now }).where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }
  listUpdates(roundId: number): Promise<ReformUpdateRow[]> {
    return this.db.selectFrom("reform_updates").selectAll().where("municipality_id", "=", this.municipalityId).where("round_id", "=", roundId).execute();
  }
  getUpdate(roundId: number, itemId: number): Promise<ReformUpdateRow | undefined> {
    return this.db
      .selectFrom("reform_updates")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("round_id", "=", roundId)
      .where("item_id", "=", itemId)
      .executeTakeFirst();
  }
  async createUpdate(values: { roundId: number; itemId: number; draftJson: string; by: string; now: string }): Promise<void> {
    await this.db
      .insertInto("reform_updates")
      .values({
        municipality_id: this.municipalityId,
        round_id: values.roundId,
        item_id: values.itemId,
        status: "not_started",
        draft_json: values.draftJson,
        updated_at: values.now,
        updated_by: values.by,
      })
      .execute();
  }
  /** Saves only when the stored version is still `expectedVersion`; false when someone saved in between. */
  async saveUpdate(
    roundId: number,
    itemId: number,
    expectedVersion: number,
    values: { status: string; draftJson?: string; comment?: string; by: string; now: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("reform_updates")
      .set((eb) => ({
        status: values.status,
        ...(values.draftJson === undefined ? {} : { draft_json: values.draftJson }),
        ...(values.comment === undefined ? {} : { comment: values.comment }),
        version: eb("version", "+", 1),
        updated_at: values.now,
        updated_by: values.by,
      }))
      .where("municipality_id", "=", this.municipalityId)
      .where("round_id", "=", roundId)
      .where("item_id", "=", itemId)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

export class ReformVerificationRepository extends Scoped {
  list(fiscalYear?: number): Promise<ReformVerificationRow[]> {
    let q = this.db.selectFrom("reform_verifications").selectAll().where("municipality_id", "=", this.municipalityId);
    if (fiscalYear !== undefined) q = q.where("fiscal_year", "=", fiscalYear);
    return q.orderBy("fiscal_year").execute();
  }
  get(lineageKey: string, fiscalYear: number): Promise<ReformVerificationRow | undefined> {
    return this.db
      .selectFrom("reform_verifications")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("lineage_key", "=", lineageKey)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }
  async create(values: { lineageKey: string; fiscalYear: number; evaluation: string; opinion: string; decision: string; by: string; now: string }): Promise<void> {
    await this.db
      .insertInto("reform_verifications")
      .values({
        municipality_id: this.municipalityId,
        lineage_key: values.lineageKey,
        fiscal_year: values.fiscalYear,
        evaluation: values.evaluation,
        opinion: values.opinion,
        decision: values.decision,
        verified_by: values.by,
        verified_at: values.now,
      })
      .execute();
  }
  async update(lineageKey: string, fiscalYear: number, expectedVersion: number, values: { evaluation: string; opinion: string; decision: string; by: string; now: string }): Promise<boolean> {
    const result = await this.db
      .updateTable("reform_verifications")
      .set((eb) => ({
        evaluation: values.evaluation,
        opinion: values.opinion,
        decision: values.decision,
        verified_by: values.by,
        verified_at: values.now,
        version: eb("version", "+", 1),
      }))
      .where("municipality_id", "=", this.municipalityId)
      .where("lineage_key", "=", lineageKey)
      .where("fiscal_year", "=", fiscalYear)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  /** Marks an opinion as headquarters' internal note (never published) or not. */
  async setOpinionInternal(lineageKey: string, fiscalYear: number, internal: boolean): Promise<void> {
    await this.db
      .updateTable("reform_verifications")
      .set({ opinion_internal: internal ? 1 : 0 })
      .where("municipality_id", "=", this.municipalityId)
      .where("lineage_key", "=", lineageKey)
      .where("fiscal_year", "=", fiscalYear)
      .execute();
  }
}

export class ReformAttachmentRepository extends Scoped {
  get(id: number) {
    return this.db.selectFrom("reform_attachments").selectAll().where("municipality_id", "=", this.municipalityId).where("id", "=", id).executeTakeFirst();
  }
  create(values: { lineageKey: string; filename: string; contentType: string; dataBase64: string; now: string }) {
    return this.db
      .insertInto("reform_attachments")
      .values({
        municipality_id: this.municipalityId,
        lineage_key: values.lineageKey,
        filename: values.filename,
        content_type: values.contentType,
        data_base64: values.dataBase64,
        created_at: values.now,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
  }
}
