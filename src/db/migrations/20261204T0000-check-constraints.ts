import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers.js";

/**
 * The closed sets of values of role, kind and status columns, checked by the database itself, so a row with an unknown
 * value cannot be written by any path (a forgotten check, a hand edit, a restore) and every reader can trust the value.
 * The lists are written out here (not imported from src/domain) so this migration keeps meaning what it meant when it
 * landed; a later migration that widens a set replaces the constraint (PostgreSQL) or the triggers (SQLite).
 */
export const CHECKED_COLUMNS: readonly { table: string; column: string; values: readonly string[] }[] = [
  { table: "users", column: "role", values: ["admin", "hq", "editor", "viewer"] },
  { table: "org_units", column: "kind", values: ["special", "group", "authority", "department", "division"] },
  { table: "reorg_events", column: "kind", values: ["create", "abolish", "rename", "split", "merge"] },
  { table: "reform_cells", column: "kind", values: ["plan", "result"] },
  { table: "reform_indicator_values", column: "kind", values: ["target", "actual"] },
  { table: "reform_rounds", column: "status", values: ["open", "closed"] },
  { table: "reform_updates", column: "status", values: ["not_started", "draft", "submitted", "returned", "approved"] },
  { table: "hearing_rounds", column: "status", values: ["open", "decided"] },
  { table: "hearing_forms", column: "status", values: ["draft", "submitted", "returned", "resubmitted", "heard", "decided"] },
];

const NAME = /^[a-z_][a-z0-9_]*$/;
const VALUE = /^[a-z_]+$/;

/**
 * PostgreSQL: `alter table … add constraint <table>_<column>_check check (<column> in (…))`.
 * SQLite cannot add a CHECK constraint to an existing table (ALTER TABLE has no ADD CONSTRAINT; the only way is to
 * rebuild every table, with its indexes, triggers and foreign keys pointing at it), so the same rule is two triggers
 * per column, BEFORE INSERT and BEFORE UPDATE OF the column, that RAISE(ABORT, …): the statement fails as a CHECK would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, column, values } of CHECKED_COLUMNS) {
    if (!NAME.test(table) || !NAME.test(column) || !values.every((v) => VALUE.test(v))) throw new Error(`bad check: ${table}.${column}`);
    const list = values.map((v) => `'${v}'`).join(", ");
    const name = `${table}_${column}_check`;
    if (isPostgres(db)) {
      await sql.raw(`alter table ${table} add constraint ${name} check (${column} in (${list}))`).execute(db);
    } else {
      const message = `${table}.${column} must be one of ${values.join(", ")}`;
      await sql.raw(`create trigger ${name}_insert before insert on ${table} when new.${column} not in (${list}) begin select raise(abort, '${message}'); end`).execute(db);
      await sql.raw(`create trigger ${name}_update before update of ${column} on ${table} when new.${column} not in (${list}) begin select raise(abort, '${message}'); end`).execute(db);
    }
  }
}
