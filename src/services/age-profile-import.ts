/**
 * 年齢構成 import: an uploaded file → the grid (io/upload.ts) → rows checked against the units and job categories →
 * all of it written in one transaction, or nothing. The file is read and checked before the write transaction opens.
 * The web form and `gyokaku import age-profile` both come through here.
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { checkImportBasis, importBasis } from "./import-basis.js";
import type { Actor } from "../domain/roles.js";
import { type AgeProfileImport, parseAgeProfileLong } from "../io/age-profile.js";
import type { Delimiter } from "../io/csv.js";
import { hasErrors, type ImportProblem, onSheet } from "../io/problems.js";
import type { DetectedEncoding, TextEncodingName } from "../io/text-encoding.js";
import { readUploadFirstSheet, type UploadKind } from "../io/upload.js";
import { requireAdmin } from "./authorization.js";
import { importAgeProfiles, schedulesOf } from "./retirement-planning.js";
import { ageProfileRecords, categoryColumns, unitOptions } from "./retirement-views.js";

/** A refused import: the message and every problem with its row and cell. */
export class AgeProfileImportRejected extends GyokakuError {
  constructor(
    message: string,
    readonly problems: ImportProblem[] = [],
  ) {
    super("invalid_input", message, { problems });
  }
}

export interface AgeProfileFile {
  filename: string;
  bytes: Uint8Array;
  /** Text files only: the character encoding, or "auto" to detect it. */
  encoding?: TextEncodingName | "auto";
  /**
   * The preview's {@link AgeProfilePreview.basis} the user confirmed: when given, the import is refused (conflict) if
   * the stored profiles it replaces are no longer what that preview compared with.
   */
  basis?: string;
  /** The current fiscal year (年度, from the edge's clock: route or CLI): base years past it + 30 are refused as implausible. */
  currentFiscalYear: number;
}

export interface AgeProfilePreview {
  kind: UploadKind;
  /** Text files: the encoding and delimiter detected from the content. */
  encoding: DetectedEncoding | null;
  delimiter: Delimiter | null;
  sheet: string | null;
  result: AgeProfileImport;
  /** (unit, base year) profiles the file would replace. */
  profiles: number;
  /** Cells (unit, base year, cohort, category) whose count would change (0: the file changes nothing). */
  changedCells: number;
  /** Every cell that would change, old → new, in the file's unit order, then base year, cohort and category. */
  cellChanges: AgeCellChange[];
  /**
   * A fingerprint of the stored cells of the (unit, base year) profiles the file replaces, as this preview read them:
   * carried to the confirmation, so that a confirm after someone changed them meanwhile is refused (stale).
   */
  basis: string;
}

/** One age-profile cell the import would change: null before = not stored; 0 after = the file leaves it out (removed). */
export interface AgeCellChange {
  unitId: number;
  unit: string;
  baseYear: number;
  cohort: number;
  category: string;
  categoryLabel: string;
  before: number | null;
  after: number;
}

/** The stored cells (`unit/baseYear/cohort/category` → count) of the given `unit/baseYear` profiles. */
async function storedCellsOf(tenant: Pick<TenantDb, "ageProfiles">, profiles: ReadonlySet<string>): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  const years = new Set([...profiles].map((key) => Number(key.split("/")[1])));
  for (const fy of years) {
    for (const r of await ageProfileRecords(tenant, fy)) if (profiles.has(`${r.unitId}/${r.baseYear}`)) stored.set(`${r.unitId}/${r.baseYear}/${r.cohort}/${r.category}`, r.count);
  }
  return stored;
}

/** The fingerprint of the stored cells (import-basis.ts), a 0 being no cell. */
function basisOf(stored: ReadonlyMap<string, number>): string {
  return importBasis([...stored].filter(([, count]) => count !== 0));
}

/**
 * Reads and checks an age-profile file without writing.
 * @throws AgeProfileImportRejected (invalid_input) naming the file when it cannot be read at all.
 */
