import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import type { Actor } from "../../src/domain/roles.js";
import { numberFigures } from "../../src/report/document/model.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { loadPolicyDocument } from "../../src/services/policy-document.js";
import { narrativesOf, saveNarratives } from "../../src/services/policy-narratives.js";
import { startNextEdition } from "../../src/services/reform/editions.js";
import { describeEachDatabase } from "../support/databases.js";

/** Text of the HTML without tags, scripts or the inline SVG, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

describeEachDatabase("policy document (基本方針)", (db) => {
  const admin: Actor = { ...CLI_ACTOR, userId: null, username: "kanri" };

  it("the demo edition renders the seed's structure with every figure numbered in order of appearance", async () => {
    const demo = await loadDemo(db().database.db);
    const tenant = new TenantDb(db().database.db, demo.municipality.id);
    const doc = await loadPolicyDocument(tenant, demo.municipality, 2025);
    const numbers = numberFigures(doc.blocks);
    expect([...numbers.keys()]).toEqual([
      "zuhyo-ppp",
      "zuhyo-dx",
      "zuhyo-subcommittees",
      "zuhyo-headcounts",
      "zuhyo-staff-population",
      "zuhyo-retirement",
      "zuhyo-classification",
      "zuhyo-peers",
      "zuhyo-laspeyres",
      "zuhyo-diagnosis",
      "zuhyo-sectors",
    ]);
    const text = textOf(renderPolicyHtml(doc));
    for (const heading of ["1 背景と目的", "2 業務改革", "(1) 民間活力の推進", "(3) 重点推進項目", "3 定数管理", "(2) 定年年齢引上げに係る定数管理の考え方", "4 組織・業務改革ヒアリング", "参考資料", "5 令和7年度業務改革の重点推進項目と令和6年度の実施状況"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("(図表3) 専門部会設置状況");
    expect(text).toContain("(図表4) 平成17年度(2005年度)～令和7年度(2025年度) 部局別職員数の推移");
    expect(text).toContain("(図表10) 地方公共団体定員管理調査 定員管理診断表");
    expect(text).toContain("(図表11) 行政部門の説明");
    // Sentences that state figures come from the data.
    expect(text).toContain("人口1万人当たりの普通会計職員数は73.16人と、全国107団体の類似団体の平均65.53人を上回っている");
    expect(text).toContain("642人(65.53×97,999/10,000)");
    expect(text).toContain("単純値(※1)ベースで75人(717-642)多い");
    expect(text).toContain("商工部門が40.0%と最も高く、議会11.1%、総務・企画11.0%など");
    expect(text).toContain("国家公務員の給与水準より低い97.2(令和6年(2024年)4月1日現在)であり、類似団体平均(注2)の98.2、全国市平均の98.6を下回っている");
    expect(text).toContain("令和7年度(2025年度)は定年退職者が生じません");
    expect(text).toContain("次の10事業を業務改革の重点推進項目");
    expect(text).not.toContain("データがありません");
  });

  it("a figure-bearing sentence follows the data: a changed Laspeyres index changes the sentence", async () => {
    const demo = await loadDemo(db().database.db);
    const tenant = new TenantDb(db().database.db, demo.municipality.id);
    await tenant.laspeyres.upsert({ fiscalYear: 2024, subject: "own", label: "本市", value: 98.4, source: "test" });
    const text = textOf(renderPolicyHtml(await loadPolicyDocument(tenant, demo.municipality, 2025)));
    expect(text).toContain("国家公務員の給与水準より低い98.4");
    expect(text).toContain("類似団体平均(注2)の98.2を上回り、全国市平均の98.6を下回っている状況です");
    await tenant.laspeyres.upsert({ fiscalYear: 2024, subject: "own", label: "本市", value: 97.2, source: "test" });
  });

  it("narrative edits are admin-only, name only known facts, and are carried into the next edition", async () => {
    const demo = await loadDemo(db().database.db);
    const tenant = new TenantDb(db().database.db, demo.municipality.id);
    const viewer: Actor = { userId: 5, username: "etsuran", role: "viewer", unitIds: [] };
    await expect(saveNarratives(tenant, viewer, 2025, { background: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveNarratives(tenant, admin, 2025, { background: "職員数は{{職員数}}人です" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(saveNarratives(tenant, admin, 2025, { issued: "2025年9月" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(saveNarratives(tenant, admin, 2025, { nosuch: "x" })).rejects.toMatchObject({ code: "invalid_input" });
    const before = (await narrativesOf(tenant, 2025)).get("items.intro");
    expect(await saveNarratives(tenant, admin, 2025, { "items.intro": "{{団体名}}の重点推進項目は{{重点推進項目数}}件です。" })).toBe(1);
    const text = textOf(renderPolicyHtml(await loadPolicyDocument(tenant, demo.municipality, 2025)));
    expect(text).toContain("千歳市の重点推進項目は10件です。");
    const audit = await tenant.audit.list({ entity: "policy_narrative", limit: 10, offset: 0 });
    expect(audit.some((a) => a.entity_id === "2025/items.intro")).toBe(true);

    await startNextEdition(tenant, admin, 2025);
    const next = await narrativesOf(tenant, 2026);
    expect(next.get("background")).toBe((await narrativesOf(tenant, 2025)).get("background"));
    expect(next.get("items.intro")).toBe("{{団体名}}の重点推進項目は{{重点推進項目数}}件です。");
    expect(next.get("issued")).toBe("");
    const nextText = textOf(renderPolicyHtml(await loadPolicyDocument(tenant, demo.municipality, 2026)));
    expect(nextText).toContain("令和8年度(2026年度)は定年退職者が生じます");
    await saveNarratives(tenant, admin, 2025, { "items.intro": before ?? "" });
  });
});
