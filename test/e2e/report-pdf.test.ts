/**
 * The 基本方針 regenerated for the demo city through the public CLI contract (`gyokaku report … --format pdf`),
 * printed by the system Chromium, and read back from the PDF with poppler (pdftotext, pdffonts, pdftoppm): every
 * table of the seed with the seed's numbers, the figure-bearing sentences, real 目次 page numbers, an embedded
 * IPAex font and a first page that is not blank. Leaves test-results/e2e/report-page1.png.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../../src/cli/program.js";
import { openDatabase } from "../../src/db/connection.js";
import { TenantDb } from "../../src/db/tenant.js";
import { forgetPageNumbers, printPolicyPdf } from "../../src/report/document/pdf.js";
import { requireMunicipalityByCode } from "../../src/services/municipalities.js";
import { loadPolicyDocument } from "../../src/services/policy-document.js";
import { SCREENSHOT_DIR } from "../support/e2e.js";

const dir = mkdtempSync(join(tmpdir(), "gyokaku-report-"));
const pdfPath = join(dir, "out", "policy-012246-2025.pdf");
let layout = "";
let raw = "";
let pages: string[] = [];

const squash = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/** A table row read back from the PDF: some line holds these cells in this order, side by side. */
function hasRow(cells: string[]): boolean {
  const wanted = cells.join(" ");
  return layout.split("\n").some((line) => ` ${line.trim().replace(/\s+/g, " ")} `.includes(` ${wanted} `));
}

function io(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), readStdin: async () => "", env: {} };
}

