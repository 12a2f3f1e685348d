/** Item sheets in and out: exports of an edition (xlsx, CSV, JSON) and the import with its preview. */
import { MAX_UPLOAD_BYTES } from "../../body-limit.js";
import type { Hono } from "hono";
import { GyokakuError } from "../../../domain/errors.js";
import type { TextEncodingName } from "../../../io/text-encoding.js";
import { exportEditionCsv, exportEditionJson, exportEditionXlsx } from "../../../services/reform-export.js";
import { importReformWorkbook, previewReformImport, ReformImportRejected } from "../../../services/reform-transfer.js";
import { latestEditionYear, reformEditions } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { fiscalYearParam, parseInput } from "../../input.js";
import { ReformImportPage } from "../../pages/reform-import.js";
import { field, fileResponse, requireSession, tenantOf, uploadedFile } from "../../request.js";
import { isKnown, requiredYear } from "./common.js";
import { requireAdmin } from "../../../services/authorization.js";


export function registerReformTransferRoutes(app: Hono<AppEnv>): void {

  // ---- exports: /reform/editions/2025.xlsx | .csv | .json ----
  app.get("/reform/editions/:file", async (c) => {
    const session = requireSession(c);
    const match = /^(\d{4})\.(xlsx|csv|json)$/.exec(c.req.param("file"));
    if (!match) throw new GyokakuError("not_found", "お探しのファイルはありません");
    const year = parseInput(fiscalYearParam("版の年度"), match[1] ?? "");
    const tenant = tenantOf(c, session);
    if (match[2] === "xlsx") return fileResponse(c, await exportEditionXlsx(tenant, year));
    if (match[2] === "json") return fileResponse(c, await exportEditionJson(tenant, year));
    const encoding = c.req.query("encoding") ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "shift_jis") throw new GyokakuError("invalid_input", `文字コード「${encoding}」には対応していません (utf-8 / shift_jis)`);
    return fileResponse(c, await exportEditionCsv(tenant, year, encoding as TextEncodingName));
  });
}

export function registerReformImportRoutes(app: Hono<AppEnv>): void {
  // ---- import / export of item sheets ----
  app.get("/reform/import", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "重点推進項目のファイルを取り込む");
    const tenant = tenantOf(c, session);
    const [editions, year] = await Promise.all([reformEditions(tenant), latestEditionYear(tenant)]);
    return c.html(<ReformImportPage session={session} csrfToken={c.var.csrfToken} editions={editions} year={year} />);
  });

  app.post("/reform/import", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "重点推進項目のファイルを取り込む");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const year = requiredYear(field(body, "year"), "版の年度");
    const editions = await reformEditions(tenant);
    // The upload, or at the apply step the checked file carried back in base64: the same 10MB limit either way.
    const { filename, bytes } = await uploadedFile(body, MAX_UPLOAD_BYTES.table);
    const page = (props: { preview?: Awaited<ReturnType<typeof previewReformImport>>; problems?: ReformImportRejected["problems"]; error?: string; carried?: { filename: string; base64: string } }, status: 200 | 400) =>
      c.html(<ReformImportPage session={session} csrfToken={c.var.csrfToken} editions={editions} year={year} {...props} />, status);
    try {
      if (field(body, "step") === "apply") {
        const { changed } = await importReformWorkbook(tenant, session.actor, year, bytes, filename);
        return c.redirect(`/reform?year=${year}&done=imported&changed=${changed}`);
      }
      const preview = await previewReformImport(tenant, year, bytes, filename);
      const hasError = preview.problems.some((p) => p.severity === "error");
      return page({ preview, carried: { filename, base64: Buffer.from(bytes).toString("base64") } }, hasError ? 400 : 200);
    } catch (error) {
      if (error instanceof ReformImportRejected) return page({ problems: error.problems, error: error.message }, 400);
      if (!isKnown(error, "invalid_input")) throw error;
      return page({ error: error.message }, 400);
    }
  });
}
