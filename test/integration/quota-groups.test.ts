import { expect, it } from "vitest";
import { compliance } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("quotas shared by several 任命権者 (issue 13 point 4a)", (get) => {
  it("a quota shared by a group of units is checked on the group: one row counting every member, the total quota unchanged", async () => {
    const site = await demoSite(get, { mayor: "100", election: "520", fairness: "540", farm: "550" });
    const before = await compliance(site.tenant, 2025);
    const counted = (name: string) => before.rows.find((r) => r.name === name)?.compliance?.counted ?? NaN;
    const members = ["市長部局", "選挙管理委員会", "公平委員会", "農業委員会"];
    const groupCount = members.reduce((s, n) => s + counted(n), 0);
    // One ordinance figure for the four together: 483 + 3 + 3 + 6 = 495 (the same sum as before).
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    const saved = await admin.post("/staffing/settings/quota", { unit: String(site.mayor.id), quota: "495", fromYear: "令和7年度", members: "選挙管理委員会、公平委員会、農業委員会", note: "職員定数条例 第2条第1号" });
    expect(saved.status).toBe(302);

    const after = await compliance(site.tenant, 2025);
    const group = after.rows.find((r) => r.memberUnitIds !== undefined);
    expect(group?.name).toBe("市長部局・選挙管理委員会・公平委員会・農業委員会");
    expect(group?.memberUnitIds).toEqual([site.mayor.id, site.election.id, site.fairness.id, site.farm.id]);
    expect(group?.compliance).toMatchObject({ counted: groupCount, quota: 495, cap: Math.floor(495 * 1.03) });
    // The members are not checked again one by one, and nothing is counted twice.
    for (const name of members) expect(after.rows.some((r) => r.name === name)).toBe(false);
    expect(after.quotaSum).toBe(before.quotaSum);
    expect(after.total?.counted).toBe(before.total?.counted);
    // Earlier years keep the members' own quotas.
    expect((await compliance(site.tenant, 2024)).rows.some((r) => r.name === "選挙管理委員会")).toBe(true);

    const page = await (await admin.get("/staffing/compliance?year=2025")).text();
    expect(page).toContain('<tr data-unit="市長部局・選挙管理委員会・公平委員会・農業委員会">');
    const settings = await (await admin.get("/staffing/settings")).text();
    expect(settings).toContain("市長部局・選挙管理委員会・公平委員会・農業委員会(共同の定数)");
    const [entry] = await site.tenant.audit.list({ entity: "quota", limit: 1, offset: 0 });
    expect(entry?.summary).toBe("条例定数を設定: 市長部局・選挙管理委員会・公平委員会・農業委員会 (共同の定数) 495人 (令和7年度(2025年度)から)");
  });

  it("the group's cap is taken on the shared quota: members counted together over it are 上限超過", async () => {
    const site = await demoSite(get, { election: "520", fairness: "540" });
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    // 選挙管理委員会 and 公平委員会 together get 2 people from FY2025: far below what they count.
    expect((await admin.post("/staffing/settings/quota", { unit: String(site.election.id), quota: "2", fromYear: "2025", members: "公平委員会", note: "" })).status).toBe(302);
    const row = (await compliance(site.tenant, 2025)).rows.find((r) => r.name === "選挙管理委員会・公平委員会");
    expect(row?.compliance?.status).toBe("over_cap");
    expect(row?.compliance?.quota).toBe(2);
  });
});
