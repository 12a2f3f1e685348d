import { describe, expect, it } from "vitest";
import "../../src/zod-japanese.js";
import { parseAgeCount } from "../../src/io/age-profile.js";
import { countCell, postedGrid, readPostedGrid } from "../../src/web/posted-grid.js";

const grid = postedGrid({
  prefix: "n.",
  pattern: /^n\.(\d{4})\.(general|teacher)$/,
  key: (m) => ({ cohort: Number(m[1]), category: m[2] ?? "" }),
  cell: (key) => countCell(`${key.cohort}年度生まれの${key.category}`, parseAgeCount),
  unknown: (name) => `不明な入力欄です: ${name}`,
});

describe("posted grid (issue 9)", () => {
  it("reads every cell with its key when all are counts (full width and separators allowed, blank is 0)", () => {
    const read = readPostedGrid(grid, { "n.1980.general": "１,２０５", "n.1981.teacher": "", other: "x" }, ["n."]);
    expect(read.problems).toEqual([]);
    expect(read.cells).toEqual([
      { name: "n.1980.general", key: { cohort: 1980, category: "general" }, value: 1205 },
      { name: "n.1981.teacher", key: { cohort: 1981, category: "teacher" }, value: 0 },
    ]);
    expect(read.entered).toEqual({ "n.1980.general": "１,２０５", "n.1981.teacher": "" });
  });

  it("gives back every bad cell with its field name and a Japanese message naming its row and column; an unknown field has no cell", () => {
    const read = readPostedGrid(grid, { "n.1980.general": "-3", "n.1981.general": "2.5", "n.1982.general": "4", "n.1983.police": "1" }, ["n."]);
    expect(read.cells).toEqual([]);
    expect(read.problems).toEqual([
      { field: "n.1980.general", message: "1980年度生まれのgeneral: 人数は0以上の整数で入力してください: 「-3」" },
      { field: "n.1981.general", message: "1981年度生まれのgeneral: 人数は整数で入力してください (小数は使えません): 「2.5」" },
      { message: "不明な入力欄です: n.1983.police" },
    ]);
    expect(read.entered["n.1981.general"]).toBe("2.5");
  });

  it("refuses a cell posted as anything but one text, naming the cell", () => {
    const read = readPostedGrid(grid, { "n.1980.general": ["1", "2"] }, ["n."]);
    expect(read.problems).toEqual([{ field: "n.1980.general", message: "1980年度生まれのgeneral: 人数は文字で入力してください" }]);
  });
});
