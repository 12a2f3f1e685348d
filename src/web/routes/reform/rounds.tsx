/** The yearly update round: 担当の更新依頼, the secretariat's rounds, one item's update form. */
import type { Hono } from "hono";
import { formatFiscalYear } from "../../../domain/era.js";
import { parsePlanCellText, type PlanCell, planCellToText, UPDATE_STATUS_LABELS, type UpdateAction } from "../../../domain/reform.js";
import type { SessionContext } from "../../../services/auth.js";
import { closeRound, type Draft, getUpdate, myUpdates, openRound, stepUpdate, type UpdateView } from "../../../services/reform/rounds.js";
import { notifyRoundOpened } from "../../../services/notifications.js";
import { notifyItemReturned } from "../../../services/notifications-due.js";
import { normaliseText } from "../../../services/reform-transfer.js";
import { type IndicatorView, indicatorViews, reformEditions, roundsProgress } from "../../../services/reform-views.js";
import { setIndicatorValue } from "../../../services/reform/indicators.js";
import type { AppEnv } from "../../env.js";
import { formatTimestamp, todayInJapan } from "../../format.js";
import { MyUpdatesPage, RoundsPage, type UpdateFormValues, UpdateFormPage, updatePlanYears } from "../../pages/reform-updates.js";
import { parseInput } from "../../input.js";
import { requireSession, STATUS, tenantOf } from "../../request.js";
import { type Ctx, idParam, indicatorValueInput, isKnown, checkStageTags } from "./common.js";
import { OpenUpdateRoundForm, OpenUpdateRoundTexts, UPDATE_ACTIONS, updateStepForm } from "./schemas.js";
import { overviewForm } from "./editions.js";
import { requireAdmin, requireAdminOrHq, requireItemWriter } from "../../../services/authorization.js";

// ---------------------------------------------------------------------------
// Update rounds

function updateValuesOf(update: UpdateView, indicators: readonly IndicatorView[]): UpdateFormValues {
  const plans: Record<number, string> = {};
  for (const fy of updatePlanYears(update)) plans[fy] = planCellToText(update.draft.plans[fy]);
  return { result: planCellToText(update.draft.result), plans, comment: "", actuals: storedActuals(update, indicators) };
}

/** The item's 成果指標 (KPI) actuals of the round's year as stored, by indicator id ("" = none). */
function storedActuals(update: UpdateView, indicators: readonly IndicatorView[]): Record<number, string> {
  const fy = update.round.fiscalYear;
  return Object.fromEntries(indicators.map((ind) => [ind.id, ind.actuals[fy] === undefined ? "" : String(ind.actuals[fy])]));
}

/** The indicators of the update's item (its lineage), entered in the same form as the result (issue 13 point 14). */
function itemIndicators(tenant: Parameters<typeof indicatorViews>[0], update: UpdateView): Promise<IndicatorView[]> {
  return indicatorViews(tenant, [update.item.lineageKey]);
}

function draftOf(values: UpdateFormValues, years: number[]): Draft {
  const plans: Record<number, PlanCell> = {};
  for (const fy of years) plans[fy] = parsePlanCellText(values.plans[fy] ?? "");
  return { result: parsePlanCellText(values.result), plans };
}

const UPDATE_NOTICES: Record<UpdateAction, string> = {
  save: "下書きを保存しました(まだ提出していません)",
  submit: "提出しました。行政管理課の確認を待っています",
  return: "差戻しました。担当課に差戻しの理由が表示されます",
  approve: "承認しました。取組実績と計画を重点推進項目に反映しました",
};

function updateConflictRows(update: UpdateView, theirs: Draft, mine: UpdateFormValues): { label: string; theirs: string; mine: string }[] {
  const fy = update.round.fiscalYear;
  const rows = [{ label: `${formatFiscalYear(fy)}の取組実績`, theirs: planCellToText(theirs.result), mine: mine.result }];
  for (const y of updatePlanYears(update)) rows.push({ label: `${formatFiscalYear(y)}の取組計画`, theirs: planCellToText(theirs.plans[y]), mine: mine.plans[y] ?? "" });
  return rows.filter((r) => normaliseText(r.theirs) !== normaliseText(r.mine));
}


