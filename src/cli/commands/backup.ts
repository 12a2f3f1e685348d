/**
 * `gyokaku backup --out FILE` and `gyokaku restore FILE`: the whole database (every municipality, the audit and
 * security logs) in a portable file (src/db/backup.ts) that restores into SQLite or PostgreSQL alike.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { restoreBackup, writeBackup } from "../../db/backup.js";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import type { CliIo } from "../program.js";

const DATABASE_HELP = "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)";

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description("データベース全体をバックアップファイルに書き出す (SQLite と PostgreSQL のどちらへも復元できる形式。.gz で終わる名前なら圧縮)")
    .requiredOption("--out <file>", "書き出すファイル (例: gyokaku-2026-12-01.jsonl.gz)")
    .addOption(new Option("--database <url>", DATABASE_HELP))
    .action(async (opts: { out: string; database?: string }) => {
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env), { existing: true });
      try {
        const file = resolve(opts.out);
        const { tables, rows } = await writeBackup(database.db, file);
        io.out(`バックアップを書き出しました: ${file} (${tables}表、${rows.toLocaleString("ja-JP")}行。${database.label})`);
      } finally {
        await database.close();
      }
    });

  program
    .command("restore")
    .description("バックアップファイルを空のデータベースに復元する (既にデータがあるデータベースには復元しません)")
    .argument("<file>", "gyokaku backup で書き出したファイル")
    .addOption(new Option("--database <url>", DATABASE_HELP))
    .action(async (file: string, opts: { database?: string }) => {
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env), { migrate: false });
      try {
        const { header, rows } = await restoreBackup(database.db, resolve(file));
        io.out(`復元しました: ${rows.toLocaleString("ja-JP")}行 (${header.createdAt} に ${header.source} から取ったバックアップ → ${database.label})`);
      } finally {
        await database.close();
      }
    });
}
