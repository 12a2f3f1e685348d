/**
 * The yearly entry form's totals (issue 13 point 14): one rule for the server and the browser. computeEntryTotals
 * gives what 図表4 and the compliance check give for the same figures, and the script text the browser receives
 * computes the same as the server.
 */
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEntryTotals, type EntryRules, entryModelOf, entryTotals, type EntryTotals } from "../../src/domain/entry-totals.js";
import type { HeadcountCounts } from "../../src/domain/headcount.js";
import { assessCompliance, quotaCap } from "../../src/domain/quota.js";
import { type HeadcountRecord, type StaffingUnit, unitTotalsForYear, yearTotals } from "../../src/domain/staffing.js";
import { ENTRY_CORE_JS, HEADCOUNT_ENTRY_JS } from "../../src/web/entry-script.js";

const FY = 2026;

function unit(id: number, name: string, parentId: number | null, kind: StaffingUnit["kind"] = parentId === null ? "authority" : "division"): StaffingUnit {
  return { id, name, parentId, kind, sortOrder: id, validFrom: null, validTo: null };
}

// 市長部局 > 総務部 > {行政管理課, 人事課}, 市民部 (no children), 市長 (特別職)
const UNITS = [unit(1, "市長部局", null), unit(2, "総務部", 1, "department"), unit(3, "行政管理課", 2), unit(4, "人事課", 2), unit(5, "市民部", 1, "department"), unit(9, "市長", null, "special")];
const MODEL = entryModelOf(UNITS, FY, { quotaSum: 100, cap: quotaCap(100, 3) });

describe("the yearly entry form's totals", () => {
  it("a partly entered 部 keeps its own total and shows the difference", () => {
    const totals = entryTotals(MODEL, { 2: { staff: 95 }, 3: { staff: 20 }, 5: { staff: 40 } });
    expect(totals.units[2]).toMatchObject({ staff: 95, source: "own", difference: 75 });
    expect(totals.units[1]?.staff).toBe(135);
    expect(totals.generalTotal).toBe(135);
  });

  it("a 部 whose every 課 is entered is the sum of its 課, and 一般職(合計) follows as the clerk types", () => {
    const totals = entryTotals(MODEL, { 2: { staff: 95 }, 3: { staff: 20 }, 4: { staff: 30 }, 5: { staff: 40 }, 9: { staff: 3 } });
    expect(totals.units[2]).toMatchObject({ staff: 50, source: "children" });
    // 特別職 is not 一般職.
    expect(totals.generalTotal).toBe(90);
  });

  it("一般職(定数合計) waits for a leave figure, then the cap check is 条例定数 × (1 + 許容率)", () => {
    const without = entryTotals(MODEL, { 3: { staff: 50 }, 4: { staff: 50 }, 5: { staff: 3 } });
    expect(without.quotaTotal).toBeNull();
    expect(without.status).toBeNull();
    const within = entryTotals(MODEL, { 3: { staff: 50, onLeave: 2 }, 4: { staff: 50 }, 5: { staff: 3 } });
    expect(within.quotaTotal).toBe(101);
    expect(within.cap).toBe(103);
    expect(within.status).toBe("within_cap");
    const over = entryTotals(MODEL, { 3: { staff: 50, onLeave: 0, childcareSubstitutes: 1 }, 4: { staff: 50 }, 5: { staff: 3 } });
    expect(over.quotaTotal).toBe(104);
    expect(over.status).toBe("over_cap");
  });

  it("gives what 図表4 and the compliance check give for the same figures (generated organisations)", () => {
    fc.assert(fc.property(organisations(), ({ units, records, quota, allowance }) => expectSameAsDomain(entryTotals, units, records, quota, allowance)), { numRuns: 300 });
  });

  it("the script the browser receives computes the same as the server", () => {
    const core = runInNewContext(`${ENTRY_CORE_JS}; ({ rules, computeEntryTotals })`) as { rules: EntryRules; computeEntryTotals: typeof computeEntryTotals };
    const browser = (model: Parameters<typeof entryTotals>[0], counts: Parameters<typeof entryTotals>[1]) => core.computeEntryTotals(core.rules, model, counts);
    fc.assert(fc.property(organisations(), ({ units, records, quota, allowance }) => expectSameAsDomain(browser, units, records, quota, allowance)), { numRuns: 200 });
    // The whole script parses and does nothing on a page without the form.
    expect(() => runInNewContext(HEADCOUNT_ENTRY_JS, { document: { getElementById: () => null } })).not.toThrow();
  });
});

function expectSameAsDomain(
  compute: (model: Parameters<typeof entryTotals>[0], counts: Parameters<typeof entryTotals>[1]) => EntryTotals,
  units: StaffingUnit[],
  records: HeadcountRecord[],
  quota: number,
  allowance: number,
): void {
  const cap = quotaCap(quota, allowance);
  const counts: Record<number, HeadcountCounts> = Object.fromEntries(records.map((r) => [r.unitId, r.counts]));
  const got = JSON.parse(JSON.stringify(compute(entryModelOf(units, FY, { quotaSum: quota, cap }), counts))) as EntryTotals;
  const expected = unitTotalsForYear(units, records, FY);
  for (const u of units) {
    const e = expected.get(u.id);
    expect(got.units[u.id]).toEqual({ staff: e?.staff ?? null, source: e?.source, difference: e?.difference ?? null, quotaCount: e?.quotaCount ?? null });
  }
  const summary = yearTotals(units, records, FY);
  expect(got.generalTotal).toBe(summary.generalTotal);
  expect(got.quotaTotal).toBe(summary.quotaTotal);
  expect(got.status).toBe(summary.quotaTotal === null ? null : assessCompliance(summary.quotaTotal, quota, allowance).status);
}

const optionalCount = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });

/** Trees of up to 10 units (parents before children), figures entered or blank anywhere, a quota and an allowance. */
function organisations() {
  return fc
    .array(fc.record({ parent: fc.nat(), root: fc.boolean(), special: fc.boolean() }), { minLength: 1, maxLength: 10 })
    .chain((shape) => {
      const units = shape.map((s, i) => {
        const parentId = i === 0 || s.root ? null : 1 + (s.parent % i);
        return unit(i + 1, `組織${i + 1}`, parentId, parentId === null ? (s.special ? "special" : "authority") : "division");
      });
      const counts = fc.record({ staff: optionalCount(200), seconded: optionalCount(5), fixedTerm: optionalCount(5), onLeave: optionalCount(5), childcareSubstitutes: optionalCount(5) });
      return fc.record({
        units: fc.constant(units),
        entered: fc.array(fc.option(counts, { nil: undefined }), { minLength: units.length, maxLength: units.length }),
        quota: fc.integer({ min: 0, max: 2000 }),
        allowance: fc.constantFrom(0, 2, 3, 2.5),
      });
    })
    .map(({ units, entered, quota, allowance }) => ({
      units,
      records: entered.flatMap((c, i): HeadcountRecord[] => {
        if (c === undefined) return [];
        const defined = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as HeadcountCounts;
        return [{ unitId: i + 1, fiscalYear: FY, counts: defined }];
      }),
      quota,
      allowance,
    }));
}
