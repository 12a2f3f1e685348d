import { expect, it } from "vitest";
import { sharedQuotaMemberProblems } from "../../src/domain/shared-quota.js";
import { compliance } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { readValuesFor } from "../support/html.js";
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
    const saved = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.mayor.id), quota: "495", fromYear: "令和7年度", members: "選挙管理委員会、公平委員会、農業委員会", note: "職員定数条例 第2条第1号" });
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
    expect((await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.election.id), quota: "2", fromYear: "2025", members: "公平委員会", note: "" })).status).toBe(302);
    const row = (await compliance(site.tenant, 2025)).rows.find((r) => r.name === "選挙管理委員会・公平委員会");
    expect(row?.compliance?.status).toBe("over_cap");
    expect(row?.compliance?.quota).toBe(2);
  });

  it("a shared quota's members may not lie within one another: nothing is counted twice, the form says which and writes nothing", async () => {
    const site = await demoSite(get, { mayor: "100", planning: "110", general: "120", generalAffairs: "121" });
    const before = await compliance(site.tenant, 2025);
    const quotasBefore = await site.tenant.quotas.list();
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    // 企画部 lies within 市長部局; 総務課 within 総務部 within 市長部局 (two levels down).
    for (const members of ["企画部", "総務課"]) {
      const refused = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.mayor.id), quota: "550", fromYear: "2025", members, note: "" });
      expect(refused.status).toBe(400);
      const text = await refused.text();
      expect(text).toContain(`共同の定数の組織「${members}」は同じ共同の定数の「市長部局」の中の組織です`);
      expect(text).toContain("二重に数える");
    }
    // The inner unit named first is refused the same way.
    expect((await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.general.id), quota: "100", fromYear: "2025", members: "市長部局", note: "" })).status).toBe(400);
    expect(await site.tenant.quotas.list()).toEqual(quotasBefore);
    expect((await compliance(site.tenant, 2025)).rows).toEqual(before.rows);
    // Separate units are fine; the rule names every nested pair.
    const units = [
      { id: 1, parentId: null, name: "市長部局" },
      { id: 2, parentId: 1, name: "企画部" },
      { id: 3, parentId: null, name: "選挙管理委員会" },
    ];
    expect(sharedQuotaMemberProblems(units, [1, 3])).toEqual([]);
    expect(sharedQuotaMemberProblems(units, [2, 1, 3])).toHaveLength(1);
  });
});
