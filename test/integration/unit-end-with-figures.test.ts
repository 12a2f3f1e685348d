import { expect, it } from "vitest";
import { yearsLeftOutByValidity } from "../../src/domain/organisation.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { reorganise, updateUnit } from "../../src/services/organisation.js";
import { loadStaffing, saveHeadcounts } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { cell } from "../support/html.js";

it("yearsLeftOutByValidity: the recorded years a new validity leaves out", () => {
  expect(yearsLeftOutByValidity({ validFrom: null, validTo: 2025 }, [2024, 2026, 2025, 2027, 2026])).toEqual([2026, 2027]);
  expect(yearsLeftOutByValidity({ validFrom: 2020, validTo: null }, [2019, 2020])).toEqual([2019]);
  expect(yearsLeftOutByValidity({ validFrom: null, validTo: null }, [2019])).toEqual([]);
});

describeEachDatabase("組織の存続期間と登録済みの職員数 (issue 13 point 1)", (get) => {
  it("a unit with figures in a year cannot be ended before it: the figures would drop out of 市長部局 and every total silently", async () => {
    const site = await demoSite(get, { kaikei: "190", senkyo: "520" });
    const { tenant } = site;
    // FY2026 entered as FY2025 (市長部局 533): 会計室 7 and 選挙管理委員会 4 have FY2026 figures.
    const data = await loadStaffing(tenant, { from: 2025, to: 2025 });
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, data.records.map((r) => ({ unitId: r.unitId, counts: r.counts })), { confirmed: true });
    const admin = await site.client("admin");
    const before = await (await admin.get("/staffing/headcounts?from=2025&to=2026")).text();
    expect(cell(before, { unit: "市長部局", row: "unit", year: 2026 })).toBe("533");

    // 最終年度 R7 on the unit's edit form: refused, naming the unit and the year (it was saved, and 市長部局 became 526).
    const edited = await admin.post(`/units/${site.kaikei.id}/structure`, { name: site.kaikei.name, sector: site.kaikei.sector ?? "", validFrom: "", validTo: "2025", readName: site.kaikei.name, readSector: site.kaikei.sector ?? "", readValidFrom: "", readValidTo: "" });
    expect(edited.status).toBe(400);
    expect(await edited.text()).toContain("「会計室」には令和8年度(2026年度)の職員数が登録されています");
    expect((await tenant.units.get(site.kaikei.id))?.valid_to).toBeNull();
    // 設置年度 after a recorded year is the same fault.
    await expect(updateUnit(tenant, CLI_ACTOR, site.kaikei.id, { validFrom: 2026 })).rejects.toThrow("「会計室」には平成17年度(2005年度)、平成22年度(2010年度)、平成25年度(2013年度) ほか");

    const events = (await tenant.reorgEvents.list()).length;
    // 組織改正 廃止 in R8 of a unit with an R8 figure: refused, nothing recorded.
    const abolished = await admin.post("/units/reorganisations", { fiscalYear: "2026", kind: "abolish", from: String(site.senkyo.id), newUnits: "", note: "" });
    expect(abolished.status).toBe(400);
    expect(await abolished.text()).toContain("「選挙管理委員会」には令和8年度(2026年度)の職員数が登録されています");
    expect(await tenant.reorgEvents.list()).toHaveLength(events);
    expect((await tenant.units.get(site.senkyo.id))?.valid_to).toBeNull();

    const after = await (await admin.get("/staffing/headcounts?from=2025&to=2026")).text();
    expect(cell(after, { unit: "市長部局", row: "unit", year: 2026 })).toBe("533");
    expect(cell(after, { row: "quota-total", year: 2026 })).toBe(cell(before, { row: "quota-total", year: 2026 }));

    // Once the R8 figure is removed, the unit can be abolished from R8.
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, [{ unitId: site.senkyo.id, counts: {} }], { confirmed: true });
    await reorganise(tenant, CLI_ACTOR, { fiscalYear: 2026, kind: "abolish", fromUnitIds: [site.senkyo.id], newUnits: [] });
    expect((await tenant.units.get(site.senkyo.id))?.valid_to).toBe(2025);
  });
});
