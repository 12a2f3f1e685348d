/** The yearly update round: the secretariat opens it, divisions draft and submit, the secretariat returns or approves. */
import type { ReformRoundRow, ReformUpdateRow } from "../../db/schema.js";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear, isValidIsoDate } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { nextUpdateStatus, type PlanCell, planYears, type UpdateAction, type UpdateStatus, UPDATE_STATUS_LABELS, UPDATE_STATUSES } from "../../domain/reform.js";
import { type Actor, canAdminister, canWriteAnyUnit } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin, requireItemWriter } from "../authorization.js";
import { applyChanges, checkCells } from "./items.js";
import { getItem, type ItemView, requireEdition, viewsOf } from "./read-model.js";
import { storedDraft } from "../stored-shapes.js";


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

export async function openRound(tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "reformRounds" | "transaction">, actor: Actor, props: { editionYear: number; fiscalYear?: number; title?: string; dueDate: string }): Promise<number> {
  requireAdmin(actor, "更新依頼を出す");
  if (props.dueDate.trim() === "") throw new GyokakuError("invalid_input", "提出期限を入力してください (例: 2026-04-30)");
  if (!isValidIsoDate(props.dueDate)) throw new GyokakuError("invalid_input", `提出期限が日付として読めません: 「${props.dueDate}」(例: 2026-04-30)`);
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

export async function closeRound(tenant: Pick<TenantDb, "audit" | "reformRounds" | "transaction">, actor: Actor, roundId: number): Promise<void> {
  requireAdmin(actor, "更新依頼を締め切る");
  await tenant.transaction(async (tx) => {
    const round = await tx.reformRounds.get(roundId);
    if (!round) throw new GyokakuError("not_found", "指定された更新依頼はありません");
    await tx.reformRounds.close(round.id, new Date().toISOString());
    await recordChange(tx, actor, { action: "update", entity: "reform_round", entityId: round.id, summary: `更新依頼を締切: ${round.title}` });
  });
}

/** An update round (更新依頼) as the reform pages show it; no municipality id. */
export interface RoundView {
  id: number;
  /** The edition (版) whose items the round asks about. */
  editionId: number;
  /** The year whose 取組実績 is reported (the plan columns are the years after it). */
  fiscalYear: number;
  title: string;
  /** 提出期限, YYYY-MM-DD. */
  dueDate: string;
  /** "open" (受付中) or "closed" (締切済み). */
  status: string;
  openedBy: string;
  /** ISO timestamps. */
  openedAt: string;
  closedAt: string | null;
}

/** A reform_rounds row as the pages show it. */
export function presentRound(row: ReformRoundRow): RoundView {
  return {
    id: row.id,
    editionId: row.edition_id,
    fiscalYear: row.fiscal_year,
    title: row.title,
    dueDate: row.due_date,
    status: row.status,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

export interface UpdateView {
  round: RoundView;
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
export async function myUpdates(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformRounds">, actor: Actor): Promise<UpdateView[]> {
  const rounds = (await tenant.reformRounds.list()).filter((r) => r.status === "open");
  const out: UpdateView[] = [];
  for (const round of rounds) {
    const updates = await tenant.reformRounds.listUpdates(round.id);
    if (updates.length === 0) continue;
    // The round's items are its edition's: read them in one batch (a query per item was the N+1 of issue 9).
    const edition = await tenant.reformEditions.get(round.edition_id);
    const views = edition ? await viewsOf(tenant, await tenant.reformItems.listByEdition(edition.id), edition.fiscal_year) : [];
    const byId = new Map(views.map((view) => [view.id, view]));
    for (const update of updates) {
      const item = byId.get(update.item_id) ?? (await getItem(tenant, update.item_id));
      const canEdit = canWriteAnyUnit(actor, item.unitIds);
      if (!canEdit && actor.role !== "hq" && !canAdminister(actor)) continue;
      out.push(toUpdateView(round, item, update, actor));
    }
  }
  return out.sort((a, b) => a.round.dueDate.localeCompare(b.round.dueDate) || a.item.number - b.item.number);
}

function toUpdateView(round: ReformRoundRow, item: ItemView, update: ReformUpdateRow, actor: Actor): UpdateView {
  return {
    round: presentRound(round),
    item,
    status: statusOf(update),
    draft: storedDraft(update.draft_json, `reform_updates.draft_json (依頼 #${update.round_id}, 項目 #${update.item_id})`),
    comment: update.comment,
    version: update.version,
    updatedAt: update.updated_at,
    updatedBy: update.updated_by,
    canEdit: round.status === "open" && canWriteAnyUnit(actor, item.unitIds),
  };
}

export async function getUpdate(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformRounds">, actor: Actor, roundId: number, itemId: number): Promise<UpdateView> {
  const round = await tenant.reformRounds.get(roundId);
  const update = round ? await tenant.reformRounds.getUpdate(round.id, itemId) : undefined;
  if (!round || !update) throw new GyokakuError("not_found", "この項目の更新依頼はありません");
  return toUpdateView(round, await getItem(tenant, itemId), update, actor);
}

/** What stepUpdate reads and writes of the municipality's repositories (a type error to reach another). */
export type StepUpdateDb = Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "reformRounds" | "transaction" | "units">;

/**
 * One step of an item's update: save a draft, submit it, return it with a comment, approve it. Role and state
 * are checked here; the version guards against two people saving over each other. Approval writes the result
 * and the plans into the item.
 */
export async function stepUpdate(
  tenant: StepUpdateDb,
  actor: Actor,
  props: { roundId: number; itemId: number; action: UpdateAction; expectedVersion: number; draft?: Draft; comment?: string },
): Promise<UpdateView> {
  return tenant.transaction(async (tx) => {
    const current = await getUpdate(tx, actor, props.roundId, props.itemId);
    if (current.round.status !== "open") throw new GyokakuError("conflict", "この更新依頼は締め切られています。変更するには新しい更新依頼が必要です");
    const reviewing = props.action === "return" || props.action === "approve";
    if (reviewing) requireAdmin(actor, "承認・差戻しをする", "承認・差戻しは行政管理課が行います");
    else requireItemWriter(actor, current.item);
    const next = nextUpdateStatus(current.status, props.action);
    if (!next) {
      const hint = current.status === "approved" ? "承認済みの項目を変更するには新しい更新依頼が必要です" : `現在の状態(${UPDATE_STATUS_LABELS[current.status]})ではこの操作はできません`;
      throw new GyokakuError("conflict", hint);
    }
    if (props.action === "return" && !props.comment?.trim()) throw new GyokakuError("invalid_input", "差戻しの理由を入力してください");
    if (props.draft) {
      checkCells({ [current.round.fiscalYear]: props.draft.result }, []);
      checkCells(props.draft.plans, planYears(current.round.fiscalYear + 1));
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
      await applyChanges(tx, actor, current.item, current.item.version, { results: { [current.round.fiscalYear]: draft.result }, plans: draft.plans }, "approval");
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
