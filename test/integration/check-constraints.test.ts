import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/connection.js";
import { CHECKED_COLUMNS } from "../../src/db/migrations/20261204T0000-check-constraints.js";
import { MORE_CHECKED_COLUMNS, MORE_TENANT_LINKS } from "../../src/db/migrations/20261204T0200-tenant-links-all.js";
import type { Db } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { openRound } from "../../src/services/reform/rounds.js";
import { createTestDatabase, DATABASES, describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality, buildUnit, buildUser } from "../support/factories.js";

describeEachDatabase("role, kind and status columns are checked by the database (migration 20261204T0000)", (get) => {
  it("refuses to insert a user with an unknown role or a unit with an unknown kind, and keeps the known ones", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const now = new Date().toISOString();
    const user = { municipality_id: m.id, username: "bad-role", display_name: "x", password_hash: "x", created_at: now, updated_at: now };
    await expect(db.insertInto("users").values({ ...user, role: "superuser" }).execute()).rejects.toThrow(/users_role_check|users\.role/);
    expect(await db.selectFrom("users").select("id").where("username", "=", "bad-role").execute()).toEqual([]);
    const unit = { municipality_id: m.id, code: "BAD", name: "不正", parent_id: null, sort_order: 0, created_at: now, updated_at: now };
    await expect(db.insertInto("org_units").values({ ...unit, kind: "section" }).execute()).rejects.toThrow(/org_units_kind_check|org_units\.kind/);
    await db.insertInto("org_units").values({ ...unit, kind: "division" }).execute();
    await buildUser(db, m, "hq");
  });

  it("refuses to change any checked column of an existing row to an unknown value; the row keeps its value", async () => {
    const { db } = await demoSite(get);
    const m = await buildMunicipality(db);
    const unit = await buildUnit(db, m);
    await buildUser(db, m, "viewer");
    let tried = 0;
    for (const { table, column } of [...CHECKED_COLUMNS, ...MORE_CHECKED_COLUMNS]) {
      const before = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)}`.execute(db);
      if (before.rows.length === 0) continue;
      tried += 1;
      await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = 'bogus'`.execute(db), `${table}.${column}`).rejects.toThrow(new RegExp(`${table}_${column}_check|${table}\\.${column}`));
      const after = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)}`.execute(db);
      expect(after.rows).toEqual(before.rows);
    }
    // The demo and the factories give rows to users, org_units, reorg_events and reform_cells at least, and to
    // reform_items, reform_publications, staffing_policies, comparison_profiles and reform_cells.stage.
    expect(tried).toBeGreaterThanOrEqual(9);
    expect((await db.selectFrom("org_units").select("kind").where("id", "=", unit.id).executeTakeFirstOrThrow()).kind).toBe("department");
  });
});

describeEachDatabase("links to units name the municipality (migration 20261204T0100-tenant-links)", (get) => {
  it("refuses a headcount of municipality A that points at B's unit, and keeps A's own", async () => {
    const { db } = get().database;
    const a = await buildMunicipality(db);
    const b = await buildMunicipality(db);
    const unitA = await buildUnit(db, a);
    const unitB = await buildUnit(db, b);
    const row = { municipality_id: a.id, fiscal_year: 2025, staff: 3, updated_at: new Date().toISOString() };
    await expect(db.insertInto("headcounts").values({ ...row, unit_id: unitB.id } as never).execute()).rejects.toThrow(/headcounts_unit_id_same_municipality|headcounts\.unit_id/);
    await db.insertInto("headcounts").values({ ...row, unit_id: unitA.id } as never).execute();
    await expect(db.updateTable("headcounts").set({ unit_id: unitB.id }).where("unit_id", "=", unitA.id).execute()).rejects.toThrow(/headcounts_unit_id_same_municipality|headcounts\.unit_id/);
    expect(await db.selectFrom("headcounts").select("unit_id").where("municipality_id", "=", a.id).execute()).toEqual([{ unit_id: unitA.id }]);
  });
});

describeEachDatabase("the remaining closed sets are checked by the database (migration 20261204T0200-tenant-links-all)", (get) => {
  it("refuses an unknown value in every column of MORE_CHECKED_COLUMNS on insert and update, keeps the known ones", async () => {
    const { db } = await demoSite(get);
    const a = await world(db);
    const now = new Date().toISOString();
    const notification = { municipality_id: a.m, user_id: a.p.users, title: "t", href: "/", created_at: now, read_at: null };
    await expect(db.insertInto("notifications").values({ ...notification, kind: "reminder" }).execute()).rejects.toThrow(/notifications_kind_check|notifications\.kind/);
    for (const kind of ["round_opened", "due_soon", "returned"]) await db.insertInto("notifications").values({ ...notification, kind }).execute();
    const item = { municipality_id: a.m, edition_id: a.p.reform_editions, number: 2, name: "項目", unit_labels_json: "[]", content_json: "[]", effect_json: "[]", remarks_json: "[]", updated_at: now, updated_by: "t" };
    await expect(db.insertInto("reform_items").values({ ...item, lineage_key: "bad", state: "廃止" }).execute()).rejects.toThrow(/reform_items_state_check|reform_items\.state/);
    await db.insertInto("reform_items").values({ ...item, lineage_key: "new", state: "新規" }).execute();
    const verification = { municipality_id: a.m, lineage_key: "k", fiscal_year: 2025, evaluation: "達成", opinion: "", verified_by: "t", verified_at: now };
    await expect(db.insertInto("reform_verifications").values({ ...verification, decision: "中止" }).execute()).rejects.toThrow(/reform_verifications_decision_check|reform_verifications\.decision/);
    await db.insertInto("reform_verifications").values({ ...verification, decision: "見直し" }).execute();
    const profile = { municipality_id: a.m, fiscal_year: 2025, population: 1000, secondary_percent: 20, tertiary_percent: 70, area_km2: null, updated_at: now };
    await expect(db.insertInto("comparison_profiles").values({ ...profile, kind: "village" }).execute()).rejects.toThrow(/comparison_profiles_kind_check|comparison_profiles\.kind/);
    await db.insertInto("comparison_profiles").values({ ...profile, kind: "former-special" }).execute();
    const cell = { municipality_id: a.m, item_id: a.p.reform_items, kind: "plan", lines_json: "[]" };
    await expect(db.insertInto("reform_cells").values({ ...cell, fiscal_year: 2025, stage: "<実施>" }).execute()).rejects.toThrow(/reform_cells_stage_check|reform_cells\.stage/);
    await db.insertInto("reform_cells").values({ ...cell, fiscal_year: 2025, stage: null }).execute();
    await db.insertInto("reform_cells").values({ ...cell, fiscal_year: 2026, stage: "調査検討" }).execute();
    // Every table of the list now has a row; each refuses 'bogus' and keeps its values.
    for (const { table, column } of MORE_CHECKED_COLUMNS) {
      const before = await sql<{ v: string | null }>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1`.execute(db);
      expect(before.rows.length, `${table} has rows`).toBeGreaterThan(0);
      await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = 'bogus'`.execute(db), `${table}.${column}`).rejects.toThrow(new RegExp(`${table}_${column}_check|${table}\\.${column}`));
      expect((await sql<{ v: string | null }>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1`.execute(db)).rows).toEqual(before.rows);
    }
  });
});

