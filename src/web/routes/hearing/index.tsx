/** 組織・業務改革ヒアリング pages: rounds, departments and slots, the forms 様式1–3 and their workflow. */
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { isFormNumber } from "../../../domain/hearing.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../../domain/read-values.js";
import { canAdminister, canVerify } from "../../../domain/roles.js";
import type { SessionContext } from "../../../services/auth.js";
import { departmentForms, FormConflict, saveForm, stepForm } from "../../../services/hearing/forms.js";
import { readApplyPreview } from "../../../services/hearing/apply-preview.js";
import { addableDepartments, addDepartment, authorizeSlotEdit, closeRound, getRound, listRounds, openRound, setJobCategories, setSlot } from "../../../services/hearing/rounds.js";
import { unitNames } from "../../../services/units.js";
import type { AppEnv } from "../../env.js";
import { DepartmentPage, FormPage, type TypedStep } from "../../pages/hearing-form.js";
import { HearingSheetPage } from "../../pages/hearing-sheet.js";
import { departmentPath, formPath, roundPath } from "../../pages/hearing-common.js";
import { HearingListPage, HearingRoundPage, type RoundEntered } from "../../pages/hearing-rounds.js";
import { parseInput } from "../../input.js";
import { currentFiscalYear, intParam, requireSession, STATUS, tenantOf } from "../../request.js";
import { registerHearingApplyRoutes } from "./apply.js";
import { registerHearingWorkbookRoutes } from "./workbook.js";
import { decisionsForm, formContentFromBody, TypedDecisionsForm } from "./form-body.js";
import { isIllustrative } from "./illustrative.js";
import { AddDepartmentForm, CategoriesForm, CategoriesText, OpenRoundTexts, CloseRoundForm, FormStepFields, OpenRoundForm, SaveFormFields, SlotForm } from "./schemas.js";
import { requireAdmin } from "../../../services/authorization.js";

type Ctx = Context<AppEnv>;

/** What a round action did, said as it happened (query key → notice). */
const ROUND_NOTICES: Record<string, string> = {
  opened: "ヒアリングを開始しました。対象の部局ごとに様式1～3を用意しました",
  slot: "ヒアリングの日程を保存しました",
  added: "部局を対象に加え、その様式1～3を用意しました",
  categories: "様式3の職種を保存しました",
  closed:
    "ヒアリングを確定しました(状態: 決定)。これ以降は様式を変更できず、各部局の編集者と閲覧者もすべての部局の結果を見られます。次年度の配置計画と組織にはまだ反映していません。反映は「決定の反映」の画面で行います",
};

/** What a workflow step of a form did (?step=<action>). */
const STEP_NOTICES: Record<string, string> = {
  return: "差し戻しました。部局が修正して再提出するまで、この様式は差戻しのままです",
  hear: "ヒアリング実施を記録しました。次は行ごとに決定します",
  decide: "この様式の決定を保存しました。ヒアリング全体の確定は「部局と日程」の画面で、すべての様式を決定した後に行います",
};

function isKnown(error: unknown, ...codes: string[]): error is GyokakuError {
  return isGyokakuError(error) && codes.includes(error.code);
}


/** The per-field problems a service listed (details.problems), if any. */
function problemsOf(error: GyokakuError): string[] | undefined {
  const list = error.details["problems"];
  return Array.isArray(list) && list.every((p) => typeof p === "string") ? list : undefined;
}

/** The Japanese names of the hearing paths' parameters, for a refusal (「ヒアリングは整数で指定してください」, not 「round…」). */
const PARAM_LABELS: Readonly<Record<string, string>> = { round: "ヒアリング", unit: "部局", form: "様式" };

function idParam(c: Ctx, name: string): number {
  const n = intParam(c.req.param(name), PARAM_LABELS[name] ?? "番号", 0);
  if (n <= 0 || n > 2_147_483_647) throw new GyokakuError("not_found", "見つかりません");
  return n;
}

async function roundPage(c: Ctx, session: SessionContext, roundId: number, options: { error?: string; notice?: string; entered?: RoundEntered; status?: 200 | 400 | 403 | 404 | 409 } = {}) {
  const tenant = tenantOf(c, session);
  const round = await getRound(tenant, session.actor, roundId);
  const admin = canAdminister(session.actor);
  const addable = await addableDepartments(tenant, session.actor, round);
  // Once every form is decided, the secretariat and headquarters see the approved lines the organisation no longer allows.
  const preview = (canAdminister(session.actor) || canVerify(session.actor)) && (round.allDecided || round.status === "decided") ? await readApplyPreview(tenant, session.actor, roundId) : null;
  return c.html(
    <HearingRoundPage session={session} csrfToken={c.var.csrfToken} round={round} admin={admin} illustrative={isIllustrative(round.title)} addable={addable} error={options.error} notice={options.notice} entered={options.entered} preview={preview} />,
    options.status ?? 200,
  );
}

