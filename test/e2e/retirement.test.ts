/**
 * Real-browser test of the 定年引上げ pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表6's 定年退職者なし columns
 * and the projection's table and chart (image loaded, no CSP violation), and leaves screenshots in
 * test-results/e2e/cohort-table.png and projection.png.
 */
import { describe, expect, it } from "vitest";
import { loadedImage, renderedFonts, shoot, useSite } from "../support/e2e.js";

const USERNAME = "teinen-kanri";
const NO_RETIREES = [2023, 2025, 2027, 2029, 2031];

const site = useSite({ demo: true, prefix: "retirement", users: [{ username: USERNAME, role: "admin" }], viewport: { width: 1280, height: 800 } });

describe("定年引上げの画面 (e2e)", () => {
  it("図表6 と推計・採用計画をブラウザで表示できる", { timeout: 90_000 }, async () => {
    await site().withSignedIn(USERNAME, async ({ baseUrl, page, violations }) => {
      // ---- 図表6: reached through the 定数管理 navigation ----
      await page.goto(`${baseUrl}/staffing`);
      await Promise.all([page.waitForURL(/\/staffing\/retirement$/), page.getByRole("link", { name: "定年引上げ(図表6)" }).click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("定年引上げに伴う退職者の予定");
      expect(await page.locator("#cohort-table caption").textContent()).toBe("(図表6) 定年引上げに伴う退職者の予定");
      for (let fy = 2023; fy <= 2035; fy++) {
        const header = (await page.locator(`#cohort-table td[data-row="retirees"][data-year="${fy}"]`).textContent()) ?? "";
        if (NO_RETIREES.includes(fy)) expect(header, String(fy)).toBe("定年退職者なし");
        else expect(header, String(fy)).not.toContain("なし");
      }
      const retire = page.locator('#cohort-table td[data-cohort="1964"][data-year="2026"]');
      expect(await retire.textContent()).toBe("定年退職 62歳");
      expect(await retire.getAttribute("class")).toBe("retire");
      // The retirement cell is styled apart from the ages around it (the stylesheet is loaded under the CSP).
      const backgrounds = await page.evaluate<{ retire: string; age: string }>(
        "({ retire: getComputedStyle(document.querySelector('#cohort-table td.retire')).backgroundColor, age: getComputedStyle(document.querySelector('#cohort-table td.num[data-cohort]')).backgroundColor })",
      );
      expect(backgrounds.retire).not.toBe(backgrounds.age);
      const widths = await page.evaluate<{ page: number; window: number }>("({ page: document.documentElement.scrollWidth, window: window.innerWidth })");
      expect(widths.page, JSON.stringify(widths)).toBeLessThanOrEqual(widths.window);
      const fonts = await renderedFonts(page, "#cohort-table caption");
      expect(fonts.some((f) => f.familyName.includes("IPAex") && f.glyphCount > 0), JSON.stringify(fonts)).toBe(true);

      await shoot(page, "cohort-table.png");

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

      const image = await loadedImage(page, "figure.chart img");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(box?.height ?? 0).toBeGreaterThan(150);

      await shoot(page, "projection.png");

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
    });
  });
});
