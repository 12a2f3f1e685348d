/** 業務改革 overview and the secretariat's edition forms: create an edition, start the next, add an item, set the evaluation categories. */
import type { Hono } from "hono";
import { formatFiscalYear } from "../../../domain/era.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../../domain/read-values.js";
import type { SessionContext } from "../../../services/auth.js";
import { createEdition, previewNextEdition, startNextEdition } from "../../../services/reform/editions.js";
import { addItem } from "../../../services/reform/items.js";
import { setEvaluations } from "../../../services/reform/verification.js";
import { splitUnitLabels } from "../../../services/reform-transfer.js";
import { editionOverview, latestEditionYear } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { NextEditionPage } from "../../pages/reform-next-edition.js";
import { NoEditionPage, type OverviewForms, ReformOverviewPage } from "../../pages/reform-overview.js";
import { parseInput } from "../../input.js";
import { currentFiscalYear, field, requireSession, STATUS, tenantOf } from "../../request.js";
import { AddItemForm, CreateEditionForm, EvaluationsForm, NextEditionForm } from "./schemas.js";
import { type Ctx, isKnown, requiredYear, yearOrLatest } from "./common.js";
import { requireAdmin } from "../../../services/authorization.js";

// ---------------------------------------------------------------------------
// Overview

const OVERVIEW_NOTICES: Record<string, string> = {
  next: "次年度の版を作成しました",
  round: "更新依頼を出しました。担当課の「担当の更新依頼」に表示されます",
  evaluations: "評価の区分を保存しました",
  edition: "版を作成しました",
};

export async function overviewPage(c: Ctx, session: SessionContext, year: number, options: { notice?: string; error?: OverviewForms; status?: 200 | 400 | 403 | 404 | 409 } = {}) {
  const overview = await editionOverview(tenantOf(c, session), year);
  return c.html(<ReformOverviewPage session={session} csrfToken={c.var.csrfToken} overview={overview} notice={options.notice} error={options.error} />, options.status ?? 200);
}

/** Runs one of the overview's admin forms; a refused input shows the overview again with the message and what was typed. */
export async function overviewForm(c: Ctx, form: OverviewForms["form"], year: number, entered: Record<string, string>, run: () => Promise<Response>) {
  const session = requireSession(c);
  try {
    return await run();
  } catch (error) {
    if (!isKnown(error, "invalid_input", "conflict")) throw error;
    return overviewPage(c, session, year, { error: { form, message: error.message, entered }, status: STATUS[error.code] as 400 | 409 });
  }
}

export function registerEditionRoutes(app: Hono<AppEnv>): void {
  // ---- overview and the secretariat's edition forms ----
  app.get("/reform", async (c) => {
    const session = requireSession(c);
    const year = await yearOrLatest(c, session);
    if (year === null) return c.html(<NoEditionPage session={session} csrfToken={c.var.csrfToken} year={currentFiscalYear()} />);
    const done = c.req.query("done") ?? "";
    let notice = OVERVIEW_NOTICES[done];
    if (done === "imported") notice = `項目シートを取り込みました(${c.req.query("changed") ?? "0"}件の項目を変更)`;
    if (done === "next") notice = `${formatFiscalYear(year)}の版を作成しました(継続 ${c.req.query("carried") ?? "0"}件、完了で除いた項目 ${c.req.query("completed") ?? "0"}件)`;
    return overviewPage(c, session, year, notice ? { notice } : {});
  });

  app.post("/reform/editions", async (c) => {
    // The role first, before the form is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "版を作成する");
    const body = await c.req.parseBody();
    try {
      const year = parseInput(CreateEditionForm, body).fiscalYear;
      await createEdition(tenantOf(c, session), session.actor, { fiscalYear: year });
      return c.redirect(`/reform?year=${year}&done=edition`);
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return c.html(<NoEditionPage session={session} csrfToken={c.var.csrfToken} year={currentFiscalYear()} error={error.message} />, STATUS[error.code]);
    }
  });

  // 次年度の版: a preview of what is carried, dropped and added, then the creation confirmed from it.
  app.get("/reform/editions/:year/next", async (c) => {
    const session = requireSession(c);
    const year = requiredYear(c.req.param("year"), "年度");
    return overviewForm(c, "next", year, {}, async () => {
      const preview = await previewNextEdition(tenantOf(c, session), session.actor, year);
      return c.html(<NextEditionPage session={session} csrfToken={c.var.csrfToken} preview={preview} />);
    });
  });

  app.post("/reform/editions/:year/next", async (c) => {
    const session = requireSession(c);
    const year = requiredYear(c.req.param("year"), "年度");
    // The role before the form is read (the service checks it again).
    requireAdmin(session.actor, "次年度の版を作成する");
    const body = await c.req.parseBody();
    const form = parseInput(NextEditionForm, body);
    const tenant = tenantOf(c, session);
    // Only from the preview page: a bare POST shows the preview first.
    if (!form.confirm) {
      await previewNextEdition(tenant, session.actor, year);
      return c.redirect(`/reform/editions/${year}/next`, 303);
    }
    return overviewForm(c, "next", year, {}, async () => {
      try {
        // The preview the form showed: without it the confirmation could be of another preview than the one created.
        const read = parseReadValues(body[READ_VALUES_FIELD]);
        const result = await startNextEdition(tenant, session.actor, year, { confirmed: form.confirmWarnings, read });
        return c.redirect(`/reform?year=${year + 1}&done=next&carried=${result.carried}&completed=${result.completed.length}`);
      } catch (error) {
        // A preview changed since it was shown (a conflict naming the item) is shown again, new, with the change.
        const stale = isKnown(error, "conflict") && "key" in error.details;
        if (!isKnown(error, "confirmation_required") && !stale) throw error;
        const preview = await previewNextEdition(tenant, session.actor, year);
        return c.html(<NextEditionPage session={session} csrfToken={c.var.csrfToken} preview={preview} error={error.message} />, stale ? 409 : 422);
      }
    });
  });

  app.post("/reform/editions/:year/items", async (c) => {
    const session = requireSession(c);
    const year = requiredYear(c.req.param("year"), "年度");
    const body = await c.req.parseBody();
    const entered = { name: field(body, "name"), unitLabels: field(body, "unitLabels") };
    return overviewForm(c, "item", year, entered, async () => {
      const form = parseInput(AddItemForm, body);
      const tenant = tenantOf(c, session);
      const id = await addItem(tenant, session.actor, { editionYear: year, name: form.name, unitLabels: splitUnitLabels(form.unitLabels) });
      return c.redirect(`/reform/items/${id}/edit?done=added`);
    });
  });

  app.post("/reform/evaluations", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const entered = { evaluations: field(body, "evaluations") };
    const form = parseInput(EvaluationsForm, body);
    const year = form.year ?? (await latestEditionYear(tenantOf(c, session))) ?? 0;
    return overviewForm(c, "evaluations", year, entered, async () => {
      await setEvaluations(tenantOf(c, session), session.actor, form.evaluations);
      return c.redirect(`/reform?year=${year}&done=evaluations`);
    });
  });
}
