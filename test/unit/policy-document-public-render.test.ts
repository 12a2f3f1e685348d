/**
 * What the published 基本方針 prints (report HTML, PDF, site) versus the app's own preview: app instructions stay in
 * the preview; 図表11 describes only the sectors the municipality staffs, with 区分 merged as in the seed.
 */
import { describe, expect, it } from "vitest";
import { type DocBlock, type PolicyDocument } from "../../src/report/document/model.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";
import { documentCss } from "../../src/report/document/styles.js";
import { ATTACHMENT_UPLOAD_HINT } from "../../src/report/figures/attachment.js";
import { sectorsDescribed } from "../../src/report/figures/sectors.js";
import type { PublicDiagnosisRow } from "../../src/services/publication-policy.js";

function doc(blocks: DocBlock[]): PolicyDocument {
  return { municipality: { code: "012246", name: "千歳市", prefecture: "北海道" }, fiscalYear: 2025, title: "行政改革 基本方針", subtitle: "業務改革・定数管理", issued: "2025-09", blocks, images: new Map() };
}

const ppp: DocBlock = { kind: "figure", id: "zuhyo-ppp", figure: { type: "attachment", data: { caption: "PPP/PFI 概念図", alt: "PPP/PFI 概念図", dataUri: null } } };
const sectors: DocBlock = { kind: "figure", id: "zuhyo-sectors", figure: { type: "sectors" } };

function row(code: string, previous: number | null, current: number | null): PublicDiagnosisRow {
  return { code, name: code, total: false, previous, current, change: null, simpleReference: null, simpleExcess: null, simpleRate: null, correctedReference: null, correctedExcess: null, correctedRate: null };
}
/** The seed's 図表10 staff (R5, R6): every sector staffed except 交通. */
const seedStaff = [
  row("gikai", 9, 9), row("somu", 161, 172), row("zeimu", 28, 30), row("minsei", 126, 128), row("eisei", 74, 72), row("rodo", 2, 2),
  row("norin", 20, 21), row("shoko", 26, 25), row("doboku", 68, 69), row("kyoiku", 57, 56), row("shobo", 132, 133), row("futsu", 703, 717),
  row("byoin", 299, 303), row("suido", 21, 22), row("gesuido", 25, 29), row("kotsu", null, null), row("sonota", 27, 29),
];
const diagnosis: DocBlock = { kind: "figure", id: "zuhyo-diagnosis", figure: { type: "diagnosis", data: { fiscalYear: 2024, previousYear: 2023, rows: seedStaff } } };

/** The 行政部門 (row headers) of 図表11 in the rendered HTML, in order. */
function sectorRows(html: string): string[] {
  const table = /<table class="figure-table zuhyo11"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1] ?? "");
}

describe("the published document carries no app instructions", () => {
  it("a missing 図表1 image is a labelled placeholder; where to upload it is said in the app's preview only", () => {
    const published = renderPolicyHtml(doc([ppp]));
    expect(published).toContain("図の画像は未登録です");
    expect(published).toContain("PPP/PFI 概念図");
    expect(published).not.toContain(ATTACHMENT_UPLOAD_HINT);
    expect(published).not.toContain("公表 →");
    expect(renderPolicyHtml(doc([ppp]), { preview: true })).toContain(ATTACHMENT_UPLOAD_HINT);
  });
});

describe("図表11 行政部門の説明", () => {
  it("describes the sectors the municipality staffs: the seed's list, without 交通, in the seed's order", () => {
    expect(sectorRows(renderPolicyHtml(doc([diagnosis, sectors])))).toEqual(["議会", "総務・企画", "税務", "労働", "農林水産", "商工", "土木", "民生", "衛生", "教育", "消防", "病院", "水道", "下水道", "その他"]);
  });

  it("describes every sector when there is no 診断表 to tell which are staffed", () => {
    expect(sectorRows(renderPolicyHtml(doc([sectors])))).toContain("交通");
    expect(sectorsDescribed([])).toHaveLength(16);
    expect(sectorsDescribed([row("kotsu", 0, 0)])).toHaveLength(16);
    expect(sectorsDescribed([row("kotsu", 0, 3), row("gikai", 9, null)]).map((s) => s.code)).toEqual(["gikai", "kotsu"]);
  });

  it("merges 区分(会計) and 区分(行政) over the rows that share them, as the seed does", () => {
    const html = renderPolicyHtml(doc([diagnosis, sectors]));
    const table = /<table class="figure-table zuhyo11"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    // 普通会計: 議会 … 消防 (11 rows); 公営企業等会計: 病院 水道 下水道 その他 (4 rows).
    expect(table).toMatch(/<td class="merged" rowspan="11">普通会計<\/td>/);
    expect(table).toMatch(/<td class="merged" rowspan="4">公営企業等会計<\/td>/);
    expect(table).toMatch(/<td class="merged" rowspan="7">一般行政\(福祉関係を除く\)<\/td>/);
    expect(table).toMatch(/<td class="merged" rowspan="2">一般行政\(福祉関係\)<\/td>/);
    expect(table.match(/>普通会計</g)).toHaveLength(1);
  });
});

describe("print layout", () => {
  it("lets landscape pages use their full width (the screen's column width is lifted in print)", () => {
    const css = documentCss("千歳市");
    const print = /@media print \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? "";
    expect(print).toMatch(/\.document \{ max-width: none; \}/);
    expect(print).toMatch(/\.item-sheet > \.item-title \{ position: absolute;/);
  });
});
