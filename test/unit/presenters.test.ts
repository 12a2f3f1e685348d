/**
 * Pages and the JSON API receive presented objects, never database rows (issue 9, "Thin routes, validated edges"):
 * no file of src/web/pages or src/web/routes imports a type or a repository from src/db (the list of exceptions is
 * empty now and may not grow back): a new import of a Row (UserRow with password_hash, SessionRow, an audit or
 * verification row with internal notes) fails here, naming the file and what it imports. A row can also reach a page without an import, as a field of what a service returns (a round, a
 * verification, the session's municipality): the props of every exported page component are read with the type
 * checker, and a snake_case property anywhere in them (a column name) fails here with its path.
 */
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { UPDATE_STATUSES } from "../../src/domain/reform.js";
import { EMPLOYMENTS } from "../../src/domain/hearing-forms.js";
import { presentAuditEntry } from "../../src/services/audit-log.js";
import { presentMunicipality } from "../../src/services/municipalities.js";
import { presentNotification } from "../../src/services/notifications.js";
import { presentReorgEvent, presentUnit } from "../../src/services/organisation.js";
import { presentRound } from "../../src/services/reform/rounds.js";
import { presentVerification } from "../../src/services/reform/verification.js";
import { presentPopulation } from "../../src/services/staffing-views.js";
import { filesUnder, parseSource, programOf, root } from "../support/typescript.js";

/** What each file may still import from src/db (to be replaced by presenters; never to grow). */
const STILL_ALLOWED: Record<string, readonly string[]> = {};

/** Names a file imports from src/db, as "name (module)". */
function dbImports(file: string): string[] {
  const source = parseSource(file);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = relative(root, join(root, file, "..", statement.moduleSpecifier.text));
    if (!target.startsWith("src/db/")) continue;
    const bindings = statement.importClause?.namedBindings;
    const names = bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : ["*"];
    out.push(...names);
  }
  return out.sort();
}

describe("pages and API routes receive presented objects, never database rows", () => {
  const files = [...filesUnder("src/web/pages"), ...filesUnder("src/web/routes")];
  it("reads imports from src/db (the check can fail)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(dbImports("src/web/request.ts")).toEqual(["TenantDb"]);
  });
  it.each(files)("%s imports from src/db only what is still allowed", (file) => {
    expect(dbImports(file).filter((name) => !(STILL_ALLOWED[file] ?? []).includes(name))).toEqual([]);
  });
});

/** A column name: lower case words joined by "_" (created_at, password_hash, opinion_internal). */
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
/**
 * snake_case keys that are values of the domain, not columns: a count per update status (Record<UpdateStatus, number>)
 * and a figure per 任用区分 of a 様式3 line (Record<NonRegular, …>: fixed_term = 任期付).
 */
const DOMAIN_KEYS = new Set<string>([...UPDATE_STATUSES, ...EMPLOYMENTS]);

const PAGES = filesUnder("src/web/pages").filter((f) => f.endsWith(".tsx"));
const PROBE = "test/fixtures/presenters-probe.tsx";

/**
 * Every path "Component props.a.b[].c" to a snake_case property in the parameters of the exported functions of `files`
 * (read in the one program of this test file: every page and the probe, type-checked once).
 */
