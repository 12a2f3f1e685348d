/**
 * お知らせ when an item is returned and when a due date nears (issue 13 point 13): in the app and by e-mail to a real
 * SMTP server started by the test; a due-date reminder is sent once per round, division and due date.
 */
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { smtpMailer } from "../../src/services/mailer.js";
import { closeRound, openRound } from "../../src/services/reform/rounds.js";
import { editionItems } from "../../src/services/reform/read-model.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildUser } from "../support/factories.js";
import { startSmtp } from "../support/smtp.js";
import { startReminderSchedule } from "../../src/services/reminder-schedule.js";

/** The demo with no open round, one responsible division with an address and an editor, and a round due on `dueDate`. */
async function setup(get: () => TestDatabase, dueDate: string) {
  const site = await demoSite(get);
  const { tenant, database, municipality } = site;
  for (const r of await tenant.reformRounds.list()) if (r.status === "open") await closeRound(tenant, CLI_ACTOR, r.id);
  const item = (await editionItems(tenant, 2025)).find((i) => i.unitIds.length > 0);
  const unit = (await tenant.units.list()).find((u) => u.id === item?.unitIds[0]);
  if (!item || !unit) throw new Error("no item with a division");
  await tenant.units.updateContact(unit.id, { contact: `内線 1234 div${unit.id}@city.example.lg.jp`, note: "", now: new Date().toISOString() });
  const editor = await buildUser(database.db, municipality, "editor", [unit]);
  const roundId = await openRound(tenant, CLI_ACTOR, { editionYear: 2025, fiscalYear: 2025, dueDate, title: `更新 ${dueDate}` });
  return { ...site, item, unit, editor, roundId };
}

describeEachDatabase("お知らせ: 差戻し・提出期限", (get) => {
  it("returning an item tells its division's editors in the app and the division by e-mail, with the reason", { timeout: 60_000 }, async () => {
    const { database, municipality, item, unit, editor, roundId } = await setup(get, "2026-05-29");
    const smtp = await startSmtp();
    try {
      const app = createApp({ database, mailer: smtpMailer(smtp.url, "gyokaku@city.example.lg.jp") });
      const writer = new BrowserClient(app);
      await writer.login(municipality.id, editor.username);
      const path = `/reform/rounds/${roundId}/items/${item.id}`;
      let form = await (await writer.get(path)).text();
      const version = () => /name="version" value="(\d+)"/.exec(form)?.[1] ?? "";
      expect((await writer.post(path, { action: "submit", version: version(), result: "<継続実施>\n・実施した。" })).status).toBe(302);
      const adminUser = await buildUser(database.db, municipality, "admin");
      const admin = new BrowserClient(app);
      await admin.login(municipality.id, adminUser.username);
      form = await (await admin.get(path)).text();
      const returned = await admin.post(path, { action: "return", version: version(), comment: "実績の数値を書いてください" });
      expect(returned.status).toBe(302);

      const inbox = await (await writer.get("/notifications")).text();
      expect(inbox).toContain(`(${item.number}) ${item.name} が差し戻されました: 実績の数値を書いてください`);
      const mails = smtp.received.filter((m) => m.to[0] === `div${unit.id}@city.example.lg.jp`);
      expect(mails).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("a due date within N days reminds each division with items to submit once, never twice for the same due date (gyokaku notify-due)", { timeout: 60_000 }, async () => {
    const t = get();
    const { tenant, municipality, unit, editor, roundId, db } = await setup(get, "2026-05-29");
    const smtp = await startSmtp();
    const run = async (today: string) => {
      const io = { ...captureIo(), env: { GYOKAKU_SMTP_URL: smtp.url } };
      const code = await runCli(["notify-due", "--municipality", municipality.code, "--days", "7", "--today", today, "--database", databaseArg(t)], io);
      expect(code, io.stderr.join("\n")).toBe(0);
      return io.stdout.join("\n");
    };
    const reminders = async () => (await tenant.notifications.listForUser(editor.id)).filter((n) => n.kind === "due_soon");
    try {
      // Ten days before: not yet.
      expect(await run("2026-05-19")).toContain("0課に送りました");
      expect(await reminders()).toHaveLength(0);
      // Seven days before: the division is reminded, in the app and by e-mail.
      const first = await run("2026-05-22");
      expect(first).toContain(unit.name);
      // Divisions with neither an editor nor an address are not counted as reminded (nor recorded): nobody was told.
      expect(first).toContain("1課に送りました");
      expect(first).toContain("知らせる相手のいない課");
      expect(await reminders()).toHaveLength(1);
      expect(smtp.received.filter((m) => m.to[0] === `div${unit.id}@city.example.lg.jp`)).toHaveLength(1);
      // Again the next day (cron): nobody is told twice.
      const again = await run("2026-05-23");
      expect(again).toContain(`案内済みのため送らなかった課: `);
      expect(await reminders()).toHaveLength(1);
      expect(smtp.received.filter((m) => m.to[0] === `div${unit.id}@city.example.lg.jp`)).toHaveLength(1);
      // The due date moves: the new date is reminded once.
      await db.updateTable("reform_rounds").set({ due_date: "2026-05-26" }).where("id", "=", roundId).execute();
      await run("2026-05-23");
      expect(await reminders()).toHaveLength(2);
      // Past the due date it is overdue (the dashboard's concern), not "near".
      await run("2026-05-27");
      expect(await reminders()).toHaveLength(2);
    } finally {
      await smtp.close();
    }
  });

  it("the running server reminds on its own, hourly and idempotently, with no cron (startReminderSchedule)", { timeout: 60_000 }, async () => {
    const { tenant, db, editor, unit } = await setup(get, "2026-05-29");
    const smtp = await startSmtp();
    const reminders = async () => (await tenant.notifications.listForUser(editor.id)).filter((n) => n.kind === "due_soon");
    try {
      // Passes every 50 ms for a while: the first reminds the division, the later ones find it already reminded.
      const stop = startReminderSchedule(db, { today: () => "2026-05-25", mailer: smtpMailer(smtp.url, "gyokaku@city.example.lg.jp"), firstDelayMs: 0, intervalMs: 50 });
      for (let i = 0; i < 100 && (await reminders()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      await stop();
      expect(await reminders()).toHaveLength(1);
      expect(smtp.received.filter((m) => m.to[0] === `div${unit.id}@city.example.lg.jp`)).toHaveLength(1);
      const audit = await tenant.audit.has("reminder", `${(await tenant.reformRounds.list()).find((r) => r.status === "open")?.id}/${unit.id}/2026-05-29`);
      expect(audit).toBe(true);
    } finally {
      await smtp.close();
    }
  });
});
