import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { GyokakuError } from "../../domain/errors.js";
import { loadDemo } from "../../services/demo.js";
import { mailerFromEnv } from "../../services/mailer.js";
import { startReminderSchedule } from "../../services/reminder-schedule.js";
import { todayInJapan } from "../../web/format.js";
import { hasAnyAdministrator } from "../../services/users.js";
import type { CliIo } from "../program.js";
import { type RunningServer, startServer } from "../server.js";

/** Where the server listens when no --host is given: this machine only (issue 13 point 11). */
export const DEFAULT_HOST = "127.0.0.1";

export interface ServeOptions {
  port: string;
  host?: string;
  database?: string;
  demo?: boolean;
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
  const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
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
  const started = await startServer({ database, port, host, secureCookies: io.env["GYOKAKU_INSECURE_COOKIES"] !== "1", trustProxy: io.env["GYOKAKU_TRUST_PROXY"] === "1", mailer });
  // 提出期限の案内 every hour while the server runs (idempotent; GYOKAKU_REMINDERS=off leaves it to cron and notify-due).
  const stopReminders = io.env["GYOKAKU_REMINDERS"] === "off" ? async () => undefined : startReminderSchedule(database.db, { today: todayInJapan, mailer });
  const server: RunningServer = {
    ...started,
    close: async () => {
      await stopReminders();
      await started.close();
    },
  };
  // Browsers keep Secure cookies on plain http only for "localhost": print that name for a local server.
  const shown = host === "127.0.0.1" || host === "::1" || host === "localhost" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  io.out(`gyokaku を起動しました: http://${shown}:${server.port}/ (待ち受け: ${host}、データベース: ${database.label})`);
  if (host === DEFAULT_HOST || host === "localhost" || host === "::1") io.out("このコンピューターからだけ接続できます (ほかの端末から使うには --host 0.0.0.0)");
  for (const line of lines) io.out(line);
  return server;
}

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("Webサーバーを起動する (起動時にデータベースを最新の構造へ移行する)")
    .addOption(new Option("--port <port>", "待ち受けるポート").default(io.env["PORT"] ?? "3000"))
    .addOption(new Option("--host <host>", `待ち受けるアドレス (既定: ${DEFAULT_HOST} = このコンピューターだけ。ネットワークに公開するには 0.0.0.0)`))
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .option("--demo", "デモ団体(千歳市)を読み込み、管理者 admin に新しいパスワードを発行してから起動する")
    .action(async (opts: ServeOptions) => {
      await serve(io, opts);
    });
}
