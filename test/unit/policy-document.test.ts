import { describe, expect, it } from "vitest";
import { type DocBlock, numberFigures, type PolicyDocument } from "../../src/report/document/model.js";
import { fillFacts, parseNarrative, unknownFacts, validateNarrative } from "../../src/report/document/narrative.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";
import { correctedExcessSentence, laspeyresSentence, per10kSentence, retirementSentence, selfReference } from "../../src/report/document/sentences.js";
import { buildDiagnosisTable } from "../../src/domain/diagnosis-table.js";

function doc(blocks: DocBlock[]): PolicyDocument {
  return { municipality: { code: "012246", name: "千歳市", prefecture: "北海道" }, fiscalYear: 2025, title: "行政改革 基本方針", subtitle: "業務改革・定数管理", issued: "2025-09", blocks, images: new Map() };
}

const sectors: DocBlock = { kind: "figure", id: "zuhyo-sectors", figure: { type: "sectors" } };
const subcommittees: DocBlock = { kind: "figure", id: "zuhyo-sub", figure: { type: "subcommittees", rows: [{ name: "AI・RPA推進 専門部会", role: "対象業務拡大に向けた検討", period: "R4～R7" }] } };
const grid: DocBlock = { kind: "figure", id: "zuhyo-grid", figure: { type: "classification", groupKey: "city:II-3" } };

describe("figure numbering (図表 numbers are assigned in order of appearance, never typed)", () => {
  it("numbers figures 1, 2, 3 in document order", () => {
    expect([...numberFigures([subcommittees, { kind: "text", key: "x", text: "本文" }, grid, sectors])]).toEqual([
      ["zuhyo-sub", 1],
      ["zuhyo-grid", 2],
      ["zuhyo-sectors", 3],
    ]);
  });

  it("inserting a figure shifts the numbers after it, removing one shifts them back", () => {
    const before = renderPolicyHtml(doc([subcommittees, sectors]));
    expect(before).toMatch(/\(図表2\) ?<\/span> ?行政部門の説明/);
    const inserted = renderPolicyHtml(doc([grid, subcommittees, sectors]));
    expect(inserted).toMatch(/\(図表1\) ?<\/span> ?類似団体区分の判定/);
    expect(inserted).toMatch(/\(図表2\) ?<\/span> ?専門部会設置状況/);
    expect(inserted).toMatch(/\(図表3\) ?<\/span> ?行政部門の説明/);
    const removed = renderPolicyHtml(doc([sectors]));
    expect(removed).toMatch(/\(図表1\) ?<\/span> ?行政部門の説明/);
  });

  it("the classification grid marks the municipality's own cell only", () => {
    const html = renderPolicyHtml(doc([grid]));
    expect(html.match(/class="type own"/g)).toHaveLength(1);
    expect(html).toMatch(/<td class="type own"><strong>II-3<\/strong>/);
  });

  it("draws the 類型表 of the year classified: a 平成11年度-scheme year has 7 bands × 6 digits, its own labels", () => {
    const old: DocBlock = { kind: "figure", id: "zuhyo-grid", figure: { type: "classification", groupKey: "city:VI-5", fiscalYear: 2002 } };
    const html = renderPolicyHtml(doc([old]));
    expect(html.match(/<td class="type( own)?">/g)).toHaveLength(42);
    expect(html).toMatch(/<td class="type own"><strong>VI-5<\/strong>/);
    expect(html).toContain("一般市 28類型");
    expect(html).toContain("2次, 3次85%以上95%未満");
    expect(html).toContain("430,000以上～");
    expect(html).not.toContain("150,000以上～");
    // Today's table for today's years, unchanged.
    expect(renderPolicyHtml(doc([grid])).match(/<td class="type( own)?">/g)).toHaveLength(16);
  });
});

