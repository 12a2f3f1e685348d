import { describe, expect, it } from "vitest";
import { rollUpStaff } from "../../src/domain/roll-up.js";
import { derivedStaffUnits, rollUpGapsForYear, type StaffingUnit, unitTotalsForYear, yearTotals } from "../../src/domain/staffing.js";

const unit = (id: number, name: string, parentId: number | null, kind: StaffingUnit["kind"]): StaffingUnit => ({
  id,
  name,
  parentId,
  kind,
  sortOrder: id,
  validFrom: null,
  validTo: null,
});

describe("roll-up of 職員数 from 課 to 部", () => {
  it("derives a parent from its children only when every existing child has a figure", () => {
    expect(rollUpStaff(95, [20, 30, 45])).toMatchObject({ staff: 95, source: "children", difference: 0 });
    expect(rollUpStaff(95, [20, null, null])).toMatchObject({ staff: 95, source: "own", childrenSum: 20, difference: 75, childrenWithout: 2 });
    expect(rollUpStaff(null, [20, null])).toMatchObject({ staff: 20, source: "partial" });
    expect(rollUpStaff(95, [])).toMatchObject({ staff: 95, source: "own", difference: null });
    expect(rollUpStaff(null, [null])).toMatchObject({ staff: null, source: "none" });
  });

  it("keeps the children's sum when all are entered and shows how the stored parent figure disagrees", () => {
    expect(rollUpStaff(95, [20, 30, 40])).toMatchObject({ staff: 90, source: "children", difference: 5 });
  });

  const units = [
    unit(1, "市長部局", null, "authority"),
    unit(2, "総務部", 1, "department"),
    unit(3, "企画部", 1, "department"),
    unit(21, "総務課", 2, "division"),
    unit(22, "行政管理課", 2, "division"),
  ];

  it("a partly entered 部 keeps its own total and shows the difference (domain)", () => {
    const records = [
      { unitId: 2, fiscalYear: 2026, counts: { staff: 95 } },
      { unitId: 3, fiscalYear: 2026, counts: { staff: 67 } },
      { unitId: 22, fiscalYear: 2026, counts: { staff: 20 } },
    ];
    const totals = unitTotalsForYear(units, records, 2026);
    expect(totals.get(2)?.staff).toBe(95);
    expect(totals.get(1)?.staff).toBe(162);
    expect(yearTotals(units, records, 2026).generalTotal).toBe(162);
    expect(derivedStaffUnits(units, records, 2026)).toEqual(new Set([1]));
    expect(rollUpGapsForYear(units, records, 2026)).toEqual([
      { unitId: 2, name: "総務部", fiscalYear: 2026, source: "own", own: 95, childrenSum: 20, difference: 75, missing: ["総務課"] },
    ]);
    // Once the last 課 is entered, the 部 is their sum: 総務部 derived, and a stored 95 that disagrees is reported.
    const complete = [...records, { unitId: 21, fiscalYear: 2026, counts: { staff: 70 } }];
    expect(unitTotalsForYear(units, complete, 2026).get(2)?.staff).toBe(90);
    expect(derivedStaffUnits(units, complete, 2026).has(2)).toBe(true);
    expect(rollUpGapsForYear(units, complete, 2026)[0]).toMatchObject({ name: "総務部", source: "children", difference: 5, missing: [] });
  });
});
