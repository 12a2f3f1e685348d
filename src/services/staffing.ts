import type { HeadcountValues } from "../db/repositories/headcounts.js";
import type { HeadcountRow, OrgUnitRow, QuotaRow, StaffingPolicyRow } from "../db/schema.js";
import { storedUnitIds } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { CATEGORY_KEYS, categoryLabel, type HeadcountCategory, type HeadcountCounts, headcountProblems } from "../domain/headcount.js";
import { existsIn, storedUnitKind } from "../domain/organisation.js";
import { type Actor, canWriteUnit } from "../domain/roles.js";
import { complianceForYear, derivedStaffUnits, type HeadcountRecord, type QuotaRecord, type StaffingUnit, type YearCompliance } from "../domain/staffing.js";
import { buildHeadcountTable, type HeadcountTable } from "../domain/headcount-table.js";
import {
  allowancePercentIn,
  isPolicyKind,
  type PolicyPeriod,
} from "../domain/policy.js";
import { recordChange } from "./audit.js";
import { rolledUpProblems } from "../domain/rolled-up-consistency.js";
import { plausibilityOf } from "./headcount-plausibility.js";

export function toStaffingUnit(row: OrgUnitRow): StaffingUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: storedUnitKind(row),
    sortOrder: row.sort_order,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    name: row.name,
  };
}

const COLUMN_OF = {
  staff: "staff",
  seconded: "seconded",
  fixedTerm: "fixed_term",
  onLeave: "on_leave",
  childcareSubstitutes: "childcare_substitutes",
} as const satisfies Record<(typeof CATEGORY_KEYS)[number], keyof HeadcountValues>;

export function countsOf(row: HeadcountRow | HeadcountValues): HeadcountCounts {
  const counts: HeadcountCounts = {};
  for (const key of CATEGORY_KEYS) {
    const value = row[COLUMN_OF[key]];
    if (value !== null) counts[key] = value;
  }
  return counts;
}

export function valuesOf(counts: HeadcountCounts): HeadcountValues {
  return {
    staff: counts.staff ?? null,
    seconded: counts.seconded ?? null,
    fixed_term: counts.fixedTerm ?? null,
    on_leave: counts.onLeave ?? null,
    childcare_substitutes: counts.childcareSubstitutes ?? null,
  };
}

export function toQuotaRecord(row: QuotaRow, members: readonly { quota_id: number; unit_id: number }[] = []): QuotaRecord {
  const memberUnitIds = members.filter((m) => m.quota_id === row.id).map((m) => m.unit_id);
  return { unitId: row.unit_id, quota: row.quota, validFrom: row.valid_from, validTo: row.valid_to, ...(memberUnitIds.length > 1 ? { memberUnitIds } : {}) };
}

export function toPolicyPeriod(row: StaffingPolicyRow): PolicyPeriod | null {
  return isPolicyKind(row.kind) ? { kind: row.kind, validFrom: row.valid_from, value: row.value } : null;
}

/** Stored policy periods (許容率, 基準日) of the municipality. */
export async function policyPeriodsOf(tenant: Pick<TenantDb, "policies">): Promise<PolicyPeriod[]> {
  return (await tenant.policies.list()).flatMap((r) => toPolicyPeriod(r) ?? []);
}

/** 許容率 (%) in force in the fiscal year (domain/policy.ts). */
export async function allowancePercentOf(tenant: Pick<TenantDb, "policies">, fiscalYear: number): Promise<number> {
  return allowancePercentIn(await policyPeriodsOf(tenant), fiscalYear);
}

export interface StaffingData {
  unitRows: OrgUnitRow[];
  units: StaffingUnit[];
  records: HeadcountRecord[];
  quotas: QuotaRecord[];
  /** 許容率 and 基準日 with their periods: take the value of a year with allowancePercentIn / referenceDateIn. */
  policies: PolicyPeriod[];
}

