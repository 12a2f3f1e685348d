/**
 * The edge's shared field schemas (src/web/input.ts) added for issue 9: typed integers, typed decimals, a year in a
 * path, and the JSON API's refusal that names each field by its JSON path and Japanese title.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import "../../src/zod-japanese.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { integerText, nonNegativeNumberText, parseApiInput, parseInput, requiredNonNegativeNumber, yearPathParam } from "../../src/web/input.js";

const refusal = (read: () => unknown): GyokakuError => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(GyokakuError);
    return error as GyokakuError;
  }
  throw new Error("not refused");
};

describe("typed numbers", () => {
  it("integerText reads signed and full-width integers within ±2,147,483,647, blank as undefined", () => {
    expect(parseInput(integerText("年度"), "２０２５")).toBe(2025);
    expect(parseInput(integerText("差"), " -3 ")).toBe(-3);
    expect(parseInput(integerText("年度"), "")).toBeUndefined();
    expect(parseInput(integerText("年度"), undefined)).toBeUndefined();
    for (const bad of ["1e3", "2025.5", "99999999999", "abc"]) expect(refusal(() => parseInput(integerText("年度"), bad)).message).toBe(`年度は整数で指定してください: 「${bad}」`);
  });

  it("nonNegativeNumberText reads decimals and percentages, refuses negatives naming the field", () => {
    expect(parseInput(nonNegativeNumberText("許容率"), "３.５%")).toBe(3.5);
    expect(parseInput(nonNegativeNumberText("面積"), "1,234.5")).toBe(1234.5);
    expect(parseInput(nonNegativeNumberText("許容率"), " ")).toBeUndefined();
    for (const bad of ["1e3", "Infinity", "1.2.3"]) expect(refusal(() => parseInput(nonNegativeNumberText("面積"), bad)).message).toBe(`面積は0以上の数で入力してください: 「${bad}」`);
    expect(refusal(() => parseInput(requiredNonNegativeNumber("住基人口"), "")).message).toBe("住基人口を入力してください");
    expect(refusal(() => parseInput(nonNegativeNumberText("許容率"), "-1")).message).toBe("許容率は0以上の数で入力してください: 「-1」");
  });

  it("yearPathParam takes four digits only", () => {
    expect(parseInput(yearPathParam(), "2025")).toBe(2025);
    for (const bad of ["1e3", "20255", "R7"]) expect(refusal(() => parseInput(yearPathParam(), bad)).message).toBe(`年度が不正です: ${bad}`);
  });
});

describe("parseApiInput", () => {
  const Body = z.object({
    rows: z.array(z.object({ unitId: z.number().int().meta({ title: "組織ID" }), note: z.string().optional() }).strict().meta({ title: "行" })).meta({ title: "行の一覧" }),
  });

  it("names the JSON path and the field's title before zod's Japanese wording, with every problem in details", () => {
    const error = refusal(() => parseApiInput(Body, { rows: [{ unitId: "1" }, { unitId: 2, extra: true }] }));
    expect(error.message).toBe('入力が不正です: rows.0.unitId: 組織ID: 無効な入力: 数値が期待されましたが、stringが入力されました / rows.1: 行: 認識されていないキー: "extra"');
    expect(error.details["problems"]).toEqual([
      { field: "rows.0.unitId", message: "rows.0.unitId: 組織ID: 無効な入力: 数値が期待されましたが、stringが入力されました" },
      { field: "rows.1", message: 'rows.1: 行: 認識されていないキー: "extra"' },
    ]);
  });

  it("does not repeat a title the message already says, and says how many problems are left out", () => {
    const Named = z.object({ a: z.number({ error: "数量Aは数で" }).meta({ title: "数量A" }), b: z.number(), c: z.number(), d: z.number(), e: z.number() });
    const error = refusal(() => parseApiInput(Named, {}));
    expect(error.message).toBe(
      "入力が不正です: a: 数量Aは数で / b: 無効な入力: 数値が期待されましたが、undefinedが入力されました / c: 無効な入力: 数値が期待されましたが、undefinedが入力されました ほか2件",
    );
  });
});
