/**
 * Backup and restore of a whole database (every municipality) in a portable format: JSON Lines, gzip-compressed
 * when the file name ends in .gz. A backup taken from SQLite restores into PostgreSQL and back.
 *
 * Line 1: { format: "gyokaku-backup", version: 1, createdAt, source: "sqlite" | "postgres", migrations: [...] }
 * Then one line per table, { table, columns }, followed by one line per row, { t: table, r: [values in column order] }.
 * Tables come in an order in which every foreign key points back (parents first), rows of a table by id, a row
 * referring to another row of its own table after it. Values are JSON numbers, strings and null.
 * Last line (version 2 on): { end: { rows: total, tables: { table: rows } } }, so a file cut short, even at a line
 * boundary, is refused instead of restored as if complete. Version 1 files have no end line and are read as before.
 *
 * Signed-in sessions are left out (SESSION_TABLE): after a restore everyone signs in again.
 *
 * Restore goes into an empty database only: it applies the migrations the backup was taken at, inserts every row in
 * one transaction, moves PostgreSQL's id sequences past the restored ids, then applies the newer migrations.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, PostgresAdapter, sql } from "kysely";
import { z } from "zod";
import { GyokakuError } from "../domain/errors.js";
import { migrateToLatest } from "./connection.js";
import { DATA_VERSION_TABLE } from "./migrations/helpers.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Schema } from "./schema.js";

export const BACKUP_FORMAT = "gyokaku-backup";
export const BACKUP_VERSION = 2;
/** The first format version whose files end with the end line (row counts). */
const FIRST_VERSION_WITH_END = 2;
const MIGRATION_TABLE = "kysely_migration";
const INSERT_BATCH = 100;

type Value = string | number | null;

interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
}

const Header = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(BACKUP_VERSION)]),
  createdAt: z.string(),
  source: z.enum(["sqlite", "postgres"]),
  migrations: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof Header>;

const TableLine = z.object({ table: z.string().regex(/^[a-z_][a-z0-9_]*$/), columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1) });
const RowLine = z.object({ t: z.string(), r: z.array(z.union([z.string(), z.number(), z.null()])) });
const EndLine = z.object({ end: z.object({ rows: z.number().int().min(0), tables: z.record(z.string(), z.number().int().min(0)) }) });