describe("narrative text", () => {
  it("fills named facts and marks a fact the data cannot give", () => {
    expect(fillFacts("{{年度}}は{{重点推進項目数}}事業", { 年度: "令和7年度(2025年度)", 重点推進項目数: "10" })).toBe("令和7年度(2025年度)は10事業");
    expect(fillFacts("{{ラスパイレス指数の比較}}", {})).toBe("【ラスパイレス指数の比較のデータがありません】");
  });

  it("refuses a typed placeholder that is not a fact, and a malformed 発行年月", () => {
    expect(unknownFacts("{{職員数}} と {{年度}}")).toEqual(["職員数"]);
    expect(() => validateNarrative("background", "{{職員数}}")).toThrow(/データから作れる事実ではありません/);
    expect(() => validateNarrative("issued", "令和7年9月")).toThrow(/2025-09/);
    expect(validateNarrative("issued", " 2025-09 \r\n")).toBe("2025-09");
  });

  it("reads paragraphs, ■ bullets and ### headings", () => {
    expect(parseNarrative("一行目\n続き\n\n■ 甲\n■ 乙\n\n### 見出し\n本文")).toEqual([
      { type: "paragraph", text: "一行目続き" },
      { type: "bullets", items: ["甲", "乙"] },
      { type: "heading", text: "見出し" },
      { type: "paragraph", text: "本文" },
    ]);
  });
});

describe("notes under a table", () => {
  it("prints each ※ / (注) note on a line of its own, as the seed does (they never run on after the line before)", () => {
    expect(parseNarrative("※人口は、各年1月1日現在。\n※職員数は、各年4月1日現在\n(注)再任用を含む。\n続きの行")).toEqual([
      { type: "paragraph", text: "※人口は、各年1月1日現在。" },
      { type: "paragraph", text: "※職員数は、各年4月1日現在" },
      { type: "paragraph", text: "(注)再任用を含む。続きの行" },
    ]);
  });
});

describe("sentences that state figures follow the data", () => {
  it("per 10,000: above or below the group average", () => {
    expect(per10kSentence({ fiscalYear: 2024, ownPer10k: (717 / 97999) * 10000, groupPer10k: (50344 / 7683019) * 10000, members: 107 })).toBe(
      "令和6年度(2024年度)の人口1万人当たりの普通会計職員数は73.16人と、全国107団体の類似団体の平均65.53人を上回っている状況です",
    );
    expect(per10kSentence({ fiscalYear: 2024, ownPer10k: 60, groupPer10k: 65.53, members: null })).toContain("類似団体の平均65.53人を下回っている");
  });

  it("Laspeyres names the comparator the data carry (a town compares with 全国町村平均)", () => {
    const town = laspeyresSentence({ fiscalYear: 2024, own: 101.3, self: selfReference("厚真町"), comparators: [{ label: "全国町村平均", value: 96.1 }] });
    expect(town).toBe("本町のラスパイレス指数は、国家公務員の給与水準より高い101.3(令和6年(2024年)4月1日現在)であり、全国町村平均の96.1を上回っている状況です");
  });

  it("retirement: 令和7年度 has no regular retirees, 令和8年度 has", () => {
    expect(retirementSentence(2025, false)).toBe("令和7年度(2025年度)は定年退職者が生じません");
    expect(retirementSentence(2026, true)).toBe("令和8年度(2026年度)は定年退職者が生じます");
  });

  it("修正値: the sectors over their reference, highest rate first (the seed: 商工 40.0%, 議会 11.1%, 総務・企画 11.0%)", () => {
    const current = new Map([["gikai", 9], ["somu", 172], ["shoko", 25], ["eisei", 72], ["zeimu", 30]]);
    const given = new Map([["gikai", { simple: 8, corrected: 8 }], ["somu", { simple: 153, corrected: 153 }], ["shoko", { simple: 14, corrected: 15 }], ["eisei", { simple: 54, corrected: 67 }], ["zeimu", { simple: 40, corrected: 41 }]]);
    const rows = buildDiagnosisTable({ previous: new Map(), current, given, averages: new Map(), population: 97999 });
    expect(correctedExcessSentence(rows)).toBe("修正値(※2)をみると、部門別超過率では商工部門が40.0%と最も高く、議会11.1%、総務・企画11.0%など、超過している部門もある");
  });
});
