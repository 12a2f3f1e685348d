/**
 * Decisions feed next year: approved staffing becomes 配置計画 (planned headcount per unit) of the target year,
 * approved organisation changes become 組織改正 events effective on their date. One action, previewed first
 * (apply-preview.ts), undone exactly (from a snapshot of what it touched) until the target year's 4月1日 headcount is
 * entered. Lines the organisation no longer allows (「適用できない行」) are left out only when the secretariat confirms
 * exactly those lines; they are recorded in the snapshot and the audit log.
 */
import type { OrgUnitRow, ReorgEventRow } from "../../db/schema.js";
import type { HearingRoundRow, StaffingPlanRow } from "../../db/schema-hearing.js";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import type { UnapplicableLine } from "../../domain/hearing-applicable.js";
import type { Actor } from "../../domain/roles.js";
import { undoSteps } from "../../domain/hearing-undo.js";
import { wouldMakeCycle } from "../../domain/hearing-checks.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { reorganise } from "../organisation.js";
import { requireRound, roundStatusOf } from "./context.js";
import { storedApplySnapshot } from "../stored-shapes.js";
import { type ApplyPreview, type ComputePreviewDb, type PlannedOrgChange, previewApply } from "./apply-preview.js";

export { type ApplyPreview, type ComputePreviewDb, type PlannedOrgChange, type PlannedUnit, previewApply, readApplyPreview, requireOverviewReader, type UnapplicableLine } from "./apply-preview.js";

interface SnapshotState {
  units: OrgUnitRow[];
  eventIds: number[];
  plans: StaffingPlanRow[];
}

/** The state before applying, and (since undo keeps later edits) the state right after; older snapshots have no `after`. `skipped`: lines left out. */
interface Snapshot extends SnapshotState {
  after?: SnapshotState;
  skipped?: UnapplicableLine[];
}

/** What applyDecisions reads and writes of the municipality's repositories (a type error to reach another). */
export type ApplyDecisionsDb = ComputePreviewDb & Pick<TenantDb, "audit" | "reorgEvents" | "transaction">;

const STALE = "このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。画面を読み直して、最新の状態を確かめてから操作してください";

/** 「保健福祉部 様式2 組織改正 1行目(…): 理由」 for each line, as messages and the audit log name them. */
export function unapplicableText(lines: readonly UnapplicableLine[]): string[] {
  return lines.map((u) => `${u.departmentName} ${u.line}: ${u.reason}`);
}

/** The label of the confirmation that leaves out the unapplicable lines, as the apply page shows it and messages name it. */
export function skipLabel(count: number): string {
  return `適用できない行(${count}件)を除いて反映する`;
}

export interface ApplyProps {
  roundId: number;
  version: number;
  acknowledgeOverCap?: boolean;
  /**
   * The keys (UnapplicableLine.key) of the 「適用できない行」 the secretariat confirmed to leave out, as the preview
   * showed them. Required when there are such lines, and must be exactly those lines now (else a conflict).
   */
  skipLines?: readonly string[];
}

/**
 * Applies a decided round (admin): 配置計画 and 組織改正 in one transaction. Over the cap only when acknowledged; lines
 * that can no longer apply are left out only when confirmed (props.skipLines), and are then recorded in the snapshot
 * (shown on the round afterwards) and in the audit log. @throws GyokakuError invalid_input (not decided, over the cap,
 * unconfirmed lines), conflict (stale version, already applied, the unapplicable lines changed since the preview)
 */
