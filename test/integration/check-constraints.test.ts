import { sql } from "kysely";
import { expect, it } from "vitest";
import { CHECKED_COLUMNS } from "../../src/db/migrations/20261204T0000-check-constraints.js";
import { describeEachDatabase } from "../support/databases.js";
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
    for (const { table, column } of CHECKED_COLUMNS) {
      const before = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)}`.execute(db);
      if (before.rows.length === 0) continue;
      tried += 1;
      await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = 'bogus'`.execute(db), `${table}.${column}`).rejects.toThrow(new RegExp(`${table}_${column}_check|${table}\\.${column}`));
      const after = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)}`.execute(db);
      expect(after.rows).toEqual(before.rows);
    }
    // The demo and the factories give rows to users, org_units, reorg_events and reform_cells at least.
    expect(tried).toBeGreaterThanOrEqual(4);
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
