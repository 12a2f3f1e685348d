/**
 * Routes do not call repositories (issue 9, "A route parses, authorizes once, calls a service and presents. Routes do
 * not call repositories"). Read with the TypeScript compiler API, every file of src/web is searched for
 * - a repository of TenantDb reached from a tenant handle (`tenant.units.list()`, `tx.audit…`, `tenantOf(c, s).x…`),
 * - a query built on the database itself (`….db.selectFrom(…)`),
 * - a repository made by hand (`new MunicipalityRepository(…)`).
 * Each is named "file: expression". What is found must be in STILL_IN_WEB, and everything in STILL_IN_WEB must still
 * be found: the list may only shrink (a site moved into a service is taken off it).
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { filesUnder, parseSource } from "../support/typescript.js";

/** Repository calls still made by src/web, to be moved into services — never to grow. */
const STILL_IN_WEB: readonly string[] = [];

/** The repository properties of TenantDb (src/db/tenant.ts), read from its class. */
function repositoryKeys(): Set<string> {
  const file = "src/db/tenant.ts";
  const source = parseSource(file);
  const tenant = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === "TenantDb");
  if (!tenant) throw new Error("TenantDb not found in src/db/tenant.ts");
  const keys = tenant.members.filter((m) => (ts.isPropertyDeclaration(m) || ts.isGetAccessor(m)) && m.name !== undefined).map((m) => m.name?.getText() ?? "");
  return new Set(keys.filter((k) => k !== "db" && k !== "municipalityId"));
}

/** A tenant handle: an identifier named tenant… or tx, or a call of tenantOf(…). */
function isTenantHandle(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return /^(tenant\w*|tx)$/i.test(node.text);
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "tenantOf";
}

function repositoryCallsOf(file: string, keys: ReadonlySet<string>): string[] {
  const source = parseSource(file);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      if (keys.has(n.name.text) && isTenantHandle(n.expression)) found.push(`${file}: ${n.expression.getText()}.${n.name.text}`);
      if (n.name.text === "selectFrom" && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "db") found.push(`${file}: ${n.getText()}`);
    }
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text.endsWith("Repository")) found.push(`${file}: new ${n.expression.text}`);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe("routes do not call repositories", () => {
  const keys = repositoryKeys();

  it("knows the repositories of TenantDb (the detector can fail)", () => {
    expect(keys.has("units")).toBe(true);
    expect(keys.has("headcounts")).toBe(true);
    expect(repositoryCallsOf("src/services/units.ts", keys).length).toBeGreaterThan(0);
  });

  it("src/web reaches no repository but those still listed, and every listed one is still there (the list only shrinks)", () => {
    const found = filesUnder("src/web").flatMap((f) => repositoryCallsOf(f, keys)).sort();
    expect(found).toEqual([...STILL_IN_WEB].sort());
  });
});
