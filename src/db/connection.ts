import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from "kysely";
import type pg from "pg";
import { GyokakuError } from "../domain/errors.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Schema } from "./schema.js";

export type DatabaseKind = "sqlite" | "postgres";

export interface Database {
  readonly db: Kysely<Schema>;
  readonly kind: DatabaseKind;
  /** The URL with any password masked, for messages. */
  readonly label: string;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = "sqlite:./data/gyokaku.db";

/** `--database` wins over DATABASE_URL, which wins over the embedded default. */
export function resolveDatabaseUrl(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env["DATABASE_URL"] ?? DEFAULT_DATABASE_URL;
}

export interface OpenOptions {
  /** PostgreSQL only: work inside this schema (created when missing). Tests use one per run. */
  schema?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const database = url.startsWith("postgres://") || url.startsWith("postgresql://")
    ? await openPostgres(url, options.schema)
    : url.startsWith("sqlite:")
      ? openSqlite(url.slice("sqlite:".length))
      : null;
  if (!database) {
    throw new GyokakuError("invalid_input", `データベースURLが読めません: 「${url}」(sqlite:パス または postgres://… を指定してください)`);
  }
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function openSqlite(path: string): Database {
  if (path === "") throw new GyokakuError("invalid_input", "SQLiteのファイルパスが空です (例: sqlite:./data/gyokaku.db)");
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file);
  } catch (error) {
    throw new GyokakuError("invalid_input", `SQLiteファイルを開けません: ${file} (${(error as Error).message})`);
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: "sqlite", label: `sqlite:${file}`, close: () => db.destroy() };
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  // Loaded only when PostgreSQL is used, so the embedded default does not pay for it at start-up.
  const { default: pg } = await import("pg");
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new GyokakuError("invalid_input", `スキーマ名が不正です: ${schema}`);
  }
  const label = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await connectOrExplain(admin, label);
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // pg hands back bigint (count(*)) and numeric as strings; SQLite gives numbers. Make both give numbers.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const probe = await pool.connect().catch((error: Error) => {
    void pool.end();
    throw new GyokakuError("invalid_input", `PostgreSQLに接続できません: ${label} (${error.message})`);
  });
  probe.release();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", label, close: () => db.destroy() };
}

async function connectOrExplain(client: pg.Client, label: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw new GyokakuError("invalid_input", `PostgreSQLに接続できません: ${label} (${(error as Error).message})`);
  }
}

/** Applies pending migrations. Refuses to go on when the database has migrations this version does not know. */
export async function migrateToLatest(db: Kysely<Schema>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: name the current schema,
  // or a kysely_migration table in another schema of the same database would be taken for ours.
  const migrationTableSchema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GyokakuError("migration_failed", `データベースの移行(マイグレーション)に失敗しました: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
