import type { Kysely } from "kysely";

// 公表 (publication) of a reform edition: the secretariat marks it ready, headquarters approves or returns it.
// The fingerprint is the SHA-256 of the public dataset at approval, so a later change of published data shows.
// A verification opinion can be marked internal (never published).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reform_publications")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fingerprint", "varchar(64)")
    .addColumn("ready_by", "varchar(64)")
    .addColumn("ready_at", "varchar(32)")
    .addColumn("decided_by", "varchar(64)")
    .addColumn("decided_at", "varchar(32)")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("reform_publications_pk", ["municipality_id", "fiscal_year"])
    .execute();

  await db.schema
    .alterTable("reform_verifications")
    .addColumn("opinion_internal", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
