import { describe, expect, it } from "vitest";
import type { DocBlock, PolicyDocument } from "../../src/report/document/model.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";

/** A municipality just set up with `gyokaku init` has an edition but (almost) no figures yet: its document says so. */
function townDoc(blocks: DocBlock[]): PolicyDocument {
  return { municipality: { code: "014630", name: "占冠村", prefecture: "北海道" }, fiscalYear: 2025, title: "行政改革 基本方針", subtitle: "業務改革・定数管理", issued: "2025-09", blocks, images: new Map() };
}

function text(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("figures without data never print an empty number or empty brackets", () => {
  it("図表5 names only years that have a count, and says when none has", () => {
    const none = text(renderPolicyHtml(townDoc([{ kind: "figure", id: "f5", figure: { type: "staffPopulation", data: { years: [2025], staff: [null], population: [null], populationDates: [null] } } }])));
    expect(none).toContain("職員数の記録がありません");
    expect(none).not.toMatch(/の人/);
    const gap = text(renderPolicyHtml(townDoc([{ kind: "figure", id: "f5", figure: { type: "staffPopulation", data: { years: [2023, 2024, 2025], staff: [null, 120, 118], population: [null, null, null], populationDates: [null, null, null] } } }])));
    expect(gap).toContain("一般職(合計)は令和6年度(2024年度)の120人から令和7年度(2025年度)の118人");
  });

  it("図表9 without any year has no empty brackets in its caption and says there is no index yet", () => {
    const html = text(renderPolicyHtml(townDoc([{ kind: "figure", id: "f9", figure: { type: "laspeyres", data: { years: [], series: [] } } }])));
    expect(html).not.toContain("ラスパイレス指数比較()");
    expect(html).toContain("ラスパイレス指数の記録がありません");
    expect(html).not.toContain("最新年度の指数: ");
  });

  it("図表7 of a 村 not yet classified shows the 町村 grid, nothing marked", () => {
    const html = text(renderPolicyHtml(townDoc([{ kind: "figure", id: "f7", figure: { type: "classification", groupKey: null } }])));
    expect(html).toContain("類似団体区分の判定(町村 15類型)");
    expect(html).not.toContain("一般市 16類型");
  });
});
