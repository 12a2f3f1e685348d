/**
 * Real-browser test of the 定年引上げ pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表6's 定年退職者なし columns
 * and the projection's table and chart (image loaded, no CSP violation), and leaves screenshots in
 * test-results/e2e/zuhyo6.png and projection.png.
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
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { addUser } from "../../src/services/users.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const USERNAME = "teinen-kanri";
const PASSWORD = "Chitose-teinen-2025!";
const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/e2e/", import.meta.url));
const NO_RETIREES = [2023, 2025, 2027, 2029, 2031];

let dir = "";
let server: RunningServer | undefined;
let browser: Browser | undefined;
let baseUrl = "";

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
  dir = mkdtempSync(join(tmpdir(), "gyokaku-e2e-retirement-"));
  const database = await openDatabase(`sqlite:${join(dir, "e2e.db")}`);
  const { municipality } = await loadDemo(database.db);
  await addUser(new TenantDb(database.db, municipality.id), { username: USERNAME, role: "admin", password: PASSWORD }, CLI_ACTOR);
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

describe("定年引上げの画面 (e2e)", () => {
  it("図表6 と推計・採用計画をブラウザで表示できる", { timeout: 90_000 }, async () => {
    if (!browser) throw new Error("browser did not start");
    const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    try {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });

      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("ユーザー名").fill(USERNAME);
      await page.getByLabel("パスワード").fill(PASSWORD);
      await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole("button", { name: "ログイン" }).click()]);

      // ---- 図表6: reached through the 定数管理 navigation ----
      await page.goto(`${baseUrl}/staffing`);
      await Promise.all([page.waitForURL(/\/staffing\/retirement$/), page.getByRole("link", { name: "定年引上げ(図表6)" }).click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("定年引上げに伴う退職者の予定");
      expect(await page.locator("#zuhyo6 caption").textContent()).toBe("(図表6) 定年引上げに伴う退職者の予定");
      for (let fy = 2023; fy <= 2035; fy++) {
        const header = (await page.locator(`#zuhyo6 td[data-row="retirees"][data-year="${fy}"]`).textContent()) ?? "";
        if (NO_RETIREES.includes(fy)) expect(header, String(fy)).toBe("定年退職者なし");
        else expect(header, String(fy)).not.toContain("なし");
      }
      const retire = page.locator('#zuhyo6 td[data-cohort="1964"][data-year="2026"]');
      expect(await retire.textContent()).toBe("定年退職 62歳");
      expect(await retire.getAttribute("class")).toBe("retire");
      // The retirement cell is styled apart from the ages around it (the stylesheet is loaded under the CSP).
      const backgrounds = await page.evaluate<{ retire: string; age: string }>(
        "({ retire: getComputedStyle(document.querySelector('#zuhyo6 td.retire')).backgroundColor, age: getComputedStyle(document.querySelector('#zuhyo6 td.num[data-cohort]')).backgroundColor })",
      );
      expect(backgrounds.retire).not.toBe(backgrounds.age);
      const widths = await page.evaluate<{ page: number; window: number }>("({ page: document.documentElement.scrollWidth, window: window.innerWidth })");
      expect(widths.page, JSON.stringify(widths)).toBeLessThanOrEqual(widths.window);
      const fonts = await renderedFonts(page, "#zuhyo6 caption");
      expect(fonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(fonts)).toBe(true);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const zuhyo6 = join(SCREENSHOT_DIR, "zuhyo6.png");
      await page.screenshot({ path: zuhyo6, fullPage: true });
      expect(statSync(zuhyo6).size).toBeGreaterThan(20_000);

      // ---- 推計・採用計画: submit the form as a user would ----
      await page.goto(`${baseUrl}/staffing/projection`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員数の推計と採用計画");
      await page.getByLabel("終了年度").fill("R17");
      await page.getByLabel(/^平準化/).check();
      await Promise.all([page.waitForURL(/\/staffing\/projection\?/), page.getByRole("button", { name: "推計する" }).click()]);
      const td = (selector: string) => page.locator(`#projection td${selector}`);
      expect(await td('[data-col="headcount"][data-year="2025"]').textContent()).toBe("1,066");
      expect(await td('[data-col="headcount"][data-year="2035"]').textContent()).toBe("1,061");
      expect(await page.locator("#projection tr.over-cap").count()).toBe(0);
      expect(await page.locator('#plan-comparison td[data-plan="one-for-one"][data-col="headcount"][data-year="2035"]').textContent()).toBe("1,066");

      const image = page.locator("figure.chart img");
      await image.waitFor({ state: "visible" });
      await page.waitForFunction("(() => { const img = document.querySelector('figure.chart img'); return img !== null && img.complete && img.naturalWidth > 0; })()");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(box?.height ?? 0).toBeGreaterThan(150);

      const projection = join(SCREENSHOT_DIR, "projection.png");
      await page.screenshot({ path: projection, fullPage: true });
      expect(statSync(projection).size).toBeGreaterThan(20_000);

      // The chart on its own, under the same CSP: labels laid out with the Japanese font.
      const src = (await image.getAttribute("src")) ?? "";
      await page.goto(`${baseUrl}${src}`);
      const labels = await page.evaluate<{ text: string; width: number; font: string }[]>(
        "[...document.querySelectorAll('text')].map((t) => ({ text: t.textContent, width: t.getBBox().width, font: getComputedStyle(t).fontFamily }))",
      );
      for (const label of ["令7", "(2035)", "職員数(4月1日)", "上限", "条例定数", "採用者数"]) {
        const drawn = labels.find((l) => l.text === label);
        expect(drawn, `SVG のラベル「${label}」`).toBeDefined();
        expect(drawn?.width ?? 0).toBeGreaterThan(0);
        expect(drawn?.font).toContain("IPAexGothic");
      }

      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
