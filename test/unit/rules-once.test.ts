/**
 * Rules that live once (issue 9): the fiscal year from the edge's clock, the retirement-day default, the typed-count
 * parser, the 診断表 reference count and the subtotal of a sector's parts.
 */
import { describe, expect, it } from "vitest";
import { nestedSubtotalSum, statedOrSumOfParts, subtotalDisagreement, sumOfParts } from "../../src/domain/comparison.js";
import { diagnoseSector, referenceCount } from "../../src/domain/diagnosis.js";
import { DEFAULT_RETIREMENT_DAY, formatMonthDay, parseMonthDay, readMonthDay, retirementDayOf, retirementOf } from "../../src/domain/retirement.js";
import { buildHeadcountTable } from "../../src/domain/headcount-table.js";
import { ordinanceQuotaSum } from "../../src/domain/staffing.js";
import { parseTypedCount } from "../../src/domain/typed-count.js";
import { countInputProblem } from "../../src/domain/hearing-fields.js";
import { subtotalProblem } from "../../src/io/mic-common.js";
import { parseRegression } from "../../src/io/mic-regression.js";
import { csvFile, tableFile } from "../../src/io/table-file.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { currentFiscalYear } from "../../src/web/request.js";
import { invalidInput } from "../support/errors.js";

describe("the current fiscal year comes from the edge's clock (April–March, Japan time)", () => {
  it("March 31 belongs to the previous fiscal year, April 1 starts the next", () => {
    expect(currentFiscalYear(new Date("2026-03-31T23:59:59+09:00"))).toBe(2025);
    expect(currentFiscalYear(new Date("2026-04-01T00:00:00+09:00"))).toBe(2026);
  });
  it("turns at midnight in Japan, not in UTC (2026-03-31T15:00Z is April 1 in Japan)", () => {
    expect(currentFiscalYear(new Date("2026-03-31T14:59:59Z"))).toBe(2025);
    expect(currentFiscalYear(new Date("2026-03-31T15:00:00Z"))).toBe(2026);
  });
  it("January to March are the previous fiscal year (getFullYear would be wrong)", () => {
    expect(currentFiscalYear(new Date("2027-01-15T12:00:00+09:00"))).toBe(2026);
  });
  it("the 図表4 table of no year reads no clock: no quota, whatever today is", () => {
    const table = buildHeadcountTable([{ id: 1, name: "総務部", kind: "department", parentId: null, fromYear: null, toYear: null } as never], [], [{ unitId: 1, fiscalYear: 2000, quota: 50 } as never], [], 3);
    expect(table.quotaSum).toBe(0);
    expect(table.rows).toEqual([]);
  });
});

describe("the retirement day: March 31 unless the ordinance says otherwise, written once", () => {
  it("defaults to March 31 and prints and reads back as 03-31", () => {
    expect(retirementDayOf({})).toEqual(DEFAULT_RETIREMENT_DAY);
    expect(formatMonthDay(DEFAULT_RETIREMENT_DAY)).toBe("03-31");
    expect(parseMonthDay("")).toEqual({ month: 3, day: 31 });
    expect(parseMonthDay("3月31日")).toEqual({ month: 3, day: 31 });
    expect(parseMonthDay("１２/２５")).toEqual({ month: 12, day: 25 });
  });
  it("refuses text that is not a month and a day, naming the field", () => {
    expect(() => parseMonthDay("三月末")).toThrow(invalidInput("退職日は「月-日」で入力してください (例: 03-31): 「三月末」"));
  });
  it("a typed 月日 is read by one function (readMonthDay): 退職日 and the staffing settings' 基準日 alike", () => {
    expect(readMonthDay(" ４月１日 ")).toEqual({ month: 4, day: 1 });
    expect(readMonthDay("4/1")).toEqual({ month: 4, day: 1 });
    expect(readMonthDay("")).toBeNull();
    expect(readMonthDay("三月末")).toBeNull();
    const settings = readFileSync(join(import.meta.dirname, "../../src/web/routes/staffing-settings.tsx"), "utf8");
    expect(settings).toContain("readMonthDay(");
    expect(settings).not.toMatch(/\[-\/月\]/);
  });
  it("a schedule without a day retires on the first March 31 after 定年", () => {
    expect(retirementOf("1964-04-01").date).toBe("2025-03-31");
  });
});

