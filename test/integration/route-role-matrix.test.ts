/**
 * The route × role matrix (issue 14.12): every route the Hono app registers (app.routes, so a new route is covered
 * automatically) × every kind of visitor, against ONE table of what each may do. Path parameters are filled from one
 * table of parameter → value with real ids of the demo city (千歳市 012246) and of a second municipality built from the
 * same demo files. The admin of the second municipality is tried with its own ids and with the demo city's ids
 * (tenant isolation: refused or not found, never the other city's data).
 *
 * Every write carries a valid CSRF token (this test is about authorization) and an empty body: an allowed write may
 * answer 400 (it got past authorization); a refused write must leave the database exactly as it was (every table but
 * the session and security bookkeeping, compared before and after). A 500 is always a failure.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db, MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { closeSharedPrintBrowser } from "../../src/report/document/pdf.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { loadHearingDemo } from "../../src/services/hearing/demo.js";
import { addAttachment } from "../../src/services/reform/attachments.js";
import { openRound as openReformRound } from "../../src/services/reform/rounds.js";
import { loadReformDemo } from "../../src/services/reform-demo.js";
import { saveScenario } from "../../src/services/retirement-scenarios.js";
import { createApp } from "../../src/web/app.js";
import type { AppEnv } from "../../src/web/env.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality, buildUser } from "../support/factories.js";

// ---------------------------------------------------------------------------------------------------------------
// Who asks. Columns of the table below, in this order.
//   none   no session            viewer  閲覧者             editorA 編集者 of 総務部 and 行政管理課 (owns the ids used)
//   editorB 編集者 of 企画部 only   hq      推進本部           admin   行政管理課 (管理者)
//   other  admin of another municipality, its own ids        cross   the same admin with the demo city's ids
const IDENTITIES = ["none", "viewer", "editorA", "editorB", "hq", "admin", "other", "cross"] as const;
type Identity = (typeof IDENTITIES)[number];

// What each may get:
//   A allowed (any answer but 401/403/404/500 and a redirect to the login form; a 400 for the empty body is fine)
//   D denied (401, 403, or for a page without a session a redirect to /login)
//   H hidden: denied or not found (another municipality's ids)
//   (Every write route checks the role before it reads its input, so a wrong role with an empty body is a 403,
//   never a 400: there is no "refused or invalid" letter.)
//   - not asked: the route has no id of a municipality in its path or body, so "cross" is the same request as "other"
type Expect = "A" | "D" | "H" | "-";

/**
 * THE table: expected outcome per route (method + path as registered) × identity, columns in the order of IDENTITIES:
 *   none viewer editorA editorB hq admin other cross
 * A route missing here fails the test, naming the route to add.
 */
