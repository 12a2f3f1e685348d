import { readFileSync } from "node:fs";
import { z } from "zod";
import { MunicipalityRepository } from "../db/repositories/municipalities.js";
import type { Db, MunicipalityRow } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { CLI_AUTHOR, recordChange } from "./audit.js";
import { createMunicipality } from "./municipalities.js";
import { generatePassword } from "./password.js";
import { addUser, setUserPassword } from "./users.js";

/** The demo data ships as files under demo/ at the package root (beside dist/ and src/). */
const DEMO_DIR = new URL("../../demo/chitose/", import.meta.url);

const MunicipalityFile = z.object({ code: z.string(), name: z.string(), prefecture: z.string() });
const OrgUnitsFile = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), parent: z.string().optional() })),
});

function readDemo<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(new URL(file, DEMO_DIR), "utf8")));
}

export const DEMO_ADMIN = "admin";

export interface DemoResult {
  municipality: MunicipalityRow;
  adminUsername: string;
  /** Set when the admin was created or its password was reset in this run. */
  adminPassword: string | null;
  created: boolean;
}

/**
 * Creates the demo city (千歳市, from the seed document) and its data. Idempotent: running it again
 * adds only what is missing. The admin gets a freshly generated password, never a fixed one.
 */
export async function loadDemo(db: Db, options: { resetAdminPassword?: boolean } = {}): Promise<DemoResult> {
  const spec = readDemo("municipality.json", MunicipalityFile);
  const repo = new MunicipalityRepository(db);
  let municipality = await repo.getByCode(spec.code);
  const created = !municipality;
  municipality ??= await createMunicipality(db, spec, CLI_AUTHOR);
  const tenant = new TenantDb(db, municipality.id);

  await tenant.transaction(async (tx) => {
    const { units } = readDemo("org-units.json", OrgUnitsFile);
    const now = new Date().toISOString();
    for (const [index, unit] of units.entries()) {
      if (await tx.units.getByCode(unit.code)) continue;
      const parent = unit.parent ? await tx.units.getByCode(unit.parent) : undefined;
      const row = await tx.units.create({
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: parent?.id ?? null,
        sortOrder: (index + 1) * 10,
        now,
      });
      await recordChange(tx, CLI_AUTHOR, {
        action: "create",
        entity: "org_unit",
        entityId: row.id,
        summary: `デモ組織を登録: ${unit.name}`,
        after: { code: unit.code, name: unit.name, kind: unit.kind },
      });
    }
  });

  let adminPassword: string | null = null;
  if (!(await tenant.users.getByUsername(DEMO_ADMIN))) {
    adminPassword = generatePassword();
    await addUser(tenant, { username: DEMO_ADMIN, displayName: "行政管理課 (デモ管理者)", role: "admin", password: adminPassword }, CLI_AUTHOR);
  } else if (options.resetAdminPassword) {
    adminPassword = generatePassword();
    await setUserPassword(tenant, DEMO_ADMIN, adminPassword, CLI_AUTHOR);
  }
  return { municipality, adminUsername: DEMO_ADMIN, adminPassword, created };
}
