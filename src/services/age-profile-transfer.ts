/**
 * 年齢構成 (age profile) export: what the web download and `gyokaku export age-profile` write, in the long layout
 * the import (age-profile-import.ts) reads back unchanged.
 */
import type { TenantDb } from "../db/tenant.js";
import { ageProfileToRows } from "../io/age-profile.js";
import type { TextEncodingName } from "../io/text-encoding.js";
import { ageProfileRecords, unitOptions } from "./retirement-views.js";
import { type ExportedFile, type ExportFormat, rowsAsObjects, tableFile } from "../io/table-file.js";

/**
 * Every stored age profile of the base years from…to (null: no bound) in the long layout the import reads, as
 * xlsx, CSV or JSON. @throws GyokakuError("invalid_input") when Shift_JIS cannot hold a character.
 */
export async function exportAgeProfile(
  tenant: Pick<TenantDb, "ageProfiles" | "units">,
  options: { from: number | null; to: number | null; kind: ExportFormat; encoding?: TextEncodingName },
): Promise<ExportedFile> {
  const years = (await tenant.ageProfiles.baseYears()).filter((fy) => (options.from === null || fy >= options.from) && (options.to === null || fy <= options.to));
  const records = [];
  for (const fy of years) records.push(...(await ageProfileRecords(tenant, fy)));
  const rows = ageProfileToRows(records, await unitOptions(tenant));
  const span = options.from === null && options.to === null ? "" : options.from === options.to ? `-${options.from}` : `-${options.from ?? ""}-${options.to ?? ""}`;
  return tableFile(`age-profile${span}`, "年齢構成", rows, rowsAsObjects(rows), { format: options.kind, ...(options.encoding ? { encoding: options.encoding } : {}) });
}