const EXPECTED: Record<string, string> = {
  "GET /healthz": "AAAAAAA-",
  "GET /assets/tokens.css": "AAAAAAA-",
  "GET /assets/app.css": "AAAAAAA-",
  "GET /assets/headcount-entry.js": "AAAAAAA-",
  "GET /login": "AAAAAAA-",
  "POST /login": "AAAAAAA-",
  "POST /logout": "AAAAAAA-",
  "GET /public": "AAAAAAA-",
  "GET /": "DAAAAAA-",
  "GET /units": "DAAAAAA-",
  "POST /units": "DDDDDAA-",
  "POST /units/reorganisations": "DDDDDAA-",
  "GET /units/sectors": "DAAAAAA-",
  "POST /units/sectors": "DDDDDAA-",
  "GET /units/:id/edit": "DAAAAAAH",
  "POST /units/:id": "DDADDAAH",
  "POST /units/:id/structure": "DDDDDAAH",
  "GET /api/v1/openapi.json": "AAAAAAA-",
  "GET /api/v1/units": "DAAAAAA-",
  "GET /api/v1/quotas": "DAAAAAA-",
  "GET /api/v1/headcounts": "DAAAAAA-",
  "PUT /api/v1/headcounts/:year": "DDADDAAH",
  "GET /api/v1/compliance": "DAAAAAA-",
  "GET /staffing/import": "DDDDDAA-",
  "POST /staffing/import": "DDDDDAA-",
  "GET /staffing/headcounts.xlsx": "DAAAAAA-",
  "GET /staffing/headcounts.csv": "DAAAAAA-",
  "GET /security": "DDDDDAA-",
  "POST /security/unlock": "DDDDDAA-",
  "GET /staffing/retirement": "DAAAAAA-",
  "POST /staffing/retirement/schedules": "DDDDDAA-",
  "GET /staffing/age-profile/roll": "DAAAAAAH",
  "POST /staffing/age-profile/roll": "DDADDAAH",
  "GET /staffing/age-profile": "DAAAAAA-",
  "POST /staffing/age-profile": "DDADDAAH",
  "GET /staffing/age-profile.xlsx": "DAAAAAA-",
  "GET /staffing/age-profile.csv": "DAAAAAA-",
  "POST /staffing/age-profile/import": "DDDDDAA-",
  "GET /staffing/projection": "DAAAAAA-",
  "GET /staffing/projection.svg": "DAAAAAA-",
  "GET /staffing/projection.xlsx": "DAAAAAA-",
  "POST /staffing/scenarios": "DDDDDAA-",
  "GET /staffing/scenarios": "DAAAAAA-",
  "GET /staffing/scenarios/compare": "DAAAAAA-",
  "POST /staffing/scenarios/:id/delete": "DDDDDAAH",
  "GET /comparison": "DAAAAAA-",
  "POST /comparison/classification": "DDDDDAA-",
  "GET /comparison/peers": "DAAAAAA-",
  "POST /comparison/peers": "DDDDDAA-",
  "GET /comparison/laspeyres": "DAAAAAA-",
  "GET /comparison/laspeyres.svg": "DAAAAAH-",
  "GET /comparison/diagnosis": "DAAAAAA-",
  "GET /comparison/regression": "DAAAAAA-",
  "GET /comparison/nationwide": "DAAAAAA-",
  "GET /comparison/nationwide.xlsx": "DAAAAAH-",
  "GET /comparison/nationwide.csv": "DAAAAAH-",
  "GET /comparison/import": "DDDDDAA-",
  "POST /comparison/import": "DDDDDAA-",
  "GET /reform": "DAAAAAA-",
  "POST /reform/editions": "DDDDDAA-",
  "GET /reform/editions/:year/next": "DDDDDAA-",
  "POST /reform/editions/:year/next": "DDDDDAA-",
  "POST /reform/editions/:year/items": "DDDDDAA-",
  "POST /reform/evaluations": "DDDDDAA-",
  "GET /reform/editions/:file": "DAAAAAA-",
  "GET /reform/items/:id": "DAAAAAAH",
  "GET /reform/items/:id/edit": "DDDDDAAH",
  "POST /reform/items/:id": "DDDDDAAH",
  "POST /reform/items/:id/attachments": "DDDDDAAH",
  "GET /reform/attachments/:id": "DAAAAAAH",
  "GET /reform/updates": "DAAAAAA-",
  "GET /reform/rounds": "DDDDAAA-",
  "POST /reform/rounds": "DDDDDAA-",
  "POST /reform/rounds/:roundId/close": "DDDDDAAH",
  "GET /reform/rounds/:roundId/items/:itemId": "DAAAAAAH",
  "POST /reform/rounds/:roundId/items/:itemId": "DDADDAAH",
  "GET /reform/verification": "DAAAAAA-",
  "POST /reform/verification": "DDDDADDH",
  "GET /reform/subcommittees": "DAAAAAA-",
  "GET /reform/indicators": "DAAAAAA-",
  "POST /reform/indicators/:id/values": "DDADDAAH",
  "GET /reform/indicators/:id/chart.svg": "DAAAAAAH",
  "GET /reform/import": "DDDDDAA-",
  "POST /reform/import": "DDDDDAA-",
  "GET /staffing": "DAAAAAA-",
  "GET /staffing/plans": "DAAAAAA-",
  "GET /staffing/headcounts": "DAAAAAA-",
  "GET /staffing/edit": "DAAAAAA-",
  "GET /staffing/compliance": "DAAAAAA-",
  "GET /staffing/chart": "DAAAAAA-",
  "GET /staffing/chart.svg": "DAAAAAA-",
  "GET /staffing/headcounts/:year/edit": "DAAAAAA-",
  "POST /staffing/headcounts/:year": "DDADDAAH",
  "GET /staffing/settings": "DAAAAAA-",
  "POST /staffing/settings/allowance": "DDDDDAA-",
  "POST /staffing/settings/reference-day": "DDDDDAA-",
  "POST /staffing/settings/threshold": "DDDDDAA-",
  "POST /staffing/settings/quota": "DDDDDAA-",
  "POST /staffing/settings/population": "DDDDDAA-",
  "GET /hearings/:round/overview": "DDDDAAAH",
  "GET /hearings/:round/overview.xlsx": "DDDDAAAH",
  "GET /hearings/:round/apply": "DDDDDAAH",
  "POST /hearings/:round/apply": "DDDDDAAH",
  "POST /hearings/:round/apply/undo": "DDDDDAAH",
  "GET /hearings/:round/departments/:unit/workbook": "DHADAAAH",
  "POST /hearings/:round/departments/:unit/workbook": "DDADDAAH",
  "GET /hearings": "DAAAAAA-",
  "POST /hearings": "DDDDDAA-",
  "GET /hearings/:round": "DHAAAAAH",
  "POST /hearings/:round/slots/:unit": "DDDDDAAH",
  "POST /hearings/:round/departments": "DDDDDAAH",
  "POST /hearings/:round/categories": "DDDDDAAH",
  "POST /hearings/:round/close": "DDDDDAAH",
  "GET /hearings/:round/departments/:unit": "DHADAAAH",
  "GET /hearings/:round/departments/:unit/sheet": "DHADAAAH",
  "GET /hearings/:round/departments/:unit/forms/:form": "DHADAAAH",
  "POST /hearings/:round/departments/:unit/forms/:form": "DHADDAAH",
  "POST /hearings/:round/departments/:unit/forms/:form/step": "DHADDAAH",
  "GET /publication": "DAAAAAA-",
  "POST /publication/license": "DDDDDAA-",
  "POST /publication/:year/approval": "DDDDAAA-",
  "POST /publication/:year/planned-date": "DDDDDAA-",
  "GET /publication/:year/site.zip": "DDDDAAA-",
  "GET /publication/document": "DAAAAAA-",
  "GET /publication/document.css": "DAAAAAA-",
  "GET /publication/document/:year/preview": "DAAAAAA-",
  "GET /publication/document/:file{[0-9]{4}\\.pdf}": "DDDDAAA-",
  "POST /publication/document/:year/narrative": "DDDDDAA-",
  "POST /publication/document/:year/images/:key": "DDDDDAA-",
  "GET /users": "DDDDDAA-",
  "POST /users": "DDDDDAA-",
  "GET /users/:id": "DDDDDAAH",
  "POST /users/:id": "DDDDDAAH",
  "POST /users/:id/disable": "DDDDDAAH",
  "POST /users/:id/enable": "DDDDDAAH",
  "POST /users/:id/reset-password": "DDDDDAAH",
  "GET /account/password": "DAAAAAA-",
  "POST /account/password": "DAAAAAA-",
  "GET /api/v1/users": "DDDDDAA-",
  "GET /api/v1/users/:id": "DDDDDAAH",
  "GET /notifications": "DAAAAAA-",
  "POST /notifications/read": "DAAAAAA-",
  "GET /api/v1/notifications": "DAAAAAA-",
  "GET /audit": "DDDDAAA-",
  "GET /api/v1/me": "DAAAAAA-",
};

