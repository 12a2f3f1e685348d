import type { Context, Hono } from "hono";
import { fiscalYearOf, formatFiscalYear, parseFiscalYear } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { parsePlanCellText, type PlanCell, planCellToText, UPDATE_STATUS_LABELS, type UpdateAction } from "../../domain/reform.js";
import { canAdminister, canVerify } from "../../domain/roles.js";
import { unknownStageTag, unknownStageMessage } from "../../io/reform-sheet.js";
import type { TextEncodingName } from "../../io/text-encoding.js";
import { indicatorChartSvg } from "../../report/charts.js";
import type { SessionContext } from "../../services/auth.js";
import {
  addAttachment,
  addItem,
  closeRound,
  createEdition,
  type Draft,
  EditConflict,
  getItem,
  getUpdate,
  type ItemView,
  myUpdates,
  openRound,
  setEvaluations,
  setIndicatorValue,
  startNextEdition,
  stepUpdate,
  updateItem,
  type UpdateView,
  verifyItem,
} from "../../services/reform.js";
import {
  changesFromText,
  exportEditionCsv,
  exportEditionJson,
  exportEditionXlsx,
  importReformWorkbook,
  itemAsText,
  normaliseText,
  previewReformImport,
  ReformImportRejected,
  splitUnitLabels,
  type TypedItem,
} from "../../services/reform-transfer.js";
import {
  canEnterIndicator,
  editionOverview,
  getIndicatorView,
  indicatorViews,
  itemSheet,
  latestEditionYear,
  reformEditions,
  roundsProgress,
  subcommitteeViews,
  verificationSheet,
} from "../../services/reform-views.js";
import type { AppEnv } from "../env.js";
import { formatTimestamp, todayInJapan } from "../format.js";
import { IndicatorsPage, SubcommitteesPage } from "../pages/reform-catalogue.js";
import { ReformImportPage } from "../pages/reform-import.js";
import { formYears, type ItemFormValues, ItemEditPage, ItemSheetPage } from "../pages/reform-item.js";
import { NoEditionPage, type OverviewForms, ReformOverviewPage } from "../pages/reform-overview.js";
import { MyUpdatesPage, RoundsPage, type UpdateFormValues, UpdateFormPage, updatePlanYears } from "../pages/reform-updates.js";
import { type VerificationFormState, VerificationPage } from "../pages/reform-verification.js";
import { asInput, field, fileResponse, intParam, requireAdmin, requireSession, STATUS, tenantOf, uploadedFile } from "../request.js";

type Ctx = Context<AppEnv>;

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A path id: anything but a positive integer is a page that does not exist. */
function idParam(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new GyokakuError("not_found", `${what}が見つかりません`);
  return n;
}

/** A fiscal year typed as 令和7年度, R7, 2025… (blank is unreadable too); a label that cannot be read is the user's input error. */
function yearInput(value: string, what: string): number {
  return asInput(() => parseFiscalYear(value.trim()), what);
}

async function yearOrLatest(c: Ctx, session: SessionContext): Promise<number | null> {
  const asked = c.req.query("year");
  if (asked !== undefined && asked.trim() !== "") return yearInput(asked, "年度");
  return latestEditionYear(tenantOf(c, session));
}

function isKnown(error: unknown, ...codes: string[]): error is GyokakuError {
  return isGyokakuError(error) && codes.includes(error.code);
}

// ---------------------------------------------------------------------------
// Overview

const OVERVIEW_NOTICES: Record<string, string> = {
  next: "次年度の版を作成しました",
  round: "更新依頼を出しました。担当課の「担当の更新依頼」に表示されます",
  evaluations: "評価の区分を保存しました",
  edition: "版を作成しました",
};

