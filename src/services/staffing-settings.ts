/**
 * 定数管理の設定 (staffing settings): 条例定数 (ordinance quota) per unit, 人口 (population) per year, and the
 * policies with validity periods (許容率 allowance, 基準日 reference day). The secretariat only.
 */
import type { TenantDb } from "../db/tenant.js";
import { fiscalYearOf, formatFiscalYear, isValidIsoDate } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { countProblem } from "../domain/input-limits.js";
import { quotaBoundProblem, quotaChangeWarning } from "../domain/plausibility.js";
import { openStartProblem, periodsReplacedBy, POLICY_LABELS, type PolicyKind, policyValueProblem } from "../domain/policy.js";
import { populationReferenceDate } from "../domain/population.js";
import { sharedQuotaMemberProblems } from "../domain/shared-quota.js";
import type { Actor } from "../domain/roles.js";
import { quotaIn } from "../domain/staffing.js";
import { type ReadValues, requireUnchanged, NOT_SET } from "../domain/read-values.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";
import { changeThresholdOf, wholeStaffIn } from "./headcount-plausibility.js";
import { checkYear, toPolicyPeriod, toQuotaRecord } from "./staffing.js";
import { policyText, policyValueText, populationText, quotaText, quotaValueText } from "./staffing-settings-read.js";

/** The year a quota without a first year is bounded in: after every recorded year (checkYear's last). */
const LAST_PLAUSIBLE_YEAR = 9999;

/**
 * Who may change the municipality's quota, population, allowance and reference day: the secretariat only. Each
 * setter below calls it; a form route calls it before reading the form, so a refused user gets 403 whatever was sent.
 * @throws GyokakuError forbidden
 */
export function authorizeStaffingSettings(actor: Actor, what = "定数・人口・許容率"): void {
  requireAdmin(actor, `${what}を変更する`);
}

/**
 * Sets a staffing policy (許容率, 基準日) from a fiscal year on (null: from the beginning, only while none is recorded).
 * Earlier years keep the value they had; values scheduled for later years are replaced (domain/policy.ts).
 * `read`: the values the form showed (staffing-settings-read.ts); periods changed since by someone else are a conflict.
 * @throws GyokakuError invalid_input, conflict (nothing written)
 */
export async function setPolicy(
  tenant: Pick<TenantDb, "audit" | "policies" | "transaction">,
  actor: Actor,
  props: { kind: PolicyKind; value: string; fromYear: number | null; note?: string; read?: ReadValues },
): Promise<void> {
  authorizeStaffingSettings(actor, POLICY_LABELS[props.kind]);
  const problem = policyValueProblem(props.kind, props.value);
  if (problem) throw new GyokakuError("invalid_input", problem);
  if (props.fromYear !== null) checkYear(props.fromYear);
  await tenant.transaction(async (tx) => {
    const rows = await tx.policies.list();
    const periods = rows.flatMap((r) => {
      const p = toPolicyPeriod(r);
      return p ? [{ ...p, id: r.id }] : [];
    });
    requireUnchanged(props.read, [{ key: props.kind, label: POLICY_LABELS[props.kind], stored: policyText(periods, props.kind), yours: policyValueText(props.kind, props.value, props.fromYear) }]);
    const openStart = openStartProblem(POLICY_LABELS[props.kind], props.fromYear, periods.filter((p) => p.kind === props.kind).length);
    if (openStart) throw new GyokakuError("invalid_input", openStart);
    const replaced = periodsReplacedBy(periods, props.kind, props.fromYear);
    await tx.policies.delete(replaced);
    await tx.policies.create({ kind: props.kind, validFrom: props.fromYear, value: props.value, note: props.note ?? "", now: new Date().toISOString() });
    const from = props.fromYear === null ? "当初" : formatFiscalYear(props.fromYear);
    await recordChange(tx, actor, {
      action: "update",
      entity: "policy",
      entityId: props.kind,
      summary: `${POLICY_LABELS[props.kind]}を${from}から${props.kind === "allowance_percent" ? `${props.value}%` : props.value}に設定`,
      before: { periods: periods.filter((p) => p.kind === props.kind).map((p) => ({ validFrom: p.validFrom, value: p.value })) },
      after: { validFrom: props.fromYear, value: props.value },
    });
  });
}

