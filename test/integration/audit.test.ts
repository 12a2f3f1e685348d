import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { updateUnitContact } from "../../src/services/units.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality, buildUnit, buildUser } from "../support/factories.js";

describeEachDatabase("audit log", (get) => {
  it("records who changed what, when, with the values before and after", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const unit = await buildUnit(db, m, { name: "企画部" });
    const editor = await buildUser(db, m, "editor", [unit]);
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, editor.username);
    await client.get(`/units/${unit.id}/edit`);
    const before = new Date().toISOString();
    await client.post(`/units/${unit.id}`, { contact: "内線 1000", note: "", readContact: "", readNote: "" });
    await client.get(`/units/${unit.id}/edit`);
    await client.post(`/units/${unit.id}`, { contact: "内線 2000", note: "移転しました", readContact: "内線 1000", readNote: "" });

    const rows = await new TenantDb(db, m.id).audit.list({ entity: "org_unit", limit: 10, offset: 0 });
    const last = rows[0];
    expect(last?.actor).toBe(editor.username);
    expect(last?.user_id).toBe(editor.id);
    expect(last?.action).toBe("update");
    expect(last?.entity_id).toBe(String(unit.id));
    expect(last && last.at >= before).toBe(true);
    expect(JSON.parse(last?.before_json ?? "null")).toEqual({ contact: "内線 1000", note: "" });
    expect(JSON.parse(last?.after_json ?? "null")).toEqual({ contact: "内線 2000", note: "移転しました" });
  });

  it("shows the change on the audit page to the secretariat", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const unit = await buildUnit(db, m, { name: "会計室" });
    const admin = await buildUser(db, m, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, admin.username);
    await client.get("/units");
    await client.post(`/units/${unit.id}`, { contact: "内線 3141", note: "", readContact: "", readNote: "" });
    const page = await (await client.get("/audit?entity=org_unit")).text();
    expect(page).toContain("組織の連絡先・備考を更新: 会計室");
    expect(page).toContain("<ins>内線 3141</ins>");
    expect(page).toContain("<del>(空)</del>");
  });

  it("writes no audit entry and no change when the change is refused", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const unit = await buildUnit(db, m);
    const viewer = await buildUser(db, m, "viewer");
    const tenant = new TenantDb(db, m.id);
    const count = await tenant.audit.count({});
    await expect(
      updateUnitContact(tenant, { userId: viewer.id, username: viewer.username, role: "viewer", unitIds: [] }, { unitId: unit.id, contact: "x", note: "" }),
    ).rejects.toThrow(GyokakuError);
    expect(await tenant.audit.count({})).toBe(count);
  });

  it("rolls back a transaction that fails after its first write, so nothing is half-written", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const unit = await buildUnit(db, m);
    const tenant = new TenantDb(db, m.id);
    await expect(
      tenant.transaction(async (tx) => {
        await tx.units.updateContact(unit.id, { contact: "途中", note: "", now: new Date().toISOString() });
        throw new GyokakuError("conflict", "simulated failure after the first write");
      }),
    ).rejects.toThrow("simulated failure");
    expect((await tenant.units.get(unit.id))?.contact).toBe("");
  });
});