function isPostgres(db: Kysely<Schema>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Signed-in sessions are not data: a restore must not bring back a session that signed out (or was ended by an admin)
 * after the backup was taken, so everyone signs in again after a restore. Backups written before this rule hold their
 * rows; restore reads them (they count towards the end line) and writes none.
 */
const SESSION_TABLE = "sessions";

/**
 * Not data: the migration bookkeeping, the data versions (restoring the rows bumps them again through their triggers;
 * a restored municipality starts from its own new count), and the signed-in sessions (SESSION_TABLE).
 */
function isBackedUp(table: string): boolean {
  return !table.startsWith("kysely_") && table !== DATA_VERSION_TABLE && table !== SESSION_TABLE;
}

/** The application's tables (not the migration bookkeeping) and their foreign keys, from the database itself. */
async function catalogue(db: Kysely<Schema>): Promise<{ tables: string[]; keys: ForeignKey[] }> {
  if (isPostgres(db)) {
    const tables = (
      await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    ).rows.map((r) => r.name);
    // Each column of a key paired with the column it refers to (a composite key (municipality_id, parent_id) →
    // (municipality_id, id) gives two pairs, not their four combinations, which would order rows by false links).
    const keys = (
      await sql<ForeignKey>`
        select kcu.table_name as "table", kcu.column_name as "column", ref.table_name as "refTable", ref.column_name as "refColumn"
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
        join information_schema.key_column_usage ref on ref.constraint_name = rc.unique_constraint_name
          and ref.constraint_schema = rc.unique_constraint_schema and ref.ordinal_position = kcu.position_in_unique_constraint
        where rc.constraint_schema = current_schema()`.execute(db)
    ).rows;
    return { tables: tables.filter(isBackedUp), keys };
  }
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows
    .map((r) => r.name)
    .filter(isBackedUp);
  const keys: ForeignKey[] = [];
  for (const table of tables) {
    const rows = (await sql<{ table: string; from: string; to: string | null }>`select "table", "from", "to" from pragma_foreign_key_list(${table})`.execute(db)).rows;
    for (const r of rows) keys.push({ table, column: r.from, refTable: r.table, refColumn: r.to ?? "id" });
  }
  return { tables, keys };
}

/** Tables ordered so that every table comes after the tables it refers to (ties by name, so the order is stable). */
function parentsFirst(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const k of keys.filter((k) => k.table === t && k.refTable !== t).sort((a, b) => a.refTable.localeCompare(b.refTable))) {
      if (tables.includes(k.refTable)) visit(k.refTable);
    }
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

/** Rows of a table that refers to itself (org_units.parent_id → id): every referred row first. */
function selfReferencesFirst(rows: Record<string, Value>[], selfKeys: readonly ForeignKey[]): Record<string, Value>[] {
  const links = selfKeys.filter((k) => k.column !== k.refColumn);
  if (links.length === 0) return rows;
  const out: Record<string, Value>[] = [];
  const placed = new Set<Record<string, Value>>();
  const byRef = new Map<string, Record<string, Value>>();
  for (const link of links) for (const row of rows) byRef.set(`${link.refColumn}=${String(row[link.refColumn])}`, row);
  const place = (row: Record<string, Value>, depth: number) => {
    if (placed.has(row) || depth > rows.length) return;
    for (const link of links) {
      const value = row[link.column];
      const parent = value === null || value === undefined ? undefined : byRef.get(`${link.refColumn}=${String(value)}`);
      if (parent && parent !== row) place(parent, depth + 1);
    }
    placed.add(row);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}

function compareRows(a: Record<string, Value>, b: Record<string, Value>, columns: readonly string[]): number {
  for (const c of columns) {
    const x = a[c] ?? null;
    const y = b[c] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A table's columns in a stable order: id first when there is one, then by name. */
function columnOrder(columns: readonly string[]): string[] {
  return [...columns].sort((a, b) => (a === "id" ? -1 : b === "id" ? 1 : a.localeCompare(b)));
}

async function columnsOf(db: Kysely<Schema>, table: string): Promise<string[]> {
  if (isPostgres(db)) {
    return (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db)).rows.map((r) => r.name);
  }
  return (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
}

function normalise(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  throw new GyokakuError("stored_data_invalid", `バックアップできない値の型です: ${typeof value}`);
}

/** Every line of a backup of `db`, in order (header, then each table and its rows). */
export async function* backupLines(db: Kysely<Schema>, createdAt = new Date()): AsyncGenerator<string> {
  const applied = (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name);
  const migrations = Object.keys(MIGRATIONS).filter((name) => applied.includes(name));
  const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: createdAt.toISOString(), source: isPostgres(db) ? "postgres" : "sqlite", migrations };
  yield JSON.stringify(header);
  const { tables, keys } = await catalogue(db);
  const counts: Record<string, number> = {};
  let total = 0;
  for (const table of parentsFirst(tables, keys)) {
    const columns = columnOrder(await columnsOf(db, table));
    const raw = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    const rows = raw.map((r) => Object.fromEntries(columns.map((c) => [c, normalise(r[c])])) as Record<string, Value>).sort((a, b) => compareRows(a, b, columns));
    yield JSON.stringify({ table, columns });
    counts[table] = rows.length;
    total += rows.length;
    for (const row of selfReferencesFirst(rows, keys.filter((k) => k.table === table && k.refTable === table))) {
      yield JSON.stringify({ t: table, r: columns.map((c) => row[c] ?? null) });
    }
  }
  yield JSON.stringify({ end: { rows: total, tables: counts } });
}

/**
 * Writes a backup of `db` to `file` (gzip when it ends in .gz), through a temporary file renamed at the end, so an
 * interrupted backup never leaves a truncated file under the name asked for. Returns the number of rows written.
 */
export async function writeBackup(db: Kysely<Schema>, file: string): Promise<{ tables: number; rows: number }> {
  const temporary = `${file}.partial`;
  const out = createWriteStream(temporary);
  const gzip = file.endsWith(".gz") ? createGzip() : null;
  const sink = gzip ?? out;
  if (gzip) gzip.pipe(out);
  let tables = 0;
  let rows = 0;
  try {
    for await (const line of backupLines(db)) {
      if (line.startsWith('{"table"')) tables++;
      else if (line.startsWith('{"t"')) rows++;
      if (!sink.write(`${line}\n`)) await once(sink, "drain");
    }
    sink.end();
    await once(out, "close");
    await rename(temporary, file);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return { tables, rows };
}

async function* fileLines(file: string): AsyncGenerator<string> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(file, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    s.on("data", (c) => chunks.push(c as Buffer));
    s.on("end", () => resolve(Buffer.concat(chunks)));
    s.on("error", reject);
  });
  const raw = createReadStream(file);
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== "") yield line;
}

function parseLine<S extends z.ZodType>(schema: S, line: string, lineNumber: number): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目が読めません (JSONではありません)`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目の形が正しくありません`);
  return result.data;
}

