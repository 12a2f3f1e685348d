import type { Hono } from "hono";
import { z } from "zod";
import { isGyokakuError } from "../../../domain/errors.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../../domain/read-values.js";
import { canAdminister } from "../../../domain/roles.js";
import { PUBLICATION_ACTION_LABELS } from "../../../domain/publication.js";
import type { SessionContext } from "../../../services/auth.js";
import { publicationOf, takePublicationAction } from "../../../services/publication.js";
import { plannedPublicationDates, setPlannedPublicationDate } from "../../../services/publication-plan.js";
import { LICENSE_MAX_LENGTH, publicationLicense, setPublicationLicense } from "../../../services/publish-site.js";
import { reformEditions } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { type LicenseForm, PublicationPage } from "../../pages/publication.js";
import { parseInput, pathParams, yearPathParam } from "../../input.js";
import { field, requireSession, STATUS, tenantOf } from "../../request.js";
import { requireAdmin, requireSomePublicationAction } from "../../../services/authorization.js";

const ActionForm = z.object({
  action: z.enum(["mark_ready", "approve", "return"], { error: "操作が不正です" }),
  comment: z.string().max(4000, { error: "差戻しの理由が長すぎます" }),
  version: z.union([z.literal(""), z.string().regex(/^\d{1,10}$/, { error: "版数が不正です" })]).transform((v) => (v === "" ? null : Number(v))),
  confirmGaps: z.union([z.literal(""), z.literal("1")], { error: "空欄の確認の値が不正です" }),
});

function municipalityOf(session: SessionContext) {
  return { code: session.municipality.code, name: session.municipality.name, prefecture: session.municipality.prefecture };
}

async function editionRows(tenant: ReturnType<typeof tenantOf>, session: SessionContext) {
  const [editions, planned] = await Promise.all([reformEditions(tenant), plannedPublicationDates(tenant)]);
  return Promise.all(
    [...editions]
      .sort((a, b) => b.fiscalYear - a.fiscalYear)
      .map(async (e) => ({
        fiscalYear: e.fiscalYear,
        title: e.title,
        publication: await publicationOf(tenant, municipalityOf(session), e.fiscalYear, session.actor),
        plannedDate: planned.get(e.fiscalYear) ?? null,
      })),
  );
}

async function licenseForm(tenant: ReturnType<typeof tenantOf>, session: SessionContext, typed?: string): Promise<LicenseForm> {
  const current = await publicationLicense(tenant);
  return { current, value: typed ?? current, canEdit: canAdminister(session.actor), maxLength: LICENSE_MAX_LENGTH };
}

/** 公表: the approval state of each edition, the actions of the secretariat and headquarters, the license line. */
export function registerPublicationApprovalRoutes(app: Hono<AppEnv>): void {
  app.get("/publication", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const done = c.req.query("done");
    const notice =
      done === "license"
        ? "公開ライセンスの表示を保存しました"
        : done === "planned"
          ? "公表予定日を保存しました"
          : done && done in PUBLICATION_ACTION_LABELS ? `「${PUBLICATION_ACTION_LABELS[done as keyof typeof PUBLICATION_ACTION_LABELS]}」を記録しました` : undefined;
    return c.html(<PublicationPage session={session} csrfToken={c.var.csrfToken} editions={await editionRows(tenant, session)} license={await licenseForm(tenant, session)} notice={notice} />);
  });

  app.post("/publication/license", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const typed = field(body, "license");
    try {
      await setPublicationLicense(tenant, session.actor, typed, "readLicense" in body ? field(body, "readLicense") : undefined);
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      return c.html(
        <PublicationPage session={session} csrfToken={c.var.csrfToken} editions={await editionRows(tenant, session)} license={await licenseForm(tenant, session, typed)} error={error.message} />,
        STATUS[error.code],
      );
    }
    return c.redirect("/publication?done=license#license");
  });

  app.post("/publication/:year/planned-date", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const { year } = pathParams(c, { year: yearPathParam() });
    // The role before the form is read (the service checks it again).
    requireAdmin(session.actor, "公表予定日を設定する", "公表予定日を設定できるのは行政管理課(管理者)です");
    const body = await c.req.parseBody();
    const typed = field(body, "planned_date");
    try {
      // The date the form showed: without it the save would overwrite a date set meanwhile unseen (a lost update).
      await setPlannedPublicationDate(tenant, session.actor, year, typed, parseReadValues(body[READ_VALUES_FIELD]));
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      return c.html(
        <PublicationPage session={session} csrfToken={c.var.csrfToken} editions={await editionRows(tenant, session)} license={await licenseForm(tenant, session)} error={error.message} />,
        STATUS[error.code],
      );
    }
    return c.redirect(`/publication?done=planned#edition-${year}`);
  });

  app.post("/publication/:year/approval", async (c) => {
    const session = requireSession(c);
    // The role first, before the form is read (the service authorizes each action in full).
    requireSomePublicationAction(session.actor);
    const tenant = tenantOf(c, session);
    const { year } = pathParams(c, { year: yearPathParam() });
    const body = await c.req.parseBody();
    const form = parseInput(ActionForm, { action: field(body, "action"), comment: field(body, "comment"), version: field(body, "version"), confirmGaps: field(body, "confirm_gaps") });
    try {
      await takePublicationAction(tenant, session.actor, municipalityOf(session), {
        fiscalYear: year,
        action: form.action,
        comment: form.comment,
        expectedVersion: form.version,
        confirmGaps: form.confirmGaps === "1",
      });
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      return c.html(
        <PublicationPage session={session} csrfToken={c.var.csrfToken} editions={await editionRows(tenant, session)} license={await licenseForm(tenant, session)} error={error.message} />,
        STATUS[error.code],
      );
    }
    // Committed: print the PDF now, in the background, so the first publish after the approval hands out a stored one.
    if (form.action !== "return") c.var.pdfWarmer?.warm(tenant, municipalityOf(session), year);
    return c.redirect(`/publication?done=${form.action}#edition-${year}`);
  });
}
