import { expect, it } from "vitest";
import type { TenantDb } from "../../src/db/tenant.js";
import { existsIn } from "../../src/domain/organisation.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importHeadcounts, previewHeadcountImport } from "../../src/services/headcount-transfer.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

async function snapshot(tenant: TenantDb) {
  return JSON.stringify({ headcounts: await tenant.headcounts.list(), quotas: await tenant.quotas.list() });
}

const file = (tsv: string) => ({ filename: "zuhyo4.tsv", bytes: new TextEncoder().encode(tsv), currentFiscalYear: 2026, layout: "table" as const });

/** The 条例定数 of the unit in force in `fy` (null: none). */
async function quotaOf(tenant: TenantDb, unitId: number, fy: number): Promise<number | null> {
  return (await tenant.quotas.list()).find((q) => q.unit_id === unitId && existsIn({ validFrom: q.valid_from, validTo: q.valid_to }, fy))?.quota ?? null;
}

/** The demo's 消防: its stored headcounts of 2024/2025 and its quota in force in 2024. */
async function fire(tenant: TenantDb) {
  const unit = (await tenant.units.list()).find((u) => u.name.replace(/\s/g, "") === "消防");
  if (!unit) throw new Error("no 消防 in the demo");
  const staff = async (fy: number) => (await tenant.headcounts.get(unit.id, fy))?.staff;
  return { unit, staff2024: await staff(2024), staff2025: await staff(2025), quota: (await quotaOf(tenant, unit.id, 2024)) ?? 0 };
}

/** The sum of the quotas in force in `fy`. */
async function quotaSum(tenant: TenantDb, fy: number): Promise<number> {
  return (await tenant.quotas.list()).filter((q) => existsIn({ validFrom: q.valid_from, validTo: q.valid_to }, fy)).reduce((s, q) => s + q.quota, 0);
}

describeEachDatabase("bracketed 条例定数 rows in a 図表4 import (issue 10 kind G)", (get) => {
  const demo = () => demoSite(get);

  it("「[…]」 under a unit: previewed old → new per year, written from each year on, earlier years kept", async () => {
    const { tenant } = await demo();
    const f = await fire(tenant);
    expect(f.quota).toBeGreaterThan(0);
    const tsv = `区分\t令6 (2024)\t令7 (2025)\n消防\t${f.staff2024}\t${f.staff2025}\n\t[${f.quota + 4}]\t［${f.quota + 9}］\n`;
    const preview = await previewHeadcountImport(tenant, file(tsv));
    expect(preview.result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(preview.quotaChanges).toEqual([
      { unitId: f.unit.id, unit: f.unit.name, fiscalYear: 2024, before: f.quota, after: f.quota + 4 },
      { unitId: f.unit.id, unit: f.unit.name, fiscalYear: 2025, before: f.quota + 4, after: f.quota + 9 },
    ]);
    const before2023 = await quotaOf(tenant, f.unit.id, 2023);
    await importHeadcounts(tenant, CLI_ACTOR, file(tsv));
    const quotas = (await tenant.quotas.list()).filter((q) => q.unit_id === f.unit.id).map((q) => [q.quota, q.valid_from, q.valid_to]);
    expect(quotas).toEqual(expect.arrayContaining([[f.quota + 4, 2024, 2024], [f.quota + 9, 2025, null]]));
    expect(await quotaOf(tenant, f.unit.id, 2023)).toBe(before2023);
    expect(before2023).not.toBeNull();
    // No unit was made of the bracket row, and importing the same file again changes nothing.
    const again = await previewHeadcountImport(tenant, file(tsv));
    expect(again.quotaChanges).toEqual([]);
  });

  it("「[…]」 under 合計: equal to the quotas in force (stored, with the file's) is a note; different is an error naming the cell, nothing written", async () => {
    const { tenant } = await demo();
    const f = await fire(tenant);
    const fire2025 = (await quotaOf(tenant, f.unit.id, 2025)) ?? 0;
    const sum = (await quotaSum(tenant, 2025)) - fire2025 + f.quota;
    const tsv = (total: number) => `区分\t令6 (2024)\t令7 (2025)\n消防\t${f.staff2024}\t${f.staff2025}\n\t\t[${f.quota + 2}]\n合計\t\t\n\t\t[${total.toLocaleString("ja-JP")}]\n`;
    const ok = await previewHeadcountImport(tenant, file(tsv(sum + 2)));
    expect(ok.result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(ok.result.problems.find((p) => p.cell === "C5")).toMatchObject({ severity: "warning", message: expect.stringContaining("一致しました") });
    const before = await snapshot(tenant);
    const error = await importHeadcounts(tenant, CLI_ACTOR, file(tsv(sum))).catch((e: unknown) => e);
    const problems = (error as { problems?: { cell?: string; severity: string; message: string }[] }).problems ?? [];
    expect(problems.find((p) => p.cell === "C5")).toMatchObject({ severity: "error", message: expect.stringContaining(`合計 ${(sum + 2).toLocaleString("ja-JP")}`) });
    expect(await snapshot(tenant)).toBe(before);
  });
});
