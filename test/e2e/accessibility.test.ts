/**
 * axe-core in real Chromium (JIS X 8341-3 AA ≈ WCAG 2.1 AA): zero violations on every page type of the app and of
 * the static public site (opened from the file system). The page types are listed here: a new page type is added
 * to APP_PAGES or SITE_PAGES.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "../../src/cli/program.js";
import { openDatabase } from "../../src/db/connection.js";
import { createApp } from "../../src/web/app.js";
import { E2E_PASSWORD, useSite } from "../support/e2e.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Every page type of the app (signed in as the secretariat unless `visitor`). `{item}`/`{unit}`/`{user}`/`{round}`/`{dept}` are filled in. */
const APP_PAGES: { path: string; visitor?: boolean }[] = [
  { path: "/login", visitor: true },
  { path: "/public", visitor: true },
  { path: "/" },
  { path: "/reform" },
  { path: "/reform/items/{item}" },
  { path: "/reform/items/{item}/edit" },
  { path: "/reform/indicators" },
  { path: "/reform/subcommittees" },
  { path: "/reform/updates" },
  { path: "/reform/verification" },
  { path: "/reform/import" },
  { path: "/reform/editions/2025/next" },
  { path: "/staffing" },
  { path: "/staffing/headcounts" },
  { path: "/staffing/chart" },
  { path: "/staffing/compliance" },
  { path: "/staffing/edit" },
  { path: "/staffing/headcounts/2025/edit" },
  { path: "/staffing/import" },
  { path: "/staffing/settings" },
  { path: "/staffing/age-profile" },
  { path: "/staffing/retirement" },
  { path: "/staffing/projection" },
  { path: "/staffing/scenarios" },
  { path: "/comparison" },
  { path: "/comparison/peers" },
  { path: "/comparison/diagnosis" },
  { path: "/comparison/laspeyres" },
  { path: "/comparison/regression" },
  { path: "/comparison/nationwide" },
  { path: "/comparison/import" },
  { path: "/hearings" },
  { path: "/hearings/{round}" },
  { path: "/hearings/{round}/overview" },
  { path: "/hearings/{round}/apply" },
  { path: "/hearings/{round}/departments/{dept}" },
  { path: "/hearings/{round}/departments/{dept}/forms/1" },
  { path: "/hearings/{round}/departments/{dept}/forms/2" },
  { path: "/hearings/{round}/departments/{dept}/forms/3" },
  { path: "/hearings/{round}/departments/{dept}/sheet" },
  { path: "/staffing/plans" },
  { path: "/publication" },
  { path: "/publication/document" },
  { path: "/publication/document/2025/preview" },
  { path: "/units" },
  { path: "/units/{unit}/edit" },
  { path: "/units/sectors" },
  { path: "/users" },
  { path: "/users/{user}" },
  { path: "/account/password" },
  { path: "/notifications" },
  { path: "/audit" },
  { path: "/security" },
  { path: "/no-such-page" },
  { path: "/reform/rounds" },
  { path: "{roundItem}" },
  { path: "{ageRoll}" },
  { path: "/staffing/scenarios/compare?id={scenario}" },
];

/**
 * GET routes that are not pages (files, images, data, API, health check): every other GET route the app registers
 * must be in APP_PAGES (checked below), so a new page type cannot be left out of the axe run.
 */
const NOT_PAGES = [
  /\.(css|js|svg|csv|xlsx|zip|json)$/,
  /^\/api\//,
  /^\/healthz$/,
  /\{\[0-9\]\{4\}\\\.pdf\}$/, // /publication/document/:file{[0-9]{4}\.pdf}
  /^\/reform\/attachments\/:id$/, // an item's image
  /^\/reform\/editions\/:file$/, // an edition as xlsx/CSV/JSON
  /^\/hearings\/:round\/departments\/:unit\/workbook$/, // the department's xlsx
];

/** A route or page path with every parameter as ":" (":id", "{item}", a number such as 2025) and no query. */
function routeShape(path: string): string {
  return (path.split("?")[0] ?? "").replace(/:[A-Za-z]+(\{[^}]*\})?|\{[A-Za-z]+\}/g, ":").replace(/\/\d+(?=\/|$)/g, "/:");
}