export async function previewAgeProfileImport(tenant: Pick<TenantDb, "ageProfiles" | "retirementSchedules" | "units">, file: AgeProfileFile): Promise<AgeProfilePreview> {
  let grid: Awaited<ReturnType<typeof readUploadFirstSheet>>;
  try {
    grid = await readUploadFirstSheet(file.filename, file.bytes, file.encoding ?? "auto");
  } catch (error) {
    if (error instanceof GyokakuError && error.code === "invalid_input") throw new AgeProfileImportRejected(error.message);
    throw error;
  }
  const [units, schedules] = await Promise.all([unitOptions(tenant), schedulesOf(tenant)]);
  const categories = categoryColumns(schedules);
  const parsed = parseAgeProfileLong(grid.rows, units, categories.map((c) => c.code), Object.fromEntries(categories.map((c) => [c.code, c.label])), { currentFiscalYear: file.currentFiscalYear });
  const result = { ...parsed, problems: onSheet(parsed.problems, grid.sheet) };
  if (result.rows.length === 0 && !hasErrors(result.problems)) result.problems.push({ severity: "error", row: 1, message: `${file.filename} に取り込む行がありません` });
  const keys = new Set(result.rows.map((r) => `${r.unitId}/${r.baseYear}`));
  const stored = await storedCellsOf(tenant, keys);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitOrder = new Map<number, number>();
  for (const r of result.rows) if (!unitOrder.has(r.unitId)) unitOrder.set(r.unitId, unitOrder.size);
  const labelOf = new Map(categories.map((c) => [c.code, c.label]));
  const cellChanges: AgeCellChange[] = [];
  const change = (unitId: number, baseYear: number, cohort: number, category: string, before: number | null, after: number) =>
    cellChanges.push({ unitId, unit: unitById.get(unitId)?.name ?? `#${unitId}`, baseYear, cohort, category, categoryLabel: labelOf.get(category) ?? category, before, after });
  const incoming = new Set<string>();
  for (const r of result.rows) {
    const key = `${r.unitId}/${r.baseYear}/${r.cohort}/${r.category}`;
    incoming.add(key);
    const before = stored.get(key) ?? null;
    if ((before ?? 0) !== r.count) change(r.unitId, r.baseYear, r.cohort, r.category, before, r.count);
  }
  // The file replaces each profile it names: a stored cell it leaves out is removed.
  for (const [key, count] of stored) {
    if (incoming.has(key) || count === 0) continue;
    const [unitId = 0, baseYear = 0, cohort = 0] = key.split("/").slice(0, 3).map(Number);
    change(unitId, baseYear, cohort, key.split("/")[3] ?? "", count, 0);
  }
  cellChanges.sort((a, b) => (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) || a.baseYear - b.baseYear || a.cohort - b.cohort || a.category.localeCompare(b.category));
  return { kind: grid.kind, encoding: grid.encoding, delimiter: grid.delimiter, sheet: grid.sheet, result, profiles: keys.size, changedCells: cellChanges.length, cellChanges, basis: basisOf(stored) };
}

/**
 * {@link previewAgeProfileImport} for the web's first step: only an administrator may preview an import.
 * @throws GyokakuError forbidden for anyone else; AgeProfileImportRejected as previewAgeProfileImport.
 */
export async function previewAgeProfileImportFor(tenant: Pick<TenantDb, "ageProfiles" | "retirementSchedules" | "units">, actor: Actor, file: AgeProfileFile): Promise<AgeProfilePreview> {
  requireAdmin(actor, "年齢構成ファイルを取り込む");
  return previewAgeProfileImport(tenant, file);
}

/**
 * Imports an age-profile file (long layout: 組織コード, 基準年度, 生まれ年度, 職種, 人数) for the secretariat.
 * Returns how many (unit, base year) profiles were replaced and the base years read.
 * @throws GyokakuError forbidden for anyone but an administrator; conflict when `file.basis` is given and the stored
 *   profiles the file replaces changed after that preview (nothing is written); AgeProfileImportRejected (invalid_input) naming the
 *   file, with the problems, when anything in it is wrong (nothing is written).
 */
export async function importAgeProfileFile(tenant: Pick<TenantDb, "ageProfiles" | "audit" | "retirementSchedules" | "transaction" | "units">, actor: Actor, file: AgeProfileFile): Promise<{ changed: number; baseYears: number[]; preview: AgeProfilePreview }> {
  requireAdmin(actor, "年齢構成ファイルを取り込む");
  const { filename } = file;
  const preview = await previewAgeProfileImport(tenant, file);
  const problems = preview.result.problems;
  if (hasErrors(problems)) {
    const errors = problems.filter((p) => p.severity === "error");
    if (preview.result.rows.length === 0 && errors.length === 1 && errors[0]?.message === `${filename} に取り込む行がありません`) throw new AgeProfileImportRejected(`${filename} に取り込む行がありません`);
    throw new AgeProfileImportRejected(`${filename} に誤りが${errors.length}件あるため、何も取り込んでいません`, problems);
  }
  // A confirmation of a preview whose stored values have changed since is refused, inside the write transaction.
  const basis = file.basis;
  const check =
    basis === undefined
      ? undefined
      : async (tx: Pick<TenantDb, "ageProfiles">) =>
          checkImportBasis(
            basis,
            basisOf(await storedCellsOf(tx, new Set(preview.result.rows.map((r) => `${r.unitId}/${r.baseYear}`)))),
            `確認した後で、${filename} が置き換える組織の年齢構成が変更されました。何も取り込んでいません。変わった内容をもう一度確認してから取り込んでください`,
          );
  let changed: number;
  try {
    changed = await importAgeProfiles(tenant, actor, preview.result.rows, check);
  } catch (error) {
    if (error instanceof GyokakuError && error.code === "invalid_input") throw new AgeProfileImportRejected(`${filename}: ${error.message} — 何も取り込んでいません`);
    throw error;
  }
  return { changed, baseYears: [...new Set(preview.result.rows.map((r) => r.baseYear))].sort((a, b) => a - b), preview };
}
