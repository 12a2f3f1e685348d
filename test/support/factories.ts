import type { Db, MunicipalityRow, OrgUnitRow, UserRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { municipalityCheckDigit } from "../../src/domain/municipality-code.js";
import { PREFECTURES } from "../../src/domain/prefecture.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createMunicipality } from "../../src/services/municipalities.js";
import { addUser } from "../../src/services/users.js";

let sequence = 0;

/** A municipality with a valid, unused code, so every test builds its own and never cleans tables. */
export async function buildMunicipality(db: Db, overrides: { name?: string } = {}): Promise<MunicipalityRow> {
  for (;;) {
    sequence += 1;
    const prefecture = PREFECTURES[Math.floor(Math.random() * PREFECTURES.length)];
    if (!prefecture) continue;
    const body = `${prefecture.code}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
    const code = `${body}${municipalityCheckDigit(body)}`;
    const existing = await db.selectFrom("municipalities").select("id").where("code", "=", code).executeTakeFirst();
    if (existing) continue;
    return createMunicipality(db, { code, name: overrides.name ?? `テスト市${sequence}`, prefecture: prefecture.name }, CLI_ACTOR);
  }
}

export async function buildUnit(db: Db, municipality: MunicipalityRow, overrides: { name?: string; code?: string } = {}): Promise<OrgUnitRow> {
  sequence += 1;
  const now = new Date().toISOString();
  return new TenantDb(db, municipality.id).units.create({
    code: overrides.code ?? `U${sequence}`,
    name: overrides.name ?? `テスト部${sequence}`,
    kind: "department",
    parentId: null,
    sortOrder: sequence,
    now,
  });
}

export const TEST_PASSWORD = "correct-horse-battery";

export async function buildUser(
  db: Db,
  municipality: MunicipalityRow,
  role: "admin" | "hq" | "editor" | "viewer",
  units: OrgUnitRow[] = [],
): Promise<UserRow> {
  sequence += 1;
  return addUser(
    new TenantDb(db, municipality.id),
    { username: `${role}${sequence}`, role, unitCodes: units.map((u) => u.code), password: TEST_PASSWORD },
    CLI_ACTOR,
  );
}
