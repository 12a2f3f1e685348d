import { describe, expect, it } from "vitest";
import { achievementOf, type ItemLineage, progressOf, summariseStatus } from "../../src/domain/reform-status.js";

const EVALUATIONS = ["達成", "概ね達成", "一部達成", "未達成"];
const DONE = { stage: "実施" as const, lines: ["実施した"] };

function lineage(overrides: Partial<ItemLineage>): ItemLineage {
  return { lineageKey: "k", name: "項目", firstYear: 2023, editionYears: [2024, 2025], completedStateYears: [], results: {}, verifications: {}, ...overrides };
}

describe("reform status summary (issue 13 point 4b)", () => {
  it("着手状況: 未着手 before any result, 取組中 once a result is reported, 完了 once decided or marked complete", () => {
    const item = lineage({ results: { 2024: DONE }, verifications: { 2025: { evaluation: "達成", decision: "完了" } } });
    expect(progressOf(item, 2023, [2024, 2025])).toBe("未着手");
    expect(progressOf(item, 2024, [2024, 2025])).toBe("取組中");
    expect(progressOf(item, 2025, [2024, 2025])).toBe("完了");
    expect(progressOf(lineage({ completedStateYears: [2024] }), 2024, [2024])).toBe("完了");
  });

  it("an item dropped from a later edition counts as 完了 in that year, not as gone", () => {
    const dropped = lineage({ editionYears: [2024], results: { 2023: DONE } });
    expect(progressOf(dropped, 2025, [2024, 2025])).toBe("完了");
  });

  it("達成度 reads the municipality's own categories: first 達成, last 未達成, the rest 一部達成; unverified apart", () => {
    const at = (evaluation: string) => achievementOf(lineage({ verifications: { 2024: { evaluation, decision: "継続" } } }), 2024, EVALUATIONS);
    expect(at("達成")).toBe("達成");
    expect(at("概ね達成")).toBe("一部達成");
    expect(at("一部達成")).toBe("一部達成");
    expect(at("未達成")).toBe("未達成");
    expect(achievementOf(lineage({}), 2024, EVALUATIONS)).toBe("未評価");
    // The latest evaluation up to the year counts.
    const two = lineage({ verifications: { 2023: { evaluation: "未達成", decision: "継続" }, 2024: { evaluation: "達成", decision: "継続" } } });
    expect(achievementOf(two, 2023, EVALUATIONS)).toBe("未達成");
    expect(achievementOf(two, 2024, EVALUATIONS)).toBe("達成");
  });

  it("completing an item moves it between categories: it never drops out of one year and not the other", () => {
    const items = [
      lineage({ lineageKey: "a", results: { 2023: DONE, 2024: DONE }, verifications: { 2024: { evaluation: "達成", decision: "完了" } }, editionYears: [2024] }),
      lineage({ lineageKey: "b", results: { 2023: DONE }, verifications: { 2023: { evaluation: "一部達成", decision: "継続" } } }),
      lineage({ lineageKey: "c", firstYear: 2024 }),
    ];
    const s = summariseStatus(items, 2024, [2024, 2025], EVALUATIONS);
    expect(s.total).toBe(3);
    expect(s.previousTotal).toBe(2);
    expect(s.byProgress).toEqual([
      { category: "未着手", count: 1, previous: 0, change: 1 },
      { category: "取組中", count: 1, previous: 2, change: -1 },
      { category: "完了", count: 1, previous: 0, change: 1 },
    ]);
    expect(s.byAchievement.find((r) => r.category === "達成")).toEqual({ category: "達成", count: 1, previous: 0, change: 1 });
    expect(s.byProgress.reduce((n, r) => n + r.count, 0)).toBe(s.total);
    expect(s.byAchievement.reduce((n, r) => n + r.count, 0)).toBe(s.total);
    expect(s.matrix["完了"]["達成"]).toBe(1);
    expect(s.matrix["未着手"]["未評価"]).toBe(1);
    // The next year: the completed item is still counted, as 完了.
    const next = summariseStatus(items, 2025, [2024, 2025], EVALUATIONS);
    expect(next.total).toBe(3);
    expect(next.byProgress.find((r) => r.category === "完了")?.count).toBe(1);
  });
});
