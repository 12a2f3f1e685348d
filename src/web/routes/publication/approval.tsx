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
import { actionField, formText, integerText, parseInput, pathParams, textField, yearPathParam } from "../../input.js";
import { requireSession, STATUS, tenantOf } from "../../request.js";
import { requireAdmin, requireSomePublicationAction } from "../../../services/authorization.js";

/**
 * POST /publication/:year/approval: the action (mark_ready, approve, return), the 差戻しの理由 (as typed, at most
 * 4,000 characters), the 版 the page showed (blank: none) and whether the gaps were confirmed (confirm_gaps=1).
 */
const ActionForm = z.object({
  action: actionField(["mark_ready", "approve", "return"], () => "操作が不正です"),
  comment: textField("差戻しの理由", 4000, { trim: false }),
  version: integerText("版数").transform((version) => version ?? null),
  confirm_gaps: textField("空欄の確認", 40).transform((value, ctx) => {
    if (value === "" || value === "1") return value === "1";
    ctx.addIssue({ code: "custom", message: "空欄の確認の値が不正です" });
    return z.NEVER;
  }),
});

/** POST /publication/license: the line as typed (the service checks its length) and, hidden, the line the form showed. */
const LicenseBody = z.object({
  license: formText("公開ライセンスの表示"),
  readLicense: formText("開いたときの公開ライセンスの表示").optional(),
});

/** POST /publication/:year/planned-date: the date as typed (the service reads it; blank clears it). */
const PlannedDateBody = z.object({ planned_date: formText("公表予定日") });

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
    let typed: string | undefined;
    try {
      const form = parseInput(LicenseBody, body);
      typed = form.license;
      await setPublicationLicense(tenant, session.actor, form.license, form.readLicense);
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
    try {
      const { planned_date: typed } = parseInput(PlannedDateBody, body);
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
    const form = parseInput(ActionForm, body);
    try {
      await takePublicationAction(tenant, session.actor, municipalityOf(session), {
        fiscalYear: year,
        action: form.action,
        comment: form.comment,
        expectedVersion: form.version,
        confirmGaps: form.confirm_gaps,
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
