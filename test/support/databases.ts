import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, openDatabase } from "../../src/db/connection.js";

export type DatabaseName = "sqlite" | "postgres";

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it). */
export const DATABASES: DatabaseName[] = process.env["TEST_DATABASE_URL"] ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  database: Database;
  /** The URL that opens this same database (for a second app or a CLI run). */
  url: string;
  /** PostgreSQL schema of this run, if any. */
  schema?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh database of the given kind: a new SQLite file, or a new PostgreSQL schema, so runs never collide.
 * `migrate: false` leaves it without tables (a test applies the migrations itself, e.g. up to one of them).
 */
export async function createTestDatabase(name: DatabaseName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-test-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const database = await openDatabase(url, { migrate: options.migrate ?? true });
    return {
      database,
      url,
      dispose: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env["TEST_DATABASE_URL"] ?? "";
  const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(url, { schema, migrate: options.migrate ?? true });
  return {
    database,
    url,
    schema,
    dispose: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs the same suite once per database; `get()` hands each test the database of its run. */
export function describeEachDatabase(title: string, suite: (get: () => TestDatabase, name: DatabaseName) => void): void {
  for (const name of DATABASES) {
    describe(`${title} [${name}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(name);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      suite(() => {
        if (!current) throw new Error("test database not ready");
        return current;
      }, name);
    });
  }
}
