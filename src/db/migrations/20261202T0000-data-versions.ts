import { type Kysely, sql } from "kysely";
import { bumpDataVersionOn, createDataVersionFunction, DATA_VERSION_TABLE } from "./helpers.js";

/**
 * 表示キャッシュのデータ版 (data version, issue 14 "the heaviest page at a quarter of nginx"): one row per municipality
 * whose `version` every write to that municipality's data increments in the writing transaction, by triggers, so no
 * write path (service, CLI, import, restore, raw SQL) can forget it and every server process on one database sees it.
 * Rendered pages and signed-in sessions are cached per process under this version (web/page-cache.ts,
 * services/session-cache.ts).
 *
 * Not counted: login_attempts, login_throttles and security_events (security bookkeeping, written by failed logins),
 * and sessions except when one is deleted (logout, expiry, a disabled user or a password change: a cached session
 * must stop working at once). A later table gets its trigger from `bumpDataVersionOn` in its own migration; the test
 * "every table bumps the data version" fails until it does.
 */
export const NOT_VERSIONED = ["login_attempts", "login_throttles", "security_events", "sessions"] as const;

const TABLES = [
  "users", "org_units", "user_units", "audit_log", "reorg_events", "headcount_years", "headcounts", "quotas", "quota_members",
  "populations", "settings", "age_profiles", "retirement_schedules", "projection_scenarios", "reform_editions", "reform_items",
  "reform_item_units", "reform_cells", "reform_subcommittees", "reform_indicators", "reform_indicator_values", "reform_rounds",
  "reform_updates", "reform_verifications", "reform_revisions", "reform_attachments", "comparison_profiles",
  "comparison_group_averages", "comparison_roster", "comparison_roster_staff", "comparison_diagnosis", "comparison_laspeyres",
  "comparison_regression", "hearing_rounds", "hearing_departments", "hearing_forms", "staffing_plans", "policy_narratives",
  "policy_figure_images", "reform_publications", "staffing_policies", "notifications",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable(DATA_VERSION_TABLE)
    .addColumn("municipality_id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into ${sql.table(DATA_VERSION_TABLE)} (municipality_id, version) select id, 1 from municipalities`.execute(db);
  await createDataVersionFunction(db);
  await bumpDataVersionOn(db, "municipalities", { column: "id", events: ["insert", "update"] });
  for (const table of TABLES) await bumpDataVersionOn(db, table);
  await bumpDataVersionOn(db, "sessions", { events: ["delete"] });
}
