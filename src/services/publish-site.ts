/**
 * 公表用サイト (the static public site) of an approved edition: the files `gyokaku publish` writes and the 公表 page
 * zips. Refuses an edition that is not approved, or changed since approval (services/publication.ts).
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { buildPublicSite, type SiteFile } from "../report/site/build.js";
import type { Actor } from "../domain/roles.js";
import { recordChange, type Author } from "./audit.js";
import { requireAdmin, requirePrepublicationDownloader } from "./authorization.js";
import { type PublicationStateDb, requirePublishableContent } from "./publication.js";
import { DEFAULT_LICENSE, LICENSE_SETTING, publicationLicense } from "./publication-license.js";
import type { PolicyDocument } from "../report/document/model.js";
import type { PublishingMunicipality } from "./public-dataset.js";

export { DEFAULT_LICENSE, LICENSE_SETTING, publicationLicense } from "./publication-license.js";

/** Longest license line accepted (characters). */
export const LICENSE_MAX_LENGTH = 500;

/**
 * Sets the license line of the public site and open data (admins only; audited with before and after). A blank
 * `text` goes back to the default, CC BY 4.0. The line is shown on every page and written into every JSON file, so it
 * must be one plain line: no URL (the site makes no link to another host), no control characters, at most
 * LICENSE_MAX_LENGTH characters.
 * @throws GyokakuError forbidden (not an admin), invalid_input (what is wrong, in Japanese).
 */
export async function setPublicationLicense(
  tenant: Pick<TenantDb, "audit" | "settings" | "transaction">,
  actor: Actor,
  text: string,
  /** The line as the form read it: then an unchanged line writes nothing, and a line changed meanwhile by someone else is a 409 naming both. */
  read?: string,
): Promise<string> {
  requireAdmin(actor, "公開ライセンスを変更する");
  const line = text.normalize("NFC").replace(/\r?\n/g, " ").trim();
  if ([...line].length > LICENSE_MAX_LENGTH) throw new GyokakuError("invalid_input", `ライセンスの表示は${LICENSE_MAX_LENGTH}文字以内で入力してください(現在${[...line].length}文字)`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(line)) throw new GyokakuError("invalid_input", "ライセンスの表示に制御文字は使えません");
  if (/[a-z][a-z0-9+.-]*:\/\/|www\./i.test(line)) {
    throw new GyokakuError("invalid_input", "ライセンスの表示にURLは書けません(公開用サイトは他のサイトへのリンクを含めません)。ライセンスの名称で書いてください(例: CC BY 4.0)");
  }
  return tenant.transaction(async (tx) => {
    const before = await publicationLicense(tx);
    const after = line === "" ? DEFAULT_LICENSE : line;
    if (read !== undefined) {
      const asRead = read.normalize("NFC").replace(/\r?\n/g, " ").trim() || DEFAULT_LICENSE;
      if (after === asRead) return before;
      if (before !== asRead && before !== after) {
        throw new GyokakuError("conflict", `ライセンスの表示は、画面を開いた後に別の人が「${asRead}」→「${before}」に変更しています(あなたの入力:「${after}」)。最新の内容を確認してから、もう一度保存してください`, {
          read: asRead,
          current: before,
          yours: after,
        });
      }
    }
    await tx.settings.set(LICENSE_SETTING, line);
    await recordChange(tx, actor, {
      action: "update",
      entity: "setting",
      entityId: LICENSE_SETTING,
      summary: line === "" ? "公開ライセンスを既定(CC BY 4.0)に戻しました" : "公開ライセンスの表示を変更しました",
      before: { ライセンス: before },
      after: { ライセンス: after },
    });
    return after;
  });
}

/** Makes the PDF of the edition's document (as approved), or says why it cannot (e.g. Chromium missing: what to install). */
export type PdfMaker = (tenant: Pick<TenantDb, "publicationPdfs">, fiscalYear: number, document: PolicyDocument) => Promise<{ pdf: Uint8Array } | { problem: string }>;

export interface PublishedSite {
  files: SiteFile[];
  /** Why the PDF is missing (the rest is complete), or null. */
  pdfProblem: string | null;
}

/** What publishSite reads of the municipality's repositories: the approved content and the edition's stored PDF. */
export type PublishSiteDb = PublicationStateDb & Pick<TenantDb, "publicationPdfs">;

/** The site of edition `fiscalYear`; `today` (YYYY-MM-DD) is the publication day written into the JSON files. */
export async function publishSite(
  tenant: PublishSiteDb,
  municipality: PublishingMunicipality,
  fiscalYear: number,
  options: { today: string; makePdf: PdfMaker | null },
): Promise<PublishedSite> {
  const { dataset, document, license } = await requirePublishableContent(tenant, municipality, fiscalYear);
  let pdfProblem: string | null = options.makePdf ? null : "PDFの作成機能が利用できません";
  // Chromium prints while the open data is built (buildPublicSite awaits the PDF only for the pages).
  const pdf = options.makePdf
    ? options.makePdf(tenant, fiscalYear, document).then((made) => {
        if ("pdf" in made) return made.pdf;
        pdfProblem = made.problem;
        return null;
      })
    : null;
  const files = await buildPublicSite(dataset, { license, pdf, publishedOn: options.today });
  return { files, pdfProblem };
}

/**
 * The site of edition `fiscalYear` as a signed-in person downloads it (the zip of the 公表 page): only the
 * secretariat and headquarters (requirePrepublicationDownloader), only an approved edition (publishSite), recorded in
 * the audit log as that person's download (action download), not as publishing: putting the files on the web site is
 * done outside gyokaku.
 * @throws GyokakuError forbidden (role), conflict / not_found (publishSite)
 */
export async function downloadPublicationSite(
  tenant: PublishSiteDb & Pick<TenantDb, "audit">,
  actor: Actor,
  municipality: PublishingMunicipality,
  fiscalYear: number,
  options: { today: string; makePdf: PdfMaker | null },
): Promise<PublishedSite> {
  requirePrepublicationDownloader(actor, "公表用サイト一式");
  const site = await publishSite(tenant, municipality, fiscalYear, options);
  await recordChange(tenant, actor, {
    action: "download",
    entity: "publication_site",
    entityId: fiscalYear,
    summary: `公表用サイト一式をダウンロード: ${fiscalYear}年度版 zip (${site.files.length}ファイル)`,
  });
  return site;
}

/**
 * Records that `actor` downloaded the 基本方針 PDF of edition `fiscalYear` (action download), after checking the role
 * (requirePrepublicationDownloader). Call before the PDF is made, so a refused person costs no printing.
 * @throws GyokakuError forbidden
 */
export async function recordPolicyPdfDownload(tenant: Pick<TenantDb, "audit">, actor: Actor, fiscalYear: number): Promise<void> {
  requirePrepublicationDownloader(actor, "基本方針のPDF");
  await recordChange(tenant, actor, { action: "download", entity: "policy_pdf", entityId: fiscalYear, summary: `基本方針のPDFをダウンロード: ${fiscalYear}年度版` });
}

/** Records in the audit log that the site was written out (who, when, how many files). */
export async function recordPublication(tenant: Pick<TenantDb, "audit">, author: Author, fiscalYear: number, how: string, fileCount: number): Promise<void> {
  if (!Number.isInteger(fileCount)) throw new GyokakuError("invalid_input", "ファイル数が不正です");
  await recordChange(tenant, author, { action: "create", entity: "publication_site", entityId: fiscalYear, summary: `公表用サイトを書き出し: ${fiscalYear}年度版 ${how} (${fileCount}ファイル)` });
}