export async function applyDecisions(tenant: ApplyDecisionsDb, actor: Actor, props: ApplyProps): Promise<ApplyPreview> {
  requireAdmin(actor, "決定を反映する");
  return tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    if (roundStatusOf(round) !== "decided") throw new GyokakuError("invalid_input", "決定を確定してから反映してください");
    if (round.applied_at !== null) throw new GyokakuError("conflict", "このヒアリングの決定は既に反映されています");
    if (round.version !== props.version) throw new GyokakuError("conflict", STALE);
    const preview = await previewApply(tx, actor, round.id);
    const skipped = preview.unapplicable;
    const confirmed = [...new Set(props.skipLines ?? [])].sort();
    const current = skipped.map((u) => u.key).sort();
    if (skipped.length > 0 && confirmed.length === 0) {
      throw new GyokakuError(
        "invalid_input",
        `今の組織には適用できない行が${skipped.length}件あります(${skipped.map((u) => `${u.departmentName} ${u.line.replace(/\(.*$/, "")}`).join("、")})。何も反映していません。理由は「適用できない行」の一覧にあります。これらの行を除いて反映するときは、「${skipLabel(skipped.length)}」を選んでから反映してください`,
        { problems: unapplicableText(skipped) },
      );
    }
    if (JSON.stringify(confirmed) !== JSON.stringify(current)) {
      throw new GyokakuError(
        "conflict",
        skipped.length === 0
          ? "確認した「適用できない行」は、この画面を開いた後の組織の変更で適用できるようになりました。何も反映していません。画面を読み直して、反映される内容を確かめてから反映してください"
          : `適用できない行が、この画面を開いた後の組織の変更で変わりました(今は${skipped.length}件)。何も反映していません。画面を読み直して、除く行を確かめてから反映してください`,
      );
    }
    // A safety net: the unapplicable lines above cover these, so the message names no step the user could not take.
    const negative = preview.staffing.filter((p) => p.planned < 0);
    if (negative.length > 0) throw new GyokakuError("invalid_input", `配置計画が0人未満になる組織があります: ${negative.map((p) => `${p.name} ${p.planned}人`).join("、")}。何も反映していません。定数管理の画面でその組織の現員を確かめてください`);
    if (preview.overCap && !props.acknowledgeOverCap) throw new GyokakuError("invalid_input", "配置計画が上限を超えます。確認のうえ「上限超過を確認した」を選んで反映してください");
    const snapshot: Snapshot = { units: await tx.units.list(), eventIds: (await tx.reorgEvents.list()).map((e) => e.id), plans: await tx.staffingPlans.list(round.target_year) };
    const now = new Date().toISOString();
    for (const p of preview.staffing) await tx.staffingPlans.upsert(p.unitId, round.target_year, p.planned, round.title, now);
    for (const c of preview.orgChanges) {
      try {
        await applyOrgChange(tx, actor, round, c, snapshot.units);
      } catch (error) {
        // A refusal the check above did not foresee: nothing is written, and the message says where to look (never to re-decide: the round is closed).
        if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "not_found")) throw error;
        throw new GyokakuError("invalid_input", `${c.departmentName}の様式2(${c.summary}): ${error.message.replace(/。$/, "")}。何も反映していません。組織の画面でこの行の対象組織と所管先(存続期間・上位組織)を確かめてから、もう一度反映してください`);
      }
    }
    snapshot.after = { units: await tx.units.list(), eventIds: (await tx.reorgEvents.list()).map((e) => e.id), plans: await tx.staffingPlans.list(round.target_year) };
    if (skipped.length > 0) snapshot.skipped = skipped;
    const ok = await tx.hearingRounds.update(round.id, props.version, { applied_at: now, applied_by: actor.username, apply_snapshot_json: JSON.stringify(snapshot) }, now);
    if (!ok) throw new GyokakuError("conflict", STALE);
    await recordChange(tx, actor, {
      action: "update",
      entity: "hearing_round",
      entityId: round.id,
      summary: `ヒアリングの決定を反映: ${round.title} (配置計画 ${preview.staffing.length}組織、組織改正 ${preview.orgChanges.length}件${skipped.length > 0 ? `、適用できない行 ${skipped.length}件を除外` : ""})`,
      after: { staffing: preview.staffing, orgChanges: preview.orgChanges.map((c) => c.summary), ...(skipped.length > 0 ? { skipped: unapplicableText(skipped) } : {}) },
    });
    return previewApply(tx, actor, round.id);
  });
}

