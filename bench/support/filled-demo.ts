/**
 * The demo city with every (unit, year) of 2005–2025 filled (missing years take the unit's 2025 figures), so that
 * 図表4 over 21 years is as heavy as a real city's, and a signed-in admin's session cookie.
 */
import type { Database } from "../../src/db/connection.js";
import { TenantDb } from "../../src/db/tenant.js";
import { existsIn } from "../../src/domain/organisation.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { login } from "../../src/services/auth.js";
import { loadDemo } from "../../src/services/demo.js";
import { toStaffingUnit } from "../../src/services/staffing.js";
import { addUser } from "../../src/services/users.js";
import { SESSION_COOKIE } from "../../src/web/security.js";

export const FILLED_FROM = 2005;
export const FILLED_TO = 2025;
/** 図表4 over every year: the heaviest page of the app. */
export const HEAVIEST_PATH = `/staffing/headcounts?from=${FILLED_FROM}&to=${FILLED_TO}&every=1`;

export async function prepareFilledDemo(database: Database, user: { username: string; password: string }): Promise<{ cookie: string; records: number }> {
  const { municipality } = await loadDemo(database.db);
  const tenant = new TenantDb(database.db, municipality.id);
  const [units, rows] = await Promise.all([tenant.units.list(), tenant.headcounts.list()]);
  const have = new Set(rows.map((r) => `${r.unit_id}/${r.fiscal_year}`));
  const latest = new Map(rows.filter((r) => r.fiscal_year === FILLED_TO).map((r) => [r.unit_id, r]));
  const now = new Date().toISOString();
  await tenant.transaction(async (tx) => {
    for (const unit of units) {
      const source = latest.get(unit.id);
      if (!source) continue;
      for (let year = FILLED_FROM; year <= FILLED_TO; year += 1) {
        if (have.has(`${unit.id}/${year}`) || !existsIn(toStaffingUnit(unit), year)) continue;
        const { staff, seconded, fixed_term, on_leave, childcare_substitutes } = source;
        await tx.headcounts.upsert(unit.id, year, { staff, seconded, fixed_term, on_leave, childcare_substitutes }, now);
      }
    }
  });
  await addUser(tenant, { username: user.username, role: "admin", password: user.password }, CLI_ACTOR);
  const { token } = await login(database.db, { municipalityId: municipality.id, username: user.username, password: user.password });
  return { cookie: `${SESSION_COOKIE}=${token}`, records: (await tenant.headcounts.list({ from: FILLED_FROM, to: FILLED_TO })).length };
}
