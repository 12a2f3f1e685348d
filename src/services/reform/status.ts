/** 取組状況の集計 (issue 13 point 4b): the items of every edition read into lineages and counted by domain/reform-status.ts. */
import type { TenantDb } from "../../db/tenant.js";
import { isStage, type PlanCell } from "../../domain/reform.js";
import { type ItemLineage, type StatusSummary, summariseStatus } from "../../domain/reform-status.js";
import { evaluationsOf } from "./verification.js";
import { storedStrings } from "../stored-shapes.js";

/** Every item that any edition carried, as one lineage each (an item keeps its lineage key from edition to edition). */
export async function itemLineages(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications">): Promise<{ lineages: ItemLineage[]; editionYears: number[] }> {
  const editions = await tenant.reformEditions.list();
  const verifications = await tenant.reformVerifications.list();
  const byKey = new Map<string, ItemLineage & { editionYears: number[]; completedStateYears: number[]; results: Record<number, PlanCell | undefined> }>();
  for (const edition of [...editions].sort((a, b) => a.fiscal_year - b.fiscal_year)) {
    const items = await tenant.reformItems.listByEdition(edition.id);
    const cells = await tenant.reformItems.cells(items.map((i) => i.id));
    for (const item of items) {
      const mine = cells.filter((c) => c.item_id === item.id);
      const cellYears = mine.map((c) => c.fiscal_year).filter((fy) => fy <= edition.fiscal_year);
      const lineage = byKey.get(item.lineage_key) ?? {
        lineageKey: item.lineage_key,
        name: item.name,
        firstYear: edition.fiscal_year,
        editionYears: [],
        completedStateYears: [],
        results: {},
        verifications: {},
      };
      // Plans and results of earlier years (carried from the city's earlier documents) mean the item existed then.
      lineage.firstYear = Math.min(lineage.firstYear, edition.fiscal_year, ...cellYears);
      lineage.name = item.name;
      lineage.editionYears.push(edition.fiscal_year);
      if (item.state === "完了") lineage.completedStateYears.push(edition.fiscal_year);
      for (const c of mine.filter((x) => x.kind === "result")) {
        lineage.results[c.fiscal_year] = { stage: c.stage !== null && isStage(c.stage) ? c.stage : null, lines: storedStrings(c.lines_json, `reform_cells.lines_json (項目 #${c.item_id}, ${c.fiscal_year}年度)`), ...(c.same_as_left ? { sameAsLeft: true } : {}) };
      }
      byKey.set(item.lineage_key, lineage);
    }
  }
  for (const v of verifications) {
    const lineage = byKey.get(v.lineage_key);
    if (lineage) (lineage.verifications as Record<number, { evaluation: string; decision: string }>)[v.fiscal_year] = { evaluation: v.evaluation, decision: v.decision };
  }
  return { lineages: [...byKey.values()], editionYears: editions.map((e) => e.fiscal_year) };
}

/** The status summary of a fiscal year (着手状況 × 達成度, with the change from the previous year). */
export async function reformStatusSummary(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications" | "settings">, fiscalYear: number, knownEvaluations?: readonly string[]): Promise<StatusSummary> {
  const [{ lineages, editionYears }, evaluations] = await Promise.all([itemLineages(tenant), knownEvaluations ? [...knownEvaluations] : evaluationsOf(tenant)]);
  return summariseStatus(lineages, fiscalYear, editionYears, evaluations);
}
