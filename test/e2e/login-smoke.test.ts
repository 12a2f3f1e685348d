/**
 * Real-browser smoke test: the actual server (startServer) on a temporary SQLite file, driven by the
 * system Chromium through playwright-core. Checks login (wrong and right password), the dashboard,
 * the Japanese font and logout. Leaves a screenshot in test-results/e2e/dashboard.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYearOf, formatFiscalYear } from "../../src/domain/era.js";
import { E2E_PASSWORD, type E2eSite, renderedFonts, shoot, startSite } from "../support/e2e.js";

const USERNAME = "kanri";
const NAV_LABELS = ["業務改革", "定数管理", "類似団体比較", "ヒアリング", "公表"];

let site: E2eSite | undefined;

/** Today in Japan as YYYY-MM-DD, computed here rather than with the app's own helper. */
function todayInTokyo(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

beforeAll(async () => {
  site = await startSite({ demo: false, prefix: "login", users: [{ username: USERNAME, role: "admin" }] });
});

afterAll(async () => {
  await site?.close();
});

describe("ブラウザでのログイン (e2e)", () => {
  it("ログインしてダッシュボードを表示し、ログアウトできる", { timeout: 60_000 }, async () => {
    if (!site) throw new Error("site did not start");
    const baseUrl = site.baseUrl;
    const { context, page } = await site.newPage();
    try {

      // Not signed in: the top page sends us to the login form.
      await page.goto(`${baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe("/login");

      // Wrong password first: the form comes back with the error and no session.
      await page.getByLabel("ユーザー名").fill(USERNAME);
      await page.getByLabel("パスワード").fill("wrong-password-123");
      await page.getByRole("button", { name: "ログイン" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("ユーザー名またはパスワードが違います");
      expect(new URL(page.url()).pathname).toBe("/login");

      // Right password: the dashboard of 千歳市.
      await page.getByLabel("ユーザー名").fill(USERNAME);
      await page.getByLabel("パスワード").fill(E2E_PASSWORD);
      await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole("button", { name: "ログイン" }).click()]);
      const heading = page.getByRole("heading", { level: 1 });
      const headingText = (await heading.textContent()) ?? "";
      expect(headingText).toContain("千歳市");
      expect(headingText).toContain("ダッシュボード");

      const nav = page.getByRole("navigation", { name: "主な機能" });
      for (const label of NAV_LABELS) {
        expect(await nav.getByRole("link", { name: label, exact: true }).isVisible(), `ナビゲーションに「${label}」`).toBe(true);
      }

      const fiscalYearLabel = formatFiscalYear(fiscalYearOf(todayInTokyo()));
      expect(await page.locator("main").textContent()).toContain(fiscalYearLabel);

      // Japanese text must be drawn with a real Japanese font, not tofu boxes.
      const fontFamily = await page.evaluate<string>("getComputedStyle(document.body).fontFamily");
      expect(fontFamily.trim()).not.toBe("");
      const fonts = await renderedFonts(page, "main h1");
      expect(fonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), `h1 の描画フォント: ${JSON.stringify(fonts)}`).toBe(true);

      await shoot(page, "dashboard.png", 10_000);

      // Log out: back at the login form with a notice, and the top page needs a login again.
      await Promise.all([page.waitForURL(/\/login\?loggedout=1$/), page.getByRole("button", { name: "ログアウト" }).click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("ログイン");
      expect(await page.locator("main").textContent()).toContain("ログアウトしました");
      await page.goto(`${baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await context.close();
    }
  });
});
