/**
 * `gyokaku serve --workers 2` (cli/cluster.ts) on SQLite and on PostgreSQL: two server processes share the port;
 * 200 concurrent headcount edits over them lose nothing (on SQLite, two processes writing one file: transactions begin
 * IMMEDIATE, so the second writer waits instead of failing with SQLITE_BUSY) and the cached 図表4 of every process shows
 * them; a worker killed with SIGKILL is replaced while the other keeps answering; SIGTERM stops them all.
 */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import type { HeadcountRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { prepareFilledDemo } from "../../bench/support/filled-demo.js";
import { describeEachDatabase } from "../support/databases.js";
import { cell } from "../support/html.js";
import { httpSession, putStaff, startServerProcess, urlWithSchema } from "./support/server-process.js";

/** The process ids of `pid`'s children (the workers). */
function childrenOf(pid: number): number[] {
  const out = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout ?? "";
  return out.split(/\s+/).filter(Boolean).map(Number);
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describeEachDatabase("serve --workers 2", (get) => {
  it("two processes answer; 200 concurrent edits lose nothing and every process's 図表4 shows them; a killed worker is replaced", async () => {
    const t = get();
    const { cookie } = await prepareFilledDemo(t.database, { username: "workers-admin", password: "Workers-proof-phrase-2025!" });
    const session = await httpSession(t.database, cookie.split("=")[1] ?? "");
    const municipality = await t.database.db.selectFrom("municipalities").selectAll().executeTakeFirstOrThrow();
    const tenant = new TenantDb(t.database.db, municipality.id);
    const server = await startServerProcess(urlWithSchema(t.url, t.schema), { GYOKAKU_REMINDERS: "off" }, ["--workers", "2"]);
    try {
      const primary = server.child.pid ?? 0;
      expect(childrenOf(primary)).toHaveLength(2);
      const path = "/staffing/headcounts?from=2005&to=2025&every=1";
      const page = () => fetch(`${server.base}${path}`, { headers: { cookie: session.cookie, connection: "close" } });
      // Warm the page caches of both processes (connections are handed out in turn).
      for (let i = 0; i < 6; i += 1) expect((await page()).status).toBe(200);

      const rows: HeadcountRow[] = (await tenant.headcounts.list({ from: 2005, to: 2025 })).filter((r) => r.staff !== null).slice(0, 200);
      expect(rows).toHaveLength(200);
      const responses = await Promise.all(rows.map((r) => putStaff(server.base, session, r.fiscal_year, r.unit_id, r.staff, (r.staff ?? 0) + 500)));
      expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const stored = new Map((await tenant.headcounts.list({ from: 2005, to: 2025 })).map((r) => [`${r.unit_id}/${r.fiscal_year}`, r.staff]));
      expect(rows.filter((r) => stored.get(`${r.unit_id}/${r.fiscal_year}`) !== (r.staff ?? 0) + 500)).toEqual([]);
      const units = new Map((await tenant.units.list()).map((u) => [u.id, u.name]));
      for (let i = 0; i < 4; i += 1) {
        const html = await (await page()).text();
        for (const r of rows.slice(0, 40)) {
          const shown = cell(html, { unit: units.get(r.unit_id) ?? "", row: "unit", year: r.fiscal_year }).replace(/,/g, "");
          if (shown !== "" && Number(shown) === r.staff) throw new Error(`request ${i}: ${units.get(r.unit_id)} ${r.fiscal_year} still shows ${shown}`);
        }
      }

      const [victim = 0] = childrenOf(primary);
      process.kill(victim, "SIGKILL");
      const alive = (pid: number) => spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim().replace(/^Z.*/, "") !== "";
      // The primary starts another process a second after it has seen the death.
      expect(await waitFor(() => !alive(victim) && childrenOf(primary).filter(alive).length === 2, 30_000)).toBe(true);
      // Every request is answered while and after the new one starts (a connection the primary hands out goes to a
      // process that listens). A request that hangs fails here after 20 s rather than holding the suite.
      for (let i = 0; i < 6; i += 1) {
        expect((await fetch(`${server.base}${path}`, { headers: { cookie: session.cookie, connection: "close" }, signal: AbortSignal.timeout(20_000) })).status).toBe(200);
      }
    } finally {
      const primary = server.child.pid ?? 0;
      const workers = childrenOf(primary);
      await server.kill("SIGTERM");
      expect(await waitFor(() => workers.every((pid) => spawnSync("kill", ["-0", String(pid)]).status !== 0), 15_000)).toBe(true);
    }
  });
});