// ---------------------------------------------------------------------------------------------------------------
// Path parameters: "segment before it/:name" → value, from the ids of the municipality asked about.
interface CityIds {
  unitA: number;
  item: number;
  attachment: number;
  indicator: number;
  scenario: number;
  targetUser: number;
  reformRound: number;
  hearingRound: number;
}

const PARAMS: Record<string, (ids: CityIds) => string> = {
  "units/:id": (c) => String(c.unitA),
  "items/:id": (c) => String(c.item),
  "attachments/:id": (c) => String(c.attachment),
  "indicators/:id": (c) => String(c.indicator),
  "scenarios/:id": (c) => String(c.scenario),
  "users/:id": (c) => String(c.targetUser),
  "rounds/:roundId": (c) => String(c.reformRound),
  "items/:itemId": (c) => String(c.item),
  "hearings/:round": (c) => String(c.hearingRound),
  "departments/:unit": (c) => String(c.unitA),
  "slots/:unit": (c) => String(c.unitA),
  "forms/:form": () => "1",
  "editions/:year": () => "2025",
  "editions/:file": () => "2025.json",
  "headcounts/:year": () => "2025",
  "publication/:year": () => "2025",
  "document/:year": () => "2025",
  "document/:file{[0-9]{4}\\.pdf}": () => "2025.pdf",
  "images/:key": () => "ppp",
};

