/**
 * PostgreSQL: data versions heard by LISTEN (db/data-version-watch.ts, migration 20261203T0000-data-version-notify).
 * A server process learns every commit's version from the notification instead of asking on every page view; it never
 * gives out a version while it is not listening; another schema's commits are not heard; a lost connection drops what
 * was known and listens again; and whoever saved sees the save on the next page from a process that has not heard yet
 * (the gyokaku_dv cookie).
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/connection.js";
import { DataVersionWatch } from "../../src/db/data-version-watch.js";
import { DataVersionRepository } from "../../src/db/repositories/data-versions.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE, VERSION_COOKIE } from "../../src/web/security.js";
import { BrowserClient } from "../support/browser-client.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildUser } from "../support/factories.js";
import { cell } from "../support/html.js";

const url = process.env["TEST_DATABASE_URL"];
const PAGE = "/staffing/headcounts?from=2020&to=2025";
let t: TestDatabase | undefined;
let elsewhere: TestDatabase | undefined;

beforeAll(async () => {
  if (!url) return;
  t = await createTestDatabase("postgres");
  elsewhere = await createTestDatabase("postgres");
});

afterAll(async () => {
  await t?.dispose();
  await elsewhere?.dispose();
});

async function until(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

const current = (database: Database, municipalityId: number) => new DataVersionRepository(database.db).get(municipalityId);

it.skipIf(!url)("hears every commit's version, gives none out before it listens, and never hears another schema", async () => {
  const get = () => t ?? (undefined as never);
  const site = await demoSite(get, { kikaku: "110" });
  const other = await demoSite(() => elsewhere ?? (undefined as never));
  const watch = site.database.versionWatch;
  if (!watch) throw new Error("PostgreSQL has a version watch");
  const m = site.municipality.id;
  expect(watch.known(m)).toBeUndefined();
  await watch.start();
  expect(watch.known(m)).toBeUndefined(); // nothing heard or read yet
  // A read while listening is remembered; the next is answered without the database.
  const read = await DataVersionRepository.current(site.database, m);
  expect(read).toBe(await current(site.database, m));
  expect(watch.known(m)).toBe(read);

  // A write through another connection (as another server process or the CLI would) is heard.
  const writer = await openDatabase(url ?? "", { schema: t?.schema ?? "" });
  try {
    await writer.db.updateTable("org_units").set({ note: "聞こえるか" }).where("id", "=", site.kikaku.id).execute();
    const after = await current(writer, m);
    expect(after).toBeGreaterThan(read);
    expect(await until(() => watch.known(m) === after)).toBe(true);
    expect(await DataVersionRepository.current(site.database, m)).toBe(after);

    // The same municipality id in another schema of the database: its commits are not heard here.
    expect(other.municipality.id).toBe(m);
    await other.db.updateTable("org_units").set({ note: "別のスキーマ" }).where("municipality_id", "=", m).execute();
    await new Promise((r) => setTimeout(r, 200));
    expect(watch.known(m)).toBe(after);
  } finally {
    await writer.close();
  }
});

it.skipIf(!url)("a lost listening connection drops what was known, and it listens again and hears the next commit", async () => {
  const site = await demoSite(() => t ?? (undefined as never));
  const watch = site.database.versionWatch;
  if (!watch) throw new Error("PostgreSQL has a version watch");
  const m = site.municipality.id;
  await watch.start();
  await DataVersionRepository.current(site.database, m);
  expect(watch.known(m)).toBeDefined();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'gyokaku-version-watch' and query = $1`, [`listen "gyokaku_dv_${t?.schema}"`]);
    expect(killed.rowCount).toBeGreaterThan(0);
    expect(await until(() => watch.known(m) === undefined)).toBe(true);
    expect(await until(() => watch.epoch() !== undefined)).toBe(true);
    // Listening again: a commit is heard again.
    await site.db.updateTable("org_units").set({ note: "再接続" }).where("municipality_id", "=", m).execute();
    const after = await current(site.database, m);
    expect(await until(() => watch.known(m) === after)).toBe(true);
  } finally {
    await admin.end();
  }
});

it.skipIf(!url)("whoever saved sees the save on the next page from a process that has not heard of it yet", async () => {
  const site = await demoSite(() => t ?? (undefined as never), { kikaku: "110" });
  await site.database.versionWatch?.start();
  // Process B reads the same schema but listens on another schema's channel: it hears nothing (a slow notification).
  const b = await openDatabase(url ?? "", { schema: t?.schema ?? "" });
  const deaf = new DataVersionWatch(() => new pg.Client({ connectionString: url, options: `-c search_path=${elsewhere?.schema}` }));
  await deaf.start();
  try {
    const appA = createApp({ database: site.database });
    const appB = createApp({ database: { ...b, versionWatch: deaf } });
    const user = await buildUser(site.db, site.municipality, "admin");
    const onA = new BrowserClient(appA);
    expect((await onA.login(site.municipality.id, user.username)).status).toBe(302);
    const onB = new BrowserClient(appB);
    onB.setCookie(SESSION_COOKIE, onA.cookie(SESSION_COOKIE) ?? "");
    const kikaku = (html: string) => cell(html, { unit: "企画部", row: "unit", year: 2025 }).replace(/,/g, "");
    const before = kikaku(await (await onB.get(PAGE)).text());
    // The second view asks the version (the first read it with the session) and B remembers it.
    expect(kikaku(await (await onB.get(PAGE)).text())).toBe(before);
    expect(deaf.known(site.municipality.id)).toBeDefined();

    await onA.get("/staffing/headcounts/2025/edit");
    const value = String(Number(before) + 9);
    const saved = await onA.post("/staffing/headcounts/2025", { [`c.${site.kikaku.id}.staff`]: value, [`o.${site.kikaku.id}.staff`]: before, confirm: "1" });
    expect(saved.status).toBe(302);
    const version = await current(site.database, site.municipality.id);
    expect(onA.cookie(VERSION_COOKIE)).toBe(`${site.municipality.id}.${version}`);
    // A, which wrote, shows it at once.
    expect(kikaku(await (await onA.get(PAGE)).text())).toBe(value);
    // B has not heard: without the cookie it still shows its cached page (this is what the cookie is for) …
    const withoutCookie = new BrowserClient(appB);
    withoutCookie.setCookie(SESSION_COOKIE, onA.cookie(SESSION_COOKIE) ?? "");
    expect(kikaku(await (await withoutCookie.get(PAGE)).text())).toBe(before);
    // … with it, B reads the database and shows the save.
    onB.setCookie(VERSION_COOKIE, onA.cookie(VERSION_COOKIE) ?? "");
    expect(kikaku(await (await onB.get(PAGE)).text())).toBe(value);
  } finally {
    await deaf.close();
    await b.close();
  }
});
