/**
 * Projection benchmark (issue 4): a synthetic municipality of 60 units × 45 cohorts (ages 20–64 in the base year)
 * projected over 11 years (FY2025–2035), pure domain code, no database:
 *   - aggregated: projectStaffing + levelledHiringPlan on the whole profile (what /staffing/projection computes for 全体);
 *   - per unit:   projectStaffing for each of the 60 units with its own quota;
 *   - both:       the two together, measured against the goal.
 * Prints figures; asserts nothing.
 *
 *   npm run bench            (all benchmarks)
 *   node --import tsx bench/projection.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type CohortCount, type LeaverRate, levelledHiringPlan, projectStaffing, type ProjectionInput } from "../src/domain/projection.js";
import { percentile } from "./support/common.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const UNITS = 60;
const BASE_YEAR = 2025;
const TO_YEAR = 2035;
const MIN_AGE = 20;
const MAX_AGE = 64;
const WARMUP = 5;
const RUNS = 50;
const GOAL_MS = 50;
const ALLOWANCE_PERCENT = 3;

const LEAVER_RATES: LeaverRate[] = [
  { fromAge: 18, toAge: 29, rate: 0.03 },
  { fromAge: 30, toAge: 39, rate: 0.015 },
  { fromAge: 40, toAge: 49, rate: 0.01 },
  { fromAge: 50, toAge: 75, rate: 0.015 },
];

/** Deterministic pseudo-random numbers (mulberry32), so every run projects the same city. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Unit {
  profile: CohortCount[];
  quota: number;
}

/** 60 units of 0–8 staff per cohort (more in their fifties, fewer around forty); every fifth unit also employs doctors (定年 65 throughout). */
function syntheticCity(): Unit[] {
  const next = random(20250401);
  const units: Unit[] = [];
  for (let u = 0; u < UNITS; u++) {
    const profile: CohortCount[] = [];
    for (let age = MIN_AGE; age <= MAX_AGE; age++) {
      // More staff in their fifties, a trough around forty: the shape the retirement-age raise acts on.
      const weight = 1 + 0.6 * Math.sin(((age - 20) / 44) * Math.PI * 1.5);
      const cohort = BASE_YEAR - age;
      profile.push({ cohort, category: "general", count: Math.round(weight * (1 + next() * 4)) });
      if (u % 5 === 0) profile.push({ cohort, category: "doctor", count: next() < 0.4 ? 1 : 0 });
    }
    const staff = profile.reduce((s, c) => s + c.count, 0);
    units.push({ profile, quota: Math.max(1, staff - Math.round(next() * 3)) });
  }
  return units;
}

function inputOf(profile: readonly CohortCount[], quota: number): Omit<ProjectionInput, "hires"> {
  return { baseYear: BASE_YEAR, toYear: TO_YEAR, profile, leaverRates: LEAVER_RATES, hireAge: 22, hireCategory: "general", quota, allowancePercent: ALLOWANCE_PERCENT };
}

function measure(run: () => void): number[] {
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

function main(): void {
  const city = syntheticCity();
  const aggregated = city.flatMap((u) => u.profile);
  const totalQuota = city.reduce((s, u) => s + u.quota, 0);
  const staff = aggregated.reduce((s, c) => s + c.count, 0);
  const years = TO_YEAR - BASE_YEAR + 1;

  // Sanity: the plan the benchmark times is a real one.
  const plan = levelledHiringPlan(inputOf(aggregated, totalQuota));
  if (!plan.ok) throw new Error(`the synthetic city has no levelled plan: ${plan.reason}`);

  const runAggregated = () => {
    const input = inputOf(aggregated, totalQuota);
    projectStaffing({ ...input, hires: {} });
    levelledHiringPlan(input);
  };
  const runPerUnit = () => {
    for (const u of city) projectStaffing({ ...inputOf(u.profile, u.quota), hires: {} });
  };
  const results = [
    { title: "aggregated: projectStaffing + levelledHiringPlan", samples: measure(runAggregated) },
    { title: `per unit: projectStaffing × ${UNITS}`, samples: measure(runPerUnit) },
    {
      title: "both (the goal applies here)",
      samples: measure(() => {
        runAggregated();
        runPerUnit();
      }),
    },
  ];

  console.log(`Projection: ${UNITS} units × ${MAX_AGE - MIN_AGE + 1} cohorts (ages ${MIN_AGE}–${MAX_AGE}) × ${years} years (FY${BASE_YEAR}–${TO_YEAR}), ${staff.toLocaleString("en-US")} staff, quota ${totalQuota.toLocaleString("en-US")}`);
  console.log(`node ${process.version}, ${WARMUP} warm-up + ${RUNS} timed runs each; goal ≤ ${GOAL_MS} ms`);
  console.log(`levelled plan: hires ${Object.values(plan.hires).join(", ")} → FY${TO_YEAR} headcount ${plan.years[plan.years.length - 1]?.headcount ?? "?"} (target ${plan.target})`);
  for (const r of results) {
    const median = percentile(r.samples, 50);
    const p95 = percentile(r.samples, 95);
    console.log(`\n${r.title}`);
    console.log(`  median ${median.toFixed(2).padStart(7)} ms`);
    console.log(`  p95    ${p95.toFixed(2).padStart(7)} ms`);
    console.log(`  max    ${Math.max(...r.samples).toFixed(2).padStart(7)} ms`);
  }
  const both = results[results.length - 1]?.samples ?? [];
  const p95 = percentile(both, 95);
  console.log(`\ngoal ≤ ${GOAL_MS} ms (p95 of both): ${p95 <= GOAL_MS ? "met" : "MISSED"} (${p95.toFixed(2)} ms)`);

  // Kept for comparing over time; bench/results/ is git-ignored.
  const resultsDir = join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "projection.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        units: UNITS,
        cohorts: MAX_AGE - MIN_AGE + 1,
        years,
        goalMs: GOAL_MS,
        results: results.map((r) => ({ title: r.title, medianMs: percentile(r.samples, 50), p95Ms: percentile(r.samples, 95), maxMs: Math.max(...r.samples), samples: r.samples })),
      },
      null,
      2,
    )}\n`,
  );
}

main();
