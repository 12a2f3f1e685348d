/**
 * The domain throws GyokakuError with a stable code across its boundary (issue 9, "Errors"): no bare RangeError or
 * TypeError, which the edges would show as a 500 / 予期しないエラー instead of the Japanese refusal. Read with the
 * TypeScript compiler: every `new Error(…)` / `new RangeError(…)` / … in src/domain, and every `throw` of anything but
 * `new GyokakuError(…)`, a helper's result or a catch block's own error, fails here naming the file and line — unless it
 * is on ALLOWED below: internal invariants (an impossible state of the module's own constants, a bug and so a 500).
 * The list may only shrink: an entry no longer found fails too.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { normalizeMunicipalityCode } from "../../src/domain/municipality-code.js";
import { parseFiscalYear } from "../../src/domain/era.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { EXIT_CODES } from "../../src/cli/exit-codes.js";
import { STATUS } from "../../src/web/request.js";
import { parseCsv } from "../../src/io/csv.js";
import { decodeText, encodeText } from "../../src/io/text-encoding.js";
import { filesUnder, parseSource, textOf } from "../support/typescript.js";

/** The built-in error classes: constructing one in the domain is a finding unless allowed. */
const BUILT_IN_ERRORS = new Set(["Error", "RangeError", "TypeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"]);

/** Plain Errors the domain may still throw: file, a piece of the message, and why it is no user's or data's fault. */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  { file: "src/domain/era.ts", text: "年度に対応する元号がありません", why: "unreachable after requireFiscalYear (every year ≥ 1868 has an era)" },
  { file: "src/domain/comparison.ts", text: "unknown sector", why: "checked once at module load: DIAGNOSIS_ORDER names only SECTORS' codes" },
  { file: "src/domain/similar-group.ts", text: "類型表に当てはまりません", why: "the 類型表 cover every population and share pair the input checks let through" },
];

interface Finding {
  file: string;
  line: number;
  /** The statement or expression as written (first 120 characters). */
  text: string;
}

/** The name of the catch clause variable `node` sits in, innermost first (a rethrow of it is allowed). */
function catchVariables(node: ts.Node): string[] {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCatchClause(n) && n.variableDeclaration && ts.isIdentifier(n.variableDeclaration.name)) names.push(n.variableDeclaration.name.text);
  }
  return names;
}

