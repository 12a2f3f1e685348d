/**
 * Publish benchmark: `gyokaku publish` of the demo city's 令和7年度 edition into a fresh folder (the public dataset,
 * every page with its charts, the open data in four formats and the zip the 公表 page offers), on SQLite.
 * Prints figures; asserts nothing.
 *
 *   node --import tsx bench/publish.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type CliIo, runCli } from "../src/cli/program.js";
import { openDatabase } from "../src/db/connection.js";
import { TenantDb } from "../src/db/tenant.js";
import { loadDemo } from "../src/services/demo.js";
import { publishSite } from "../src/services/publish-site.js";

const GOAL_MS = 3000;
const RUNS = 3;

const dir = mkdtempSync(join(tmpdir(), "gyokaku-bench-publish-"));
const url = `sqlite:${join(dir, "bench.db")}`;
const io: CliIo = { out: () => undefined, err: () => undefined, readStdin: async () => "", env: {} };
try {
  const database = await openDatabase(url);
  const { municipality } = await loadDemo(database.db);
  const tenant = new TenantDb(database.db, municipality.id);
  // In-process: the public dataset → every file, as the zip route does.
  const inProcess: number[] = [];
  let fileCount = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const site = await publishSite(tenant, municipality, 2025, { today: "2025-09-30", makePdf: null });
    inProcess.push(performance.now() - t0);
    fileCount = site.files.length;
    bytes = site.files.reduce((s, f) => s + f.bytes.length, 0);
  }
  await database.close();
  // The CLI end to end (open database, build, write the folder).
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const code = await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", join(dir, `site-${i}`), "--database", url], io);
    cli.push(performance.now() - t0);
    if (code !== 0) throw new Error(`publish exited ${code}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(`site: ${fileCount} files, ${(bytes / 1024).toFixed(0)} KiB (in process: without the PDF)`);
  console.log(`build in process (first / median of ${RUNS}): ${inProcess[0]?.toFixed(0)} / ${median(inProcess).toFixed(0)} ms`);
  console.log(`gyokaku publish with the PDF (first / median of ${RUNS}):  ${cli[0]?.toFixed(0)} / ${median(cli).toFixed(0)} ms   goal ≤ ${GOAL_MS} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