export async function loadStaffing(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, range?: { from: number; to: number }): Promise<StaffingData> {
  const [unitRows, rows, quotaRows, members, policies] = await Promise.all([
    tenant.units.list(),
    tenant.headcounts.list(range),
    tenant.quotas.list(),
    tenant.quotas.members(),
    policyPeriodsOf(tenant),
  ]);
  return {
    unitRows,
    units: unitRows.map(toStaffingUnit),
    records: rows.map((r) => ({ unitId: r.unit_id, fiscalYear: r.fiscal_year, counts: countsOf(r) })),
    quotas: quotaRows.map((q) => toQuotaRecord(q, members)),
    policies,
  };
}

/** @throws GyokakuError invalid_input for a fiscal year outside what gyokaku keeps. */
export function checkYear(fiscalYear: number): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1868 || fiscalYear > 9999) {
    throw new GyokakuError("invalid_input", `年度が不正です: ${fiscalYear}`);
  }
}

/**
 * The 図表4 table for a span of years. Only years with recorded figures become columns (the seed skips years too),
 * unless `everyYear` asks for every year of the span.
 */
export async function headcountTable(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "reorgEvents" | "units">, span: { from: number; to: number; everyYear?: boolean }): Promise<HeadcountTable> {
  checkYear(span.from);
  checkYear(span.to);
  if (span.from > span.to) throw new GyokakuError("invalid_input", `開始年度(${span.from})が終了年度(${span.to})より後です`);
  const data = await loadStaffing(tenant, span);
  const recorded = [...new Set(data.records.map((r) => r.fiscalYear))];
  const years = span.everyYear ? Array.from({ length: span.to - span.from + 1 }, (_, i) => span.from + i) : recorded;
  const renames = (await tenant.reorgEvents.list())
    .filter((e) => e.kind === "rename" && e.old_name !== null)
    .flatMap((e) => storedUnitIds(e.from_unit_ids, `reorg_events.from_unit_ids (#${e.id})`).map((unitId) => ({ unitId, fiscalYear: e.fiscal_year, oldName: e.old_name ?? "" })));
  const shown = years.length > 0 ? years : [span.to];
  // The quota column and the cap are those of the last year shown, under the allowance in force that year.
  return buildHeadcountTable(data.units, data.records, data.quotas, shown, allowancePercentIn(data.policies, Math.max(...shown)), renames);
}

export async function compliance(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, fiscalYear: number): Promise<YearCompliance> {
  checkYear(fiscalYear);
  const data = await loadStaffing(tenant, { from: fiscalYear, to: fiscalYear });
  return complianceForYear(data.units, data.records, data.quotas, fiscalYear, allowancePercentIn(data.policies, fiscalYear));
}

export interface HeadcountInput {
  unitId: number;
  counts: HeadcountCounts;
  /**
   * The unit's figures as the writer read them (the edit form's hidden fields, the API's `expected`). With them only
   * `changedKeys` (default: every category whose value differs from `expected`) are written, the other categories
   * keep what is stored now, and a changed category that someone else changed since it was read is a conflict.
   * Without them the row replaces what is stored (imports, the CLI).
   */
  expected?: HeadcountCounts;
  changedKeys?: readonly HeadcountCategory[];
}

/** A cell changed by someone else since the writer read it: the three values, for the 409 answer. */
export interface HeadcountConflict {
  unitId: number;
  unitName: string;
  category: HeadcountCategory;
  label: string;
  /** As the writer read it (undefined = not recorded). */
  read: number | undefined;
  /** As stored now. */
  current: number | undefined;
  /** What the writer sent. */
  yours: number | undefined;
}