describe("a typed count is parsed by one function", () => {
  it("reads thousands separators, full-width digits and 人; blank is null", () => {
    expect(parseTypedCount("1,055", "職員数")).toEqual({ ok: true, value: 1055 });
    expect(parseTypedCount("２８４人", "職員数")).toEqual({ ok: true, value: 284 });
    expect(parseTypedCount("  ", "職員数")).toEqual({ ok: true, value: null });
    expect(parseTypedCount(12, "職員数")).toEqual({ ok: true, value: 12 });
  });
  it("refuses negatives, fractions, text and values past what both databases store, naming the field", () => {
    expect(parseTypedCount("-3", "職員数")).toEqual({ ok: false, message: "職員数は0以上の整数で入力してください: 「-3」" });
    expect(parseTypedCount("1.5", "職員数")).toEqual({ ok: false, message: "職員数は整数で入力してください (小数は使えません): 「1.5」" });
    expect(parseTypedCount("abc", "人口")).toEqual({ ok: false, message: "人口を数値として読めません: 「abc」(0以上の整数を入力してください)" });
    expect(parseTypedCount("2147483648", "人口")).toEqual({ ok: false, tooLarge: 2147483648, message: "人口が大きすぎます (2,147,483,647まで): 「2147483648」" });
    expect(parseTypedCount("0", "人口", { min: 1 })).toEqual({ ok: false, message: "人口は1以上の整数で入力してください: 「0」" });
  });
  it("the hearing forms' countInputProblem is the same rule, a blank refused with the bound", () => {
    for (const raw of ["12件", "１２", "1,055", "abc", "1.5", "-1", "10001", "1e300", "－", 7, 1.5]) {
      const read = parseTypedCount(raw, "増", { min: 0, max: 10_000 });
      expect(countInputProblem("増", raw, 0, 10_000)).toBe(read.ok ? null : read.message);
    }
    expect(countInputProblem("増", " ", 0, 10_000)).toBe("増を入力してください(0以上10,000以下の整数)");
    expect(parseTypedCount("12件", "増")).toEqual({ ok: true, value: 12 });
  });
});

describe("the 診断表 reference count and the subtotal of parts", () => {
  it("reference = average per 10,000 × population / 10,000, rounded half up", () => {
    expect(referenceCount(77.55, 97_000)).toBe(752);
    expect(referenceCount(10, 5_000)).toBe(5);
    expect(diagnoseSector(760, 77.55, 97_000).reference).toBe(referenceCount(77.55, 97_000));
    expect(() => referenceCount(10, 0)).toThrow(invalidInput("人口は正の数で指定してください: 0"));
  });
  it("a subtotal is the sum of the known parts; null when no part is known", () => {
    expect(sumOfParts("ippan", { gikai: 5, somu: 100 })).toBe(105);
    expect(sumOfParts("ippan", {})).toBeNull();
  });
});

describe("a year's 条例定数 sum: one function (ordinanceQuotaSum)", () => {
  it("counts each unit existing in the year once, its quota in force; an abolished unit's quota left recorded counts nothing", () => {
    const units = [
      { id: 1, validFrom: null, validTo: null },
      { id: 2, validFrom: null, validTo: 2026 },
      { id: 3, validFrom: 2027, validTo: null },
    ];
    const quotas = [
      { unitId: 1, quota: 100, validFrom: null, validTo: null },
      { unitId: 2, quota: 20, validFrom: null, validTo: null },
      { unitId: 3, quota: 5, validFrom: 2027, validTo: null },
    ];
    expect(ordinanceQuotaSum(units, quotas, 2026)).toBe(120);
    expect(ordinanceQuotaSum(units, quotas, 2027)).toBe(105);
    expect(ordinanceQuotaSum([], quotas, 2027)).toBe(0);
  });
  it("図表4, the plausibility bound, the cap check and the retirement projection sum no quotas of their own", () => {
    for (const file of ["src/domain/headcount-table.ts", "src/domain/plausibility.ts", "src/domain/staffing.ts", "src/services/retirement-planning.ts"]) {
      const text = readFileSync(join(import.meta.dirname, "../..", file), "utf8");
      expect(text.match(/quotaIn\([^)]*\) \?\? 0\), 0\)/g) ?? [], file).toHaveLength(file.endsWith("staffing.ts") ? 1 : 0);
      expect(text, file).not.toMatch(/quotaSum \+=/);
    }
  });
});

describe("特別行政計 = 教育 + 消防: one function (nestedSubtotalSum)", () => {
  it("sums the stated parts, a part not stated counting 0", () => {
    expect(nestedSubtotalSum("tokubetsu", { kyoiku: 120, shobo: 80 })).toBe(200);
    expect(nestedSubtotalSum("tokubetsu", new Map([["kyoiku", 120], ["shobo", null]]))).toBe(120);
    expect(nestedSubtotalSum("tokubetsu", {})).toBe(0);
  });
  it("MIC's roster and 診断表 readers sum no parts of their own", () => {
    for (const file of ["src/io/mic-roster.ts", "src/io/mic-diagnosis.ts"]) {
      const text = readFileSync(join(import.meta.dirname, "../..", file), "utf8");
      expect(text).toContain("nestedSubtotalSum(");
      expect(text).not.toMatch(/NESTED_SUBTOTAL_PARTS\[[^\]]*\]\.reduce/);
      expect(text).not.toMatch(/parts\.reduce\(/);
    }
  });
});