async function overviewPage(c: Ctx, session: SessionContext, year: number, options: { notice?: string; error?: OverviewForms; status?: 200 | 400 | 403 | 404 | 409 } = {}) {
  const overview = await editionOverview(tenantOf(c, session), year);
  return c.html(<ReformOverviewPage session={session} csrfToken={c.var.csrfToken} overview={overview} notice={options.notice} error={options.error} />, options.status ?? 200);
}

/** Runs one of the overview's admin forms; a refused input shows the overview again with the message and what was typed. */
async function overviewForm(c: Ctx, form: OverviewForms["form"], year: number, entered: Record<string, string>, run: () => Promise<Response>) {
  const session = requireSession(c);
  try {
    return await run();
  } catch (error) {
    if (!isKnown(error, "invalid_input", "conflict")) throw error;
    return overviewPage(c, session, year, { error: { form, message: error.message, entered }, status: STATUS[error.code] as 400 | 409 });
  }
}

// ---------------------------------------------------------------------------
// Items

function formValuesOf(item: ItemView): ItemFormValues {
  const text = itemAsText(item);
  const { planYears, pastYears } = formYears(item);
  const plans: Record<number, string> = {};
  const results: Record<number, string> = {};
  planYears.forEach((fy, i) => (plans[fy] = text.plans[i] ?? ""));
  results[item.editionYear] = item.currentResult ? planCellToText(item.currentResult) : "";
  for (const fy of pastYears) {
    const h = item.history.find((x) => x.fiscalYear === fy);
    plans[fy] = h?.plan ? planCellToText(h.plan) : "";
    results[fy] = h?.result ? planCellToText(h.result) : "";
  }
  return { name: item.name, state: item.state, unitIds: item.unitIds, unitLabels: text.unitLabels, content: text.content, effect: text.effect, remarks: text.remarks, plans, results };
}

function readItemForm(item: ItemView, body: Record<string, unknown>): { typed: TypedItem; values: ItemFormValues } {
  const { planYears, pastYears } = formYears(item);
  const has = (name: string) => typeof body[name] === "string";
  const raw = body["unit"];
  const unitIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === "string").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const plans: Record<number, string> = {};
  const results: Record<number, string> = {};
  for (const fy of [...planYears, ...pastYears]) if (has(`plan.${fy}`)) plans[fy] = field(body, `plan.${fy}`);
  for (const fy of [item.editionYear, ...pastYears]) if (has(`result.${fy}`)) results[fy] = field(body, `result.${fy}`);
  const typed: TypedItem = {
    ...(has("name") ? { name: field(body, "name") } : {}),
    ...(has("state") ? { state: field(body, "state") } : {}),
    ...(has("unitLabels") ? { unitLabels: field(body, "unitLabels") } : {}),
    ...(has("unitsShown") ? { unitIds } : {}),
    ...(has("content") ? { content: field(body, "content") } : {}),
    ...(has("effect") ? { effect: field(body, "effect") } : {}),
    ...(has("remarks") ? { remarks: field(body, "remarks") } : {}),
    plans,
    results,
  };
  const stored = formValuesOf(item);
  const values: ItemFormValues = {
    name: typed.name ?? stored.name,
    state: typed.state ?? stored.state,
    unitIds: typed.unitIds ?? stored.unitIds,
    unitLabels: typed.unitLabels ?? stored.unitLabels,
    content: typed.content ?? stored.content,
    effect: typed.effect ?? stored.effect,
    remarks: typed.remarks ?? stored.remarks,
    plans: { ...stored.plans, ...plans },
    results: { ...stored.results, ...results },
  };
  return { typed, values };
}