async function applyOrgChange(tx: Pick<TenantDb, "audit" | "headcounts" | "reorgEvents" | "transaction" | "units">, actor: Actor, round: HearingRoundRow, c: PlannedOrgChange, units: OrgUnitRow[]): Promise<ReorgEventRow | null> {
  const { change } = c;
  const note = `${round.title} ${c.departmentName}: ${change.reason}`;
  const code = (i: number) => `H${round.id}-${change.id}-${i + 1}`;
  const named = (ids: number[]) => (name: string) => ids.find((id) => units.find((u) => u.id === id)?.name === name) ?? null;
  switch (change.kind) {
    case "transfer": {
      const unitId = change.unitIds[0];
      const unit = units.find((u) => u.id === unitId);
      if (!unit || change.newParentId === null) return null;
      // A form decided before the cycle rule (domain/hearing-checks.ts) could name a unit below the one moved: refused, nothing written.
      const tree = await tx.units.list();
      if (wouldMakeCycle(new Map(tree.map((u) => [u.id, u.parent_id])), unit.id, change.newParentId)) {
        const parentName = tree.find((u) => u.id === change.newParentId)?.name ?? `#${change.newParentId}`;
        throw new GyokakuError("invalid_input", `所管先「${parentName}」は「${unit.name}」の下にある組織のため、所管替えすると組織の親子関係が循環します`);
      }
      await tx.units.update(unit.id, { parentId: change.newParentId }, new Date().toISOString());
      await recordChange(tx, actor, { action: "update", entity: "org_unit", entityId: unit.id, summary: `所管替え ${formatFiscalYear(c.fiscalYear)}: ${unit.name}`, before: { parentId: unit.parent_id }, after: { parentId: change.newParentId } });
      return null;
    }
    case "rename":
      return reorganise(tx, actor, { fiscalYear: c.fiscalYear, kind: "rename", fromUnitIds: change.unitIds, newUnits: [], newName: change.newNames[0] ?? "", note });
    case "create":
      return reorganise(tx, actor, {
        fiscalYear: c.fiscalYear,
        kind: "create",
        fromUnitIds: [],
        newUnits: change.newNames.map((name, i) => ({ code: code(i), name, sector: null })),
        parentId: change.newParentId ?? c.departmentId,
        note,
      });
    default: {
      // split / merge: a new name equal to an existing unit's name means that unit goes on (保健福祉部 after the split).
      const continuing = change.newNames.map(named(change.unitIds)).find((id) => id !== null) ?? null;
      const fresh = change.newNames.filter((n) => named(change.unitIds)(n) === null);
      return reorganise(tx, actor, {
        fiscalYear: c.fiscalYear,
        kind: change.kind,
        fromUnitIds: change.unitIds,
        newUnits: change.kind === "abolish" ? [] : fresh.map((name, i) => ({ code: code(i), name, sector: null })),
        continuingUnitId: continuing,
        note,
      });
    }
  }
}

/** What undoApply reads and writes of the municipality's repositories (a type error to reach another). */
export type UndoApplyDb = Pick<TenantDb, "audit" | "headcounts" | "hearingRounds" | "reorgEvents" | "staffingPlans" | "transaction" | "units">;

/**
 * Undoes an applied round: what the apply changed in units, 組織改正 events and 配置計画 returns to the snapshot taken
 * when applying (exactly, when nothing was edited since); edits made since to anything else are kept, and an edit of
 * something the apply changed refuses the undo, naming it (domain/hearing-undo.ts).
 */
export async function undoApply(tenant: UndoApplyDb, actor: Actor, props: { roundId: number; version: number }): Promise<void> {
  requireAdmin(actor, "反映を取り消す");
  await tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    if (round.applied_at === null || round.apply_snapshot_json === null) throw new GyokakuError("conflict", "このヒアリングの決定はまだ反映されていません");
    if ((await tx.headcounts.recordedYears()).includes(round.target_year)) {
      throw new GyokakuError("conflict", `${formatFiscalYear(round.target_year)}の4月1日職員数が入力済みのため、反映は取り消せません`);
    }
    const snapshot: Snapshot = storedApplySnapshot(round.apply_snapshot_json, `hearing_rounds.apply_snapshot_json (#${round.id})`);
    const now: SnapshotState = { units: await tx.units.list(), eventIds: (await tx.reorgEvents.list()).map((e) => e.id), plans: await tx.staffingPlans.list(round.target_year) };
    // A snapshot taken before undo kept later edits has no `after`: the state as it was applied is unknown, so everything goes back.
    const steps = undoSteps(snapshot, snapshot.after ?? now, now);
    if (steps.conflicts.length > 0) {
      throw new GyokakuError(
        "conflict",
        `反映の後に変更されたものがあるため、取り消すとその変更が失われます: ${steps.conflicts.join("、")}。組織・配置計画の画面でその変更を反映直後の状態に戻してから、もう一度取り消してください`,
      );
    }
    for (const id of steps.deleteEventIds) await tx.reorgEvents.delete(id);
    for (const u of steps.restoreUnits) await tx.units.restore(u);
    for (const id of steps.deleteUnitIds) await tx.units.delete(id);
    for (const id of steps.deletePlanUnitIds) await tx.staffingPlans.delete(id, round.target_year);
    for (const p of steps.restorePlans) await tx.staffingPlans.upsert(p.unit_id, p.fiscal_year, p.planned_staff, p.source, p.updated_at);
    const ok = await tx.hearingRounds.update(round.id, props.version, { applied_at: null, applied_by: null, apply_snapshot_json: null }, new Date().toISOString());
    if (!ok) throw new GyokakuError("conflict", STALE);
    await recordChange(tx, actor, { action: "update", entity: "hearing_round", entityId: round.id, summary: `ヒアリングの決定の反映を取り消し: ${round.title}` });
  });
}
