import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { FINGERPRINT_DEFINITION } from "../../src/domain/publication.js";
import { addUser } from "../../src/services/users.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { requirePublishableContent, takePublicationAction } from "../../src/services/publication.js";
import { contentFingerprints, loadPublishedContent } from "../../src/services/published-content.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const RLO = "\u202E";

describeEachDatabase("bidi and other invisible format characters never reach storage or publication (issue 14)", (get) => {
  it("display names, login names, reform item text and narrative text are refused naming the field; nothing is stored", async () => {
    const { client, tenant, municipality, database } = await demoSite(get);
    const admin = await client("admin");
    await admin.get("/users");
    const user = await admin.post("/users", { username: "spoofed", displayName: `田中${RLO}郎太`, role: "viewer", password: "sturdy-lantern-path-1" });
    expect(user.status).toBe(400);
    expect(await user.text()).toContain("表示名に使えない文字(U+202E");
    expect(await tenant.users.getByUsername("spoofed")).toBeUndefined();
    await expect(addUser(tenant, { username: "spoofed", displayName: "佐藤\u200B花子", role: "viewer", password: "sturdy-lantern-path-1" }, CLI_ACTOR)).rejects.toThrow("表示名に使えない文字(U+200B");

    const anonymous = new BrowserClient(createApp({ database }));
    await anonymous.get("/login");
    const login = await anonymous.post("/login", { municipality: String(municipality.id), username: "admin\u2066", password: "whatever-password" });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain("ユーザー名に使えない文字(U+2066");

    const edition = await tenant.db.selectFrom("reform_editions").select("id").where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).executeTakeFirstOrThrow();
    const item = await tenant.db.selectFrom("reform_items").select(["id", "name"]).where("edition_id", "=", edition.id).orderBy("number").executeTakeFirstOrThrow();
    const form = await (await admin.get(`/reform/items/${item.id}/edit`)).text();
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? "";
    const edited = await admin.post(`/reform/items/${item.id}`, { version, name: `${item.name}${RLO}`, remarks: `備考\uFEFF` });
    expect(edited.status).toBe(400);
    expect(await edited.text()).toMatch(/(事業名|備考)に使えない文字\(U\+(202E|FEFF)/);
    expect((await tenant.db.selectFrom("reform_items").select("name").where("id", "=", item.id).executeTakeFirstOrThrow()).name).toBe(item.name);

    await admin.get("/publication/document?year=2025");
    const narrative = await admin.post("/publication/document/2025/narrative", { "n:background": `背景${RLO}と目的` });
    expect(narrative.status).toBe(400);
    expect(await narrative.text()).toContain("「1 背景と目的」に使えない文字(U+202E");

    // The JSON API names the field by its path.
    const api = await admin.app.request("/api/v1/headcounts/2025", {
      method: "PUT",
      body: JSON.stringify({ rows: [], note: `x${RLO}` }),
      headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
    });
    expect(api.status).toBe(400);
    expect(JSON.stringify(await api.json())).toContain("「note」に使えない文字(U+202E");
  });

  it("ordinary Japanese text with 々 and ー is still saved", async () => {
    const { client, tenant } = await demoSite(get);
    const admin = await client("admin");
    await admin.get("/users");
    const saved = await admin.post("/users", { username: "sasaki", displayName: "佐々木 サービス課長ー", role: "viewer", password: "sturdy-lantern-path-1" });
    expect(saved.status).toBe(302);
    expect((await tenant.users.getByUsername("sasaki"))?.display_name).toBe("佐々木 サービス課長ー");
  });

  it("text stored before the rule (or restored) cannot be approved or published: refused with the character and the text around it", async () => {
    const { tenant, municipality, db } = await demoSite(get);
    const edition = await db.selectFrom("reform_editions").select("id").where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).executeTakeFirstOrThrow();
    const item = await db.selectFrom("reform_items").select(["id", "name"]).where("edition_id", "=", edition.id).orderBy("number").executeTakeFirstOrThrow();
    await db.updateTable("reform_items").set({ name: `${item.name}${RLO}txet` }).where("id", "=", item.id).execute();
    const scoped = new TenantDb(db, municipality.id);

    // An approval that covers the tampered text (as if stored before the rule): publishing is still refused.
    const content = await loadPublishedContent(scoped, municipality, 2025);
    const fingerprint = contentFingerprints(content)[FINGERPRINT_DEFINITION] ?? "";
    await db.updateTable("reform_publications").set({ fingerprint, fingerprint_version: FINGERPRINT_DEFINITION }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).execute();
    await expect(requirePublishableContent(scoped, municipality, 2025)).rejects.toThrow(/書式制御文字\(U\+202E\)を含む文があります:「[^」]*\[U\+202E\]txet/);

    // Headquarters cannot approve it either (nor the secretariat mark it ready).
    const row = await tenant.publications.get(2025);
    const hq = { userId: null, username: "honbu", role: "hq" as const, unitIds: [] };
    await db.updateTable("reform_publications").set({ state: "ready", fingerprint: null }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).execute();
    await expect(
      takePublicationAction(scoped, hq, municipality, { fiscalYear: 2025, action: "approve", expectedVersion: row?.version ?? null, confirmGaps: true }),
    ).rejects.toThrow("書式制御文字(U+202E)");
  });
});
