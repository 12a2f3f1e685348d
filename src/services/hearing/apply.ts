/**
 * Decisions feed next year: approved staffing becomes 配置計画 (planned headcount per unit) of the target year,
 * approved organisation changes become 組織改正 events effective on their date. One action, previewed first,
 * undone exactly (from a snapshot of what it touched) until the target year's 4月1日 headcount is entered.
 */
import { allowancePercentIn } from "../../domain/policy.js";
import type { OrgUnitRow, ReorgEventRow } from "../../db/schema.js";
import type { HearingRoundRow, StaffingPlanRow } from "../../db/schema-hearing.js";
import type { TenantDb } from "../../db/tenant.js";
import { fiscalYearOf, formatFiscalYear } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { grantedChange } from "../../domain/hearing.js";
import { type Form2, type Form3, ORG_CHANGE_LABELS, type OrgChange, requestedChange } from "../../domain/hearing-forms.js";
import type { ComplianceStatus } from "../../domain/quota.js";
import type { Actor } from "../../domain/roles.js";
import { complianceForYear, unitTotalsForYear } from "../../domain/staffing.js";
import { plannedRecords } from "../../domain/staffing-plan.js";
import { undoSteps } from "../../domain/hearing-undo.js";
import { wouldMakeCycle } from "../../domain/hearing-checks.js";
import { recordChange } from "../audit.js";
import { requireAdmin, requireAdminOrHq } from "../authorization.js";
import { reorganise } from "../organisation.js";
import { loadStaffing } from "../staffing.js";
import { baseYearOf, requireRound, roundStatusOf } from "./context.js";
import { formWhere, storedApplySnapshot, storedDecisions, storedFormContent } from "../stored-shapes.js";

export interface PlannedUnit {
  unitId: number;
  name: string;
  departmentName: string;
  /** 現員 (人) on the last April 1. */
  current: number;
  /** Net change granted by the decisions (人). */
  granted: number;
  planned: number;
  /** 配置計画 already stored for the target year, if any. */
  previousPlan: number | null;
}

export interface PlannedOrgChange {
  lineId: string;
  departmentId: number;
  departmentName: string;
  change: OrgChange;
  kindLabel: string;
  fiscalYear: number;
  summary: string;
}

export interface ApplyPreview {
  roundId: number;
  targetYear: number;
  baseYear: number | null;
  staffing: PlannedUnit[];
  orgChanges: PlannedOrgChange[];
  /** The plan against 条例定数 and the cap, per quota-holding unit and in total (一般職(定数合計)). */
  compliance: { name: string; counted: number | null; quota: number; cap: number; status: ComplianceStatus | null }[];
  overCap: boolean;
  applied: boolean;
  appliedAt: string | null;
  /** Undo is possible until the target year's headcount is entered. */
  canUndo: boolean;
  version: number;
}

interface SnapshotState {
  units: OrgUnitRow[];
  eventIds: number[];
  plans: StaffingPlanRow[];
}

/** The state before applying, and (since undo keeps later edits) the state right after; older snapshots have no `after`. */
interface Snapshot extends SnapshotState {
  after?: SnapshotState;
}

async function decidedContent(tx: Pick<TenantDb, "hearingForms" | "hearingRounds" | "units">, round: HearingRoundRow) {
  const [forms, departments, units] = await Promise.all([tx.hearingForms.listByRound(round.id), tx.hearingRounds.departments(round.id), tx.units.list()]);
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  const byForm = (n: 2 | 3) =>
    forms
      .filter((f) => f.form === n && f.status === "decided" && departments.some((d) => d.unit_id === f.unit_id))
      .map((f) => ({ departmentId: f.unit_id, departmentName: nameOf(f.unit_id), content: storedFormContent(n, f.content_json, formWhere(f, "content_json")) as unknown, decisions: storedDecisions(f.decisions_json, formWhere(f, "decisions_json")) }));
  return { form2: byForm(2), form3: byForm(3), nameOf };
}

/** What applying would change (admin: the secretariat applies). */
export async function previewApply(tenant: ComputePreviewDb, actor: Actor, roundId: number): Promise<ApplyPreview> {
  requireAdmin(actor, "決定を反映する");
  return computePreview(tenant, actor, roundId);
}

