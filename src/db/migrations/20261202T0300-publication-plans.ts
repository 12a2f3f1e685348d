import type { Kysely } from "kysely";
import { bumpDataVersionOn } from "./helpers.js";

// 公表予定日 (planned publication date) per edition, set by the secretariat on the 公表 page and shown on the
// dashboard calendar (issue 13 point 12). Apart from reform_publications, so planning a date never moves the
// approval's version under headquarters' feet. No row: no date planned.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("publication_plans")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("planned_date", "varchar(10)", (c) => c.notNull())
    .addColumn("updated_by", "varchar(200)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("publication_plans_pk", ["municipality_id", "fiscal_year"])
    .execute();
  await bumpDataVersionOn(db, "publication_plans");
}
