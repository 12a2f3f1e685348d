/**
 * 年齢構成 import: an uploaded file → the grid (io/upload.ts) → rows checked against the units and job categories →
 * all of it written in one transaction, or nothing. The file is read and checked before the write transaction opens.
 */
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import type { Actor } from "../domain/roles.js";
import { parseAgeProfileLong } from "../io/age-profile.js";
import { hasErrors, type ImportProblem } from "../io/problems.js";
import type { TextEncodingName } from "../io/text-encoding.js";
import { readUploadFirstSheet } from "../io/upload.js";
import { requireAdmin } from "./authorization.js";
import { importAgeProfiles, schedulesOf } from "./retirement-planning.js";
import { categoryColumns, unitOptions } from "./retirement-views.js";

/** A refused import: the message and every problem with its row and cell. */
export class AgeProfileImportRejected extends GyokakuError {
  constructor(
    message: string,
    readonly problems: ImportProblem[] = [],
  ) {
    super("invalid_input", message, { problems });
  }
}

/**
 * Imports an age-profile file (long layout: 組織コード, 基準年度, 生まれ年度, 職種, 人数) for the secretariat.
 * Returns how many (unit, base year) profiles were replaced and the base years read.
 * @throws GyokakuError forbidden for anyone but an administrator; AgeProfileImportRejected (invalid_input) naming the
 *   file, with the problems, when anything in it is wrong (nothing is written).
 */
export async function importAgeProfileFile(
  tenant: TenantDb,
  actor: Actor,
  file: { filename: string; bytes: Uint8Array; encoding?: TextEncodingName | "auto" },
): Promise<{ changed: number; baseYears: number[] }> {
  requireAdmin(actor, "年齢構成ファイルを取り込む");
  const { filename } = file;
  let grid: string[][];
  try {
    grid = (await readUploadFirstSheet(filename, file.bytes, file.encoding ?? "auto")).rows;
  } catch (error) {
    if (error instanceof GyokakuError && error.code === "invalid_input") throw new AgeProfileImportRejected(error.message);
    throw error;
  }
  const [units, schedules] = await Promise.all([unitOptions(tenant), schedulesOf(tenant)]);
  const categories = categoryColumns(schedules);
  const parsed = parseAgeProfileLong(
    grid,
    units,
    categories.map((col) => col.code),
    Object.fromEntries(categories.map((col) => [col.code, col.label])),
  );
  if (hasErrors(parsed.problems)) {
    const errors = parsed.problems.filter((p) => p.severity === "error");
    throw new AgeProfileImportRejected(`${filename} に誤りが${errors.length}件あるため、何も取り込んでいません`, parsed.problems);
  }
  if (parsed.rows.length === 0) throw new AgeProfileImportRejected(`${filename} に取り込む行がありません`);
  let changed: number;
  try {
    changed = await importAgeProfiles(tenant, actor, parsed.rows);
  } catch (error) {
    if (error instanceof GyokakuError && error.code === "invalid_input") throw new AgeProfileImportRejected(`${filename}: ${error.message} — 何も取り込んでいません`);
    throw error;
  }
  return { changed, baseYears: [...new Set(parsed.rows.map((r) => r.baseYear))].sort((a, b) => a - b) };
}
