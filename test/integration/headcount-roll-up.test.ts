import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadStaffing, saveHeadcounts } from "../../src/services/staffing.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { cell, readFields } from "../support/html.js";

describeEachDatabase("部の職員数と課の職員数 (issue 13 point 1)", (get) => {
  it("a partly entered 部 keeps its own total and shows the difference", async () => {
    const site = await demoSite(get, { somu: "120", gyokan: "123", mayor: "100" });
    const { tenant } = site;
    // FY2026 starts as FY2025 (every unit; 総務部 94, 市長部局 533), then the administrator sets 総務部 = 100 in the grid.
    const data = await loadStaffing(tenant, { from: 2025, to: 2025 });
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, data.records.map((r) => ({ unitId: r.unitId, counts: r.counts })), { confirmed: true });
    const admin = await site.client("admin");
    const asRead1 = readFields(await (await admin.get("/staffing/headcounts/2026/edit")).text());
    const saved = await admin.post("/staffing/headcounts/2026", { ...asRead1, [`c.${site.somu.id}.staff`]: "100" });
    expect(saved.status).toBe(302);
    const before = await (await admin.get("/staffing/headcounts?from=2025&to=2026")).text();
    expect(cell(before, { unit: "総務部", row: "unit", year: 2026 })).toBe("100");
    expect(cell(before, { unit: "市長部局", row: "unit", year: 2026 })).toBe("539");
    const quotaTotal = cell(before, { row: "quota-total", year: 2026 });
    const compliance = await (await admin.get("/staffing/compliance?year=2026")).text();
    expect(compliance).toMatch(/<tr data-unit="市長部局">[\s\S]*?上限超過/);

    // An editor bound to 行政管理課 enters its own figure only.
    const editor = await site.client("editor", [site.gyokan]);
    const asRead2 = readFields(await (await editor.get("/staffing/headcounts/2026/edit")).text());
    const entered = await editor.post("/staffing/headcounts/2026", { ...asRead2, [`c.${site.gyokan.id}.staff`]: "20" });
    expect(entered.status).toBe(302);

    const after = await (await admin.get("/staffing/headcounts?from=2025&to=2026")).text();
    expect(cell(after, { unit: "総務部", row: "unit", year: 2026 })).toBe("100");
    expect(cell(after, { unit: "市長部局", row: "unit", year: 2026 })).toBe("539");
    expect(cell(after, { row: "quota-total", year: 2026 })).toBe(quotaTotal);
    expect(after).toMatch(/data-unit="総務部" data-year="2026" data-difference="80"/);
    expect(after).toContain("入力済みの下位組織の合計 20人との差は +80人です");

    const panel = await (await admin.get("/staffing/compliance?year=2026")).text();
    expect(panel).toMatch(/<tr data-unit="市長部局">[\s\S]*?上限超過/);
    expect(panel).toContain("「総務部」は下位組織の一部だけが入力済みのため、自身の職員数 100人を使います");

    const grid = await (await admin.get("/staffing/headcounts/2026/edit")).text();
    expect(grid).toMatch(/下位組織の合計との差 \+80/);
    // 総務部's own figure can still be corrected: it is not derived while 課 are missing.
    expect(grid).toContain(`name="c.${site.somu.id}.staff"`);
  });

  it("the import preview shows the difference of a partly stated 部", async () => {
    const site = await demoSite(get, { somu: "120", gyokan: "123" });
    const admin = await site.client("admin");
    const csv = "組織,年度,区分,人数\n総務部,2026,職員数,95\n行政管理課,2026,職員数,20\n";
    await admin.get("/staffing/import");
    const response = await admin.post("/staffing/import", { step: "preview", filename: "h.csv", encoding: "auto", layout: "auto", data: Buffer.from(csv).toString("base64") });
    const html = await response.text();
    expect(html).toContain("入力済みの下位組織の合計 20人との差は +75人です");
  });

  it("the import preview refuses what applying refuses: a 部 figure whose children are all entered is derived, not stated", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    // FY2025 has every child of 市長部局; a file stating 市長部局 and two of its 部 would be refused on applying.
    const csv = "組織,年度,区分,人数\n市長部局,2025,職員数,533\n企画部,2025,職員数,67\n総務部,2025,職員数,94\n";
    const before = await loadStaffing(site.tenant, { from: 2025, to: 2025 });
    await admin.get("/staffing/import");
    const preview = await admin.post("/staffing/import", { step: "preview", filename: "h.csv", encoding: "auto", layout: "auto", data: Buffer.from(csv).toString("base64") });
    const html = await preview.text();
    expect(html).toContain("「市長部局」の職員数は下位組織の合計から計算されるため入力できません(令和7年度(2025年度): 下位組織がすべてファイルか登録済みの値にあります。下位組織の行だけを入れてください)");
    expect(html).toMatch(/<td>D2<\/td><td>「市長部局」の職員数は下位組織/);
    expect(html).not.toContain("この内容で取り込む");
    // Applying anyway writes nothing.
    const applied = await admin.post("/staffing/import", { step: "apply", filename: "h.csv", encoding: "auto", layout: "auto", data: Buffer.from(csv).toString("base64") });
    expect(applied.status).toBe(400);
    expect((await loadStaffing(site.tenant, { from: 2025, to: 2025 })).records).toEqual(before.records);
  });
});

