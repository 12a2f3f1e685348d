/**
 * The read model of 重点推進項目: an item with its plan cells, results and history, as every reform use case sees it.
 */
import type { ReformCellRow, ReformItemRow } from "../../db/schema.js";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import { type Block, isStage, type PlanCell, planYears } from "../../domain/reform.js";
import { storedBlocks, storedStrings } from "../stored-shapes.js";

export interface ItemView {
  id: number;
  editionId: number;
  editionYear: number;
  lineageKey: string;
  number: number;
  name: string;
  state: string;
  unitIds: number[];
  unitLabels: string[];
  content: Block[];
  effect: Block[];
  remarks: Block[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** Plan cells of the edition's four columns, keyed by fiscal year (the last one means "and later"). */
  plans: Record<number, PlanCell | undefined>;
  /** 取組実績 of the edition year itself, once reported and approved. */
  currentResult: PlanCell | undefined;
  /** Earlier years, newest first: the plan and the result of each. */
  history: { fiscalYear: number; plan: PlanCell | undefined; result: PlanCell | undefined }[];
}

function cellOf(row: ReformCellRow): PlanCell {
  const stage = row.stage !== null && isStage(row.stage) ? row.stage : null;
  return { stage, lines: storedStrings(row.lines_json, `reform_cells.lines_json (項目 #${row.item_id}, ${row.fiscal_year}年度)`), ...(row.same_as_left ? { sameAsLeft: true } : {}) };
}

function toView(item: ReformItemRow, editionYear: number, cells: ReformCellRow[], unitIds: number[]): ItemView {
  const mine = cells.filter((c) => c.item_id === item.id);
  const plans: Record<number, PlanCell | undefined> = {};
  for (const fy of planYears(editionYear)) {
    const cell = mine.find((c) => c.fiscal_year === fy && c.kind === "plan");
    plans[fy] = cell ? cellOf(cell) : undefined;
  }
  const pastYears = [...new Set(mine.filter((c) => c.fiscal_year < editionYear).map((c) => c.fiscal_year))].sort((a, b) => b - a);
  const history = pastYears.map((fy) => {
    const plan = mine.find((c) => c.fiscal_year === fy && c.kind === "plan");
    const result = mine.find((c) => c.fiscal_year === fy && c.kind === "result");
    return { fiscalYear: fy, plan: plan ? cellOf(plan) : undefined, result: result ? cellOf(result) : undefined };
  });
  const current = mine.find((c) => c.fiscal_year === editionYear && c.kind === "result");
  return {
    id: item.id,
    editionId: item.edition_id,
    editionYear,
    lineageKey: item.lineage_key,
    number: item.number,
    name: item.name,
    state: item.state,
    unitIds,
    unitLabels: storedStrings(item.unit_labels_json, `reform_items.unit_labels_json (#${item.id})`),
    content: storedBlocks(item.content_json, `reform_items.content_json (#${item.id})`),
    effect: storedBlocks(item.effect_json, `reform_items.effect_json (#${item.id})`),
    remarks: storedBlocks(item.remarks_json, `reform_items.remarks_json (#${item.id})`),
    version: item.version,
    updatedAt: item.updated_at,
    updatedBy: item.updated_by,
    plans,
    currentResult: current ? cellOf(current) : undefined,
    history,
  };
}


export async function viewsOf(tenant: Pick<TenantDb, "reformItems">, items: ReformItemRow[], editionYear: number): Promise<ItemView[]> {
  const ids = items.map((i) => i.id);
  const [cells, units] = await Promise.all([tenant.reformItems.cells(ids), tenant.reformItems.unitIds(ids)]);
  return items.map((item) =>
    toView(
      item,
      editionYear,
      cells,
      units.filter((u) => u.item_id === item.id).map((u) => u.unit_id),
    ),
  );
}

export async function requireEdition(tenant: Pick<TenantDb, "reformEditions">, fiscalYear: number) {
  const edition = await tenant.reformEditions.getByYear(fiscalYear);
  if (!edition) throw new GyokakuError("not_found", `${formatFiscalYear(fiscalYear)}の基本方針(版)はありません`);
  return edition;
}

export async function editionItems(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, fiscalYear: number): Promise<ItemView[]> {
  const edition = await requireEdition(tenant, fiscalYear);
  return viewsOf(tenant, await tenant.reformItems.listByEdition(edition.id), edition.fiscal_year);
}

export async function getItem(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, itemId: number): Promise<ItemView> {
  const item = await tenant.reformItems.get(itemId);
  if (!item) throw new GyokakuError("not_found", "指定された重点推進項目はありません");
  const edition = await tenant.reformEditions.get(item.edition_id);
  if (!edition) throw new GyokakuError("not_found", "版が見つかりません");
  const [view] = await viewsOf(tenant, [item], edition.fiscal_year);
  if (!view) throw new GyokakuError("not_found", "指定された重点推進項目はありません");
  return view;
}
