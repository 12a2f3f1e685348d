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
    expect(html).toContain("「市長部局」の職員数は下位組織の合計から計算されるため入力できません(令和7年度(2025年度)");
    expect(html).toMatch(/<td>D2<\/td><td>「市長部局」の職員数は下位組織/);
    expect(html).not.toContain("この内容で取り込む");
    // Applying anyway writes nothing.
    const applied = await admin.post("/staffing/import", { step: "apply", filename: "h.csv", encoding: "auto", layout: "auto", data: Buffer.from(csv).toString("base64") });
    expect(applied.status).toBe(400);
    expect((await loadStaffing(site.tenant, { from: 2025, to: 2025 })).records).toEqual(before.records);
  });
});
