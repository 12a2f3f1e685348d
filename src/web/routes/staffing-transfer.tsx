import { MAX_UPLOAD_BYTES } from "../body-limit.js";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { isGyokakuError } from "../../domain/errors.js";
import type { ImportProblem } from "../../io/problems.js";
import { exportHeadcounts, type HeadcountFile, ImportRejected, importHeadcounts, type Layout, previewHeadcountImportFor, recordedHeadcountYears } from "../../services/headcount-transfer.js";
import type { AppEnv } from "../env.js";
import { ImportPage } from "../pages/staffing-import.js";
import { currentFiscalYear, fileResponse, requireSession, tenantOf, uploadedFile } from "../request.js";
import { applyOrPreview, encodingField, integerText, parseInput, textField } from "../input.js";
import { requireAdmin } from "../../services/authorization.js";
import { IMPORT_BASIS_PATTERN, MISSING_BASIS_MESSAGE } from "../../services/import-basis.js";


/** The 表の形 of a 職員数 file: auto (blank too: found from the file), table or long. */
const layoutField = textField("表の形", 40).transform((text, ctx): Layout | "auto" => {
  if (text === "" || text === "auto") return "auto";
  if (text === "long" || text === "table") return text;
  ctx.addIssue({ code: "custom", message: `表の形「${text}」には対応していません (table / long)` });
  return z.NEVER;
});

/**
 * POST /staffing/import, all but the file (request.ts uploadedFile): the encoding, the 表の形, the step (apply or
 * preview) and the preview's fingerprint (basis; checked by the route against IMPORT_BASIS_PATTERN).
 */
const HeadcountImportFields = z.object({
  encoding: encodingField(),
  layout: layoutField,
  step: applyOrPreview(),
  basis: textField("取り込む内容の確認", TEXT_LIMITS.any),
});

/** GET /staffing/headcounts.xlsx / .csv: the years (blank: the first and last recorded), the 表の形 and the encoding. */
const HeadcountExportQuery = z.object({
  from: integerText("最初の年度"),
  to: integerText("最後の年度"),
  layout: layoutField,
  encoding: encodingField(),
});

async function fileFrom(body: Record<string, unknown>, fields: z.output<typeof HeadcountImportFields>): Promise<HeadcountFile> {
  const common = { encoding: fields.encoding, layout: fields.layout, currentFiscalYear: currentFiscalYear() };
  return { ...(await uploadedFile(body, MAX_UPLOAD_BYTES.table)), ...common };
}

/** 職員数 import (preview, then all-or-nothing apply) and export as xlsx / CSV. */
export function registerStaffingTransferRoutes(app: Hono<AppEnv>): void {
  app.get("/staffing/import", (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "職員数ファイルを取り込む");
    return c.html(<ImportPage session={session} csrfToken={c.var.csrfToken} />);
  });

  app.post("/staffing/import", async (c) => {
    // The role first, before the upload is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "職員数ファイルを取り込む");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    // Every refusal stays on the import page, in Japanese, with the upload form right there (issue 13 point 6).
    const refuse = (error: string, problems?: ImportProblem[]) =>
      c.html(<ImportPage session={session} csrfToken={c.var.csrfToken} error={error} {...(problems ? { problems } : {})} />, 400);
    // The preview page: what the file would change, and 「この内容で取り込む」 carrying the file and the fingerprint of the
    // stored values compared with (a stale confirm shows the new preview with the refusal, 409).
    const showPreview = async (file: HeadcountFile, status: 200 | 400 | 409, error?: string) => {
      const preview = await previewHeadcountImportFor(tenant, session.actor, file);
      const hasError = preview.result.problems.some((p) => p.severity === "error");
      // Encoded only for a preview (a refused file is never carried back): a few MB of base64 is not free.
      const carried = { filename: file.filename, base64: Buffer.from(file.bytes).toString("base64"), encoding: file.encoding ?? "auto", layout: file.layout ?? "auto", basis: preview.basis };
      return c.html(<ImportPage session={session} csrfToken={c.var.csrfToken} preview={preview} carried={carried} {...(error ? { error } : {})} />, hasError ? 400 : status);
    };
    try {
      const fields = parseInput(HeadcountImportFields, body);
      const file = await fileFrom(body, fields);
      if (fields.step !== "apply") return await showPreview(file, 200);
      // A confirmation without the preview's fingerprint is no confirmation: the preview again, nothing written.
      const basis = fields.basis;
      if (!IMPORT_BASIS_PATTERN.test(basis)) return await showPreview(file, 400, MISSING_BASIS_MESSAGE);
      try {
        const { changed, preview } = await importHeadcounts(tenant, session.actor, { ...file, basis });
        // What was written, on the page (issue 13 point 5), rather than a bare count in a redirect.
        return c.html(<ImportPage session={session} csrfToken={c.var.csrfToken} done={{ filename: file.filename, changed, preview }} />);
      } catch (error) {
        // Stale: the stored values changed after the preview. Nothing was written; the new preview shows what changes now.
        if (isGyokakuError(error) && error.code === "conflict") return await showPreview(file, 409, error.message);
        throw error;
      }
    } catch (error) {
      if (error instanceof ImportRejected) return refuse(error.message, error.problems);
      if (isGyokakuError(error) && (error.code === "invalid_input" || error.code === "too_large")) return refuse(error.message);
      throw error;
    }
  });

  const exportRoute = (kind: "xlsx" | "csv") => async (c: Context<AppEnv>) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const years = await recordedHeadcountYears(tenant);
    const { layout, encoding, from, to } = parseInput(HeadcountExportQuery, c.req.query());
    const file = await exportHeadcounts(tenant, {
      from: from ?? years[0] ?? 2005,
      to: to ?? years[years.length - 1] ?? 2025,
      layout: layout === "auto" ? "table" : layout,
      kind,
      ...(encoding === "auto" ? {} : { encoding }),
    });
    return fileResponse(c, file);
  };
  app.get("/staffing/headcounts.xlsx", exportRoute("xlsx"));
  app.get("/staffing/headcounts.csv", exportRoute("csv"));
}
