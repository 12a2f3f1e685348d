/**
 * Durability (issue 14 point 11): a server process killed with SIGKILL while it acknowledges writes loses none of the
 * writes it acknowledged, on SQLite (synchronous=FULL, WAL) and on PostgreSQL (the server process killed, the database
 * running on). Each write is one PUT /api/v1/headcounts row of its own (unit, year); many are in flight at the kill.
 */
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { TenantDb } from "../../src/db/tenant.js";
import { describeEachDatabase } from "../support/databases.js";
import { prepareFilledDemo } from "../../bench/support/filled-demo.js";
import { httpSession, putStaff, startServerProcess, urlWithSchema } from "./support/server-process.js";

const IN_FLIGHT = 8;

describeEachDatabase("durability: kill -9 during acknowledged writes", (get) => {
  it("every write the server acknowledged before SIGKILL is in the database afterwards", { timeout: 240_000 }, async () => {
    const t = get();
    const { cookie, records } = await prepareFilledDemo(t.database, { username: "durable-admin", password: "Durable-proof-phrase-2025!" });
    expect(records).toBeGreaterThan(300);
    const municipality = await t.database.db.selectFrom("municipalities").selectAll().executeTakeFirstOrThrow();
    const tenant = new TenantDb(t.database.db, municipality.id);
    const cells = (await tenant.headcounts.list({ from: 2005, to: 2025 })).filter((r) => r.staff !== null);
    const session = await httpSession(t.database, cookie.split("=")[1] ?? "");

    const server = await startServerProcess(urlWithSchema(t.url, t.schema));
    const acknowledged = new Map<string, number>();
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed && next < cells.length) {
        const cell = cells[next++];
        if (!cell) break;
        const value = (cell.staff ?? 0) + 1000;
        try {
          const response = await putStaff(server.base, session, cell.fiscal_year, cell.unit_id, cell.staff, value);
          if (response.status === 200) acknowledged.set(`${cell.unit_id}/${cell.fiscal_year}`, value);
          else if (!killed) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const writers = Array.from({ length: IN_FLIGHT }, writer);
    // Kill once a good number of writes have been acknowledged, with IN_FLIGHT more under way.
    while (acknowledged.size < Math.min(300, cells.length / 2)) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await server.kill("SIGKILL");
    await Promise.all(writers);
    console.log(`kill -9 after ${acknowledged.size} acknowledged writes (${next} sent)`);

    // A new connection, as the next server process would open it.
    const reopened = await openDatabase(t.url, t.schema ? { schema: t.schema } : {});
    try {
      const stored = new Map((await new TenantDb(reopened.db, municipality.id).headcounts.list({ from: 2005, to: 2025 })).map((r) => [`${r.unit_id}/${r.fiscal_year}`, r.staff]));
      const lost = [...acknowledged].filter(([key, value]) => stored.get(key) !== value);
      expect(lost).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(Math.min(300, cells.length / 2));
    } finally {
      await reopened.close();
    }
  });
});