/** Every page type of the static public site, and the document itself as `gyokaku report --format html` writes it. */
const SITE_PAGES = ["index.html", "items/index.html", "items/01.html", "staffing.html", "comparison.html", "opendata.html", "../report/policy-012246-2025.html"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function violationsOf(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(TAGS)} }, resultTypes: ["violations"] })`)) as { violations: AxeViolation[] };
  return result.violations.map((v) => `${v.id} (${v.impact ?? ""}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`);
}

const ADMIN = "a11y-kanri";
const site = useSite({ demo: true, prefix: "a11y", users: [{ username: ADMIN, displayName: "行政管理課 事務局", role: "admin" }] });

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  const out = mkdtempSync(join(tmpdir(), "gyokaku-a11y-site-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("lists every page route the app registers (a new page type must be added to APP_PAGES)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-a11y-routes-"));
    const database = await openDatabase(`sqlite:${join(dir, "routes.db")}`);
    try {
      const app = createApp({ database, secureCookies: false });
      const listed = new Set(APP_PAGES.map((p) => routeShape(p.path)));
      // Placeholders for a whole path stand for these routes.
      listed.add(routeShape("/reform/rounds/:roundId/items/:itemId"));
      listed.add(routeShape("/staffing/age-profile/roll"));
      const pages = [...new Set(app.routes.filter((r) => r.method === "GET").map((r) => r.path))].filter((path) => !NOT_PAGES.some((re) => re.test(path)));
      expect(pages.length).toBeGreaterThan(50);
      expect(pages.filter((path) => !listed.has(routeShape(path)))).toEqual([]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds no violation on any page type of the app", { timeout: 420_000 }, async () => {
    const { baseUrl, browser } = site();
    const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const found: string[] = [];
      for (const p of APP_PAGES.filter((x) => x.visitor)) {
        await page.goto(`${baseUrl}${p.path}`);
        for (const v of await violationsOf(page)) found.push(`${p.path}: ${v}`);
      }
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("ユーザー名").fill(ADMIN);
      await page.getByLabel("パスワード").fill(E2E_PASSWORD);
      await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole("button", { name: "ログイン" }).click()]);
      await page.goto(`${baseUrl}/reform`);
      const itemHref = await page.locator('a[href^="/reform/items/"]').first().getAttribute("href");
      const item = /\/reform\/items\/(\d+)/.exec(itemHref ?? "")?.[1] ?? "";
      await page.goto(`${baseUrl}/units`);
      const unitHref = await page.locator('a[href$="/edit"][href^="/units/"]').first().getAttribute("href");
      const unit = /\/units\/(\d+)/.exec(unitHref ?? "")?.[1] ?? "";
      await page.goto(`${baseUrl}/users`);
      const userHref = await page.locator('a[href^="/users/"]').first().getAttribute("href");
      const user = /\/users\/(\d+)/.exec(userHref ?? "")?.[1] ?? "";
      await page.goto(`${baseUrl}/hearings`);
      const roundHref = await page.locator('a[href^="/hearings/"]').filter({ hasText: "例示" }).first().getAttribute("href");
      const round = /\/hearings\/(\d+)/.exec(roundHref ?? "")?.[1] ?? "";
      await page.goto(`${baseUrl}/hearings/${round}`);
      const deptHref = await page.locator(`a[href^="/hearings/${round}/departments/"]`).first().getAttribute("href");
      const dept = /\/departments\/(\d+)/.exec(deptHref ?? "")?.[1] ?? "";
      expect(item).not.toBe("");
      expect(unit).not.toBe("");
      expect(user).not.toBe("");
      expect(round).not.toBe("");
      expect(dept).not.toBe("");
      // An item's update form needs an update round (更新依頼): open one when the demo has none.
      await page.goto(`${baseUrl}/reform/rounds`);
      const roundItemLink = page.locator('a[href^="/reform/rounds/"][href*="/items/"]');
      if ((await roundItemLink.count()) === 0) {
        await page.locator("#round-due").fill("2027-03-31");
        await page.locator("#round-title").fill("アクセシビリティ確認");
        await Promise.all([page.waitForURL(/done=opened/), page.getByRole("button", { name: "更新依頼を出す" }).click()]);
      }
      const roundItem = (await roundItemLink.first().getAttribute("href")) ?? "";
      await page.goto(`${baseUrl}/staffing/age-profile`);
      const ageRoll = (await page.locator('a[href^="/staffing/age-profile/roll?"]').first().getAttribute("href")) ?? "";
      // Comparing scenarios needs a saved one.
      await page.goto(`${baseUrl}/staffing/projection`);
      await page.locator("#save #name").fill("アクセシビリティ確認");
      await Promise.all([page.waitForLoadState("load"), page.locator("#save button[type=submit]").click()]);
      await page.goto(`${baseUrl}/staffing/scenarios`);
      const scenario = (await page.locator('input[name="id"]').first().getAttribute("value")) ?? "";
      expect(roundItem).toMatch(/^\/reform\/rounds\/\d+\/items\/\d+$/);
      expect(ageRoll).toMatch(/^\/staffing\/age-profile\/roll\?unit=\d+&year=\d+$/);
      expect(scenario).toMatch(/^\d+$/);
      for (const p of APP_PAGES.filter((x) => !x.visitor)) {
        const path = p.path
          .replace("{item}", item)
          .replace("{unit}", unit)
          .replace("{user}", user)
          .replace("{round}", round)
          .replace("{dept}", dept)
          .replace("{roundItem}", roundItem)
          .replace("{ageRoll}", ageRoll)
          .replace("{scenario}", scenario);
        await page.goto(`${baseUrl}${path}`);
        for (const v of await violationsOf(page)) found.push(`${path}: ${v}`);
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("finds no violation on any page type of the static public site and on the document's HTML, opened from the file system", { timeout: 300_000 }, async () => {
    const { browser } = site();
    const io: CliIo = { out: () => undefined, err: () => undefined, readStdin: async () => "", env: {} };
    // The e2e site's database is private to the server; publish the demo from a database of its own.
    const db = `sqlite:${join(out, "demo.db")}`;
    expect(await runCli(["demo", "--database", db], io)).toBe(0);
    expect(await runCli(["publish", "--municipality", "012246", "--edition", "2025", "--out", join(out, "site"), "--database", db], io)).toBe(0);
    expect(await runCli(["report", "--municipality", "012246", "--edition", "2025", "--format", "html", "--out", join(out, "report"), "--database", db], io)).toBe(0);
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file://")) requests.push(r.url());
      });
      const found: string[] = [];
      for (const p of SITE_PAGES) {
        await page.goto(pathToFileURL(join(out, "site", p)).href);
        for (const v of await violationsOf(page)) found.push(`${p}: ${v}`);
      }
      expect(found).toEqual([]);
      expect(requests).toEqual([]);
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
