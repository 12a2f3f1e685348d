/**
 * What applying a decided round would change (or, once applied, what it changed): 配置計画 per unit, 組織改正, the plan
 * against 条例定数 and the cap, and the approved lines that can no longer be applied to the organisation as it stands
 * (「適用できない行」, domain/hearing-applicable.ts). Read by the apply page, the overview and the round page.
 */
import { allowancePercentIn } from "../../domain/policy.js";
import type { HearingRoundRow } from "../../db/schema-hearing.js";
import type { TenantDb } from "../../db/tenant.js";
import { fiscalYearOf } from "../../domain/era.js";
import { grantedChange } from "../../domain/hearing.js";
import { type ApprovedOrgLine, type ApprovedStaffLine, lineKey, type UnapplicableLine, unapplicableLines } from "../../domain/hearing-applicable.js";
import { type Form2, type Form3, ORG_CHANGE_LABELS, type OrgChange, requestedChange } from "../../domain/hearing-forms.js";
import type { ComplianceStatus } from "../../domain/quota.js";
import type { Actor } from "../../domain/roles.js";
import { complianceForYear, unitTotalsForYear } from "../../domain/staffing.js";
import { plannedRecords } from "../../domain/staffing-plan.js";
import { requireAdmin, requireAdminOrHq } from "../authorization.js";
import { loadStaffing } from "../staffing.js";
import { baseYearOf, requireRound } from "./context.js";
import { formWhere, storedApplySnapshot, storedDecisions, storedFormContent } from "../stored-shapes.js";

export type { UnapplicableLine } from "../../domain/hearing-applicable.js";

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
  /** 配置計画 of the lines that apply (the unapplicable ones left out). */
  staffing: PlannedUnit[];
  /** 組織改正 of the lines that apply, in the order applying takes them. */
  orgChanges: PlannedOrgChange[];
  /**
   * Approved lines that cannot be applied: before applying, against the organisation as it stands now; once applied,
   * the lines the secretariat applied the round without (as recorded then).
   */
  unapplicable: UnapplicableLine[];
  /** The plan against 条例定数 and the cap, per quota-holding unit and in total (一般職(定数合計)). */
  compliance: { name: string; counted: number | null; quota: number; cap: number; status: ComplianceStatus | null }[];
  overCap: boolean;
  applied: boolean;
  appliedAt: string | null;
  /** Undo is possible until the target year's headcount is entered. */
  canUndo: boolean;
  version: number;
}

async function decidedContent(tx: Pick<TenantDb, "hearingForms" | "hearingRounds" | "units">, round: HearingRoundRow) {
  const [forms, departments, units] = await Promise.all([tx.hearingForms.listByRound(round.id), tx.hearingRounds.departments(round.id), tx.units.list()]);
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  const byForm = (n: 2 | 3) =>
    forms
      .filter((f) => f.form === n && f.status === "decided" && departments.some((d) => d.unit_id === f.unit_id))
      .map((f) => ({ departmentId: f.unit_id, departmentName: nameOf(f.unit_id), content: storedFormContent(n, f.content_json, formWhere(f, "content_json")) as unknown, decisions: storedDecisions(f.decisions_json, formWhere(f, "decisions_json")) }));
  return { form2: byForm(2), form3: byForm(3), nameOf, units };
}

/** What applying would change (admin: the secretariat applies). */
export async function previewApply(tenant: ComputePreviewDb, actor: Actor, roundId: number): Promise<ApplyPreview> {
  requireAdmin(actor, "決定を反映する");
  return computePreview(tenant, actor, roundId);
}

