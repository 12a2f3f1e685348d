import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  achievementRatio,
  type Block,
  blocksToText,
  fieldDiff,
  nextUpdateStatus,
  parseBlocks,
  parsePlanCellText,
  planCellToText,
  resolvePlanRow,
} from "../../src/domain/reform.js";

describe("plan cells", () => {
  it("read a stage tag and bullets, and 同左 alone as a link to the left column", () => {
    expect(parsePlanCellText("<継続実施>\n・職員業務端末の更新\n・グループウェア更新")).toEqual({ stage: "継続実施", lines: ["職員業務端末の更新", "グループウェア更新"] });
    expect(parsePlanCellText("同左")).toEqual({ stage: null, lines: [], sameAsLeft: true });
    expect(parsePlanCellText("<継続実施> 同左")).toEqual({ stage: "継続実施", lines: [], sameAsLeft: true });
    expect(parsePlanCellText("＜実施＞ 組織ヒアリング")).toEqual({ stage: "実施", lines: ["組織ヒアリング"] });
  });
  it("write back what they read", () => {
    for (const text of ["<一部実施>\n・請求書の押印省略検討\n【AI】\n・文章生成AI運用", "同左", "<実施>\n同左"]) {
      const cell = parsePlanCellText(text);
      expect(parsePlanCellText(planCellToText(cell))).toEqual(cell);
    }
  });
  it("resolve 同左 to the nearest column on the left, keeping its own tag", () => {
    const row = resolvePlanRow([
      { stage: "実施", lines: ["A"] },
      { stage: "継続実施", lines: [], sameAsLeft: true },
      { stage: null, lines: [], sameAsLeft: true },
    ]);
    expect(row[1]).toEqual({ stage: "継続実施", lines: ["A"], sameAsLeft: true });
    expect(row[2]).toEqual({ stage: "継続実施", lines: ["A"], sameAsLeft: true });
  });
});

describe("rich text blocks", () => {
  it("round-trip every block of the demo's ten items unchanged", () => {
    const data = JSON.parse(readFileSync(new URL("../../demo/chitose/reform.json", import.meta.url), "utf8")) as {
      items: { content: Block[]; effect: Block[]; remarks: Block[] }[];
    };
    for (const item of data.items) {
      for (const field of [item.content, item.effect, item.remarks]) {
        const blocks = field.map((b) => (b.type === "table" ? { ...b, header: b.header ?? [] } : b));
        expect(parseBlocks(blocksToText(blocks))).toEqual(blocks);
      }
    }
  });
  it("keep empty table cells, tables without a header, and headings not written in 【】", () => {
    const blocks: Block[] = [
      { type: "table", header: ["", "R7", "R8"], rows: [["モニター", "500台", ""]] },
      { type: "table", header: [], rows: [["リモートアクセス", "説明"], ["", "空欄"]] },
      { type: "heading", text: "Before" },
      { type: "paragraph", text: "本文" },
      { type: "list", items: ["一", "二"] },
      { type: "image", attachmentId: 3, alt: "図" },
    ];
    expect(parseBlocks(blocksToText(blocks))).toEqual(blocks);
  });
});

describe("the update round", () => {
  it("moves draft → submitted → returned → submitted → approved, and nothing changes an approved item", () => {
    expect(nextUpdateStatus("not_started", "save")).toBe("draft");
    expect(nextUpdateStatus("not_started", "submit")).toBe("submitted");
    expect(nextUpdateStatus("draft", "submit")).toBe("submitted");
    expect(nextUpdateStatus("submitted", "return")).toBe("returned");
    expect(nextUpdateStatus("returned", "submit")).toBe("submitted");
    expect(nextUpdateStatus("submitted", "approve")).toBe("approved");
    for (const action of ["save", "submit", "return", "approve"] as const) expect(nextUpdateStatus("approved", action)).toBeNull();
    expect(nextUpdateStatus("draft", "approve")).toBeNull();
    expect(nextUpdateStatus("submitted", "save")).toBeNull();
  });
});

describe("indicators", () => {
  it("give the achievement ratio, from the baseline for cumulative ones", () => {
    expect(achievementRatio({ target: 50, actual: 86 })).toBe(172);
    expect(achievementRatio({ target: 50, actual: 86, baseline: 17 })).toBe(209.1);
    expect(achievementRatio({ target: 10, actual: 10, baseline: 10 })).toBeNull();
  });
  it("list changed fields only", () => {
    expect(fieldDiff({ a: 1, b: [1] }, { a: 1, b: [2], c: "x" })).toEqual([
      { field: "b", before: [1], after: [2] },
      { field: "c", before: undefined, after: "x" },
    ]);
  });
});
