/**
 * Real-browser test of the 業務改革 yearly cycle: the actual server (startServer) on a temporary SQLite file with
 * the demo city loaded, driven by the system Chromium through playwright-core. The secretariat opens an update
 * round, the editor of 行政管理課 updates item (5)'s result and submits it, the secretariat approves it, and the
 * item sheet shows the result. Screenshots: test-results/e2e/reform-editor-*.png, reform-approved.png,
 * reform-item-*.png, reform-overview.png.
 */
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { shoot, useSite } from "../support/e2e.js";

const USERS = { admin: "gyokaku-kanri", editor: "gyokan-tanto", hq: "honbu" } as const;

/** A due date 30 days from today in Japan, so the round is not overdue whenever the test runs. */
function dueDate(): { iso: string; wareki: RegExp } {
  const d = new Date(Date.now() + 30 * 86_400_000);
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const [, m, day] = iso.split("-").map(Number);
  return { iso, wareki: new RegExp(`令和\\d+年\\(\\d{4}年\\)${m}月${day}日`) };
}

const site = useSite({
  demo: true,
  prefix: "reform",
  users: [
    { username: USERS.admin, displayName: "行政管理課 事務局", role: "admin" },
    { username: USERS.editor, displayName: "行政管理課 担当", role: "editor", unitCodes: ["123"] },
    { username: USERS.hq, displayName: "推進本部", role: "hq" },
  ],
});

describe("業務改革の年次サイクル (e2e)", () => {
  it("担当課が項目(5)の実績を入力して提出し、行政管理課が承認する", { timeout: 120_000 }, async () => {
    const { baseUrl, violations } = site();
    const contexts: BrowserContext[] = [];
    try {
      // ---- the secretariat opens the round from the overview ----
      const admin = await site().signIn(USERS.admin);
      contexts.push(admin.context);
      await admin.page.getByRole("navigation", { name: "主な機能" }).getByRole("link", { name: "業務改革", exact: true }).click();
      await admin.page.waitForURL(`${baseUrl}/reform`);
      expect(await admin.page.getByRole("heading", { level: 1 }).textContent()).toBe("業務改革の重点推進項目 令和7年度(2025年度)");
      expect(await admin.page.locator("#reform-items tbody tr").count()).toBe(10);
      const due = dueDate();
      await admin.page.getByLabel("提出期限").fill(due.iso);
      await Promise.all([admin.page.waitForURL(/done=round/), admin.page.getByRole("button", { name: "更新依頼を出す" }).click()]);
      expect(await admin.page.getByRole("status").first().textContent()).toContain("更新依頼を出しました");
      await shoot(admin.page, "reform-overview.png");

      // ---- the editor of 行政管理課: my updates → item (5) → result → submit ----
      const editor = await site().signIn(USERS.editor);
      contexts.push(editor.context);
      await editor.page.goto(`${baseUrl}/reform`);
      await editor.page.getByRole("navigation", { name: "業務改革のページ" }).getByRole("link", { name: "担当の更新依頼" }).click();
      await editor.page.waitForURL(`${baseUrl}/reform/updates`);
      const row = editor.page.locator('#my-updates tr[data-item="5"]');
      expect(await row.textContent()).toMatch(due.wareki);
      expect(await row.textContent()).not.toContain("期限超過");
      expect(await row.textContent()).toContain("未着手");
      await shoot(editor.page, "reform-editor-1-updates.png");

      await row.getByRole("link", { name: "(5) オープンデータの推進" }).click();
      await editor.page.waitForURL(/\/reform\/rounds\/\d+\/items\/\d+$/);
      const result = editor.page.getByLabel("令和7年度(2025年度)の取組実績");
      await result.fill("<継続実施>\n・公開型GISを導入し、令和7年10月に運用を開始した。\n・保有データのオープンデータ化(12件)");
      await shoot(editor.page, "reform-editor-2-form.png");
      await Promise.all([editor.page.waitForURL(/done=submit$/), editor.page.getByRole("button", { name: "提出", exact: true }).click()]);
      expect(await editor.page.locator("dd[data-status]").getAttribute("data-status")).toBe("submitted");
      expect(await editor.page.getByRole("status").first().textContent()).toContain("提出しました");
      expect(await editor.page.getByRole("button", { name: "下書き保存" }).count()).toBe(0);
      await shoot(editor.page, "reform-editor-3-submitted.png");

      // ---- the secretariat approves ----
      await admin.page.goto(`${baseUrl}/reform/updates`);
      const submitted = admin.page.locator('#my-updates tr[data-item="5"]');
      expect(await submitted.getAttribute("data-status")).toBe("submitted");
      await submitted.getByRole("link").click();
      await admin.page.waitForURL(/\/reform\/rounds\/\d+\/items\/\d+$/);
      expect(await admin.page.getByLabel("令和7年度(2025年度)の取組実績").inputValue()).toContain("令和7年10月に運用を開始した。");
      await Promise.all([admin.page.waitForURL(/done=approve$/), admin.page.getByRole("button", { name: "承認", exact: true }).click()]);
      expect(await admin.page.locator("dd[data-status]").getAttribute("data-status")).toBe("approved");
      expect(await admin.page.locator("main").textContent()).toContain("新しい更新依頼を出す必要があります");
      await shoot(admin.page, "reform-approved.png");

      // ---- the item sheet carries the approved result; 同左 jumps to the column on its left ----
      await admin.page.getByRole("link", { name: "項目のシート全体を見る" }).click();
      await admin.page.waitForURL(/\/reform\/items\/\d+$/);
      expect(await admin.page.locator('#history tr[data-year="2025"]').textContent()).toContain("公開型GISを導入し、令和7年10月に運用を開始した。");
      await admin.page.locator("#plan-2027 .same-as-left a").click();
      expect(new URL(admin.page.url()).hash).toBe("#plan-2026");
      await shoot(admin.page, "reform-item-5.png");

      // ---- an item with an indicator: the chart image loads under the CSP ----
      await admin.page.goto(`${baseUrl}/reform`);
      await admin.page.getByRole("link", { name: "AI、RPAの利用推進" }).click();
      const chart = admin.page.locator("figure.indicator-chart img").first();
      await chart.waitFor({ state: "visible" });
      await admin.page.waitForFunction("(() => { const img = document.querySelector('figure.indicator-chart img'); return img !== null && img.complete && img.naturalWidth > 0; })()");
      expect((await chart.boundingBox())?.width ?? 0).toBeGreaterThan(300);
      await shoot(admin.page, "reform-item-3.png");

      // ---- the headquarters verifies ----
      const hq = await site().signIn(USERS.hq);
      contexts.push(hq.context);
      await hq.page.goto(`${baseUrl}/reform/verification?year=2025`);
      const section = hq.page.locator('section.verify-item[data-item="5"]');
      expect(await section.textContent()).toContain("令和7年10月に運用を開始した。");
      await section.getByLabel("評価").selectOption("達成");
      await section.getByLabel("意見").fill("公開型GISの利用状況を次年度に報告すること");
      await Promise.all([hq.page.waitForURL(/done=/), section.getByRole("button", { name: "検証を記録" }).click()]);
      expect(await hq.page.locator('section.verify-item[data-item="5"] p.recorded').getAttribute("data-evaluation")).toBe("達成");
      await shoot(hq.page, "reform-verification.png");

      expect(violations).toEqual([]);
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});