beforeAll(async () => {
  const database = `sqlite:${join(dir, "demo.db")}`;
  expect(await runCli(["demo", "--database", database], io())).toBe(0);
  const out = io();
  const code = await runCli(["report", "--municipality", "012246", "--edition", "2025", "--format", "pdf", "--out", join(dir, "out"), "--database", database], out);
  expect(code, out.lines.join("\n")).toBe(0);
  layout = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdfPath, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  // -raw: text in the order Chromium paints it, so a wrapped table cell reads as one run (no column interleaving).
  raw = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdfPath, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  pages = layout.split("\f");
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reform = JSON.parse(readFileSync(new URL("../../demo/chitose/reform.json", import.meta.url), "utf8")) as {
  subcommittees: { name: string; role: string }[];
  items: { number: number; name: string; plans: Record<string, { lines: string[] } | undefined>; history: { result?: { lines: string[] } }[] }[];
};

describe("gyokaku report --format pdf (the demo city's 基本方針 read back from the PDF)", () => {
  it("the 目次 lists every section with the page it really starts on", () => {
    const tocIndex = pages.findIndex((p) => /目\s*次/.test(p));
    expect(tocIndex).toBeGreaterThan(0);
    const entries = [...(pages[tocIndex] ?? "").matchAll(/^\s*(.+?)\s+(\d+)\s*$/gm)].map((m) => ({ title: squash(m[1] ?? ""), page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toEqual([
      "1背景と目的",
      "2業務改革",
      "(1)民間活力の推進",
      "(2)ICT等を活用した業務の見直し",
      "(3)重点推進項目",
      "3定数管理",
      "(1)これまでの取組と職員数の推移",
      "(2)定年年齢引上げに係る定数管理の考え方",
      "(3)類似団体との比較",
      "4組織・業務改革ヒアリング",
      "参考資料",
      "5令和7年度業務改革の重点推進項目と令和6年度の実施状況",
    ]);
    // As in the seed, the cover and the 目次 are neither numbered nor counted: the body starts on page 1.
    expect(entries[0]?.page).toBe(1);
    const footer = (sheet: string) => squash(sheet.trimEnd().split("\n").pop() ?? "");
    expect(footer(pages[0] ?? "")).not.toMatch(/^\d+$/);
    expect(footer(pages[tocIndex] ?? "")).not.toMatch(/^\d+$/);
    for (const e of entries) {
      const sheet = pages[tocIndex + e.page] ?? "";
      expect(sheet.split("\n").map(squash), `${e.title} on page ${e.page}`).toContain(e.title);
      expect(footer(sheet), `page number printed under ${e.title}`).toBe(String(e.page));
    }
    // Laid out like the seed: from section 3 on, every section starts on the seed's page (seed 目次: 5 5 7 8 9 10 12).
    // Sections 2 (2)(3) start earlier than the seed's 3 and 5 only because the demo's 図表1・2 are placeholders,
    // smaller than the seed's diagrams.
    expect(entries.slice(5).map((e) => e.page)).toEqual([5, 5, 7, 8, 9, 10, 12]);
    // 「※ 詳細については、NNページ以降を参照」 names the page of section 5.
    const items = entries[entries.length - 1];
    expect(squash(raw)).toContain(`詳細については、${items?.page}ページ以降を参照`);
  });

  it("contains the seed's tables with the seed's numbers (図表3, 4, 6, 8, 10, 11)", () => {
    const text = squash(raw);
    for (const s of reform.subcommittees) {
      expect(text).toContain(squash(s.name));
      expect(text).toContain(squash(s.role));
    }
    expect(hasRow(["企画部", "33", "35", "32", "41", "42", "50", "48", "45", "52", "63", "67"])).toBe(true);
    expect(hasRow(["一般職(合計)", "1,055", "985", "997", "1,010", "1,051", "1,058", "1,055", "1,053", "1,060", "1,084", "1,104", "1,061"])).toBe(true);
    expect(hasRow(["1,066", "(3%上限)", "1,092"])).toBe(true);
    expect(text).toContain("定年退職62歳");
    // 図表6 lists the seed's seven cohorts, 昭和38～44年生まれ.
    expect(text).toContain("昭和38年度生まれ");
    expect(text).toContain("昭和44年度生まれ");
    expect(text).not.toContain("昭和45年度生まれ");
    expect(text).not.toContain("昭和37年度生まれ");
    expect(text).toContain("定年退職者なし");
    expect(hasRow(["北海道", "室蘭市", "76,519", "511", "66.78", "343", "44.83"])).toBe(true);
    expect(hasRow(["北海道", "千歳市", "97,999", "717", "73.16", "528", "53.88"])).toBe(true);
    expect(hasRow(["II-3", "(107団体)", "合計", "7,683,019", "50,344", "65.53", "40,048", "52.13"])).toBe(true);
    expect(hasRow(["議会", "9", "9", "8", "1", "11.1", "8", "1", "11.1"])).toBe(true);
    expect(hasRow(["商工", "26", "25", "▲1", "14", "11", "44.0", "15", "10", "40.0"])).toBe(true);
    expect(hasRow(["普通会計計", "703", "717", "14", "642", "75", "10.5", "731", "▲14", "▲2.0"])).toBe(true);
    expect(hasRow(["合計", "1,075", "1,100", "25"])).toBe(true);
    expect(text).toContain(squash("商工一般、観光"));
    expect(text).toContain(squash("消防本部、消防署"));
  });

  it("contains the ten item sheets with their plans and past results", () => {
    const text = squash(raw);
    expect(reform.items).toHaveLength(10);
    for (const item of reform.items) {
      expect(text).toContain(squash(`(${item.number}) ${item.name}`));
      const plan = item.plans["2025"]?.lines[0];
      if (plan) expect(text).toContain(squash(plan));
      const result = item.history[0]?.result?.lines[0];
      if (result) expect(text).toContain(squash(result));
    }
    expect(text).toContain("同左");
  });

  it("states the seed's figures in the generated sentences", () => {
    const text = squash(raw);
    expect(text).toContain("人口1万人当たりの普通会計職員数は73.16人と、全国107団体の類似団体の平均65.53人を上回って");
    expect(text).toContain("642人(65.53×97,999/10,000)");
    expect(text).toContain("単純値(※1)ベースで75人(717-642)多い");
    expect(text).toContain("商工部門が40.0%と最も高く、議会11.1%、総務・企画11.0%など");
    expect(text).toContain("国家公務員の給与水準より低い97.2");
    expect(text).toContain("類似団体平均(注2)の98.2、全国市平均の98.6を下回って");
    expect(text).toContain("令和7年度(2025年度)は定年退職者が生じません");
    expect(text).toContain("次の10事業を業務改革の重点推進項目");
  });

  it("embeds the IPAex font and page 1 is not blank: it shows the cover in Japanese", () => {
    expect(execFileSync("pdffonts", [pdfPath], { encoding: "utf8" })).toMatch(/IPAexGothic\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(squash(pages[0] ?? "")).toContain("千歳市行政改革基本方針");
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdfPath, join(SCREENSHOT_DIR, "report-page1")]);
    execFileSync("pdftoppm", ["-gray", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdfPath, join(dir, "page1")]);
    const pgm = readFileSync(join(dir, "page1.pgm"));
    // P5 <width> <height> <max>\n then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString("latin1"));
    expect(header).not.toBeNull();
    const pixels = pgm.subarray((header?.[0] ?? "").length);
    const dark = pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    // Cover text (団体名, title, year, subtitle, 発行年月) in IPAex: a few thousand dark pixels at 60 dpi; blank is 0.
    expect(dark).toBeGreaterThan(1500);
    expect(readFileSync(join(SCREENSHOT_DIR, "report-page1.png")).subarray(1, 4).toString()).toBe("PNG");
  });
  it("prints a document it printed before in one pass, with the same 目次 page numbers (checked in that pass)", { timeout: 120_000 }, async () => {
    const database = await openDatabase(`sqlite:${join(dir, "demo.db")}`);
    try {
      const municipality = await requireMunicipalityByCode(database.db, "012246");
      const doc = await loadPolicyDocument(new TenantDb(database.db, municipality.id), municipality, 2025);
      forgetPageNumbers();
      const first = await printPolicyPdf(doc);
      const again = await printPolicyPdf(doc);
      expect(first.passes).toBeGreaterThanOrEqual(2);
      expect(again.passes).toBe(1);
      expect([...again.pages]).toEqual([...first.pages]);
      expect(again.html).toBe(first.html);
    } finally {
      await database.close();
    }
  });
});
