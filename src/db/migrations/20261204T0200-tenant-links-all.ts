import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers.js";

/**
 * Issue 9 finished: every remaining link from a row of a municipality to another row of a municipality names the
 * municipality too, so the database itself refuses a row of municipality A that points at B's user, unit, quota,
 * edition, item, indicator or round. The same patterns as 20261204T0100-tenant-links: PostgreSQL gets unique
 * (municipality_id, id) on each parent and a composite foreign key (municipality_id, column) → parent (municipality_id,
 * id); SQLite (no ADD FOREIGN KEY without rebuilding the table) gets BEFORE INSERT and BEFORE UPDATE OF
 * municipality_id, column triggers that RAISE(ABORT) when the parent row is not of the row's municipality.
 *
 * Nullable links (org_units.parent_id): NULL passes on both (PostgreSQL's MATCH SIMPLE checks nothing when a column is
 * null; the SQLite trigger only looks when the column is not null).
 *
 * Every child table here has its own municipality_id (the foundation's rule: every table but municipalities leads with
 * it), so no column had to be added and no link is left to "covered through its parent".
 *
 * Left out on purpose: audit_log.user_id (no foreign key at all: a log line keeps the id of whoever acted, also for a
 * user that no longer exists), reorg_events.from_unit_ids / to_unit_ids and reform_subcommittees.lineage_keys_json
 * (JSON text, no column to point from), and the lineage_key links (reform_indicators, reform_verifications,
 * reform_attachments: a key, not an id, shared by the editions of one municipality).
 */
export const MORE_TENANT_LINKS: readonly { table: string; column: string; parent: string }[] = [
  { table: "org_units", column: "parent_id", parent: "org_units" },
  { table: "user_units", column: "user_id", parent: "users" },
  { table: "user_units", column: "unit_id", parent: "org_units" },
  { table: "sessions", column: "user_id", parent: "users" },
  { table: "notifications", column: "user_id", parent: "users" },
  { table: "quotas", column: "unit_id", parent: "org_units" },
  { table: "quota_members", column: "quota_id", parent: "quotas" },
  { table: "quota_members", column: "unit_id", parent: "org_units" },
  { table: "age_profiles", column: "unit_id", parent: "org_units" },
  { table: "staffing_plans", column: "unit_id", parent: "org_units" },
  { table: "reform_items", column: "edition_id", parent: "reform_editions" },
  { table: "reform_rounds", column: "edition_id", parent: "reform_editions" },
  { table: "reform_item_units", column: "item_id", parent: "reform_items" },
  { table: "reform_cells", column: "item_id", parent: "reform_items" },
  { table: "reform_revisions", column: "item_id", parent: "reform_items" },
  { table: "reform_updates", column: "item_id", parent: "reform_items" },
  { table: "reform_updates", column: "round_id", parent: "reform_rounds" },
  { table: "reform_indicator_values", column: "indicator_id", parent: "reform_indicators" },
  { table: "hearing_departments", column: "round_id", parent: "hearing_rounds" },
  { table: "hearing_departments", column: "unit_id", parent: "org_units" },
  { table: "hearing_forms", column: "round_id", parent: "hearing_rounds" },
];

/**
 * The closed sets of the remaining role, kind, state and status columns (and two more closed sets found beside
 * them), as 20261204T0000-check-constraints does for the first ones. Written out here, not imported, so this
 * migration keeps meaning what it meant when it landed. Each set is every value the code has ever written (the git
 * history of its source has only this one set) and the demo city holds:
 * - reform_items.state: domain/reform.ts ITEM_STATES (the demo's items are all 継続; 新規 for a new item; 完了 by hand)
 * - reform_publications.state: domain/publication.ts PUBLICATION_STATES (changed / recheck are shown, never stored)
 * - staffing_policies.kind: domain/policy.ts POLICY_KINDS (20261130T1600-policy-periods carried allowance_percent)
 * - notifications.kind: what services/notifications.ts and notifications-due.ts write (round_opened, due_soon, returned)
 * - comparison_profiles.kind: domain/similar-group.ts MUNICIPALITY_KINDS
 * - reform_verifications.decision: domain/reform.ts DECISIONS (services/reform/verification.ts refuses any other)
 * - reform_cells.stage, nullable (NULL passes): domain/reform.ts STAGES (every write goes through checkCells or a
 *   zod enum)
 * reform_subcommittees.role is left free: it is the subcommittee's description (text), not a closed set.
 */
