/**
 * Real-browser test of the 類似団体比較 pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表10's cells as the seed prints
 * them, that the wide table fits (scrolls in its wrapper), 図表8 and the 図表9 chart, with no CSP violation, and
 * leaves screenshots in test-results/e2e/zuhyo10.png, zuhyo8.png, zuhyo7.png, zuhyo9.png and nationwide.png.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importComparison } from "../../src/services/comparison-import.js";
import { loadedImage, renderedFonts, shoot, useSite } from "../support/e2e.js";

const USERNAME = "hikaku-kanri";

const site = useSite({
  demo: true,
  prefix: "comparison",
  users: [{ username: USERNAME, role: "admin" }],
  viewport: { width: 1280, height: 800 },
  // A small nationwide dataset beside the demo's own figures, for the 全国診断 page.
  async prepare(tenant, municipality) {
    for (const name of ["dantai-r6.csv", "ruiji-averages-r6.csv"]) {
      await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/mic/${name}`, import.meta.url))) }, municipality.name);
    }
  },
});

async function fitsWindow(page: Page): Promise<void> {
  // (Expressions as strings: the tests are compiled without the DOM library, as in login-smoke.test.ts.)
  const widths = await page.evaluate<{ page: number; window: number }>("({ page: document.documentElement.scrollWidth, window: window.innerWidth })");
  expect(widths.page, JSON.stringify(widths)).toBeLessThanOrEqual(widths.window);
}

describe("類似団体比較の画面 (e2e)", () => {
  it("図表10 の定員管理診断表、図表8・図表7・図表9 をブラウザで表示できる", { timeout: 90_000 }, async () => {
    await site().withSignedIn(USERNAME, async ({ baseUrl, page, violations }) => {
      // ---- 図表10 ----
      await page.getByRole("navigation", { name: "主な機能" }).getByRole("link", { name: "類似団体比較" }).click();
      await page.getByRole("navigation", { name: "類似団体比較のページ" }).getByRole("link", { name: "定員管理診断表(図表10)" }).click();
      await page.waitForURL(`${baseUrl}/comparison/diagnosis`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("定員管理診断表");
      const td = (row: string, col: string) => page.locator(`#zuhyo10 td[data-row="${row}"][data-col="${col}"]`).textContent();
      const cells: Record<string, Record<string, string>> = {
        gikai: { current: "9", "simple-rate": "11.1" },
        shobo: { "simple-excess": "86", "simple-rate": "64.7" },
        futsu: { "simple-reference": "642", "corrected-reference": "731", "corrected-excess": "▲14", "corrected-rate": "▲2.0" },
        rodo: { "corrected-excess": "", "corrected-rate": "0.0" },
        gokei: { previous: "1,075", current: "1,100", change: "25" },
      };
      for (const [row, cols] of Object.entries(cells)) {
        for (const [col, text] of Object.entries(cols)) expect(await td(row, col), `${row} ${col}`).toBe(text);
      }
      expect(await page.locator("#zuhyo10 caption").textContent()).toBe("(図表10) 地方公共団体定員管理調査 定員管理診断表");
      // Numbers right-aligned, the header's four rows stacked, the table within the window.
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#zuhyo10 td[data-row="gikai"][data-col="current"]')).textAlign`)).toBe("right");
      expect(await page.locator("#zuhyo10 thead tr").count()).toBe(4);
      await fitsWindow(page);
      const fonts = await renderedFonts(page, "#zuhyo10 caption");
      expect(fonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(fonts)).toBe(true);
      await shoot(page, "zuhyo10.png");

      // ---- 図表8 ----
      await page.goto(`${baseUrl}/comparison/peers`);
      expect(await page.locator('#zuhyo8 td[data-code="012246"][data-col="futsu-per10k"]').textContent()).toBe("73.16");
      expect(await page.locator('#zuhyo8 td[data-code="group"][data-col="futsu-per10k"]').textContent()).toBe("65.53");
      expect(await page.locator('#zuhyo8 td[data-code="group"][data-col="ippan-per10k"]').textContent()).toBe("52.13");
      await fitsWindow(page);
      await shoot(page, "zuhyo8.png");

      // ---- 図表7 ----
      await page.goto(`${baseUrl}/comparison`);
      const own = page.locator('#zuhyo7 td[aria-current="true"]');
      expect(await own.getAttribute("data-group")).toBe("II-3");
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#zuhyo7 td[aria-current="true"]')).outlineStyle`)).toBe("solid");
      await shoot(page, "zuhyo7.png");

      // ---- 図表9 ----
      await page.goto(`${baseUrl}/comparison/laspeyres`);
      const image = await loadedImage(page, "figure.chart img");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(await page.locator('#zuhyo9 td[data-subject="own"][data-year="2024"]').textContent()).toBe("97.2");
      await shoot(page, "zuhyo9.png");

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
      await shoot(page, "nationwide.png");

      expect(violations).toEqual([]);
    });
  });
});
