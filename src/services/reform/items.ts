/** Edits of 重点推進項目 by the secretariat: one change with its revision record and audit entry. */
import { randomUUID } from "node:crypto";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { type Block, fieldDiff, isStage, ITEM_STATES, type PlanCell, planCellProblems, planYears, unitIdsNamed } from "../../domain/reform.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { getItem, type ItemView, requireEdition } from "./read-model.js";
import { storedDiff } from "../stored-shapes.js";

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

export function checkCells(cells: Record<number, PlanCell | null> | undefined, years: number[]): void {
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

export async function applyChanges(tx: Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "units">, actor: Actor, item: ItemView, expectedVersion: number, changes: ItemChanges, source: string): Promise<ItemView> {
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
    await requireOwnUnits(tx, changes.unitIds);
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
export async function updateItem(tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "transaction" | "units">, actor: Actor, itemId: number, expectedVersion: number, changes: ItemChanges): Promise<ItemView> {
  requireAdmin(actor, "重点推進項目を直接編集する");
  return tenant.transaction(async (tx) => applyChanges(tx, actor, await getItem(tx, itemId), expectedVersion, changes, "edit"));
}

/**
 * Refuses unit ids that are not units of this municipality (the tenant's unit list is scoped to it), so an item is
 * never linked to another municipality's unit or to a unit that does not exist.
 * @throws GyokakuError invalid_input naming the first unknown id.
 */
async function requireOwnUnits(tx: Pick<TenantDb, "units">, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return;
  const known = new Set((await tx.units.list()).map((u) => u.id));
  const unknown = unitIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw new GyokakuError("invalid_input", `組織 #${unknown} はありません`);
}

/**
 * Adds a 重点推進項目 (区分 新規, numbered after the edition's last) to the edition of `editionYear` (年度), with its
 * 担当課 as typed (`unitLabels`) linked to `unitIds`, or, when those are not given, to the units the labels name.
 * Secretariat only. @throws GyokakuError forbidden, invalid_input (no name, a unit not of this municipality), not_found (no edition).
 */
export async function addItem(
  tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "transaction" | "units">,
  actor: Actor,
  props: { editionYear: number; name: string; unitIds?: number[]; unitLabels: string[] },
): Promise<number> {
  requireAdmin(actor, "重点推進項目を追加する");
  if (props.name.trim() === "") throw new GyokakuError("invalid_input", "事業名を入力してください");
  return tenant.transaction(async (tx) => {
    const edition = await requireEdition(tx, props.editionYear);
    const unitIds = props.unitIds ?? unitIdsNamed(await tx.units.list(), props.unitLabels);
    await requireOwnUnits(tx, unitIds);
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
    await tx.reformItems.setUnits(item.id, unitIds);
    await recordChange(tx, actor, { action: "create", entity: "reform_item", entityId: item.id, summary: `重点推進項目を追加: ${item.name} (${formatFiscalYear(props.editionYear)})` });
    return item.id;
  });
}

export async function itemRevisions(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, itemId: number) {
  const item = await getItem(tenant, itemId);
  const rows = await tenant.reformItems.revisions([item.id]);
  return rows.map((r) => ({ at: r.at, actor: r.actor, source: r.source, changes: storedDiff(r.diff_json, `reform_revisions.diff_json (項目 #${item.id}, ${r.at})`) }));
}
