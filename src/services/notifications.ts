/**
 * お知らせ (issue 13 point 13): the people concerned are told in the app (an inbox with an unread count) and, when an
 * SMTP server is configured, by e-mail — one message per responsible division (担当課), to the address in its 連絡先.
 */
import { z } from "zod";
import type { NotificationRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatDateBoth } from "../domain/era.js";
import type { Actor } from "../domain/roles.js";
import { emailIn, type Mailer } from "./mailer.js";
import { viewsOf } from "./reform/read-model.js";

export interface NotifyResult {
  /** Users who got an in-app notification. */
  notified: number;
  /** Divisions written to by e-mail. */
  mailed: string[];
  /** Divisions that have no e-mail address in their 連絡先 (told in the app only). */
  withoutAddress: string[];
  /** Divisions whose message could not be sent (the SMTP server's answer is logged, not shown). */
  failed: string[];
}

/** What notifyRoundOpened reads and writes of the municipality's repositories (a type error to reach another). */
export type NotifyRoundOpenedDb = Pick<TenantDb, "notifications" | "reformEditions" | "reformItems" | "reformRounds" | "units" | "users">;

/**
 * A new 更新依頼 (update round) was opened: each editor of a responsible division gets one in-app notification, and each
 * responsible division one e-mail listing its items and the due date. Sending happens after the round is stored;
 * a failed message never undoes the round.
 */
export async function notifyRoundOpened(tenant: NotifyRoundOpenedDb, roundId: number, mailer: Mailer | null): Promise<NotifyResult> {
  const round = await tenant.reformRounds.get(roundId);
  if (!round) return { notified: 0, mailed: [], withoutAddress: [], failed: [] };
  const updates = await tenant.reformRounds.listUpdates(round.id);
  const items = (await Promise.all(updates.map((u) => tenant.reformItems.get(u.item_id)))).flatMap((i) => (i ? [i] : []));
  const edition = await tenant.reformEditions.get(round.edition_id);
  const views = await viewsOf(tenant, items, edition?.fiscal_year ?? round.fiscal_year);
  const units = await tenant.units.list();
  const itemsByUnit = new Map<number, typeof views>();
  for (const v of views) for (const id of v.unitIds) itemsByUnit.set(id, [...(itemsByUnit.get(id) ?? []), v]);

  const users = (await tenant.users.list()).filter((u) => u.role === "editor" && u.disabled === 0);
  const byUser = await tenant.users.unitIdsByUser();
  const now = new Date().toISOString();
  const due = formatDateBoth(round.due_date);
  const recipients = users.filter((u) => (byUser.get(u.id) ?? []).some((id) => itemsByUnit.has(id)));
  await tenant.notifications.create(recipients.map((u) => ({ userId: u.id, kind: "round_opened", title: `更新依頼「${round.title}」が始まりました(提出期限 ${due})`, href: "/reform/updates", now })));

  const result: NotifyResult = { notified: recipients.length, mailed: [], withoutAddress: [], failed: [] };
  if (!mailer) return result;
  for (const [unitId, list] of itemsByUnit) {
    const unit = units.find((u) => u.id === unitId);
    if (!unit) continue;
    const to = emailIn(unit.contact);
    if (!to) {
      result.withoutAddress.push(unit.name);
      continue;
    }
    const text = [
      `${unit.name} ご担当者様`,
      "",
      `行政改革の重点推進項目について、更新依頼「${round.title}」を開始しました。`,
      `提出期限: ${due}`,
      "",
      "担当の項目:",
      ...list.sort((a, b) => a.number - b.number).map((v) => `  (${v.number}) ${v.name}`),
      "",
      "gyokaku にログインし、「担当の更新依頼」から取組実績と計画を入力して提出してください。",
    ].join("\n");
    try {
      await mailer.send({ to, subject: `[gyokaku] 更新依頼: ${round.title}(提出期限 ${due})`, text });
      result.mailed.push(unit.name);
    } catch (error) {
      console.error(`お知らせのメールを送れませんでした (${unit.name}):`, error);
      result.failed.push(unit.name);
    }
  }
  return result;
}

/** A notification (お知らせ) as the inbox page and GET /api/v1/notifications show it. */
export const PresentedNotificationSchema = z.object({
  id: z.number().int(),
  kind: z.string().describe("種類 (returned, round …)"),
  title: z.string(),
  href: z.string().describe("リンク先 (このアプリケーションのパス)"),
  createdAt: z.string().describe("作成日時 (ISO 8601, UTC)"),
  read: z.boolean().describe("既読"),
});
/** A notification as the inbox and the API show it. */
export type PresentedNotification = z.output<typeof PresentedNotificationSchema>;

/** A notifications row as shown: no user or municipality ids, read as a flag. */
export function presentNotification(row: NotificationRow): PresentedNotification {
  return { id: row.id, kind: row.kind, title: row.title, href: row.href, createdAt: row.created_at, read: row.read_at !== null };
}

/** The signed-in user's inbox, newest first (empty for the CLI, which has no inbox). */
export async function inboxOf(tenant: Pick<TenantDb, "notifications">, actor: Actor): Promise<PresentedNotification[]> {
  return actor.userId === null ? [] : (await tenant.notifications.listForUser(actor.userId)).map(presentNotification);
}

export async function markAllRead(tenant: Pick<TenantDb, "notifications">, actor: Actor): Promise<void> {
  if (actor.userId !== null) await tenant.notifications.markAllRead(actor.userId, new Date().toISOString());
}
