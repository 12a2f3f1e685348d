/**
 * The PDF of the public 基本方針 for the static site: the yearly document (services/policy-document.ts) printed in
 * Chromium (src/report/document/pdf.ts). When Chromium, the font or pdftotext is missing, the site is still written and
 * the problem says what to install.
 */
import type { TenantDb } from "../db/tenant.js";
import { PdfToolsMissing, printPolicyPdf } from "../report/document/pdf.js";
import { loadPolicyDocument } from "./policy-document.js";
import type { PublishingMunicipality } from "./public-dataset.js";
import type { PdfMaker } from "./publish-site.js";

export const makePdf: PdfMaker = async (tenant: TenantDb, municipality: PublishingMunicipality, fiscalYear: number) => {
  try {
    const doc = await loadPolicyDocument(tenant, municipality, fiscalYear);
    const printed = await printPolicyPdf(doc);
    return { pdf: new Uint8Array(printed.pdf) };
  } catch (error) {
    if (error instanceof PdfToolsMissing) return { problem: error.message };
    throw error;
  }
};
