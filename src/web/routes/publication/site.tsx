import type { Hono } from "hono";
import type { SiteFile } from "../../../report/site/build.js";
import { downloadPublicationSite } from "../../../services/publish-site.js";
import type { AppEnv } from "../../env.js";
import { todayInJapan } from "../../format.js";
import { pathParams, yearPathParam } from "../../input.js";
import { requireSession, tenantOf } from "../../request.js";

/** The site's files in one zip under a folder named after the municipality and edition (what the web team uploads). */
async function zipOf(folder: string, files: readonly SiteFile[]): Promise<Uint8Array> {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  const root = zip.folder(folder);
  if (!root) throw new Error("zip folder");
  // A fixed date keeps the archive the same for the same content.
  for (const f of files) root.file(f.path, f.bytes, { date: new Date(Date.UTC(2000, 0, 1)) });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/**
 * 公表用サイト一式 (zip): the same folder `gyokaku publish` writes, for an approved edition only, to the secretariat and
 * headquarters only (services/publish-site.ts downloadPublicationSite; others get the 403 page), audited as a download.
 */
export function registerPublicationSiteRoutes(app: Hono<AppEnv>): void {
  app.get("/publication/:year/site.zip", async (c) => {
    const session = requireSession(c);
    const { year } = pathParams(c, { year: yearPathParam() });
    const tenant = tenantOf(c, session);
    const m = session.municipality;
    const { makePdfShared } = await import("../../../services/publication-pdf.js");
    const site = await downloadPublicationSite(tenant, session.actor, { code: m.code, name: m.name, prefecture: m.prefecture }, year, { today: todayInJapan(), makePdf: makePdfShared });
    const folder = `${m.code}_gyokaku_${year}`;
    const bytes = await zipOf(folder, site.files);
    c.header("content-type", "application/zip");
    c.header("content-disposition", `attachment; filename="${folder}.zip"`);
    if (site.pdfProblem) c.header("x-gyokaku-pdf", "missing");
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
}