type Parent = "users" | "org_units" | "quotas" | "reform_editions" | "reform_items" | "reform_rounds" | "reform_indicators" | "hearing_rounds";

/** A municipality with one row of every parent table of MORE_TENANT_LINKS (ids by table), the rows linked among themselves. */
async function world(db: Db): Promise<{ m: number; p: Record<Parent, number> }> {
  const municipality = await buildMunicipality(db);
  const m = municipality.id;
  const now = new Date().toISOString();
  const id = async (row: Promise<{ id: number } | undefined>) => Number((await row)?.id);
  const org_units = (await buildUnit(db, municipality)).id;
  const users = await id(db.insertInto("users").values({ municipality_id: m, username: `u${randomUUID()}`, display_name: "x", role: "viewer", password_hash: "x", created_at: now, updated_at: now, last_login_at: null }).returning("id").executeTakeFirst());
  const quotas = await id(db.insertInto("quotas").values({ municipality_id: m, unit_id: org_units, quota: 10, valid_from: null, valid_to: null, created_at: now }).returning("id").executeTakeFirst());
  const reform_editions = await id(db.insertInto("reform_editions").values({ municipality_id: m, fiscal_year: 2025, title: "版", created_at: now }).returning("id").executeTakeFirst());
  const item = { municipality_id: m, edition_id: reform_editions, lineage_key: "k", number: 1, name: "項目", state: "継続", unit_labels_json: "[]", content_json: "[]", effect_json: "[]", remarks_json: "[]", updated_at: now, updated_by: "t" };
  const reform_items = await id(db.insertInto("reform_items").values(item).returning("id").executeTakeFirst());
  const round = { municipality_id: m, edition_id: reform_editions, fiscal_year: 2025, title: "更新", due_date: "2026-06-30", status: "open", opened_by: "t", opened_at: now, closed_at: null };
  const reform_rounds = await id(db.insertInto("reform_rounds").values(round).returning("id").executeTakeFirst());
  const reform_indicators = await id(db.insertInto("reform_indicators").values({ municipality_id: m, lineage_key: "k", name: "指標", unit: "件", baseline_year: null, baseline_value: null }).returning("id").executeTakeFirst());
  const hearing = { municipality_id: m, target_year: 2027, title: "ヒアリング", due_date: "2026-12-20", status: "open", job_categories_json: "[]", applied_at: null, applied_by: null, apply_snapshot_json: null, opened_by: "t", created_at: now, updated_at: now };
  const hearing_rounds = await id(db.insertInto("hearing_rounds").values(hearing).returning("id").executeTakeFirst());
  return { m, p: { users, org_units, quotas, reform_editions, reform_items, reform_rounds, reform_indicators, hearing_rounds } };
}

