import { sql } from "kysely";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { NOT_VERSIONED } from "../../src/db/migrations/20261202T0000-data-versions.js";
import { DataVersionRepository } from "../../src/db/repositories/data-versions.js";
import type { TenantDb } from "../../src/db/tenant.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildUser } from "../support/factories.js";
import { cell } from "../support/html.js";

const PAGE = "/staffing/headcounts?from=2020&to=2025";
const kikaku2025 = (html: string) => cell(html, { unit: "企画部", row: "unit", year: 2025 });

/** Sets 職員数 of a unit's 2025 row directly in the database (as the CLI or an import would), keeping the other counts. */
async function setStaff(tenant: TenantDb, unitId: number, staff: number | null): Promise<void> {
  const row = await tenant.headcounts.get(unitId, 2025);
  const { seconded = null, fixed_term = null, on_leave = null, childcare_substitutes = null } = row ?? {};
  await tenant.headcounts.upsert(unitId, 2025, { staff, seconded, fixed_term, on_leave, childcare_substitutes }, new Date().toISOString());
}

describeEachDatabase("page cache: 図表4 from the cache under the data version", (get, name) => {
  it("every table of municipality data bumps the data version (a new table without the trigger fails here)", async () => {
    const { db } = get().database;
    const tables =
      name === "postgres"
        ? (await sql<{ t: string }>`select table_name as t from information_schema.columns where table_schema = current_schema() and column_name = 'municipality_id'`.execute(db)).rows
        : (await sql<{ t: string }>`select m.name as t from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and c.name = 'municipality_id'`.execute(db)).rows;
    const triggered =
      name === "postgres"
        ? (await sql<{ t: string }>`select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and g.tgname like '%data_version%'`.execute(db)).rows
        : (await sql<{ t: string }>`select tbl_name as t from sqlite_master where type = 'trigger' and name like '%data_version%'`.execute(db)).rows;
    const withTrigger = new Set(triggered.map((r) => r.t));
    const missing = tables.map((r) => r.t).filter((t) => t !== "data_versions" && !withTrigger.has(t) && !(NOT_VERSIONED as readonly string[]).includes(t));
    expect(tables.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("a write on any path bumps the version, and the next view shows the new value; the page is cached in between", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const app = createApp({ database: site.database });
    const user = await buildUser(site.db, site.municipality, "admin");
    const admin = new BrowserClient(app);
    await admin.login(site.municipality.id, user.username);
    const versions = new DataVersionRepository(site.db);
    const first = await admin.get(PAGE);
    expect(first.status).toBe(200);
    const html = await first.text();
    const before = await versions.get(site.municipality.id);
    const again = await admin.get(PAGE);
    expect(await again.text()).toBe(html);
    expect(await versions.get(site.municipality.id)).toBe(before);
    // Served from the cache: a change whose version bump is taken back stays unseen (so the version alone decides).
    const original = await site.tenant.headcounts.get(site.kikaku.id, 2025);
    await setStaff(site.tenant, site.kikaku.id, 4321);
    await site.db.updateTable("data_versions").set({ version: before }).where("municipality_id", "=", site.municipality.id).execute();
    expect(await (await admin.get(PAGE)).text()).toBe(html);
    await setStaff(site.tenant, site.kikaku.id, original?.staff ?? null);

    // Written beside the web app (as the CLI or an import would): the trigger still bumps the version.
    const stored = await site.tenant.headcounts.get(site.kikaku.id, 2025);
    const next = (stored?.staff ?? 0) + 1;
    await setStaff(site.tenant, site.kikaku.id, next);
    expect(await versions.get(site.municipality.id)).toBeGreaterThan(before);
    expect(kikaku2025(await (await admin.get(PAGE)).text())).toBe(String(next));

    // Through the web form.
    await admin.get("/staffing/headcounts/2025/edit");
    const saved = await admin.post("/staffing/headcounts/2025", { [`c.${site.kikaku.id}.staff`]: String(next + 1), [`o.${site.kikaku.id}.staff`]: String(next), confirm: "1" });
    expect(saved.status).toBe(302);
    expect(kikaku2025(await (await admin.get(PAGE)).text())).toBe(String(next + 1));
  });

  it("two servers on one database (separate connections and caches) see each other's writes, sessions, logouts and disabled users", async () => {
    const t = get();
    const site = await demoSite(get, { kikaku: "110" });
    const other = await openDatabase(t.url, t.schema ? { schema: t.schema } : {});
    try {
      const appA = createApp({ database: site.database });
      const appB = createApp({ database: other });
      const user = await buildUser(site.db, site.municipality, "admin");
      const a = new BrowserClient(appA);
      expect((await a.login(site.municipality.id, user.username)).status).toBe(302);
      const b = new BrowserClient(appB);
      b.setCookie(SESSION_COOKIE, a.cookie(SESSION_COOKIE) ?? "");
      const seenA = kikaku2025(await (await a.get(PAGE)).text());
      expect(kikaku2025(await (await b.get(PAGE)).text())).toBe(seenA);

      // B writes through its form; A's cached page gives way at once.
      await b.get("/staffing/headcounts/2025/edit");
      const value = String(Number(seenA.replace(/,/g, "")) + 7);
      const saved = await b.post("/staffing/headcounts/2025", { [`c.${site.kikaku.id}.staff`]: value, [`o.${site.kikaku.id}.staff`]: seenA.replace(/,/g, ""), confirm: "1" });
      expect(saved.status).toBe(302);
      expect(kikaku2025(await (await a.get(PAGE)).text())).toBe(value);

      // Disabled on B: A's cached session stops at the next request.
      const victim = await buildUser(site.db, site.municipality, "viewer");
      const v = new BrowserClient(appA);
      await v.login(site.municipality.id, victim.username);
      expect((await v.get(PAGE)).status).toBe(200);
      await other.db.updateTable("users").set({ disabled: 1 }).where("id", "=", victim.id).execute();
      const refused = await v.get(PAGE);
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toContain("/login");

      // Logout on B ends the session on A too.
      expect((await a.get(PAGE)).status).toBe(200);
      await b.get("/");
      expect((await b.post("/logout", {})).status).toBe(302);
      expect((await a.get(PAGE)).status).toBe(302);
    } finally {
      await other.close();
    }
  });

  it("answers 304 to a matching If-None-Match, and a new ETag after a write", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const app = createApp({ database: site.database });
    const user = await buildUser(site.db, site.municipality, "viewer");
    const viewer = new BrowserClient(app);
    await viewer.login(site.municipality.id, user.username);
    const first = await viewer.get(PAGE);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+\.[\w-]+"$/);
    // Signed-in pages are never kept by the browser (issue 14); the ETag still answers a client that asks.
    expect(first.headers.get("cache-control")).toBe("no-store");
    const same = await viewer.get(PAGE, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect((await viewer.get(PAGE, { "if-none-match": '"other"' })).status).toBe(200);

    const stored = await site.tenant.headcounts.get(site.kikaku.id, 2025);
    await setStaff(site.tenant, site.kikaku.id, (stored?.staff ?? 0) + 1);
    const changed = await viewer.get(PAGE, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);

    // Signed out, the ETag gets nothing but the way to the login form.
    const stranger = new BrowserClient(app);
    expect((await stranger.get(PAGE, { "if-none-match": etag })).status).toBe(302);
  });

  it("a viewer never gets an editor's cached page, and no one gets another's name or CSRF token", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const app = createApp({ database: site.database });
    const editorUser = await buildUser(site.db, site.municipality, "editor", [site.kikaku]);
    const viewerUser = await buildUser(site.db, site.municipality, "viewer");
    const editor = new BrowserClient(app);
    await editor.login(site.municipality.id, editorUser.username);
    const viewer = new BrowserClient(app);
    await viewer.login(site.municipality.id, viewerUser.username);

    const editorHtml = await (await editor.get(PAGE)).text();
    expect(editorHtml).toContain('href="/staffing/headcounts/2025/edit"');
    const viewerHtml = await (await viewer.get(PAGE)).text();
    expect(viewerHtml).not.toContain("/staffing/headcounts/2025/edit");
    expect(viewerHtml).toContain(viewerUser.display_name);
    expect(viewerHtml).not.toContain(editorUser.display_name);
    expect(viewer.csrfToken).not.toBe(editor.csrfToken);
    expect(viewerHtml).not.toContain(editor.csrfToken);
    // Two viewers share the cached table, each with their own bar.
    const secondUser = await buildUser(site.db, site.municipality, "viewer");
    const second = new BrowserClient(app);
    await second.login(site.municipality.id, secondUser.username);
    const secondHtml = await (await second.get(PAGE)).text();
    expect(secondHtml).toContain(secondUser.display_name);
    expect(secondHtml).not.toContain(viewer.csrfToken);
    expect(secondHtml.replace(second.csrfToken, "").replace(secondUser.display_name, "")).toBe(viewerHtml.replace(viewer.csrfToken, "").replace(viewerUser.display_name, ""));
  });
});
