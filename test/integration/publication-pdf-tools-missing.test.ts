/**
 * Issue 12: when Chromium (or the font, or pdftotext) is missing, `report --format pdf` says exactly what to install
 * and still writes the HTML; `publish` writes the whole site without the PDF, says why, and links no missing PDF.
 * CHROMIUM_PATH points at a file that does not exist (read at each print, src/report/document/pdf.ts chromiumPath).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { PDF_INSTALL_HINT } from "../../src/report/document/pdf.js";
import { loadDemo } from "../../src/services/demo.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase } from "../support/databases.js";

const MISSING = "/nonexistent/gyokaku-test/chromium";
let saved: string | undefined;
beforeEach(() => {
  saved = process.env["CHROMIUM_PATH"];
  process.env["CHROMIUM_PATH"] = MISSING;
});
afterEach(() => {
  if (saved === undefined) delete process.env["CHROMIUM_PATH"];
  else process.env["CHROMIUM_PATH"] = saved;
});

describeEachDatabase("PDF tools missing", (get) => {
  it("report --format pdf names what is missing and the apt-get line, exits non-zero, and still writes the HTML", { timeout: 120_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-nochromium-"));
    try {
      const io = captureIo();
      const code = await runCli(["report", "--municipality", municipality.code, "--edition", "2025", "--format", "pdf", "--out", dir, "--database", databaseArg(t)], io);
      expect(code).not.toBe(0);
      const err = io.stderr.join("\n");
      expect(err).toContain(`Chromium (${MISSING})がありません`);
      expect(err).toContain(`インストールしてください: ${PDF_INSTALL_HINT}`);
      expect(PDF_INSTALL_HINT).toBe("apt-get install -y chromium fonts-ipaexfont-gothic poppler-utils");
      expect(err).not.toMatch(/予期しない|ENOENT|Executable|playwright/i);
      expect(io.stdout.join("\n")).toContain("PDFは作成できませんでした");
      expect(readdirSync(dir)).toEqual([`policy-${municipality.code}-2025.html`]);
      const html = readFileSync(join(dir, `policy-${municipality.code}-2025.html`), "utf8");
      expect(html).toContain("背景と目的");
      expect(html).toContain("行政部門の説明");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("publish writes every page and the open data without the PDF, says why, and links no missing PDF", { timeout: 120_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-nochromium-"));
    const out = join(dir, "site");
    try {
      const io = captureIo();
      const code = await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io);
      expect(code).toBe(0);
      expect(io.stderr.join("\n")).toContain(`PDFは書き出していません — PDFを作成できません: Chromium (${MISSING})がありません。インストールしてください: ${PDF_INSTALL_HINT}`);
      expect(existsSync(join(out, "index.html"))).toBe(true);
      expect(existsSync(join(out, "opendata", `${municipality.code}_headcounts.csv`))).toBe(true);
      expect(existsSync(join(out, "basic-policy.pdf"))).toBe(false);
      for (const page of ["index.html", "items/index.html", "staffing.html", "comparison.html", "opendata.html"]) {
        expect(readFileSync(join(out, page), "utf8"), page).not.toContain("basic-policy.pdf");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
