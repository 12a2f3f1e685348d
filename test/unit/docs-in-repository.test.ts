/**
 * The project's documents live in the repository (issue 9, "Docs in the repository"): the README links
 * docs/ARCHITECTURE.md, docs/DOMAIN.md and docs/CONVENTIONS.md, which exist; no source, test, script or document points
 * outside the repository (../shared), and a comment citing one of the documents names it by its path in docs/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const DOCS = ["ARCHITECTURE.md", "DOMAIN.md", "CONVENTIONS.md"];

function textFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (name === "fixtures") return [];
    if (statSync(join(root, path)).isDirectory()) return textFiles(path);
    return /\.(ts|tsx|mjs|js|md)$/.test(name) ? [path] : [];
  });
}

/** Lines of a file that point outside the repository or cite a document without its docs/ path. */
function misplacedReferences(text: string): string[] {
  return text.split("\n").filter((line) => line.includes("../shared") || /(?<![\w/])(ARCHITECTURE|DOMAIN|CONVENTIONS)\.md/.test(line));
}

describe("the documents are in the repository and cited by their path", () => {
  it("the README links each document of docs/, and each exists", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const doc of DOCS) {
      expect(existsSync(join(root, "docs", doc)), doc).toBe(true);
      expect(readme).toContain(`(docs/${doc})`);
    }
  });
  it("finds a citation without docs/ and a ../shared path (the check can fail)", () => {
    expect(misplacedReferences("// as DOMAIN.md lists them\n// see docs/DOMAIN.md\n// copied from ../shared/field-cases")).toEqual([
      "// as DOMAIN.md lists them",
      "// copied from ../shared/field-cases",
    ]);
  });
  const files = [...textFiles("src"), ...textFiles("test"), ...textFiles("scripts"), ...textFiles("docs"), "README.md", ".ci/run"];
  // This file names the patterns it looks for.
  it.each(files.filter((f) => f !== "test/unit/docs-in-repository.test.ts"))("%s", (file) => {
    expect(misplacedReferences(readFileSync(join(root, file), "utf8"))).toEqual([]);
  });
});