/** The figures a save writes for one input: its changed categories over what is stored now, and the cells in conflict. */
function mergeHeadcountInput(input: HeadcountInput, stored: HeadcountCounts, unitName: string): { counts: HeadcountCounts; conflicts: HeadcountConflict[] } {
  const expected = input.expected;
  if (!expected) return { counts: input.counts, conflicts: [] };
  const keys = input.changedKeys ?? CATEGORY_KEYS.filter((k) => input.counts[k] !== expected[k]);
  const values = new Map(CATEGORY_KEYS.map((k) => [k, stored[k]]));
  const conflicts: HeadcountConflict[] = [];
  for (const key of keys) {
    const yours = input.counts[key];
    if (stored[key] !== expected[key] && stored[key] !== yours) {
      conflicts.push({ unitId: input.unitId, unitName, category: key, label: categoryLabel(key), read: expected[key], current: stored[key], yours });
    }
    values.set(key, yours);
  }
  const counts: HeadcountCounts = {};
  for (const [key, value] of values) if (value !== undefined) counts[key] = value;
  return { counts, conflicts };
}

function conflictError(conflicts: readonly HeadcountConflict[]): GyokakuError {
  const shown = (n: number | undefined) => (n === undefined ? "空欄" : n.toLocaleString("ja-JP"));
  const lines = conflicts.map(
    (c) => `「${c.unitName}」の${c.label}は、画面を開いた後に別の人が ${shown(c.read)} → ${shown(c.current)} に変更しています(あなたの入力: ${shown(c.yours)})`,
  );
  return new GyokakuError("conflict", `${lines.join(" / ")}。最新の値を確認してから、もう一度保存してください`, {
    conflicts,
    problems: conflicts.map((c, i) => ({ unitId: c.unitId, unitName: c.unitName, message: lines[i] })),
  });
}

export interface RowProblem {
  unitId: number;
  unitName: string;
  message: string;
  /** The actor may not write this unit (as opposed to a problem with the figures). */
  forbidden?: boolean;
  /** Which rule refused it: a 職員数 typed for a parent derived from its children, or a parent's うち over its rolled-up 職員数. */
  rule?: "derived-staff" | "rolled-up";
}

export interface SaveOptions {
  /** The user has seen the plausibility warnings (large year-on-year changes) and saves anyway. */
  confirmed?: boolean;
}

/**
 * What is wrong with a year's figures before anything is written (the save and the import preview ask the same, so a
 * preview without errors is never refused on applying): a unit that is unknown or did not exist in the year, a
 * 職員数 typed for a parent derived from its children (every child has one, the year as it would be after the save),
 * categories that contradict each other, a parent's うち counts that the change makes exceed its rolled-up 職員数
 * (domain/rolled-up-consistency.ts; problems already stored are not the change's). `inputs` replace the stored rows of the same units. Authorization and
 * plausibility are the caller's. One problem per fault, naming the unit. `only: "parents"` leaves out what the file
 * readers (io/headcount-long.ts, io/headcount-table.ts) already report cell by cell: unknown units, units gone that
 * year, contradicting categories.
 */
export function headcountFigureProblems(
  units: readonly StaffingUnit[],
  stored: readonly { unitId: number; counts: HeadcountCounts }[],
  fiscalYear: number,
  inputs: readonly { unitId: number; counts: HeadcountCounts }[],
  only?: "parents",
): RowProblem[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const merged = [...stored.filter((r) => !inputs.some((i) => i.unitId === r.unitId)), ...inputs].map((r) => ({ unitId: r.unitId, fiscalYear, counts: r.counts }));
  const derived = derivedStaffUnits(units, merged, fiscalYear);
  const problems: RowProblem[] = [];
  for (const input of inputs) {
    const unit = byId.get(input.unitId);
    if (!unit) {
      problems.push({ unitId: input.unitId, unitName: `#${input.unitId}`, message: "指定された組織はありません" });
      continue;
    }
    const fail = (message: string) => problems.push({ unitId: unit.id, unitName: unit.name, message });
    const hasValues = CATEGORY_KEYS.some((k) => input.counts[k] !== undefined);
    if (only !== "parents" && hasValues && !existsIn(unit, fiscalYear)) fail(`「${unit.name}」は${formatFiscalYear(fiscalYear)}には存在しません`);
    if (input.counts.staff !== undefined && derived.has(unit.id)) {
      problems.push({ unitId: unit.id, unitName: unit.name, message: `「${unit.name}」の職員数は下位組織の合計から計算されるため入力できません`, rule: "derived-staff" });
    }
    if (only !== "parents") for (const message of headcountProblems(input.counts)) fail(`「${unit.name}」: ${message}`);
  }
  // A parent's うち counts against its rolled-up 職員数, which no row of its own shows (domain/rolled-up-consistency.ts).
  const before = stored.map((r) => ({ unitId: r.unitId, fiscalYear, counts: r.counts }));
  for (const p of rolledUpProblems(units, before, merged, fiscalYear)) problems.push({ ...p, rule: "rolled-up" });
  return problems;
}

