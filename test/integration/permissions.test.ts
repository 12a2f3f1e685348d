import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality, buildUnit, buildUser } from "../support/factories.js";

describeEachDatabase("roles", (get) => {
  async function setup() {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const own = await buildUnit(db, m, { name: "総務部" });
    const other = await buildUnit(db, m, { name: "建設部" });
    const client = new BrowserClient(createApp({ database: get().database }));
    return { db, m, own, other, client };
  }

  async function contactOf(unitId: number): Promise<string> {
    const row = await get().database.db.selectFrom("org_units").select("contact").where("id", "=", unitId).executeTakeFirstOrThrow();
    return row.contact;
  }

  it("a viewer cannot write: the change is refused with 403 and nothing is stored", async () => {
    const { db, m, own, client } = await setup();
    const viewer = await buildUser(db, m, "viewer");
    await client.login(m.id, viewer.username);
    await client.get("/units");
    const response = await client.post(`/units/${own.id}`, { contact: "内線 9999", note: "" });
    expect(response.status).toBe(403);
    expect(await contactOf(own.id)).toBe("");
  });

  it("an editor writes its own unit", async () => {
    const { db, m, own, client } = await setup();
    const editor = await buildUser(db, m, "editor", [own]);
    await client.login(m.id, editor.username);
    await client.get(`/units/${own.id}/edit`);
    const response = await client.post(`/units/${own.id}`, { contact: "内線 1234", note: "窓口は2階", readContact: "", readNote: "" });
    expect(response.status).toBe(302);
    expect(await contactOf(own.id)).toBe("内線 1234");
  });

  it("an editor cannot touch another unit", async () => {
    const { db, m, own, other, client } = await setup();
    const editor = await buildUser(db, m, "editor", [own]);
    await client.login(m.id, editor.username);
    await client.get("/units");
    const response = await client.post(`/units/${other.id}`, { contact: "内線 0000", note: "" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("建設部");
    expect(await contactOf(other.id)).toBe("");
  });

  it("headquarters reads everything but does not edit units", async () => {
    const { db, m, own, client } = await setup();
    const hq = await buildUser(db, m, "hq");
    await client.login(m.id, hq.username);
    expect((await client.get("/audit")).status).toBe(200);
    expect((await client.get("/security")).status).toBe(403);
    expect((await client.post(`/units/${own.id}`, { contact: "x", note: "" })).status).toBe(403);
  });

  it("the secretariat (admin) edits any unit and manages users", async () => {
    const { db, m, other, client } = await setup();
    const admin = await buildUser(db, m, "admin");
    await client.login(m.id, admin.username);
    await client.get("/units");
    expect((await client.post(`/units/${other.id}`, { contact: "内線 5555", note: "", readContact: "", readNote: "" })).status).toBe(302);
    expect(await contactOf(other.id)).toBe("内線 5555");
    await client.get("/users");
    const added = await client.post("/users", { username: "kensetsu", role: "editor", unit: [other.code], password: "sturdy-lantern-path-1" });
    expect(added.status).toBe(302);
    const tenant = new TenantDb(db, m.id);
    const user = await tenant.users.getByUsername("kensetsu");
    expect(user?.role).toBe("editor");
    expect(await tenant.users.unitIdsOf(user?.id ?? 0)).toEqual([other.id]);
  });

  it("viewers and editors see neither the audit log nor the user list", async () => {
    const { db, m, own, client } = await setup();
    const editor = await buildUser(db, m, "editor", [own]);
    await client.login(m.id, editor.username);
    expect((await client.get("/audit")).status).toBe(403);
    expect((await client.get("/users")).status).toBe(403);
    expect((await client.get("/security")).status).toBe(403);
    expect((await client.post("/users", { username: "sneaky", role: "admin", password: "sneaky-password-1" })).status).toBe(403);
  });
});
