import type { Kysely } from "kysely";

// User maintenance (issue 13 point 10): the administrator sees when each user last signed in.
// null: never signed in since this column exists (older logins are in the audit log).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("last_login_at", "varchar(32)").execute();
}
