/**
 * お知らせ when an item is returned and when a due date nears (issue 13 point 13): the editors of the item's
 * divisions in the app, and each division by e-mail when SMTP is configured. A due-date reminder goes out once per
 * round, division and due date — recorded in the audit log (entity "reminder"), so running it again (cron, the
 * server's daily check) never tells anyone twice; a changed due date is reminded again.
 */
import type { OrgUnitRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { isAwaitingDivision, isDueWithin } from "../domain/dashboard.js";
import { formatDateBoth } from "../domain/era.js";
import type { UpdateStatus } from "../domain/reform.js";
import { type Author, recordChange } from "./audit.js";
import { emailIn, type Mailer } from "./mailer.js";
import { viewsOf } from "./reform/read-model.js";

/** Days before the due date a reminder goes out, unless told otherwise. */
export const DEFAULT_REMINDER_DAYS = 7;

export interface ReminderResult {
  /** Divisions reminded now (in the app and, with an address, by e-mail). */
  reminded: string[];
  /** In-app notifications created. */
  notified: number;
  /** Divisions written to by e-mail. */
  mailed: string[];
  /** Divisions already reminded of this due date (nothing sent again). */
  alreadyReminded: string[];
  /** Divisions whose message could not be sent (logged; the reminder is not recorded, so the next run tries again). */
  failed: string[];
  /**
   * Divisions with nobody to tell (no editor bound to them and no e-mail address in 連絡先): nothing is recorded, so they
   * are reminded once someone is added.
   */
  noRecipient: string[];
}

/** Editors (enabled) bound to the unit. */
async function editorsOf(tenant: Pick<TenantDb, "users">, unitId: number): Promise<number[]> {
  const [users, byUser] = await Promise.all([tenant.users.list(), tenant.users.unitIdsByUser()]);
  return users.filter((u) => u.role === "editor" && u.disabled === 0 && (byUser.get(u.id) ?? []).includes(unitId)).map((u) => u.id);
}

async function send(mailer: Mailer | null, unit: OrgUnitRow, subject: string, text: string): Promise<"mailed" | "none" | "failed"> {
  const to = emailIn(unit.contact);
  if (!mailer || !to) return "none";
  try {
    await mailer.send({ to, subject, text });
    return "mailed";
  } catch (error) {
    console.error(`お知らせのメールを送れませんでした (${unit.name}):`, error);
    return "failed";
  }
}

/** What notifyDueSoon reads and writes of the municipality's repositories (a type error to reach another). */
export type NotifyDueSoonDb = Pick<TenantDb, "audit" | "notifications" | "reformEditions" | "reformItems" | "reformRounds" | "transaction" | "units" | "users">;

/**
 * Reminds the divisions of every open round whose due date is between `today` and `withinDays` days ahead and that
 * still have items to submit (未着手・下書き・差戻し). Idempotent per round, division and due date.
 */
export async function notifyDueSoon(tenant: NotifyDueSoonDb, props: { today: string; withinDays: number; mailer: Mailer | null; author: Author }): Promise<ReminderResult> {
  const result: ReminderResult = { reminded: [], notified: 0, mailed: [], alreadyReminded: [], failed: [], noRecipient: [] };
  const units = await tenant.units.list();
  const rounds = (await tenant.reformRounds.list()).filter((r) => r.status === "open" && isDueWithin(r.due_date, props.today, props.withinDays));
  for (const round of rounds) {
    const pending = (await tenant.reformRounds.listUpdates(round.id)).filter((u) => isAwaitingDivision(u.status as UpdateStatus));
    const items = (await Promise.all(pending.map((u) => tenant.reformItems.get(u.item_id)))).flatMap((i) => (i ? [i] : []));
    const edition = await tenant.reformEditions.get(round.edition_id);
    const views = await viewsOf(tenant, items, edition?.fiscal_year ?? round.fiscal_year);
    const byUnit = new Map<number, typeof views>();
    for (const v of views) for (const id of v.unitIds) byUnit.set(id, [...(byUnit.get(id) ?? []), v]);
    const due = formatDateBoth(round.due_date);
    for (const [unitId, list] of byUnit) {
      const unit = units.find((u) => u.id === unitId);
      if (!unit) continue;
      const key = `${round.id}/${unit.id}/${round.due_date}`;
      if (await tenant.audit.has("reminder", key)) {
        result.alreadyReminded.push(unit.name);
        continue;
      }
      const names = list.sort((a, b) => a.number - b.number).map((v) => `(${v.number}) ${v.name}`);
      if ((await editorsOf(tenant, unit.id)).length === 0 && !(props.mailer && emailIn(unit.contact))) {
        result.noRecipient.push(unit.name);
        continue;
      }
      const sent = await send(
        props.mailer,
        unit,
        `[gyokaku] 提出期限が近づいています: ${round.title}(${due})`,
        [`${unit.name} ご担当者様`, "", `更新依頼「${round.title}」の提出期限(${due})が近づいています。まだ提出されていない項目:`, ...names.map((n) => `  ${n}`), "", "gyokaku にログインし、「担当の更新依頼」から提出してください。"].join("\n"),
      );
      if (sent === "failed") {
        result.failed.push(unit.name);
        continue;
      }
      await tenant.transaction(async (tx) => {
        const editors = await editorsOf(tx, unit.id);
        const now = new Date().toISOString();
        await tx.notifications.create(editors.map((userId) => ({ userId, kind: "due_soon", title: `提出期限 ${due} が近づいています: ${names.join("、")}`, href: "/reform/updates", now })));
        result.notified += editors.length;
        await recordChange(tx, props.author, { action: "create", entity: "reminder", entityId: key, summary: `提出期限の案内: ${unit.name}「${round.title}」(${due}) ${names.length}項目`, before: null, after: { 項目: names, メール: sent === "mailed" } });
      });
      result.reminded.push(unit.name);
      if (sent === "mailed") result.mailed.push(unit.name);
    }
  }
  return result;
}

/** What notifyItemReturned reads and writes of the municipality's repositories (a type error to reach another). */
export type NotifyItemReturnedDb = Pick<TenantDb, "notifications" | "reformEditions" | "reformItems" | "reformRounds" | "units" | "users">;

/**
 * An item was returned to its divisions: their editors are told in the app and each division by e-mail, with the
 * secretariat's reason. Sending happens after the return is stored; a failed message never undoes it.
 */
export async function notifyItemReturned(tenant: NotifyItemReturnedDb, props: { roundId: number; itemId: number; comment: string; mailer: Mailer | null }): Promise<{ notified: number; mailed: string[] }> {
  const round = await tenant.reformRounds.get(props.roundId);
  const item = await tenant.reformItems.get(props.itemId);
  if (!round || !item) return { notified: 0, mailed: [] };
  const edition = await tenant.reformEditions.get(round.edition_id);
  const [view] = await viewsOf(tenant, [item], edition?.fiscal_year ?? round.fiscal_year);
  if (!view) return { notified: 0, mailed: [] };
  const units = (await tenant.units.list()).filter((u) => view.unitIds.includes(u.id));
  const href = `/reform/rounds/${round.id}/items/${item.id}`;
  const title = `(${view.number}) ${view.name} が差し戻されました${props.comment ? `: ${props.comment.slice(0, 120)}` : ""}`;
  const editors = new Set<number>();
  for (const unit of units) for (const id of await editorsOf(tenant, unit.id)) editors.add(id);
  const now = new Date().toISOString();
  await tenant.notifications.create([...editors].map((userId) => ({ userId, kind: "returned", title, href, now })));
  const mailed: string[] = [];
  for (const unit of units) {
    const text = [`${unit.name} ご担当者様`, "", `更新依頼「${round.title}」の (${view.number}) ${view.name} が行政管理課から差し戻されました。`, "", `差戻しの理由: ${props.comment || "(記載なし)"}`, `提出期限: ${formatDateBoth(round.due_date)}`, "", "gyokaku にログインし、内容を直して再提出してください。"].join("\n");
    if ((await send(props.mailer, unit, `[gyokaku] 差戻し: (${view.number}) ${view.name}`, text)) === "mailed") mailed.push(unit.name);
  }
  return { notified: editors.size, mailed };
}
