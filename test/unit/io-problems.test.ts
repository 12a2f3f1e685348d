import { describe, expect, it } from "vitest";
import { cellName, formatProblem, hasErrors, type ImportProblem } from "../../src/io/problems.js";

describe("cellName", () => {
  it("names a cell by its column letters and row number", () => {
    expect(cellName(5, 3)).toBe("C5");
    expect(cellName(1, 1)).toBe("A1");
  });

  it("continues past Z with two and three letters, as spreadsheets do", () => {
    expect(cellName(1, 26)).toBe("Z1");
    expect(cellName(1, 27)).toBe("AA1");
    expect(cellName(2, 52)).toBe("AZ2");
    expect(cellName(3, 53)).toBe("BA3");
    expect(cellName(4, 702)).toBe("ZZ4");
    expect(cellName(5, 703)).toBe("AAA5");
  });

  it("rejects rows and columns below 1", () => {
    expect(() => cellName(0, 1)).toThrow(RangeError);
    expect(() => cellName(1, 0)).toThrow(RangeError);
  });
});

describe("hasErrors", () => {
  it("is true only when some problem is an error; warnings alone do not stop an import", () => {
    const warning: ImportProblem = { severity: "warning", row: 2, message: "w" };
    const error: ImportProblem = { severity: "error", row: 3, message: "e" };
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
  });
});

describe("formatProblem", () => {
  it("starts with the cell name when the problem is in one cell", () => {
    expect(formatProblem({ severity: "error", row: 5, column: 3, cell: "C5", message: "年度の表記が矛盾しています" })).toBe("C5: 年度の表記が矛盾しています");
  });

  it("starts with the row number when the problem is about a whole row", () => {
    expect(formatProblem({ severity: "error", row: 5, message: "組織名が空欄です" })).toBe("5行目: 組織名が空欄です");
  });
});
