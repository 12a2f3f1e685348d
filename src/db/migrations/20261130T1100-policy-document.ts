import type { Kysely } from "kysely";

// 公表 (the yearly 行政改革基本方針 document): the editable narrative sections of each edition, and the images
// the secretariat uploads for its figures (図表1 PPP/PFI, 図表2 DX推進体制).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("policy_narratives")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("key", "varchar(64)", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "varchar(64)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("policy_narratives_pk", ["municipality_id", "fiscal_year", "key"])
    .execute();

  await db.schema
    .createTable("policy_figure_images")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("key", "varchar(64)", (c) => c.notNull())
    .addColumn("filename", "varchar(255)", (c) => c.notNull())
    .addColumn("content_type", "varchar(64)", (c) => c.notNull())
    .addColumn("data_base64", "text", (c) => c.notNull())
    .addColumn("updated_by", "varchar(64)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("policy_figure_images_pk", ["municipality_id", "fiscal_year", "key"])
    .execute();
}
