import { randomUUID } from "node:crypto";
import type { ReformCellRow, ReformItemRow, ReformRoundRow, ReformUpdateRow, ReformVerificationRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear, isValidIsoDate } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import {
  type Block,
  DECISIONS,
  DEFAULT_EVALUATIONS,
  fieldDiff,
  isStage,
  ITEM_STATES,
  nextUpdateStatus,
  type PlanCell,
  planCellProblems,
  planYears,
  type UpdateAction,
  type UpdateStatus,
  UPDATE_STATUS_LABELS,
  UPDATE_STATUSES,
} from "../domain/reform.js";
import { type Actor, canAdminister, canVerify, canWriteAnyUnit } from "../domain/roles.js";
import { recordChange } from "./audit.js";

export const EVALUATIONS_SETTING = "reform.evaluations";

export interface ItemView {
  id: number;
  editionId: number;
  editionYear: number;
  lineageKey: string;
  number: number;
  name: string;
  state: string;
  unitIds: number[];
  unitLabels: string[];
  content: Block[];
  effect: Block[];
  remarks: Block[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** Plan cells of the edition's four columns, keyed by fiscal year (the last one means "and later"). */
  plans: Record<number, PlanCell | undefined>;
  /** 取組実績 of the edition year itself, once reported and approved. */
  currentResult: PlanCell | undefined;
  /** Earlier years, newest first: the plan and the result of each. */
  history: { fiscalYear: number; plan: PlanCell | undefined; result: PlanCell | undefined }[];
}

function cellOf(row: ReformCellRow): PlanCell {
  const stage = row.stage !== null && isStage(row.stage) ? row.stage : null;
  return { stage, lines: JSON.parse(row.lines_json) as string[], ...(row.same_as_left ? { sameAsLeft: true } : {}) };
}

function toView(item: ReformItemRow, editionYear: number, cells: ReformCellRow[], unitIds: number[]): ItemView {
  const mine = cells.filter((c) => c.item_id === item.id);
  const plans: Record<number, PlanCell | undefined> = {};
  for (const fy of planYears(editionYear)) {
    const cell = mine.find((c) => c.fiscal_year === fy && c.kind === "plan");
    plans[fy] = cell ? cellOf(cell) : undefined;
  }
  const pastYears = [...new Set(mine.filter((c) => c.fiscal_year < editionYear).map((c) => c.fiscal_year))].sort((a, b) => b - a);
  const history = pastYears.map((fy) => {
    const plan = mine.find((c) => c.fiscal_year === fy && c.kind === "plan");
    const result = mine.find((c) => c.fiscal_year === fy && c.kind === "result");
    return { fiscalYear: fy, plan: plan ? cellOf(plan) : undefined, result: result ? cellOf(result) : undefined };
  });
  const current = mine.find((c) => c.fiscal_year === editionYear && c.kind === "result");
  return {
    id: item.id,
    editionId: item.edition_id,
    editionYear,
    lineageKey: item.lineage_key,
    number: item.number,
    name: item.name,
    state: item.state,
    unitIds,
    unitLabels: JSON.parse(item.unit_labels_json) as string[],
    content: JSON.parse(item.content_json) as Block[],
    effect: JSON.parse(item.effect_json) as Block[],
    remarks: JSON.parse(item.remarks_json) as Block[],
    version: item.version,
    updatedAt: item.updated_at,
    updatedBy: item.updated_by,
    plans,
    currentResult: current ? cellOf(current) : undefined,
    history,
  };
}

async function viewsOf(tenant: TenantDb, items: ReformItemRow[], editionYear: number): Promise<ItemView[]> {
  const ids = items.map((i) => i.id);
  const [cells, units] = await Promise.all([tenant.reformItems.cells(ids), tenant.reformItems.unitIds(ids)]);
  return items.map((item) =>
    toView(
      item,
      editionYear,
      cells,
      units.filter((u) => u.item_id === item.id).map((u) => u.unit_id),
    ),
  );
}

export async function requireEdition(tenant: TenantDb, fiscalYear: number) {
  const edition = await tenant.reformEditions.getByYear(fiscalYear);
  if (!edition) throw new GyokakuError("not_found", `${formatFiscalYear(fiscalYear)}の基本方針(版)はありません`);
  return edition;
}

export async function editionItems(tenant: TenantDb, fiscalYear: number): Promise<ItemView[]> {
  const edition = await requireEdition(tenant, fiscalYear);
  return viewsOf(tenant, await tenant.reformItems.listByEdition(edition.id), edition.fiscal_year);
}

export async function getItem(tenant: TenantDb, itemId: number): Promise<ItemView> {
  const item = await tenant.reformItems.get(itemId);
  if (!item) throw new GyokakuError("not_found", "指定された重点推進項目はありません");
  const edition = await tenant.reformEditions.get(item.edition_id);
  if (!edition) throw new GyokakuError("not_found", "版が見つかりません");
  const [view] = await viewsOf(tenant, [item], edition.fiscal_year);
  if (!view) throw new GyokakuError("not_found", "指定された重点推進項目はありません");
  return view;
}

function requireAdmin(actor: Actor, what: string): void {
  if (!canAdminister(actor)) throw new GyokakuError("forbidden", `${what}権限がありません`);
}

export async function createEdition(tenant: TenantDb, actor: Actor, props: { fiscalYear: number; title?: string }): Promise<number> {
  requireAdmin(actor, "基本方針の版を作成する");
  if (!Number.isInteger(props.fiscalYear) || props.fiscalYear < 1989 || props.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${props.fiscalYear}`);
  return tenant.transaction(async (tx) => {
    if (await tx.reformEditions.getByYear(props.fiscalYear)) throw new GyokakuError("conflict", `${formatFiscalYear(props.fiscalYear)}の版は既にあります`);
    const edition = await tx.reformEditions.create({ fiscalYear: props.fiscalYear, title: props.title ?? `行政改革基本方針 ${formatFiscalYear(props.fiscalYear)}`, now: new Date().toISOString() });
    await recordChange(tx, actor, { action: "create", entity: "reform_edition", entityId: edition.id, summary: `基本方針の版を作成: ${formatFiscalYear(props.fiscalYear)}` });
    return edition.id;
  });
}

/**
 * Starts the next edition from an existing one: items go on as 継続 unless they were marked 完了 (or the
 * headquarters decided 完了 for the year); every plan and result cell is carried, and the new last column
 * ("and later") reads 同左. The earlier edition stays as it was.
 */
export async function startNextEdition(tenant: TenantDb, actor: Actor, fromYear: number): Promise<{ editionId: number; carried: number; completed: string[] }> {
  requireAdmin(actor, "次年度の版を作成する");
  return tenant.transaction(async (tx) => {
    const from = await requireEdition(tx, fromYear);
    const nextYear = fromYear + 1;
    if (await tx.reformEditions.getByYear(nextYear)) throw new GyokakuError("conflict", `${formatFiscalYear(nextYear)}の版は既にあります`);
    const now = new Date().toISOString();
    const edition = await tx.reformEditions.create({ fiscalYear: nextYear, title: `行政改革基本方針 ${formatFiscalYear(nextYear)}`, now });
    const items = await tx.reformItems.listByEdition(from.id);
    const verifications = await tx.reformVerifications.list(fromYear);
    const cells = await tx.reformItems.cells(items.map((i) => i.id));
    const units = await tx.reformItems.unitIds(items.map((i) => i.id));
    const completed: string[] = [];
    let number = 0;
    for (const item of items) {
      const decision = verifications.find((v) => v.lineage_key === item.lineage_key)?.decision;
      if (item.state === "完了" || decision === "完了") {
        completed.push(item.name);
        continue;
      }
      number += 1;
      const copy = await tx.reformItems.create({
        editionId: edition.id,
        lineageKey: item.lineage_key,
        number,
        name: item.name,
        state: "継続",
        unit_labels_json: item.unit_labels_json,
        content_json: item.content_json,
        effect_json: item.effect_json,
        remarks_json: item.remarks_json,
        updatedBy: actor.username,
        now,
      });
      await tx.reformItems.setUnits(copy.id, units.filter((u) => u.item_id === item.id).map((u) => u.unit_id));
      for (const cell of cells.filter((c) => c.item_id === item.id)) {
        await tx.reformItems.setCell(copy.id, cell.fiscal_year, cell.kind === "result" ? "result" : "plan", { stage: cell.stage, linesJson: cell.lines_json, sameAsLeft: cell.same_as_left === 1 });
      }
      const last = planYears(nextYear)[3] ?? nextYear + 3;
      if (!cells.some((c) => c.item_id === item.id && c.fiscal_year === last && c.kind === "plan")) {
        await tx.reformItems.setCell(copy.id, last, "plan", { stage: null, linesJson: "[]", sameAsLeft: true });
      }
    }
    await recordChange(tx, actor, {
      action: "create",
      entity: "reform_edition",
      entityId: edition.id,
      summary: `${formatFiscalYear(nextYear)}の版を作成 (継続 ${number}件${completed.length > 0 ? `、完了 ${completed.length}件` : ""})`,
    });
    return { editionId: edition.id, carried: number, completed };
  });
}

export interface ItemChanges {
  name?: string;
  state?: string;
  unitIds?: number[];
  unitLabels?: string[];
  content?: Block[];
  effect?: Block[];
  remarks?: Block[];
  /** Plan cells by fiscal year (null clears a cell). */
  plans?: Record<number, PlanCell | null>;
  results?: Record<number, PlanCell | null>;
}

/** The fields a revision compares, with Japanese names (the history shows them). */
function comparable(view: ItemView): Record<string, unknown> {
  const out: Record<string, unknown> = {
    事業名: view.name,
    区分: view.state,
    担当課: view.unitLabels,
    取組内容: view.content,
    取組効果: view.effect,
    備考: view.remarks,
  };
  for (const [fy, cell] of Object.entries(view.plans)) out[`取組計画 ${formatFiscalYear(Number(fy))}`] = cell ?? null;
  out[`取組実績 ${formatFiscalYear(view.editionYear)}`] = view.currentResult ?? null;
  for (const h of view.history) {
    out[`取組計画 ${formatFiscalYear(h.fiscalYear)}`] = h.plan ?? null;
    out[`取組実績 ${formatFiscalYear(h.fiscalYear)}`] = h.result ?? null;
  }
  return out;
}

function checkCells(cells: Record<number, PlanCell | null> | undefined, years: number[]): void {
  for (const [fy, cell] of Object.entries(cells ?? {})) {
    if (!cell) continue;
    if (cell.stage !== null && !isStage(cell.stage)) throw new GyokakuError("invalid_input", `段階「${String(cell.stage)}」はありません`);
    const problems = planCellProblems(cell, years.indexOf(Number(fy)));
    if (problems.length > 0) throw new GyokakuError("invalid_input", `${formatFiscalYear(Number(fy))}: ${problems.join(" / ")}`);
  }
}

export class EditConflict extends GyokakuError {
  constructor(
    readonly mine: ItemChanges,
    readonly theirs: ItemView,
  ) {
    super("conflict", `他の人(${theirs.updatedBy})が先にこの項目を保存しました。最新の内容を確認してから、もう一度保存してください`, { theirs, mine });
  }
}

async function applyChanges(tx: TenantDb, actor: Actor, item: ItemView, expectedVersion: number, changes: ItemChanges, source: string): Promise<ItemView> {
  if (changes.name !== undefined && (changes.name.trim() === "" || [...changes.name].length > 200)) throw new GyokakuError("invalid_input", "事業名は1～200文字で入力してください");
  if (changes.state !== undefined && !(ITEM_STATES as readonly string[]).includes(changes.state)) throw new GyokakuError("invalid_input", `区分「${changes.state}」はありません (継続・新規・完了)`);
  checkCells(changes.plans, planYears(item.editionYear));
  checkCells(changes.results, []);
  const now = new Date().toISOString();
  const fields = {
    ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
    ...(changes.state === undefined ? {} : { state: changes.state }),
    ...(changes.unitLabels === undefined ? {} : { unit_labels_json: JSON.stringify(changes.unitLabels) }),
    ...(changes.content === undefined ? {} : { content_json: JSON.stringify(changes.content) }),
    ...(changes.effect === undefined ? {} : { effect_json: JSON.stringify(changes.effect) }),
    ...(changes.remarks === undefined ? {} : { remarks_json: JSON.stringify(changes.remarks) }),
  };
  if (!(await tx.reformItems.update(item.id, expectedVersion, fields, actor.username, now))) {
    throw new EditConflict(changes, await getItem(tx, item.id));
  }
  if (changes.unitIds) {
    const known = new Set((await tx.units.list()).map((u) => u.id));
    const unknown = changes.unitIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw new GyokakuError("invalid_input", `組織 #${unknown} はありません`);
    await tx.reformItems.setUnits(item.id, changes.unitIds);
  }
  for (const [kind, cells] of [["plan", changes.plans], ["result", changes.results]] as const) {
    for (const [fy, cell] of Object.entries(cells ?? {})) {
      await tx.reformItems.setCell(item.id, Number(fy), kind, cell ? { stage: cell.stage, linesJson: JSON.stringify(cell.lines), sameAsLeft: cell.sameAsLeft === true } : null);
    }
  }
  const after = await getItem(tx, item.id);
  const diff = fieldDiff(comparable(item), comparable(after));
  if (diff.length > 0) {
    await tx.reformItems.addRevision({ itemId: item.id, at: now, actor: actor.username, source, diffJson: JSON.stringify(diff) });
    await recordChange(tx, actor, {
      action: "update",
      entity: "reform_item",
      entityId: item.id,
      summary: `重点推進項目を更新: (${item.number}) ${after.name} — ${diff.map((d) => d.field).join("、")}`,
      before: Object.fromEntries(diff.map((d) => [d.field, d.before])),
      after: Object.fromEntries(diff.map((d) => [d.field, d.after])),
    });
  }
  return after;
}

/** The secretariat edits an item directly. `expectedVersion` is the version the editor started from. */
export async function updateItem(tenant: TenantDb, actor: Actor, itemId: number, expectedVersion: number, changes: ItemChanges): Promise<ItemView> {
  requireAdmin(actor, "重点推進項目を直接編集する");
  return tenant.transaction(async (tx) => applyChanges(tx, actor, await getItem(tx, itemId), expectedVersion, changes, "edit"));
}

export async function addItem(tenant: TenantDb, actor: Actor, props: { editionYear: number; name: string; unitIds: number[]; unitLabels: string[] }): Promise<number> {
  requireAdmin(actor, "重点推進項目を追加する");
  if (props.name.trim() === "") throw new GyokakuError("invalid_input", "事業名を入力してください");
  return tenant.transaction(async (tx) => {
    const edition = await requireEdition(tx, props.editionYear);
    const items = await tx.reformItems.listByEdition(edition.id);
    const now = new Date().toISOString();
    const item = await tx.reformItems.create({
      editionId: edition.id,
      lineageKey: randomUUID(),
      number: Math.max(0, ...items.map((i) => i.number)) + 1,
      name: props.name.trim(),
      state: "新規",
      unit_labels_json: JSON.stringify(props.unitLabels),
      content_json: "[]",
      effect_json: "[]",
      remarks_json: "[]",
      updatedBy: actor.username,
      now,
    });
    await tx.reformItems.setUnits(item.id, props.unitIds);
    await recordChange(tx, actor, { action: "create", entity: "reform_item", entityId: item.id, summary: `重点推進項目を追加: ${item.name} (${formatFiscalYear(props.editionYear)})` });
    return item.id;
  });
}

export async function itemRevisions(tenant: TenantDb, itemId: number) {
  const item = await getItem(tenant, itemId);
  const rows = await tenant.reformItems.revisions([item.id]);
  return rows.map((r) => ({ at: r.at, actor: r.actor, source: r.source, changes: JSON.parse(r.diff_json) as { field: string; before: unknown; after: unknown }[] }));
}

// ---------------------------------------------------------------------------
// The yearly update round

export interface Draft {
  /** 取組実績 of the round's year. */
  result: PlanCell;
  /** 取組計画 of the following years. */
  plans: Record<number, PlanCell>;
}

function draftFrom(item: ItemView, fiscalYear: number): Draft {
  const reported = fiscalYear === item.editionYear ? item.currentResult : item.history.find((h) => h.fiscalYear === fiscalYear)?.result;
  const result = reported ?? { stage: item.plans[fiscalYear]?.stage ?? null, lines: [] };
  const plans: Record<number, PlanCell> = {};
  for (const fy of planYears(fiscalYear + 1)) plans[fy] = item.plans[fy] ?? { stage: null, lines: [], sameAsLeft: fy > fiscalYear + 1 };
  return { result, plans };
}

export async function openRound(tenant: TenantDb, actor: Actor, props: { editionYear: number; fiscalYear?: number; title?: string; dueDate: string }): Promise<number> {
  requireAdmin(actor, "更新依頼を出す");
  if (!isValidIsoDate(props.dueDate)) throw new GyokakuError("invalid_input", `提出期限が日付として読めません: ${props.dueDate}`);
  return tenant.transaction(async (tx) => {
    const edition = await requireEdition(tx, props.editionYear);
    const fiscalYear = props.fiscalYear ?? edition.fiscal_year;
    if ((await tx.reformRounds.list()).some((r) => r.status === "open" && r.edition_id === edition.id && r.fiscal_year === fiscalYear)) {
      throw new GyokakuError("conflict", `${formatFiscalYear(fiscalYear)}の更新依頼は既に受付中です`);
    }
    const now = new Date().toISOString();
    const round = await tx.reformRounds.create({
      editionId: edition.id,
      fiscalYear,
      title: props.title?.trim() || `${formatFiscalYear(fiscalYear)} 取組実績と次年度以降の計画の更新`,
      dueDate: props.dueDate,
      openedBy: actor.username,
      now,
    });
    const items = await viewsOf(tx, await tx.reformItems.listByEdition(edition.id), edition.fiscal_year);
    for (const item of items.filter((i) => i.state !== "完了")) {
      await tx.reformRounds.createUpdate({ roundId: round.id, itemId: item.id, draftJson: JSON.stringify(draftFrom(item, fiscalYear)), by: actor.username, now });
    }
    await recordChange(tx, actor, { action: "create", entity: "reform_round", entityId: round.id, summary: `更新依頼を開始: ${round.title} (期限 ${props.dueDate})` });
    return round.id;
  });
}

export async function closeRound(tenant: TenantDb, actor: Actor, roundId: number): Promise<void> {
  requireAdmin(actor, "更新依頼を締め切る");
  await tenant.transaction(async (tx) => {
    const round = await tx.reformRounds.get(roundId);
    if (!round) throw new GyokakuError("not_found", "指定された更新依頼はありません");
    await tx.reformRounds.close(round.id, new Date().toISOString());
    await recordChange(tx, actor, { action: "update", entity: "reform_round", entityId: round.id, summary: `更新依頼を締切: ${round.title}` });
  });
}

export interface UpdateView {
  round: ReformRoundRow;
  item: ItemView;
  status: UpdateStatus;
  draft: Draft;
  comment: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  canEdit: boolean;
}

function statusOf(row: ReformUpdateRow): UpdateStatus {
  return (UPDATE_STATUSES as readonly string[]).includes(row.status) ? (row.status as UpdateStatus) : "not_started";
}

/** Items of open rounds this actor is responsible for ("my updates"); the secretariat sees all of them. */
export async function myUpdates(tenant: TenantDb, actor: Actor): Promise<UpdateView[]> {
  const rounds = (await tenant.reformRounds.list()).filter((r) => r.status === "open");
  const out: UpdateView[] = [];
  for (const round of rounds) {
    for (const update of await tenant.reformRounds.updates(round.id)) {
      const item = await getItem(tenant, update.item_id);
      const canEdit = canWriteAnyUnit(actor, item.unitIds);
      if (!canEdit && actor.role !== "hq" && !canAdminister(actor)) continue;
      out.push(toUpdateView(round, item, update, actor));
    }
  }
  return out.sort((a, b) => a.round.due_date.localeCompare(b.round.due_date) || a.item.number - b.item.number);
}

function toUpdateView(round: ReformRoundRow, item: ItemView, update: ReformUpdateRow, actor: Actor): UpdateView {
  return {
    round,
    item,
    status: statusOf(update),
    draft: JSON.parse(update.draft_json) as Draft,
    comment: update.comment,
    version: update.version,
    updatedAt: update.updated_at,
    updatedBy: update.updated_by,
    canEdit: round.status === "open" && canWriteAnyUnit(actor, item.unitIds),
  };
}

export async function getUpdate(tenant: TenantDb, actor: Actor, roundId: number, itemId: number): Promise<UpdateView> {
  const round = await tenant.reformRounds.get(roundId);
  const update = round ? await tenant.reformRounds.update(round.id, itemId) : undefined;
  if (!round || !update) throw new GyokakuError("not_found", "この項目の更新依頼はありません");
  return toUpdateView(round, await getItem(tenant, itemId), update, actor);
}

/**
 * One step of an item's update: save a draft, submit it, return it with a comment, approve it. Role and state
 * are checked here; the version guards against two people saving over each other. Approval writes the result
 * and the plans into the item.
 */
export async function stepUpdate(
  tenant: TenantDb,
  actor: Actor,
  props: { roundId: number; itemId: number; action: UpdateAction; expectedVersion: number; draft?: Draft; comment?: string },
): Promise<UpdateView> {
  return tenant.transaction(async (tx) => {
    const current = await getUpdate(tx, actor, props.roundId, props.itemId);
    if (current.round.status !== "open") throw new GyokakuError("conflict", "この更新依頼は締め切られています。変更するには新しい更新依頼が必要です");
    const reviewing = props.action === "return" || props.action === "approve";
    if (reviewing ? !canAdminister(actor) : !canWriteAnyUnit(actor, current.item.unitIds)) {
      throw new GyokakuError("forbidden", reviewing ? "承認・差戻しは行政管理課が行います" : `「${current.item.name}」の担当ではないため編集できません`);
    }
    const next = nextUpdateStatus(current.status, props.action);
    if (!next) {
      const hint = current.status === "approved" ? "承認済みの項目を変更するには新しい更新依頼が必要です" : `現在の状態(${UPDATE_STATUS_LABELS[current.status]})ではこの操作はできません`;
      throw new GyokakuError("conflict", hint);
    }
    if (props.action === "return" && !props.comment?.trim()) throw new GyokakuError("invalid_input", "差戻しの理由を入力してください");
    if (props.draft) {
      checkCells({ [current.round.fiscal_year]: props.draft.result }, []);
      checkCells(props.draft.plans, planYears(current.round.fiscal_year + 1));
    }
    const now = new Date().toISOString();
    const saved = await tx.reformRounds.saveUpdate(props.roundId, props.itemId, props.expectedVersion, {
      status: next,
      ...(props.draft ? { draftJson: JSON.stringify(props.draft) } : {}),
      ...(props.action === "return" ? { comment: props.comment?.trim() ?? "" } : props.action === "approve" ? { comment: "" } : {}),
      by: actor.username,
      now,
    });
    if (!saved) {
      const theirs = await getUpdate(tx, actor, props.roundId, props.itemId);
      throw new GyokakuError("conflict", `他の人(${theirs.updatedBy})が先にこの項目を保存しました。最新の内容を確認してから、もう一度操作してください`, {
        theirs: theirs.draft,
        mine: props.draft ?? null,
        theirsStatus: theirs.status,
      });
    }
    if (props.action === "approve") {
      const draft = current.draft;
      await applyChanges(tx, actor, current.item, current.item.version, { results: { [current.round.fiscal_year]: draft.result }, plans: draft.plans }, "approval");
    }
    await recordChange(tx, actor, {
      action: "update",
      entity: "reform_update",
      entityId: `${props.roundId}/${props.itemId}`,
      summary: `更新依頼 ${current.item.name}: ${props.action === "save" ? "下書き保存" : props.action === "submit" ? "提出" : props.action === "return" ? "差戻し" : "承認"}`,
      before: { 状態: current.status },
      after: { 状態: next, ...(props.comment ? { コメント: props.comment } : {}) },
    });
    return getUpdate(tx, actor, props.roundId, props.itemId);
  });
}

// ---------------------------------------------------------------------------
// Verification by the headquarters

export async function evaluationsOf(tenant: TenantDb): Promise<string[]> {
  const raw = await tenant.settings.get(EVALUATIONS_SETTING);
  if (!raw) return [...DEFAULT_EVALUATIONS];
  const parsed = JSON.parse(raw) as unknown;
  return Array.isArray(parsed) && parsed.every((v) => typeof v === "string") ? (parsed as string[]) : [...DEFAULT_EVALUATIONS];
}

export async function setEvaluations(tenant: TenantDb, actor: Actor, evaluations: string[]): Promise<void> {
  requireAdmin(actor, "評価の区分を変更する");
  const list = evaluations.map((e) => e.trim()).filter((e) => e !== "");
  if (list.length < 2 || new Set(list).size !== list.length) throw new GyokakuError("invalid_input", "評価の区分は重複なく2つ以上指定してください");
  await tenant.transaction(async (tx) => {
    const before = await evaluationsOf(tx);
    await tx.settings.set(EVALUATIONS_SETTING, JSON.stringify(list));
    await recordChange(tx, actor, { action: "update", entity: "setting", entityId: EVALUATIONS_SETTING, summary: "評価の区分を変更", before, after: list });
  });
}

export async function verifyItem(
  tenant: TenantDb,
  actor: Actor,
  props: { itemId: number; fiscalYear: number; evaluation: string; opinion: string; decision: string; expectedVersion: number | null },
): Promise<void> {
  if (!canVerify(actor)) throw new GyokakuError("forbidden", "検証は行政改革推進本部が行います");
  const evaluations = await evaluationsOf(tenant);
  if (!evaluations.includes(props.evaluation)) throw new GyokakuError("invalid_input", `評価「${props.evaluation}」はありません (${evaluations.join("・")})`);
  if (!(DECISIONS as readonly string[]).includes(props.decision)) throw new GyokakuError("invalid_input", `次年度の方針「${props.decision}」はありません (${DECISIONS.join("・")})`);
  await tenant.transaction(async (tx) => {
    const item = await getItem(tx, props.itemId);
    const existing = await tx.reformVerifications.get(item.lineageKey, props.fiscalYear);
    const now = new Date().toISOString();
    const values = { evaluation: props.evaluation, opinion: props.opinion.trim(), decision: props.decision, by: actor.username, now };
    if (!existing) {
      if (props.expectedVersion !== null) throw new GyokakuError("conflict", "検証の記録が見つかりません。画面を再読み込みしてください");
      await tx.reformVerifications.create({ lineageKey: item.lineageKey, fiscalYear: props.fiscalYear, ...values });
    } else if (props.expectedVersion === null || !(await tx.reformVerifications.update(item.lineageKey, props.fiscalYear, props.expectedVersion, values))) {
      throw new GyokakuError("conflict", `他の人(${existing.verified_by})が先に検証を保存しました。最新の内容を確認してください`, { theirs: existing });
    }
    await recordChange(tx, actor, {
      action: existing ? "update" : "create",
      entity: "reform_verification",
      entityId: `${item.lineageKey}/${props.fiscalYear}`,
      summary: `検証: ${item.name} ${formatFiscalYear(props.fiscalYear)} — ${props.evaluation} / ${props.decision}`,
      before: existing ? { 評価: existing.evaluation, 意見: existing.opinion, 方針: existing.decision } : undefined,
      after: { 評価: props.evaluation, 意見: props.opinion, 方針: props.decision },
    });
  });
}

export async function verificationsOf(tenant: TenantDb, fiscalYear: number): Promise<ReformVerificationRow[]> {
  return tenant.reformVerifications.list(fiscalYear);
}

// ---------------------------------------------------------------------------
// Summaries

export interface EditionSummary {
  fiscalYear: number;
  /** Items by stage of the edition year's plan, with the previous edition's count. */
  byStage: { stage: string; count: number; previous: number | null }[];
  /** Items by evaluation of the year before the edition, with the year before that. */
  byEvaluation: { evaluation: string; count: number; previous: number | null }[];
  byState: { state: string; count: number }[];
}

export async function editionSummary(tenant: TenantDb, fiscalYear: number): Promise<EditionSummary> {
  const items = await editionItems(tenant, fiscalYear);
  const previousEdition = await tenant.reformEditions.getByYear(fiscalYear - 1);
  const previousItems = previousEdition ? await editionItems(tenant, fiscalYear - 1) : null;
  const stageOf = (views: ItemView[], fy: number) => views.map((v) => v.plans[fy]?.stage ?? "(なし)");
  const count = (values: string[], key: string) => values.filter((v) => v === key).length;
  const stages = ["実施", "継続実施", "一部実施", "調査検討", "(なし)"];
  const current = stageOf(items, fiscalYear);
  const previous = previousItems ? stageOf(previousItems, fiscalYear - 1) : null;
  const evaluations = await evaluationsOf(tenant);
  const thisYear = (await tenant.reformVerifications.list(fiscalYear - 1)).filter((v) => items.some((i) => i.lineageKey === v.lineage_key)).map((v) => v.evaluation);
  const lastYear = previousItems ? (await tenant.reformVerifications.list(fiscalYear - 2)).map((v) => v.evaluation) : null;
  return {
    fiscalYear,
    byStage: stages.map((s) => ({ stage: s, count: count(current, s), previous: previous ? count(previous, s) : null })).filter((r) => r.count > 0 || (r.previous ?? 0) > 0),
    byEvaluation: evaluations.map((e) => ({ evaluation: e, count: count(thisYear, e), previous: lastYear ? count(lastYear, e) : null })),
    byState: ITEM_STATES.map((s) => ({ state: s, count: items.filter((i) => i.state === s).length })),
  };
}

// ---------------------------------------------------------------------------
// Indicator values and attachments (added for the web layer)

/** Who may enter an indicator's figures: the secretariat, and editors of the units of its item (newest edition). */
async function indicatorItemUnits(tenant: TenantDb, lineageKey: string): Promise<number[]> {
  const items = await tenant.reformItems.listByLineage(lineageKey);
  const editions = new Map((await tenant.reformEditions.list()).map((e) => [e.id, e.fiscal_year]));
  const newest = [...items].sort((a, b) => (editions.get(b.edition_id) ?? 0) - (editions.get(a.edition_id) ?? 0))[0];
  if (!newest) return [];
  return (await tenant.reformItems.unitIds([newest.id])).map((u) => u.unit_id);
}

/** Sets (or with null clears) one target or actual of an indicator for one fiscal year. */
export async function setIndicatorValue(
  tenant: TenantDb,
  actor: Actor,
  props: { indicatorId: number; fiscalYear: number; kind: "target" | "actual"; value: number | null },
): Promise<void> {
  if (!Number.isInteger(props.fiscalYear) || props.fiscalYear < 1989 || props.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${props.fiscalYear}`);
  if (props.value !== null && !Number.isFinite(props.value)) throw new GyokakuError("invalid_input", "値は数値で入力してください");
  await tenant.transaction(async (tx) => {
    const indicator = await tx.reformIndicators.get(props.indicatorId);
    if (!indicator) throw new GyokakuError("not_found", "指定された指標はありません");
    if (!canWriteAnyUnit(actor, await indicatorItemUnits(tx, indicator.lineage_key))) {
      throw new GyokakuError("forbidden", `指標「${indicator.name}」の値を入力する権限がありません (担当課と行政管理課が入力できます)`);
    }
    const before = (await tx.reformIndicators.values([indicator.id])).find((v) => v.fiscal_year === props.fiscalYear && v.kind === props.kind)?.value ?? null;
    if (before === props.value) return;
    await tx.reformIndicators.setValue(indicator.id, props.fiscalYear, props.kind, props.value);
    const label = props.kind === "target" ? "目標" : "実績";
    await recordChange(tx, actor, {
      action: "update",
      entity: "reform_indicator",
      entityId: indicator.id,
      summary: `指標「${indicator.name}」の${label}(${formatFiscalYear(props.fiscalYear)})を${props.value === null ? "削除" : `${props.value}${indicator.unit}に設定`}`,
      before: { [label]: before },
      after: { [label]: props.value },
    });
  });
}

export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** The image formats accepted, told by their first bytes rather than by what the browser claimed. */
function imageTypeOf(bytes: Uint8Array): (typeof ATTACHMENT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

/** Stores an image for an item's rich text (referenced as ![説明](番号)); returns its number. */
export async function addAttachment(tenant: TenantDb, actor: Actor, props: { itemId: number; filename: string; bytes: Uint8Array }): Promise<number> {
  requireAdmin(actor, "画像を登録する");
  if (props.bytes.length === 0) throw new GyokakuError("invalid_input", "ファイルが空です");
  if (props.bytes.length > MAX_ATTACHMENT_BYTES) throw new GyokakuError("invalid_input", "画像が大きすぎます (2MBまで)");
  const contentType = imageTypeOf(props.bytes);
  if (!contentType) throw new GyokakuError("invalid_input", "画像は PNG・JPEG・GIF・WebP のいずれかにしてください");
  return tenant.transaction(async (tx) => {
    const item = await getItem(tx, props.itemId);
    const filename = props.filename.replace(/[\\/\r\n]/g, "_").slice(0, 200) || "image";
    const row = await tx.reformAttachments.create({ lineageKey: item.lineageKey, filename, contentType, dataBase64: Buffer.from(props.bytes).toString("base64"), now: new Date().toISOString() });
    await recordChange(tx, actor, { action: "create", entity: "reform_attachment", entityId: row.id, summary: `画像を登録: ${filename} (${item.name})` });
    return row.id;
  });
}
