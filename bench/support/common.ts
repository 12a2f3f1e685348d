/** What several benchmarks share: percentiles, and a throw-away PostgreSQL schema when one is configured. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/connection.js";

/** The p-th percentile (nearest rank) of the samples. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** The PostgreSQL URL to measure against (TEST_DATABASE_URL, else DATABASE_URL), if it is one. */
export function postgresUrl(): string | undefined {
  const url = process.env["TEST_DATABASE_URL"] ?? process.env["DATABASE_URL"];
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

/** Runs `fn` on a fresh PostgreSQL schema (migrated; its name passed too), and drops the schema afterwards. */
export async function withPostgresSchema<T>(url: string, name: string, fn: (database: Database, schema: string) => Promise<T>): Promise<T> {
  const schema = `gyokaku_bench_${name}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const database = await openDatabase(url, { schema });
  try {
    return await fn(database, schema);
  } finally {
    await database.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  }
}

/** The PostgreSQL URL a separate process (the CLI, a server) uses to work in `schema` (`url` itself without one). */
export function urlWithSchema(url: string, schema: string | undefined): string {
  if (!schema) return url;
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
