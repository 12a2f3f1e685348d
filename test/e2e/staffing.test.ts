/**
 * Real-browser test of the 定数管理 pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表4's cells, that 図表5 is
 * drawn (image loaded, text drawn with a Japanese font, no CSP violation) and leaves screenshots in
 * test-results/e2e/zuhyo4.png and zuhyo5.png.
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
const USERNAME = "teisu-kanri";
const PASSWORD = "Chitose-teisu-2025!";
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
  dir = mkdtempSync(join(tmpdir(), "gyokaku-e2e-staffing-"));
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

describe("定数管理の画面 (e2e)", () => {
  it("図表4 の表と図表5 のグラフをブラウザで表示できる", { timeout: 90_000 }, async () => {
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

      // ---- 図表4 ----
      await page.goto(`${baseUrl}/staffing/headcounts?from=2005&to=2025`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("部局別職員数の推移");
      const td = (selector: string) => page.locator(`#zuhyo4 td${selector}`);
      expect(await td('[data-unit="市長部局"][data-row="unit"][data-year="2025"]').textContent()).toBe("533");
      expect(await td('[data-row="general-total"][data-year="2005"]').textContent()).toBe("1,055");
      expect(await td('[data-unit="こども福祉部"][data-row="unit"][data-year="2005"]').textContent()).toBe("");
      expect(await td('[data-row="quota-total"][data-col="quota"]').textContent()).toBe("(3%上限) 1,092");
      expect(await page.locator("#zuhyo4 caption").textContent()).toBe("(図表4) 平成17年度(2005年度)～令和7年度(2025年度) 部局別職員数の推移");

      // The wide table scrolls inside its wrapper; the page itself does not get wider than the window.
      // (Expressions as strings: the tests are compiled without the DOM library, as in login-smoke.test.ts.)
      const widths = await page.evaluate<{ page: number; window: number }>(
        "({ page: document.documentElement.scrollWidth, window: window.innerWidth })",
      );
      expect(widths.page, JSON.stringify(widths)).toBeLessThanOrEqual(widths.window);

      // Japanese text in the table is drawn with a real Japanese font.
      const tableFonts = await renderedFonts(page, "#zuhyo4 caption");
      expect(tableFonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(tableFonts)).toBe(true);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const zuhyo4 = join(SCREENSHOT_DIR, "zuhyo4.png");
      await page.screenshot({ path: zuhyo4, fullPage: true });
      expect(statSync(zuhyo4).size).toBeGreaterThan(20_000);

      // ---- 図表5 ----
      await page.goto(`${baseUrl}/staffing/chart?from=2005&to=2025`);
      const image = page.locator("figure.chart img");
      await image.waitFor({ state: "visible" });
      await page.waitForFunction("(() => { const img = document.querySelector('figure.chart img'); return img !== null && img.complete && img.naturalWidth > 0; })()");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(box?.height ?? 0).toBeGreaterThan(150);
      expect(await image.getAttribute("alt")).toContain("職員数と人口の推移");
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main).toContain("2025");
      expect(main).toContain("(図表5) 平成17年度(2005年度)～令和7年度(2025年度) 職員数と人口の推移");
      expect(await page.locator('#zuhyo5 td[data-col="per10k"][data-year="2024"]').textContent()).toBe("110.61");

      const zuhyo5 = join(SCREENSHOT_DIR, "zuhyo5.png");
      await page.screenshot({ path: zuhyo5, fullPage: true });
      expect(statSync(zuhyo5).size).toBeGreaterThan(20_000);

      // The SVG on its own, under the same CSP: its text is laid out and drawn with the Japanese font.
      await page.goto(`${baseUrl}/staffing/chart.svg?from=2005&to=2025`);
      const labels = await page.evaluate<{ text: string; width: number; font: string; size: string }[]>(
        "[...document.querySelectorAll('text')].map((t) => ({ text: t.textContent, width: t.getBBox().width, font: getComputedStyle(t).fontFamily, size: getComputedStyle(t).fontSize }))",
      );
      for (const label of ["令7", "(2025)", "平17", "一般職(合計)", "住基人口"]) {
        const drawn = labels.find((l) => l.text === label);
        expect(drawn, `SVG のラベル「${label}」`).toBeDefined();
        expect(drawn?.width ?? 0).toBeGreaterThan(0);
        expect(drawn?.font).toContain("IPAexGothic");
      }
      expect(labels.find((l) => l.text === "令7")?.size).toBe("12px");
      const svgFonts = await renderedFonts(page, "text");
      expect(svgFonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(svgFonts)).toBe(true);

      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
