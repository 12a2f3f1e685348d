/**
 * Import benchmark: a 10,000-row long-format CSV (100 units × 20 years × 5 categories) checked and
 * written in one transaction on a fresh SQLite file. Prints figures; asserts nothing.
 *
 *   node --import tsx bench/headcount-import.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/connection.js";
import { TenantDb } from "../src/db/tenant.js";
import { toCsv } from "../src/io/csv.js";
import { CLI_ACTOR } from "../src/services/audit.js";
import { importHeadcounts, previewHeadcountImport } from "../src/services/headcount-transfer.js";
import { createMunicipality } from "../src/services/municipalities.js";

const UNITS = 100;
const YEARS = 20;
const GOAL_MS = 1000;

const dir = mkdtempSync(join(tmpdir(), "gyokaku-bench-import-"));
const database = await openDatabase(`sqlite:${join(dir, "bench.db")}`);
try {
  const m = await createMunicipality(database.db, { code: "012246", name: "千歳市", prefecture: "北海道" }, CLI_ACTOR);
  const tenant = new TenantDb(database.db, m.id);
  const now = new Date().toISOString();
  for (let i = 0; i < UNITS; i++) {
    await tenant.units.create({ code: `U${i}`, name: `部署${i}`, kind: "department", parentId: null, sortOrder: i, now });
  }
  const rows: (string | number)[][] = [["組織コード", "年度", "区分", "人数"]];
  for (let i = 0; i < UNITS; i++) {
    for (let y = 0; y < YEARS; y++) {
      const staff = 40 + ((i * 7 + y) % 30);
      for (const [category, value] of [["職員数", staff], ["派遣職員", 1], ["特定任期付・再任用フルタイム勤務職員", 2], ["休職・休業", 1], ["育児休業代替任期付職員", 1]] as const) {
        rows.push([`U${i}`, 2006 + y, category, value]);
      }
    }
  }
  const bytes = new TextEncoder().encode(toCsv(rows));
  const file = { filename: "bench.csv", bytes };

  const t0 = performance.now();
  const preview = await previewHeadcountImport(tenant, { ...file, currentFiscalYear: 2026 });
  const t1 = performance.now();
  const { changed } = await importHeadcounts(tenant, CLI_ACTOR, { ...file, currentFiscalYear: 2026 });
  const t2 = performance.now();

  console.log(`rows: ${rows.length - 1} (${(bytes.length / 1024).toFixed(0)} KiB CSV), problems: ${preview.result.problems.length}, unit-years written: ${changed}`);
  console.log(`check only (parse + validate):      ${(t1 - t0).toFixed(0)} ms`);
  console.log(`import (check again + write + audit): ${(t2 - t1).toFixed(0)} ms   goal ≤ ${GOAL_MS} ms (SQLite)`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
