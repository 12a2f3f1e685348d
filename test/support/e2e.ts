/**
 * Real-browser test support: the actual server (startServer) on a temporary SQLite file, and the system
 * Chromium driven through playwright-core. A missing Chromium fails the test (it is a broken test machine,
 * not a reason to skip).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { type RunningServer, startServer } from "../../src/cli/server.js";
import { openDatabase } from "../../src/db/connection.js";
import type { MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { createMunicipality } from "../../src/services/municipalities.js";
import { addUser } from "../../src/services/users.js";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/e2e/", import.meta.url));
export const E2E_PASSWORD = "Chitose-e2e-2025!";

/** Flags that keep headless Chromium off the (closed) network and quiet as root. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface E2eUser {
  username: string;
  role: "admin" | "hq" | "editor" | "viewer";
  displayName?: string;
  unitCodes?: string[];
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

export interface E2eSite {
  baseUrl: string;
  browser: Browser;
  municipality: MunicipalityRow;
  /** Console messages about the Content Security Policy, from every page opened through signIn/newPage. */
  violations: string[];
  newPage(): Promise<SignedIn>;
  signIn(username: string, password?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

/** Starts the real server (the demo city, or just 千歳市 without data) with the given users, and Chromium. */
export async function startSite(options: { demo: boolean; users: E2eUser[]; prefix: string }): Promise<E2eSite> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium が見つかりません: ${CHROMIUM} — apt-get install chromium fonts-ipaexfont-gothic`);
  const dir = mkdtempSync(join(tmpdir(), `gyokaku-e2e-${options.prefix}-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let municipality: MunicipalityRow;
  try {
    const database = await openDatabase(`sqlite:${join(dir, "e2e.db")}`);
    municipality = options.demo
      ? (await loadDemo(database.db)).municipality
      : await createMunicipality(database.db, { code: "012246", name: "千歳市", prefecture: "北海道" }, CLI_ACTOR);
    const tenant = new TenantDb(database.db, municipality.id);
    for (const u of options.users) {
      await addUser(tenant, { username: u.username, displayName: u.displayName, role: u.role, unitCodes: u.unitCodes ?? [], password: E2E_PASSWORD }, CLI_ACTOR);
    }
    server = await startServer({ database, port: 0, host: "127.0.0.1", secureCookies: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const chromiumBrowser = browser;
  // "localhost", not 127.0.0.1: Chromium keeps Secure cookies on plain http only for localhost.
  const baseUrl = `http://localhost:${running.port}`;
  const violations: string[] = [];
  const newPage = async (): Promise<SignedIn> => {
    const context = await chromiumBrowser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    return { context, page };
  };
  return {
    baseUrl,
    browser: chromiumBrowser,
    municipality,
    violations,
    newPage,
    async signIn(username, password = E2E_PASSWORD) {
      const signed = await newPage();
      await signed.page.goto(`${baseUrl}/login`);
      await signed.page.getByLabel("ユーザー名").fill(username);
      await signed.page.getByLabel("パスワード").fill(password);
      await Promise.all([signed.page.waitForURL(`${baseUrl}/`), signed.page.getByRole("button", { name: "ログイン" }).click()]);
      return signed;
    },
    async close() {
      await chromiumBrowser.close();
      await running.close(); // also closes the database
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A full-page screenshot under test-results/e2e/, checked to be a real picture (not a blank page). */
export async function shoot(page: Page, name: string, minBytes = 20_000): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(minBytes);
  return path;
}

/** The font families Chromium actually drew an element's text with (not what the CSS asked for). */
export async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
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
