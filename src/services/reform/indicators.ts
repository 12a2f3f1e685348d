/** 成果指標 (KPI) figures: targets and actuals per fiscal year, entered by the item's divisions or the secretariat. */
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
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

/** Sets (or with null clears) one target or actual of an indicator for one fiscal year. */
export async function setIndicatorValue(
  tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformIndicators" | "reformItems" | "transaction">,
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
