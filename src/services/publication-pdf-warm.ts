/**
 * Background printing of an edition's PDF (事前印刷), so the first `gyokaku publish` or PDF download after an
 * approval hands out the stored PDF (publication-pdf.ts) instead of waiting seconds for Chromium. The app asks for a
 * print after headquarters approves an edition (once the approval has committed) and when someone previews or
 * downloads the document; the request never waits for it. A failed print (Chromium missing, the database closed…)
 * is logged and costs nothing: the next publish prints as it would have without this.
 */
import type { TenantDb } from "../db/tenant.js";
import { PdfToolsMissing } from "../report/document/pdf.js";
import { loadPolicyDocument, type LoadPolicyDocumentDb } from "./policy-document.js";
import type { PublishingMunicipality } from "./public-dataset.js";
import { editionPdf, sharedBrowser } from "./publication-pdf.js";

/** What the warmer did since it was made (for tests and the log; no effect on behaviour). */
export interface PdfWarmerCounts {
  /** Jobs that printed and stored a PDF. */
  printed: number;
  /** Jobs that found the stored PDF already current (nothing printed). */
  current: number;
  /** Jobs that failed (logged). */
  failed: number;
}

/**
 * Prints editions' PDFs in the background, one job at a time per edition: a request made while a job for the same
 * edition runs is queued behind it (it then finds the PDF current, or prints the newer document); requests made while
 * one is already queued are covered by it.
 */
export class PdfWarmer {
  private readonly jobs = new Map<string, Promise<void>>();
  private readonly waiting = new Set<string>();
  readonly counts: PdfWarmerCounts = { printed: 0, current: 0, failed: 0 };

  /**
   * `print`: how a print gets its Chromium (default: the server's shared one); `log`: where a failure is reported.
   */
  constructor(
    private readonly print: typeof sharedBrowser = sharedBrowser,
    private readonly log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
  ) {}

  /**
   * Queues the print of edition `fiscalYear`'s document from the data as it is when the job runs. Returns at once;
   * call it only after the transaction that changed the data has committed.
   */
  warm(tenant: LoadPolicyDocumentDb & Pick<TenantDb, "municipalityId" | "publicationPdfs">, municipality: PublishingMunicipality, fiscalYear: number): void {
    const key = `${tenant.municipalityId}:${fiscalYear}`;
    // One waiting job per edition is enough: it reads the data when it starts, so it covers every request made before.
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    const before = this.jobs.get(key) ?? Promise.resolve();
    const job = before.then(() => {
      this.waiting.delete(key);
      return this.run(tenant, municipality, fiscalYear);
    });
    this.jobs.set(key, job);
    void job.finally(() => {
      if (this.jobs.get(key) === job) this.jobs.delete(key);
    });
  }

  /** Resolves when no job is queued or running (the server waits for it before closing the database; tests too). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.allSettled([...this.jobs.values()]);
  }

  private async run(tenant: LoadPolicyDocumentDb & Pick<TenantDb, "publicationPdfs">, municipality: PublishingMunicipality, fiscalYear: number): Promise<void> {
    try {
      const doc = await loadPolicyDocument(tenant, municipality, fiscalYear);
      const made = await editionPdf(tenant, fiscalYear, doc, this.print);
      if (made.reused) this.counts.current += 1;
      else this.counts.printed += 1;
    } catch (error) {
      this.counts.failed += 1;
      const what = `基本方針のPDFを事前に印刷できませんでした (${municipality.name} ${fiscalYear}年度、公表時に印刷します):`;
      this.log(what, error instanceof PdfToolsMissing ? error.message : error);
    }
  }
}
