/**
 * 公表用サイト (the static public site) of an approved edition: the files `gyokaku publish` writes and the 公表 page
 * zips. Refuses an edition that is not approved, or changed since approval (services/publication.ts).
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { buildPublicSite, type SiteFile } from "../report/site/build.js";
import { recordChange, type Author } from "./audit.js";
import { requirePublishableDataset } from "./publication.js";
import type { PublishingMunicipality } from "./public-dataset.js";

export const LICENSE_SETTING = "publication.license";
/** CC BY 4.0 unless the municipality sets another line (settings key publication.license). */
export const DEFAULT_LICENSE = "このサイトの内容とオープンデータは、クリエイティブ・コモンズ 表示 4.0 国際 ライセンス(CC BY 4.0)の下に提供されています。";

export async function publicationLicense(tenant: TenantDb): Promise<string> {
  const value = (await tenant.settings.get(LICENSE_SETTING))?.trim();
  return value ? value : DEFAULT_LICENSE;
}

/** Makes the PDF of the edition's document, or says why it cannot (e.g. Chromium missing: what to install). */
export type PdfMaker = (tenant: TenantDb, municipality: PublishingMunicipality, fiscalYear: number) => Promise<{ pdf: Uint8Array } | { problem: string }>;

export interface PublishedSite {
  files: SiteFile[];
  /** Why the PDF is missing (the rest is complete), or null. */
  pdfProblem: string | null;
}

/** The site of edition `fiscalYear`; `today` (YYYY-MM-DD) is the publication day written into the JSON files. */
export async function publishSite(
  tenant: TenantDb,
  municipality: PublishingMunicipality,
  fiscalYear: number,
  options: { today: string; makePdf: PdfMaker | null },
): Promise<PublishedSite> {
  const dataset = await requirePublishableDataset(tenant, municipality, fiscalYear);
  const license = await publicationLicense(tenant);
  let pdf: Uint8Array | null = null;
  let pdfProblem: string | null = null;
  if (options.makePdf) {
    const made = await options.makePdf(tenant, municipality, fiscalYear);
    if ("pdf" in made) pdf = made.pdf;
    else pdfProblem = made.problem;
  } else {
    pdfProblem = "PDFの作成機能が利用できません";
  }
  const files = await buildPublicSite(dataset, { license, pdf, publishedOn: options.today });
  return { files, pdfProblem };
}

/** Records in the audit log that the site was written out (who, when, how many files). */
export async function recordPublication(tenant: TenantDb, author: Author, fiscalYear: number, how: string, fileCount: number): Promise<void> {
  if (!Number.isInteger(fileCount)) throw new GyokakuError("invalid_input", "ファイル数が不正です");
  await recordChange(tenant, author, { action: "create", entity: "publication_site", entityId: fiscalYear, summary: `公表用サイトを書き出し: ${fiscalYear}年度版 ${how} (${fileCount}ファイル)` });
}
