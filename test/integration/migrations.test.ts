import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../src/db/connection.js";
import { MIGRATIONS } from "../../src/db/migrations/index.js";
import { runCli } from "../../src/cli/program.js";
import { captureIo } from "../support/cli-io.js";
import { describeEachDatabase } from "../support/databases.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describeEachDatabase("migrations", (get, name) => {
  it("are applied at start, and a second run applies nothing", async () => {
    const applied = await get().database.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
    // Every migration applied (the table lists them by name; a migration may land after one with a later name).
    expect(applied.map((r) => (r as { name: string }).name).sort()).toEqual(Object.keys(MIGRATIONS).sort());
    expect(await migrateToLatest(get().database.db)).toEqual([]);
  });

  it("refuse a database where an earlier migration is missing while a later one is applied", async () => {
    const t = get();
    const first = Object.keys(MIGRATIONS)[0] ?? "";
    const row = await t.database.db.selectFrom("kysely_migration" as never).selectAll().where("name" as never, "=", first as never).executeTakeFirstOrThrow();
    await t.database.db.deleteFrom("kysely_migration" as never).where("name" as never, "=", first as never).execute();
    try {
      await expect(migrateToLatest(t.database.db)).rejects.toThrow(first);
    } finally {
      await t.database.db.insertInto("kysely_migration" as never).values(row as never).execute();
    }
  });

  // Several server processes share one database only on PostgreSQL; the SQLite case is the separate test below.
  if (name === "postgres") {
    it("let several server processes start on one new PostgreSQL schema at once: one migrates, the others wait", async () => {
      const t = get();
      const fresh = `${t.schema}_p`;
      const opened = await Promise.all([0, 1, 2].map(() => openDatabase(t.url, { schema: fresh })));
      try {
        for (const d of opened) {
          const names = await d.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
          expect(names).toHaveLength(Object.keys(MIGRATIONS).length);
        }
      } finally {
        await Promise.all(opened.map((d) => d.close()));
        const client = new pg.Client({ connectionString: t.url });
        await client.connect();
        await client.query(`drop schema if exists ${fresh} cascade`);
        await client.end();
      }
    });
  }

  it("refuse to start on a database that has a migration this version does not know", async () => {
    const t = get();
    await t.database.db
      .insertInto("kysely_migration" as never)
      .values({ name: "29991231T0000-from-the-future", timestamp: new Date().toISOString() } as never)
      .execute();
    await expect(migrateToLatest(t.database.db)).rejects.toThrow(/移行\(マイグレーション\)に失敗/);
    await expect(openDatabase(t.url, t.schema ? { schema: t.schema } : {})).rejects.toThrow(/29991231T0000-from-the-future/);
    // The database is shared by the file's tests: the unknown migration leaves with this test.
    await t.database.db
      .deleteFrom("kysely_migration" as never)
      .where("name" as never, "=", "29991231T0000-from-the-future" as never)
      .execute();
    await migrateToLatest(t.database.db);
  });
});

// Real processes (SQLite's lock is the file's, across processes), each loading only the database layer from the
// sources (test/support/migrate-process.mts, what `gyokaku migrate` runs), not the whole CLI through tsx.
it("lets several processes migrate one new SQLite file at once: one applies, the others wait for its lock", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-migrate-"));
  const file = join(dir, "shared.db");
  try {
    const runs = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; out: string }>((resolve) => {
            const child = spawn(process.execPath, ["--import", "tsx", "test/support/migrate-process.mts", `sqlite:${file}`], { cwd: ROOT });
            let out = "";
            child.stdout.on("data", (d: Buffer) => (out += d.toString()));
            child.stderr.on("data", (d: Buffer) => (out += d.toString()));
            child.on("close", (code) => resolve({ code, out }));
          }),
      ),
    );
    expect(runs.map((r) => r.code), runs.map((r) => r.out).join("\n")).toEqual([0, 0, 0, 0]);
    const applied = runs.map((r) => JSON.parse(r.out.trim().split("\n").at(-1) ?? "null") as string[]);
    expect(applied.filter((names) => names.length > 0)).toEqual([Object.keys(MIGRATIONS)]);
    const database = await openDatabase(`sqlite:${file}`, { migrate: false });
    try {
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it("gyokaku migrate says what it applied, and on a second run that the database is migrated", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-migrate-"));
  const url = `sqlite:${join(dir, "cli.db")}`;
  try {
    const first = captureIo();
    expect(await runCli(["migrate", "--database", url], first)).toBe(0);
    expect(first.stdout).toEqual([`適用しました: ${Object.keys(MIGRATIONS).join(", ")} (${url})`]);
    const second = captureIo();
    expect(await runCli(["migrate", "--database", url], second)).toBe(0);
    expect(second.stdout).toEqual([`移行済みです (${url})`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