async function formPage(
  c: Ctx,
  session: SessionContext,
  ids: { roundId: number; unitId: number; form: number },
  options: { error?: GyokakuError | string; notice?: string; entered?: unknown; typedStep?: TypedStep; conflict?: FormConflict; status?: 200 | 400 | 403 | 404 | 409 } = {},
) {
  if (!isFormNumber(ids.form)) throw new GyokakuError("not_found", `様式${ids.form}はありません`);
  const tenant = tenantOf(c, session);
  const dept = await departmentForms(tenant, session.actor, ids.roundId, ids.unitId);
  const allUnits = await unitNames(tenant);
  // A decided 様式2・様式3 shows the secretariat and headquarters its lines the organisation no longer allows.
  const decided = dept.forms.find((f) => f.form === ids.form)?.status === "decided";
  const preview = decided && ids.form !== 1 && (canAdminister(session.actor) || canVerify(session.actor)) ? await readApplyPreview(tenant, session.actor, ids.roundId) : null;
  return c.html(
    <FormPage
      unapplicable={preview ? { applied: preview.applied, lines: preview.unapplicable.filter((u) => u.departmentId === ids.unitId && u.form === ids.form) } : undefined}
      session={session}
      csrfToken={c.var.csrfToken}
      dept={dept}
      form={ids.form}
      illustrative={isIllustrative(dept.roundTitle)}
      admin={canAdminister(session.actor)}
      allUnits={allUnits}
      entered={options.entered as never}
      error={typeof options.error === "string" ? options.error : options.error?.message}
      problems={typeof options.error === "object" ? problemsOf(options.error) : undefined}
      notice={options.notice}
      typedStep={options.typedStep}
      conflict={options.conflict ? { message: options.conflict.message, theirs: options.conflict.theirs, differences: options.conflict.differences } : undefined}
    />,
    options.status ?? 200,
  );
}

