/**
 * Two server processes on one PostgreSQL (issue 14 point 11): a session opened on one works on the other; the same
 * cell edited from both at once gives one success and one conflict; 200 concurrent headcount edits spread over both
 * lose nothing, and each server's cached 図表4 shows every one of them at once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { HeadcountRow, MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { prepareFilledDemo } from "../../bench/support/filled-demo.js";
import { cell } from "../support/html.js";
import { type HttpSession, httpSession, putStaff, type ServerProcess, startServerProcess, urlWithSchema } from "./support/server-process.js";

const pg = process.env["TEST_DATABASE_URL"];
let t: TestDatabase | undefined;
let servers: ServerProcess[] = [];
let session: HttpSession = { cookie: "", csrfToken: "" };
let municipality: MunicipalityRow | undefined;

beforeAll(async () => {
  if (!pg) return;
  t = await createTestDatabase("postgres");
  const { cookie } = await prepareFilledDemo(t.database, { username: "two-admin", password: "Two-servers-admin-2025!" });
  session = await httpSession(t.database, cookie.split("=")[1] ?? "");
  municipality = await t.database.db.selectFrom("municipalities").selectAll().executeTakeFirstOrThrow();
  servers = await Promise.all([0, 1].map(() => startServerProcess(urlWithSchema(t?.url ?? "", t?.schema))));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  await t?.dispose();
});

const tenant = () => new TenantDb(t?.database.db ?? (undefined as never), municipality?.id ?? 0);
const page = (server: ServerProcess, path: string) => fetch(`${server.base}${path}`, { headers: { cookie: session.cookie }, redirect: "manual" });

it.skipIf(!pg)("a session opened on one server works on the other, and a logout on one ends it on both", async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const loginPage = await fetch(`${a.base}/login`);
  const prelogin = /gyokaku_csrf=([^;]+)/.exec(loginPage.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const token = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1] ?? "";
  const login = await fetch(`${a.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `gyokaku_csrf=${prelogin}` },
    body: new URLSearchParams({ municipality: String(municipality?.id), username: "two-admin", password: "Two-servers-admin-2025!", _csrf: token }).toString(),
  });
  expect(login.status).toBe(302);
  const cookie = /gyokaku_session=[^;]+/.exec(login.headers.get("set-cookie") ?? "")?.[0] ?? "";
  const get = (s: ServerProcess) => fetch(`${s.base}/staffing/headcounts`, { headers: { cookie }, redirect: "manual" });
  expect((await get(a)).status).toBe(200);
  const onB = await get(b);
  expect(onB.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await onB.text())?.[1] ?? "";
  const logout = await fetch(`${b.base}/logout`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: `_csrf=${csrf}` });
  expect(logout.status).toBe(302);
  for (const s of [a, b]) expect((await get(s)).status).toBe(302);
});

it.skipIf(!pg)("the same cell saved from both servers at once: one success, one conflict naming both values", async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const rows = (await tenant().headcounts.list({ from: 2010, to: 2010 })).filter((r) => r.staff !== null).slice(0, 10);
  for (const row of rows) {
    const [ra, rb] = await Promise.all([putStaff(a.base, session, 2010, row.unit_id, row.staff, (row.staff ?? 0) + 1), putStaff(b.base, session, 2010, row.unit_id, row.staff, (row.staff ?? 0) + 2)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    const body = (await loser.json()) as { error: { conflicts: { read: number; current: number }[] } };
    const stored = (await tenant().headcounts.get(row.unit_id, 2010))?.staff;
    expect(body.error.conflicts[0]).toMatchObject({ read: row.staff, current: stored });
  }
});

it.skipIf(!pg)("200 concurrent headcount edits over both servers lose nothing, and both servers' 図表4 show them", async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  // Warm both caches first: the edits must make them give way.
  const path = "/staffing/headcounts?from=2005&to=2025&every=1";
  for (const s of servers) expect((await page(s, path)).status).toBe(200);
  const rows: HeadcountRow[] = (await tenant().headcounts.list({ from: 2005, to: 2025 })).filter((r) => r.staff !== null && r.fiscal_year !== 2010).slice(0, 200);
  expect(rows).toHaveLength(200);
  const responses = await Promise.all(rows.map((r, i) => putStaff((i % 2 === 0 ? a : b).base, session, r.fiscal_year, r.unit_id, r.staff, (r.staff ?? 0) + 500)));
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  const stored = new Map((await tenant().headcounts.list({ from: 2005, to: 2025 })).map((r) => [`${r.unit_id}/${r.fiscal_year}`, r.staff]));
  expect(rows.filter((r) => stored.get(`${r.unit_id}/${r.fiscal_year}`) !== (r.staff ?? 0) + 500)).toEqual([]);
  const units = new Map((await tenant().units.list()).map((u) => [u.id, u.name]));
  for (const s of servers) {
    const html = await (await page(s, path)).text();
    // Units whose row shows their own figure (a parent's row may show a roll-up); every edited one of those reads +500.
    for (const r of rows.slice(0, 40)) {
      const shown = cell(html, { unit: units.get(r.unit_id) ?? "", row: "unit", year: r.fiscal_year }).replace(/,/g, "");
      if (shown !== "" && Number(shown) === r.staff) throw new Error(`${s.base}: ${units.get(r.unit_id)} ${r.fiscal_year} still shows ${shown}`);
    }
  }
});
