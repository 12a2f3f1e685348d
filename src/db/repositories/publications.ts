import type { DbOrTx, PublicationPdfRow, PublicationPlanRow, ReformPublicationRow } from "../schema.js";

export interface PublicationFields {
  state: string;
  comment: string;
  fingerprint: string | null;
  /** The fingerprint's definition (domain/publication.ts FINGERPRINT_DEFINITION); null while none is stored. */
  fingerprintVersion: number | null;
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
        fingerprint_version: fields.fingerprintVersion,
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
        fingerprint_version: fields.fingerprintVersion,
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

/** The printed PDF of each edition (one per fiscal year, the last printed), kept by the hash of its HTML. */
export class PublicationPdfRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  get(fiscalYear: number): Promise<PublicationPdfRow | undefined> {
    return this.db
      .selectFrom("publication_pdfs")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  /** Replaces the edition's PDF. */
  async put(fiscalYear: number, values: { documentHash: string; pdfBase64: string; pagesJson: string; pageCount: number; printedAt: string }): Promise<void> {
    const row = { document_hash: values.documentHash, pdf_base64: values.pdfBase64, pages_json: values.pagesJson, page_count: values.pageCount, printed_at: values.printedAt };
    await this.db
      .insertInto("publication_pdfs")
      .values({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year"]).doUpdateSet(row))
      .execute();
  }
}

/** 公表予定日 per edition (publication_plans). */
export class PublicationPlanRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  get(fiscalYear: number): Promise<PublicationPlanRow | undefined> {
    return this.db
      .selectFrom("publication_plans")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  list(): Promise<PublicationPlanRow[]> {
    return this.db.selectFrom("publication_plans").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }

  /** Sets the edition's planned date (YYYY-MM-DD), or removes it (null). */
  async set(fiscalYear: number, plannedDate: string | null, by: string, at: string): Promise<void> {
    if (plannedDate === null) {
      await this.db.deleteFrom("publication_plans").where("municipality_id", "=", this.municipalityId).where("fiscal_year", "=", fiscalYear).execute();
      return;
    }
    const row = { planned_date: plannedDate, updated_by: by, updated_at: at };
    await this.db
      .insertInto("publication_plans")
      .values({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year"]).doUpdateSet(row))
      .execute();
  }
}
