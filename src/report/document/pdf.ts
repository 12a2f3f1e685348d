/**
 * PDF of the 基本方針 by printing the HTML in Chromium (playwright-core, Debian's chromium, IPAex font).
 *
 * Engine choice (measured on this machine, see README/bench/report.ts): Chromium's own print honours the @page
 * margin boxes (running header, page numbers) and named pages (landscape), but not target-counter(), so the 目次
 * gets its page numbers from a second pass: print once, read each page's text with pdftotext, find the page of
 * every 目次 heading in document order, render the 目次 with those numbers, print again (and check the numbers
 * did not move; a third pass if they did). The numbers are remembered for the same document, so a reprint takes one
 * pass. One engine, one layout, fonts embedded by Chromium.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { tocEntries, type PolicyDocument } from "./model.js";
import { renderPolicyHtml } from "./render.js";

const run = promisify(execFile);

/** Where Chromium is looked for: the CHROMIUM_PATH environment variable (read at each print), else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env["CHROMIUM_PATH"] || "/usr/bin/chromium";
}
/** Flags that keep headless Chromium off the (closed) network and quiet as root (same as test/support/e2e.ts). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const FONT_FILES = ["/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"];

/** What the PDF needs from the system, and the Debian command that installs it. */
export const PDF_INSTALL_HINT = "apt-get install -y chromium fonts-ipaexfont-gothic poppler-utils";

/** Chromium, the Japanese font or pdftotext is missing: the message says what to install. */
export class PdfToolsMissing extends Error {
  override readonly name = "PdfToolsMissing";
  constructor(readonly missing: string[]) {
    super(`PDFを作成できません: ${missing.join("、")}がありません。インストールしてください: ${PDF_INSTALL_HINT}`);
  }
}

