/**
 * Rendering benchmark of 図表4: GET /staffing/headcounts?from=2005&to=2025&every=1 through the app in-process
 * (createApp().request, no network), with the demo city filled so that every year 2005–2025 has figures for
 * every unit that existed (missing years take the 2025 figures). Prints figures; asserts nothing.
 *
 *   npm run bench            (all benchmarks)
 *   node --import tsx bench/headcount-table.ts
 *
 * With a postgres:// TEST_DATABASE_URL or DATABASE_URL it also measures PostgreSQL in a throw-away schema.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type Database, openDatabase } from "../src/db/connection.js";
import { createApp } from "../src/web/app.js";
import { percentile, postgresUrl, withPostgresSchema } from "./support/common.js";
import { HEAVIEST_PATH as PATH, prepareFilledDemo } from "./support/filled-demo.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WARMUP = 5;
const RUNS = 50;
const GOAL_MS = 30;
const USERNAME = "bench-admin";
const PASSWORD = "Bench-headcount-2025!";

interface Result {
  title: string;
  samples: number[];
  htmlBytes: number;
  records: number;
}

async function measure(title: string, database: Database): Promise<Result> {
  const { cookie, records } = await prepareFilledDemo(database, { username: USERNAME, password: PASSWORD });
  const app = createApp({ database, secureCookies: false });
  let htmlBytes = 0;
  const once = async (): Promise<number> => {
    const started = performance.now();
    const response = await app.request(PATH, { headers: { cookie, host: "localhost" } });
    const html = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${PATH} answered ${response.status}:\n${html.slice(0, 500)}`);
    htmlBytes = Buffer.byteLength(html);
    return ms;
  };
  for (let i = 0; i < WARMUP; i += 1) await once();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(await once());
  return { title, samples, htmlBytes, records };
}

function print(result: Result): void {
  const median = percentile(result.samples, 50);
  const p95 = percentile(result.samples, 95);
  const max = Math.max(...result.samples);
  console.log(`\n${result.title} — ${result.records} headcount records, ${(result.htmlBytes / 1024).toFixed(0)} KiB of HTML`);
  console.log(`  median ${median.toFixed(1).padStart(6)} ms`);
  console.log(`  p95    ${p95.toFixed(1).padStart(6)} ms`);
  console.log(`  max    ${max.toFixed(1).padStart(6)} ms`);
  console.log(`  goal ≤ ${GOAL_MS} ms server time (p95): ${p95 <= GOAL_MS ? "met" : "MISSED"}`);
}

async function sqlite(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-bench-table-"));
  const database = await openDatabase(`sqlite:${join(dir, "bench.db")}`);
  try {
    return await measure("SQLite", database);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`図表4 rendering: GET ${PATH} in-process (node ${process.version}, ${WARMUP} warm-up + ${RUNS} timed requests)`);
  console.log(`goal ≤ ${GOAL_MS} ms server time`);
  const results = [await sqlite()];
  const pgUrl = postgresUrl();
  if (pgUrl) results.push(await withPostgresSchema(pgUrl, "table", (database) => measure("PostgreSQL", database)));
  else console.log("(PostgreSQL: skipped — set TEST_DATABASE_URL=postgres://… to measure it)");
  for (const r of results) print(r);

  // Kept for comparing over time; bench/results/ is git-ignored.
  const resultsDir = join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "headcount-table.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        path: PATH,
        goalMs: GOAL_MS,
        results: results.map((r) => ({ title: r.title, records: r.records, htmlBytes: r.htmlBytes, medianMs: percentile(r.samples, 50), p95Ms: percentile(r.samples, 95), maxMs: Math.max(...r.samples), samples: r.samples })),
      },
      null,
      2,
    )}\n`,
  );
}

await main();
