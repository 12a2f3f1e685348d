import type { Kysely } from "kysely";

// 類似団体比較: own classification inputs, MIC's group averages and roster (staff by sector), the own 定員管理診断表
// as MIC gives it, ラスパイレス指数 and the 定員回帰指標 coefficients. Every figure is per fiscal year of the survey (April 1).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("comparison_profiles")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .addColumn("secondary_percent", "double precision", (c) => c.notNull())
    .addColumn("tertiary_percent", "double precision", (c) => c.notNull())
    .addColumn("area_km2", "double precision")
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("comparison_profiles_pk", ["municipality_id", "fiscal_year"])
    .execute();

  await db.schema
    .createTable("comparison_group_averages")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("group_key", "varchar(24)", (c) => c.notNull())
    .addColumn("sector", "varchar(16)", (c) => c.notNull())
    .addColumn("members", "integer")
    .addColumn("population", "integer")
    .addColumn("staff", "integer")
    .addColumn("simple_per10k", "double precision")
    .addColumn("corrected_per10k", "double precision")
    .addColumn("corrected_members", "integer")
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("comparison_group_averages_pk", ["municipality_id", "fiscal_year", "group_key", "sector"])
    .execute();

  await db.schema
    .createTable("comparison_roster")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("code", "varchar(6)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("prefecture", "varchar(8)", (c) => c.notNull())
    .addColumn("group_key", "varchar(24)", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .addColumn("area_km2", "double precision")
    .addPrimaryKeyConstraint("comparison_roster_pk", ["municipality_id", "fiscal_year", "code"])
    .execute();
  await db.schema.createIndex("comparison_roster_group").on("comparison_roster").columns(["municipality_id", "fiscal_year", "group_key"]).execute();

  await db.schema
    .createTable("comparison_roster_staff")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("code", "varchar(6)", (c) => c.notNull())
    .addColumn("sector", "varchar(16)", (c) => c.notNull())
    .addColumn("staff", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("comparison_roster_staff_pk", ["municipality_id", "fiscal_year", "code", "sector"])
    .execute();

  await db.schema
    .createTable("comparison_diagnosis")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("sector", "varchar(16)", (c) => c.notNull())
    .addColumn("actual", "integer")
    .addColumn("simple_reference", "integer")
    .addColumn("corrected_reference", "integer")
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("comparison_diagnosis_pk", ["municipality_id", "fiscal_year", "sector"])
    .execute();

  await db.schema
    .createTable("comparison_laspeyres")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("subject", "varchar(16)", (c) => c.notNull())
    .addColumn("label", "varchar(100)", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("comparison_laspeyres_pk", ["municipality_id", "fiscal_year", "subject"])
    .execute();

  await db.schema
    .createTable("comparison_regression")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("sector", "varchar(16)", (c) => c.notNull())
    .addColumn("constant", "double precision", (c) => c.notNull())
    .addColumn("population_coef", "double precision", (c) => c.notNull())
    .addColumn("area_coef", "double precision", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("comparison_regression_pk", ["municipality_id", "fiscal_year", "sector"])
    .execute();
}
