import type { DbOrTx, ReformPublicationRow } from "../schema.js";

export interface PublicationFields {
  state: string;
  comment: string;
  fingerprint: string | null;
  readyBy: string | null;
  readyAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** 公表 state per reform edition (one row per fiscal year). */
export class PublicationRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  get(fiscalYear: number): Promise<ReformPublicationRow | undefined> {
    return this.db
      .selectFrom("reform_publications")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  list(): Promise<ReformPublicationRow[]> {
    return this.db.selectFrom("reform_publications").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }

  async create(fiscalYear: number, fields: PublicationFields): Promise<void> {
    await this.db
      .insertInto("reform_publications")
      .values({
        municipality_id: this.municipalityId,
        fiscal_year: fiscalYear,
        state: fields.state,
        comment: fields.comment,
        fingerprint: fields.fingerprint,
        ready_by: fields.readyBy,
        ready_at: fields.readyAt,
        decided_by: fields.decidedBy,
        decided_at: fields.decidedAt,
      })
      .execute();
  }

  /** Optimistic: false when someone else changed the row since `expectedVersion` was read. */
  async update(fiscalYear: number, expectedVersion: number, fields: PublicationFields): Promise<boolean> {
    const result = await this.db
      .updateTable("reform_publications")
      .set((eb) => ({
        state: fields.state,
        comment: fields.comment,
        fingerprint: fields.fingerprint,
        ready_by: fields.readyBy,
        ready_at: fields.readyAt,
        decided_by: fields.decidedBy,
        decided_at: fields.decidedAt,
        version: eb("version", "+", 1),
      }))
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
