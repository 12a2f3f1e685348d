/**
 * Real-browser test support: the actual server (startServer) on a temporary SQLite file, and the system
 * Chromium driven through playwright-core. A missing Chromium fails the test (it is a broken test machine,
 * not a reason to skip).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
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
export const E2E_PASSWORD = "Teisu-e2e-2025!";

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
  /** The site's address, e.g. http://localhost:12345 (no trailing slash). */
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Console messages about the Content Security Policy from this page only (also collected in E2eSite.violations). */
  violations: string[];
}

export interface E2eSite {
  baseUrl: string;
  browser: Browser;
  municipality: MunicipalityRow;
  /** Console messages about the Content Security Policy, from every page opened through signIn/newPage. */
  violations: string[];
  newPage(): Promise<SignedIn>;
  signIn(username: string, password?: string): Promise<SignedIn>;
  /** Signs in on a new page, runs the check with it and closes its context afterwards, even when the login fails. */
  withSignedIn<T>(username: string, run: (signed: SignedIn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface E2eSiteOptions {
  demo: boolean;
  users: E2eUser[];
  prefix: string;
  /** The browser window of every page opened through signIn/newPage; 1280×900 unless given. */
  viewport?: { width: number; height: number };
  /** Extra data for the municipality (after the demo and the users, before the server starts). */
  prepare?: (tenant: TenantDb, municipality: MunicipalityRow) => Promise<void>;
}

/** Starts the real server (the demo city, or just 千歳市 without data) with the given users, and Chromium. */
export async function startSite(options: E2eSiteOptions): Promise<E2eSite> {
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
    await options.prepare?.(tenant, municipality);
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
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const newPage = async (): Promise<SignedIn> => {
    const context = await chromiumBrowser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport });
    const page = await context.newPage();
    const pageViolations: string[] = [];
    page.on("console", (message) => {
      if (!/Content Security Policy|Refused to/i.test(message.text())) return;
      const violation = `${page.url()}: ${message.text()}`;
      pageViolations.push(violation);
      violations.push(violation);
    });
    return { baseUrl, context, page, violations: pageViolations };
  };
  const logIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("ユーザー名").fill(username);
    await page.getByLabel("パスワード").fill(password);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole("button", { name: "ログイン" }).click()]);
  };
  return {
    baseUrl,
    browser: chromiumBrowser,
    municipality,
    violations,
    newPage,
    async signIn(username, password = E2E_PASSWORD) {
      const signed = await newPage();
      await logIn(signed.page, username, password);
      return signed;
    },
    async withSignedIn(username, run) {
      const signed = await newPage();
      try {
        await logIn(signed.page, username, E2E_PASSWORD);
        return await run(signed);
      } finally {
        await signed.context.close();
      }
    },
    async close() {
      await chromiumBrowser.close();
      await running.close(); // also closes the database
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * startSite before the file's tests (beforeAll) and close after them (afterAll). The returned function gives the
 * running site inside a test, and fails the test if it did not start.
 */
export function useSite(options: E2eSiteOptions): () => E2eSite {
  let site: E2eSite | undefined;
  beforeAll(async () => {
    site = await startSite(options);
  });
  afterAll(async () => {
    await site?.close();
  });
  return () => {
    if (!site) throw new Error("site did not start");
    return site;
  };
}

/** Waits until the image the selector names is shown and has really loaded (not a broken image); gives its locator. */
export async function loadedImage(page: Page, selector: string): Promise<Locator> {
  const image = page.locator(selector);
  await image.waitFor({ state: "visible" });
  await page.waitForFunction(
    `(() => { const img = document.querySelector(${JSON.stringify(selector)}); return img !== null && img.complete && img.naturalWidth > 0; })()`,
  );
  return image;
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
