import type { OrgUnitRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { CATEGORY_KEYS, type HeadcountCategory } from "../domain/headcount.js";
import { existsIn, orderTree } from "../domain/organisation.js";
import type { Actor } from "../domain/roles.js";
import type { RollUpGap } from "../domain/roll-up.js";
import { quotaIn, type QuotaRecord, quotasAfterSetting, rollUpGapsForYear } from "../domain/staffing.js";
import { formatCount } from "../io/cells.js";
import { headcountRecordsToLongRows, headcountTableToRows } from "../io/headcount-export.js";
import { writeHeadcountWorkbook } from "../io/headcount-workbook.js";
import type { HeadcountImport } from "../io/headcount-figures.js";
import { detectHeadcountLayout, parseHeadcountLong, whyNotLongLayout } from "../io/headcount-long.js";
import { parseHeadcountTable } from "../io/headcount-table.js";
import { cellProblem, hasErrors, type ImportProblem, onSheet, rowProblem, sortProblems } from "../io/problems.js";
import type { Delimiter } from "../io/csv.js";
import type { DetectedEncoding, TextEncodingName } from "../io/text-encoding.js";
import type { ImportUnit } from "../io/unit-lookup.js";
import { readUploadFirstSheet, type UploadKind } from "../io/upload.js";
import { requireAdmin } from "./authorization.js";
import { checkImportBasis, importBasis } from "./import-basis.js";
import { recordChange } from "./audit.js";
import { rowsAsObjects, tableFile, XLSX_CONTENT_TYPE } from "../io/table-file.js";
import { plausibilityOf, wholeStaffIn } from "./headcount-plausibility.js";
import { quotaBoundProblem } from "../domain/plausibility.js";
import { headcountFigureProblems, headcountTable, loadStaffing, saveHeadcounts, setQuota, toQuotaRecord, toStaffingUnit, type SaveHeadcountsDb } from "./staffing.js";

export type FileKind = UploadKind;
export type Layout = "long" | "table";

export interface HeadcountFile {
  /** The uploaded file's name (decides xlsx or CSV when `kind` is not given). */
  filename: string;
  bytes: Uint8Array;
  /** CSV only: the character encoding, or "auto" to detect UTF-8 / Shift_JIS. */
  encoding?: TextEncodingName | "auto";
  layout?: Layout | "auto";
  /** The current fiscal year (年度) by the edge's clock: year headers beyond it + 30 are refused (the importers read no clock). */
  currentFiscalYear: number;
  /**
   * The preview's {@link HeadcountPreview.basis} the user confirmed: when given, the import is refused (conflict, nothing
   * written) if the stored figures and quotas the preview compared with have changed since.
   */
  basis?: string;
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
  /** Every figure the import would change, old → new (null: not recorded), in unit-tree, year and category order. */
  cellChanges: CellChange[];
  /**
   * Quotas (定数) the import would set, old → new: from the file's last year (a 定数 column), or from each year of a
   * bracketed 条例定数 row (「[1,490]」) under a unit, in year order.
   */
  quotaChanges: { unitId: number; unit: string; fiscalYear: number; before: number | null; after: number }[];
  /**
   * A fingerprint (import-basis.ts) of the stored values this preview compared the file with: the figures of every
   * unit × year in the file and, when the file sets quotas, the stored quotas. Carried to the confirmation.
   */
  basis: string;
}

/** One figure the import changes: 「企画部 令和7年度 職員数 63 → 67」. */
export interface CellChange {
  unitId: number;
  unit: string;
  fiscalYear: number;
  category: HeadcountCategory;
  before: number | null;
  after: number | null;
}

function importUnits(rows: readonly OrgUnitRow[]): ImportUnit[] {
  return rows.map((u) => ({ ...toStaffingUnit(u), code: u.code }));
}


type UploadedSheet = Awaited<ReturnType<typeof readUploadFirstSheet>>;

/** Reads and checks a file without writing anything: every problem with its row and cell. */
export async function previewHeadcountImport(tenant: PreviewOfGridDb, file: HeadcountFile): Promise<HeadcountPreview> {
  return previewOfGrid(tenant, file, await readUploadFirstSheet(file.filename, file.bytes, file.encoding ?? "auto"));
}

/** What previewOfGrid reads and writes of the municipality's repositories (a type error to reach another). */
export type PreviewOfGridDb = Pick<TenantDb, "headcounts" | "policies" | "quotas" | "reorgEvents" | "settings" | "units">;

/** The preview of a file already read into its grid (so an import reads the file before opening its transaction). */
async function previewOfGrid(tenant: PreviewOfGridDb, file: HeadcountFile, grid: UploadedSheet): Promise<HeadcountPreview> {
  const data = await loadStaffing(tenant);
  const units = importUnits(data.unitRows);
  const chosen = file.layout && file.layout !== "auto" ? file.layout : null;
  let layout = chosen ?? detectHeadcountLayout(grid.rows);
  const tableOptions = { currentFiscalYear: file.currentFiscalYear, merges: grid.merges ?? [] };
  let parsed = layout === "long" ? parseHeadcountLong(grid.rows, units, { currentFiscalYear: file.currentFiscalYear }) : parseHeadcountTable(grid.rows, units, tableOptions);
  if (chosen === null && parsed.records.length === 0 && hasErrors(parsed.problems)) {
    // Detection was unsure: try the other layout, and when neither fits say which were tried and why (issue 13 point 7).
    const other: Layout = layout === "long" ? "table" : "long";
    const second = other === "long" ? parseHeadcountLong(grid.rows, units, { currentFiscalYear: file.currentFiscalYear }) : parseHeadcountTable(grid.rows, units, tableOptions);
    if (!hasErrors(second.problems) && second.records.length > 0) {
      layout = other;
      parsed = second;
    } else {
      const longReason = whyNotLongLayout(grid.rows) || (layout === "long" ? parsed : second).problems.find((p) => p.severity === "error")?.message || "";
      const tableReason = (layout === "table" ? parsed : second).problems.find((p) => p.severity === "error")?.message ?? "";
      const headerProblem = /見出し/.test(tableReason) && /見出し/.test(longReason);
      if (headerProblem) {
        parsed = {
          ...parsed,
          problems: [
            rowProblem(
              "error",
              1,
              `表の形を判別できません。次の2つの形を試しましたが、どちらにも合いません: ` +
                `(1) 縦長の形 (組織コード・組織・年度・区分・人数の列) — ${longReason}; ` +
                `(2) 図表4の形 (組織が行・年度が列) — ${tableReason}。見出しを直すか、「表の形」を選んでください`,
            ),
          ],
        };
      }
    }
  }
  // A category the file does not state for a unit and year keeps what is stored: a file of 職員数 only never erases the
  // unit's うち figures (派遣 …). Clearing a figure is done on the entry form, where it is seen.
  const storedCounts = new Map(data.records.map((r) => [`${r.unitId}/${r.fiscalYear}`, r.counts]));
  const records = parsed.records.map((r) => ({ ...r, counts: { ...(storedCounts.get(`${r.unitId}/${r.fiscalYear}`) ?? {}), ...r.counts } }));
  const result = { ...parsed, records, problems: onSheet(parsed.problems, grid.sheet) };
  const stored = new Map(data.records.map((r) => [`${r.unitId}/${r.fiscalYear}`, JSON.stringify(r.counts)]));
  const perYear = new Map<number, number>();
  for (const r of result.records) {
    if (stored.get(`${r.unitId}/${r.fiscalYear}`) !== JSON.stringify(r.counts)) perYear.set(r.fiscalYear, (perYear.get(r.fiscalYear) ?? 0) + 1);
  }
  // Plausibility (domain/plausibility.ts): impossible values are errors; large changes are warnings, and applying
  // after this preview is the confirmation.
  for (const fy of result.years) {
    const inputs = result.records.filter((r) => r.fiscalYear === fy);
    // The check applying makes that the readers cannot (a parent's 職員数 derived from its children, with the stored
    // rows): a preview without errors is never refused on 「この内容で取り込む」.
    const stored = data.records.filter((r) => r.fiscalYear === fy);
    for (const p of headcountFigureProblems(data.units, stored, fy, inputs, "parents")) {
      const place = result.places?.find((x) => x.unitId === p.unitId && x.fiscalYear === fy && x.category === "staff") ?? result.places?.find((x) => x.unitId === p.unitId && x.fiscalYear === fy);
      const message = p.rule === "derived-staff" ? `${p.message}(${formatFiscalYear(fy)}: 下位組織がすべてファイルか登録済みの値にあります。下位組織の行だけを入れてください)` : `${p.message}(${formatFiscalYear(fy)})`;
      result.problems.push(...onSheet([place ? cellProblem("error", place.row, place.column, message) : rowProblem("error", 1, message)], grid.sheet));
    }
    for (const f of await plausibilityOf(tenant, fy, inputs, result.records)) {
      const place = result.places?.find((p) => p.unitId === f.unitId && p.fiscalYear === fy && p.category === f.category);
      result.problems.push(...onSheet([place ? cellProblem(f.severity, place.row, place.column, f.message) : rowProblem(f.severity, 1, f.message)], grid.sheet));
    }
  }
  result.problems.push(...onSheet(quotaTotalProblems(data.quotas, data.units, result), grid.sheet));
  // A 条例定数 that cannot be true is refused here as applying refuses it (setQuota); a large change is shown old → new.
  const quotaYear = result.years[result.years.length - 1];
  if (quotaYear !== undefined && result.quotas.length > 0) {
    const wholeStaff = await wholeStaffIn(tenant, quotaYear);
    for (const q of result.quotas) {
      const problem = quotaBoundProblem(`「${data.units.find((u) => u.id === q.unitId)?.name ?? `#${q.unitId}`}」の条例定数`, q.quota, wholeStaff);
      if (problem) result.problems.push(...onSheet([rowProblem("error", 1, problem)], grid.sheet));
    }
  }
  result.problems = sortProblems(result.problems);
  // The year as it would be after the import: the file's rows replace the stored ones of the same unit.
  const gaps = result.years.flatMap((fy) => {
    const incoming = result.records.filter((r) => r.fiscalYear === fy);
    const kept = data.records.filter((r) => r.fiscalYear === fy && !incoming.some((i) => i.unitId === r.unitId));
    return rollUpGapsForYear(data.units, [...kept, ...incoming], fy);
  });
  const { cellChanges, quotaChanges } = changesOf(data, units, result);
  return {
    basis: basisOf(data, result),
    kind: grid.kind,
    encoding: grid.encoding,
    delimiter: grid.delimiter,
    layout,
    sheet: grid.sheet,
    result,
    gaps,
    cellChanges,
    quotaChanges,
    changes: [...perYear].sort(([a], [b]) => a - b).map(([fiscalYear, count]) => ({ fiscalYear, units: count })),
  };
}

/** The fingerprint of the stored figures of the file's unit × year keys and, when the file sets quotas, of the stored quotas. */
function basisOf(data: Awaited<ReturnType<typeof loadStaffing>>, result: HeadcountImport): string {
  const keys = new Set(result.records.map((r) => `${r.unitId}/${r.fiscalYear}`));
  const entries: [string, string | number][] = [];
  for (const r of data.records) {
    const key = `${r.unitId}/${r.fiscalYear}`;
    if (!keys.has(key)) continue;
    for (const category of CATEGORY_KEYS) if (r.counts[category] !== undefined) entries.push([`${key}/${category}`, r.counts[category] ?? 0]);
  }
  if (result.quotas.length > 0 || (result.yearQuotas?.length ?? 0) > 0) {
    for (const q of data.quotas) {
      const members = [...(q.memberUnitIds ?? [q.unitId])].sort((a, b) => a - b).join(",");
      entries.push([`quota/${q.unitId}/${q.validFrom ?? ""}-${q.validTo ?? ""}/${members}`, q.quota]);
    }
  }
  return importBasis(entries);
}

/** True when the quota recorded on the unit in `fiscalYear` already has this figure and covers the same units (shared or own). */
function sameQuota(current: readonly QuotaRecord[], q: HeadcountImport["quotas"][number], fiscalYear: number): boolean {
  const inForce = current.find((x) => x.unitId === q.unitId && existsIn(x, fiscalYear));
  const members = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join();
  return inForce?.quota === q.quota && members(inForce.memberUnitIds ?? [q.unitId]) === members(q.memberUnitIds ?? [q.unitId]);
}

/** Old → new for every figure and quota the import would write (issue 13 point 9: say which, not only how many). */
function changesOf(data: Awaited<ReturnType<typeof loadStaffing>>, units: readonly ImportUnit[], result: HeadcountImport): Pick<HeadcountPreview, "cellChanges" | "quotaChanges"> {
  const order = new Map(orderTree(data.units).map(({ unit }, i) => [unit.id, i]));
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  const stored = new Map(data.records.map((r) => [`${r.unitId}/${r.fiscalYear}`, r.counts]));
  const cellChanges: CellChange[] = [];
  for (const r of result.records) {
    const before = stored.get(`${r.unitId}/${r.fiscalYear}`) ?? {};
    for (const category of CATEGORY_KEYS) {
      const old = before[category] ?? null;
      const now = r.counts[category] ?? null;
      if (old !== now) cellChanges.push({ unitId: r.unitId, unit: nameOf(r.unitId), fiscalYear: r.fiscalYear, category, before: old, after: now });
    }
  }
  cellChanges.sort(
    (a, b) => (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9) || a.fiscalYear - b.fiscalYear || CATEGORY_KEYS.indexOf(a.category) - CATEGORY_KEYS.indexOf(b.category),
  );
  const lastYear = result.years[result.years.length - 1];
  const quotaChanges: HeadcountPreview["quotaChanges"] = [];
  if (lastYear !== undefined) {
    const current = data.quotas;
    for (const q of result.quotas) {
      const before = quotaIn(current, q.unitId, lastYear);
      if (!sameQuota(current, q, lastYear)) quotaChanges.push({ unitId: q.unitId, unit: nameOf(q.unitId), fiscalYear: lastYear, before, after: q.quota });
    }
  }
  let simulated: readonly QuotaRecord[] = data.quotas;
  for (const q of yearQuotasInOrder(result)) {
    const before = quotaIn(simulated, q.unitId, q.fiscalYear);
    if (sameQuota(simulated, q, q.fiscalYear)) continue;
    quotaChanges.push({ unitId: q.unitId, unit: nameOf(q.unitId), fiscalYear: q.fiscalYear, before, after: q.quota });
    simulated = quotasAfterSetting(simulated, { unitId: q.unitId, quota: q.quota, fromYear: q.fiscalYear });
  }
  return { cellChanges, quotaChanges };
}

/** The bracketed quotas under units (「[1,490]」), oldest year first: the order they are written in, each from its year. */
function yearQuotasInOrder(result: HeadcountImport): NonNullable<HeadcountImport["yearQuotas"]> {
  return [...(result.yearQuotas ?? [])].sort((a, b) => a.fiscalYear - b.fiscalYear || a.row - b.row);
}

/**
 * A bracketed quota under a total (「一般職(合計)」 then 「[1,490]」) against the sum of the 条例定数 in force that year,
 * the stored ones as the file's bracketed quotas would leave them (a shared quota counted once): a mismatch is an
 * error naming the cell, agreement a note. Nothing of it is stored.
 */
function quotaTotalProblems(stored: readonly QuotaRecord[], units: readonly { id: number; validFrom: number | null; validTo: number | null }[], result: HeadcountImport): ImportProblem[] {
  if (!result.quotaTotals?.length) return [];
  let after: readonly QuotaRecord[] = stored;
  for (const q of yearQuotasInOrder(result)) {
    if (!sameQuota(after, q, q.fiscalYear)) after = quotasAfterSetting(after, { unitId: q.unitId, quota: q.quota, fromYear: q.fiscalYear });
  }
  return result.quotaTotals.map((t) => {
    const inForce = after.filter((q) => existsIn(q, t.fiscalYear) && units.some((u) => u.id === q.unitId && existsIn(u, t.fiscalYear)));
    const sum = inForce.reduce((s, q) => s + q.quota, 0);
    const year = formatFiscalYear(t.fiscalYear);
    return sum === t.quota
      ? cellProblem("warning", t.row, t.column, `「${t.label}」の下の条例定数 [${formatCount(t.quota)}] (${year}) は、各組織の条例定数の合計と一致しました (確かめるだけで、取り込みません)`)
      : cellProblem("error", t.row, t.column, `「${t.label}」の下の条例定数 [${formatCount(t.quota)}] (${year}) が、各組織の条例定数の合計 ${formatCount(sum)} (登録済みの定数とこのファイルの定数から) と一致しません`);
  });
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
export async function previewHeadcountImportFor(tenant: PreviewOfGridDb, actor: Actor, file: HeadcountFile): Promise<HeadcountPreview> {
  requireAdmin(actor, "職員数ファイルを取り込む");
  return previewHeadcountImport(tenant, file);
}

/** What importHeadcounts reads and writes of the municipality's repositories (a type error to reach another). */
export type ImportHeadcountsDb = SaveHeadcountsDb & PreviewOfGridDb;

/**
 * Imports a headcount file: all of it or nothing. Figures replace those stored for the same unit and year;
 * a 定数 column sets each unit's quota from the last year in the file. One transaction, audited row by row.
 * @throws GyokakuError forbidden for anyone but an administrator; conflict when `file.basis` is given and the stored
 *   values the preview compared with changed since (nothing written); ImportRejected with the problems of a wrong file.
 */
export async function importHeadcounts(tenant: ImportHeadcountsDb, actor: Actor, file: HeadcountFile): Promise<{ preview: HeadcountPreview; changed: number }> {
  requireAdmin(actor, "職員数ファイルを取り込む");
  // The file is read before the write transaction opens (an xlsx can take a while; SQLite has one writer).
  const grid = await readUploadFirstSheet(file.filename, file.bytes, file.encoding ?? "auto");
  return tenant.transaction(async (tx) => {
    const preview = await previewOfGrid(tx, file, grid);
    // A confirmation of a preview whose stored values have changed since is refused, before anything is written.
    checkImportBasis(file.basis, preview.basis, `確認した後で、${file.filename} が変える組織の職員数または定数が変更されました。何も取り込んでいません。変わった内容をもう一度確認してから取り込んでください`);
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
      const memberships = await tx.quotas.members();
      const current = (await tx.quotas.list()).map((q) => toQuotaRecord(q, memberships));
      for (const q of preview.result.quotas) {
        if (sameQuota(current, q, lastYear)) continue;
        await setQuota(tx, actor, { unitId: q.unitId, quota: q.quota, fromYear: lastYear, note: `${file.filename} から取込`, confirmed: true, ...(q.memberUnitIds ? { memberUnitIds: q.memberUnitIds } : {}) });
        changed += 1;
      }
    }
    // Bracketed quotas under units, oldest year first: each from its year, so a later year ends the earlier one at the
    // year before and earlier years keep what they had (setQuota, as the settings page writes it).
    for (const q of yearQuotasInOrder(preview.result)) {
      const memberships = await tx.quotas.members();
      const current = (await tx.quotas.list()).map((row) => toQuotaRecord(row, memberships));
      if (sameQuota(current, q, q.fiscalYear)) continue;
      await setQuota(tx, actor, { unitId: q.unitId, quota: q.quota, fromYear: q.fiscalYear, note: `${file.filename} から取込 (${q.row}行目の条例定数)` });
      changed += 1;
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

/** What exportHeadcounts reads and writes of the municipality's repositories (a type error to reach another). */
export type ExportHeadcountsDb = Pick<TenantDb, "headcounts" | "municipality" | "policies" | "quotas" | "reorgEvents" | "units">;

/** The 図表4 layout or the flat long format, as xlsx, CSV (UTF-8 with BOM for Excel, or Shift_JIS) or JSON. */
export async function exportHeadcounts(tenant: ExportHeadcountsDb, options: ExportOptions): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  let rows: (string | number | null)[][];
  const base = `headcounts-${options.layout}-${options.from}-${options.to}`;
  if (options.layout === "table") {
    const table = await headcountTable(tenant, { from: options.from, to: options.to });
    if (options.kind === "xlsx") {
      // 図表4 as it prints (issue 13 point 15), by the municipality.
      const municipality = await tenant.municipality.get();
      const creator = municipality ? `${municipality.prefecture}${municipality.name}` : "gyokaku";
      return { filename: `${base}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes: await writeHeadcountWorkbook(table, { creator }) };
    }
    rows = headcountTableToRows(table);
  } else {
    const data = await loadStaffing(tenant, { from: options.from, to: options.to });
    const units = importUnits(data.unitRows);
    rows = headcountRecordsToLongRows(data.records.filter((r) => units.some((u) => u.id === r.unitId && existsIn(u, r.fiscalYear))), units);
  }
  return tableFile(base, options.layout === "table" ? "部局別職員数" : "職員数", rows, rowsAsObjects(rows), { format: options.kind, ...(options.encoding ? { encoding: options.encoding } : {}) });
}

/** The fiscal years that have headcounts recorded, oldest first (the default span of an export). */
export async function recordedHeadcountYears(tenant: Pick<TenantDb, "headcounts">): Promise<number[]> {
  return tenant.headcounts.recordedYears();
}
