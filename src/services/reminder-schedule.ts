/**
 * 提出期限の案内 while the server runs (issue 13 point 13): every hour, for every municipality, the divisions whose
 * update round is due within DEFAULT_REMINDER_DAYS days are reminded (notifyDueSoon). notifyDueSoon is idempotent per
 * round, division and due date, so running it hourly (and on several servers) reminds nobody twice; `gyokaku notify-due`
 * from cron does the same for deployments that prefer it.
 */
import type { Db } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import type { Actor } from "../domain/roles.js";
import type { Mailer } from "./mailer.js";
import { DEFAULT_REMINDER_DAYS, notifyDueSoon } from "./notifications-due.js";
import { startPeriodic } from "./periodic.js";

/** Who the audit log names for a reminder the server sent on its own. */
export const SCHEDULER_ACTOR: Actor = { userId: null, username: "(自動案内)", role: "admin", unitIds: [] };

/** Once an hour: a reminder is due from a date, so an hour's delay is the most a division waits. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs one reminder pass over every municipality. Errors of one municipality are logged and do not stop the others.
 * @returns how many divisions were reminded in all.
 */
export async function runReminderPass(db: Db, props: { today: string; mailer: Mailer | null; withinDays?: number }): Promise<number> {
  const municipalities = await db.selectFrom("municipalities").select(["id", "code"]).execute();
  let reminded = 0;
  for (const m of municipalities) {
    try {
      const result = await notifyDueSoon(new TenantDb(db, m.id), { today: props.today, withinDays: props.withinDays ?? DEFAULT_REMINDER_DAYS, mailer: props.mailer, author: SCHEDULER_ACTOR });
      reminded += result.reminded.length;
    } catch (error) {
      console.error(`提出期限の案内に失敗しました (団体コード ${m.code}):`, error);
    }
  }
  return reminded;
}

/**
 * Starts the hourly reminders: a first pass shortly after start (`firstDelayMs`), then every `intervalMs`. The timers do
 * not keep the process alive. @returns stop(), which also waits for a pass that is running.
 */
export function startReminderSchedule(db: Db, props: { today: () => string; mailer: Mailer | null; firstDelayMs?: number; intervalMs?: number }): () => Promise<void> {
  return startPeriodic(() => runReminderPass(db, { today: props.today(), mailer: props.mailer }), {
    firstDelayMs: props.firstDelayMs ?? 10_000,
    intervalMs: props.intervalMs ?? REMINDER_INTERVAL_MS,
    failureMessage: "提出期限の案内に失敗しました:",
  });
}