/**
 * Restores a backup file into `db`, which must hold no data yet (a new SQLite file or an empty PostgreSQL schema).
 * Returns the header and the number of rows restored.
 * @throws GyokakuError invalid_input when the file is not a gyokaku backup, is damaged (naming the line), comes from a
 *   newer version, or the database already holds data; nothing is written then.
 */
export async function restoreBackup(db: Kysely<Schema>, file: string): Promise<{ header: BackupHeader; rows: number }> {
  let lineNumber = 0;
  const lines = fileLines(file)[Symbol.asyncIterator]();
  const first = await lines.next().catch((error: Error) => {
    throw new GyokakuError("invalid_input", `バックアップファイルを開けません: ${file} (${(error as { code?: string }).code ?? error.message})`);
  });
  lineNumber++;
  if (first.done) throw new GyokakuError("invalid_input", `バックアップファイルが空です: ${file}`);
  const header = parseLine(Header, first.value, lineNumber);
  const known = Object.keys(MIGRATIONS);
  const newer = header.migrations.filter((m) => !known.includes(m));
  if (newer.length > 0) throw new GyokakuError("invalid_input", `このバックアップは新しいバージョンの gyokaku で作られています (未知の移行: ${newer.join(", ")})`);
  if (header.migrations.some((m, i) => known[i] !== m)) throw new GyokakuError("invalid_input", "バックアップの移行の並びがこのバージョンと合いません");
  const last = header.migrations[header.migrations.length - 1];
  await migrateToLatest(db, last === undefined ? { until: "" } : { until: last });
  const { tables } = await catalogue(db);
  for (const table of tables) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    if (Number(row.rows[0]?.n ?? 0) > 0) throw new GyokakuError("invalid_input", `復元先のデータベースが空ではありません (表 ${table} に行があります)。新しいデータベースに復元してください`);
  }
  let rows = 0;
  const nextLine = async () => {
    try {
      return await lines.next();
    } catch {
      throw new GyokakuError("invalid_input", `バックアップファイルが${lineNumber}行目の後で壊れているか途中で切れています (圧縮ファイルとして読めません)。何も復元していません`);
    }
  };
  await db.transaction().execute(async (trx) => {
    let current: { table: string; columns: string[]; skip?: boolean } | null = null;
    let batch: Value[][] = [];
    let batchFirst = 0;
    /** The line of the batch's last row (a batch is also written when the next table's line or the end line is read). */
    let batchLast = 0;
    let end: z.output<typeof EndLine>["end"] | null = null;
    const counts: Record<string, number> = {};
    const seenIds = new Set<string>();
    const flush = async () => {
      if (!current || batch.length === 0) return;
      if (current.skip) {
        batch = [];
        return;
      }
      const { table, columns } = current;
      const values = batch.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`);
      try {
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(trx);
      } catch {
        // The database's own text never reaches the user: the lines of the rows that could not be written are named.
        const where = batchFirst === batchLast ? `${batchLast}行目` : `${batchFirst}〜${batchLast}行目`;
        throw new GyokakuError("invalid_input", `バックアップファイルの${where}の表 ${table} の行を書き込めません (値の型や重複・参照先が正しくありません)。何も復元していません`);
      }
      rows += batch.length;
      batch = [];
    };
    for (let next = await nextLine(); !next.done; next = await nextLine()) {
      lineNumber++;
      const line = next.value;
      if (end) throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目: 終わりの行の後に行があります。何も復元していません`);
      if (line.startsWith('{"end"')) {
        await flush();
        end = parseLine(EndLine, line, lineNumber).end;
        continue;
      }
      if (line.startsWith('{"table"')) {
        await flush();
        const t = parseLine(TableLine, line, lineNumber);
        if (t.table === SESSION_TABLE) {
          current = { ...t, skip: true };
          continue;
        }
        if (!tables.includes(t.table)) throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目: この版にない表です: ${t.table}`);
        current = t;
        continue;
      }
      const r = parseLine(RowLine, line, lineNumber);
      if (!current || r.t !== current.table || r.r.length !== current.columns.length) {
        throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目: 表の行として正しくありません`);
      }
      const idAt = current.skip ? -1 : current.columns.indexOf("id");
      if (idAt >= 0) {
        const id = r.r[idAt];
        if (typeof id !== "number" || !Number.isSafeInteger(id)) throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目: 表 ${current.table} の id が整数ではありません (${JSON.stringify(id)})。何も復元していません`);
        const key = `${current.table}/${id}`;
        if (seenIds.has(key)) throw new GyokakuError("invalid_input", `バックアップファイルの${lineNumber}行目: 表 ${current.table} の id ${id} の行が2回あります。何も復元していません`);
        seenIds.add(key);
      }
      counts[current.table] = (counts[current.table] ?? 0) + 1;
      if (batch.length === 0) batchFirst = lineNumber;
      batchLast = lineNumber;
      batch.push(r.r);
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();
    if (header.version >= FIRST_VERSION_WITH_END) {
      if (!end) throw new GyokakuError("invalid_input", `バックアップファイルに終わりの行がありません (${lineNumber}行目で途中で切れています)。完全なバックアップファイルを指定してください。何も復元していません`);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const differing = [...new Set([...Object.keys(end.tables), ...Object.keys(counts)])].filter((t) => (end?.tables[t] ?? 0) !== (counts[t] ?? 0));
      if (end.rows !== total || differing.length > 0) {
        const detail = differing.map((t) => `${t}: ${(counts[t] ?? 0).toLocaleString("ja-JP")}行 (記録は${(end?.tables[t] ?? 0).toLocaleString("ja-JP")}行)`).join("、");
        throw new GyokakuError("invalid_input", `バックアップファイルの行数が終わりの行の記録と合いません (${detail || `計${total}行 (記録は${end.rows}行)`})。何も復元していません`);
      }
    }
    if (isPostgres(db)) {
      // Ids were restored as they were: the next id given out must come after them.
      for (const table of tables) {
        const hasId = (await columnsOf(trx, table)).includes("id");
        const sequence = hasId ? (await sql<{ s: string | null }>`select pg_get_serial_sequence(${table}, 'id') as s`.execute(trx)).rows[0]?.s : null;
        if (sequence) await sql`select setval(${sequence}, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  await migrateToLatest(db);
  return { header, rows };
}
