import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import type { HeadcountTable } from "../../src/domain/headcount-table.js";
import { loadDemo } from "../../src/services/demo.js";
import { compliance, headcountTable } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";

const YEARS = [2005, 2010, 2013, 2016, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** The seed's printed rows (図表4), to compare with what gyokaku derives from the unit figures. */
const SEED_ROWS: Record<string, (number | null)[]> = {
  特別職: [6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
  市長部局: [495, 472, 479, 492, 505, 504, 498, 497, 503, 525, 533],
  企画部: [33, 35, 32, 41, 42, 50, 48, 45, 52, 63, 67],
  総務部: [92, 94, 91, 95, 102, 86, 84, 86, 91, 91, 94],
  市民環境部: [86, 83, 88, 81, 76, 76, 77, 79, 80, 81, 81],
  保健福祉部: [140, 130, 136, 147, 86, 86, 87, 89, 87, 89, 91],
  こども福祉部: [null, null, null, null, 72, 74, 73, 71, 68, 72, 76],
  産業振興部: [60, 47, 50, 39, 38, 40, 38, 37, 36, 37, 33],
  観光スポーツ部: [null, null, null, 23, 22, 22, 21, 22, 23, 23, 22],
  建設部: [75, 74, 73, 57, 59, 61, 62, 60, 60, 63, 62],
  会計室: [9, 9, 9, 9, 8, 9, 8, 8, 6, 6, 7],
  病院: [237, 241, 263, 268, 295, 299, 302, 303, 301, 303, 310],
  病院事務局: [21, 15, 14, 14, 15, 16, 16, 16, 16, 15, 15],
  病院医療職: [216, 226, 249, 254, 280, 283, 286, 287, 285, 288, 295],
  消防: [136, 130, 130, 131, 132, 132, 132, 131, 132, 133, 136],
  公営企業: [63, 53, 45, 44, 44, 45, 46, 46, 47, 49, 50],
  行政委員会等: [124, 89, 80, 75, 75, 78, 77, 76, 77, 74, 75],
  議会事務局: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
  選挙管理委員会: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4],
  監査事務局: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
  公平委員会: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  農業委員会: [5, 5, 6, 6, 5, 5, 5, 5, 5, 5, 4],
  教育委員会: [103, 68, 58, 53, 54, 57, 56, 55, 56, 53, 54],
};
const SEED_QUOTAS: Record<string, number | null> = {
  特別職: null,
  市長部局: 483,
  病院: null,
  病院事務局: 16,
  病院医療職: 298,
  消防: 131,
  公営企業: 50,
  行政委員会等: 83,
  議会事務局: 9,
  選挙管理委員会: 3,
  監査事務局: 4,
  公平委員会: 3,
  農業委員会: 6,
  教育委員会: 58,
};

function row(table: HeadcountTable, name: string, kind: string = "unit") {
  const found = table.rows.find((r) => r.name === name && r.row === kind);
  if (!found) throw new Error(`no row ${name}/${kind}`);
  return found;
}

describeEachDatabase("the demo city reproduces the seed's 図表4", (get) => {
  it("derives every unit row, sub-row, total and quota of 図表4 from the unit figures", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const tenant = new TenantDb(db, municipality.id);
    const table = await headcountTable(tenant, { from: 2005, to: 2025 });
    expect(table.years).toEqual(YEARS);
    for (const [name, cells] of Object.entries(SEED_ROWS)) expect(row(table, name).cells, name).toEqual(cells);
    for (const [name, quota] of Object.entries(SEED_QUOTAS)) expect(row(table, name).quota, name).toBe(quota);
    expect(row(table, "市長部局", "seconded").cells).toEqual([18, 3, 6, 7, 5, 9, 9, 8, 9, 8, 13]);
    expect(row(table, "市長部局", "fixedTerm").cells).toEqual([0, 0, 0, 1, 3, 5, 4, 6, 8, 5, 5]);
    expect(row(table, "消防", "seconded").cells).toEqual([0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 2]);
    expect(row(table, "行政委員会等", "fixedTerm").cells).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 1, 1]);
    expect(table.generalTotal).toEqual([1055, 985, 997, 1010, 1051, 1058, 1055, 1053, 1060, 1084, 1104]);
    expect(table.quotaTotal).toEqual([null, null, null, null, null, null, null, null, null, null, 1066]);
    expect(table.quotaSum).toBe(1061);
    expect(table.cap).toBe(1092);
  });

  it("checks the seed's column sums: 市長部局 and 一般職 add up in every year", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const table = await headcountTable(new TenantDb(db, municipality.id), { from: 2005, to: 2025 });
    const departments = ["企画部", "総務部", "市民環境部", "保健福祉部", "こども福祉部", "産業振興部", "観光スポーツ部", "建設部", "会計室"];
    const authorities = ["市長部局", "病院", "消防", "公営企業", "行政委員会等"];
    YEARS.forEach((_, i) => {
      const sum = (names: string[]) => names.reduce((s, n) => s + (row(table, n).cells[i] ?? 0), 0);
      expect(sum(departments)).toBe(SEED_ROWS["市長部局"]?.[i]);
      expect(sum(authorities)).toBe(table.generalTotal[i]);
    });
  });

  it("judges 2025: 1,066 counted against the quota 1,061, cap 1,092 → within the cap, 5 over the quota", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const result = await compliance(new TenantDb(db, municipality.id), 2025);
    expect(result.quotaSum).toBe(1061);
    expect(result.cap).toBe(1092);
    expect(result.total).toMatchObject({ counted: 1066, quota: 1061, cap: 1092, overQuota: 5, status: "within_cap" });
    expect(result.rows.map((r) => r.name)).toEqual(["市長部局", "病院事務局", "病院医療職", "消防", "公営企業", "議会事務局", "選挙管理委員会", "監査事務局", "公平委員会", "農業委員会", "教育委員会"]);
    const fire = result.rows.find((r) => r.name === "消防")?.compliance;
    expect(fire).toMatchObject({ counted: 134, quota: 131, cap: 134, status: "within_cap" });
  });

  it("cannot tell 一般職(定数合計) for a year without leave figures, and says so instead of guessing", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const result = await compliance(new TenantDb(db, municipality.id), 2024);
    expect(result.totals.generalTotal).toBe(1084);
    expect(result.total).toBeNull();
  });
});
