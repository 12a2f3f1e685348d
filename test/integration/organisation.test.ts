import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { GyokakuError } from "../../src/domain/errors.js";
import type { Actor } from "../../src/domain/roles.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createUnit, reorganise, setSectors, updateUnit } from "../../src/services/organisation.js";
import { headcountTable, saveHeadcounts } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";

describeEachDatabase("organisation over time", (get) => {
  async function setup() {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const tenant = new TenantDb(db, m.id);
    const mayor = await createUnit(tenant, CLI_ACTOR, { code: "100", name: "市長部局", kind: "authority", parentId: null, sector: null, validFrom: null, validTo: null });
    const welfare = await createUnit(tenant, CLI_ACTOR, { code: "140", name: "保健福祉部", kind: "department", parentId: mayor.id, sector: "minsei", validFrom: null, validTo: null });
    const industry = await createUnit(tenant, CLI_ACTOR, { code: "160", name: "産業振興部", kind: "department", parentId: mayor.id, sector: "shoko", validFrom: null, validTo: null });
    return { tenant, mayor, welfare, industry };
  }

  it("splits a department: the original goes on, the new one starts in the year of the change", async () => {
    const { tenant, welfare } = await setup();
    const event = await reorganise(tenant, CLI_ACTOR, {
      fiscalYear: 2019,
      kind: "split",
      fromUnitIds: [welfare.id],
      continuingUnitId: welfare.id,
      newUnits: [{ code: "150", name: "こども福祉部", sector: "minsei" }],
      note: "保健福祉部からこども福祉部を分離",
    });
    const child = await tenant.units.getByCode("150");
    expect(child).toMatchObject({ valid_from: 2019, valid_to: null, parent_id: welfare.parent_id, sector: "minsei" });
    expect((await tenant.units.get(welfare.id))?.valid_to).toBeNull();
    expect(JSON.parse(event.to_unit_ids)).toEqual([welfare.id, child?.id]);
    await saveHeadcounts(tenant, CLI_ACTOR, 2018, [{ unitId: welfare.id, counts: { staff: 147 } }]);
    await saveHeadcounts(tenant, CLI_ACTOR, 2019, [
      { unitId: welfare.id, counts: { staff: 86 } },
      { unitId: child?.id ?? 0, counts: { staff: 72 } },
    ]);
    const table = await headcountTable(tenant, { from: 2018, to: 2019 });
    expect(table.rows.find((r) => r.name === "こども福祉部")?.cells).toEqual([null, 72]);
    expect(table.rows.find((r) => r.name === "市長部局")?.cells).toEqual([147, 158]);
  });

  it("merges two departments into a new one and ends them the year before", async () => {
    const { tenant, welfare, industry } = await setup();
    await reorganise(tenant, CLI_ACTOR, { fiscalYear: 2030, kind: "merge", fromUnitIds: [welfare.id, industry.id], newUnits: [{ code: "145", name: "市民生活部", sector: null }] });
    expect((await tenant.units.get(welfare.id))?.valid_to).toBe(2029);
    expect((await tenant.units.get(industry.id))?.valid_to).toBe(2029);
    expect((await tenant.units.getByCode("145"))?.valid_from).toBe(2030);
    await expect(saveHeadcounts(tenant, CLI_ACTOR, 2030, [{ unitId: welfare.id, counts: { staff: 1 } }])).rejects.toThrow("存在しません");
  });

  it("renames a unit without breaking its history, and records the old and new names", async () => {
    const { tenant, industry } = await setup();
    const event = await reorganise(tenant, CLI_ACTOR, { fiscalYear: 2027, kind: "rename", fromUnitIds: [industry.id], newUnits: [], newName: "経済部" });
    expect(event).toMatchObject({ old_name: "産業振興部", new_name: "経済部" });
    const unit = await tenant.units.get(industry.id);
    expect(unit).toMatchObject({ name: "経済部", valid_from: null, valid_to: null });
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, [{ unitId: industry.id, counts: { staff: 33 } }]);
    await saveHeadcounts(tenant, CLI_ACTOR, 2027, [{ unitId: industry.id, counts: { staff: 34 } }]);
    // One row across the rename, under the new name, noting the old one for the earlier years.
    const table = await headcountTable(tenant, { from: 2026, to: 2027 });
    const rows = table.rows.filter((r) => r.unitId === industry.id);
    expect(rows.map((r) => [r.name, r.cells, r.formerNames])).toEqual([["経済部", [33, 34], [{ name: "産業振興部", untilYear: 2026 }]]]);
    expect((await headcountTable(tenant, { from: 2027, to: 2027 })).rows.find((r) => r.unitId === industry.id)?.formerNames).toEqual([]);
  });

  it("refuses a reorganisation of the wrong shape or of a unit that no longer exists, and writes nothing", async () => {
    const { tenant, welfare, industry } = await setup();
    await expect(reorganise(tenant, CLI_ACTOR, { fiscalYear: 2030, kind: "merge", fromUnitIds: [welfare.id], newUnits: [{ code: "X", name: "X", sector: null }] })).rejects.toThrow("統合は");
    await reorganise(tenant, CLI_ACTOR, { fiscalYear: 2030, kind: "abolish", fromUnitIds: [industry.id], newUnits: [] });
    const before = (await tenant.reorgEvents.list()).length;
    await expect(
      reorganise(tenant, CLI_ACTOR, { fiscalYear: 2031, kind: "split", fromUnitIds: [industry.id], newUnits: [{ code: "161", name: "A", sector: null }, { code: "162", name: "B", sector: null }] }),
    ).rejects.toThrow(GyokakuError);
    expect((await tenant.reorgEvents.list()).length).toBe(before);
    expect(await tenant.units.getByCode("161")).toBeUndefined();
  });

  it("lets only the secretariat change the organisation", async () => {
    const { tenant, welfare } = await setup();
    const editor: Actor = { userId: 1, username: "e", role: "editor", unitIds: [welfare.id] };
    await expect(updateUnit(tenant, editor, welfare.id, { name: "乗っ取り部" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setSectors(tenant, editor, new Map([[welfare.id, "eisei"]]))).rejects.toMatchObject({ code: "forbidden" });
    await expect(reorganise(tenant, editor, { fiscalYear: 2030, kind: "abolish", fromUnitIds: [welfare.id], newUnits: [] })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("maps units to MIC sectors (図表11) and audits each change", async () => {
    const { tenant, welfare, industry } = await setup();
    expect(await setSectors(tenant, CLI_ACTOR, new Map([[welfare.id, "eisei"], [industry.id, "shoko"]]))).toBe(1);
    expect((await tenant.units.get(welfare.id))?.sector).toBe("eisei");
    const audit = await tenant.audit.list({ entity: "org_unit", limit: 1, offset: 0 });
    expect(JSON.parse(audit[0]?.after_json ?? "{}")).toEqual({ sector: "衛生" });
    await expect(setSectors(tenant, CLI_ACTOR, new Map([[welfare.id, "nosuch"]]))).rejects.toThrow("nosuch");
  });
});