function isDraft(value: unknown): value is Draft {
  return typeof value === "object" && value !== null && "result" in value && "plans" in value;
}

export function registerRoundRoutes(app: Hono<AppEnv>): void {
  // ---- the yearly update round ----
  app.get("/reform/updates", async (c) => {
    const session = requireSession(c);
    const updates = await myUpdates(tenantOf(c, session), session.actor);
    return c.html(<MyUpdatesPage session={session} csrfToken={c.var.csrfToken} updates={updates} today={todayInJapan()} />);
  });

  const roundsPage = async (c: Ctx, session: SessionContext, options: { notice?: string; error?: string; entered?: Record<string, string>; status?: 200 | 400 | 409 } = {}) => {
    const tenant = tenantOf(c, session);
    const [rounds, editions] = await Promise.all([roundsProgress(tenant), reformEditions(tenant)]);
    return c.html(
      <RoundsPage session={session} csrfToken={c.var.csrfToken} rounds={rounds} editions={editions} notice={options.notice} error={options.error} {...(options.entered ? { entered: options.entered } : {})} />,
      options.status ?? 200,
    );
  };

  app.get("/reform/rounds", async (c) => {
    const session = requireSession(c);
    requireAdminOrHq(session.actor, "更新依頼の管理画面は行政管理課と推進本部が使います");
    const done = c.req.query("done");
    return roundsPage(c, session, { ...(done === "opened" ? { notice: "更新依頼を出しました" } : done === "closed" ? { notice: "更新依頼を締め切りました" } : {}) });
  });

  app.post("/reform/rounds", async (c) => {
    // The role first, before the form is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "更新依頼を作成する");
    const body = await c.req.parseBody();
    // What was typed, shown again with a refusal (none when the texts themselves are refused: OpenUpdateRoundForm names why).
    const typed = OpenUpdateRoundTexts.safeParse(body);
    const entered: Record<string, string> = typed.success ? typed.data : {};
    // The edition's year and where the form was sent from decide the page a refusal is shown on: read first, alone.
    const { editionYear, back: backToRounds } = parseInput(OpenUpdateRoundForm.pick({ editionYear: true, back: true }), body);
    const run = async () => {
      const { fiscalYear, dueDate, title } = parseInput(OpenUpdateRoundForm, body);
      const roundId = await openRound(tenantOf(c, session), session.actor, { editionYear, dueDate, title, ...(fiscalYear === undefined ? {} : { fiscalYear }) });
      // The responsible divisions are told (in the app, and by e-mail when SMTP is configured) once the round is stored.
      await notifyRoundOpened(tenantOf(c, session), roundId, c.var.mailer);
      return c.redirect(backToRounds ? "/reform/rounds?done=opened" : `/reform?year=${editionYear}&done=round`);
    };
    if (!backToRounds) return overviewForm(c, "round", editionYear, entered, run);
    try {
      return await run();
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return roundsPage(c, session, { error: error.message, entered, status: STATUS[error.code] as 400 | 409 });
    }
  });

  app.post("/reform/rounds/:roundId/close", async (c) => {
    const session = requireSession(c);
    await closeRound(tenantOf(c, session), session.actor, idParam(c.req.param("roundId"), "更新依頼"));
    return c.redirect("/reform/rounds?done=closed");
  });

  app.get("/reform/rounds/:roundId/items/:itemId", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const update = await getUpdate(tenant, session.actor, idParam(c.req.param("roundId"), "更新依頼"), idParam(c.req.param("itemId"), "重点推進項目"));
    const indicators = await itemIndicators(tenant, update);
    const done = UPDATE_ACTIONS.find((a) => a === c.req.query("done"));
    return c.html(
      <UpdateFormPage
        session={session}
        csrfToken={c.var.csrfToken}
        update={update}
        indicators={indicators}
        values={updateValuesOf(update, indicators)}
        version={update.version}
        notice={done ? UPDATE_NOTICES[done] : undefined}
      />,
    );
  });

  app.post("/reform/rounds/:roundId/items/:itemId", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const roundId = idParam(c.req.param("roundId"), "更新依頼");
    const itemId = idParam(c.req.param("itemId"), "重点推進項目");
    const before = await getUpdate(tenant, session.actor, roundId, itemId);
    // The role first, before the form is read: the administrator or an editor of one of the item's 担当課 (the
    // service checks the action, the state and the version in full).
    requireItemWriter(session.actor, before.item);
    const body = await c.req.parseBody();
    const years = updatePlanYears(before);
    const indicators = await itemIndicators(tenant, before);
    // A forged action (or a missing version) is refused here, before the service: a 400 naming it, nothing written.
    const form = parseInput(
      updateStepForm(
        years,
        indicators.map((ind) => ind.id),
      ),
      body,
    );
    const { action, version } = form;
    const stored = updateValuesOf(before, indicators);
    const values: UpdateFormValues = {
      result: form.result ?? stored.result,
      plans: Object.fromEntries(years.map((fy) => [fy, form[`plan.${fy}`] ?? stored.plans[fy] ?? ""])),
      comment: form.comment,
      actuals: Object.fromEntries(indicators.map((ind) => [ind.id, form[`kpi.${ind.id}`] ?? stored.actuals[ind.id] ?? ""])),
    };
    const writing = action === "save" || action === "submit";
    try {
      if (writing) {
        checkStageTags([
          { label: `${formatFiscalYear(before.round.fiscalYear)}の取組実績`, text: values.result },
          ...years.map((fy) => ({ label: `${formatFiscalYear(fy)}の取組計画`, text: values.plans[fy] ?? "" })),
        ]);
      }
      // The KPI actuals typed in the form, read before anything is written.
      const fy = before.round.fiscalYear;
      const actuals = writing
        ? indicators.flatMap((ind) => {
            const value = indicatorValueInput(values.actuals[ind.id] ?? "", `指標「${ind.name}」の${formatFiscalYear(fy)}の実績`);
            return value === (ind.actuals[fy] ?? null) ? [] : [{ indicatorId: ind.id, value }];
          })
        : [];
      // One transaction: the draft and the KPI actuals are saved together or not at all.
      await tenant.transaction(async (tx) => {
        await stepUpdate(tx, session.actor, {
          roundId,
          itemId,
          action,
          expectedVersion: version,
          ...(writing ? { draft: draftOf(values, years) } : {}),
          ...(action === "return" ? { comment: values.comment } : {}),
        });
        for (const a of actuals) await setIndicatorValue(tx, session.actor, { indicatorId: a.indicatorId, fiscalYear: fy, kind: "actual", value: a.value });
      });
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      const fresh = await getUpdate(tenant, session.actor, roundId, itemId);
      const page = (extra: { error?: string; conflict?: { message: string; rows: { label: string; theirs: string; mine: string }[]; theirsCaption: string } }, nextVersion: number) =>
        c.html(<UpdateFormPage session={session} csrfToken={c.var.csrfToken} update={fresh} indicators={indicators} values={values} version={nextVersion} {...extra} />, STATUS[error.code]);
      const theirs = error.details["theirs"];
      if (error.code === "conflict" && isDraft(theirs)) {
        return page(
          {
            conflict: {
              message: error.message,
              rows: updateConflictRows(fresh, theirs, values),
              theirsCaption: `保存されている最新の内容(${fresh.updatedBy} ${formatTimestamp(fresh.updatedAt)}・${UPDATE_STATUS_LABELS[fresh.status]})`,
            },
          },
          fresh.version,
        );
      }
      return page({ error: error.message }, error.code === "conflict" ? fresh.version : version);
    }
    // The divisions hear of a return at once (in the app, and by e-mail when SMTP is configured).
    if (action === "return") await notifyItemReturned(tenant, { roundId, itemId, comment: values.comment, mailer: c.var.mailer });
    return c.redirect(`/reform/rounds/${roundId}/items/${itemId}?done=${action}`);
  });
}