/** A valid row of each child table of MORE_TENANT_LINKS (without municipality_id), every link to `p`. */
function childRow(table: string, p: Record<Parent, number>): Record<string, unknown> {
  const now = new Date().toISOString();
  const rows: Record<string, () => Record<string, unknown>> = {
    org_units: () => ({ code: "CHILD", name: "子", kind: "division", parent_id: p.org_units, sort_order: 0, created_at: now, updated_at: now }),
    user_units: () => ({ user_id: p.users, unit_id: p.org_units }),
    sessions: () => ({ id: randomUUID(), user_id: p.users, csrf_token: "x", created_at: now, expires_at: now, last_seen_at: now }),
    notifications: () => ({ user_id: p.users, kind: "returned", title: "t", href: "/", created_at: now }),
    quotas: () => ({ unit_id: p.org_units, quota: 1, created_at: now }),
    quota_members: () => ({ quota_id: p.quotas, unit_id: p.org_units }),
    age_profiles: () => ({ unit_id: p.org_units, base_year: 2025, cohort: 1990, category: "一般行政職", count: 1 }),
    staffing_plans: () => ({ unit_id: p.org_units, fiscal_year: 2026, planned_staff: 1, updated_at: now }),
    reform_items: () => ({ edition_id: p.reform_editions, lineage_key: "child", number: 2, name: "子", state: "新規", unit_labels_json: "[]", content_json: "[]", effect_json: "[]", remarks_json: "[]", updated_at: now, updated_by: "t" }),
    reform_rounds: () => ({ edition_id: p.reform_editions, fiscal_year: 2026, title: "子", due_date: "2027-06-30", status: "open", opened_by: "t", opened_at: now }),
    reform_item_units: () => ({ item_id: p.reform_items, unit_id: p.org_units }),
    reform_cells: () => ({ item_id: p.reform_items, fiscal_year: 2025, kind: "plan", stage: null, lines_json: "[]" }),
    reform_revisions: () => ({ item_id: p.reform_items, at: now, actor: "t", source: "test", diff_json: "[]" }),
    reform_updates: () => ({ round_id: p.reform_rounds, item_id: p.reform_items, status: "draft", draft_json: "{}", updated_at: now, updated_by: "t" }),
    reform_indicator_values: () => ({ indicator_id: p.reform_indicators, fiscal_year: 2025, kind: "target", value: 1 }),
    hearing_departments: () => ({ round_id: p.hearing_rounds, unit_id: p.org_units }),
    hearing_forms: () => ({ round_id: p.hearing_rounds, unit_id: p.org_units, form: 1, status: "draft", content_json: "{}", decisions_json: "{}", updated_at: now, updated_by: "t" }),
  };
  const row = rows[table];
  if (!row) throw new Error(`no test row for ${table}`);
  return row();
}