/** Field by field, where the stored item and what this person typed differ. */
function itemConflictRows(theirs: ItemView, mine: ItemFormValues): { label: string; theirs: string; mine: string }[] {
  const stored = formValuesOf(theirs);
  const rows: { label: string; theirs: string; mine: string }[] = [];
  const add = (label: string, a: string, b: string) => {
    if (normaliseText(a) !== normaliseText(b)) rows.push({ label, theirs: a, mine: b });
  };
  add("事業名", stored.name, mine.name);
  add("区分", stored.state, mine.state);
  add("担当課", stored.unitLabels, mine.unitLabels);
  add("取組内容", stored.content, mine.content);
  for (const fy of Object.keys(stored.plans).map(Number).sort((a, b) => b - a)) add(`取組計画 ${formatFiscalYear(fy)}`, stored.plans[fy] ?? "", mine.plans[fy] ?? "");
  for (const fy of Object.keys(stored.results).map(Number).sort((a, b) => b - a)) add(`取組実績 ${formatFiscalYear(fy)}`, stored.results[fy] ?? "", mine.results[fy] ?? "");
  add("取組効果", stored.effect, mine.effect);
  add("備考", stored.remarks, mine.remarks);
  return rows;
}

const ITEM_NOTICES: Record<string, string> = {
  saved: "保存しました",
  nochange: "変更はありませんでした",
  added: "新規項目を追加しました。内容と担当課を入力してください",
};

// ---------------------------------------------------------------------------
// Update rounds

function updateValuesOf(update: UpdateView): UpdateFormValues {
  const plans: Record<number, string> = {};
  for (const fy of updatePlanYears(update)) plans[fy] = planCellToText(update.draft.plans[fy]);
  return { result: planCellToText(update.draft.result), plans, comment: "" };
}

function draftOf(values: UpdateFormValues, years: number[]): Draft {
  const plans: Record<number, PlanCell> = {};
  for (const fy of years) plans[fy] = parsePlanCellText(values.plans[fy] ?? "");
  return { result: parsePlanCellText(values.result), plans };
}

const UPDATE_ACTIONS: readonly UpdateAction[] = ["save", "submit", "return", "approve"];
const UPDATE_NOTICES: Record<UpdateAction, string> = {
  save: "下書きを保存しました(まだ提出していません)",
  submit: "提出しました。行政管理課の確認を待っています",
  return: "差戻しました。担当課に差戻しの理由が表示されます",
  approve: "承認しました。取組実績と計画を重点推進項目に反映しました",
};

function updateConflictRows(update: UpdateView, theirs: Draft, mine: UpdateFormValues): { label: string; theirs: string; mine: string }[] {
  const fy = update.round.fiscal_year;
  const rows = [{ label: `${formatFiscalYear(fy)}の取組実績`, theirs: planCellToText(theirs.result), mine: mine.result }];
  for (const y of updatePlanYears(update)) rows.push({ label: `${formatFiscalYear(y)}の取組計画`, theirs: planCellToText(theirs.plans[y]), mine: mine.plans[y] ?? "" });
  return rows.filter((r) => normaliseText(r.theirs) !== normaliseText(r.mine));
}

/** A stage tag typed wrong (<実施中>) would otherwise be kept as an ordinary line: refuse it, naming the field. */
function checkStageTags(fields: { label: string; text: string }[]): void {
  for (const f of fields) {
    const bad = unknownStageTag(f.text);
    if (bad) throw new GyokakuError("invalid_input", `${f.label}: ${unknownStageMessage(bad)}`);
  }
}

function isDraft(value: unknown): value is Draft {
  return typeof value === "object" && value !== null && "result" in value && "plans" in value;
}

// ---------------------------------------------------------------------------

