import { MAX_UPLOAD_BYTES } from "../../body-limit.js";
/**
 * 公表 → 基本方針: the yearly document of an edition — the page (preview, PDF, narrative editing for admins),
 * the document itself as HTML, its PDF, and the screen stylesheet the preview links (the app's CSP refuses
 * inline styles, which the published document keeps for being self-contained).
 */
import type { Hono } from "hono";
import { GyokakuError } from "../../../domain/errors.js";
import { canAdminister } from "../../../domain/roles.js";
import { documentCss } from "../../../report/document/styles.js";
import { renderPolicyHtml } from "../../../report/document/render.js";
import { loadPolicyDocument } from "../../../services/policy-document.js";
import { narrativesOf, saveNarratives, setFigureImage, figureImagesOf } from "../../../services/policy-narratives.js";
import { latestEditionYear, reformEditions } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { PolicyDocumentPage } from "../../pages/publication-document.js";
import { requireSession, tenantOf, uploadedFile, fiscalYearOr } from "../../request.js";
import { requireAdmin, requirePrepublicationDownloader } from "../../../services/authorization.js";
import { recordPolicyPdfDownload } from "../../../services/publish-site.js";

const STYLESHEET = "/publication/document.css";

function editionYear(raw: string | undefined): number {
  const year = fiscalYearOr(raw, "年度", undefined);
  if (year === undefined) throw new GyokakuError("invalid_input", "年度を指定してください");
  return year;
}

export function registerPublicationDocumentRoutes(app: Hono<AppEnv>): void {
  app.get("/publication/document", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const asked = c.req.query("year");
    const year = asked ? editionYear(asked) : await latestEditionYear(tenant);
    if (year === null) throw new GyokakuError("not_found", "基本方針の版がまだありません(業務改革で版を作成してください)");
    const [editions, narratives, images] = await Promise.all([reformEditions(tenant), narrativesOf(tenant, year), figureImagesOf(tenant, year)]);
    if (!editions.some((e) => e.fiscalYear === year)) throw new GyokakuError("not_found", `${year}年度の基本方針(版)はありません`);
    return c.html(
      <PolicyDocumentPage
        session={session}
        csrfToken={c.var.csrfToken}
        fiscalYear={year}
        editions={editions.map((e) => e.fiscalYear)}
        narratives={narratives}
        images={new Map(images.map((i) => [i.key, i.filename]))}
        canEdit={canAdminister(session.actor)}
        notice={c.req.query("saved") ? "保存しました" : undefined}
      />,
    );
  });

  app.get(STYLESHEET, (c) => {
    requireSession(c);
    c.header("content-type", "text/css; charset=utf-8");
    return c.body(documentCss(""));
  });

  app.get("/publication/document/:year/preview", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const year = editionYear(c.req.param("year"));
    const doc = await loadPolicyDocument(tenant, session.municipality, year);
    // Whoever previews will likely download or publish next: print the PDF in the background (nothing if it is current).
    c.var.pdfWarmer?.warm(tenant, session.municipality, year);
    return c.html(renderPolicyHtml(doc, { stylesheetHref: STYLESHEET, preview: true }));
  });

  app.get("/publication/document/:file{[0-9]{4}\\.pdf}", async (c) => {
    const session = requireSession(c);
    const year = editionYear(c.req.param("file").slice(0, 4));
    const tenant = tenantOf(c, session);
    // Only the secretariat and headquarters (others get the 403 page, before any printing); recorded once it is made.
    requirePrepublicationDownloader(session.actor, "基本方針のPDF");
    const doc = await loadPolicyDocument(tenant, session.municipality, year);
    const [{ PdfToolsMissing }, { editionPdf, sharedBrowser }] = await Promise.all([import("../../../report/document/pdf.js"), import("../../../services/publication-pdf.js")]);
    try {
      const { pdf } = await editionPdf(tenant, year, doc, sharedBrowser);
      await recordPolicyPdfDownload(tenant, session.actor, year);
      c.header("content-type", "application/pdf");
      c.header("content-disposition", `attachment; filename="policy-${session.municipality.code}-${year}.pdf"`);
      return c.body(new Uint8Array(pdf).buffer as ArrayBuffer);
    } catch (error) {
      if (!(error instanceof PdfToolsMissing)) throw error;
      return c.text(error.message, 503);
    }
  });

  app.post("/publication/document/:year/narrative", async (c) => {
    const session = requireSession(c);
    const year = editionYear(c.req.param("year"));
    const body = await c.req.parseBody();
    const texts: Record<string, string> = {};
    const read: Record<string, string> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.startsWith("n:") && typeof value === "string") texts[name.slice(2)] = value;
      if (name.startsWith("r:") && typeof value === "string") read[name.slice(2)] = value;
    }
    // Every section posted must come with the text the form showed for it (r:<key>): without it (null) the service
    // refuses the post (400) instead of overwriting another admin's text blind.
    const allRead = Object.keys(texts).every((key) => key in read);
    await saveNarratives(tenantOf(c, session), session.actor, year, texts, allRead ? read : null);
    return c.redirect(`/publication/document?year=${year}&saved=1`);
  });

  app.post("/publication/document/:year/images/:key", async (c) => {
    // The role first, before the upload is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "基本方針の図を登録する");
    const year = editionYear(c.req.param("year"));
    const file = await uploadedFile(await c.req.parseBody(), MAX_UPLOAD_BYTES.image);
    await setFigureImage(tenantOf(c, session), session.actor, { fiscalYear: year, key: c.req.param("key"), filename: file.filename, bytes: file.bytes });
    return c.redirect(`/publication/document?year=${year}&saved=1`);
  });
}
