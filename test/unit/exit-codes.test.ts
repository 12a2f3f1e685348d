/**
 * CLI exit codes (issue 9): one distinct code per GyokakuError kind, shown by `gyokaku --help` and the README, and
 * the code the CLI returns is the one of the kind thrown.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT_CODE_HELP, EXIT_CODES, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE } from "../../src/cli/exit-codes.js";
import { runCli } from "../../src/cli/program.js";
import { captureIo } from "../support/cli-io.js";

describe("exit codes: one per kind of error", () => {
  it("every kind has its own code, none of them success, usage or unexpected", () => {
    // EXIT_CODES is a Record<ErrorCode, number>: the compiler makes every kind have an entry.
    const codes = Object.values(EXIT_CODES);
    expect(codes).toHaveLength(11);
    expect(codes.every((c) => Number.isInteger(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const reserved of [EXIT_OK, EXIT_USAGE, EXIT_UNEXPECTED]) expect(codes).not.toContain(reserved);
    expect(EXIT_CODES).toMatchObject({ invalid_input: 1, not_found: 3, forbidden: 4, conflict: 5, too_large: 8, confirmation_required: 10, stored_data_invalid: 11 });
  });

  it("`gyokaku --help` lists every code once, in order, and the README lists the same codes", async () => {
    const io = captureIo();
    expect(await runCli(["--help"], io)).toBe(0);
    const help = io.stdout.join("\n");
    for (const line of EXIT_CODE_HELP) expect(help).toContain(line);
    const listed = EXIT_CODE_HELP.slice(1).map((l) => Number(/^\s+(\d+)/.exec(l)?.[1]));
    expect(listed).toEqual([...new Set([EXIT_OK, EXIT_USAGE, EXIT_UNEXPECTED, ...Object.values(EXIT_CODES)])].sort((a, b) => a - b));
    const readme = readFileSync("README.md", "utf8");
    for (const code of listed) expect(readme, `README: 終了コード ${code}`).toMatch(new RegExp(`(^|[^\\d])${code} [^\\s]`, "m"));
  }, 120_000);

  it("the CLI returns the code of the kind thrown: a wrong database URL is invalid_input (1)", async () => {
    const io = captureIo();
    expect(await runCli(["migrate", "--database", "mysql://nope"], io)).toBe(EXIT_CODES.invalid_input);
  }, 120_000);
});
