/**
 * Transactions of one municipality run one at a time on both databases (db/tenant.ts TenantDb.transaction): a check
 * made inside a transaction still holds when it writes, even when saves arrive at the same moment (issue 14, "no lost
 * update, on any path"). PostgreSQL's READ COMMITTED alone let two saves that both read before either committed pass.
 */
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { populationText } from "../../src/services/staffing-settings-read.js";
import { setPopulation } from "../../src/services/staffing-settings.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";

describeEachDatabase("one municipality's transactions, one at a time", (get, name) => {
  it("a second transaction of the municipality starts only after the first committed; another municipality's does not wait (PostgreSQL)", async () => {
    const { db } = get().database;
    const m1 = await buildMunicipality(db);
    const m2 = await buildMunicipality(db);
    const events: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const firstIn = new Promise<void>((resolve) => (entered = resolve));
    const first = new TenantDb(db, m1.id).transaction(async () => {
      events.push("first in");
      entered();
      await held;
      events.push("first out");
    });
    await firstIn;
    const second = new TenantDb(db, m1.id).transaction(async () => {
      events.push("second in");
    });
    if (name === "postgres") {
      // Another municipality is not held up by m1's open transaction.
      await new TenantDb(db, m2.id).transaction(async () => {
        events.push("other municipality");
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).not.toContain("second in");
    release();
    await Promise.all([first, second]);
    expect(events.indexOf("second in")).toBeGreaterThan(events.indexOf("first out"));
    if (name === "postgres") expect(events.indexOf("other municipality")).toBeLessThan(events.indexOf("first out"));
  });

  it("ten saves of one population from the same page at the same moment: one is written, nine are conflicts (409), none lost", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const tenant = new TenantDb(db, m.id);
    await setPopulation(tenant, CLI_ACTOR, { fiscalYear: 2025, population: 97_000 });
    const read = { "2025": populationText(97_000) };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => setPopulation(new TenantDb(db, m.id), CLI_ACTOR, { fiscalYear: 2025, population: 97_001 + i, read })),
    );
    const written = results.flatMap((r, i) => (r.status === "fulfilled" ? [97_001 + i] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(written).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const error of refused) expect(error instanceof GyokakuError && error.code).toBe("conflict");
    expect((await tenant.populations.get(2025))?.population).toBe(written[0]);
  });
});
