import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { GyokakuError } from "../../domain/errors.js";
import { loadDemo } from "../../services/demo.js";
import { mailerFromEnv } from "../../services/mailer.js";
import { startReminderSchedule } from "../../services/reminder-schedule.js";
import { retentionFromEnv, startPruneSchedule } from "../../services/security-retention.js";
import { todayInJapan } from "../../web/format.js";
import { hasAnyAdministrator } from "../../services/users.js";
import { announceListening, isClusterWorker, MAX_WORKERS, parseWorkers, startCluster } from "../cluster.js";
import type { CliIo } from "../program.js";
import { type RunningServer, startServer } from "../server.js";

/** Where the server listens when no --host is given: this machine only (issue 13 point 11). */
export const DEFAULT_HOST = "127.0.0.1";

export interface ServeOptions {
  port: string;
  host?: string;
  database?: string;
  demo?: boolean;
  /** Server processes (cli/cluster.ts); default GYOKAKU_WORKERS or 1. */
  workers?: string;
}

/**
 * gyokaku serve: starts the web server and prints where it listens.
 * - Without --host it listens on 127.0.0.1 only (the demo too: a demo is for the person at this machine).
 *   `--host 0.0.0.0` (or HOST=… for a deployment) opens it to the network.
 * - --demo loads the demo city and issues the demo admin a new password, printed once.
 * - Without --demo it never creates, resets or prints a password; when no administrator exists it says how to create one.
 */
export async function serve(io: CliIo, opts: ServeOptions): Promise<RunningServer> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GyokakuError("invalid_input", `ポート番号が不正です: ${opts.port}`);
  // The demo ignores HOST from the environment: only an explicit --host opens a demo to the network.
  const host = opts.host ?? (opts.demo ? undefined : io.env["HOST"]) ?? DEFAULT_HOST;
  const workers = parseWorkers(opts.workers ?? io.env["GYOKAKU_WORKERS"]);
  const url = resolveDatabaseUrl(opts.database, io.env);
  const secureCookies = io.env["GYOKAKU_INSECURE_COOKIES"] !== "1";
  const trustProxy = io.env["GYOKAKU_TRUST_PROXY"] === "1";
  // Read before the database is opened: a mistyped GYOKAKU_SECURITY_LOG_DAYS stops the start with its message.
  const retention = retentionFromEnv(io.env);
  if (isClusterWorker(io.env)) {
    // One of N: the primary has migrated the database and loaded the demo; this process only answers requests.
    const database = await openDatabase(url, { migrate: false });
    const started = await startServer({ database, port, host, secureCookies, trustProxy, mailer: mailerFromEnv(io.env) });
    announceListening(started.port, started.address);
    return started;
  }
  const database = await openDatabase(url);
  let lines: string[] = [];
  if (opts.demo) {
    const demo = await loadDemo(database.db, { resetAdminPassword: true });
    lines = [
      `デモ団体: ${demo.municipality.prefecture}${demo.municipality.name} (${demo.municipality.code})`,
      `ログイン: ユーザー名 ${demo.adminUsername} / パスワード ${demo.adminPassword ?? "(変更なし)"}`,
      "(デモでは起動のたびに新しいパスワードを発行します)",
    ];
  } else {
    if (!(await hasAnyAdministrator(database.db))) {
      lines = [
        "管理者(admin)がまだいません。次のコマンドで作成してください:",
        "  gyokaku init --code 団体コード --name 団体名 --prefecture 都道府県名",
        "  gyokaku user add --municipality 団体コード --username 名前 --role admin   (パスワードを生成して一度だけ表示)",
      ];
    }
  }
  const mailer = mailerFromEnv(io.env);
  const started = workers === 1 ? await startServer({ database, port, host, secureCookies, trustProxy, mailer }) : await startWorkers(workers, { port, host, url, database });
  // 提出期限の案内 every hour while the server runs, in the primary only (idempotent; GYOKAKU_REMINDERS=off leaves it to
  // cron and notify-due).
  const stopReminders = io.env["GYOKAKU_REMINDERS"] === "off" ? async () => undefined : startReminderSchedule(database.db, { today: todayInJapan, mailer });
  // セキュリティログ and login failures past their retention go every hour, in the primary only (GYOKAKU_PRUNE=off
  // leaves it to cron and `prune`).
  const stopPruning = io.env["GYOKAKU_PRUNE"] === "off" ? async () => undefined : startPruneSchedule(database.db, { retention });
  const server: RunningServer = {
    ...started,
    close: async () => {
      await stopReminders();
      await stopPruning();
      await started.close();
    },
  };
  // Browsers keep Secure cookies on plain http only for "localhost": print that name for a local server.
  const shown = host === "127.0.0.1" || host === "::1" || host === "localhost" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  io.out(`gyokaku を起動しました: http://${shown}:${server.port}/ (待ち受け: ${host}、データベース: ${database.label})`);
  if (host === DEFAULT_HOST || host === "localhost" || host === "::1") io.out("このコンピューターからだけ接続できます (ほかの端末から使うには --host 0.0.0.0)");
  if (workers > 1) io.out(`サーバープロセス ${workers} 個で待ち受けています`);
  for (const line of lines) io.out(line);
  return server;
}

/**
 * The workers of `serve --workers N` (cli/cluster.ts), as one RunningServer: closing it stops the workers, then the
 * primary's database (which the reminders use).
 */
async function startWorkers(count: number, props: { port: number; host: string; url: string; database: Awaited<ReturnType<typeof openDatabase>> }): Promise<RunningServer> {
  let running: Awaited<ReturnType<typeof startCluster>>;
  try {
    running = await startCluster(count, ["--port", String(props.port), "--host", props.host, "--database", props.url]);
  } catch (error) {
    await props.database.close();
    throw error;
  }
  const close = async () => {
    await running.close();
    await props.database.close();
  };
  const shutdown = () => {
    void close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return { port: running.port, address: running.address, close };
}

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("Webサーバーを起動する (起動時にデータベースを最新の構造へ移行する)")
    .addOption(new Option("--port <port>", "待ち受けるポート").default(io.env["PORT"] ?? "3000"))
    .addOption(new Option("--host <host>", `待ち受けるアドレス (既定: ${DEFAULT_HOST} = このコンピューターだけ。ネットワークに公開するには 0.0.0.0)`))
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .addOption(new Option("--workers <n>", `サーバープロセスの数 (既定: 環境変数 GYOKAKU_WORKERS、なければ 1。CPUのコア数が目安、${MAX_WORKERS} まで)`))
    .option("--demo", "デモ団体(千歳市)を読み込み、管理者 admin に新しいパスワードを発行してから起動する")
    .action(async (opts: ServeOptions) => {
      await serve(io, opts);
    });
}