export const MORE_CHECKED_COLUMNS: readonly { table: string; column: string; values: readonly string[] }[] = [
  { table: "reform_items", column: "state", values: ["継続", "新規", "完了"] },
  { table: "reform_publications", column: "state", values: ["draft", "ready", "returned", "approved"] },
  { table: "staffing_policies", column: "kind", values: ["allowance_percent", "reference_date"] },
  { table: "notifications", column: "kind", values: ["round_opened", "due_soon", "returned"] },
  { table: "comparison_profiles", column: "kind", values: ["city", "town", "designated", "core", "former-special", "ward"] },
  { table: "reform_verifications", column: "decision", values: ["継続", "完了", "見直し"] },
  { table: "reform_cells", column: "stage", values: ["実施", "継続実施", "一部実施", "調査検討"] },
];

const NAME = /^[a-z_][a-z0-9_]*$/;
/** No quote, backslash or white space: the values go into SQL text (Japanese and "former-special" included). */
const VALUE = /^[^'"\\\s]+$/u;

/** The parents of MORE_TENANT_LINKS, without org_units (20261204T0100 gave it unique (municipality_id, id)). */
function newParents(): string[] {
  return [...new Set(MORE_TENANT_LINKS.map((l) => l.parent))].filter((p) => p !== "org_units");
}

async function addLink(db: Kysely<unknown>, { table, column, parent }: { table: string; column: string; parent: string }): Promise<void> {
  if (![table, column, parent].every((n) => NAME.test(n))) throw new Error(`bad link: ${table}.${column} → ${parent}`);
  const name = `${table}_${column}_same_municipality`;
  if (isPostgres(db)) {
    await sql.raw(`alter table ${table} add constraint ${name} foreign key (municipality_id, ${column}) references ${parent} (municipality_id, id)`).execute(db);
    return;
  }
  const when = `when new.${column} is not null and not exists (select 1 from ${parent} where id = new.${column} and municipality_id = new.municipality_id)`;
  const body = `begin select raise(abort, '${table}.${column}: the ${parent} row is not of this municipality'); end`;
  await sql.raw(`create trigger ${name}_insert before insert on ${table} ${when} ${body}`).execute(db);
  await sql.raw(`create trigger ${name}_update before update of municipality_id, ${column} on ${table} ${when} ${body}`).execute(db);
}

async function addCheck(db: Kysely<unknown>, { table, column, values }: { table: string; column: string; values: readonly string[] }): Promise<void> {
  if (!NAME.test(table) || !NAME.test(column) || !values.every((v) => VALUE.test(v))) throw new Error(`bad check: ${table}.${column}`);
  const list = values.map((v) => `'${v}'`).join(", ");
  const name = `${table}_${column}_check`;
  if (isPostgres(db)) {
    await sql.raw(`alter table ${table} add constraint ${name} check (${column} in (${list}))`).execute(db);
    return;
  }
  // `new.<column> not in (…)` is NULL for a NULL value, and a NULL WHEN does not fire: NULL passes, as with CHECK.
  const message = `${table}.${column} must be one of ${values.join(", ")}`;
  await sql.raw(`create trigger ${name}_insert before insert on ${table} when new.${column} not in (${list}) begin select raise(abort, '${message}'); end`).execute(db);
  await sql.raw(`create trigger ${name}_update before update of ${column} on ${table} when new.${column} not in (${list}) begin select raise(abort, '${message}'); end`).execute(db);
}

/**
 * Adds the links and the checks. On a database whose rows already break one (a cross-municipality link or an
 * unknown value written by hand), PostgreSQL refuses the constraint and the whole migration rolls back (it runs in
 * the one migration transaction), naming the constraint; SQLite's triggers only judge later writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const parent of newParents()) {
      if (!NAME.test(parent)) throw new Error(`bad parent: ${parent}`);
      await sql.raw(`alter table ${parent} add constraint ${parent}_municipality_id_key unique (municipality_id, id)`).execute(db);
    }
  }
  for (const link of MORE_TENANT_LINKS) await addLink(db, link);
  for (const check of MORE_CHECKED_COLUMNS) await addCheck(db, check);
}