/**
 * Minimal bodies (form fields; for GET the query) for the routes that read a municipality's ids or an action from the
 * body, so the request reaches the authorization it is about. Every other write is sent empty.
 */
const BODIES: Record<string, (ids: CityIds) => Record<string, unknown>> = {
  "GET /staffing/age-profile/roll": (c) => ({ unit: String(c.unitA), year: "2025" }),
  "POST /staffing/age-profile/roll": (c) => ({ unit: String(c.unitA), year: "2025" }),
  "POST /staffing/age-profile": (c) => ({ unit: String(c.unitA), year: "2025" }),
  "POST /staffing/headcounts/:year": (c) => ({ [`c.${c.unitA}.seconded`]: "3" }),
  "POST /units/:id/structure": () => ({ name: "総務部" }),
  "POST /reform/rounds/:roundId/items/:itemId": () => ({ action: "save" }),
  "POST /reform/indicators/:id/values": () => ({ fiscalYear: "2025", kind: "actual", value: "1" }),
  "POST /reform/verification": (c) => ({ itemId: String(c.item), year: "2025" }),
  "POST /hearings/:round/departments/:unit/forms/:form/step": () => ({ action: "submit" }),
  "POST /hearings/:round/departments": (c) => ({ unitId: String(c.unitA) }),
  "PUT /api/v1/headcounts/:year": (c) => ({ rows: [{ unitId: c.unitA, counts: { staff: 31 }, expected: {} }] }),
};

/** The path with every parameter filled from `ids`; throws naming the parameter when the table lacks it. */
function fill(path: string, ids: CityIds): string {
  const segments = path.split("/");
  return segments
    .map((segment, i) => {
      if (!segment.startsWith(":")) return segment;
      const key = `${segments[i - 1] ?? ""}/${segment}`;
      const value = PARAMS[key];
      if (!value) throw new Error(`route ${path}: add the path parameter "${key}" to PARAMS in test/integration/route-role-matrix.test.ts`);
      return value(ids);
    })
    .join("/");
}

// ---------------------------------------------------------------------------------------------------------------
/** Visible in every name of the demo city's units and items: a page of another municipality must never show it. */
const MARK = "〔甲市〕";

/** Tables that record the visit rather than the data: sessions, login bookkeeping, the security log (a 403 is logged). */
const BOOKKEEPING = new Set(["sessions", "security_events", "login_attempts", "login_throttles"]);

