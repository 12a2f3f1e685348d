import { type Kysely, sql } from "kysely";
import { idColumn } from "./helpers.js";

// Issue 14 point 7: login attempts counted per account, per account and address, and per address (replacing
// login_attempts, kept for history but no longer written), and a security log an administrator reads.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("login_throttles")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    // domain/login-throttle.ts throttleKeys: "account-address:<name>@<address>", "account:<name>", "address:<address>"
    .addColumn("throttle_key", "varchar(200)", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_throttles_pk", ["municipality_id", "throttle_key"])
    .execute();

  await idColumn(db, db.schema.createTable("security_events"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addColumn("kind", "varchar(32)", (c) => c.notNull().check(sqlKinds()))
    .addColumn("username", "varchar(64)", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "varchar(64)", (c) => c.notNull().defaultTo(""))
    .addColumn("path", "varchar(200)", (c) => c.notNull().defaultTo(""))
    .addColumn("detail", "varchar(400)", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("security_events_at").on("security_events").columns(["municipality_id", "at"]).execute();
}

function sqlKinds() {
  // The kinds of services/security-log.ts SecurityEventKind.
  return sql`kind in ('login_failed', 'login_throttled', 'forbidden', 'csrf_refused', 'unlocked')`;
}
