// Runs every bench/*.ts in turn (`npm run bench`). Benchmarks print figures and assert nothing,
// so the exit code is non-zero only when one of them crashes.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = readdirSync(new URL("../bench/", import.meta.url))
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
  .sort();

if (files.length === 0) {
  console.error("bench/ に *.ts がありません");
  process.exit(1);
}

// Benchmarks that start the CLI measure dist/: build it from the current src first so figures are never stale.
const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(1);

const crashed = [];
for (const name of files) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", `bench/${name}`], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) crashed.push(`bench/${name} (${result.error?.message ?? result.signal ?? `exit ${result.status}`})`);
}

if (crashed.length > 0) {
  console.error(`\n失敗したベンチマーク: ${crashed.join(", ")}`);
  process.exit(1);
}