/** The allowance above the quota (e.g. 3 during the retirement-age transition), from a fiscal year on. */
export async function setAllowancePercent(tenant: Pick<TenantDb, "audit" | "policies" | "transaction">, actor: Actor, percent: number, fromYear: number | null, read?: ReadValues): Promise<void> {
  await setPolicy(tenant, actor, { kind: "allowance_percent", value: String(percent), fromYear, ...(read ? { read } : {}) });
}

/**
 * Sets a unit's quota from a fiscal year on. An open-ended quota that starts earlier is ended the year before,
 * so earlier years keep the quota they had; without a first year only a unit with no quota yet (domain/policy.ts
 * openStartProblem), so setting a quota never rewrites history unasked.
 * With `memberUnitIds` (issue 13 point 4a) the quota is one figure for several 任命権者 together (the unit and the
 * others listed): it is recorded on the unit, covers them all, and their own quotas from that year on end, since a
 * unit is counted against one quota only. The cap check then works on the group. Members inside one another are
 * refused (domain/shared-quota.ts sharedQuotaMemberProblems), nothing written. A figure above the bound of one unit's
 * 職員数 is refused, and one that changes the quota in force the year before beyond the change threshold needs
 * `confirmed` (domain/plausibility.ts quotaBoundProblem, quotaChangeWarning). `read`: the quotas the form showed by unit
 * (staffing-settings-read.ts); a quota of the unit or a member changed since by someone else is a conflict.
 * @throws GyokakuError invalid_input (a bad figure, nested members), not_found (an unknown unit), conflict (nothing written)
 */
export async function setQuota(
  tenant: Pick<TenantDb, "audit" | "headcounts" | "quotas" | "settings" | "transaction" | "units">,
  actor: Actor,
  props: { unitId: number; quota: number; fromYear: number | null; note?: string; memberUnitIds?: readonly number[]; confirmed?: boolean; read?: ReadValues },
): Promise<void> {
  authorizeStaffingSettings(actor, "条例定数");
  const quotaProblem = countProblem("条例定数", props.quota);
  if (quotaProblem) throw new GyokakuError("invalid_input", quotaProblem);
  if (props.fromYear !== null) checkYear(props.fromYear);
  await tenant.transaction(async (tx) => {
    const unit = await tx.units.get(props.unitId);
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    const others = [...new Set(props.memberUnitIds ?? [])].filter((id) => id !== unit.id);
    const otherUnits = await Promise.all(others.map((id) => tx.units.get(id)));
    if (otherUnits.some((u) => u === undefined)) throw new GyokakuError("not_found", "共同の定数に指定された組織が見つかりません");
    const members = [unit, ...otherUnits.flatMap((u) => (u ? [u] : []))];
    const memberIds = members.map((m) => m.id);
    if (members.length > 1) {
      const units = (await tx.units.list()).map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name }));
      const nested = sharedQuotaMemberProblems(units, memberIds);
      if (nested.length > 0) throw new GyokakuError("invalid_input", nested.join("。"));
    }
    const allQuotas = await tx.quotas.list();
    const memberships = await tx.quotas.members();
    requireUnchanged(
      props.read,
      members.map((m) => ({ key: String(m.id), label: `${m.name}の条例定数`, stored: quotaText(m.id, allQuotas, memberships), yours: quotaValueText(props.quota, props.fromYear) })),
    );
    // Quotas of any member, and shared quotas that cover one: each member is counted against one quota only.
    const touched = allQuotas.filter((q) => memberIds.includes(q.unit_id) || memberships.some((m) => m.quota_id === q.id && memberIds.includes(m.unit_id)));
    const from = props.fromYear;
    // Plausibility as for 職員数 (domain/plausibility.ts): an impossible figure is refused, a large change asks first.
    const label = `「${members.map((m) => m.name).join("・")}」の条例定数`;
    const bound = quotaBoundProblem(label, props.quota, await wholeStaffIn(tx, from ?? LAST_PLAUSIBLE_YEAR));
    if (bound) throw new GyokakuError("invalid_input", bound);
    const current = from === null ? null : quotaIn(allQuotas.map((q) => toQuotaRecord(q, memberships)), unit.id, from - 1);
    const change = quotaChangeWarning(label, props.quota, current, await changeThresholdOf(tx));
    if (change && !props.confirmed) throw new GyokakuError("invalid_input", `${change}。誤りでなければ「大きな変更を確認しました」に印を付けて設定してください`);
    const openStart = openStartProblem(`${members.map((m) => m.name).join("・")}の条例定数`, from, touched.length);
    if (openStart) throw new GyokakuError("invalid_input", openStart);
    for (const q of touched) {
      const startsBefore = from !== null && (q.valid_from === null || q.valid_from < from);
      const reaches = q.valid_to === null || from === null || q.valid_to >= from;
      if (!reaches) continue;
      if (startsBefore && from !== null) await tx.quotas.endAt(q.id, from - 1);
      else await tx.quotas.delete(q.id);
    }
    const created = await tx.quotas.create({ unitId: unit.id, quota: props.quota, validFrom: from, validTo: null, note: props.note ?? "", now: new Date().toISOString() });
    if (members.length > 1) await tx.quotas.setMembers(created.id, memberIds);
    const names = members.map((m) => m.name).join("・");
    await recordChange(tx, actor, {
      action: "update",
      entity: "quota",
      entityId: unit.code,
      summary: `条例定数を設定: ${members.length > 1 ? `${names} (共同の定数)` : unit.name} ${props.quota}人${from === null ? "" : ` (${formatFiscalYear(from)}から)`}`,
      before: { quotas: touched.map((q) => ({ unit: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to })) },
      after: { quota: props.quota, validFrom: from, ...(members.length > 1 ? { members: members.map((m) => m.code) } : {}) },
    });
  });
}

