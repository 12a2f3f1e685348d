import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { GyokakuError } from "../../domain/errors.js";
import { parseRetentionDays, pruneSecurityRecords, retentionFromEnv } from "../../services/security-retention.js";
import type { CliIo } from "../program.js";

/**
 * gyokaku prune: deletes security log entries and login throttle rows past their retention (services/security-retention.ts),
 * in every municipality, once. The server does the same every hour; this is for cron, by hand, or with the server's
 * schedule switched off (GYOKAKU_PRUNE=off).
 */
export function registerPruneCommand(program: Command, io: CliIo): void {
  program
    .command("prune")
    .description("保存期間を過ぎたセキュリティログとログイン失敗の記録を削除する (全団体。サーバーは1時間ごとに自動で行う)")
    .option("--security-log-days <n>", "セキュリティログの保存日数 (既定: 環境変数 GYOKAKU_SECURITY_LOG_DAYS、なければ 365)")
    .option("--login-throttle-days <n>", "ログイン失敗の記録の保存日数 (既定: 環境変数 GYOKAKU_LOGIN_THROTTLE_DAYS、なければ 30)")
    .option("--now <time>", "基準の日時 (ISO 8601。既定: 現在)")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .action(async (opts: { securityLogDays?: string; loginThrottleDays?: string; now?: string; database?: string }) => {
      const fromEnv = retentionFromEnv(io.env);
      const retention = {
        securityEventDays: opts.securityLogDays === undefined ? fromEnv.securityEventDays : parseRetentionDays(opts.securityLogDays, "--security-log-days"),
        loginThrottleDays: opts.loginThrottleDays === undefined ? fromEnv.loginThrottleDays : parseRetentionDays(opts.loginThrottleDays, "--login-throttle-days"),
      };
      const now = opts.now === undefined ? new Date() : new Date(opts.now);
      if (Number.isNaN(now.getTime())) throw new GyokakuError("invalid_input", `--now は ISO 8601 の日時で指定してください: ${opts.now ?? ""}`);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
      try {
        const result = await pruneSecurityRecords(database.db, { now, retention });
        io.out(
          `削除しました: セキュリティログ ${result.securityEvents}件 (${retention.securityEventDays}日より前)、ログイン失敗の記録 ${result.loginThrottles + result.loginAttempts}件 (${retention.loginThrottleDays}日より前)`,
        );
      } finally {
        await database.close();
      }
    });
}
