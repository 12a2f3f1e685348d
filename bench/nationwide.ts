/**
 * Nationwide diagnosis benchmark: a synthetic roster of every municipality in Japan (1,741 = 20 指定都市, 62 中核市,
 * 23 施行時特例市, 23 特別区, 687 一般市, 926 町村; populations and industry shares drawn so the groups come out
 * realistic) with staff in all 16 sectors and the 4 subtotals, written as a MIC-style CSV, imported through the real
 * import service (parse, check, one transaction), then every municipality diagnosed against its group. Prints
 * figures; asserts nothing.
 *
 *   npm run bench            (all benchmarks)
 *   node --import tsx bench/nationwide.ts
 *
 * Goals: import ≤ 2 s, diagnose all ≤ 50 ms. With a postgres:// TEST_DATABASE_URL or DATABASE_URL it also
 * measures PostgreSQL in a throw-away schema.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type Database, openDatabase } from "../src/db/connection.js";
import { TenantDb } from "../src/db/tenant.js";
import { comparisonName, groupKey, TOTAL_PARTS } from "../src/domain/comparison.js";
import { municipalityCheckDigit } from "../src/domain/municipality-code.js";
import { averagesFromRoster, diagnoseAll } from "../src/domain/nationwide.js";
import { PREFECTURES } from "../src/domain/prefecture.js";
import { SECTORS } from "../src/domain/sector.js";
import { classifySimilarGroup, type MunicipalityKind } from "../src/domain/similar-group.js";
import { toCsv } from "../src/io/csv.js";
import { CLI_ACTOR } from "../src/services/audit.js";
import { rosterEntries } from "../src/domain/group-averages.js";
import { importComparison } from "../src/services/comparison-import.js";
import { diagnoseNationwide } from "../src/services/comparison/nationwide.js";
import { createMunicipality } from "../src/services/municipalities.js";
import { percentile, postgresUrl, withPostgresSchema } from "./support/common.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FISCAL_YEAR = 2024;
const IMPORT_GOAL_MS = 2000;
const DIAGNOSE_GOAL_MS = 50;
const RUNS = 30;

/** How many of each kind MIC counted in 2024, with a typical population range (log-uniform). */
const KINDS: { kind: MunicipalityKind; count: number; min: number; max: number; suffix: string }[] = [
  { kind: "designated", count: 20, min: 690_000, max: 3_770_000, suffix: "市" },
  { kind: "core", count: 62, min: 200_000, max: 650_000, suffix: "市" },
  { kind: "former-special", count: 23, min: 170_000, max: 280_000, suffix: "市" },
  { kind: "ward", count: 23, min: 60_000, max: 940_000, suffix: "区" },
  { kind: "city", count: 687, min: 3_000, max: 450_000, suffix: "市" },
  { kind: "town", count: 926, min: 150, max: 50_000, suffix: "町" },
];

/** Staff per 10,000 population by sector, before the per-municipality scatter (普通会計 ≈ 70, smaller places more). */
const BASE_PER10K: Record<string, number> = {
  gikai: 0.9, somu: 16, zeimu: 4.2, rodo: 0.15, norin: 2.2, shoko: 1.6, doboku: 6.3, minsei: 17, eisei: 6,
  kyoiku: 8.5, shobo: 9, byoin: 12, suido: 2.3, kotsu: 0.6, gesuido: 2, sonota: 2.1,
};

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Synthetic {
  csv: string;
  rows: number;
  groups: number;
}

function synthesize(): Synthetic {
  const rand = random(1741);
  const header = ["団体コード", "都道府県名", "団体名", "類型", "住民基本台帳人口", ...SECTORS.map((s) => s.name), "一般行政計", "普通会計計", "公営企業等会計計", "合計"];
  const lines: (string | number)[][] = [[`令和6年4月1日現在 団体別・部門別職員数 (ベンチマーク用の架空データ)`], header];
  const next = new Map<string, number>();
  const groups = new Set<string>();
  let serial = 0;
  for (const k of KINDS) {
    for (let i = 0; i < k.count; i++) {
      serial += 1;
      // Special wards are Tokyo's; the others spread over the prefectures.
      const prefecture = k.kind === "ward" ? PREFECTURES[12] : PREFECTURES[serial % PREFECTURES.length];
      if (!prefecture) throw new Error("prefecture");
      const n = next.get(prefecture.code) ?? (k.kind === "ward" ? 101 : 200);
      next.set(prefecture.code, n + 1);
      const body = `${prefecture.code}${String(n).padStart(3, "0")}`;
      const population = Math.round(k.min * (k.max / k.min) ** rand());
      const secondary = 8 + rand() * 30;
      const tertiary = Math.min(100 - secondary - 0.5, 45 + rand() * 40);
      const group = classifySimilarGroup({ kind: k.kind, population, secondaryPercent: secondary, tertiaryPercent: tertiary });
      const key = k.kind === "city" || k.kind === "town" ? groupKey({ kind: k.kind, code: group }) : k.kind;
      groups.add(key);
      const smallness = 1 + 2.5 * Math.max(0, Math.log10(100_000 / population)) ** 1.5;
      const staff: Record<string, number> = {};
      for (const s of SECTORS) {
        // Sectors some municipalities do not run themselves (消防 in a 一部事務組合, no hospital, no transport).
        const absent = (s.code === "shobo" && rand() < 0.35) || (s.code === "byoin" && rand() < 0.7) || (s.code === "kotsu" && rand() < 0.95) || (s.code === "rodo" && rand() < 0.3);
        const rate = (BASE_PER10K[s.code] ?? 1) * smallness * (0.6 + 0.8 * rand());
        staff[s.code] = absent ? 0 : Math.max(0, Math.round((rate * population) / 10000));
      }
      const sum = (code: "ippan" | "futsu" | "kigyo" | "gokei") => TOTAL_PARTS[code].reduce((t, p) => t + (staff[p] ?? 0), 0);
      const name = `架空${serial}${k.kind === "town" && rand() < 0.2 ? "村" : k.suffix}`;
      lines.push([
        `${body}${municipalityCheckDigit(body)}`,
        prefecture.name,
        name,
        k.kind === "city" || k.kind === "town" ? group.replace("-", "－") : group,
        population,
        ...SECTORS.map((s) => staff[s.code] ?? 0),
        sum("ippan"),
        sum("futsu"),
        sum("kigyo"),
        sum("gokei"),
      ]);
    }
  }
  return { csv: toCsv(lines), rows: serial, groups: groups.size };
}

