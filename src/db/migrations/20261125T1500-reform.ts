import type { Kysely } from "kysely";
import { idColumn, isPostgres } from "./helpers.js";

// 業務改革: editions of the policy, reform items with plan/result cells, subcommittees, indicators,
// the yearly update round, the headquarters' verification, revisions and attachments.
export async function up(db: Kysely<unknown>): Promise<void> {
  const real = isPostgres(db) ? "double precision" : "real";

  await idColumn(db, db.schema.createTable("reform_editions"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("reform_editions_year", ["municipality_id", "fiscal_year"])
    .execute();

  await idColumn(db, db.schema.createTable("reform_items"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("edition_id", "integer", (c) => c.notNull().references("reform_editions.id"))
    .addColumn("lineage_key", "varchar(40)", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("state", "varchar(8)", (c) => c.notNull())
    .addColumn("unit_labels_json", "text", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("effect_json", "text", (c) => c.notNull())
    .addColumn("remarks_json", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_by", "varchar(64)", (c) => c.notNull())
    .addUniqueConstraint("reform_items_lineage", ["municipality_id", "edition_id", "lineage_key"])
    .execute();

  await db.schema
    .createTable("reform_item_units")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("reform_items.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addPrimaryKeyConstraint("reform_item_units_pk", ["municipality_id", "item_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("reform_cells")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("reform_items.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(8)", (c) => c.notNull())
    .addColumn("stage", "varchar(16)")
    .addColumn("lines_json", "text", (c) => c.notNull())
    .addColumn("same_as_left", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("reform_cells_pk", ["municipality_id", "item_id", "fiscal_year", "kind"])
    .execute();

  await idColumn(db, db.schema.createTable("reform_subcommittees"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("code", "varchar(64)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("from_year", "integer")
    .addColumn("to_year", "integer")
    .addColumn("lineage_keys_json", "text", (c) => c.notNull())
    .addUniqueConstraint("reform_subcommittees_code", ["municipality_id", "code"])
    .execute();

  await idColumn(db, db.schema.createTable("reform_indicators"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("lineage_key", "varchar(40)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("unit", "varchar(32)", (c) => c.notNull())
    .addColumn("baseline_year", "integer")
    .addColumn("baseline_value", real)
    .addColumn("cumulative", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("reform_indicator_values")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("reform_indicators.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(8)", (c) => c.notNull())
    .addColumn("value", real, (c) => c.notNull())
    .addPrimaryKeyConstraint("reform_indicator_values_pk", ["municipality_id", "indicator_id", "fiscal_year", "kind"])
    .execute();

  await idColumn(db, db.schema.createTable("reform_rounds"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("edition_id", "integer", (c) => c.notNull().references("reform_editions.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("due_date", "varchar(10)", (c) => c.notNull())
    .addColumn("status", "varchar(8)", (c) => c.notNull())
    .addColumn("opened_by", "varchar(64)", (c) => c.notNull())
    .addColumn("opened_at", "varchar(32)", (c) => c.notNull())
    .addColumn("closed_at", "varchar(32)")
    .execute();

  await db.schema
    .createTable("reform_updates")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("reform_rounds.id"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("reform_items.id"))
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("draft_json", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_by", "varchar(64)", (c) => c.notNull())
    .addPrimaryKeyConstraint("reform_updates_pk", ["municipality_id", "round_id", "item_id"])
    .execute();

  await db.schema
    .createTable("reform_verifications")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("lineage_key", "varchar(40)", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("evaluation", "varchar(32)", (c) => c.notNull())
    .addColumn("opinion", "text", (c) => c.notNull())
    .addColumn("decision", "varchar(8)", (c) => c.notNull())
    .addColumn("verified_by", "varchar(64)", (c) => c.notNull())
    .addColumn("verified_at", "varchar(32)", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("reform_verifications_pk", ["municipality_id", "lineage_key", "fiscal_year"])
    .execute();

  await idColumn(db, db.schema.createTable("reform_revisions"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("reform_items.id"))
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addColumn("actor", "varchar(64)", (c) => c.notNull())
    .addColumn("source", "varchar(16)", (c) => c.notNull())
    .addColumn("diff_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reform_revisions_item").on("reform_revisions").columns(["municipality_id", "item_id"]).execute();

  await idColumn(db, db.schema.createTable("reform_attachments"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("lineage_key", "varchar(40)", (c) => c.notNull())
    .addColumn("filename", "varchar(200)", (c) => c.notNull())
    .addColumn("content_type", "varchar(100)", (c) => c.notNull())
    .addColumn("data_base64", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
}
