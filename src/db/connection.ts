import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, type SqliteDialectConfig, sql } from "kysely";
import type pg from "pg";
import { GyokakuError } from "../domain/errors.js";
import { DataVersionWatch } from "./data-version-watch.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Schema } from "./schema.js";

export type DatabaseKind = "sqlite" | "postgres";

export interface Database {
  readonly db: Kysely<Schema>;
  readonly kind: DatabaseKind;
  /** The URL with any password masked, for messages. */
  readonly label: string;
  /**
   * SQLite only: reads one integer synchronously with a statement prepared once, outside Kysely, or undefined while a
   * transaction is open on the connection (its uncommitted rows must not be read). For the one query of every page
   * view (services/session-cache.ts); everything else goes through `db`.
   */
  readonly readIntegerNow?: (statement: string, parameter: number) => number | undefined | null;
  /**
   * PostgreSQL only: reads one integer with a statement prepared once per pooled connection (a named statement, so
   * the server neither parses nor plans it again), outside Kysely. For the same one query of every page view.
   */
  readonly readIntegerPrepared?: (name: string, statement: string, parameter: number) => Promise<number | null>;
  /**
   * PostgreSQL only: the data versions this process has heard of by LISTEN (db/data-version-watch.ts); a server starts
   * it (cli/server.ts), other commands never do. Closed with the database.
   */
  readonly versionWatch?: DataVersionWatch;
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
  /**
   * SQLite only: the file must already exist (commands that only read — report, publish, export, backup). Without it a
   * mistyped --database path silently created an empty database (and its folders), and the command then said the
   * municipality was not registered.
   */
  existing?: boolean;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const database = url.startsWith("postgres://") || url.startsWith("postgresql://")
    ? await openPostgres(url, options.schema)
    : url.startsWith("sqlite:")
      ? openSqlite(url.slice("sqlite:".length), options.existing === true)
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

function openSqlite(path: string, existing: boolean): Database {
  if (path === "") throw new GyokakuError("invalid_input", "SQLiteのファイルパスが空です (例: sqlite:./data/gyokaku.db)");
  const file = path === ":memory:" ? path : resolve(path);
  if (existing && file !== ":memory:" && !existsSync(file)) {
    throw new GyokakuError(
      "invalid_input",
      `データベース「sqlite:${file}」がありません。--database (または環境変数 DATABASE_URL) の指定を確かめてください (新しく始めるときは gyokaku init または gyokaku demo で作ります)`,
    );
  }
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file);
  } catch (error) {
    throw new GyokakuError("invalid_input", `SQLiteファイルを開けません: ${file} (${(error as Error).message})`);
  }
  // busy_timeout first: switching a new file to WAL needs a lock another process may hold for a moment.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // FULL: an acknowledged write survives a power cut too (README 「耐久性」). Writes here are few and small.
  sqlite.pragma("synchronous = FULL");
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  const prepared = new Map<string, SQLite.Statement<[number], Record<string, number>>>();
  const readIntegerNow = (statement: string, parameter: number): number | undefined | null => {
    if (sqlite.inTransaction) return undefined;
    let prepare = prepared.get(statement);
    if (!prepare) {
      prepare = sqlite.prepare<[number], Record<string, number>>(statement);
      prepared.set(statement, prepare);
    }
    const row = prepare.get(parameter);
    return row ? (Object.values(row)[0] ?? null) : null;
  };
  return { db, kind: "sqlite", label: `sqlite:${file}`, readIntegerNow, close: () => db.destroy() };
}

/**
 * SQLite transactions begin with BEGIN IMMEDIATE (Kysely's driver says BEGIN, which defers the write lock to the first
 * write). With several processes on one file (`serve --workers N`, or a CLI import while the server runs) a deferred
 * transaction that has read and then writes fails at once with SQLITE_BUSY when another process committed in between;
 * taking the lock first makes the second writer wait (busy_timeout) and then read what the first one wrote.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
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
    } catch (error) {
      // Two processes creating the same schema at once: "if not exists" can still lose the race (unique violation).
      if ((error as { code?: string }).code !== "23505") throw error;
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
  const readIntegerPrepared = async (name: string, statement: string, parameter: number): Promise<number | null> => {
    const result = await pool.query<Record<string, unknown>>({ name, text: statement, values: [parameter] });
    const row = result.rows[0];
    return row ? Number(Object.values(row)[0]) : null;
  };
  const versionWatch = new DataVersionWatch(
    () => new pg.Client({ connectionString: url, application_name: "gyokaku-version-watch", ...(schema ? { options: `-c search_path=${schema}` } : {}) }),
  );
  const close = async () => {
    await versionWatch.close();
    await db.destroy();
  };
  return { db, kind: "postgres", label, readIntegerPrepared, versionWatch, close };
}

async function connectOrExplain(client: pg.Client, label: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw new GyokakuError("invalid_input", `PostgreSQLに接続できません: ${label} (${(error as Error).message})`);
  }
}

/** The table that records applied migrations (the name Kysely's migrator uses, so existing databases keep theirs). */
const MIGRATION_TABLE = "kysely_migration";

/**
 * Applies pending migrations, all in one transaction, and refuses to go on when the database has a migration this
 * version does not know or has skipped one. Our own runner rather than Kysely's Migrator: that one introspects the
 * tables of every schema of a PostgreSQL database, which fails when another schema is dropped at the same moment.
 * Only the current schema is looked at, under a lock (PostgreSQL: advisory lock per schema; SQLite: BEGIN IMMEDIATE), so parallel starts wait for each other.
 */
export async function migrateToLatest(db: Kysely<Schema>, options: { until?: string } = {}): Promise<string[]> {
  const all = Object.keys(MIGRATIONS);
  // `until` (a restore of an older backup): stop after that migration; the rest are applied after the data is in.
  const names = options.until === undefined ? all : all.slice(0, all.indexOf(options.until) + 1);
  const apply = async (q: Kysely<Schema>): Promise<string[]> => {
    await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(q);
    const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(q);
    const applied = rows.rows.map((r) => r.name);
    const unknown = applied.filter((name) => !(name in MIGRATIONS));
    const beyond = applied.filter((name) => name in MIGRATIONS && !names.includes(name));
    if (beyond.length > 0) throw new Error(`指定より後の移行が適用済みです: ${beyond.join(", ")}`);
    if (unknown.length > 0) {
      throw new Error(`このバージョンが知らない移行が適用済みです: ${unknown.join(", ")} (新しいバージョンの gyokaku で作られたデータベースです)`);
    }
    const pending = names.filter((name) => !applied.includes(name));
    const lastApplied = applied.length === 0 ? -1 : Math.max(...applied.map((name) => names.indexOf(name)));
    const skipped = pending.filter((name) => names.indexOf(name) < lastApplied);
    if (skipped.length > 0) throw new Error(`途中の移行が適用されていません: ${skipped.join(", ")}`);
    for (const name of pending) {
      await MIGRATIONS[name]?.up(q);
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(q);
    }
    return pending;
  };
  try {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      return await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(current_schema()))`.execute(trx);
        return apply(trx);
      });
    }
    // SQLite: BEGIN IMMEDIATE takes the write lock before anything is read, so a second process waits (busy_timeout)
    // instead of reading a snapshot it could no longer write from. better-sqlite3 is one connection, so this is safe.
    return await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const done = await apply(conn);
        await sql`commit`.execute(conn);
        return done;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GyokakuError("migration_failed", `データベースの移行(マイグレーション)に失敗しました: ${message}`);
  }
}
