import { MunicipalityRepository } from "../db/repositories/municipalities.js";
import type { Db, MunicipalityRow } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { normalizeMunicipalityCode, prefectureCodeOf } from "../domain/municipality-code.js";
import { prefectureByName } from "../domain/prefecture.js";
import { type Author, recordChange } from "./audit.js";

/** A municipality as the login and public pages show it (no timestamps or other columns). */
export interface PresentedMunicipality {
  id: number;
  /** 全国地方公共団体コード, 6 digits. */
  code: string;
  /** 団体名, e.g. 千歳市 */
  name: string;
  /** 都道府県名, e.g. 北海道 */
  prefecture: string;
}

/** A municipalities row as the pages show it. */
export function presentMunicipality(row: Pick<MunicipalityRow, "id" | "code" | "name" | "prefecture">): PresentedMunicipality {
  return { id: row.id, code: row.code, name: row.name, prefecture: row.prefecture };
}

/** Every municipality on this server, in the repository's order, as the login and public pages list them. */
export async function listMunicipalities(db: Db): Promise<PresentedMunicipality[]> {
  return (await new MunicipalityRepository(db).list()).map(presentMunicipality);
}

export interface CreateMunicipalityProps {
  /** 全国地方公共団体コード: 6 digits (the check digit is verified) or 5 (it is added). */
  code: string;
  /** 団体名, e.g. 千歳市 */
  name: string;
  /** 都道府県名, e.g. 北海道 (the suffix 都/道/府/県 may be left out) */
  prefecture: string;
  /** 団体名のローマ字, e.g. chitose (letters, spaces and hyphens; stored in lower case). Optional. */
  romaji?: string | undefined;
}

/**
 * A name in romaji as stored: trimmed, lower case, 2–64 characters of a–z, space and hyphen, starting with a letter.
 * @throws GyokakuError("invalid_input") naming what was given otherwise.
 */
export function normalizeRomaji(raw: string): string {
  const romaji = raw.trim().toLowerCase();
  if (!/^[a-z][a-z -]{1,63}$/.test(romaji)) {
    throw new GyokakuError("invalid_input", `団体名のローマ字「${raw.slice(0, 70)}」は使えません (半角英字・空白・ハイフンで2〜64文字。例: chitose)`);
  }
  return romaji;
}

export async function createMunicipality(db: Db, props: CreateMunicipalityProps, author: Author): Promise<MunicipalityRow> {
  // normalizeMunicipalityCode refuses with GyokakuError("invalid_input") itself; anything else it throws is a bug.
  const code = normalizeMunicipalityCode(props.code);
  const name = props.name.trim();
  if (name === "") throw new GyokakuError("invalid_input", "団体名を指定してください");
  // Given but blank is refused (the password check would be off without notice); not given: null.
  const romaji = props.romaji === undefined ? null : normalizeRomaji(props.romaji);
  const prefecture = prefectureByName(props.prefecture.trim());
  if (!prefecture) throw new GyokakuError("invalid_input", `都道府県名が読めません: 「${props.prefecture}」`);
  if (prefectureCodeOf(code) !== prefecture.code) {
    throw new GyokakuError(
      "invalid_input",
      `団体コード ${code} は都道府県コード ${prefectureCodeOf(code)} で始まりますが、${prefecture.name} のコードは ${prefecture.code} です`,
    );
  }
  return db.transaction().execute(async (trx) => {
    const repo = new MunicipalityRepository(trx);
    if (await repo.getByCode(code)) throw new GyokakuError("conflict", `団体コード ${code} の団体は既に登録されています`);
    const now = new Date();
    const row = await repo.create({ code, name, romaji, prefecture: prefecture.name, createdAt: now.toISOString() });
    await recordChange(new TenantDb(trx, row.id), author, {
      action: "create",
      entity: "municipality",
      entityId: row.id,
      summary: `団体を登録: ${prefecture.name}${name} (${code})`,
      after: { code, name, prefecture: prefecture.name, ...(romaji ? { romaji } : {}) },
    });
    return row;
  });
}

export async function requireMunicipalityByCode(db: Db, rawCode: string): Promise<MunicipalityRow> {
  const code = normalizeMunicipalityCode(rawCode);
  const row = await new MunicipalityRepository(db).getByCode(code);
  if (!row) throw new GyokakuError("not_found", `団体コード ${code} の団体が登録されていません`, { field: "municipalityCode" });
  return row;
}

/** The id of the municipality with this id when it exists on this server (a login form's choice), else undefined. */
export async function knownMunicipalityId(db: Db, id: number): Promise<number | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return (await new MunicipalityRepository(db).get(id))?.id;
}

/** The health probe: one cheap read that fails (throws) when the database does not answer. */
export async function probeDatabase(db: Db): Promise<void> {
  await db.selectFrom("municipalities").select("id").limit(1).execute();
}
