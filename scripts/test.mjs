// `npm test`: runs the whole vitest suite, then prints the plain closing line "N passed, N failed"
// that CI reads (vitest's own summary is not one it recognises).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const vitest = new URL("../node_modules/vitest/vitest.mjs", import.meta.url).pathname;
mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
const result = spawnSync(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TZ: "Asia/Tokyo" } },
);

let summary;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  const failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
  summary = `${json.numPassedTests} passed, ${failed} failed` + (json.numPendingTests + json.numTodoTests > 0 ? `, ${json.numPendingTests + json.numTodoTests} skipped` : "");
} catch {
  summary = "0 passed, 1 failed";
}
if (!process.env.TEST_DATABASE_URL) console.log("(PostgreSQL tests not run: set TEST_DATABASE_URL=postgres://… to run them too)");
console.log(summary);
process.exit(result.status ?? 1);
