import { expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../src/db/connection.js";
import { MIGRATIONS } from "../../src/db/migrations/index.js";
import { describeEachDatabase } from "../support/databases.js";

describeEachDatabase("migrations", (get) => {
  it("are applied at start, and a second run applies nothing", async () => {
    const applied = await get().database.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrateToLatest(get().database.db)).toEqual([]);
  });

  it("refuse to start on a database that has a migration this version does not know", async () => {
    const t = get();
    await t.database.db
      .insertInto("kysely_migration" as never)
      .values({ name: "29991231T0000-from-the-future", timestamp: new Date().toISOString() } as never)
      .execute();
    await expect(migrateToLatest(t.database.db)).rejects.toThrow(/移行\(マイグレーション\)に失敗/);
    await expect(openDatabase(t.url, t.schema ? { schema: t.schema } : {})).rejects.toThrow(/29991231T0000-from-the-future/);
  });
});
