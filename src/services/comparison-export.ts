/**
 * Exports of the MIC comparison data gyokaku stores (定員管理診断表, 団体別職員数, ラスパイレス指数) as xlsx, CSV
 * (UTF-8 with BOM, or Shift_JIS) or JSON, in layouts the comparison import reads back unchanged.
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { formatFiscalYear } from "../domain/era.js";
import { type Cell, diagnosisToRows, laspeyresToRows, type RosterExportRow, rosterToRows } from "../io/mic-export.js";
import { rowsAsObjects, tableFile, type ExportedFile, type ExportFormat } from "../io/table-file.js";
import type { TextEncodingName } from "../io/text-encoding.js";

export type ComparisonExportKind = "diagnosis" | "roster" | "laspeyres";

export interface ComparisonExportOptions {
  /** Fiscal years to include (both ends included); null: every stored year. */
  from: number | null;
  to: number | null;
  format: ExportFormat;
  encoding?: TextEncodingName;
}

const inSpan = (fy: number, o: ComparisonExportOptions) => (o.from === null || fy >= o.from) && (o.to === null || fy <= o.to);

/**
 * @throws GyokakuError("not_found") when nothing is stored in the span; ("invalid_input") when a 診断表 is asked
 * for more than one year (a 診断表 is one survey: export one year at a time) or a character cannot be written
 * in Shift_JIS.
 */
export async function exportComparison(tenant: Pick<TenantDb, "laspeyres" | "ownDiagnosis" | "roster">, kind: ComparisonExportKind, options: ComparisonExportOptions): Promise<ExportedFile> {
  const span = options.from === null ? "all" : options.from === options.to ? `${options.from}` : `${options.from}-${options.to}`;
  if (kind === "diagnosis") {
    const years = (await tenant.ownDiagnosis.years()).filter((fy) => inSpan(fy, options));
    if (years.length === 0) throw new GyokakuError("not_found", "書き出す定員管理診断表がありません (指定した年度に取り込まれていません)");
    if (years.length > 1) {
      throw new GyokakuError("invalid_input", `定員管理診断表は1年度ずつ書き出します: ${years.map(formatFiscalYear).join("、")}があります (年度を1つ指定してください)`, { field: "year" });
    }
    const fy = years[0] ?? 0;
    const stored = (await tenant.ownDiagnosis.list([fy])).map((r) => ({ sector: r.sector, actual: r.actual, simpleReference: r.simple_reference, correctedReference: r.corrected_reference }));
    const rows = diagnosisToRows(fy, stored);
    // JSON holds the same table as the CSV (its title row, then one record per row), so it imports back unchanged.
    return tableFile(`diagnosis-${fy}`, "定員管理診断表", rows, { title: String(rows[0]?.[0] ?? ""), records: rowsAsObjects(rows.slice(1)) }, options);
  }
  if (kind === "roster") {
    const years = (await tenant.roster.years()).filter((fy) => inSpan(fy, options));
    if (years.length === 0) throw new GyokakuError("not_found", "書き出す団体別職員数がありません (指定した年度に取り込まれていません)");
    const records: RosterExportRow[] = [];
    for (const fy of years) {
      const [rows, staff] = await Promise.all([tenant.roster.list(fy), tenant.roster.listStaff(fy)]);
      const byCode = new Map<string, Record<string, number>>();
      for (const s of staff) byCode.set(s.code, { ...(byCode.get(s.code) ?? {}), [s.sector]: Number(s.staff) });
      for (const r of rows) {
        records.push({
          fiscalYear: fy,
          code: r.code,
          name: r.name,
          prefecture: r.prefecture,
          groupKey: r.group_key,
          population: Number(r.population),
          areaKm2: r.area_km2 === null ? null : Number(r.area_km2),
          staff: byCode.get(r.code) ?? {},
        });
      }
    }
    const rows = rosterToRows(records);
    return tableFile(`roster-${span}`, "団体別職員数", rows, rowsAsObjects(rows), options);
  }
  const records = (await tenant.laspeyres.list()).filter((r) => inSpan(r.fiscal_year, options)).map((r) => ({ fiscalYear: r.fiscal_year, subject: r.subject, label: r.label, value: Number(r.value) }));
  if (records.length === 0) throw new GyokakuError("not_found", "書き出すラスパイレス指数がありません (指定した年度に取り込まれていません)");
  const rows: Cell[][] = laspeyresToRows(records);
  return tableFile(`laspeyres-${span}`, "ラスパイレス指数", rows, rowsAsObjects(rows), options);
}