/** The same preview read by the secretariat or headquarters (the overview), without the right to apply. */
export async function readApplyPreview(tenant: ComputePreviewDb, actor: Actor, roundId: number): Promise<ApplyPreview> {
  requireOverviewReader(actor);
  return computePreview(tenant, actor, roundId);
}

/** The round's overview, export and plan are read by the secretariat (admin) and headquarters (hq). */
export function requireOverviewReader(actor: Actor): void {
  requireAdminOrHq(actor, "ヒアリングの全体集計を見る権限がありません");
}

/** What computePreview reads and writes of the municipality's repositories (a type error to reach another). */
export type ComputePreviewDb = Pick<TenantDb, "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "staffingPlans" | "units">;

async function computePreview(tenant: ComputePreviewDb, actor: Actor, roundId: number): Promise<ApplyPreview> {
  const round = await requireRound(tenant, actor, roundId);
  const target = round.target_year;
  const baseYear = await baseYearOf(tenant, target);
  const { form2, form3, nameOf } = await decidedContent(tenant, round);
  const data = await loadStaffing(tenant);
  const totals = baseYear === null ? new Map() : unitTotalsForYear(data.units, data.records, baseYear);
  const existingPlans = await tenant.staffingPlans.list(target);
  const granted = new Map<number, { granted: number; department: string }>();
  for (const f of form3) {
    for (const line of (f.content as Form3).lines) {
      const g = grantedChange(f.decisions[line.id], requestedChange(line));
      const entry = granted.get(line.unitId) ?? { granted: 0, department: f.departmentName };
      entry.granted += g;
      granted.set(line.unitId, entry);
    }
  }
  const staffing: PlannedUnit[] = [...granted].map(([unitId, g]) => {
    const current = totals.get(unitId)?.staff ?? 0;
    return {
      unitId,
      name: nameOf(unitId),
      departmentName: g.department,
      current,
      granted: g.granted,
      planned: current + g.granted,
      previousPlan: existingPlans.find((p) => p.unit_id === unitId)?.planned_staff ?? null,
    };
  });
  // The plan as if it were the target year's count: the base year's figures with the planned 職員数.
  const records = plannedRecords(data.records, baseYear, new Map(staffing.map((p) => [p.unitId, p.planned])), target);
  const comp = complianceForYear(data.units, records, data.quotas, target, allowancePercentIn(data.policies, target));
  const compliance = comp.rows.map((row) => ({
    name: row.name,
    counted: row.compliance?.counted ?? null,
    quota: row.compliance?.quota ?? 0,
    cap: row.compliance?.cap ?? 0,
    status: row.compliance?.status ?? null,
  }));
  if (comp.total) compliance.push({ name: "一般職(定数合計)", counted: comp.total.counted, quota: comp.quotaSum, cap: comp.cap, status: comp.total.status });
  const orgChanges: PlannedOrgChange[] = [];
  // Once applied, a change names its units as they were before it (the snapshot), not as it renamed them.
  const namesBefore = round.apply_snapshot_json === null ? null : new Map(storedApplySnapshot(round.apply_snapshot_json, `hearing_rounds.apply_snapshot_json (#${round.id})`).units.map((u) => [u.id, u.name]));
  const nameBefore = (id: number) => namesBefore?.get(id) ?? nameOf(id);
  for (const f of form2) {
    for (const change of (f.content as Form2).changes) {
      const d = f.decisions[change.id];
      if (!d || d.outcome === "rejected") continue;
      const kindLabel = ORG_CHANGE_LABELS[change.kind];
      const names = change.unitIds.map(nameBefore).join("、") || "—";
      const to = change.kind === "transfer" ? nameBefore(change.newParentId ?? 0) : change.newNames.join("、") || "—";
      orgChanges.push({
        lineId: change.id,
        departmentId: f.departmentId,
        departmentName: f.departmentName,
        change,
        kindLabel,
        fiscalYear: fiscalYearOf(change.effectiveDate),
        summary: `${kindLabel} ${change.effectiveDate}: ${names} → ${to}`,
      });
    }
  }
  const headcountsEntered = (await tenant.headcounts.recordedYears()).includes(target);
  return {
    roundId: round.id,
    targetYear: target,
    baseYear,
    staffing,
    orgChanges,
    compliance,
    overCap: compliance.some((c) => c.status === "over_cap"),
    applied: round.applied_at !== null,
    appliedAt: round.applied_at,
    canUndo: round.applied_at !== null && !headcountsEntered,
    version: round.version,
  };
}

