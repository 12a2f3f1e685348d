import type { Kysely } from "kysely";
import { idColumn } from "./helpers.js";

// お知らせ (issue 13 point 13): an in-app inbox per user; e-mail goes out besides when SMTP is configured.
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable("notifications"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "varchar(32)", (c) => c.notNull())
    .addColumn("title", "varchar(300)", (c) => c.notNull())
    .addColumn("href", "varchar(300)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("read_at", "varchar(32)")
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["municipality_id", "user_id", "read_at"]).execute();
}
