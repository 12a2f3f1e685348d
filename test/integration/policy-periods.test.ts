import type { Kysely } from "kysely";
import { expect, it } from "vitest";
import * as policyPeriods from "../../src/db/migrations/20261130T1600-policy-periods.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { compliance, loadStaffing, saveHeadcounts, setAllowancePercent } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality } from "../support/factories.js";
import { cell, readValuesFor } from "../support/html.js";

describeEachDatabase("許容率・基準日の適用期間 (issue 13 point 3)", (get) => {
  it("setting 2% from FY2026 leaves FY2025 at 「(3%上限) 1,092」 and judges FY2026 at 2%", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    const saved = await admin.post("/staffing/settings/allowance", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/allowance")), percent: "2", fromYear: "令和8年度" });
    expect(saved.status).toBe(302);

    const history = await (await admin.get("/staffing/headcounts?from=2005&to=2025")).text();
    expect(cell(history, { row: "quota-total", col: "quota" })).toBe("(3%上限) 1,092");
    expect((await compliance(site.tenant, 2025)).cap).toBe(1092);

    const data = await loadStaffing(site.tenant, { from: 2025, to: 2025 });
    await saveHeadcounts(site.tenant, CLI_ACTOR, 2026, data.records.map((r) => ({ unitId: r.unitId, counts: r.counts })));
    const next = await (await admin.get("/staffing/headcounts?from=2025&to=2026")).text();
    expect(cell(next, { row: "quota-total", col: "quota" })).toBe("(2%上限) 1,082");
    expect(await compliance(site.tenant, 2026)).toMatchObject({ allowancePercent: 2, cap: 1082 });

    const settings = await (await admin.get("/staffing/settings")).text();
    expect(settings).toMatch(/data-kind="allowance_percent" data-from=""[\s\S]*?3%[\s\S]*?令和7年度\(2025年度\)まで/);
    expect(settings).toMatch(/data-kind="allowance_percent" data-from="2026"[\s\S]*?2%[\s\S]*?令和8年度\(2026年度\)から/);
    const audit = await site.tenant.audit.list({ entity: "policy", limit: 5, offset: 0 });
    expect(audit[0]?.summary).toBe("許容率を令和8年度(2026年度)から2%に設定");
  });

  it("a new value needs its first year, and a later value replaces only what was scheduled from then on", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    const missing = await admin.post("/staffing/settings/allowance", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/allowance")), percent: "2", fromYear: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("適用開始年度を入力してください");
    await setAllowancePercent(site.tenant, CLI_ACTOR, 2, 2028);
    await setAllowancePercent(site.tenant, CLI_ACTOR, 1, 2030);
    await setAllowancePercent(site.tenant, CLI_ACTOR, 2.5, 2029);
    const caps = await Promise.all([2025, 2028, 2029, 2031].map(async (fy) => (await compliance(site.tenant, fy)).allowancePercent));
    expect(caps).toEqual([3, 2, 2.5, 2.5]);
  });

  it("the migration carries the allowance set before as in force from the beginning", async () => {
    const db = get().database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const municipality = await buildMunicipality(get().database.db);
    await db.schema.dropTable("quota_members").execute();
    await db.schema.dropTable("staffing_policies").execute();
    await db.insertInto("settings").values({ municipality_id: municipality.id, key: "staffing.allowancePercent", value: "3" }).execute();
    await policyPeriods.up(db as unknown as Kysely<unknown>);
    const rows = await db.selectFrom("staffing_policies").select(["kind", "valid_from", "value"]).where("municipality_id", "=", municipality.id).execute();
    expect(rows).toEqual([{ kind: "allowance_percent", valid_from: null, value: "3" }]);
    const left = await db.selectFrom("settings").select("key").where("key", "=", "staffing.allowancePercent").execute();
    expect(left).toEqual([]);
  });
});

describeEachDatabase("条例定数の適用期間 (issue 13 point 3)", (get) => {
  it("a quota set over a recorded one needs its first year: 500 「全期間」 over 483 no longer rewrites FY2025's cap", async () => {
    const site = await demoSite(get, { mayor: "100", kikaku: "110" });
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    const blank = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.mayor.id), quota: "500", fromYear: "", note: "" });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("市長部局の条例定数は既に記録されているため、適用開始年度を入力してください");
    const history = await (await admin.get("/staffing/headcounts?from=2024&to=2025")).text();
    expect(cell(history, { row: "quota-total", col: "quota" })).toBe("(3%上限) 1,092");
    expect((await compliance(site.tenant, 2025)).cap).toBe(1092);

    expect((await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.mayor.id), quota: "500", fromYear: "R8", note: "" })).status).toBe(302);
    expect((await compliance(site.tenant, 2025)).cap).toBe(1092);
    expect((await compliance(site.tenant, 2026)).quotaSum).toBe(1078);
    // A unit without any quota may still get one for every year, and the allowance keeps refusing a blank year over its value.
    expect((await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.kikaku.id), quota: "70", fromYear: "", note: "" })).status).toBe(302);
    await expect(setAllowancePercent(site.tenant, CLI_ACTOR, 2, null)).rejects.toThrow("許容率は既に記録されているため、適用開始年度を入力してください");
    expect((await compliance(site.tenant, 2025)).allowancePercent).toBe(3);
  });
});
