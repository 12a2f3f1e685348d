/**
 * Authorization is checked once, by the guards of src/services/authorization.ts (issue 9, "A route parses, authorizes
 * once (in the service, not twice), calls a service and presents"; "four separate requireAdmin"). Read with the
 * TypeScript compiler API, this fails on:
 * - a role check that throws 403 anywhere in src/web (a route that must refuse before reading a body calls the
 *   service's guard instead of its own rule);
 * - an admin, headquarters or audit-reader check that throws 403 in a service other than authorization.ts (they call
 *   requireAdmin, requireAdminOrHq, requireVerifier, requireAuditReader);
 * - a function named requireAdmin / requireAdministrator defined outside authorization.ts.
 * A service's check of one unit or one record (「…」を編集する権限がありません) stays in the service that reads it.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { filesUnder, parseSource, textOf } from "../support/typescript.js";

const GUARDS_FILE = "src/services/authorization.ts";

/** Any role predicate of domain (canX / mayX) or a look at `.role`. */
const ANY_ROLE_CHECK = /^(can|may)[A-Z]/;
/** The role-only predicates whose checks belong to authorization.ts even inside a service. */
const ROLE_ONLY = new Set(["canAdminister", "canVerify", "canReadAuditLog", "canWriteSomeUnit", "canTakeAnyPublicationAction"]);

function throwsForbidden(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (ts.isThrowStatement(n) && n.expression && ts.isNewExpression(n.expression) && n.expression.expression.getText() === "GyokakuError") {
      const code = n.expression.arguments?.[0];
      if (code && ts.isStringLiteral(code) && code.text === "forbidden") found = true;
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The role checks a condition makes: names of predicates called, and "role" when it reads `x.role`. */
function roleChecksIn(condition: ts.Node, predicate: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && predicate(n.expression.text)) out.push(n.expression.text);
    if (ts.isPropertyAccessExpression(n) && n.name.text === "role") out.push(".role");
    ts.forEachChild(n, visit);
  };
  visit(condition);
  return out;
}

/** "file:line check" of every `if (<role check>) … throw GyokakuError("forbidden")`, and of every requireAdmin-like definition. */
function roleChecksOf(file: string, predicate: (name: string) => boolean): string[] {
  const text = textOf(file);
  const source = parseSource(file, text);
  const found: string[] = [];
  const where = (n: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (ts.isIfStatement(n) && throwsForbidden(n.thenStatement)) {
      const checks = roleChecksIn(n.expression, predicate);
      if (checks.length > 0) found.push(`${where(n)} ${checks.join(", ")}`);
    }
    if ((ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n)) && n.name && /^requireAdmin(istrator)?$/.test(n.name.getText())) {
      found.push(`${where(n)} defines ${n.name.getText()}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe("authorization is checked once, by the guards of services/authorization.ts", () => {
  it("finds the role checks of authorization.ts itself (the detector can fail)", () => {
    const own = roleChecksOf(GUARDS_FILE, (name) => ANY_ROLE_CHECK.test(name));
    expect(own.some((c) => c.includes("canAdminister"))).toBe(true);
    expect(own.some((c) => c.includes("defines requireAdmin"))).toBe(true);
    expect(own.length).toBeGreaterThanOrEqual(8);
  });

  it("no route, page or middleware of src/web checks a role itself and throws 403", () => {
    expect(filesUnder("src/web").flatMap((f) => roleChecksOf(f, (name) => ANY_ROLE_CHECK.test(name)))).toEqual([]);
  });

  it("no service but authorization.ts checks a role (admin, 推進本部, audit reader) and throws 403, or defines requireAdmin", () => {
    const services = filesUnder("src").filter((f) => f !== GUARDS_FILE && !f.startsWith("src/web/"));
    expect(services.flatMap((f) => roleChecksOf(f, (name) => ROLE_ONLY.has(name)))).toEqual([]);
  });
});