export function registerHearingRoutes(app: Hono<AppEnv>): void {
  registerHearingApplyRoutes(app);
  registerHearingWorkbookRoutes(app);
  app.get("/hearings", async (c) => {
    const session = requireSession(c);
    const rounds = await listRounds(tenantOf(c, session), session.actor);
    return c.html(<HearingListPage session={session} csrfToken={c.var.csrfToken} rounds={rounds} admin={canAdminister(session.actor)} suggestedYear={currentFiscalYear() + 1} />);
  });

  app.post("/hearings", async (c) => {
    // The role first, before the form is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "ヒアリングを開始する");
    const body = await c.req.parseBody();
    let entered: z.output<typeof OpenRoundTexts> | undefined;
    try {
      entered = parseInput(OpenRoundTexts, body);
      const id = await openRound(tenantOf(c, session), session.actor, { ...parseInput(OpenRoundForm, entered), currentFiscalYear: currentFiscalYear() });
      return c.redirect(`${roundPath(id)}?opened=1`);
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      const rounds = await listRounds(tenantOf(c, session), session.actor);
      return c.html(
        <HearingListPage session={session} csrfToken={c.var.csrfToken} rounds={rounds} admin={canAdminister(session.actor)} suggestedYear={currentFiscalYear() + 1} error={error.message} {...(entered ? { entered } : {})} />,
        STATUS[error.code] as 400 | 409,
      );
    }
  });

  app.get("/hearings/:round", async (c) => {
    const session = requireSession(c);
    const done = Object.keys(ROUND_NOTICES).find((k) => c.req.query(k) !== undefined);
    return roundPage(c, session, idParam(c, "round"), { notice: done ? ROUND_NOTICES[done] : undefined });
  });

  /** A POST of the round page; a refused one shows the page again with the error and, via `entered`, what was typed. */
  const roundAction = (
    path: string,
    run: (c: Ctx, session: SessionContext, roundId: number, body: Record<string, unknown>) => Promise<void>,
    done: string,
    entered?: (c: Ctx, body: Record<string, unknown>) => RoundEntered,
  ) => {
    app.post(`/hearings/:round/${path}`, async (c) => {
      const session = requireSession(c);
      const roundId = idParam(c, "round");
      const body = await c.req.parseBody({ all: true });
      try {
        await run(c, session, roundId, body);
        return c.redirect(`${roundPath(roundId)}?${done}=1`);
      } catch (error) {
        if (!isKnown(error, "invalid_input", "conflict")) throw error;
        return roundPage(c, session, roundId, { error: error.message, entered: entered?.(c, body), status: STATUS[error.code] as 400 | 409 });
      }
    });
  };
  roundAction(
    "slots/:unit",
    async (c, session, roundId, body) => {
      // The role and the round before the form is read (the service checks them again); then the slot the form
      // showed, without which the save would overwrite a slot set meanwhile unseen (a lost update).
      await authorizeSlotEdit(tenantOf(c, session), session.actor, roundId);
      const read = parseReadValues(body[READ_VALUES_FIELD]);
      await setSlot(tenantOf(c, session), session.actor, { roundId, unitId: idParam(c, "unit"), ...parseInput(SlotForm, body), read });
    },
    "saved",
    (c, body) => {
      // What was typed, shown again: when the texts themselves were refused, the slot as stored.
      const typed = SlotForm.safeParse(body);
      return typed.success ? { slot: { unitId: idParam(c, "unit"), ...typed.data } } : {};
    },
  );
  roundAction("departments", (c, session, roundId, body) => addDepartment(tenantOf(c, session), session.actor, { roundId, ...parseInput(AddDepartmentForm, body) }), "saved");
  roundAction(
    "categories",
    (c, session, roundId, body) =>
      setJobCategories(tenantOf(c, session), session.actor, { roundId, ...parseInput(CategoriesForm, body) }),
    "categories",
    (_c, body) => {
      const typed = CategoriesText.safeParse(body);
      return typed.success ? typed.data : {};
    },
  );
  roundAction("close", (c, session, roundId, body) => closeRound(tenantOf(c, session), session.actor, { roundId, ...parseInput(CloseRoundForm, body) }), "closed");

  app.get("/hearings/:round/departments/:unit", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const dept = await departmentForms(tenant, session.actor, idParam(c, "round"), idParam(c, "unit"));
    const uploaded = c.req.query("uploaded");
    const notice = c.req.query("submitted") ? "提出しました" : uploaded !== undefined ? (uploaded === "0" ? "ブックを確認しました(変更はありません)" : `ブックから${uploaded}つの様式を保存しました`) : undefined;
    return c.html(<DepartmentPage session={session} csrfToken={c.var.csrfToken} dept={dept} illustrative={isIllustrative(dept.roundTitle)} admin={canAdminister(session.actor)} notice={notice} />);
  });

  app.get("/hearings/:round/departments/:unit/sheet", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const dept = await departmentForms(tenant, session.actor, idParam(c, "round"), idParam(c, "unit"));
    return c.html(<HearingSheetPage session={session} csrfToken={c.var.csrfToken} dept={dept} illustrative={isIllustrative(dept.roundTitle)} allUnits={await unitNames(tenant)} />);
  });

  app.get("/hearings/:round/departments/:unit/forms/:form", async (c) => {
    const session = requireSession(c);
    const step = c.req.query("step");
    const notice = c.req.query("saved") ? "保存しました(まだ提出していません。内容がそろったら「提出する」を押してください)" : step !== undefined ? STEP_NOTICES[step] : undefined;
    return formPage(c, session, { roundId: idParam(c, "round"), unitId: idParam(c, "unit"), form: idParam(c, "form") }, { notice });
  });

  app.post("/hearings/:round/departments/:unit/forms/:form", async (c) => {
    const session = requireSession(c);
    const ids = { roundId: idParam(c, "round"), unitId: idParam(c, "unit"), form: idParam(c, "form") };
    if (!isFormNumber(ids.form)) throw new GyokakuError("not_found", `様式${ids.form}はありません`);
    const body = await c.req.parseBody({ all: true });
    const content = formContentFromBody(ids.form, body);
    try {
      await saveForm(tenantOf(c, session), session.actor, { ...ids, ...parseInput(SaveFormFields, body), content });
      return c.redirect(`${formPath(ids.roundId, ids.unitId, ids.form)}?saved=1`);
    } catch (error) {
      if (error instanceof FormConflict) return formPage(c, session, ids, { conflict: error, entered: content, status: 409 });
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return formPage(c, session, ids, { error, entered: error.code === "invalid_input" ? content : undefined, status: STATUS[error.code] as 400 | 409 });
    }
  });

  app.post("/hearings/:round/departments/:unit/forms/:form/step", async (c) => {
    const session = requireSession(c);
    const ids = { roundId: idParam(c, "round"), unitId: idParam(c, "unit"), form: idParam(c, "form") };
    const { form } = ids;
    if (!isFormNumber(form)) throw new GyokakuError("not_found", `様式${form}はありません`);
    const body = await c.req.parseBody({ all: true });
    // A forged step (or version) is refused here, before the service: a 400 naming the field, nothing written.
    const step = parseInput(FormStepFields, body);
    const { action } = step;
    try {
      // A forged or unreadable decision is refused naming its line; the page comes back with every field as typed.
      const decisions = parseInput(decisionsForm(form), body);
      await stepForm(tenantOf(c, session), session.actor, { ...ids, ...step, decisions });
      return c.redirect(action === "submit" ? `${departmentPath(ids.roundId, ids.unitId)}?submitted=1` : `${formPath(ids.roundId, ids.unitId, ids.form)}?step=${action}`);
    } catch (error) {
      if (error instanceof FormConflict) return formPage(c, session, ids, { conflict: error, status: 409 });
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      // A refused step shows its fields as typed (decisions, reason, date, notes), never the stored ones.
      const typedStep: TypedStep | undefined =
        error.code === "invalid_input"
          ? { action, comment: step.comment, heardOn: step.heardOn, notes: step.notes, decisions: parseInput(TypedDecisionsForm, body) }
          : undefined;
      return formPage(c, session, ids, { error, typedStep, status: STATUS[error.code] as 400 | 409 });
    }
  });
}