async function hasCommand(name: string): Promise<boolean> {
  try {
    await run(name, ["-v"]);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

/** The tools the PDF needs that are missing on this machine (empty when all are there). */
export async function missingPdfTools(chromium = chromiumPath()): Promise<string[]> {
  const missing: string[] = [];
  if (!existsSync(chromium)) missing.push(`Chromium (${chromium})`);
  if (!FONT_FILES.some((f) => existsSync(f))) missing.push("日本語フォント (IPAexゴシック)");
  if (!(await hasCommand("pdftotext"))) missing.push("pdftotext (poppler-utils)");
  return missing;
}

/** Starts the system Chromium for printing (keep one for a batch: launch costs 0.5–2 s). */
export async function launchPrintBrowser(executablePath = chromiumPath()): Promise<Browser> {
  const missing = await missingPdfTools(executablePath);
  if (missing.length > 0) throw new PdfToolsMissing(missing);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A shared Chromium closes after this long without a print (ms). */
const SHARED_IDLE_MS = 60_000;
let shared: Promise<Browser> | null = null;
let sharedUsers = 0;
let sharedIdle: NodeJS.Timeout | null = null;

/**
 * Runs `print` with the server's one Chromium: launched on the first print, reused by the prints after it (a launch
 * costs 0.5–2 s, more on a busy machine), closed after a minute without use. For the long-running app; the CLI
 * launches its own and closes it.
 * @throws PdfToolsMissing when Chromium, the font or pdftotext is missing (nothing is kept then).
 */
export async function withSharedPrintBrowser<T>(print: (browser: Browser) => Promise<T>): Promise<T> {
  if (sharedIdle) {
    clearTimeout(sharedIdle);
    sharedIdle = null;
  }
  sharedUsers += 1;
  try {
    if (!shared) {
      const launching = launchPrintBrowser();
      shared = launching;
      launching.then(
        (browser) =>
          browser.on("disconnected", () => {
            if (shared === launching) shared = null;
          }),
        () => {
          if (shared === launching) shared = null;
        },
      );
    }
    return await print(await shared);
  } finally {
    sharedUsers -= 1;
    if (sharedUsers === 0 && shared) {
      sharedIdle = setTimeout(() => void closeSharedPrintBrowser(), SHARED_IDLE_MS);
      sharedIdle.unref();
    }
  }
}

/** Closes the shared Chromium if one is running (the server calls it when it stops). */
export async function closeSharedPrintBrowser(): Promise<void> {
  if (sharedIdle) {
    clearTimeout(sharedIdle);
    sharedIdle = null;
  }
  const current = shared;
  shared = null;
  if (current) await current.then((browser) => browser.close()).catch(() => undefined);
}

/**
 * Prints one HTML document to PDF (A4 and landscape pages come from the document's @page rules). `draft`: a pass
 * only read for its page breaks, printed without the structure tags and the bookmarks (same layout, ~20% faster).
 */
export async function printHtml(browser: Browser, html: string, options: { draft?: boolean } = {}): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    return await printOn(await context.newPage(), html, options);
  } finally {
    await context.close();
  }
}

/** Prints `html` on an open page (the passes of one document share one page: a new context costs ~150 ms). */
async function printOn(page: Page, html: string, options: { draft?: boolean }): Promise<Buffer> {
  await page.setContent(html, { waitUntil: "load" });
  const final = options.draft !== true;
  return page.pdf({ preferCSSPageSize: true, printBackground: final, tagged: final, outline: final });
}

/** The text of each page of a PDF (pdftotext; pages are split at form feeds). */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-pdf-"));
  try {
    const file = join(dir, "doc.pdf");
    writeFileSync(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
    const pages = stdout.split("\f");
    if (pages[pages.length - 1]?.trim() === "") pages.pop();
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const squash = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/**
 * The printed page number of each 目次 heading: headings are looked for in document order, each on a line of its own
 * (label and text, spaces ignored) at or after the page of the one before, after the 目次 page itself. As in the
 * seed, the cover and the 目次 are not counted: the body starts on page 1 right after the 目次 (styles.ts), so the
 * number is the sheet's position minus the front pages.
 */
export function headingPages(doc: PolicyDocument, pageTexts: readonly string[]): Map<string, number> {
  const sheets = new Map<string, number>();
  const tocPage = pageTexts.findIndex((t) => /目\s*次/.test(t));
  let from = tocPage + 1;
  for (const entry of tocEntries(doc.blocks)) {
    const wanted = squash(`${entry.label}${entry.text}`);
    for (let i = from; i < pageTexts.length; i++) {
      const lines = (pageTexts[i] ?? "").split("\n").map(squash);
      if (lines.includes(wanted)) {
        sheets.set(entry.id, i);
        from = i;
        break;
      }
    }
  }
  // The first 目次 heading opens the body (the 目次 ends with a page break): its sheet is page 1.
  const front = Math.min(...sheets.values());
  return new Map([...sheets].map(([id, sheet]) => [id, sheet - front + 1]));
}

export interface PolicyPdf {
  pdf: Buffer;
  /** The HTML that was printed last (with the 目次 page numbers). */
  html: string;
  pages: Map<string, number>;
  pageCount: number;
  passes: number;
  /** SHA-256 (hex) of the document's HTML before numbering ({@link policyHtmlKey}). */
  key: string;
}

const samePages = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * What identifies a printed document: the SHA-256 (hex) of its HTML before the 目次 numbers are filled in. Equal keys
 * print equal PDFs (same data, same layout code), so a stored PDF with the same key may be handed out instead.
 */
export function policyHtmlKey(doc: PolicyDocument): string {
  return htmlKey(renderPolicyHtml(doc));
}

const htmlKey = (draft: string) => createHash("sha256").update(draft).digest("hex");

/** 目次 page numbers of the documents printed lately, by the SHA-256 of their HTML before numbering. */
const pageCache = new Map<string, Map<string, number>>();
const PAGE_CACHE_SIZE = 16;

/** Forgets the remembered 目次 page numbers (the bench measures a first print with it). */
export function forgetPageNumbers(): void {
  pageCache.clear();
}

function remember(key: string, pages: Map<string, number>): void {
  pageCache.delete(key);
  pageCache.set(key, pages);
  if (pageCache.size > PAGE_CACHE_SIZE) pageCache.delete(pageCache.keys().next().value as string);
}

/**
 * Prints the document with real 目次 page numbers: a first pass to find the pages, a second with the numbers (a third
 * when they moved). The numbers found are kept for the same document (same HTML before numbering), so printing it
 * again (the app's PDF, the zip, a bench) takes one pass when they did not move; they are still checked in that pass.
 * `guess`: page numbers to try first when none are remembered (e.g. those of the edition's last print: a change of
 * data rarely moves a section), checked the same way. Pass a running `browser` to reuse it; otherwise one is
 * launched and closed.
 * @throws PdfToolsMissing when Chromium, the font or pdftotext is missing.
 */
export async function printPolicyPdf(doc: PolicyDocument, options: { browser?: Browser; guess?: ReadonlyMap<string, number> } = {}): Promise<PolicyPdf> {
  const browser = options.browser ?? (await launchPrintBrowser());
  try {
    const draft = renderPolicyHtml(doc);
    const key = htmlKey(draft);
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      let passes = 0;
      let pages = pageCache.get(key) ?? (options.guess && options.guess.size > 0 ? new Map(options.guess) : undefined);
      if (!pages) {
        const first = await printOn(page, draft, { draft: true });
        passes += 1;
        pages = headingPages(doc, await pdfPageTexts(first));
      }
      for (;;) {
        const html = renderPolicyHtml(doc, { pages });
        const pdf = await printOn(page, html, {});
        passes += 1;
        const texts = await pdfPageTexts(pdf);
        const again = headingPages(doc, texts);
        if (samePages(again, pages) || passes >= 3) {
          remember(key, again);
          return { pdf, html, pages: again, pageCount: texts.length, passes, key };
        }
        pages = again;
      }
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}
