/**
 * Services do not use CLI wording in messages shown on the web (issue 9): no string in src/services names a command
 * (`gyokaku init`, `gyokaku export …`) or an option (`--unit`, `--year`); a service names the input by its own field
 * (GyokakuError details.field) and the CLI adds its option (src/cli/field-hints.ts).
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { cliMessage } from "../../src/cli/field-hints.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { filesUnder, parseSource, textOf } from "../support/typescript.js";

const COMMANDS = ["add", "backup", "demo", "disable", "edit", "enable", "export", "import", "init", "list", "migrate", "notify-due", "publish", "report", "prune", "reset-password", "restore", "unlock", "roll-age-profile", "serve", "user"];
const CLI_WORDING = new RegExp(`\\bgyokaku (${COMMANDS.join("|")})\\b|(^|[^\\w-])--[a-z][a-z-]+`);

/** "file:line text" of every string or template text in `source` that reads like the command line. */
function cliWording(file: string, text: string): string[] {
  const source = parseSource(file, text);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Module specifiers are paths, not messages.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && CLI_WORDING.test(node.text)) {
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("services speak the web's and the CLI's common language", () => {
  it("finds a command or an option in a message, not in a comment (the check can fail)", () => {
    const probe = [
      "// run gyokaku init first, or pass --unit",
      'throw new Error("先に gyokaku init を実行してください");',
      "const m = `担当組織(--unit)を ${x} 指定`;",
      'const ok = "[gyokaku] 提出期限 — gyokaku にログインし、2025-04-01 から";',
    ].join("\n");
    expect(cliWording("probe.ts", probe)).toEqual(["probe.ts:2 先に gyokaku init を実行してください", "probe.ts:3 担当組織(--unit)を "]);
  });

  it("no string of src/services names a command or an option", () => {
    const files = filesUnder("src/services");
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => cliWording(file, textOf(file)))).toEqual([]);
  });

  it("the CLI adds the option a service's field is given by, and leaves other messages as they are", () => {
    expect(cliMessage(new GyokakuError("invalid_input", "編集者(editor)には担当する組織を1つ以上指定してください", { field: "unitCodes" }))).toBe("編集者(editor)には担当する組織を1つ以上指定してください (--unit)");
    expect(cliMessage(new GyokakuError("not_found", "団体コード 011002 の団体が登録されていません", { field: "municipalityCode" }))).toContain("gyokaku init");
    expect(cliMessage(new GyokakuError("invalid_input", "年度が不正です", { field: "somethingElse" }))).toBe("年度が不正です");
    expect(cliMessage(new GyokakuError("invalid_input", "年度が不正です"))).toBe("年度が不正です");
  });
});
