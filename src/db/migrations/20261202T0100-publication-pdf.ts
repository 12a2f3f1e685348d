import type { Kysely } from "kysely";
import { bumpDataVersionOn } from "./helpers.js";

// 公表: the approval stores which definition of the fingerprint it used (services/published-content.ts), so a change
// of the definition reads "approve again, the check changed" rather than "the data changed". Null: definition 1
// (the public dataset alone), the one used before this column existed.
// The printed PDF of an edition is kept with the hash of the HTML it was printed from, so publishing an unchanged
// edition again reuses it instead of printing in Chromium (a few seconds).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("reform_publications").addColumn("fingerprint_version", "integer").execute();
  await db.schema
    .createTable("publication_pdfs")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("document_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("pdf_base64", "text", (c) => c.notNull())
    .addColumn("pages_json", "text", (c) => c.notNull())
    .addColumn("page_count", "integer", (c) => c.notNull())
    .addColumn("printed_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("publication_pdfs_pk", ["municipality_id", "fiscal_year"])
    .execute();
  // Municipality data like any other (20261202T0000-data-versions): storing a PDF bumps the data version.
  await bumpDataVersionOn(db, "publication_pdfs");
}
