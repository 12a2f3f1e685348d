/**
 * 重点推進項目の書出し: an edition's items as the seed's xlsx sheets, as one CSV table (UTF-8 with a BOM or Shift_JIS)
 * and as JSON open data. The text form of an item (itemAsText) is the one the import compares with
 * (services/reform-transfer.ts), so an exported file read back changes nothing.
 */
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { planYears } from "../domain/reform.js";
import { itemTableRows, writeItemWorkbook } from "../io/reform-sheet.js";
import { csvFile, type ExportedFile, XLSX_CONTENT_TYPE } from "../io/table-file.js";
import type { TextEncodingName } from "../io/text-encoding.js";
import { editionItems, requireEdition } from "./reform/read-model.js";
import { itemAsText } from "./reform-transfer.js";
import { indicatorViews, subcommitteeViews } from "./reform-views.js";

export type { ExportedFile } from "../io/table-file.js";

export async function exportEditionXlsx(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, fiscalYear: number): Promise<ExportedFile> {
  const items = await editionItems(tenant, fiscalYear);
  return {
    filename: `reform-items-${fiscalYear}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    bytes: await writeItemWorkbook(items.map(itemAsText)),
  };
}

/** All items in one table: UTF-8 with a BOM (Excel reads it then), or Shift_JIS for older PCs. */
export async function exportEditionCsv(tenant: Pick<TenantDb, "reformEditions" | "reformItems">, fiscalYear: number, encoding: TextEncodingName): Promise<ExportedFile> {
  const items = await editionItems(tenant, fiscalYear);
  return csvFile(`reform-items-${fiscalYear}`, itemTableRows(fiscalYear, items.map(itemAsText)), encoding);
}

/** The edition as structured data (open data): cells and blocks as stored, 同左 kept as a flag. */
export async function exportEditionJson(tenant: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems" | "reformSubcommittees">, fiscalYear: number): Promise<ExportedFile> {
  const edition = await requireEdition(tenant, fiscalYear);
  const items = await editionItems(tenant, fiscalYear);
  const byLineage = new Map(items.map((i) => [i.lineageKey, i]));
  const [subcommittees, indicators] = await Promise.all([subcommitteeViews(tenant, byLineage), indicatorViews(tenant, items.map((i) => i.lineageKey), byLineage)]);
  const data = {
    edition: { fiscalYear, label: formatFiscalYear(fiscalYear), title: edition.title },
    items: items.map((i) => ({
      number: i.number,
      name: i.name,
      state: i.state,
      units: i.unitLabels,
      content: i.content,
      plans: Object.fromEntries(planYears(fiscalYear).map((fy) => [String(fy), i.plans[fy] ?? null])),
      result: i.currentResult ?? null,
      effect: i.effect,
      history: i.history.map((h) => ({ fiscalYear: h.fiscalYear, plan: h.plan ?? null, result: h.result ?? null })),
      remarks: i.remarks,
    })),
    subcommittees: subcommittees.map((s) => ({ name: s.name, role: s.role, fromYear: s.fromYear, toYear: s.toYear, period: s.period, items: s.items.map((x) => x.number) })),
    indicators: indicators.map((ind) => ({
      item: ind.item?.number ?? null,
      name: ind.name,
      unit: ind.unit,
      baseline: ind.baselineYear === null ? null : { fiscalYear: ind.baselineYear, value: ind.baselineValue },
      cumulative: ind.cumulative,
      targets: Object.entries(ind.targets).map(([fy, value]) => ({ fiscalYear: Number(fy), value })),
      actuals: Object.entries(ind.actuals).map(([fy, value]) => ({ fiscalYear: Number(fy), value })),
    })),
  };
  return { filename: `reform-items-${fiscalYear}.json`, contentType: "application/json; charset=utf-8", bytes: new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`) };
}
