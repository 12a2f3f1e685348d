/**
 * The TypeScript compiler as the tests that read src/ use it (domain-errors, service-messages, service-repositories,
 * web-repositories, authorization-guards, presenters): one way to list the source files, to parse one, and to type-check
 * a set of them. A program is made once per file set and kept (making one costs seconds), so a test file that asks
 * for the same files twice — a probe and the real tree in one program — pays once.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** The repository's root; every path below is relative to it ("src/services/units.ts"). */
export const root = join(import.meta.dirname, "../..");

/** Every .ts and .tsx file under `dir` (relative to the root, recursively), as root-relative paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text of a root-relative file. */
export function textOf(file: string): string {
  return readFileSync(join(root, file), "utf8");
}

/**
 * One file parsed (syntax only, parents set), as TSX when its name ends in .tsx. `text` defaults to the file's content;
 * pass it to parse a probe that is no file.
 */
export function parseSource(file: string, text: string = textOf(file)): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const programs = new Map<string, ts.Program>();

/**
 * A type-checked program of `files` (root-relative) with tsconfig.json's options (and what they import), made once
 * per set of files and reused. Its source files are found with `program.getSourceFile(join(root, file))`.
 */
export function programOf(files: readonly string[]): ts.Program {
  const key = [...new Set(files)].sort().join("\n");
  const cached = programs.get(key);
  if (cached) return cached;
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json unreadable");
  const program = ts.createProgram(
    files.map((f) => join(root, f)),
    { ...config.options, noEmit: true },
  );
  programs.set(key, program);
  return program;
}
