import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../src/db/connection.js";
import { MIGRATIONS } from "../../src/db/migrations/index.js";
import { runCli } from "../../src/cli/program.js";
import { type BuiltCli, buildCli } from "../support/built-cli.js";
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
    const future = "29991231T0000-from-the-future";
    await t.database.db.insertInto("kysely_migration" as never).values({ name: future, timestamp: new Date().toISOString() } as never).execute();
    try {
      await expect(migrateToLatest(t.database.db)).rejects.toThrow(/移行\(マイグレーション\)に失敗/);
      await expect(openDatabase(t.url, t.schema ? { schema: t.schema } : {})).rejects.toThrow(/29991231T0000-from-the-future/);
    } finally {
      // The database is shared by the file's tests: the unknown migration leaves with this test, even when it fails.
      await t.database.db.deleteFrom("kysely_migration" as never).where("name" as never, "=", future as never).execute();
    }
    const names = await t.database.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
    expect(names.map((r) => (r as { name: string }).name).sort()).toEqual(Object.keys(MIGRATIONS).sort());
    expect(await migrateToLatest(t.database.db)).toEqual([]);
  });
});

// Real processes (SQLite's lock is the file's, across processes) of the CLI compiled from the current sources
// (test/support/built-cli.ts: compiled once, 0.5 s; each process starts in about 0.3 s where tsx compiled on every start).
describe("gyokaku migrate in several processes", () => {
  let cli: BuiltCli | undefined;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli?.remove());

  it("lets several processes migrate one new SQLite file at once: one applies, the others wait for its lock", async () => {
    const main = cli?.main ?? "";
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-migrate-"));
    const url = `sqlite:${join(dir, "shared.db")}`;
    try {
      const runs = await Promise.all(
        [0, 1, 2, 3].map(
          () =>
            new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
              const child = spawn(process.execPath, [main, "migrate", "--database", url], { cwd: ROOT });
              let stdout = "";
              let stderr = "";
              child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
              child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
              child.on("close", (code) => resolve({ code, stdout, stderr }));
            }),
        ),
      );
      expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join("\n")).toEqual([0, 0, 0, 0]);
      expect(runs.map((r) => r.stderr)).toEqual(["", "", "", ""]);
      // One process applied every migration; the other three waited for its lock and found the file migrated.
      expect(runs.map((r) => r.stdout).sort()).toEqual(
        [`適用しました: ${Object.keys(MIGRATIONS).join(", ")} (${url})\n`, ...Array.from({ length: 3 }, () => `移行済みです (${url})\n`)].sort(),
      );
      const database = await openDatabase(url, { migrate: false });
      try {
        expect(await migrateToLatest(database.db)).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

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
