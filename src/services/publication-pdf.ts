/**
 * The PDF of the 基本方針: the yearly document (services/policy-document.ts) printed in Chromium
 * (src/report/document/pdf.ts), kept per edition with the hash of the HTML it was printed from (publication_pdfs).
 * An approved edition is fixed content, so publishing it again (the CLI, the app's zip) or downloading its PDF hands
 * out the stored PDF instead of printing for seconds; any change of its data or of the layout code changes the hash
 * and the next request prints and stores it again. When Chromium, the font or pdftotext is missing, the site is still
 * written and the problem says what to install.
 */
import type { Browser } from "playwright-core";
import type { TenantDb } from "../db/tenant.js";
import type { PolicyDocument } from "../report/document/model.js";
import { PdfToolsMissing, policyHtmlKey, printPolicyPdf, withSharedPrintBrowser } from "../report/document/pdf.js";
import { renderPolicyHtml } from "../report/document/render.js";
import type { PdfMaker } from "./publish-site.js";

/** A PDF of the document, stored or just printed. */
export interface EditionPdf {
  pdf: Uint8Array;
  /** The HTML the PDF was printed from (with the 目次 page numbers); rendered on demand (publish does not need it). */
  html: () => string;
  pageCount: number;
  /** true: the stored PDF was reused (no Chromium). */
  reused: boolean;
}

function parsePages(json: string): Map<string, number> {
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === "object") return new Map(Object.entries(value).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    // A damaged cache row only costs a print.
  }
  return new Map();
}

/**
 * The PDF of `doc` (edition `fiscalYear`): the stored one when it was printed from the same HTML, otherwise printed
 * with `browser` (a function, so Chromium starts only when a print is needed) and stored for the next time. The page
 * numbers of the last print are tried first, which saves a pass when the change moved no section.
 * @throws PdfToolsMissing when a print is needed and Chromium, the font or pdftotext is missing.
 */
export async function editionPdf(tenant: Pick<TenantDb, "publicationPdfs">, fiscalYear: number, doc: PolicyDocument, print: (run: (browser: Browser | undefined) => Promise<EditionPdf>) => Promise<EditionPdf>): Promise<EditionPdf> {
  const key = policyHtmlKey(doc);
  const stored = await tenant.publicationPdfs.get(fiscalYear);
  if (stored && stored.document_hash === key) {
    const pages = parsePages(stored.pages_json);
    return { pdf: new Uint8Array(Buffer.from(stored.pdf_base64, "base64")), html: () => renderPolicyHtml(doc, { pages }), pageCount: stored.page_count, reused: true };
  }
  const guess = stored ? parsePages(stored.pages_json) : undefined;
  return print(async (browser) => {
    const printed = await printPolicyPdf(doc, { ...(browser ? { browser } : {}), ...(guess ? { guess } : {}) });
    await tenant.publicationPdfs.put(fiscalYear, {
      documentHash: printed.key,
      pdfBase64: printed.pdf.toString("base64"),
      pagesJson: JSON.stringify(Object.fromEntries(printed.pages)),
      pageCount: printed.pageCount,
      printedAt: new Date().toISOString(),
    });
    return { pdf: new Uint8Array(printed.pdf), html: () => printed.html, pageCount: printed.pageCount, reused: false };
  });
}

/** For the CLI: a print launches its own Chromium and closes it. */
export const ownBrowser = (run: (browser: Browser | undefined) => Promise<EditionPdf>) => run(undefined);
/** For the app: a print uses the server's shared Chromium (pdf.ts withSharedPrintBrowser). */
export const sharedBrowser = (run: (browser: Browser | undefined) => Promise<EditionPdf>) => withSharedPrintBrowser((browser) => run(browser));

const maker =
  (print: typeof ownBrowser): PdfMaker =>
  async (tenant, fiscalYear, doc) => {
    try {
      return { pdf: (await editionPdf(tenant, fiscalYear, doc, print)).pdf };
    } catch (error) {
      if (error instanceof PdfToolsMissing) return { problem: error.message };
      throw error;
    }
  };

/** The PDF for `gyokaku publish`. */
export const makePdf: PdfMaker = maker(ownBrowser);
/** The same for the app's zip, printed in the server's shared Chromium. */
export const makePdfShared: PdfMaker = maker(sharedBrowser);
