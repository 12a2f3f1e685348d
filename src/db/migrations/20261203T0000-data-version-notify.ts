import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers.js";

/**
 * PostgreSQL: the data-version trigger function (migration 20261202T0000-data-versions) also sends the new version
 * with NOTIFY at commit, on a channel named after the schema (`gyokaku_dv_<schema>`: several schemas of one database
 * never hear each other), as "<municipality id>:<version>". Server processes listen (db/data-version-watch.ts) and
 * serve cached pages without asking the database for the version on every request. SQLite: nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function gyokaku_bump_data_version() returns trigger language plpgsql as $$
    declare
      m integer;
      v integer;
    begin
      if TG_OP = 'DELETE' then m := (to_jsonb(OLD) ->> TG_ARGV[0])::integer;
      else m := (to_jsonb(NEW) ->> TG_ARGV[0])::integer;
      end if;
      if m is null or current_setting('gyokaku.data_version_' || m, true) = '1' then return null; end if;
      perform set_config('gyokaku.data_version_' || m, '1', true);
      insert into data_versions (municipality_id, version) values (m, 1)
        on conflict (municipality_id) do update set version = data_versions.version + 1
        returning version into v;
      perform pg_notify('gyokaku_dv_' || current_schema(), m || ':' || v);
      return null;
    end $$`.execute(db);
}
