import type { CliIo } from "../../src/cli/program.js";
import type { TestDatabase } from "./databases.js";

/** A CliIo that records what the CLI prints (stdout/stderr lines) and answers stdin with `stdin`. */
export function captureIo(stdin = ""): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), readStdin: async () => stdin, env: {} };
}

/** The CLI's --database value for the test database (PostgreSQL runs use the test's own schema via search_path). */
export function databaseArg(t: TestDatabase): string {
  if (!t.schema) return t.url;
  const url = new URL(t.url);
  url.searchParams.set("options", `-c search_path=${t.schema}`);
  return url.toString();
}
