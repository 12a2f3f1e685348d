import { type Kysely, sql } from "kysely";
import { idColumn } from "./helpers.js";

// Policies with a validity period (issue 13 point 3): the allowance above the quota (許容率) and the count's
// reference date are kept per starting fiscal year, so a new value for a later year never rewrites history.
// The allowance stored so far as one global setting is carried over as in force from the beginning.
// Quotas shared by several 任命権者 (point 4a): a quota row may name its member units.
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable("staffing_policies"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("kind", "varchar(32)", (c) => c.notNull())
    // null: in force from the beginning
    .addColumn("valid_from", "integer")
    .addColumn("value", "varchar(64)", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("staffing_policies_kind").on("staffing_policies").columns(["municipality_id", "kind", "valid_from"]).execute();

  await sql`
    insert into staffing_policies (municipality_id, kind, valid_from, value, note, created_at)
    select municipality_id, 'allowance_percent', null, value, '移行前の設定', ${new Date().toISOString()}
    from settings where key = 'staffing.allowancePercent'
  `.execute(db);
  await sql`delete from settings where key = 'staffing.allowancePercent'`.execute(db);

  await db.schema
    .createTable("quota_members")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("quota_id", "integer", (c) => c.notNull().references("quotas.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addPrimaryKeyConstraint("quota_members_pk", ["municipality_id", "quota_id", "unit_id"])
    .execute();
}
