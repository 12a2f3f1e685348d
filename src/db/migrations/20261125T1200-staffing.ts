import type { Kysely } from "kysely";
import { idColumn } from "./helpers.js";

// 定数管理: organisation over time, headcount per unit and year, quotas, population, municipal settings.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("org_units").addColumn("valid_from", "integer").execute();
  await db.schema.alterTable("org_units").addColumn("valid_to", "integer").execute();
  await db.schema.alterTable("org_units").addColumn("sector", "varchar(16)").execute();

  await idColumn(db, db.schema.createTable("reorg_events"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("from_unit_ids", "text", (c) => c.notNull())
    .addColumn("to_unit_ids", "text", (c) => c.notNull())
    .addColumn("old_name", "varchar(100)")
    .addColumn("new_name", "varchar(100)")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reorg_events_year").on("reorg_events").columns(["municipality_id", "fiscal_year"]).execute();

  await db.schema
    .createTable("headcount_years")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("reference_date", "varchar(10)", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("headcount_years_pk", ["municipality_id", "fiscal_year"])
    .execute();

  await db.schema
    .createTable("headcounts")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("staff", "integer")
    .addColumn("seconded", "integer")
    .addColumn("fixed_term", "integer")
    .addColumn("on_leave", "integer")
    .addColumn("childcare_substitutes", "integer")
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("headcounts_pk", ["municipality_id", "unit_id", "fiscal_year"])
    .execute();
  await db.schema.createIndex("headcounts_year").on("headcounts").columns(["municipality_id", "fiscal_year"]).execute();

  await idColumn(db, db.schema.createTable("quotas"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("quota", "integer", (c) => c.notNull())
    .addColumn("valid_from", "integer")
    .addColumn("valid_to", "integer")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quotas_unit").on("quotas").columns(["municipality_id", "unit_id"]).execute();

  await db.schema
    .createTable("populations")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .addColumn("reference_date", "varchar(10)", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("populations_pk", ["municipality_id", "fiscal_year"])
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("key", "varchar(64)", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("settings_pk", ["municipality_id", "key"])
    .execute();
}