/**
 * 住基人口 of a fiscal year; the reference date defaults to the convention of the year (see domain/population).
 * `read`: the populations the form showed by year; a population of the year changed since by someone else is a conflict.
 * @throws GyokakuError invalid_input, conflict (nothing written)
 */
export async function setPopulation(
  tenant: Pick<TenantDb, "audit" | "populations" | "transaction">,
  actor: Actor,
  props: { fiscalYear: number; population: number; referenceDate?: string; source?: string; read?: ReadValues },
): Promise<void> {
  authorizeStaffingSettings(actor, "人口");
  checkYear(props.fiscalYear);
  if (!Number.isInteger(props.population) || props.population <= 0) throw new GyokakuError("invalid_input", `人口は正の整数で入力してください: ${props.population}`);
  const populationProblem = countProblem("人口", props.population, 1);
  if (populationProblem) throw new GyokakuError("invalid_input", populationProblem);
  const referenceDate = props.referenceDate || populationReferenceDate(props.fiscalYear);
  if (!isValidIsoDate(referenceDate)) throw new GyokakuError("invalid_input", `基準日が日付として読めません: ${referenceDate}`);
  await tenant.transaction(async (tx) => {
    const before = await tx.populations.get(props.fiscalYear);
    requireUnchanged(props.read, [
      { key: String(props.fiscalYear), label: `${formatFiscalYear(props.fiscalYear)}の人口`, stored: before ? populationText(before.population) : NOT_SET, yours: populationText(props.population) },
    ]);
    await tx.populations.upsert({ fiscalYear: props.fiscalYear, population: props.population, referenceDate, source: props.source ?? "" });
    await recordChange(tx, actor, {
      action: before ? "update" : "create",
      entity: "population",
      entityId: props.fiscalYear,
      summary: `人口を設定: ${formatFiscalYear(props.fiscalYear)} ${props.population.toLocaleString("ja-JP")}人`,
      before: before ? { population: before.population, referenceDate: before.reference_date } : undefined,
      after: { population: props.population, referenceDate },
    });
  });
}

/** The count's reference date when it is not April 1 (a mayoral-election year: the first personnel order after it). */
export async function setReferenceDate(tenant: Pick<TenantDb, "audit" | "headcounts" | "transaction">, actor: Actor, props: { fiscalYear: number; referenceDate: string; note: string }): Promise<void> {
  authorizeStaffingSettings(actor, "基準日");
  checkYear(props.fiscalYear);
  if (!isValidIsoDate(props.referenceDate)) throw new GyokakuError("invalid_input", `基準日が日付として読めません: ${props.referenceDate}`);
  if (fiscalYearOf(props.referenceDate) !== props.fiscalYear) {
    throw new GyokakuError("invalid_input", `基準日 ${props.referenceDate} は${formatFiscalYear(props.fiscalYear)}の日付ではありません`);
  }
  await tenant.transaction(async (tx) => {
    await tx.headcounts.setReferenceDate(props.fiscalYear, props.referenceDate, props.note);
    await recordChange(tx, actor, { action: "update", entity: "headcount_year", entityId: props.fiscalYear, summary: `基準日を設定: ${formatFiscalYear(props.fiscalYear)} ${props.referenceDate}`, after: props });
  });
}