/** What saveHeadcounts reads and writes of the municipality's repositories (a type error to reach another). */
export type SaveHeadcountsDb = Pick<TenantDb, "audit" | "headcounts" | "quotas" | "reorgEvents" | "settings" | "transaction" | "units">;

/**
 * The same authorization as saveHeadcounts, for a form about to be saved: before anything is said about the cells'
 * values, a posted unit id that is not this municipality's is `not_found`, and a unit whose cells the form changes
 * (or gets wrong) that the actor may not write is `forbidden` (the first such unit named). Unchanged cells of other
 * units (a form repeats what it showed) are not a write. Routes call it with the posted and the changed unit ids.
 * @throws GyokakuError not_found | forbidden
 */
export async function requireWritableHeadcountUnits(tenant: Pick<TenantDb, "units">, actor: Actor, units: { posted: readonly number[]; changed: readonly number[] }): Promise<void> {
  if (units.posted.length === 0 && units.changed.length === 0) return;
  const known = new Map((await tenant.units.list()).map((u) => [u.id, u]));
  const unknown = [...units.posted, ...units.changed].find((id) => !known.has(id));
  if (unknown !== undefined) throw new GyokakuError("not_found", `指定された組織(#${unknown})はありません`);
  const refused = units.changed.map((id) => known.get(id)).find((u) => u && !canWriteUnit(actor, u.id));
  if (refused) throw new GyokakuError("forbidden", `「${refused.name}」の職員数を編集する権限がありません`);
}

/**
 * Saves a year's figures for several units at once (the edit grid, the API, an import). All or nothing: any problem in
 * any row — a unit the actor may not write, a unit that did not exist that year, inconsistent figures — and
 * nothing is written. Each changed row is audited with its values before and after.
 * Authorization lives here, for every caller: a unit the actor may not write (canWriteUnit) is `forbidden` (403,
 * details.problems names each row 「…」の職員数を編集する権限がありません); a unit id that is not one of this
 * municipality's units is `not_found` (404), whatever else is wrong.
 * Plausibility (domain/plausibility.ts): an impossible value is a problem like any other; a large year-on-year
 * change throws `confirmation_required` (details.warnings) unless `options.confirmed`.
 */