/** What applyDecisions reads and writes of the municipality's repositories (a type error to reach another). */
export type ApplyDecisionsDb = ComputePreviewDb & Pick<TenantDb, "audit" | "reorgEvents" | "transaction">;

/** Applies a decided round (admin): 配置計画 and 組織改正 in one transaction. Over the cap only when acknowledged. */
export async function applyDecisions(tenant: ApplyDecisionsDb, actor: Actor, props: { roundId: number; version: number; acknowledgeOverCap?: boolean }): Promise<ApplyPreview> {
  requireAdmin(actor, "決定を反映する");
  return tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    if (roundStatusOf(round) !== "decided") throw new GyokakuError("invalid_input", "決定を確定してから反映してください");
    if (round.applied_at !== null) throw new GyokakuError("conflict", "このヒアリングの決定は既に反映されています");
    if (round.version !== props.version) throw new GyokakuError("conflict", "このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。画面を読み直して、最新の状態を確かめてから操作してください");
    const preview = await previewApply(tx, actor, round.id);
    const negative = preview.staffing.filter((p) => p.planned < 0);
    if (negative.length > 0) throw new GyokakuError("invalid_input", `配置計画が0人未満になる組織があります: ${negative.map((p) => `${p.name} ${p.planned}人`).join("、")}。決定を見直してください`);
    if (preview.overCap && !props.acknowledgeOverCap) throw new GyokakuError("invalid_input", "配置計画が上限を超えます。確認のうえ「上限超過を確認した」を選んで反映してください");
    const snapshot: Snapshot = { units: await tx.units.list(), eventIds: (await tx.reorgEvents.list()).map((e) => e.id), plans: await tx.staffingPlans.list(round.target_year) };
    const now = new Date().toISOString();
    for (const p of preview.staffing) await tx.staffingPlans.upsert(p.unitId, round.target_year, p.planned, round.title, now);
    for (const c of preview.orgChanges) {
      try {
        await applyOrgChange(tx, actor, round, c, snapshot.units);
      } catch (error) {
        // A change 組織改正 refuses (decided before a form rule, or the organisation edited since) names its department and row.
        if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "not_found")) throw error;
        throw new GyokakuError("invalid_input", `${c.departmentName}の様式2(${c.summary}): ${error.message.replace(/。$/, "")}。何も反映していません。この行の決定を見直すか、組織の画面で組織を確かめてください`);
      }
    }
    snapshot.after = { units: await tx.units.list(), eventIds: (await tx.reorgEvents.list()).map((e) => e.id), plans: await tx.staffingPlans.list(round.target_year) };
    const ok = await tx.hearingRounds.update(round.id, props.version, { applied_at: now, applied_by: actor.username, apply_snapshot_json: JSON.stringify(snapshot) }, now);
    if (!ok) throw new GyokakuError("conflict", "このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。画面を読み直して、最新の状態を確かめてから操作してください");
    await recordChange(tx, actor, {
      action: "update",
      entity: "hearing_round",
      entityId: round.id,
      summary: `ヒアリングの決定を反映: ${round.title} (配置計画 ${preview.staffing.length}組織、組織改正 ${preview.orgChanges.length}件)`,
      after: { staffing: preview.staffing, orgChanges: preview.orgChanges.map((c) => c.summary) },
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
    if (!ok) throw new GyokakuError("conflict", "このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。画面を読み直して、最新の状態を確かめてから操作してください");
    await recordChange(tx, actor, { action: "update", entity: "hearing_round", entityId: round.id, summary: `ヒアリングの決定の反映を取り消し: ${round.title}` });
  });
}