interface Result {
  title: string;
  importMs: number;
  staffRows: number;
  pureMedianMs: number;
  pureP95Ms: number;
  serviceMedianMs: number;
  serviceP95Ms: number;
  diagnosed: number;
}

async function measure(title: string, database: Database, data: Synthetic): Promise<Result> {
  const municipality = await createMunicipality(database.db, { code: "012246", name: "千歳市", prefecture: "北海道" }, CLI_ACTOR);
  const tenant = new TenantDb(database.db, municipality.id);
  const bytes = new TextEncoder().encode(data.csv);
  const started = performance.now();
  const { written, preview } = await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "nationwide.csv", bytes }, municipality.name);
  const importMs = performance.now() - started;
  if (written !== data.rows) throw new Error(`imported ${written} of ${data.rows}: ${preview.problems.slice(0, 3).map((p) => p.message).join(" / ")}`);

  const [rows, staff] = await Promise.all([tenant.roster.list(FISCAL_YEAR), tenant.roster.listStaff(FISCAL_YEAR)]);
  const entries = rosterEntries(rows, staff);
  const pure: number[] = [];
  let diagnosed = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const result = diagnoseAll(entries, averagesFromRoster(entries), "corrected");
    const ms = performance.now() - t0;
    diagnosed = result.length;
    if (i >= 3) pure.push(ms);
  }
  const service: number[] = [];
  for (let i = 0; i < 10 + 2; i++) {
    const t0 = performance.now();
    await diagnoseNationwide(tenant, { code: municipality.code, name: municipality.name }, { basis: "simple", sort: "futsu", dir: "desc", page: 1 });
    if (i >= 2) service.push(performance.now() - t0);
  }
  return {
    title,
    importMs,
    staffRows: staff.length,
    pureMedianMs: percentile(pure, 50),
    pureP95Ms: percentile(pure, 95),
    serviceMedianMs: percentile(service, 50),
    serviceP95Ms: percentile(service, 95),
    diagnosed,
  };
}

function print(r: Result): void {
  console.log(`\n${r.title}`);
  console.log(`  import (parse, check, write in one transaction): ${r.importMs.toFixed(0).padStart(6)} ms — goal ≤ ${IMPORT_GOAL_MS} ms: ${r.importMs <= IMPORT_GOAL_MS ? "met" : "MISSED"}`);
  console.log(`  stored: ${r.staffRows.toLocaleString("en-US")} staff figures`);
  console.log(`  diagnose all ${r.diagnosed} × ${13} sectors (group averages + diagnosis, pure): median ${r.pureMedianMs.toFixed(1)} ms, p95 ${r.pureP95Ms.toFixed(1)} ms — goal ≤ ${DIAGNOSE_GOAL_MS} ms: ${r.pureP95Ms <= DIAGNOSE_GOAL_MS ? "met" : "MISSED"}`);
  console.log(`  the page's service (read roster + diagnose + filter/sort): median ${r.serviceMedianMs.toFixed(1)} ms, p95 ${r.serviceP95Ms.toFixed(1)} ms`);
}

async function sqlite(data: Synthetic): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), "gyokaku-bench-nationwide-"));
  const database = await openDatabase(`sqlite:${join(dir, "bench.db")}`);
  try {
    return await measure("SQLite", database, data);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const data = synthesize();
  const generateMs = performance.now() - t0;
  console.log(`Nationwide diagnosis (node ${process.version})`);
  console.log(`synthetic roster: ${data.rows} municipalities in ${data.groups} groups × ${SECTORS.length} sectors + 4 subtotals (${SECTORS.map((s) => comparisonName(s.code)).slice(0, 3).join("、")} …)`);
  console.log(`  CSV ${(data.csv.length / 1024).toFixed(0)} KiB, generated in ${generateMs.toFixed(0)} ms`);
  const results = [await sqlite(data)];
  const pgUrl = postgresUrl();
  if (pgUrl) results.push(await withPostgresSchema(pgUrl, "nationwide", (database) => measure("PostgreSQL", database, data)));
  else console.log("(PostgreSQL: skipped — set TEST_DATABASE_URL=postgres://… to measure it)");
  for (const r of results) print(r);

  // Kept for comparing over time; bench/results/ is git-ignored.
  const resultsDir = join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "nationwide.json"),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, municipalities: data.rows, groups: data.groups, csvBytes: data.csv.length, importGoalMs: IMPORT_GOAL_MS, diagnoseGoalMs: DIAGNOSE_GOAL_MS, results }, null, 2)}\n`,
  );
}

await main();