describe("stated subtotal else sum of parts: one function (statedOrSumOfParts)", () => {
  it("a stated figure wins, a subtotal not stated is the sum of its known parts, a sector not stated is unknown", () => {
    expect(statedOrSumOfParts("ippan", { ippan: 538, gikai: 5, somu: 100 })).toBe(538);
    expect(statedOrSumOfParts("ippan", new Map([["gikai", 5], ["somu", 100]]))).toBe(105);
    expect(statedOrSumOfParts("somu", { gikai: 5 })).toBeNull();
    expect(statedOrSumOfParts("ippan", new Map<string, number | null>([["ippan", null], ["gikai", 7]]))).toBe(7);
    expect(statedOrSumOfParts("ippan", {})).toBeNull();
  });
});

describe("subtotal ≠ sum of parts: one check (subtotalDisagreement, subtotalProblem)", () => {
  it("gives the sum when it differs, null when it agrees or no part is known", () => {
    expect(subtotalDisagreement("ippan", 106, { gikai: 5, somu: 100 })).toBe(105);
    expect(subtotalDisagreement("ippan", 105, { gikai: 5, somu: 100 })).toBeNull();
    expect(subtotalDisagreement("ippan", 105, {})).toBeNull();
  });
  it("reports the cell in Japanese naming the subtotal, the stated figure and the sum", () => {
    expect(subtotalProblem("ippan", 1106, { gikai: 6, somu: 1000 }, 4, 3)).toMatchObject({ severity: "error", row: 4, column: 3, message: "一般行政計 1,106 が、内訳の合計 1,006 と一致しません" });
    expect(subtotalProblem("ippan", 1006, { gikai: 6, somu: 1000 }, 4, 3)).toBeNull();
  });
});

describe("exported tables: one writer (io/table-file.ts)", () => {
  it("writes UTF-8 with a BOM, or Shift_JIS named -sjis", () => {
    const utf8 = csvFile("t", [["部門", "人"], ["総務", 3]]);
    expect(utf8.filename).toBe("t.csv");
    expect(utf8.contentType).toBe("text/csv; charset=utf-8");
    expect([...utf8.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sjis = csvFile("t", [["部門"]], "shift_jis");
    expect(sjis.filename).toBe("t-sjis.csv");
    expect(sjis.contentType).toBe("text/csv; charset=Shift_JIS");
    expect([...sjis.bytes.slice(0, 2)]).toEqual([0x95, 0x94]);
  });
  it("refuses a character Shift_JIS cannot hold, in Japanese, advising UTF-8", async () => {
    expect(() => csvFile("t", [["𠮷野家"]], "shift_jis")).toThrow(invalidInput("Shift_JIS(CP932)で表せない文字があります: 「𠮷」(1行目) — UTF-8 で書き出してください"));
    await expect(tableFile("t", "s", [["𠮷"]], null, { format: "csv", encoding: "shift_jis" })).rejects.toThrow(invalidInput("Shift_JIS(CP932)で表せない文字があります: 「𠮷」(1行目) — UTF-8 で書き出してください"));
  });
  it("no other file under src encodes an exported CSV or words the Shift_JIS refusal", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk("src");
    const offenders = files.filter((f) => !f.endsWith(join("io", "table-file.ts")) && /UTF-8 で書き出してください|\$\{encoding === "shift_jis" \? "-sjis"/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("MIC importers read no clock: the current fiscal year comes from the edge (CLI or route)", () => {
  it("the year the caller gives decides what is plausible (current + 30): 2060 is refused in FY2026 and read in FY2031", () => {
    const rows = [["年度", "部門", "定数項", "人口の係数", "面積の係数"], ["2060", "普通会計", "1", "0.007", "0.09"]];
    expect(parseRegression(rows, { currentFiscalYear: 2026 }).records).toEqual([]);
    expect(parseRegression(rows, { currentFiscalYear: 2031 }).records.map((r) => r.fiscalYear)).toEqual([2060]);
  });
  it("no reader in src/io reads the clock (Date.now, new Date()): the age-profile reader too is given the edge's year", () => {
    const offenders = readdirSync("src/io")
      .filter((name) => /\.ts$/.test(name))
      .filter((name) => /Date\.now\(|new Date\(\)/.test(readFileSync(join("src/io", name), "utf8")));
    expect(offenders).toEqual([]);
  });
  it("no rule in src/domain reads the clock (Date.now, new Date()): today and the current fiscal year come in as arguments", () => {
    const clock = /Date\.now\(|new Date\(\)/;
    const offenders = readdirSync("src/domain")
      .filter((name) => /\.ts$/.test(name))
      .filter((name) => clock.test(readFileSync(join("src/domain", name), "utf8")));
    expect(offenders).toEqual([]);
    // The check can fail: the pattern finds a clock read.
    expect(clock.test("const fy = new Date().getFullYear();")).toBe(true);
  });
});
