import type { Kysely } from "kysely";
import { idColumn } from "./helpers.js";

// Forward-only. Every table but municipalities leads with municipality_id so a consortium can shard by municipality later.
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable("municipalities"))
    .addColumn("code", "varchar(6)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("prefecture", "varchar(10)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable("users"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("username", "varchar(64)", (c) => c.notNull())
    .addColumn("display_name", "varchar(100)", (c) => c.notNull())
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(255)", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("users_municipality_username", ["municipality_id", "username"])
    .execute();

  await idColumn(db, db.schema.createTable("org_units"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("code", "varchar(64)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("parent_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("contact", "varchar(200)", (c) => c.notNull().defaultTo(""))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("org_units_municipality_code", ["municipality_id", "code"])
    .execute();

  await db.schema
    .createTable("user_units")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addPrimaryKeyConstraint("user_units_pk", ["municipality_id", "user_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "varchar(64)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
    .addColumn("last_seen_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").columns(["municipality_id", "user_id"]).execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("username", "varchar(64)", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_attempts_pk", ["municipality_id", "username"])
    .execute();

  await idColumn(db, db.schema.createTable("audit_log"))
    .addColumn("municipality_id", "integer", (c) => c.notNull().references("municipalities.id"))
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addColumn("user_id", "integer")
    .addColumn("actor", "varchar(64)", (c) => c.notNull())
    .addColumn("action", "varchar(32)", (c) => c.notNull())
    .addColumn("entity", "varchar(64)", (c) => c.notNull())
    .addColumn("entity_id", "varchar(64)", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("audit_log_municipality_at").on("audit_log").columns(["municipality_id", "at"]).execute();
}
