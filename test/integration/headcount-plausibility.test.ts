import { expect, it } from "vitest";
import { previewHeadcountImport } from "../../src/services/headcount-transfer.js";
import { setChangeThreshold } from "../../src/services/headcount-plausibility.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { readFields, readValuesFor } from "../support/html.js";

describeEachDatabase("職員数の妥当性 (issue 13 point 2)", (get) => {
  it("the grid refuses an impossible figure and asks for a confirmation of a large year-on-year change", async () => {
    const site = await demoSite(get, { shimin: "130" });
    const admin = await site.client("admin");
    const asRead1 = readFields(await (await admin.get("/staffing/headcounts/2026/edit")).text());
    const huge = await admin.post("/staffing/headcounts/2026", { ...asRead1, [`c.${site.shimin.id}.staff`]: "99999999999" });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("「市民環境部」の令和8年度(2026年度)の職員数 99,999,999,999 は大きすぎます");
    expect(await site.tenant.headcounts.get(site.shimin.id, 2026)).toBeUndefined();

    const large = await admin.post("/staffing/headcounts/2026", { ...asRead1, [`c.${site.shimin.id}.staff`]: "1082" });
    expect(large.status).toBe(422);
    const html = await large.text();
    expect(html).toContain("前年度から大きく変わった値があります。まだ保存されていません。");
    expect(html).toContain("「市民環境部」の令和8年度(2026年度)の職員数 1,082 は、令和7年度(2025年度)の 81 から +1,001人");
    expect(html).toContain('name="confirm" value="1"');
    expect(await site.tenant.headcounts.get(site.shimin.id, 2026)).toBeUndefined();

    const confirmed = await admin.post("/staffing/headcounts/2026", { ...asRead1, [`c.${site.shimin.id}.staff`]: "1082", confirm: "1" });
    expect(confirmed.status).toBe(302);
    expect((await site.tenant.headcounts.get(site.shimin.id, 2026))?.staff).toBe(1082);
  });

  it("the API answers 422 with the warnings and saves when the call confirms", async () => {
    const site = await demoSite(get, { shimin: "130" });
    const admin = await site.client("admin");
    await admin.get("/");
    const put = (body: unknown) =>
      admin.app.request("/api/v1/headcounts/2026", {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
      });
    // expected: the row as read (none recorded for 2026), required since c990e31 (no lost update).
    const rows = [{ unitId: site.shimin.id, counts: { staff: 1082 }, expected: {} }];
    const first = await put({ rows });
    expect(first.status).toBe(422);
    const error = ((await first.json()) as { error: { code: string; warnings: { unitName: string; message: string }[] } }).error;
    expect(error.code).toBe("confirmation_required");
    expect(error.warnings[0]?.unitName).toBe("市民環境部");
    expect((await put({ rows, confirm: true })).status).toBe(200);
    const impossible = await put({ rows: [{ unitId: site.shimin.id, counts: { staff: 99_999_999_999 }, expected: { staff: 1082 } }], confirm: true });
    expect(impossible.status).toBe(400);
    expect(((await impossible.json()) as { error: { message: string } }).error.message).toBe("入力が不正です: rows.0.counts.staff: 職員数が大きすぎます。2,147,483,647以下にしてください");
  });

  it("an import preview shows an impossible value as an error at its cell and a large change as a warning", async () => {
    const site = await demoSite(get);
    const csv = "組織,年度,区分,人数\n市民環境部,2026,職員数,1082\n企画部,2026,職員数,99999999999\n";
    const preview = await previewHeadcountImport(site.tenant, { currentFiscalYear: 2026, filename: "r8.csv", bytes: new TextEncoder().encode(csv) });
    const problems = preview.result.problems.map((p) => `${p.severity} ${p.cell}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning D2: 「市民環境部」の令和8年度\(2026年度\)の職員数 1,082 は/),
        expect.stringMatching(/^error D3: 「企画部」の令和8年度\(2026年度\)の職員数 99,999,999,999 は大きすぎます/),
      ]),
    );
  });

  it("the threshold is a municipal setting", async () => {
    const site = await demoSite(get, { shimin: "130" });
    await setChangeThreshold(site.tenant, CLI_ACTOR, { percent: 5, people: 2 });
    const csv = "組織,年度,区分,人数\n市民環境部,2026,職員数,86\n";
    const preview = await previewHeadcountImport(site.tenant, { currentFiscalYear: 2026, filename: "r8.csv", bytes: new TextEncoder().encode(csv) });
    expect(preview.result.problems.some((p) => p.severity === "warning" && p.message.includes("±5% かつ ±2人"))).toBe(true);
  });
});

describeEachDatabase("条例定数の妥当性 (issue 13 point 2, as a kind)", (get) => {
  it("a 条例定数 that cannot be true is refused and a large change is set only when confirmed", async () => {
    const site = await demoSite(get, { fire: "300" });
    const admin = await site.client("admin");
    await admin.get("/staffing/settings");
    const before = await site.tenant.quotas.list();
    // 消防 13,100 for 131 (two zeros too many) turned 上限超過 into 定数内.
    const huge = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.fire.id), quota: "13100", fromYear: "R8", note: "" });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("「消防」の条例定数 13,100 は大きすぎます(この団体の職員全体(1,104人)の2倍 2,208人を超えています)");
    const large = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.fire.id), quota: "1310", fromYear: "R8", note: "" });
    expect(large.status).toBe(400);
    expect(await large.text()).toContain("「消防」の条例定数が 131 から 1,310 (+1,179人) に変わります");
    expect(await site.tenant.quotas.list()).toEqual(before);
    expect((await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(site.fire.id), quota: "1310", fromYear: "R8", note: "", confirm: "1" })).status).toBe(302);
    expect((await site.tenant.quotas.list()).find((q) => q.unit_id === site.fire.id && q.valid_from === 2026)?.quota).toBe(1310);
    // The import preview refuses what applying would.
    const csv = "組織,年度,区分,人数,定数\n消防,2026,職員数,136,50000\n";
    const preview = await previewHeadcountImport(site.tenant, { filename: "q.csv", bytes: Buffer.from(csv), currentFiscalYear: 2026 });
    // (The whole staff now counts the confirmed 1,310 among the quotas in force.)
    expect(preview.result.problems.map((p) => p.message)).toContain("「消防」の条例定数 50,000 は大きすぎます(この団体の職員全体(2,240人)の2倍 4,480人を超えています)");
  });
});