/** The application's tables but the bookkeeping, read once from the database's catalogue. */
async function tablesOf(db: Db): Promise<string[]> {
  const names = (
    await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db).catch(async () =>
      sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db),
    )
  ).rows.map((r) => r.name);
  return names.filter((n) => !BOOKKEEPING.has(n) && !n.startsWith("kysely_")).sort();
}

/** Every row of `tables`, one line per row, sorted: equal snapshots mean nothing was written. */
async function snapshot(db: Db, tables: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    out.push(...rows.map((r) => `${table} ${JSON.stringify(r)}`).sort());
  }
  return out;
}

function firstDifference(before: string[], after: string[]): string {
  const a = new Set(before);
  const b = new Set(after);
  const gone = before.filter((l) => !b.has(l)).slice(0, 3);
  const added = after.filter((l) => !a.has(l)).slice(0, 3);
  return `removed/changed: ${gone.join(" | ").slice(0, 600)} — added/changed: ${added.join(" | ").slice(0, 600)}`;
}

type Outcome = "A" | "D" | "N" | "E";

/** What the answer means for authorization (see the legend of Expect). */
function outcomeOf(response: Response): Outcome {
  const { status } = response;
  if (status >= 500) return "E";
  if (status === 401 || status === 403) return "D";
  if (status === 404) return "N";
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location") ?? "";
    if (/^\/login(\?next=|$)/.test(location)) return "D";
  }
  return "A";
}

function matches(expected: Expect, outcome: Outcome): boolean {
  if (outcome === "E") return false;
  if (expected === "A") return outcome === "A";
  if (expected === "D") return outcome === "D";
  if (expected === "H") return outcome === "D" || outcome === "N";
  return true;
}

/** A signed-in (or anonymous) visitor: its cookies and the CSRF token of its session (or of the login form). */
interface Visitor {
  cookie: string;
  csrf: string;
}

async function visitorOf(app: Hono<AppEnv>, municipality: MunicipalityRow | null, username: string | null): Promise<Visitor> {
  const browser = new BrowserClient(app);
  if (municipality && username) {
    const response = await browser.login(municipality.id, username);
    expect(response.status, `login of ${username}`).toBe(302);
  }
  await browser.get("/login");
  if (municipality) await browser.get("/account/password");
  const cookie = ["gyokaku_session", "gyokaku_csrf"].flatMap((name) => (browser.cookie(name) ? [`${name}=${browser.cookie(name)}`] : [])).join("; ");
  expect(browser.csrfToken, `CSRF token of ${username ?? "anonymous"}`).not.toBe("");
  return { cookie, csrf: browser.csrfToken };
}

