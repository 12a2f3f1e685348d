/**
 * 年齢構成 import: an uploaded file → the grid (io/upload.ts) → rows checked against the units and job categories →
 * all of it written in one transaction, or nothing. The file is read and checked before the write transaction opens.
 * The web form and `gyokaku import age-profile` both come through here.
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
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
  /** The current fiscal year (from the edge's clock): base years past it + 30 are refused as implausible. */
  currentFiscalYear?: number;
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
  const parsed = parseAgeProfileLong(grid.rows, units, categories.map((c) => c.code), Object.fromEntries(categories.map((c) => [c.code, c.label])), file.currentFiscalYear === undefined ? {} : { currentFiscalYear: file.currentFiscalYear });
  const result = { ...parsed, problems: onSheet(parsed.problems, grid.sheet) };
  if (result.rows.length === 0 && !hasErrors(result.problems)) result.problems.push({ severity: "error", row: 1, message: `${file.filename} に取り込む行がありません` });
  const keys = new Set(result.rows.map((r) => `${r.unitId}/${r.baseYear}`));
  const stored = new Map<string, number>();
  for (const fy of new Set(result.rows.map((r) => r.baseYear))) {
    for (const r of await ageProfileRecords(tenant, fy)) if (keys.has(`${r.unitId}/${r.baseYear}`)) stored.set(`${r.unitId}/${r.baseYear}/${r.cohort}/${r.category}`, r.count);
  }
  let changedCells = 0;
  const incoming = new Set<string>();
  for (const r of result.rows) {
    const key = `${r.unitId}/${r.baseYear}/${r.cohort}/${r.category}`;
    incoming.add(key);
    if ((stored.get(key) ?? 0) !== r.count) changedCells++;
  }
  for (const [key, count] of stored) if (!incoming.has(key) && count !== 0) changedCells++;
  return { kind: grid.kind, encoding: grid.encoding, delimiter: grid.delimiter, sheet: grid.sheet, result, profiles: keys.size, changedCells };
}

/**
 * Imports an age-profile file (long layout: 組織コード, 基準年度, 生まれ年度, 職種, 人数) for the secretariat.
 * Returns how many (unit, base year) profiles were replaced and the base years read.
 * @throws GyokakuError forbidden for anyone but an administrator; AgeProfileImportRejected (invalid_input) naming the
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
  let changed: number;
  try {
    changed = await importAgeProfiles(tenant, actor, preview.result.rows);
  } catch (error) {
    if (error instanceof GyokakuError && error.code === "invalid_input") throw new AgeProfileImportRejected(`${filename}: ${error.message} — 何も取り込んでいません`);
    throw error;
  }
  return { changed, baseYears: [...new Set(preview.result.rows.map((r) => r.baseYear))].sort((a, b) => a - b), preview };
}