// Each in a database of its own: both start FY2026 from FY2025.
describeEachDatabase("部の職員数が下位組織の合計に代わるとき (issue 13 point 1)", (get) => {
  it("a 部 whose last 課 is entered becomes their sum only after a confirmation naming the figure it replaces", async () => {
    const site = await demoSite(get, { somu: "120", c1: "121", c2: "122", gyokan: "123", c4: "124" });
    const { tenant } = site;
    const data = await loadStaffing(tenant, { from: 2025, to: 2025 });
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, data.records.map((r) => ({ unitId: r.unitId, counts: r.counts })), { confirmed: true });
    const admin = await site.client("admin");
    const asRead1 = readFields(await (await admin.get("/staffing/headcounts/2026/edit")).text());
    expect((await admin.post("/staffing/headcounts/2026", { ...asRead1, [`c.${site.somu.id}.staff`]: "95" })).status).toBe(302);
    // The 課 of 総務部 all entered at 20 + 0 + 0 + 0: 総務部 would become 20 (and 市長部局 fall by 75) — asked, not done.
    const asRead2 = readFields(await (await admin.get("/staffing/headcounts/2026/edit")).text());
    const typed = { [`c.${site.c1.id}.staff`]: "0", [`c.${site.c2.id}.staff`]: "0", [`c.${site.gyokan.id}.staff`]: "20", [`c.${site.c4.id}.staff`]: "0" };
    const asked = await admin.post("/staffing/headcounts/2026", { ...asRead2, ...typed });
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain("「総務部」の令和8年度(2026年度)の職員数は、下位組織がすべて入力されたため下位組織の合計 20 になり、登録された職員数 95人に代わります");
    expect(html).toContain("令和7年度(2025年度)の 94 から -74人");
    expect(await tenant.headcounts.get(site.gyokan.id, 2026)).toBeUndefined();
    const table = await (await admin.get("/staffing/headcounts?from=2026&to=2026")).text();
    expect(cell(table, { unit: "総務部", row: "unit", year: 2026 })).toBe("95");
    // Confirmed, the sum is used and the disagreement stays shown.
    expect((await admin.post("/staffing/headcounts/2026", { ...asRead2, ...typed, confirm: "1" })).status).toBe(302);
    const after = await (await admin.get("/staffing/headcounts?from=2026&to=2026")).text();
    expect(cell(after, { unit: "総務部", row: "unit", year: 2026 })).toBe("20");
    expect(after).toContain("「総務部」に登録された職員数 95人が、下位組織の合計 20人と +75人 食い違っています");
  });
});

describeEachDatabase("部のうち数と下位組織の合計 (issue 13 points 1–2)", (get) => {
  it("a 部's (うち…) figures may not exceed the 職員数 it takes from its children", async () => {
    const site = await demoSite(get, { mayor: "100", shimin: "130" });
    const { tenant } = site;
    const data = await loadStaffing(tenant, { from: 2025, to: 2025 });
    await saveHeadcounts(tenant, CLI_ACTOR, 2026, data.records.map((r) => ({ unitId: r.unitId, counts: r.counts })), { confirmed: true });
    const admin = await site.client("admin");
    const asRead = readFields(await (await admin.get("/staffing/headcounts/2026/edit")).text());
    // 市長部局 has no 職員数 field (derived: 534 from its 部); its 派遣職員 1,000 would make 定数内職員数 negative.
    expect(asRead).not.toHaveProperty(`c.${site.mayor.id}.staff`);
    const refused = await admin.post("/staffing/headcounts/2026", { ...asRead, [`c.${site.mayor.id}.seconded`]: "1000" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("「市長部局」: 下位組織を含む派遣職員(1,000)が職員数(下位組織の合計 533)を超えています");
    expect((await tenant.headcounts.get(site.mayor.id, 2026))?.seconded).toBe(13);
    // 派遣 and 休職・休業 together may not exceed it either.
    const viaChild = await admin.post("/staffing/headcounts/2026", { ...asRead, [`c.${site.mayor.id}.onLeave`]: "521" });
    expect(viaChild.status).toBe(400);
    expect(await viaChild.text()).toContain("「市長部局」: 下位組織を含む派遣職員と休職・休業の合計(534)が職員数(下位組織の合計 533)を超えています");
    // And through the import.
    const csv = "組織,年度,区分,人数\n市長部局,2026,派遣職員,900\n";
    await admin.get("/staffing/import");
    const preview = await admin.post("/staffing/import", { step: "preview", filename: "h.csv", encoding: "auto", layout: "auto", data: Buffer.from(csv).toString("base64") });
    const html = await preview.text();
    expect(html).toContain("「市長部局」: 下位組織を含む派遣職員(900)が職員数(下位組織の合計 533)を超えています");
    expect(html).not.toContain("この内容で取り込む");
  });
});
