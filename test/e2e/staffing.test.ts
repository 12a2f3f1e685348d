/**
 * Real-browser test of the 定数管理 pages: the actual server (startServer) on a temporary SQLite file with the
 * demo city loaded, driven by the system Chromium through playwright-core. Checks 図表4's cells, that 図表5 is
 * drawn (image loaded, text drawn with a Japanese font, no CSP violation) and leaves screenshots in
 * test-results/e2e/zuhyo4.png and zuhyo5.png.
 */
import { describe, expect, it } from "vitest";
import { loadedImage, renderedFonts, shoot, useSite } from "../support/e2e.js";

const USERNAME = "teisu-kanri";

const site = useSite({ demo: true, prefix: "staffing", users: [{ username: USERNAME, role: "admin" }], viewport: { width: 1280, height: 800 } });

describe("定数管理の画面 (e2e)", () => {
  it("図表4 の表と図表5 のグラフをブラウザで表示できる", { timeout: 90_000 }, async () => {
    await site().withSignedIn(USERNAME, async ({ baseUrl, page, violations }) => {
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

      await shoot(page, "zuhyo4.png");

      // ---- 図表5 ----
      await page.goto(`${baseUrl}/staffing/chart?from=2005&to=2025`);
      const image = await loadedImage(page, "figure.chart img");
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(400);
      expect(box?.height ?? 0).toBeGreaterThan(150);
      expect(await image.getAttribute("alt")).toContain("職員数と人口の推移");
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main).toContain("2025");
      expect(main).toContain("(図表5) 平成17年度(2005年度)～令和7年度(2025年度) 職員数と人口の推移");
      expect(await page.locator('#zuhyo5 td[data-col="per10k"][data-year="2024"]').textContent()).toBe("110.61");

      await shoot(page, "zuhyo5.png");

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
    });
  });
});
