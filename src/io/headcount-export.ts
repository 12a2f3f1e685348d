/**
 * 職員数 (headcount) export: the 図表4 table and the long layout as grids of cells, ready for toCsv or
 * writeXlsx. Both read back through headcount-long.ts / headcount-table.ts to the same records.
 */
import { formatFiscalYearShort } from "../domain/era.js";
import { CATEGORY_KEYS, categoryLabel } from "../domain/headcount.js";
import { orderTree } from "../domain/organisation.js";
import type { HeadcountTable } from "../domain/headcount-table.js";
import type { HeadcountRecord } from "../domain/staffing.js";
import type { ImportUnit } from "./unit-lookup.js";

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "令7 (2025)": the seed's header form, which parseFiscalYear checks both ways on import. */
function yearHeader(fy: number): string {
  return `${formatFiscalYearShort(fy)} (${fy})`;
}

/**
 * The 図表4 grid: a header of years and 定数, a row per unit (indented with full-width spaces by depth), a
 * (うち…) row under a unit for each category recorded on it with values written "(13)", then both totals.
 * 育児休業代替任期付職員 is written without うち: it is counted outside 職員数 (外数), not part of it.
 */
export function headcountTableToRows(table: HeadcountTable): (string | number | null)[][] {
  const out: (string | number | null)[][] = [["", ...table.years.map(yearHeader), "定数"]];
  for (const row of table.rows) {
    if (row.row === "unit") {
      out.push([`${"\u3000".repeat(row.depth)}${row.name}`, ...row.cells, row.quota]);
    } else {
      const label = row.row === "childcareSubstitutes" ? `(${categoryLabel(row.row)})` : `(うち${categoryLabel(row.row)})`;
      out.push([label, ...row.cells.map((v) => (v === null ? null : `(${v})`)), null]);
    }
  }
  out.push(["一般職(合計)", ...table.generalTotal, table.quotaSum]);
  out.push(["一般職(定数合計)", ...table.quotaTotal, `(${table.allowancePercent}%上限) ${formatNumber(table.cap)}`]);
  return out;
}

/** One row per recorded category: 組織コード, 組織, 年度 ("2025"), 区分 (Japanese label), 人数; in tree, year and category order. */
export function headcountRecordsToLongRows(records: readonly HeadcountRecord[], units: readonly ImportUnit[]): (string | number)[][] {
  const order = new Map(orderTree(units).map(({ unit }, i) => [unit.id, i]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const sorted = [...records].sort(
    (a, b) => a.fiscalYear - b.fiscalYear || (order.get(a.unitId) ?? Infinity) - (order.get(b.unitId) ?? Infinity) || a.unitId - b.unitId,
  );
  const out: (string | number)[][] = [["組織コード", "組織", "年度", "区分", "人数"]];
  for (const record of sorted) {
    const unit = byId.get(record.unitId);
    for (const category of CATEGORY_KEYS) {
      const value = record.counts[category];
      if (value === undefined) continue;
      out.push([unit?.code ?? "", unit?.name ?? "", String(record.fiscalYear), categoryLabel(category), value]);
    }
  }
  return out;
}
