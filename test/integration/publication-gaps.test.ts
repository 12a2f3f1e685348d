import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { documentGaps } from "../../src/report/document/gaps.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { loadPolicyDocument } from "../../src/services/policy-document.js";
import { createEdition } from "../../src/services/reform/editions.js";
import { describeEachDatabase } from "../support/databases.js";
import { signIn } from "../support/demo-site.js";
import { buildMunicipality } from "../support/factories.js";

const section = (html: string, year: number) => new RegExp(`<section class="publication" id="edition-${year}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
const versionOf = (html: string, year: number) => /name="version" value="(\d*)"/.exec(section(html, year))?.[1] ?? "";
const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describeEachDatabase("an edition with empty sections before approval", (get) => {
  it("lists what is empty or missing for the secretariat and hq, and marks ready or approves only with an explicit confirmation", async () => {
    const { database } = get();
    const { db } = database;
    const village = await buildMunicipality(db, { name: "占冠村" });
    const tenant = new TenantDb(db, village.id);
    await createEdition(tenant, CLI_ACTOR, { fiscalYear: 2030 });
    const admin = await signIn(database, village, "admin");
    const hq = await signIn(database, village, "hq");

    let page = await (await admin.get("/publication")).text();
    const checklist = text(section(page, 2030));
    expect(checklist).toContain("空欄・未登録の確認");
    expect(checklist).toContain("(図表4) 部局別職員数の推移 職員数の記録がありません");
    expect(checklist).toContain("(図表8) 類似団体との職員数の比較 類似団体の職員数の記録がありません");
    expect(checklist).toContain("1 背景と目的 本文がありません");
    expect(checklist).toContain("重点推進項目がありません");
    expect(section(page, 2030)).toContain('name="confirm_gaps"');

    // Without the confirmation: refused in Japanese, nothing written.
    const refused = await admin.post("/publication/2030/approval", { action: "mark_ready", version: versionOf(page, 2030) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("空欄・未登録の箇所が");
    expect(await tenant.publications.get(2030)).toBeUndefined();
    expect((await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);

    page = await (await hq.get("/publication")).text();
    expect(text(section(page, 2030))).toContain("(図表4) 部局別職員数の推移 職員数の記録がありません");
    expect((await hq.post("/publication/2030/approval", { action: "approve", version: versionOf(page, 2030) })).status).toBe(400);
    expect((await tenant.publications.get(2030))?.state).toBe("ready");
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);
    expect((await tenant.publications.get(2030))?.state).toBe("approved");
    // The gaps each person accepted are in the audit log.
    const audit = await db.selectFrom("audit_log").selectAll().where("municipality_id", "=", village.id).where("entity", "=", "publication").orderBy("id").execute();
    expect(audit).toHaveLength(2);
    for (const entry of audit) expect(entry.after_json ?? "").toContain("(図表4) 部局別職員数の推移: 職員数の記録がありません");
  });

  it("prints 「データがありません」 in place of a figure without data, never a table of zeros or a chart with bare axes", async () => {
    const { db } = get().database;
    const village = await buildMunicipality(db, { name: "占冠村" });
    const tenant = new TenantDb(db, village.id);
    await createEdition(tenant, CLI_ACTOR, { fiscalYear: 2030 });
    const html = renderPolicyHtml(await loadPolicyDocument(tenant, village, 2030));
    const body = text(html);
    expect(body).toContain("データがありません(職員数の記録がありません)");
    expect(body).toContain("データがありません(類似団体の職員数の記録がありません)");
    expect(body).toContain("データがありません(ラスパイレス指数の記録がありません)");
    expect(body).not.toContain("%上限");
    expect(body).not.toMatch(/一般職\(合計\) 0/);
    // No chart is drawn for 図表5, 8 and 9 (no data): the whole document has no SVG.
    expect(html).not.toContain("<svg");
    for (const id of ["zuhyo-headcounts", "zuhyo-staff-population", "zuhyo-peers", "zuhyo-laspeyres", "zuhyo-diagnosis", "zuhyo-subcommittees"]) {
      expect(html).toMatch(new RegExp(`<figure class="figure empty-figure" id="${id}"`));
    }
    // The figure numbers stay in place (図表4 is still 図表4).
    expect(body).toContain("(図表4) 部局別職員数の推移");
  });

  it("finds only the images not uploaded in the demo's 令和7年度 edition (every table has data, every section its text)", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const gaps = documentGaps(await loadPolicyDocument(new TenantDb(db, municipality.id), municipality, 2025));
    expect(gaps.map((g) => g.place)).toEqual(["2 業務改革 (1) 民間活力の推進 (図表1) PPP/PFI 概念図", "2 業務改革 (2) ICT等を活用した業務の見直し (図表2) DX推進体制"]);
  });
});