function snakeCaseProps(files: readonly string[]): string[] {
  const program = programOf([PROBE, ...PAGES]);
  const checker = program.getTypeChecker();
  const found = new Set<string>();
  const opaque = /^(Date|Map|Set|ReadonlyMap|ReadonlySet|Promise|Uint8Array|Buffer|HtmlEscapedString|String|Number|Boolean)$/;
  for (const file of files) {
    const source = program.getSourceFile(join(root, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file}: not read`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const at = exported.valueDeclaration;
      if (!at) continue;
      for (const signature of checker.getTypeOfSymbolAtLocation(exported, at).getCallSignatures()) {
        for (const parameter of signature.getParameters()) {
          const seen = new Set<ts.Type>();
          const walk = (type: ts.Type, path: string, depth: number): void => {
            if (depth > 10 || seen.has(type)) return;
            seen.add(type);
            if (type.isUnionOrIntersection()) return type.types.forEach((t) => walk(t, path, depth));
            if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined)) return;
            if (type.getCallSignatures().length > 0 || opaque.test(type.getSymbol()?.name ?? "")) return;
            if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference).forEach((t) => walk(t, `${path}[]`, depth + 1));
            for (const index of checker.getIndexInfosOfType(type)) walk(index.type, `${path}[]`, depth + 1);
            for (const property of type.getProperties()) {
              if (SNAKE_CASE.test(property.name) && !DOMAIN_KEYS.has(property.name)) found.add(`${file} ${exported.name} ${path}.${property.name}`);
              const declaration = property.valueDeclaration ?? property.declarations?.[0];
              if (declaration) walk(checker.getTypeOfSymbolAtLocation(property, declaration), `${path}.${property.name}`, depth + 1);
            }
          };
          walk(checker.getTypeOfSymbolAtLocation(parameter, at), parameter.name, 0);
        }
      }
    }
  }
  return [...found].sort();
}

describe("no column reaches a page as a field of what a service returns", () => {
  const pages = PAGES;
  it("the props of every page component hold no snake_case (column) property", () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(snakeCaseProps(pages)).toEqual([]);
  }, 120_000);
  it("finds a row handed to a page (the check can fail)", () => {
    const probe = PROBE;
    // Every column of the row, the municipality's timestamp; not the status key of the counts.
    expect(snakeCaseProps([probe])).toEqual(
      ["fiscal_year", "lineage_key", "municipality_id", "opinion_internal", "verified_at", "verified_by"].map((c) => `${probe} ProbePage props.rows[].${c}`).concat(`${probe} ProbePage props.session.municipality.created_at`, `${probe} ProbePage props.session.municipality.name_romaji`),
    );
  }, 120_000);
});

describe("presenters show what the page shows and nothing else", () => {
  it("an audit entry: the action's label and the fields that differ, read through the stored-JSON check", () => {
    const row = { id: 7, municipality_id: 1, at: "2026-04-01T00:00:00.000Z", user_id: 2, actor: "tanaka", action: "update", entity: "user", entity_id: "3", summary: "ユーザーを変更", before_json: '{"role":"viewer","displayName":"佐藤","units":[]}', after_json: '{"role":"editor","displayName":"佐藤","units":["A01"]}' };
    const entry = presentAuditEntry(row);
    expect(entry).toEqual({
      id: 7, at: row.at, actor: "tanaka", actionLabel: "更新", entity: "user", entityId: "3", summary: "ユーザーを変更",
      changes: [{ field: "role", before: "viewer", after: "editor" }, { field: "units", before: "[]", after: '["A01"]' }],
    });
    expect(Object.keys(entry)).not.toContain("before_json");
    expect(presentAuditEntry({ ...row, action: "create", before_json: null, after_json: '{"name":""}' }).changes).toEqual([{ field: "name", before: null, after: "(空)" }]);
    expect(() => presentAuditEntry({ ...row, after_json: "{broken" })).toThrow("保存されているデータが読めません (JSONではありません): audit_log.after_json (#7)");
  });
  it("a notification: read as a flag, no user or municipality id", () => {
    const shown = presentNotification({ id: 4, municipality_id: 1, user_id: 9, kind: "returned", title: "差戻し", href: "/reform/updates/1", created_at: "2026-04-01T00:00:00.000Z", read_at: null });
    expect(shown).toEqual({ id: 4, kind: "returned", title: "差戻し", href: "/reform/updates/1", createdAt: "2026-04-01T00:00:00.000Z", read: false });
  });
  it("a 組織改正 event: units by name (#id for one no longer stored), a rename by its names, bad stored ids refused", () => {
    const names = new Map([[1, "総務部"], [2, "企画部"]]);
    const nameOf = (id: number) => names.get(id) ?? `#${id}`;
    const merge = { id: 5, municipality_id: 1, fiscal_year: 2026, kind: "merge", from_unit_ids: "[1,2]", to_unit_ids: "[9]", old_name: null, new_name: "総務企画部", note: "統合", created_at: "x" };
    expect(presentReorgEvent(merge, nameOf)).toEqual({ id: 5, fiscalYear: 2026, kindLabel: "統合", from: "総務部、企画部", to: "#9", note: "統合" });
    expect(presentReorgEvent({ ...merge, kind: "rename", old_name: "総務部", new_name: "総務課" }, nameOf)).toMatchObject({ kindLabel: "名称変更", from: "総務部", to: "総務課" });
    expect(() => presentReorgEvent({ ...merge, from_unit_ids: '["a"]' }, nameOf)).toThrow("保存されているデータの形が正しくありません: reorg_events.from_unit_ids (#5)");
  });
  it("a municipality: code, name and prefecture, no timestamp", () => {
    expect(presentMunicipality({ id: 1, code: "012246", name: "千歳市", prefecture: "北海道", created_at: "x" } as never)).toEqual({ id: 1, code: "012246", name: "千歳市", prefecture: "北海道" });
  });
  it("a unit: its place in the tree, code, labels, contact and note; no municipality id or timestamps", () => {
    const row = { id: 3, municipality_id: 1, code: "210", name: "総務課", kind: "division", parent_id: 2, sort_order: 10, contact: "内線100", note: "", created_at: "x", updated_at: "y", valid_from: 2016, valid_to: null, sector: "01" };
    expect(presentUnit(row)).toEqual({ id: 3, parentId: 2, kind: "division", sortOrder: 10, validFrom: 2016, validTo: null, name: "総務課", code: "210", kindLabel: "課", sector: "01", sectorName: expect.any(String) as string, contact: "内線100", note: "" });
    expect(presentUnit({ ...row, sector: null }).sectorName).toBe("");
    expect(presentUnit({ ...row, sector: "zz" }).sectorName).toBe("zz");
    // A kind the database should never hold (CHECK constraint) is refused by the one reader of org_units.kind.
    expect(() => presentUnit({ ...row, kind: "office" })).toThrow(/組織「総務課」の種別「office」が正しくありません/);
  });
  it("a round and a verification: camelCase, the internal flag as a boolean, no municipality id", () => {
    const round = presentRound({ id: 1, municipality_id: 1, edition_id: 2, fiscal_year: 2025, title: "更新", due_date: "2026-05-31", status: "open", opened_by: "admin", opened_at: "t", closed_at: null });
    expect(round).toEqual({ id: 1, editionId: 2, fiscalYear: 2025, title: "更新", dueDate: "2026-05-31", status: "open", openedBy: "admin", openedAt: "t", closedAt: null });
    const verification = { municipality_id: 1, lineage_key: "L1", fiscal_year: 2025, evaluation: "A", opinion: "良い", decision: "継続", verified_by: "hq", verified_at: "t", version: 3, opinion_internal: 1 };
    expect(presentVerification(verification)).toEqual({ lineageKey: "L1", fiscalYear: 2025, evaluation: "A", opinion: "良い", decision: "継続", opinionInternal: true, verifiedBy: "hq", verifiedAt: "t", version: 3 });
    expect(presentVerification({ ...verification, opinion_internal: 0 }).opinionInternal).toBe(false);
  });
  it("a population: the year, the figure, its date and source", () => {
    expect(presentPopulation({ municipality_id: 1, fiscal_year: 2025, population: 97000, reference_date: "2025-01-01", source: "住基" })).toEqual({ fiscalYear: 2025, population: 97000, referenceDate: "2025-01-01", source: "住基" });
  });
});
