import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality, buildUnit, buildUser } from "../support/factories.js";

describeEachDatabase("municipalities are isolated from each other", (get) => {
  it("municipality A's user sees nothing of B, through pages, the API, or a forged unit id", async () => {
    const { db } = get().database;
    const a = await buildMunicipality(db, { name: "甲市" });
    const b = await buildMunicipality(db, { name: "乙市" });
    const unitA = await buildUnit(db, a, { name: "甲総務部" });
    const unitB = await buildUnit(db, b, { name: "乙秘密部" });
    const adminA = await buildUser(db, a, "admin");
    const adminB = await buildUser(db, b, "admin");

    const clientB = new BrowserClient(createApp({ database: get().database }));
    await clientB.login(b.id, adminB.username);
    await clientB.get("/units");
    await clientB.post(`/units/${unitB.id}`, { contact: "乙の内線", note: "乙の備考", readContact: "", readNote: "" });

    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(a.id, adminA.username);
    const units = await (await client.get("/units")).text();
    expect(units).toContain("甲総務部");
    expect(units).not.toContain("乙秘密部");
    expect((await client.get(`/units/${unitB.id}/edit`)).status).toBe(404);
    expect((await client.post(`/units/${unitB.id}`, { contact: "上書き", note: "" })).status).toBe(404);
    const audit = await (await client.get("/audit")).text();
    expect(audit).not.toContain("乙の内線");
    expect(audit).not.toContain(adminB.username);
    const users = await (await client.get("/users")).text();
    expect(users).not.toContain(adminB.username);
    const me = (await (await client.get("/api/v1/me")).json()) as { municipality: { code: string } };
    expect(me.municipality.code).toBe(a.code);

    const stillB = await db.selectFrom("org_units").select("contact").where("id", "=", unitB.id).executeTakeFirstOrThrow();
    expect(stillB.contact).toBe("乙の内線");
    expect(unitA.municipality_id).toBe(a.id);
  });

  it("a user of A cannot log in to B with the same name and password", async () => {
    const { db } = get().database;
    const a = await buildMunicipality(db);
    const b = await buildMunicipality(db);
    const userA = await buildUser(db, a, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    expect((await client.login(b.id, userA.username)).status).toBe(401);
  });

  it("repositories bound to A return nothing of B even when given B's ids", async () => {
    const { db } = get().database;
    const a = await buildMunicipality(db);
    const b = await buildMunicipality(db);
    const unitB = await buildUnit(db, b);
    const userB = await buildUser(db, b, "viewer");
    const tenantA = new TenantDb(db, a.id);
    expect(await tenantA.units.get(unitB.id)).toBeUndefined();
    expect(await tenantA.units.getByCode(unitB.code)).toBeUndefined();
    expect(await tenantA.users.get(userB.id)).toBeUndefined();
    expect(await tenantA.users.getByUsername(userB.username)).toBeUndefined();
    expect((await tenantA.audit.list({ limit: 100, offset: 0 })).every((r) => r.municipality_id === a.id)).toBe(true);
    await tenantA.units.updateContact(unitB.id, { contact: "hijack", note: "", now: new Date().toISOString() });
    expect((await new TenantDb(db, b.id).units.get(unitB.id))?.contact).toBe("");
  });
});
