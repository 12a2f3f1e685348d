/**
 * Real-browser smoke test: the actual server (startServer) on a temporary SQLite file, driven by the
 * system Chromium through playwright-core. Checks login (wrong and right password), the dashboard,
 * the Japanese font and logout. Leaves a screenshot in test-results/e2e/dashboard.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/cli/server.js";
import { openDatabase } from "../../src/db/connection.js";
import { TenantDb } from "../../src/db/tenant.js";
import { fiscalYearOf, formatFiscalYear } from "../../src/domain/era.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createMunicipality } from "../../src/services/municipalities.js";
import { addUser } from "../../src/services/users.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const USERNAME = "kanri";
const PASSWORD = "Chitose-e2e-2025!";
const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/e2e/", import.meta.url));
const SCREENSHOT = join(SCREENSHOT_DIR, "dashboard.png");
const NAV_LABELS = ["業務改革", "定数管理", "類似団体比較", "ヒアリング", "公表"];

let dir = "";
let server: RunningServer | undefined;
let browser: Browser | undefined;
let baseUrl = "";

/** Today in Japan as YYYY-MM-DD, computed here rather than with the app's own helper. */
function todayInTokyo(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** The font families Chromium actually drew the element's text with (not what CSS asked for). */
async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    return fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
  } finally {
    await cdp.detach();
  }
}

beforeAll(async () => {
  // A missing browser is a broken test machine, not a reason to skip: fail loudly.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium が見つかりません: ${CHROMIUM} — apt-get install chromium fonts-ipaexfont-gothic`);
  }
  dir = mkdtempSync(join(tmpdir(), "gyokaku-e2e-"));
  const database = await openDatabase(`sqlite:${join(dir, "e2e.db")}`);
  const m = await createMunicipality(database.db, { code: "012246", name: "千歳市", prefecture: "北海道" }, CLI_ACTOR);
  await addUser(new TenantDb(database.db, m.id), { username: USERNAME, role: "admin", password: PASSWORD }, CLI_ACTOR);
  server = await startServer({ database, port: 0, host: "127.0.0.1", secureCookies: true });
  // "localhost", not 127.0.0.1: Chromium keeps Secure cookies on plain http only for localhost.
  baseUrl = `http://localhost:${server.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close(); // also closes the database
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("ブラウザでのログイン (e2e)", () => {
  it("ログインしてダッシュボードを表示し、ログアウトできる", { timeout: 60_000 }, async () => {
    if (!browser) throw new Error("browser did not start");
    const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();

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
      await page.getByLabel("パスワード").fill(PASSWORD);
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

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

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
