import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers.js";

/**
 * The links most at risk of crossing municipalities name the municipality too, so the database itself refuses a row
 * of one municipality that points at another municipality's unit: headcounts, reform item units and hearing forms
 * → org_units. PostgreSQL: unique (municipality_id, id) on org_units and a composite foreign key
 * (municipality_id, unit_id) → org_units (municipality_id, id). SQLite cannot add a foreign key to an existing table
 * (only a rebuild of the table can), so BEFORE INSERT / BEFORE UPDATE triggers RAISE(ABORT) when the unit is not of the
 * row's municipality.
 */
export const TENANT_LINKS: readonly { table: string; column: string }[] = [
  { table: "headcounts", column: "unit_id" },
  { table: "reform_item_units", column: "unit_id" },
  { table: "hearing_forms", column: "unit_id" },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table org_units add constraint org_units_municipality_id_key unique (municipality_id, id)`.execute(db);
  for (const { table, column } of TENANT_LINKS) {
    const name = `${table}_${column}_same_municipality`;
    if (isPostgres(db)) {
      await sql.raw(`alter table ${table} add constraint ${name} foreign key (municipality_id, ${column}) references org_units (municipality_id, id)`).execute(db);
    } else {
      const when = `when not exists (select 1 from org_units where id = new.${column} and municipality_id = new.municipality_id)`;
      const body = `begin select raise(abort, '${table}.${column}: the unit is not of this municipality'); end`;
      await sql.raw(`create trigger ${name}_insert before insert on ${table} ${when} ${body}`).execute(db);
      await sql.raw(`create trigger ${name}_update before update of municipality_id, ${column} on ${table} ${when} ${body}`).execute(db);
    }
  }
}
