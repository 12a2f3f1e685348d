/**
 * The PDF of the public 基本方針 for the static site: the yearly document (services/policy-document.ts) printed in
 * Chromium (src/report/document/pdf.ts). When Chromium, the font or pdftotext is missing, the site is still written and
 * the problem says what to install.
 */
import type { TenantDb } from "../db/tenant.js";
import type { Browser } from "playwright-core";
import { PdfToolsMissing, printPolicyPdf, withSharedPrintBrowser } from "../report/document/pdf.js";
import { loadPolicyDocument } from "./policy-document.js";
import type { PublishingMunicipality } from "./public-dataset.js";
import type { PdfMaker } from "./publish-site.js";

export const makePdf: PdfMaker = (tenant: TenantDb, municipality: PublishingMunicipality, fiscalYear: number) => printWith(tenant, municipality, fiscalYear, undefined);

/** The same for the app: printed in the server's shared Chromium (pdf.ts withSharedPrintBrowser). */
export const makePdfShared: PdfMaker = (tenant: TenantDb, municipality: PublishingMunicipality, fiscalYear: number) =>
  withSharedPrintBrowser((browser) => printWith(tenant, municipality, fiscalYear, browser)).catch((error: unknown) => {
    if (error instanceof PdfToolsMissing) return { problem: error.message };
    throw error;
  });

async function printWith(tenant: TenantDb, municipality: PublishingMunicipality, fiscalYear: number, browser: Browser | undefined): Promise<{ pdf: Uint8Array } | { problem: string }> {
  try {
    const doc = await loadPolicyDocument(tenant, municipality, fiscalYear);
    const printed = await printPolicyPdf(doc, browser ? { browser } : {});
    return { pdf: new Uint8Array(printed.pdf) };
  } catch (error) {
    if (error instanceof PdfToolsMissing) return { problem: error.message };
    throw error;
  }
}
