/**
 * Start-up benchmark for `gyokaku serve`: time from spawning the built CLI to the first 200 from
 * GET /healthz, and the server's resident memory at that moment. Prints figures; asserts nothing.
 *
 *   npm run bench            (all benchmarks)
 *   node --import tsx bench/startup.ts
 *
 * Runs against dist/ (what users run), building it first when it is missing. With a postgres://
 * TEST_DATABASE_URL or DATABASE_URL it also measures PostgreSQL in a throw-away schema.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { postgresUrl } from "./support/common.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(ROOT, "dist", "cli", "main.js");
const RUNS = 5;
const POLL_MS = 5;
const TIMEOUT_MS = 20_000;
const GOAL_MS = 1000;
const GOAL_MB = 120;

interface Sample {
  ms: number;
  rssMb: number;
}

interface Series {
  title: string;
  samples: Sample[];
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A port nobody listens on right now (the OS picks it; we release it for the child). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`VmRSS not found in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

/** One start: spawn, poll /healthz until 200, read RSS, stop the server. */
async function startOnce(database: string): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, "serve", "--port", String(port), "--host", "127.0.0.1", "--database", database], {
    cwd: ROOT,
    // DATABASE_URL must not override --database; PORT/HOST are given explicitly.
    env: { ...process.env, DATABASE_URL: undefined },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${stderr}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`no 200 from /healthz within ${TIMEOUT_MS} ms:\n${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        await response.arrayBuffer();
        if (response.status === 200) break;
      } catch {
        // Not listening yet.
      }
      await sleep(POLL_MS);
    }
    const ms = performance.now() - started;
    return { ms, rssMb: rssMb(child.pid ?? -1) };
  } finally {
    child.kill("SIGTERM");
    await waitForExit(child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function printSeries({ title, samples }: Series): void {
  const ms = samples.map((s) => s.ms);
  const mb = samples.map((s) => s.rssMb);
  console.log(`\n${title}`);
  console.log("  run   ms to first /healthz   RSS MB");
  samples.forEach((s, i) => console.log(`  ${String(i + 1).padStart(3)}   ${s.ms.toFixed(0).padStart(20)}   ${s.rssMb.toFixed(1).padStart(6)}`));
  console.log(`  median ${median(ms).toFixed(0).padStart(19)}   ${median(mb).toFixed(1).padStart(6)}`);
  console.log(`  max    ${Math.max(...ms).toFixed(0).padStart(19)}   ${Math.max(...mb).toFixed(1).padStart(6)}`);
}

async function sqliteSeries(): Promise<Series[]> {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-bench-"));
  try {
    const urls = Array.from({ length: RUNS }, (_, i) => `sqlite:${join(dir, `run${i + 1}`, "bench.db")}`);
    // One uncounted start so the first counted run does not also pay for reading node_modules from disk.
    await startOnce(`sqlite:${join(dir, "priming", "bench.db")}`);
    const cold: Sample[] = [];
    for (const url of urls) cold.push(await startOnce(url));
    // The same files again: migrations are already applied.
    const warm: Sample[] = [];
    for (const url of urls) warm.push(await startOnce(url));
    return [
      { title: "SQLite — cold: new database (migrations run)", samples: cold },
      { title: "SQLite — warm: existing database", samples: warm },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL: a fresh schema per run (search_path through the URL's options), dropped afterwards. */
async function postgresSeries(base: string): Promise<Series[]> {
  const schemas = Array.from({ length: RUNS }, (_, i) => `gyokaku_bench_${process.pid}_${i + 1}`);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const urlFor = (schema: string) => {
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return url.toString();
  };
  try {
    for (const schema of schemas) await admin.query(`create schema ${schema}`);
    const cold: Sample[] = [];
    for (const schema of schemas) cold.push(await startOnce(urlFor(schema)));
    const warm: Sample[] = [];
    for (const schema of schemas) warm.push(await startOnce(urlFor(schema)));
    return [
      { title: "PostgreSQL — cold: new schema (migrations run)", samples: cold },
      { title: "PostgreSQL — warm: existing schema", samples: warm },
    ];
  } finally {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) {
    console.log("dist/cli/main.js がありません — node scripts/build.mjs を実行します");
    execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
  }
  console.log(`gyokaku serve start-up (node ${process.version}, ${RUNS} runs each, dist/cli/main.js)`);
  console.log(`goal ≤ ${GOAL_MS} ms, ≤ ${GOAL_MB} MB (SQLite)`);

  const series = await sqliteSeries();
  const pgBase = postgresUrl();
  if (pgBase) series.push(...(await postgresSeries(pgBase)));
  else console.log("(PostgreSQL: skipped — set TEST_DATABASE_URL=postgres://… to measure it)");
  for (const s of series) printSeries(s);

  const sqlite = series.filter((s) => s.title.startsWith("SQLite")).flatMap((s) => s.samples);
  const worstMs = Math.max(...sqlite.map((s) => s.ms));
  const worstMb = Math.max(...sqlite.map((s) => s.rssMb));
  console.log(
    `\nSQLite worst case: ${worstMs.toFixed(0)} ms (goal ≤ ${GOAL_MS} ms ${worstMs <= GOAL_MS ? "met" : "MISSED"}), ` +
      `${worstMb.toFixed(1)} MB (goal ≤ ${GOAL_MB} MB ${worstMb <= GOAL_MB ? "met" : "MISSED"})`,
  );

  // Kept for comparing over time; bench/results/ is git-ignored.
  const resultsDir = join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "startup.json"),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, goal: { ms: GOAL_MS, mb: GOAL_MB }, series }, null, 2)}\n`,
  );
}

await main();
