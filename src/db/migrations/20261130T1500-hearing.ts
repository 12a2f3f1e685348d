import type { Kysely } from "kysely";
import { idColumn } from "./helpers.js";

// 組織・業務改革ヒアリング: rounds, the departments heard in each (with their slot), the forms 様式1–3 with
// their workflow status and decisions, and 配置計画 (planned headcount per unit) that applied decisions become.
// Hearing data stays in its own tables: it is internal and never published.
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable("hearing_rounds"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("target_year", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("due_date", "varchar(10)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("job_categories_json", "text", (c) => c.notNull())
    .addColumn("applied_at", "varchar(32)")
    .addColumn("applied_by", "varchar(64)")
    .addColumn("apply_snapshot_json", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("opened_by", "varchar(64)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("hearing_rounds_year", ["municipality_id", "target_year"])
    .execute();

  await db.schema
    .createTable("hearing_departments")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("hearing_rounds.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("slot_date", "varchar(10)")
    .addColumn("slot_time", "varchar(5)")
    .addColumn("slot_place", "varchar(100)", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("hearing_departments_pk", ["municipality_id", "round_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("hearing_forms")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("hearing_rounds.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("form", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("decisions_json", "text", (c) => c.notNull())
    .addColumn("return_comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("heard_on", "varchar(10)")
    .addColumn("heard_notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_at", "varchar(32)")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_by", "varchar(64)", (c) => c.notNull())
    .addPrimaryKeyConstraint("hearing_forms_pk", ["municipality_id", "round_id", "unit_id", "form"])
    .execute();

  // 配置計画: next year's planned headcount per unit, from applied hearing decisions.
  await db.schema
    .createTable("staffing_plans")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("planned_staff", "integer", (c) => c.notNull())
    .addColumn("source", "varchar(200)", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("staffing_plans_pk", ["municipality_id", "unit_id", "fiscal_year"])
    .execute();
}