/** 業務改革: editions, items, the yearly update round, verification, subcommittees, indicators. */
export function registerReformRoutes(app: Hono<AppEnv>): void {
  // ---- overview and the secretariat's edition forms ----
  app.get("/reform", async (c) => {
    const session = requireSession(c);
    const year = await yearOrLatest(c, session);
    if (year === null) return c.html(<NoEditionPage session={session} csrfToken={c.var.csrfToken} year={fiscalYearOf(todayInJapan())} />);
    const done = c.req.query("done") ?? "";
    let notice = OVERVIEW_NOTICES[done];
    if (done === "imported") notice = `項目シートを取り込みました(${c.req.query("changed") ?? "0"}件の項目を変更)`;
    if (done === "next") notice = `${formatFiscalYear(year)}の版を作成しました(継続 ${c.req.query("carried") ?? "0"}件、完了で除いた項目 ${c.req.query("completed") ?? "0"}件)`;
    return overviewPage(c, session, year, notice ? { notice } : {});
  });

  app.post("/reform/editions", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const text = field(body, "fiscalYear");
    try {
      const year = yearInput(text, "年度");
      await createEdition(tenantOf(c, session), session.actor, { fiscalYear: year });
      return c.redirect(`/reform?year=${year}&done=edition`);
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return c.html(<NoEditionPage session={session} csrfToken={c.var.csrfToken} year={fiscalYearOf(todayInJapan())} error={error.message} />, STATUS[error.code]);
    }
  });

  app.post("/reform/editions/:year/next", async (c) => {
    const session = requireSession(c);
    const year = yearInput(c.req.param("year"), "年度");
    return overviewForm(c, "next", year, {}, async () => {
      const result = await startNextEdition(tenantOf(c, session), session.actor, year);
      return c.redirect(`/reform?year=${year + 1}&done=next&carried=${result.carried}&completed=${result.completed.length}`);
    });
  });

  app.post("/reform/editions/:year/items", async (c) => {
    const session = requireSession(c);
    const year = yearInput(c.req.param("year"), "年度");
    const body = await c.req.parseBody();
    const entered = { name: field(body, "name"), unitLabels: field(body, "unitLabels") };
    return overviewForm(c, "item", year, entered, async () => {
      const tenant = tenantOf(c, session);
      const labels = splitUnitLabels(entered.unitLabels);
      const units = await tenant.units.list();
      const id = await addItem(tenant, session.actor, { editionYear: year, name: entered.name, unitLabels: labels, unitIds: units.filter((u) => labels.includes(u.name)).map((u) => u.id) });
      return c.redirect(`/reform/items/${id}/edit?done=added`);
    });
  });

  app.post("/reform/evaluations", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const entered = { evaluations: field(body, "evaluations") };
    const year = field(body, "year") ? yearInput(field(body, "year"), "年度") : ((await latestEditionYear(tenantOf(c, session))) ?? 0);
    return overviewForm(c, "evaluations", year, entered, async () => {
      await setEvaluations(tenantOf(c, session), session.actor, entered.evaluations.split(/\r?\n/));
      return c.redirect(`/reform?year=${year}&done=evaluations`);
    });
  });

  // ---- exports: /reform/editions/2025.xlsx | .csv | .json ----
  app.get("/reform/editions/:file", async (c) => {
    const session = requireSession(c);
    const match = /^(\d{4})\.(xlsx|csv|json)$/.exec(c.req.param("file"));
    if (!match) throw new GyokakuError("not_found", "お探しのファイルはありません");
    const year = Number(match[1]);
    const tenant = tenantOf(c, session);
    if (match[2] === "xlsx") return fileResponse(c, await exportEditionXlsx(tenant, year));
    if (match[2] === "json") return fileResponse(c, await exportEditionJson(tenant, year));
    const encoding = c.req.query("encoding") ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "shift_jis") throw new GyokakuError("invalid_input", `文字コード「${encoding}」には対応していません (utf-8 / shift_jis)`);
    return fileResponse(c, await exportEditionCsv(tenant, year, encoding as TextEncodingName));
  });

  // ---- one item ----
  app.get("/reform/items/:id", async (c) => {
    const session = requireSession(c);
    const sheet = await itemSheet(tenantOf(c, session), idParam(c.req.param("id"), "重点推進項目"));
    return c.html(<ItemSheetPage session={session} csrfToken={c.var.csrfToken} sheet={sheet} notice={ITEM_NOTICES[c.req.query("done") ?? ""]} />);
  });

  app.get("/reform/items/:id/edit", async (c) => {
    const session = requireAdmin(c, "重点推進項目を編集する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    const uploaded = Number(c.req.query("uploaded"));
    const notice = Number.isSafeInteger(uploaded) && uploaded > 0 ? `画像を登録しました(画像番号 ${uploaded})。本文に ![説明](${uploaded}) と書くと、その位置に表示されます` : ITEM_NOTICES[c.req.query("done") ?? ""];
    return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={await tenant.units.list()} values={formValuesOf(item)} version={item.version} notice={notice} />);
  });

  app.post("/reform/items/:id", async (c) => {
    const session = requireAdmin(c, "重点推進項目を編集する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    const body = await c.req.parseBody({ all: true });
    const version = intParam(field(body, "version"), "版番号", NaN);
    if (Number.isNaN(version)) throw new GyokakuError("invalid_input", "編集を始めたときの版番号(version)がありません。画面を再読み込みしてください");
    const units = await tenant.units.list();
    const { typed, values } = readItemForm(item, body);
    const changes = changesFromText(item, typed, units);
    if (Object.keys(changes).length === 0 && version === item.version) return c.redirect(`/reform/items/${item.id}?done=nochange`);
    try {
      // Only the cells this save changes: an untouched cell is never refused for what it already says.
      const changed = (kind: "plans" | "results") => Object.entries(typed[kind] ?? {}).filter(([fy]) => changes[kind]?.[Number(fy)] !== undefined);
      checkStageTags([
        ...changed("plans").map(([fy, text]) => ({ label: `取組計画 ${formatFiscalYear(Number(fy))}`, text })),
        ...changed("results").map(([fy, text]) => ({ label: `取組実績 ${formatFiscalYear(Number(fy))}`, text })),
      ]);
      await updateItem(tenant, session.actor, item.id, version, changes);
    } catch (error) {
      if (error instanceof EditConflict) {
        const conflict = { message: error.message, theirs: error.theirs, rows: itemConflictRows(error.theirs, values) };
        return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={error.theirs} units={units} values={values} version={error.theirs.version} conflict={conflict} />, 409);
      }
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      return c.html(<ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={units} values={values} version={version} error={error.message} />, STATUS[error.code]);
    }
    return c.redirect(`/reform/items/${item.id}?done=saved`);
  });

  app.post("/reform/items/:id/attachments", async (c) => {
    const session = requireAdmin(c, "画像を登録する");
    const tenant = tenantOf(c, session);
    const item = await getItem(tenant, idParam(c.req.param("id"), "重点推進項目"));
    const body = await c.req.parseBody();
    const upload = body["file"];
    try {
      if (!(upload instanceof File)) throw new GyokakuError("invalid_input", "画像ファイルを選んでください");
      const id = await addAttachment(tenant, session.actor, { itemId: item.id, filename: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) });
      return c.redirect(`/reform/items/${item.id}/edit?uploaded=${id}`);
    } catch (error) {
      if (!isKnown(error, "invalid_input")) throw error;
      return c.html(
        <ItemEditPage session={session} csrfToken={c.var.csrfToken} item={item} units={await tenant.units.list()} values={formValuesOf(item)} version={item.version} error={error.message} />,
        400,
      );
    }
  });

  app.get("/reform/attachments/:id", async (c) => {
    const session = requireSession(c);
    const row = await tenantOf(c, session).reformAttachments.get(idParam(c.req.param("id"), "画像"));
    if (!row) throw new GyokakuError("not_found", "画像が見つかりません");
    c.header("content-type", row.content_type);
    c.header("cache-control", "private, max-age=3600");
    const bytes = Buffer.from(row.data_base64, "base64");
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  });

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
    if (!canAdminister(session.actor) && !canVerify(session.actor)) throw new GyokakuError("forbidden", "更新依頼の管理画面は行政管理課と推進本部が使います");
    const done = c.req.query("done");
    return roundsPage(c, session, { ...(done === "opened" ? { notice: "更新依頼を出しました" } : done === "closed" ? { notice: "更新依頼を締め切りました" } : {}) });
  });

  app.post("/reform/rounds", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const entered = { editionYear: field(body, "editionYear"), fiscalYear: field(body, "fiscalYear"), dueDate: field(body, "dueDate"), title: field(body, "title") };
    const backToRounds = field(body, "back") === "rounds";
    const editionYear = yearInput(entered.editionYear, "版の年度");
    const run = async () => {
      const fiscalYear = entered.fiscalYear.trim() === "" ? undefined : yearInput(entered.fiscalYear, "実績の年度");
      await openRound(tenantOf(c, session), session.actor, { editionYear, dueDate: entered.dueDate.trim(), title: entered.title, ...(fiscalYear === undefined ? {} : { fiscalYear }) });
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
    const update = await getUpdate(tenantOf(c, session), session.actor, idParam(c.req.param("roundId"), "更新依頼"), idParam(c.req.param("itemId"), "重点推進項目"));
    const done = c.req.query("done") as UpdateAction | undefined;
    return c.html(
      <UpdateFormPage
        session={session}
        csrfToken={c.var.csrfToken}
        update={update}
        values={updateValuesOf(update)}
        version={update.version}
        notice={done && UPDATE_ACTIONS.includes(done) ? UPDATE_NOTICES[done] : undefined}
      />,
    );
  });

  app.post("/reform/rounds/:roundId/items/:itemId", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const roundId = idParam(c.req.param("roundId"), "更新依頼");
    const itemId = idParam(c.req.param("itemId"), "重点推進項目");
    const before = await getUpdate(tenant, session.actor, roundId, itemId);
    const body = await c.req.parseBody();
    const action = field(body, "action") as UpdateAction;
    if (!UPDATE_ACTIONS.includes(action)) throw new GyokakuError("invalid_input", "操作(下書き保存・提出・承認・差戻し)を選んでください");
    const version = intParam(field(body, "version"), "版番号", NaN);
    if (Number.isNaN(version)) throw new GyokakuError("invalid_input", "編集を始めたときの版番号(version)がありません。画面を再読み込みしてください");
    const years = updatePlanYears(before);
    const stored = updateValuesOf(before);
    const values: UpdateFormValues = {
      result: "result" in body ? field(body, "result") : stored.result,
      plans: Object.fromEntries(years.map((fy) => [fy, `plan.${fy}` in body ? field(body, `plan.${fy}`) : (stored.plans[fy] ?? "")])),
      comment: field(body, "comment"),
    };
    const writing = action === "save" || action === "submit";
    try {
      if (writing) {
        checkStageTags([
          { label: `${formatFiscalYear(before.round.fiscal_year)}の取組実績`, text: values.result },
          ...years.map((fy) => ({ label: `${formatFiscalYear(fy)}の取組計画`, text: values.plans[fy] ?? "" })),
        ]);
      }
      await stepUpdate(tenant, session.actor, {
        roundId,
        itemId,
        action,
        expectedVersion: version,
        ...(writing ? { draft: draftOf(values, years) } : {}),
        ...(action === "return" ? { comment: values.comment } : {}),
      });
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      const fresh = await getUpdate(tenant, session.actor, roundId, itemId);
      const page = (extra: { error?: string; conflict?: { message: string; rows: { label: string; theirs: string; mine: string }[]; theirsCaption: string } }, nextVersion: number) =>
        c.html(<UpdateFormPage session={session} csrfToken={c.var.csrfToken} update={fresh} values={values} version={nextVersion} {...extra} />, STATUS[error.code]);
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
    return c.redirect(`/reform/rounds/${roundId}/items/${itemId}?done=${action}`);
  });

  // ---- verification by the headquarters ----
  const verificationPage = async (c: Ctx, session: SessionContext, year: number, options: { notice?: string; form?: VerificationFormState; status?: 200 | 400 | 409 } = {}) => {
    const tenant = tenantOf(c, session);
    const [sheet, editions] = await Promise.all([verificationSheet(tenant, year), reformEditions(tenant)]);
    return c.html(<VerificationPage session={session} csrfToken={c.var.csrfToken} sheet={sheet} editions={editions} notice={options.notice} form={options.form} />, options.status ?? 200);
  };

  app.get("/reform/verification", async (c) => {
    const session = requireSession(c);
    const year = await yearOrLatest(c, session);
    if (year === null) throw new GyokakuError("not_found", "基本方針の版がまだありません");
    return verificationPage(c, session, year, c.req.query("done") ? { notice: "検証を記録しました" } : {});
  });

  app.post("/reform/verification", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const itemId = idParam(field(body, "itemId"), "重点推進項目");
    const year = yearInput(field(body, "year"), "年度");
    const entered = { evaluation: field(body, "evaluation"), opinion: field(body, "opinion"), decision: field(body, "decision") };
    const versionText = field(body, "version");
    const expectedVersion = versionText.trim() === "" ? null : intParam(versionText, "版番号", 0);
    try {
      await verifyItem(tenantOf(c, session), session.actor, { itemId, fiscalYear: year, ...entered, expectedVersion });
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      const theirs = error.details["theirs"] as { evaluation?: string; opinion?: string; decision?: string; version?: number; verified_by?: string; verified_at?: string } | undefined;
      const stored = theirs ?? (await tenantOf(c, session).reformVerifications.get((await getItem(tenantOf(c, session), itemId)).lineageKey, year));
      const form: VerificationFormState = {
        itemId,
        entered,
        version: error.code === "conflict" ? (stored?.version === undefined ? "" : String(stored.version)) : versionText,
      };
      if (error.code === "conflict" && theirs) {
        form.conflict = {
          message: error.message,
          theirsCaption: `記録されている最新の内容(${theirs.verified_by ?? ""} ${theirs.verified_at ? formatTimestamp(theirs.verified_at) : ""})`,
          rows: [
            { label: "評価", theirs: theirs.evaluation ?? "", mine: entered.evaluation },
            { label: "次年度の方針", theirs: theirs.decision ?? "", mine: entered.decision },
            { label: "意見", theirs: theirs.opinion ?? "", mine: entered.opinion },
          ].filter((r) => normaliseText(r.theirs) !== normaliseText(r.mine)),
        };
      } else {
        form.error = error.message;
      }
      return verificationPage(c, session, year, { form, status: STATUS[error.code] as 400 | 409 });
    }
    return c.redirect(`/reform/verification?year=${year}&done=${itemId}#item-${itemId}`);
  });

  // ---- subcommittees and indicators ----
  app.get("/reform/subcommittees", async (c) => {
    const session = requireSession(c);
    const subcommittees = await subcommitteeViews(tenantOf(c, session));
    return c.html(<SubcommitteesPage session={session} csrfToken={c.var.csrfToken} subcommittees={subcommittees} />);
  });

  app.get("/reform/indicators", async (c) => {
    const session = requireSession(c);
    const indicators = await indicatorViews(tenantOf(c, session));
    return c.html(
      <IndicatorsPage
        session={session}
        csrfToken={c.var.csrfToken}
        indicators={indicators}
        canEnter={(ind) => canEnterIndicator(session.actor, ind)}
        notice={c.req.query("done") ? "指標の値を保存しました" : undefined}
      />,
    );
  });

  app.post("/reform/indicators/:id/values", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const indicatorId = idParam(c.req.param("id"), "指標");
    const body = await c.req.parseBody();
    const entered = { fiscalYear: field(body, "fiscalYear"), kind: field(body, "kind"), value: field(body, "value") };
    try {
      if (entered.kind !== "target" && entered.kind !== "actual") throw new GyokakuError("invalid_input", "種類は 目標 か 実績 を選んでください");
      const fiscalYear = yearInput(entered.fiscalYear, "年度");
      const text = entered.value.normalize("NFKC").replace(/[\s,]/g, "");
      const value = text === "" ? null : Number(text);
      if (value !== null && (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value))) throw new GyokakuError("invalid_input", `値を数値として読めません: 「${entered.value}」`);
      await setIndicatorValue(tenant, session.actor, { indicatorId, fiscalYear, kind: entered.kind, value });
    } catch (error) {
      if (!isKnown(error, "invalid_input")) throw error;
      const indicators = await indicatorViews(tenant);
      return c.html(
        <IndicatorsPage
          session={session}
          csrfToken={c.var.csrfToken}
          indicators={indicators}
          canEnter={(ind) => canEnterIndicator(session.actor, ind)}
          error={{ indicatorId, message: error.message, entered }}
        />,
        400,
      );
    }
    return c.redirect(`/reform/indicators?done=1#indicator-${indicatorId}`);
  });

  // The chart as its own image: ECharts writes style attributes, which the page's CSP would block inline.
  app.get("/reform/indicators/:id/chart.svg", async (c) => {
    const session = requireSession(c);
    const ind = await getIndicatorView(tenantOf(c, session), idParam(c.req.param("id"), "指標"));
    const svg = indicatorChartSvg({
      name: ind.name,
      unit: ind.unit,
      years: ind.years,
      targets: ind.years.map((fy) => ind.targets[fy] ?? null),
      actuals: ind.years.map((fy) => ind.actuals[fy] ?? (fy === ind.baselineYear ? ind.baselineValue : null)),
      baseline: ind.baselineYear !== null && ind.baselineValue !== null ? { fiscalYear: ind.baselineYear, value: ind.baselineValue } : null,
    });
    c.header("content-type", "image/svg+xml; charset=utf-8");
    c.header("cache-control", "private, no-cache");
    return c.body(svg);
  });

  // ---- import / export of item sheets ----
  app.get("/reform/import", async (c) => {
    const session = requireAdmin(c, "重点推進項目のファイルを取り込む");
    const tenant = tenantOf(c, session);
    const [editions, year] = await Promise.all([reformEditions(tenant), latestEditionYear(tenant)]);
    return c.html(<ReformImportPage session={session} csrfToken={c.var.csrfToken} editions={editions} year={year} />);
  });

  app.post("/reform/import", async (c) => {
    const session = requireAdmin(c, "重点推進項目のファイルを取り込む");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const year = yearInput(field(body, "year"), "版の年度");
    const editions = await reformEditions(tenant);
    // The upload, or at the apply step the checked file carried back in base64: the same 10MB limit either way.
    const { filename, bytes } = await uploadedFile(body, MAX_UPLOAD_BYTES);
    const page = (props: { preview?: Awaited<ReturnType<typeof previewReformImport>>; problems?: ReformImportRejected["problems"]; error?: string; carried?: { filename: string; base64: string } }, status: 200 | 400) =>
      c.html(<ReformImportPage session={session} csrfToken={c.var.csrfToken} editions={editions} year={year} {...props} />, status);
    try {
      if (field(body, "step") === "apply") {
        const { changed } = await importReformWorkbook(tenant, session.actor, year, bytes, filename);
        return c.redirect(`/reform?year=${year}&done=imported&changed=${changed}`);
      }
      const preview = await previewReformImport(tenant, year, bytes);
      const hasError = preview.problems.some((p) => p.severity === "error");
      return page({ preview, carried: { filename, base64: Buffer.from(bytes).toString("base64") } }, hasError ? 400 : 200);
    } catch (error) {
      if (error instanceof ReformImportRejected) return page({ problems: error.problems, error: error.message }, 400);
      if (!isKnown(error, "invalid_input")) throw error;
      return page({ error: error.message }, 400);
    }
  });
}
