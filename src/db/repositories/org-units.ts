import type { DbOrTx, OrgUnitRow } from "../schema.js";

export interface NewOrgUnitValues {
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  sortOrder: number;
  validFrom?: number | null;
  validTo?: number | null;
  sector?: string | null;
  now: string;
}

export interface OrgUnitChanges {
  name?: string;
  parentId?: number | null;
  sortOrder?: number;
  validFrom?: number | null;
  validTo?: number | null;
  sector?: string | null;
}

/** 組織 of one municipality. */
export class OrgUnitRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  private base() {
    return this.db.selectFrom("org_units").selectAll().where("municipality_id", "=", this.municipalityId);
  }

  list(): Promise<OrgUnitRow[]> {
    return this.base().orderBy("sort_order").orderBy("id").execute();
  }

  get(id: number): Promise<OrgUnitRow | undefined> {
    return this.base().where("id", "=", id).executeTakeFirst();
  }

  getByCode(code: string): Promise<OrgUnitRow | undefined> {
    return this.base().where("code", "=", code).executeTakeFirst();
  }

  listByCodes(codes: readonly string[]): Promise<OrgUnitRow[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.base().where("code", "in", codes).execute();
  }

  create(values: NewOrgUnitValues): Promise<OrgUnitRow> {
    return this.db
      .insertInto("org_units")
      .values({
        municipality_id: this.municipalityId,
        code: values.code,
        name: values.name,
        kind: values.kind,
        parent_id: values.parentId,
        sort_order: values.sortOrder,
        valid_from: values.validFrom ?? null,
        valid_to: values.validTo ?? null,
        sector: values.sector ?? null,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(id: number, changes: OrgUnitChanges, now: string): Promise<void> {
    await this.db
      .updateTable("org_units")
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.parentId === undefined ? {} : { parent_id: changes.parentId }),
        ...(changes.sortOrder === undefined ? {} : { sort_order: changes.sortOrder }),
        ...(changes.validFrom === undefined ? {} : { valid_from: changes.validFrom }),
        ...(changes.validTo === undefined ? {} : { valid_to: changes.validTo }),
        ...(changes.sector === undefined ? {} : { sector: changes.sector }),
        updated_at: now,
      })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .execute();
  }

  async updateContact(id: number, values: { contact: string; note: string; now: string }): Promise<void> {
    await this.db
      .updateTable("org_units")
      .set({ contact: values.contact, note: values.note, updated_at: values.now })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", id)
      .execute();
  }

  /** Removes a unit and its editor bindings (undo of a unit created by applying hearing decisions). */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom("user_units").where("municipality_id", "=", this.municipalityId).where("unit_id", "=", id).execute();
    await this.db.deleteFrom("org_units").where("municipality_id", "=", this.municipalityId).where("id", "=", id).execute();
  }

  /** Puts every field of a unit back as it was in `row` (undo). */
  async restore(row: OrgUnitRow): Promise<void> {
    const { code, name, kind, parent_id, sort_order, contact, note, created_at, updated_at, valid_from, valid_to, sector } = row;
    await this.db
      .updateTable("org_units")
      .set({ code, name, kind, parent_id, sort_order, contact, note, created_at, updated_at, valid_from, valid_to, sector })
      .where("municipality_id", "=", this.municipalityId)
      .where("id", "=", row.id)
      .execute();
  }
}
