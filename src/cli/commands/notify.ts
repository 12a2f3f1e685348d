import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { isValidIsoDate } from "../../domain/calendar.js";
import { GyokakuError } from "../../domain/errors.js";
import { CLI_ACTOR } from "../../services/audit.js";
import { mailerFromEnv } from "../../services/mailer.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { DEFAULT_REMINDER_DAYS, notifyDueSoon } from "../../services/notifications-due.js";
import { todayInJapan } from "../../web/format.js";
import type { CliIo } from "../program.js";

/**
 * gyokaku notify-due (issue 13 point 13): reminds the divisions whose update round is due within N days, in the app
 * and by e-mail (GYOKAKU_SMTP_URL). For cron: running it again the same day (or every day) reminds nobody twice.
 */
export function registerNotifyCommand(program: Command, io: CliIo): void {
  program
    .command("notify-due")
    .description("提出期限が近い更新依頼を担当課に知らせる (同じ期限については一度だけ。cron で毎日実行する想定)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .option("--days <n>", `期限の何日前から知らせるか (既定 ${DEFAULT_REMINDER_DAYS})`, String(DEFAULT_REMINDER_DAYS))
    .option("--today <date>", "今日の日付 YYYY-MM-DD (既定: 日本時間の今日)")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .action(async (opts: { municipality: string; days: string; today?: string; database?: string }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 0 || days > 365) throw new GyokakuError("invalid_input", `--days は0～365の整数で指定してください: ${opts.days}`);
      const today = opts.today ?? todayInJapan();
      if (!isValidIsoDate(today)) throw new GyokakuError("invalid_input", `--today は YYYY-MM-DD で指定してください: ${today}`);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
      try {
        const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
        const tenant = new TenantDb(database.db, municipality.id);
        const result = await notifyDueSoon(tenant, { today, withinDays: days, mailer: mailerFromEnv(io.env), author: CLI_ACTOR });
        io.out(`提出期限の案内: ${result.reminded.length}課に送りました(アプリ内 ${result.notified}件、メール ${result.mailed.length}件)${result.reminded.length > 0 ? ` — ${result.reminded.join("、")}` : ""}`);
        if (result.alreadyReminded.length > 0) io.out(`案内済みのため送らなかった課: ${result.alreadyReminded.join("、")}`);
        if (result.noRecipient.length > 0) io.out(`知らせる相手のいない課 (編集者もメールアドレスもありません。追加されたら次回知らせます): ${result.noRecipient.join("、")}`);
        if (result.failed.length > 0) io.err(`メールを送れなかった課 (次回もう一度送ります): ${result.failed.join("、")}`);
      } finally {
        await database.close();
      }
    });
}
