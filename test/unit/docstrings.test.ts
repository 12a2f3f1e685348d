/**
 * Every exported function, class, type, interface and constant of src/domain and src/index.ts carries a docstring
 * (issue 9, "Docs in the repository"): a new undocumented export fails here, naming the file and the symbol.
 * Read with the TypeScript compiler API, as tsc sees the module: `export { a, b }` lists and re-exports are followed to
 * the declaration, and an overloaded function counts as documented when one of its signatures is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const domainFiles = readdirSync(join(root, "src/domain")).filter((f) => f.endsWith(".ts")).sort().map((f) => `src/domain/${f}`);
const checkedFiles = [...domainFiles, "src/index.ts"];

/** A declaration's own JSDoc with some text: a `/** … *\/` block right before it (or before its `export const` statement). */
function hasDocstring(declaration: ts.Node): boolean {
  const target = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.getJSDocCommentsAndTags(target).some((doc) => ts.isJSDoc(doc) && (doc.comment !== undefined || (doc.tags?.length ?? 0) > 0));
}

/** Each checked file's undocumented exports, as "name (where it is declared)". */
function undocumentedExports(program: ts.Program, files: readonly string[]): Map<string, string[]> {
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(join(root, file));
    if (!source) throw new Error(`not in the program: ${file}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const missing: string[] = [];
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      if (declarations.some(hasDocstring)) continue;
      const where = declarations[0] ? relative(root, declarations[0].getSourceFile().fileName) : "?";
      missing.push(`${exported.name} (${where})`);
    }
    result.set(file, missing.sort());
  }
  return result;
}

function programOf(files: Record<string, string>): ts.Program {
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files[name] ?? readFile(name);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.getSourceFile = (name, version) => {
    const text = files[name];
    return text === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, text, version, true);
  };
  return ts.createProgram(Object.keys(files), { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true }, host);
}

describe("every export of src/domain and src/index.ts has a docstring (shapes, units, @throws, the rule's source)", () => {
  it("the check finds an undocumented export, through a re-export list too (so it can fail)", () => {
    const a = join(root, "probe-a.ts");
    const b = join(root, "probe-b.ts");
    const program = programOf({
      [a]: "/** Staff of a unit (人). */\nexport const staff = 1;\nexport function bare(): number { return 1; }\nconst hidden = 2;\nexport { hidden };\n",
      [b]: 'export { staff, bare } from "./probe-a.js";\n',
    });
    const missing = undocumentedExports(program, ["probe-a.ts", "probe-b.ts"]);
    expect(missing.get("probe-a.ts")).toEqual(["bare (probe-a.ts)", "hidden (probe-a.ts)"]);
    expect(missing.get("probe-b.ts")).toEqual(["bare (probe-a.ts)"]);
  });

  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(checkedFiles.map((f) => join(root, f)), { ...config.options, noEmit: true });
  const missing = undocumentedExports(program, checkedFiles);
  it.each(checkedFiles)("%s", (file) => {
    expect(missing.get(file)).toEqual([]);
  });
});

/** Where a function declared in `source` throws (a `throw` in its body) without a `@throws` in its docstring: "name (file:line)". */
function throwsUndocumented(source: ts.SourceFile, file: string): string[] {
  const found: string[] = [];
  const throwsIn = (node: ts.Node): boolean => ts.isThrowStatement(node) || (ts.forEachChild(node, throwsIn) ?? false);
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const hasThrowsTag = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === "throws");
  const check = (name: string, body: ts.Node | undefined, doc: ts.Node) => {
    if (body && throwsIn(body) && !hasThrowsTag(doc)) found.push(`${name} (${file}:${source.getLineAndCharacterOfPosition(doc.getStart(source)).line + 1})`);
  };
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) check(statement.name.text, statement.body, statement);
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isIdentifier(d.name) && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) check(d.name.text, init.body, d);
      }
    }
    if (ts.isClassDeclaration(statement) && exported(statement) && statement.name) {
      for (const member of statement.members) {
        if ((ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) && !(ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) {
          check(`${statement.name.text}.${member.name && ts.isIdentifier(member.name) ? member.name.text : "constructor"}`, member.body, member);
        }
      }
    }
  }
  return found;
}

describe("an exported function of src/domain that throws says so: `@throws` in its docstring (what is thrown, when)", () => {
  it("the check finds a throwing export without @throws (so it can fail)", () => {
    const probe = ts.createSourceFile(
      "probe.ts",
      '/** Bare. */\nexport function a(x: number): number { if (x < 0) throw new Error("x"); return x; }\n/**\n * Told.\n * @throws Error when x < 0.\n */\nexport function b(x: number): number { if (x < 0) throw new Error("x"); return x; }\n/** Quiet. */\nexport function c(): number { return 1; }\n',
      ts.ScriptTarget.Latest,
      true,
    );
    expect(throwsUndocumented(probe, "probe.ts")).toEqual(["a (probe.ts:2)"]);
  });

  it.each(domainFiles)("%s", (file) => {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true);
    expect(throwsUndocumented(source, file)).toEqual([]);
  });
});