export async function saveHeadcounts(
  tenant: SaveHeadcountsDb,
  actor: Actor,
  fiscalYear: number,
  given: readonly HeadcountInput[],
  options: SaveOptions = {},
): Promise<number> {
  checkYear(fiscalYear);
  return tenant.transaction(async (tx) => {
    const units = new Map((await tx.units.list()).map((u) => [u.id, u]));
    // Another municipality's unit (or none at all): not found, before anything is said about it.
    const unknown = given.find((input) => !units.has(input.unitId));
    if (unknown) throw new GyokakuError("not_found", `指定された組織(#${unknown.unitId})はありません`);
    // The year's figures as they would be after this save: a parent's 職員数 is refused when a child has one.
    const stored = (await tx.headcounts.list({ from: fiscalYear, to: fiscalYear })).map((r) => ({ unitId: r.unit_id, fiscalYear, counts: countsOf(r) }));
    const conflicts: HeadcountConflict[] = [];
    const inputs = given.map((input) => {
      const merged = mergeHeadcountInput(input, stored.find((r) => r.unitId === input.unitId)?.counts ?? {}, units.get(input.unitId)?.name ?? `#${input.unitId}`);
      conflicts.push(...merged.conflicts);
      return { unitId: input.unitId, counts: merged.counts };
    });
    const problems: RowProblem[] = [];
    const writable: typeof inputs = [];
    for (const input of inputs) {
      const unit = units.get(input.unitId);
      if (unit && !canWriteUnit(actor, unit.id)) {
        problems.push({ unitId: unit.id, unitName: unit.name, message: `「${unit.name}」の職員数を編集する権限がありません`, forbidden: true });
      } else writable.push(input);
    }
    problems.push(...headcountFigureProblems([...units.values()].map(toStaffingUnit), stored, fiscalYear, writable));
    const findings = await plausibilityOf(tx, fiscalYear, inputs.filter((i) => units.has(i.unitId)));
    for (const f of findings) if (f.severity === "error") problems.push({ unitId: f.unitId, unitName: f.unitName, message: f.message });
    if (problems.length > 0) {
      // A write to a unit the actor may not touch is refused as such, whatever else is wrong with the input.
      const forbidden = problems.find((p) => p.forbidden);
      const first = forbidden ?? problems[0];
      const more = problems.length > 1 ? ` ほか${problems.length - 1}件` : "";
      throw new GyokakuError(forbidden ? "forbidden" : "invalid_input", `${first?.message}${more}`, { problems });
    }
    // Someone else's change since reading comes first (409): confirming a warning over it would make no sense.
    if (conflicts.length > 0) throw conflictError(conflicts);
    const warnings = findings.filter((f) => f.severity === "warning");
    if (warnings.length > 0 && !options.confirmed) {
      const more = warnings.length > 1 ? ` ほか${warnings.length - 1}件` : "";
      throw new GyokakuError("confirmation_required", `${warnings[0]?.message}${more}。誤りでなければ確認のうえ保存してください`, {
        warnings: warnings.map((w) => ({ unitId: w.unitId, unitName: w.unitName, message: w.message })),
      });
    }
    const now = new Date().toISOString();
    let changed = 0;
    for (const input of inputs) {
      const unit = units.get(input.unitId);
      if (!unit) continue;
      const existing = stored.find((r) => r.unitId === unit.id);
      const before = existing?.counts ?? {};
      const after = input.counts;
      if (JSON.stringify(sorted(before)) === JSON.stringify(sorted(after))) continue;
      const empty = CATEGORY_KEYS.every((k) => after[k] === undefined);
      // Written only if the row is still what this transaction read: a parallel save in between is a conflict, not a lost update.
      const written = await tx.headcounts.replaceIfUnchanged(unit.id, fiscalYear, existing ? valuesOf(before) : null, empty ? null : valuesOf(after), now);
      if (!written) {
        const current = await tx.headcounts.get(unit.id, fiscalYear);
        const latest = current ? countsOf(current) : {};
        throw conflictError(CATEGORY_KEYS.filter((k) => latest[k] !== before[k]).map((k) => ({ unitId: unit.id, unitName: unit.name, category: k, label: categoryLabel(k), read: before[k], current: latest[k], yours: after[k] })));
      }
      changed += 1;
      await recordChange(tx, actor, {
        action: existing ? "update" : "create",
        entity: "headcount",
        entityId: `${unit.code}/${fiscalYear}`,
        summary: `職員数を更新: ${unit.name} ${formatFiscalYear(fiscalYear)}`,
        before,
        after,
      });
    }
    return changed;
  });
}

function sorted(counts: HeadcountCounts): [string, number | undefined][] {
  return CATEGORY_KEYS.map((k) => [k, counts[k]]);
}

// The settings (quota, population, allowance, reference day) live in staffing-settings.ts.
export { authorizeStaffingSettings, setAllowancePercent, setPolicy, setPopulation, setQuota, setReferenceDate } from "./staffing-settings.js";