describeEachDatabase("every link between municipality rows names the municipality (migration 20261204T0200-tenant-links-all)", (get) => {
  it("refuses a row of A that points at B's parent (insert, update of the link, move to B), and keeps A's own", async () => {
    const { db } = get().database;
    for (const { table, column, parent } of MORE_TENANT_LINKS) {
      const a = await world(db);
      const b = await world(db);
      const ownParent = a.p[parent as Parent];
      const refused = new RegExp(`${table}_${column}_same_municipality|${table}\\.${column}`);
      const insert = (row: Record<string, unknown>) => db.insertInto(table as never).values({ municipality_id: a.m, ...row } as never).execute();
      await expect(insert({ ...childRow(table, a.p), [column]: b.p[parent as Parent] }), `insert ${table}.${column}`).rejects.toThrow(refused);
      await insert(childRow(table, a.p));
      const mine = () => sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where municipality_id = ${a.m} and ${sql.ref(column)} = ${ownParent}`.execute(db);
      const before = Number((await mine()).rows[0]?.n);
      expect(before, `${table} rows of A`).toBeGreaterThan(0);
      await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = ${b.p[parent as Parent]} where municipality_id = ${a.m} and ${sql.ref(column)} = ${ownParent}`.execute(db), `update ${table}.${column}`).rejects.toThrow(refused);
      await expect(sql`update ${sql.table(table)} set municipality_id = ${b.m} where municipality_id = ${a.m} and ${sql.ref(column)} = ${ownParent}`.execute(db), `move ${table}`).rejects.toThrow(/_same_municipality|is not of this municipality/);
      expect(Number((await mine()).rows[0]?.n), `${table} rows of A after`).toBe(before);
    }
  });

  it("lets a unit have no parent, and a parent of its own municipality only", async () => {
    const { db } = get().database;
    const a = await world(db);
    const b = await world(db);
    const tenant = new TenantDb(db, a.m);
    const now = new Date().toISOString();
    const top = await tenant.units.create({ code: "TOP", name: "最上位", kind: "department", parentId: null, sortOrder: 0, now });
    await tenant.units.create({ code: "SUB", name: "下位", kind: "division", parentId: top.id, sortOrder: 1, now });
    await expect(tenant.units.create({ code: "X", name: "他市の下", kind: "division", parentId: b.p.org_units, sortOrder: 2, now })).rejects.toThrow(/org_units_parent_id_same_municipality|org_units\.parent_id/);
  });
});

for (const name of DATABASES) {
  it(`applies to a database that holds the demo city, a reform round, users with units, a session and a notification [${name}]`, async () => {
    const t = await createTestDatabase(name, { migrate: false });
    try {
      const { db } = t.database;
      await migrateToLatest(db, { until: "20261204T0100-tenant-links" });
      // The demo city's row as that schema holds it (municipalities.name_romaji came later): loadDemo finds it and adds the rest.
      await db.insertInto("municipalities").values({ code: "012246", name: "千歳市", prefecture: "北海道", created_at: new Date().toISOString() } as never).execute();
      const { municipality } = await loadDemo(db);
      const tenant = new TenantDb(db, municipality.id);
      const unit = (await tenant.units.list())[0];
      const editor = await buildUser(db, municipality, "editor", unit ? [unit] : []);
      await openRound(tenant, CLI_ACTOR, { editionYear: 2025, dueDate: "2026-06-30" });
      const now = new Date().toISOString();
      await db.insertInto("sessions").values({ id: randomUUID(), municipality_id: municipality.id, user_id: editor.id, csrf_token: "x", created_at: now, expires_at: now, last_seen_at: now }).execute();
      await tenant.notifications.create([{ userId: editor.id, kind: "round_opened", title: "t", href: "/", now }]);
      expect(await migrateToLatest(db)).toEqual(["20261204T0200-tenant-links-all", "20261205T0000-municipality-romaji"]);
      const other = await buildMunicipality(db);
      const theirs = await buildUser(db, other, "viewer");
      await expect(tenant.notifications.create([{ userId: theirs.id, kind: "returned", title: "t", href: "/", now }])).rejects.toThrow(/notifications_user_id_same_municipality|notifications\.user_id/);
    } finally {
      await t.dispose();
    }
  });
}
