import type { PdfMaker } from "./publish-site.js";

/**
 * The PDF of the public document for the static site. The document itself (and its PDF printing in Chromium) is
 * built by src/report's yearly document; until it is available the site is written without the PDF.
 */
export const makePdf: PdfMaker | null = null;
