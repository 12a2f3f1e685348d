import { expect, it } from "vitest";
import type { Actor } from "../../src/domain/roles.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { ageProfileOf, saveAgeProfile, saveSchedule, schedulesOf } from "../../src/services/retirement-planning.js";
import { compareScenarios, defaultParams, runScenario, saveScenario } from "../../src/services/retirement-scenarios.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("retirement planning on the demo city", (get) => {
  const demo = async () => (await demoSite(get)).tenant;

  it("loads an illustrative age profile that adds up to the 2025 quota count (1,066)", async () => {
    const tenant = await demo();
    const profile = await ageProfileOf(tenant, 2025, null);
    expect(profile.reduce((s, c) => s + c.count, 0)).toBe(1066);
    const mayor = await tenant.units.getByCode("100");
    expect((await ageProfileOf(tenant, 2025, mayor?.id ?? null)).reduce((s, c) => s + c.count, 0)).toBe(497);
  });

  it("projects to FY2035 with no regular retirees in FY2025, 2027, 2029 and 2031, and a levelled plan within the cap", async () => {
    const tenant = await demo();
    const result = await runScenario(tenant, defaultParams(2025));
    expect(result.years.map((y) => y.fiscalYear)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    const general = result.years.filter((y) => [2025, 2027, 2029, 2031].includes(y.fiscalYear));
    // Only the hospital doctors (定年 65 throughout) can retire in those years.
    for (const y of general) expect(y.retirees, String(y.fiscalYear)).toBeLessThanOrEqual(3);
    expect(result.years[0]).toMatchObject({ headcount: 1066, quota: 1061, cap: 1092 });
    expect(result.levelled.ok).toBe(true);
    for (const y of result.years) expect(y.headcount).toBeLessThanOrEqual(y.cap);
    expect(result.years[result.years.length - 1]?.headcount).toBe(1061);
    expect(result.warnings).toEqual([]);
  });

  it("a unit abolished in a year holds no 条例定数 in it: the projection's quota drops from the next year (ordinanceQuotaSum)", async () => {
    const tenant = await demo();
    const before = await runScenario(tenant, defaultParams(2025));
    const units = await tenant.units.list();
    // A unit of its own quota (open-ended), with no unit below it: abolished after FY2027, the quota left recorded.
    const row = (await tenant.quotas.list()).find((q) => q.valid_to === null && !units.some((u) => u.parent_id === q.unit_id));
    expect(row).toBeDefined();
    await tenant.units.update(row?.unit_id ?? 0, { validTo: 2027 }, new Date().toISOString());
    const after = await runScenario(tenant, defaultParams(2025));
    const quotaOf = (r: typeof before, fy: number) => r.years.find((y) => y.fiscalYear === fy)?.quota;
    expect(quotaOf(after, 2027)).toBe(quotaOf(before, 2027));
    expect(quotaOf(after, 2028)).toBe((quotaOf(before, 2028) ?? 0) - (row?.quota ?? 0));
  });

  it("uses the municipality's own schedule for a job category", async () => {
    const tenant = await demo();
    const before = await runScenario(tenant, { ...defaultParams(2025), mode: "one-for-one" });
    await saveSchedule(tenant, CLI_ACTOR, { category: "doctor", label: "医師 (市条例)", steps: [{ fromYear: null, age: 65 }, { fromYear: 2026, age: 70 }] });
    expect((await schedulesOf(tenant)).filter((s) => s.category === "doctor").at(-1)?.label).toBe("医師 (市条例)");
    const after = await runScenario(tenant, { ...defaultParams(2025), mode: "one-for-one" });
    const retirees = (r: typeof before) => r.years.reduce((s, y) => s + y.retirees, 0);
    expect(retirees(after)).toBeLessThan(retirees(before));
  });

  it("saves named scenarios and compares them side by side", async () => {
    const tenant = await demo();
    const levelledId = await saveScenario(tenant, CLI_ACTOR, "平準化 (定数に戻す)", defaultParams(2025));
    const oneId = await saveScenario(tenant, CLI_ACTOR, "退職者補充", { ...defaultParams(2025), mode: "one-for-one" });
    const compared = await compareScenarios(tenant, [levelledId, oneId]);
    expect(compared.map((c) => c.name)).toEqual(["平準化 (定数に戻す)", "退職者補充"]);
    const one = compared[1]?.result;
    expect(one?.years.every((y) => y.headcount === 1066)).toBe(true);
    await saveScenario(tenant, CLI_ACTOR, "退職者補充", { ...defaultParams(2025), mode: "one-for-one", toYear: 2033 });
    expect((await tenant.scenarios.list()).length).toBe(2);
  });

  it("refuses an age profile with an impossible cohort and writes nothing", async () => {
    const tenant = await demo();
    const mayor = await tenant.units.getByCode("100");
    const before = await ageProfileOf(tenant, 2025, mayor?.id ?? null);
    await expect(
      saveAgeProfile(tenant, CLI_ACTOR, { unitId: mayor?.id ?? 0, baseYear: 2025, rows: [{ cohort: 1990, category: "general", count: 10 }, { cohort: 2020, category: "general", count: 1 }] }),
    ).rejects.toThrow("ありえません");
    expect(await ageProfileOf(tenant, 2025, mayor?.id ?? null)).toEqual(before);
  });

  it("lets an editor write only its own unit's age profile", async () => {
    const tenant = await demo();
    const fire = await tenant.units.getByCode("300");
    const mayor = await tenant.units.getByCode("100");
    const editor: Actor = { userId: 1, username: "shobo", role: "editor", unitIds: [fire?.id ?? 0] };
    await saveAgeProfile(tenant, editor, { unitId: fire?.id ?? 0, baseYear: 2025, rows: [{ cohort: 1990, category: "general", count: 134 }] });
    await expect(saveAgeProfile(tenant, editor, { unitId: mayor?.id ?? 0, baseYear: 2025, rows: [] })).rejects.toMatchObject({ code: "forbidden" });
  });
});
