import { expect } from "vitest";
import type { Database } from "../../src/db/connection.js";
import type { Db, MunicipalityRow, OrgUnitRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { loadDemo } from "../../src/services/demo.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "./browser-client.js";
import type { TestDatabase } from "./databases.js";
import { buildUser } from "./factories.js";

export type Role = "admin" | "hq" | "editor" | "viewer";

/** A browser on the real app, signed in as a new user of `municipality` with this role (an editor of `units`); the login must redirect (302). */
export async function signIn(database: Database, municipality: MunicipalityRow, role: Role, units: OrgUnitRow[] = []): Promise<BrowserClient> {
  const user = await buildUser(database.db, municipality, role, units);
  const browser = new BrowserClient(createApp({ database }));
  const response = await browser.login(municipality.id, user.username);
  expect(response.status).toBe(302);
  return browser;
}

export interface DemoSite {
  database: Database;
  db: Db;
  municipality: MunicipalityRow;
  tenant: TenantDb;
  /** The demo unit with this code; throws when the demo has none. */
  unit(code: string): Promise<OrgUnitRow>;
  /** A browser signed in as a new user of the demo city (see signIn). */
  client(role: Role, units?: OrgUnitRow[]): Promise<BrowserClient>;
}

/**
 * The demo city in the run's database (loading it again changes nothing), with the demo units named in `units`
 * looked up by code: `demoSite(get, { mayor: "100" })` gives `mayor` beside the site's own fields.
 */
export async function demoSite<K extends string = never>(get: () => TestDatabase, units?: Record<K, string>): Promise<DemoSite & Record<K, OrgUnitRow>> {
  const { database } = get();
  const { db } = database;
  const { municipality } = await loadDemo(db);
  const tenant = new TenantDb(db, municipality.id);
  const unit = async (code: string): Promise<OrgUnitRow> => {
    const row = await tenant.units.getByCode(code);
    if (!row) throw new Error(`demo unit ${code} missing`);
    return row;
  };
  const client = (role: Role, units: OrgUnitRow[] = []) => signIn(database, municipality, role, units);
  const site: DemoSite = { database, db, municipality, tenant, unit, client };
  const entries = Object.entries<string>(units ?? {});
  for (const [name] of entries) if (name in site) throw new Error(`demo unit name ${name} is taken by the site`);
  const rows = await Promise.all(entries.map(async ([name, code]) => [name, await unit(code)] as const));
  return Object.assign(site, Object.fromEntries(rows)) as DemoSite & Record<K, OrgUnitRow>;
}
