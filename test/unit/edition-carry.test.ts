import { describe, expect, it } from "vitest";
import { type CarryCandidate, carriedPlanColumns, completionWithoutResult, hasResult, previewCarryOver } from "../../src/domain/edition-carry.js";
import { formatFiscalYear } from "../../src/domain/era.js";
import type { PlanCell } from "../../src/domain/reform.js";

const R7: PlanCell = { stage: "実施", lines: ["人材育成基本方針に基づく取組", "DX推進リーダー研修"] };

function candidate(overrides: Partial<CarryCandidate>): CarryCandidate {
  return { number: 1, name: "職員の意識改革の推進", state: "継続", decision: null, result: undefined, plans: {}, ...overrides };
}

describe("edition carry-over (issue 13 point 4)", () => {
  it("a 同左 that becomes the first column is replaced by the content on its left, keeping its own stage tag", () => {
    const { cells, resolved } = carriedPlanColumns(
      { 2025: R7, 2026: { stage: "継続実施", lines: [], sameAsLeft: true }, 2027: { stage: "継続実施", lines: [], sameAsLeft: true }, 2028: { stage: null, lines: [], sameAsLeft: true } },
      2025,
    );
    expect(cells[2026]).toEqual({ stage: "継続実施", lines: R7.lines });
    expect(cells[2026]?.sameAsLeft).toBeUndefined();
    // A 同左 that still has a column on its left stays 同左.
    expect(cells[2027]).toEqual({ stage: "継続実施", lines: [], sameAsLeft: true });
    expect(resolved).toEqual([2026]);
  });

  it("a chain of 同左 reaching the new first column resolves to the nearest real content", () => {
    const { cells } = carriedPlanColumns({ 2024: R7, 2025: { stage: null, lines: [], sameAsLeft: true }, 2026: { stage: null, lines: [], sameAsLeft: true } }, 2025);
    expect(cells[2026]).toEqual({ stage: "実施", lines: R7.lines });
  });

  it("the new last column (and later) reads 同左 when the item has nothing for it, and is kept when it has", () => {
    expect(carriedPlanColumns({ 2025: R7 }, 2025)).toMatchObject({ addedLast: 2029, cells: { 2029: { stage: null, lines: [], sameAsLeft: true } } });
    expect(carriedPlanColumns({ 2025: R7, 2029: { stage: "実施", lines: ["x"] } }, 2025).addedLast).toBeNull();
  });

  it("an empty result or a 同左 is no result; a stage tag or a line is", () => {
    expect(hasResult(undefined)).toBe(false);
    expect(hasResult({ stage: null, lines: [" "] })).toBe(false);
    expect(hasResult({ stage: "実施", lines: [], sameAsLeft: true })).toBe(false);
    expect(hasResult({ stage: "実施", lines: [] })).toBe(true);
    expect(hasResult({ stage: null, lines: ["講習会 10回"] })).toBe(true);
  });

  it("完了 without an approved result is named; with one it is not", () => {
    expect(completionWithoutResult("標準化", 2025, undefined, formatFiscalYear(2025))).toContain("令和7年度(2025年度)の承認された取組実績がありません");
    expect(completionWithoutResult("標準化", 2025, { stage: "実施", lines: ["稼働"] }, formatFiscalYear(2025))).toBeNull();
  });

  it("the preview lists what is carried (with its changes), dropped (with the reason and a warning without a result) and added", () => {
    const preview = previewCarryOver(
      [
        candidate({ number: 1, plans: { 2025: R7, 2026: { stage: "継続実施", lines: [], sameAsLeft: true } } }),
        candidate({ number: 2, name: "窓口キャッシュレス", state: "新規", plans: { 2025: R7, 2029: R7 } }),
        candidate({ number: 3, name: "標準化", decision: "完了" }),
        candidate({ number: 4, name: "電子決裁", state: "完了", result: { stage: "実施", lines: ["本格稼働"] } }),
      ],
      2025,
      formatFiscalYear,
    );
    expect(preview.toYear).toBe(2026);
    expect(preview.carried.map((c) => c.number)).toEqual([1, 2]);
    expect(preview.carried[0]?.changes).toEqual(["令和8年度(2026年度)の「同左」を左の列の内容に置き換え(最初の列になるため)", "令和11年度(2029年度)以降の列を追加(同左)"]);
    expect(preview.carried[1]?.changes).toEqual(["区分: 新規 → 継続"]);
    expect(preview.dropped).toEqual([
      { number: 3, name: "標準化", reason: "推進本部の方針が「完了」", warning: "「標準化」は完了として外れますが、令和7年度(2025年度)の承認された取組実績がありません" },
      { number: 4, name: "電子決裁", reason: "区分が「完了」", warning: null },
    ]);
    expect(preview.addedYears).toEqual([2029]);
    expect(preview.warnings).toHaveLength(1);
  });
});
