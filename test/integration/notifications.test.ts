import { expect, it } from "vitest";
import { smtpMailer } from "../../src/services/mailer.js";
import { editionItems } from "../../src/services/reform/read-model.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildUser } from "../support/factories.js";
import { startSmtp } from "../support/smtp.js";

describeEachDatabase("notifications (issue 13 point 13)", (get) => {
  it("opening a round sends one message per responsible division to a local SMTP server, and each editor of one gets an unread notification", { timeout: 60_000 }, async () => {
    const site = await demoSite(get);
    const { tenant, municipality, database } = site;
    const items = await editionItems(tenant, 2025);
    const unitIds = [...new Set(items.flatMap((i) => i.unitIds))];
    const units = (await tenant.units.list()).filter((u) => unitIds.includes(u.id));
    expect(units.length).toBeGreaterThan(1);
    // Every responsible division but the last has an address in its 連絡先.
    const now = new Date().toISOString();
    const [withoutAddress, ...withAddress] = [...units].reverse();
    for (const u of withAddress) await tenant.units.updateContact(u.id, { contact: `内線 12${u.id} div${u.id}@city.example.lg.jp`, note: "", now });
    const editorUnit = withAddress[0];
    if (!editorUnit || !withoutAddress) throw new Error("no units");
    const editor = await buildUser(database.db, municipality, "editor", [editorUnit]);
    const smtp = await startSmtp();
    try {
      const app = createApp({ database, mailer: smtpMailer(smtp.url, "gyokaku@city.example.lg.jp") });
      const admin = new BrowserClient(app);
      const adminUser = await buildUser(database.db, municipality, "admin");
      await admin.login(municipality.id, adminUser.username);
      await admin.get("/reform/rounds");
      const opened = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "", dueDate: "2026-05-29", title: "令和7年度 取組実績の更新", back: "rounds" });
      expect(opened.status).toBe(302);

      expect(smtp.received).toHaveLength(withAddress.length);
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(withAddress.map((u) => `div${u.id}@city.example.lg.jp`).sort());
      const toEditorUnit = smtp.received.find((m) => m.to[0] === `div${editorUnit.id}@city.example.lg.jp`);
      expect(toEditorUnit?.body).toContain("Subject: =?UTF-8?");

      const reader = new BrowserClient(app);
      await reader.login(municipality.id, editor.username);
      const page = await (await reader.get("/")).text();
      expect(page).toContain("お知らせ(未読 1)");
      const inbox = await (await reader.get("/notifications")).text();
      expect(inbox).toContain("更新依頼「令和7年度 取組実績の更新」が始まりました(提出期限 令和8年(2026年)5月29日)");
      expect(inbox).toMatch(/未読 <strong data-count="unread">1<\/strong>件/);
      expect((await reader.post("/notifications/read", {})).status).toBe(302);
      expect(await (await reader.get("/")).text()).not.toContain("未読 1");
    } finally {
      await smtp.close();
    }
  });

  it("without an SMTP server the round opens and the divisions are told in the app only", async () => {
    const site = await demoSite(get);
    const unitId = (await editionItems(site.tenant, 2025))[0]?.unitIds[0];
    const unit = (await site.tenant.units.list()).find((u) => u.id === unitId);
    if (!unit) throw new Error("no responsible unit");
    const editor = await buildUser(site.database.db, site.municipality, "editor", [unit]);
    const admin = await site.client("admin");
    await admin.get("/reform/rounds");
    const opened = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "2024", dueDate: "2026-06-30", title: "令和6年度 取組実績の更新", back: "rounds" });
    expect(opened.status).toBe(302);
    expect((await site.tenant.reformRounds.list()).some((r) => r.title === "令和6年度 取組実績の更新")).toBe(true);
    const inbox = await site.tenant.notifications.listForUser(editor.id);
    expect(inbox.map((n) => n.title)).toEqual(["更新依頼「令和6年度 取組実績の更新」が始まりました(提出期限 令和8年(2026年)6月30日)"]);
  });
});