/** The same preview read by the secretariat or headquarters (the overview, the round page), without the right to apply. */
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
  const { form2, form3, nameOf, units } = await decidedContent(tenant, round);
  const data = await loadStaffing(tenant);
  const totals = baseYear === null ? new Map() : unitTotalsForYear(data.units, data.records, baseYear);
  const currentOf = (unitId: number): number => totals.get(unitId)?.staff ?? 0;
  const existingPlans = await tenant.staffingPlans.list(target);
  const snapshot = round.apply_snapshot_json === null ? null : storedApplySnapshot(round.apply_snapshot_json, `hearing_rounds.apply_snapshot_json (#${round.id})`);
  // Once applied, a change names its units as they were before it (the snapshot), not as it renamed them.
  const namesBefore = snapshot === null ? null : new Map(snapshot.units.map((u) => [u.id, u.name]));
  const nameBefore = (id: number) => namesBefore?.get(id) ?? nameOf(id);

  const staffLines: ApprovedStaffLine[] = [];
  for (const f of form3) {
    (f.content as Form3).lines.forEach((line, i) => {
      const d = f.decisions[line.id];
      if (!d || d.outcome === "rejected") return;
      staffLines.push({ departmentId: f.departmentId, departmentName: f.departmentName, row: i + 1, line, granted: grantedChange(d, requestedChange(line)) });
    });
  }
  const orgLines: (ApprovedOrgLine & { kindLabel: string })[] = [];
  for (const f of form2) {
    (f.content as Form2).changes.forEach((change, i) => {
      const d = f.decisions[change.id];
      if (!d || d.outcome === "rejected") return;
      const kindLabel = ORG_CHANGE_LABELS[change.kind];
      const names = change.unitIds.map(nameBefore).join("、") || "—";
      const to = change.kind === "transfer" ? nameBefore(change.newParentId ?? 0) : change.newNames.join("、") || "—";
      orgLines.push({ departmentId: f.departmentId, departmentName: f.departmentName, row: i + 1, change, kindLabel, summary: `${kindLabel} ${change.effectiveDate}: ${names} → ${to}` });
    });
  }
  // Before applying: checked against the organisation now. Once applied: what was left out then (the organisation has since changed by the apply itself).
  const unapplicable =
    snapshot === null
      ? unapplicableLines({
          targetYear: target,
          units: units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id, validFrom: u.valid_from, validTo: u.valid_to })),
          recordedYears: recordedYearsByUnit(data.records),
          current: new Map(units.map((u) => [u.id, currentOf(u.id)])),
          orgLines,
          staffLines,
        })
      : (snapshot.skipped ?? []);
  const left = new Set(unapplicable.map((u) => u.key));

  // Every line of a unit plans it (a rejected one grants 0); a unit with a line that cannot apply is left out whole.
  const unitsLeft = new Set(staffLines.filter((s) => left.has(lineKey(3, s.departmentId, s.line.id))).map((s) => s.line.unitId));
  const granted = new Map<number, { granted: number; department: string }>();
  for (const f of form3) {
    for (const line of (f.content as Form3).lines) {
      if (unitsLeft.has(line.unitId)) continue;
      const entry = granted.get(line.unitId) ?? { granted: 0, department: f.departmentName };
      entry.granted += grantedChange(f.decisions[line.id], requestedChange(line));
      granted.set(line.unitId, entry);
    }
  }
  const staffing: PlannedUnit[] = [...granted].map(([unitId, g]) => {
    const current = currentOf(unitId);
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
  const orgChanges: PlannedOrgChange[] = orgLines
    .filter((o) => !left.has(lineKey(2, o.departmentId, o.change.id)))
    .map((o) => ({ lineId: o.change.id, departmentId: o.departmentId, departmentName: o.departmentName, change: o.change, kindLabel: o.kindLabel, fiscalYear: fiscalYearOf(o.change.effectiveDate), summary: o.summary }));
  const headcountsEntered = (await tenant.headcounts.recordedYears()).includes(target);
  return {
    roundId: round.id,
    targetYear: target,
    baseYear,
    staffing,
    orgChanges,
    unapplicable,
    compliance,
    overCap: compliance.some((c) => c.status === "over_cap"),
    applied: round.applied_at !== null,
    appliedAt: round.applied_at,
    canUndo: round.applied_at !== null && !headcountsEntered,
    version: round.version,
  };
}

function recordedYearsByUnit(records: readonly { unitId: number; fiscalYear: number }[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of records) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.fiscalYear]);
  return out;
}
