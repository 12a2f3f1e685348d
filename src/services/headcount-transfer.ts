import type { OrgUnitRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { existsIn } from "../domain/organisation.js";
import type { Actor } from "../domain/roles.js";
import type { RollUpGap } from "../domain/roll-up.js";
import { quotaIn, rollUpGapsForYear } from "../domain/staffing.js";
import { headcountRecordsToLongRows, headcountTableToRows } from "../io/headcount-export.js";
import type { HeadcountImport } from "../io/headcount-figures.js";
import { detectHeadcountLayout, parseHeadcountLong } from "../io/headcount-long.js";
import { parseHeadcountTable } from "../io/headcount-table.js";
import { cellProblem, hasErrors, type ImportProblem, onSheet, rowProblem, sortProblems } from "../io/problems.js";
import type { Delimiter } from "../io/csv.js";
import type { DetectedEncoding, TextEncodingName } from "../io/text-encoding.js";
import type { ImportUnit } from "../io/unit-lookup.js";
import { readUploadFirstSheet, type UploadKind } from "../io/upload.js";
import { requireAdmin } from "./authorization.js";
import { recordChange } from "./audit.js";
import { rowsAsObjects, tableFile } from "./table-file.js";
import { plausibilityOf } from "./headcount-plausibility.js";
import { headcountTable, loadStaffing, saveHeadcounts, setQuota, toStaffingUnit } from "./staffing.js";

export type FileKind = UploadKind;
export type Layout = "long" | "table";

export interface HeadcountFile {
  /** The uploaded file's name (decides xlsx or CSV when `kind` is not given). */
  filename: string;
  bytes: Uint8Array;
  /** CSV only: the character encoding, or "auto" to detect UTF-8 / Shift_JIS. */
  encoding?: TextEncodingName | "auto";
  layout?: Layout | "auto";
}

export interface HeadcountPreview {
  kind: FileKind;
  /** Text files: the encoding and delimiter detected from the content (the preview names them). */
  encoding: DetectedEncoding | null;
  delimiter: Delimiter | null;
  layout: Layout;
  sheet: string | null;
  result: HeadcountImport;
  /** Rows that would change, per fiscal year. */
  changes: { fiscalYear: number; units: number }[];
  /** After the import: parents partly entered or disagreeing with their children, per year of the file. */
  gaps: RollUpGap[];
}

function importUnits(rows: readonly OrgUnitRow[]): ImportUnit[] {
  return rows.map((u) => ({ ...toStaffingUnit(u), code: u.code }));
}


type UploadedSheet = Awaited<ReturnType<typeof readUploadFirstSheet>>;

/** Reads and checks a file without writing anything: every problem with its row and cell. */
export async function previewHeadcountImport(tenant: TenantDb, file: HeadcountFile): Promise<HeadcountPreview> {
  return previewOfGrid(tenant, file, await readUploadFirstSheet(file.filename, file.bytes, file.encoding ?? "auto"));
}

/** The preview of a file already read into its grid (so an import reads the file before opening its transaction). */
async function previewOfGrid(tenant: TenantDb, file: HeadcountFile, grid: UploadedSheet): Promise<HeadcountPreview> {
  const data = await loadStaffing(tenant);
  const units = importUnits(data.unitRows);
  const layout = file.layout && file.layout !== "auto" ? file.layout : detectHeadcountLayout(grid.rows);
  const parsed = layout === "long" ? parseHeadcountLong(grid.rows, units) : parseHeadcountTable(grid.rows, units);
  const result = { ...parsed, problems: onSheet(parsed.problems, grid.sheet) };
  const stored = new Map(data.records.map((r) => [`${r.unitId}/${r.fiscalYear}`, JSON.stringify(r.counts)]));
  const perYear = new Map<number, number>();
  for (const r of result.records) {
    if (stored.get(`${r.unitId}/${r.fiscalYear}`) !== JSON.stringify(r.counts)) perYear.set(r.fiscalYear, (perYear.get(r.fiscalYear) ?? 0) + 1);
  }
  // Plausibility (domain/plausibility.ts): impossible values are errors; large changes are warnings, and applying
  // after this preview is the confirmation.
  for (const fy of result.years) {
    const inputs = result.records.filter((r) => r.fiscalYear === fy);
    for (const f of await plausibilityOf(tenant, fy, inputs, result.records)) {
      const place = result.places?.find((p) => p.unitId === f.unitId && p.fiscalYear === fy && p.category === f.category);
      result.problems.push(...onSheet([place ? cellProblem(f.severity, place.row, place.column, f.message) : rowProblem(f.severity, 1, f.message)], grid.sheet));
    }
  }
  result.problems = sortProblems(result.problems);
  // The year as it would be after the import: the file's rows replace the stored ones of the same unit.
  const gaps = result.years.flatMap((fy) => {
    const incoming = result.records.filter((r) => r.fiscalYear === fy);
    const kept = data.records.filter((r) => r.fiscalYear === fy && !incoming.some((i) => i.unitId === r.unitId));
    return rollUpGapsForYear(data.units, [...kept, ...incoming], fy);
  });
  return {
    kind: grid.kind,
    encoding: grid.encoding,
    delimiter: grid.delimiter,
    layout,
    sheet: grid.sheet,
    result,
    gaps,
    changes: [...perYear].sort(([a], [b]) => a - b).map(([fiscalYear, count]) => ({ fiscalYear, units: count })),
  };
}

export class ImportRejected extends GyokakuError {
  constructor(readonly problems: ImportProblem[]) {
    super("invalid_input", `ファイルに誤りが${problems.filter((p) => p.severity === "error").length}件あるため、何も取り込んでいません`, { problems });
  }
}

/**
 * The preview the import page shows, for the secretariat only (the same check as importHeadcounts).
 * @throws GyokakuError forbidden for anyone but an administrator.
 */
export async function previewHeadcountImportFor(tenant: TenantDb, actor: Actor, file: HeadcountFile): Promise<HeadcountPreview> {
  requireAdmin(actor, "職員数ファイルを取り込む");
  return previewHeadcountImport(tenant, file);
}

/**
 * Imports a headcount file: all of it or nothing. Figures replace those stored for the same unit and year;
 * a 定数 column sets each unit's quota from the last year in the file. One transaction, audited row by row.
 */
export async function importHeadcounts(tenant: TenantDb, actor: Actor, file: HeadcountFile): Promise<{ preview: HeadcountPreview; changed: number }> {
  requireAdmin(actor, "職員数ファイルを取り込む");
  // The file is read before the write transaction opens (an xlsx can take a while; SQLite has one writer).
  const grid = await readUploadFirstSheet(file.filename, file.bytes, file.encoding ?? "auto");
  return tenant.transaction(async (tx) => {
    const preview = await previewOfGrid(tx, file, grid);
    if (hasErrors(preview.result.problems)) throw new ImportRejected(preview.result.problems);
    let changed = 0;
    const years = [...new Set(preview.result.records.map((r) => r.fiscalYear))].sort((a, b) => a - b);
    for (const fy of years) {
      changed += await saveHeadcounts(
        tx,
        actor,
        fy,
        preview.result.records.filter((r) => r.fiscalYear === fy).map((r) => ({ unitId: r.unitId, counts: r.counts })),
        // The preview listed every large change as a warning; applying the file is the confirmation.
        { confirmed: true },
      );
    }
    const lastYear = preview.result.years[preview.result.years.length - 1];
    if (lastYear !== undefined && preview.result.quotas.length > 0) {
      const current = (await tx.quotas.list()).map((q) => ({ unitId: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to }));
      for (const q of preview.result.quotas) {
        if (quotaIn(current, q.unitId, lastYear) === q.quota) continue;
        await setQuota(tx, actor, { unitId: q.unitId, quota: q.quota, fromYear: lastYear, note: `${file.filename} から取込` });
        changed += 1;
      }
    }
    await recordChange(tx, actor, {
      action: "create",
      entity: "import",
      entityId: file.filename.slice(0, 64),
      summary: `職員数ファイルを取込: ${file.filename} (${years.map(formatFiscalYear).join("、")}; ${changed}件変更)`,
    });
    return { preview, changed };
  });
}

export interface ExportOptions {
  from: number;
  to: number;
  layout: Layout;
  /** xlsx, CSV, or JSON (the long rows as objects keyed by their column names). */
  kind: FileKind | "json";
  encoding?: TextEncodingName;
}

/** The 図表4 layout or the flat long format, as xlsx, CSV (UTF-8 with BOM for Excel, or Shift_JIS) or JSON. */
export async function exportHeadcounts(tenant: TenantDb, options: ExportOptions): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  let rows: (string | number | null)[][];
  if (options.layout === "table") {
    rows = headcountTableToRows(await headcountTable(tenant, { from: options.from, to: options.to }));
  } else {
    const data = await loadStaffing(tenant, { from: options.from, to: options.to });
    const units = importUnits(data.unitRows);
    rows = headcountRecordsToLongRows(data.records.filter((r) => units.some((u) => u.id === r.unitId && existsIn(u, r.fiscalYear))), units);
  }
  const base = `headcounts-${options.layout}-${options.from}-${options.to}`;
  return tableFile(base, options.layout === "table" ? "部局別職員数" : "職員数", rows, rowsAsObjects(rows), { format: options.kind, ...(options.encoding ? { encoding: options.encoding } : {}) });
}
