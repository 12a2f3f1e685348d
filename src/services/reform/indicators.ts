/** 成果指標 (KPI) figures: targets and actuals per fiscal year, entered by the item's divisions or the secretariat. */
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { NOT_SET, type ReadValues, requireUnchanged } from "../../domain/read-values.js";
import { type Actor, canWriteAnyUnit } from "../../domain/roles.js";
import { recordChange } from "../audit.js";

/** Who may enter an indicator's figures: the secretariat, and editors of the units of its item (newest edition). */
async function indicatorItemUnits(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, lineageKey: string): Promise<number[]> {
  const items = await tenant.reformItems.listByLineage(lineageKey);
  const editions = new Map((await tenant.reformEditions.list()).map((e) => [e.id, e.fiscal_year]));
  const newest = [...items].sort((a, b) => (editions.get(b.edition_id) ?? 0) - (editions.get(a.edition_id) ?? 0))[0];
  if (!newest) return [];
  return (await tenant.reformItems.unitIds([newest.id])).map((u) => u.unit_id);
}

/** The key of one figure in an indicator form's values read: 「2025.target」「2025.actual」. */
export function indicatorValueKey(fiscalYear: number, kind: "target" | "actual"): string {
  return `${fiscalYear}.${kind}`;
}

/** One figure as the form shows it, with the indicator's unit: 「12回」, or 未設定. */
export function indicatorFigureText(value: number | null, unit: string): string {
  return value === null ? NOT_SET : `${value}${unit}`;
}

/**
 * Every figure of an indicator as its form's hidden values read (domain/read-values.ts): targets and actuals by
 * year, keyed by indicatorValueKey. Shapes as in IndicatorView (reform-views.ts).
 */
export function indicatorReadValues(indicator: { unit: string; targets: Readonly<Record<number, number>>; actuals: Readonly<Record<number, number>> }): ReadValues {
  const entries = (kind: "target" | "actual", values: Readonly<Record<number, number>>) =>
    Object.entries(values).map(([year, value]) => [indicatorValueKey(Number(year), kind), indicatorFigureText(value, indicator.unit)] as const);
  return Object.fromEntries([...entries("target", indicator.targets), ...entries("actual", indicator.actuals)]);
}

/**
 * Who may enter an indicator's figures (the secretariat, and editors of the units of its item), asked by the route
 * before it reads the form (role before input); setIndicatorValue checks it again inside its transaction.
 * @returns the indicator's name (指標名), for the form's messages
 * @throws GyokakuError not_found (no such indicator), forbidden
 */
export async function authorizeIndicatorEntry(tenant: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems">, actor: Actor, indicatorId: number): Promise<{ name: string }> {
  const indicator = await tenant.reformIndicators.get(indicatorId);
  if (!indicator) throw new GyokakuError("not_found", "指定された指標はありません");
  if (!canWriteAnyUnit(actor, await indicatorItemUnits(tenant, indicator.lineage_key))) {
    throw new GyokakuError("forbidden", `指標「${indicator.name}」の値を入力する権限がありません (担当課と行政管理課が入力できます)`);
  }
  return { name: indicator.name };
}

/**
 * Sets (or with null clears) one target or actual of an indicator for one fiscal year. `read`: the figures the form
 * showed (indicatorReadValues); the figure changed since by someone else is a conflict naming both values (issue 14
 * point 6). Without `read` (not from a form) no check.
 * @throws GyokakuError invalid_input, not_found, forbidden, conflict (nothing written)
 */
export async function setIndicatorValue(
  tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformIndicators" | "reformItems" | "transaction">,
  actor: Actor,
  props: { indicatorId: number; fiscalYear: number; kind: "target" | "actual"; value: number | null; read?: ReadValues },
): Promise<void> {
  if (!Number.isInteger(props.fiscalYear) || props.fiscalYear < 1989 || props.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${props.fiscalYear}`);
  if (props.value !== null && !Number.isFinite(props.value)) throw new GyokakuError("invalid_input", "値は数値で入力してください");
  await tenant.transaction(async (tx) => {
    await authorizeIndicatorEntry(tx, actor, props.indicatorId);
    const indicator = await tx.reformIndicators.get(props.indicatorId);
    if (!indicator) throw new GyokakuError("not_found", "指定された指標はありません");
    const stored = (await tx.reformIndicators.values([indicator.id])).find((v) => v.fiscal_year === props.fiscalYear && v.kind === props.kind)?.value;
    const before = stored === undefined || stored === null ? null : Number(stored);
    const label = props.kind === "target" ? "目標" : "実績";
    requireUnchanged(props.read, [
      {
        key: indicatorValueKey(props.fiscalYear, props.kind),
        label: `指標「${indicator.name}」の${label}(${formatFiscalYear(props.fiscalYear)})`,
        stored: indicatorFigureText(before, indicator.unit),
        yours: indicatorFigureText(props.value, indicator.unit),
      },
    ]);
    if (before === props.value) return;
    await tx.reformIndicators.setValue(indicator.id, props.fiscalYear, props.kind, props.value);
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
