import type { Kysely } from "kysely";
import { idColumn } from "./helpers.js";

// 定年引上げ: staff age profiles (aggregates only, no personal data), municipal retirement schedules, saved projection scenarios.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("age_profiles")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("base_year", "integer", (c) => c.notNull())
    .addColumn("cohort", "integer", (c) => c.notNull())
    .addColumn("category", "varchar(32)", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("age_profiles_pk", ["municipality_id", "unit_id", "base_year", "cohort", "category"])
    .execute();

  await db.schema
    .createTable("retirement_schedules")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("category", "varchar(32)", (c) => c.notNull())
    .addColumn("label", "varchar(100)", (c) => c.notNull())
    .addColumn("steps_json", "text", (c) => c.notNull())
    .addColumn("retire_on", "varchar(5)", (c) => c.notNull().defaultTo("03-31"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("retirement_schedules_pk", ["municipality_id", "category"])
    .execute();

  await idColumn(db, db.schema.createTable("projection_scenarios"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull())
    .addColumn("created_by", "varchar(64)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("projection_scenarios_name", ["municipality_id", "name"])
    .execute();
}
