/**
 * Real-browser test of the 類似団体比較 pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表10's cells as the seed prints
 * them, that the wide table fits (scrolls in its wrapper), 図表8 and the 図表9 chart, with no CSP violation, and
 * leaves screenshots in test-results/e2e/zuhyo10.png, zuhyo8.png, zuhyo7.png, zuhyo9.png and nationwide.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/cli/server.js";
import { openDatabase } from "../../src/db/connection.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importComparison } from "../../src/services/comparison-import.js";
import { loadDemo } from "../../src/services/demo.js";
import { addUser } from "../../src/services/users.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const USERNAME = "hikaku-kanri";
const PASSWORD = "Chitose-hikaku-2025!";
const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/e2e/", import.meta.url));

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
  dir = mkdtempSync(join(tmpdir(), "gyokaku-e2e-comparison-"));
  const database = await openDatabase(`sqlite:${join(dir, "e2e.db")}`);
  const { municipality } = await loadDemo(database.db);
  const tenant = new TenantDb(database.db, municipality.id);
  await addUser(tenant, { username: USERNAME, role: "admin", password: PASSWORD }, CLI_ACTOR);
  // A small nationwide dataset beside the demo's own figures, for the 全国診断 page.
  for (const name of ["dantai-r6.csv", "ruiji-averages-r6.csv"]) {
    await importComparison(tenant, CLI_ACTOR, { filename: name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/mic/${name}`, import.meta.url))) }, municipality.name);
  }
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

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(20_000);
}

async function fitsWindow(page: Page): Promise<void> {
  // (Expressions as strings: the tests are compiled without the DOM library, as in login-smoke.test.ts.)
  const widths = await page.evaluate<{ page: number; window: number }>("({ page: document.documentElement.scrollWidth, window: window.innerWidth })");
  expect(widths.page, JSON.stringify(widths)).toBeLessThanOrEqual(widths.window);
}

describe("類似団体比較の画面 (e2e)", () => {
  it("図表10 の定員管理診断表、図表8・図表7・図表9 をブラウザで表示できる", { timeout: 90_000 }, async () => {
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

      // ---- 図表10 ----
      await page.getByRole("navigation", { name: "主な機能" }).getByRole("link", { name: "類似団体比較" }).click();
      await page.getByRole("navigation", { name: "類似団体比較のページ" }).getByRole("link", { name: "定員管理診断表(図表10)" }).click();
      await page.waitForURL(`${baseUrl}/comparison/diagnosis`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("定員管理診断表");
      const td = (row: string, col: string) => page.locator(`#zuhyo10 td[data-row="${row}"][data-col="${col}"]`).textContent();
      expect(await td("gikai", "current")).toBe("9");
      expect(await td("gikai", "simple-rate")).toBe("11.1");
      expect(await td("shobo", "simple-excess")).toBe("86");
      expect(await td("shobo", "simple-rate")).toBe("64.7");
      expect(await td("futsu", "simple-reference")).toBe("642");
      expect(await td("futsu", "corrected-reference")).toBe("731");
      expect(await td("futsu", "corrected-excess")).toBe("▲14");
      expect(await td("futsu", "corrected-rate")).toBe("▲2.0");
      expect(await td("rodo", "corrected-excess")).toBe("");
      expect(await td("rodo", "corrected-rate")).toBe("0.0");
      expect(await td("gokei", "previous")).toBe("1,075");
      expect(await td("gokei", "current")).toBe("1,100");
      expect(await td("gokei", "change")).toBe("25");
      expect(await page.locator("#zuhyo10 caption").textContent()).toBe("(図表10) 地方公共団体定員管理調査 定員管理診断表");
      // Numbers right-aligned, the header's four rows stacked, the table within the window.
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#zuhyo10 td[data-row="gikai"][data-col="current"]')).textAlign`)).toBe("right");
      expect(await page.locator("#zuhyo10 thead tr").count()).toBe(4);
      await fitsWindow(page);
      const fonts = await renderedFonts(page, "#zuhyo10 caption");
      expect(fonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(fonts)).toBe(true);
      await screenshot(page, "zuhyo10.png");

      // ---- 図表8 ----
      await page.goto(`${baseUrl}/comparison/peers`);
      expect(await page.locator('#zuhyo8 td[data-code="012246"][data-col="futsu-per10k"]').textContent()).toBe("73.16");
      expect(await page.locator('#zuhyo8 td[data-code="group"][data-col="futsu-per10k"]').textContent()).toBe("65.53");
      expect(await page.locator('#zuhyo8 td[data-code="group"][data-col="ippan-per10k"]').textContent()).toBe("52.13");
      await fitsWindow(page);
      await screenshot(page, "zuhyo8.png");

      // ---- 図表7 ----
      await page.goto(`${baseUrl}/comparison`);
      const own = page.locator('#zuhyo7 td[aria-current="true"]');
      expect(await own.getAttribute("data-group")).toBe("II-3");
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#zuhyo7 td[aria-current="true"]')).outlineStyle`)).toBe("solid");
      await screenshot(page, "zuhyo7.png");

      // ---- 図表9 ----
      await page.goto(`${baseUrl}/comparison/laspeyres`);
      const image = page.locator("figure.chart img");
      await image.waitFor({ state: "visible" });
      await page.waitForFunction("(() => { const img = document.querySelector('figure.chart img'); return img !== null && img.complete && img.naturalWidth > 0; })()");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(await page.locator('#zuhyo9 td[data-subject="own"][data-year="2024"]').textContent()).toBe("97.2");
      await screenshot(page, "zuhyo9.png");

      // ---- 全国診断 ----
      await page.goto(`${baseUrl}/comparison/nationwide?prefecture=01`);
      await page.locator('#nationwide th[data-sort="futsu"] a').click();
      await page.waitForURL(/sort=futsu&dir=desc/);
      expect(await page.locator('#nationwide th[data-sort="futsu"]').getAttribute("aria-sort")).toBe("descending");
      const ownRow = page.locator("#nationwide tr.own");
      expect(await ownRow.getAttribute("data-code")).toBe("012246");
      expect(await ownRow.locator('td[data-col="futsu"]').textContent()).toBe("10.5");
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#nationwide tr.own td')).backgroundColor`)).not.toBe("rgb(255, 255, 255)");
      await fitsWindow(page);
      await screenshot(page, "nationwide.png");

      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
