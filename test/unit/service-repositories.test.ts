/**
 * Services receive only the repositories they use (issue 9, "Services receive only the repositories they use (today
 * every service can reach all 26 through TenantDb)"): every function of src/services takes a Pick of TenantDb (or a
 * named alias of one) naming the repositories it reads and writes, so reaching another is a type error; and
 * TenantDb.transaction hands its callback the caller's Pick, so the restriction holds inside a transaction too.
 * A parameter that is the whole TenantDb (every repository) fails here, naming the function, unless listed below;
 * the list may only shrink.
 */
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { filesUnder, programOf, root } from "../support/typescript.js";

/** Functions that may still take the whole TenantDb ("file function(parameter)"); to be narrowed, never to grow. */
const STILL_WHOLE: readonly string[] = [];
/**
 * Transactions that may run on the whole TenantDb ("file function"): a composition root that makes its TenantDb from
 * the database itself (the demo loader writes nearly every table), not a service handed one.
 */
const WHOLE_TRANSACTIONS: readonly string[] = ["src/services/demo.ts loadDemo"];

interface Judged {
  /** "file function(parameter)" of each parameter typed as the whole TenantDb. */
  whole: string[];
  /** Parameters typed with part of it, as "file function(parameter): key, key". */
  narrow: string[];
  /** "file function: key, key": the repositories of the callback parameter of each `x.transaction(async (tx) => …)`. */
  transactionHandles: string[];
}

const TENANT_FILE = "src/db/tenant.ts";
const PROBE = "test/fixtures/service-repositories-probe.ts";
const SERVICES = filesUnder("src/services");

/** `files` judged in the one program of this test file (TenantDb, the probe and every service, type-checked once). */
function judge(files: readonly string[]): Judged {
  const program = programOf([TENANT_FILE, PROBE, ...SERVICES]);
  const tenantFile = join(root, TENANT_FILE);
  const checker = program.getTypeChecker();
  const tenantSource = program.getSourceFile(tenantFile);
  const tenantClass = tenantSource?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === "TenantDb");
  if (!tenantClass) throw new Error("TenantDb not found in src/db/tenant.ts");
  const allKeys = checker.getTypeAtLocation(tenantClass).getProperties().map((p) => p.name);
  const keysOf = (type: ts.Type) => type.getProperties().map((p) => p.name).filter((name) => allKeys.includes(name)).sort();
  const out: Judged = { whole: [], narrow: [], transactionHandles: [] };
  for (const file of files) {
    const source = program.getSourceFile(join(root, file));
    if (!source) throw new Error(`${file}: not read`);
    const visit = (node: ts.Node, within: string): void => {
      if (ts.isFunctionLike(node) && node.name && !ts.isFunctionTypeNode(node)) {
        within = node.name.getText();
        for (const parameter of node.parameters) {
          const keys = keysOf(checker.getTypeAtLocation(parameter));
          // Only parameters that hold repositories (a TenantDb or part of one) are judged.
          if (!keys.some((k) => k !== "municipalityId" && k !== "db" && k !== "transaction")) continue;
          const label = `${relative(root, source.fileName)} ${node.name.getText()}(${parameter.name.getText()})`;
          if (keys.length === allKeys.length) out.whole.push(label);
          else out.narrow.push(`${label}: ${keys.join(", ")}`);
        }
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "transaction") {
        const callback = node.arguments[0];
        const handle = callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback.parameters[0] : undefined;
        if (handle) out.transactionHandles.push(`${relative(root, source.fileName)} ${within}: ${keysOf(checker.getTypeAtLocation(handle)).join(", ")}`);
      }
      ts.forEachChild(node, (child) => visit(child, within));
    };
    visit(source, "");
  }
  return out;
}

describe("services receive only the repositories they use", () => {
  it("finds a whole TenantDb however it is spelled, and reads the handle a transaction hands on (the check can fail)", () => {
    const probe = PROBE;
    const judged = judge([probe]);
    expect(judged.whole).toEqual([`${probe} wholeTenant(tenant)`, `${probe} spelledOtherwise(tenant)`]);
    expect(judged.narrow).toEqual([`${probe} narrowTenant(tenant): transaction, units`]);
    // Inside the transaction of a Pick, the handle is the same Pick: no other repository there either.
    expect(judged.transactionHandles).toEqual([`${probe} narrowTenant: transaction, units`]);
  }, 120_000);

  it("no function of src/services takes every repository (except those still listed), and the list only shrinks", () => {
    const judged = judge(SERVICES);
    expect(judged.narrow.length).toBeGreaterThan(150);
    expect(judged.whole.filter((label) => !STILL_WHOLE.includes(label))).toEqual([]);
    expect(STILL_WHOLE.filter((label) => !judged.whole.includes(label))).toEqual([]);
    // Every transaction of a service runs on a handle as narrow as the service's own parameter.
    expect(judged.transactionHandles.length).toBeGreaterThan(40);
    const whole = judged.transactionHandles.filter((h) => h.split(", ").length >= 30).map((h) => h.slice(0, h.indexOf(":")));
    expect(whole.filter((h) => !WHOLE_TRANSACTIONS.includes(h))).toEqual([]);
    expect(WHOLE_TRANSACTIONS.filter((h) => !whole.includes(h))).toEqual([]);
  }, 120_000);
});
