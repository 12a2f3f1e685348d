/** Issue 9: JSON kept in the database is read through a schema; a damaged row is a clear error naming where it is. */
import { describe, expect, it } from "vitest";
import { storedUnitIds } from "../../src/db/stored-json.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { storedScenarioParams } from "../../src/services/retirement-scenarios.js";

describe("stored JSON is validated when read", () => {
  it("reads a scenario's parameters, with manual hires keyed by fiscal year", () => {
    const json = JSON.stringify({ scopeUnitId: null, baseYear: 2025, toYear: 2035, leaverRates: [{ fromAge: 18, toAge: 29, rate: 0.03 }], hireAge: 22, hireCategory: "general", target: null, mode: "manual", manualHires: { "2026": 5 }, allowancePercent: null });
    expect(storedScenarioParams(json, 1).manualHires).toEqual({ 2026: 5 });
  });
  it("refuses a damaged row with a message naming the table, column and row, not a TypeError later", () => {
    const wrongShape = () => storedScenarioParams(JSON.stringify({ baseYear: "2025" }), 7);
    expect(wrongShape).toThrow(GyokakuError);
    expect(wrongShape).toThrow("保存されているデータの形が正しくありません: projection_scenarios.params_json (#7)");
    expect(() => storedUnitIds("[1, 2", "reorg_events.from_unit_ids (#3)")).toThrow("保存されているデータが読めません (JSONではありません): reorg_events.from_unit_ids (#3)");
    expect(storedUnitIds("[1,2]", "x")).toEqual([1, 2]);
  });
});
