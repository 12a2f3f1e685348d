/**
 * 反映の取消し (undoing applied hearing decisions): what to put back, from three states — before applying, right
 * after applying, and now. Only what the apply itself changed is undone; a unit, event or 配置計画 the apply did not
 * touch keeps whatever was done to it since (a unit created by hand, a contact number). When a field the apply
 * changed was changed again afterwards, undoing would overwrite that later edit: the undo is refused, naming it.
 * Pure: no clock, no I/O.
 */

/** A unit as stored (the fields are compared as they are; `updated_at` is bookkeeping, not content). */
export interface UndoUnit {
  id: number;
  name: string;
  updated_at: string;
  [field: string]: unknown;
}

/** 配置計画 of one unit for the target year. */
export interface UndoPlan {
  unit_id: number;
  planned_staff: number;
  [field: string]: unknown;
}

/** The state undo compares, read at one moment: the units, the 組織改正 event ids and the 配置計画 involved. */
export interface UndoState<U extends UndoUnit, P extends UndoPlan> {
  units: readonly U[];
  eventIds: readonly number[];
  plans: readonly P[];
}

/** What undoing an apply writes (undoSteps), or — when `conflicts` is non-empty — why it must be refused. */
export interface UndoSteps<U extends UndoUnit, P extends UndoPlan> {
  /** Units to write back (the apply's fields as before, later edits of other fields kept). */
  restoreUnits: U[];
  /** Units the apply created, to delete. */
  deleteUnitIds: number[];
  /** 組織改正 events the apply created and that still exist. */
  deleteEventIds: number[];
  /** 配置計画 to put back as before, and those the apply added, to delete. */
  restorePlans: P[];
  deletePlanUnitIds: number[];
  /** Japanese descriptions of later edits that undoing would overwrite; non-empty means refuse. */
  conflicts: string[];
}

const BOOKKEEPING = new Set(["updated_at"]);

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !BOOKKEEPING.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * The steps that undo an apply: `before` and `after` are the states around the apply, `now` the present one.
 * A unit whose apply-changed fields still hold the applied values gets those fields back as before (the whole row,
 * timestamps included, when nothing else changed); a unit the apply created is deleted when untouched since;
 * a plan the apply wrote is put back when it still holds the applied number. Anything else is a conflict.
 */
export function undoSteps<U extends UndoUnit, P extends UndoPlan>(before: UndoState<U, P>, after: UndoState<U, P>, now: UndoState<U, P>): UndoSteps<U, P> {
  const steps: UndoSteps<U, P> = { restoreUnits: [], deleteUnitIds: [], deleteEventIds: [], restorePlans: [], deletePlanUnitIds: [], conflicts: [] };
  const beforeUnits = new Map(before.units.map((u) => [u.id, u]));
  const nowUnits = new Map(now.units.map((u) => [u.id, u]));
  for (const applied of after.units) {
    const old = beforeUnits.get(applied.id);
    const current = nowUnits.get(applied.id);
    if (old === undefined) {
      // Created by the apply.
      if (current === undefined) continue;
      if (changedFields(applied, current).length > 0) steps.conflicts.push(`組織「${current.name}」(反映で新設した後に変更されています)`);
      else steps.deleteUnitIds.push(applied.id);
      continue;
    }
    const fields = changedFields(old, applied);
    if (fields.length === 0 || current === undefined) continue;
    const overwritten = fields.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(applied[f]));
    if (overwritten.length > 0) {
      steps.conflicts.push(`組織「${current.name}」(反映の後に変更されています)`);
      continue;
    }
    const untouchedSince = changedFields(applied, current).length === 0;
    if (untouchedSince) steps.restoreUnits.push(old);
    else steps.restoreUnits.push({ ...current, ...Object.fromEntries(fields.map((f) => [f, old[f]])) });
  }
  const beforeEvents = new Set(before.eventIds);
  const nowEvents = new Set(now.eventIds);
  steps.deleteEventIds = after.eventIds.filter((id) => !beforeEvents.has(id) && nowEvents.has(id));
  const beforePlans = new Map(before.plans.map((p) => [p.unit_id, p]));
  const nowPlans = new Map(now.plans.map((p) => [p.unit_id, p]));
  for (const applied of after.plans) {
    const old = beforePlans.get(applied.unit_id);
    if (old !== undefined && changedFields(old, applied).length === 0) continue;
    const current = nowPlans.get(applied.unit_id);
    if (current === undefined || current.planned_staff !== applied.planned_staff) {
      const name = now.units.find((u) => u.id === applied.unit_id)?.name ?? `#${applied.unit_id}`;
      steps.conflicts.push(`${name}の配置計画(反映の後に変更されています)`);
      continue;
    }
    if (old === undefined) steps.deletePlanUnitIds.push(applied.unit_id);
    else steps.restorePlans.push(old);
  }
  return steps;
}