async function ask(app: Hono<AppEnv>, visitor: Visitor, method: string, path: string, fields: Record<string, unknown>): Promise<Response> {
  const headers: Record<string, string> = { host: "localhost", cookie: visitor.cookie };
  const form = new URLSearchParams(Object.entries(fields).map(([name, value]) => [name, String(value)] as [string, string]));
  if (method === "GET") return app.request(form.size > 0 ? `${path}?${form.toString()}` : path, { headers });
  headers["x-csrf-token"] = visitor.csrf;
  if (path.startsWith("/api/")) return app.request(path, { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(fields) });
  form.set("_csrf", visitor.csrf);
  return app.request(path, { method, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
}

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** A second municipality with the demo's units, reform edition and hearing round under its own ids. */
async function secondCity(db: Db): Promise<MunicipalityRow> {
  const municipality = await buildMunicipality(db, { name: "第二市" });
  const tenant = new TenantDb(db, municipality.id);
  const organisation = JSON.parse(readFileSync(new URL("../../demo/chitose/org-units.json", import.meta.url), "utf8")) as {
    units: { code: string; name: string; kind: string; parent?: string }[];
  };
  await tenant.transaction(async (tx) => {
    const now = new Date().toISOString();
    for (const [index, unit] of organisation.units.entries()) {
      const parent = unit.parent ? await tx.units.getByCode(unit.parent) : undefined;
      await tx.units.create({ code: unit.code, name: unit.name, kind: unit.kind, parentId: parent?.id ?? null, sortOrder: index + 1, now });
    }
    const somu = await tx.units.getByCode("120");
    if (somu) {
      await tx.ageProfiles.replaceUnit(somu.id, 2025, [{ cohort: 1980, category: "general", count: 3 }]);
      await tx.quotas.create({ unitId: somu.id, quota: 3, validFrom: null, validTo: null, note: "", now });
    }
    await loadReformDemo(tx);
    await loadHearingDemo(tx, CLI_ACTOR);
  });
  return municipality;
}

/** The ids the parameters take in `municipality`, adding what the demo has none of (a reform round, an attachment, a scenario, a user to edit). */
async function cityIds(db: Db, municipality: MunicipalityRow): Promise<CityIds> {
  const tenant = new TenantDb(db, municipality.id);
  const unit = async (code: string) => {
    const row = await tenant.units.getByCode(code);
    if (!row) throw new Error(`unit ${code} missing`);
    return row.id;
  };
  const edition = await tenant.reformEditions.getByYear(2025);
  if (!edition) throw new Error("edition 2025 missing");
  const item = (await tenant.reformItems.listByEdition(edition.id)).find((i) => i.lineage_key === "chitose-r7-03");
  if (!item) throw new Error("item 3 missing");
  const indicator = (await db.selectFrom("reform_indicators").select("id").where("municipality_id", "=", municipality.id).where("lineage_key", "=", "chitose-r7-03").orderBy("id").executeTakeFirstOrThrow()).id;
  const hearingRound = (await tenant.hearingRounds.getByYear(2026))?.id;
  if (!hearingRound) throw new Error("hearing round missing");
  const reformRound = await openReformRound(tenant, CLI_ACTOR, { editionYear: 2025, dueDate: "2026-03-31" });
  const attachment = await addAttachment(tenant, CLI_ACTOR, { itemId: item.id, filename: "dot.png", bytes: PNG });
  const scenario = await saveScenario(tenant, CLI_ACTOR, "比較用", {
    scopeUnitId: null,
    baseYear: 2025,
    toYear: 2030,
    leaverRates: [],
    hireAge: 22,
    hireCategory: "general",
    target: null,
    mode: "one-for-one",
    manualHires: {},
    allowancePercent: null,
  });
  const targetUser = (await buildUser(db, municipality, "viewer")).id;
  return { unitA: await unit("120"), item: item.id, attachment, indicator, scenario, targetUser, reformRound, hearingRound };
}

interface Mismatch {
  route: string;
  who: Identity;
  path: string;
  expected: Expect;
  status: number;
  detail: string;
}

describeEachDatabase("route × role matrix", (get) => {
  let app: Hono<AppEnv>;
  let db: Db;
  const visitors = new Map<Identity, Visitor>();
  const idsOf = new Map<Identity, CityIds>();

  beforeAll(async () => {
    const { database } = get();
    db = database.db;
    const { municipality } = await loadDemo(db);
    const other = await secondCity(db);
    const demoIds = await cityIds(db, municipality);
    const otherIds = await cityIds(db, other);
    const tenant = new TenantDb(db, municipality.id);
    const somu = await tenant.units.getByCode("120");
    const gyokan = await tenant.units.getByCode("123");
    const kikaku = await tenant.units.getByCode("110");
    if (!somu || !gyokan || !kikaku) throw new Error("demo units missing");
    const users = {
      viewer: await buildUser(db, municipality, "viewer"),
      editorA: await buildUser(db, municipality, "editor", [somu, gyokan]),
      editorB: await buildUser(db, municipality, "editor", [kikaku]),
      hq: await buildUser(db, municipality, "hq"),
      admin: await buildUser(db, municipality, "admin"),
      other: await buildUser(db, other, "admin"),
    };
    // The demo city's names carry MARK, so a page of the other municipality showing them is caught.
    await db.updateTable("org_units").set({ name: sql<string>`name || ${MARK}` }).where("municipality_id", "=", municipality.id).execute();
    await db.updateTable("reform_items").set({ name: sql<string>`name || ${MARK}` }).where("municipality_id", "=", municipality.id).execute();
    await db.updateTable("hearing_rounds").set({ title: sql<string>`title || ${MARK}` }).where("municipality_id", "=", municipality.id).execute();

    app = createApp({ database, secureCookies: false });
    visitors.set("none", await visitorOf(app, null, null));
    for (const who of ["viewer", "editorA", "editorB", "hq", "admin"] as const) visitors.set(who, await visitorOf(app, municipality, users[who].username));
    const otherVisitor = await visitorOf(app, other, users.other.username);
    visitors.set("other", otherVisitor);
    visitors.set("cross", otherVisitor);
    for (const who of IDENTITIES) idsOf.set(who, who === "other" ? otherIds : demoIds);
  }, 120_000);

  afterAll(async () => {
    await closeSharedPrintBrowser();
  });

  it("every route × identity answers as the table says, and a refused write changes nothing", async () => {
    const routes = [...new Map(app.routes.filter((r) => r.method !== "ALL").map((r) => [`${r.method} ${r.path}`, r])).values()];
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in EXPECTED));
    const print = process.env["MATRIX_PRINT"] === "1";
    if (!print) {
      expect(missing, `routes without a row in EXPECTED (test/integration/route-role-matrix.test.ts): add a row per route saying who may do what`).toEqual([]);
    }
    const stale = Object.keys(EXPECTED).filter((key) => !routes.some((r) => `${r.method} ${r.path}` === key));
    expect(stale, "rows of EXPECTED for routes the app no longer has").toEqual([]);

    const mismatches: Mismatch[] = [];
    const observed = new Map<string, string[]>();
    const plan = routes.flatMap((route) => {
      const key = `${route.method} ${route.path}`;
      const row = (EXPECTED[key] ?? "AAAAAAAA").replace(/\s/g, "");
      if (row.length !== IDENTITIES.length || /[^ADH-]/.test(row)) throw new Error(`EXPECTED["${key}"]: ${IDENTITIES.length} letters of A D H - please`);
      const ownPath = fill(route.path, idsOf.get("other") as CityIds);
      const crossPath = fill(route.path, idsOf.get("cross") as CityIds);
      const body = BODIES[key] ?? (() => ({}));
      const hasIds = ownPath !== crossPath || JSON.stringify(body(idsOf.get("other") as CityIds)) !== JSON.stringify(body(idsOf.get("cross") as CityIds));
      if (!print) {
        if (hasIds && row[7] !== "H") throw new Error(`EXPECTED["${key}"]: the path or body holds a municipality's ids, so the last column (cross) must be H`);
        if (!hasIds && row[7] !== "-") throw new Error(`EXPECTED["${key}"]: the path or body holds no municipality's id, so the last column (cross) must be -`);
      }
      return IDENTITIES.flatMap((who, i) => {
        if (who === "cross" && !hasIds) return [];
        return [{ key, method: route.method, path: fill(route.path, idsOf.get(who) as CityIds), fields: body(idsOf.get(who) as CityIds), who, expected: (print ? (route.method === "GET" || who === "admin" || who === "other" ? "A" : "D") : row[i]) as Expect, column: i }];
      });
    });
    const record = (p: (typeof plan)[number], response: Response, outcome: Outcome, detail = "") => {
      const letters = observed.get(p.key) ?? IDENTITIES.map(() => "-");
      letters[p.column] = outcome === "N" ? "H" : outcome;
      observed.set(p.key, letters);
      if (!print && !matches(p.expected, outcome)) mismatches.push({ route: p.key, who: p.who, path: p.path, expected: p.expected, status: response.status, detail: detail || `got ${outcome}` });
      else if (detail) mismatches.push({ route: p.key, who: p.who, path: p.path, expected: p.expected, status: response.status, detail });
    };
    const leakCheck = async (p: (typeof plan)[number], response: Response): Promise<string> => {
      if (p.who !== "other" && p.who !== "cross") return "";
      const text = await response.clone().text();
      return text.includes(MARK) ? `another municipality's data in the answer (${MARK})` : "";
    };

    const slow: string[] = [];
    const timed = async (p: (typeof plan)[number]) => {
      const t0 = performance.now();
      const response = await ask(app, visitors.get(p.who) as Visitor, p.method, p.path, p.fields);
      const ms = performance.now() - t0;
      if (ms > 100) slow.push(`${p.key} ${p.who} ${Math.round(ms)}ms`);
      if (print && p.method !== "GET") {
        const text = (await response.clone().text()).replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
        const m = /(権限|見つかり|ありません|ください|できません)/.exec(text);
        console.log(`W ${p.key} ${p.who} ${response.status} ${m ? text.slice(Math.max(0, m.index - 60), m.index + 20) : text.slice(0, 80)}`);
      }
      return response;
    };
    // 1. Every read, by everyone.
    let t = performance.now();
    for (const p of plan.filter((p) => p.method === "GET")) {
      const response = await timed(p);
      record(p, response, outcomeOf(response), await leakCheck(p, response));
    }

    // 2. Every write the table refuses: the database before and after must be the same.
    const writes = plan.filter((p) => p.method !== "GET" && p.key !== "POST /logout");
    const tables = await tablesOf(db);
    expect(tables).toContain("reform_items");
    let before = await snapshot(db, tables);
    let snapMs = 0;
    if (print) console.log(`reads ${Math.round(performance.now() - t)}ms`);
    t = performance.now();
    for (const p of writes.filter((p) => p.expected !== "A")) {
      const response = await timed(p);
      const outcome = outcomeOf(response);
      const s0 = performance.now();
      const after = await snapshot(db, tables);
      snapMs += performance.now() - s0;
      const changed = after.join("\n") !== before.join("\n");
      record(p, response, outcome, (changed ? `refused but the database changed: ${firstDifference(before, after)}` : "") || (await leakCheck(p, response)));
      before = after;
    }

    // 3. Every write the table allows, one visitor after another (the secretariat last, logging out at the very end).
    if (print) console.log(`refused writes ${Math.round(performance.now() - t)}ms, snapshots ${Math.round(snapMs)}ms`);
    t = performance.now();
    const allowed = writes.filter((p) => p.expected === "A");
    for (const who of IDENTITIES) {
      for (const p of allowed.filter((p) => p.who === who)) {
        const response = await timed(p);
        record(p, response, outcomeOf(response), await leakCheck(p, response));
      }
    }
    // 4. Logging out, everyone, at the very end.
    for (const p of plan.filter((p) => p.key === "POST /logout")) {
      const response = await timed(p);
      record(p, response, outcomeOf(response));
    }
    if (print) console.log(`allowed writes ${Math.round(performance.now() - t)}ms\n${slow.join("\n")}`);

    if (print) {
      const lines = routes.map((r) => `${r.method} ${r.path}`).map((key) => `  ${JSON.stringify(key)}: "${(observed.get(key) ?? []).join("")}",`);
      console.log(`observed:\n${lines.join("\n")}\nmismatches: ${JSON.stringify(mismatches, null, 1)}`);
    }
    const cells = plan.length;
    expect(cells).toBeGreaterThan(routes.length * 7);
    expect(mismatches, mismatches.map((m) => `${m.route} as ${m.who} (${m.path}): expected ${m.expected}, ${m.status} — ${m.detail}`).join("\n")).toEqual([]);
  }, 600_000);
});
