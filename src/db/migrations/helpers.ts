import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-numbered integer primary key `id`, spelled the way each database wants it. */
export function idColumn<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id"> {
  return isPostgres(db)
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** One row per municipality: the version every write to its data increments (migration 20261202T0000-data-versions). */
export const DATA_VERSION_TABLE = "data_versions";

type WriteEvent = "insert" | "update" | "delete";

/**
 * PostgreSQL: the trigger function behind `bumpDataVersionOn`. It runs as a deferred constraint trigger, so at COMMIT,
 * after every row lock the transaction takes: the version row is locked last and only for the commit (no new deadlock
 * between writers). It increments once per municipality per transaction (remembered in a transaction-local setting).
 * The municipality id is read from the column named by the trigger's argument.
 */
export async function createDataVersionFunction(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function gyokaku_bump_data_version() returns trigger language plpgsql as $$
    declare
      m integer;
    begin
      if TG_OP = 'DELETE' then m := (to_jsonb(OLD) ->> TG_ARGV[0])::integer;
      else m := (to_jsonb(NEW) ->> TG_ARGV[0])::integer;
      end if;
      if m is null or current_setting('gyokaku.data_version_' || m, true) = '1' then return null; end if;
      perform set_config('gyokaku.data_version_' || m, '1', true);
      insert into data_versions (municipality_id, version) values (m, 1)
        on conflict (municipality_id) do update set version = data_versions.version + 1;
      return null;
    end $$`.execute(db);
}

/**
 * Makes every insert, update and delete on `table` increment the data version of the row's municipality, in the same
 * transaction (web/page-cache.ts and services/session-cache.ts trust it). Every new table of municipality data calls
 * this in its migration. SQLite: a row trigger (SQLite has one writer at a time, so no lock order to mind);
 * PostgreSQL: a deferred constraint trigger running gyokaku_bump_data_version at COMMIT.
 */
export async function bumpDataVersionOn(
  db: Kysely<unknown>,
  table: string,
  options: { column?: string; events?: readonly WriteEvent[] } = {},
): Promise<void> {
  const column = options.column ?? "municipality_id";
  const events = options.events ?? ["insert", "update", "delete"];
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`bad table or column name: ${table}.${column}`);
  if (isPostgres(db)) {
    await sql
      .raw(
        `create constraint trigger ${table}_data_version after ${events.join(" or ")} on ${table} deferrable initially deferred ` +
          `for each row execute function gyokaku_bump_data_version('${column}')`,
      )
      .execute(db);
    return;
  }
  for (const event of events) {
    const row = event === "delete" ? "OLD" : "NEW";
    await sql
      .raw(
        `create trigger ${table}_data_version_${event} after ${event} on ${table} for each row begin ` +
          `insert into ${DATA_VERSION_TABLE} (municipality_id, version) values (${row}.${column}, 1) ` +
          `on conflict (municipality_id) do update set version = version + 1; end`,
      )
      .execute(db);
  }
}
