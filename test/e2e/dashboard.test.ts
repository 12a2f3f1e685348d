/**
 * The dashboard by role in real Chromium (issue 13 point 12): the secretariat sees the open update round with its
 * overdue items per division, the headcount against quota and cap and the calendar; an editor its own to-do; headquarters
 * what waits for it. The printed page has no navigation (point 15).
 */
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { openRound } from "../../src/services/reform/rounds.js";
import { useSite } from "../support/e2e.js";

const site = useSite({
  demo: true,
  prefix: "dashboard",
  users: [
    { username: "dash-kanri", displayName: "行政管理課", role: "admin" },
    { username: "dash-honbu", displayName: "推進本部", role: "hq" },
    { username: "dash-gyokan", displayName: "行政管理課 担当", role: "editor", unitCodes: ["123"] },
    { username: "dash-somu", displayName: "総務部 次長", role: "editor", unitCodes: ["120"] },
    { username: "dash-etsuran", displayName: "閲覧", role: "viewer" },
  ],
  // An update round whose due date has passed: every item is overdue until its division submits.
  prepare: async (tenant) => {
    await openRound(tenant, CLI_ACTOR, { editionYear: 2025, dueDate: "2025-06-30", title: "令和7年度 取組実績の更新" });
  },
});

describe("dashboard by role (e2e)", () => {
  it("the secretariat sees the open round per status and division with the overdue count, the headcount against the cap, and the calendar", { timeout: 120_000 }, async () => {
    await site().withSignedIn("dash-kanri", async ({ page }) => {
      const cycle = page.locator("#cycle");
      await cycle.waitFor();
      expect(await cycle.getByRole("heading", { level: 3, name: /令和7年度 取組実績の更新/ }).isVisible()).toBe(true);
      const overdue = Number(await cycle.locator('[data-count="overdue"]').textContent());
      expect(overdue).toBeGreaterThan(0);
      expect(await cycle.locator('[data-status="not_started"]').textContent()).toBe(`未着手 ${overdue}`);
      expect(await cycle.locator('tr[data-division="行政管理課"]').count()).toBe(1);
      // The demo's open hearing round, per form status.
      expect(await cycle.locator("[data-hearing] [data-form-status]").count()).toBe(6);
      expect(await page.locator("#headcount-status").textContent()).toMatch(/令和7年度\(2025年度\): 定数内職員数 [\d,]+人 \/ 条例定数 [\d,]+人/);
      const dates = await page.locator("#calendar li").evaluateAll((items) => items.map((li) => li.getAttribute("data-date") ?? ""));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((d) => /-04-01$/.test(d) || d >= "2025-06-30")).toBe(true);
      expect(dates).toEqual([...dates].sort());

      // Printed: no navigation, no sign-out button, no links to input pages.
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("navigation", { name: "主な機能" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "ログアウト" }).isVisible()).toBe(false);
      expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    });
  });

  it("an editor sees its own to-do with due dates, and nothing of the secretariat's view", { timeout: 120_000 }, async () => {
    await site().withSignedIn("dash-gyokan", async ({ page }) => {
      const todo = page.locator("#todo");
      await todo.waitFor();
      const rows = todo.locator("tbody tr");
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().locator("td").nth(1).textContent()).toBe("未着手");
      expect(await rows.first().locator("td").nth(2).textContent()).toBe("令和7年(2025年)6月30日");
      expect(await page.locator("#cycle").count()).toBe(0);
      // The to-do links straight to the item's update form.
      const href = (await rows.first().getByRole("link").getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/reform\/rounds\/\d+\/items\/\d+$/);
    });
  });

  it("headquarters sees what waits for verification or approval", { timeout: 120_000 }, async () => {
    await site().withSignedIn("dash-honbu", async ({ page }) => {
      const waiting = page.locator("#hq-waiting");
      await waiting.waitFor();
      expect(await waiting.locator('[data-count="submitted"]').textContent()).toBe("0");
      expect(await waiting.locator('[data-count="verification"]').textContent()).toMatch(/^\d+$/);
      expect(await page.locator("#todo").count()).toBe(0);
      expect(await page.locator("#cycle").count()).toBe(0);
    });
  });

  it("a department's editor sees the hearing forms it has to submit, linking to each form", { timeout: 120_000 }, async () => {
    await site().withSignedIn("dash-somu", async ({ page }) => {
      const forms = page.locator("#hearing-todo");
      await forms.waitFor();
      const rows = forms.locator("tbody tr");
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().locator("td").first().textContent()).toBe("総務部");
      await Promise.all([page.waitForURL(/\/hearings\/\d+\/departments\/\d+\/forms\/\d$/), rows.first().getByRole("link").click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/様式/);
    });
  });

  it("a viewer sees the cycle's areas and none of the to-do, secretariat or headquarters sections", { timeout: 120_000 }, async () => {
    await site().withSignedIn("dash-etsuran", async ({ page }) => {
      await page.getByRole("heading", { level: 1, name: /ダッシュボード/ }).waitFor();
      expect(await page.getByRole("heading", { level: 2, name: "年次サイクル" }).isVisible()).toBe(true);
      for (const id of ["#todo", "#hearing-todo", "#cycle", "#hq-waiting"]) expect(await page.locator(id).count()).toBe(0);
    });
  });
});