/** What `new GyokakuError(…)`, a helper call or a rethrow is not: the throws and error constructions the rule forbids. */
function findings(file: string, text: string): Finding[] {
  const source = parseSource(file, text);
  const out: Finding[] = [];
  const report = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    out.push({ file, line, text: node.getText(source).replace(/\s+/g, " ").slice(0, 120) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && BUILT_IN_ERRORS.has(node.expression.text)) report(node);
    if (ts.isClassLike(node)) {
      const extendsClause = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
      const base = extendsClause?.types[0]?.expression;
      const isGyokakuError = node.name?.text === "GyokakuError" && file === "src/domain/errors.ts";
      if (base && ts.isIdentifier(base) && BUILT_IN_ERRORS.has(base.text) && !isGyokakuError) report(node.name ?? node);
    }
    if (ts.isThrowStatement(node)) {
      const e = node.expression;
      const gyokaku = ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "GyokakuError";
      // A helper (era.ts unreadable, year-header.ts refuse): what it constructs is checked where it does.
      const helper = ts.isCallExpression(e);
      const rethrow = ts.isIdentifier(e) && catchVariables(node).includes(e.text);
      // A built-in error is reported once, as its construction above.
      const builtIn = ts.isNewExpression(e) && ts.isIdentifier(e.expression) && BUILT_IN_ERRORS.has(e.expression.text);
      if (!gyokaku && !helper && !rethrow && !builtIn) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function allowedBy(finding: Finding): (typeof ALLOWED)[number] | undefined {
  return ALLOWED.find((a) => a.file === finding.file && finding.text.includes(a.text));
}

describe("the domain throws GyokakuError, never a bare RangeError / TypeError", () => {
  it("finds what the rule forbids (the check can fail)", () => {
    const probe = [
      'import { GyokakuError } from "./errors.js";',
      'export function a(x: number): number { if (x < 0) throw new RangeError("負"); return x; }',
      'export function b(x: unknown): string { if (typeof x !== "string") throw new TypeError("文字列"); return x; }',
      'export function c(): never { throw "text"; }',
      'export function d(): never { const e = new Error("作るだけ"); throw e; }',
      "export class Refused extends RangeError {}",
      'export function ok(x: number): number { if (x < 0) throw new GyokakuError("invalid_input", "負"); return x; }',
      'function refuse(m: string): never { throw new GyokakuError("invalid_input", m); }',
      'export function ok2(t: string): number { try { return JSON.parse(t); } catch (error) { if (t === "") refuse("空"); throw error; } }',
    ].join("\n");
    expect(findings("src/domain/probe.ts", probe).map((f) => `${f.line} ${f.text}`)).toEqual([
      '2 new RangeError("負")',
      '3 new TypeError("文字列")',
      '4 throw "text";',
      '5 new Error("作るだけ")',
      "5 throw e;",
      "6 Refused",
    ]);
  });

  const files = filesUnder("src/domain");
  const all = files.flatMap((file) => findings(file, textOf(file)));

  it("reads every domain file and its throws", () => {
    expect(files.length).toBeGreaterThan(40);
    const gyokakuThrows = files.map((file) => textOf(file).match(/throw new GyokakuError\(/g)?.length ?? 0).reduce((s, n) => s + n, 0);
    expect(gyokakuThrows).toBeGreaterThan(50);
  });

  it("has no bare error in src/domain but the internal invariants allowed", () => {
    expect(all.filter((f) => !allowedBy(f)).map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it.each(ALLOWED.map((a) => [a.file, a.text, a.why] as const))("%s: 「%s」 is still there (else drop it from ALLOWED) — %s", (file, text) => {
    expect(all.some((f) => f.file === file && f.text.includes(text))).toBe(true);
  });
});

describe("a domain refusal is a GyokakuError(invalid_input) with its Japanese message, mapped once for the web and the CLI", () => {
  function thrownBy(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error("nothing was thrown");
  }

  it("parseFiscalYear of an era year that never was", () => {
    const error = thrownBy(() => parseFiscalYear("昭和65年度"));
    expect(error).toBeInstanceOf(GyokakuError);
    expect(error).toMatchObject({ code: "invalid_input", message: "存在しない年度です: 「昭和65年度」(昭和は1989年1月7日に終わり、1990年度は平成2年度です)" });
  });

  it("an untyped value where a string belongs is the data's fault, not a TypeError", () => {
    expect(thrownBy(() => parseFiscalYear(2025 as unknown as string))).toMatchObject({ name: "GyokakuError", code: "invalid_input", message: "年度は文字列で指定してください: 2025" });
    expect(thrownBy(() => normalizeMunicipalityCode(12246 as unknown as string))).toMatchObject({ name: "GyokakuError", code: "invalid_input", message: "団体コードは文字列で指定してください: 12246" });
  });

  it("invalid_input is a 400 on the web and exit code 1 from the CLI", () => {
    expect(STATUS.invalid_input).toBe(400);
    expect(EXIT_CODES.invalid_input).toBe(1);
  });

  it("the readers of src/io refuse a file with GyokakuError(invalid_input) themselves, so no catch turns a RangeError (a bug) into a 400", () => {
    expect(thrownBy(() => decodeText(encodeText("職員", "shift_jis"), "utf-8"))).toMatchObject({
      name: "GyokakuError",
      code: "invalid_input",
      message: "UTF-8として読めないバイト列が含まれています (Shift_JISのファイルではありませんか)",
    });
    expect(thrownBy(() => parseCsv('a,b\n"open'))).toMatchObject({ name: "GyokakuError", code: "invalid_input", message: 'CSVの引用符(")が閉じられていません (2行目から)' });
    expect(thrownBy(() => encodeText("🙂", "shift_jis"))).toMatchObject({ name: "GyokakuError", code: "invalid_input", message: "Shift_JIS(CP932)で表せない文字があります: 「🙂」(1行目)" });
  });
});
