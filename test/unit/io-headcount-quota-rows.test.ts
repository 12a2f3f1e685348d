import { describe, expect, it } from "vitest";
import { parseHeadcountTable } from "../../src/io/headcount-table.js";
import { quotasAfterSetting } from "../../src/domain/staffing.js";
import { SEED_UNITS, SEED_ZUHYO4_TSV, seedUnit, tsvRows } from "../fixtures/seed-organisation.js";

/** The seed's header has 平28 (2015) where 平成28年度 is 2016; the other columns agree with themselves. */
const CORRECTED_TSV = SEED_ZUHYO4_TSV.replace("平28 (2015)", "平28 (2016)");
// Columns K and L (0-based 10, 11) are 令6 (2024) and 令7 (2025); row 6 is 企画部, row 29 一般職(合計), row 2 特別職.
function withRowAfter(row: number, cells: Record<number, string>): string[][] {
  const rows = tsvRows(CORRECTED_TSV);
  const inserted = Array.from({ length: 13 }, (_, i) => cells[i] ?? "");
  rows.splice(row, 0, inserted);
  return rows;
}
const parse = (rows: string[][]) => parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2026 });
const errors = (r: ReturnType<typeof parse>) => r.problems.filter((p) => p.severity === "error");

describe("a bracketed 条例定数 row in 図表4 (issue 10 kind G)", () => {
  it("under a unit row is that unit's quota from each year's column, never a unit", () => {
    const result = parse(withRowAfter(6, { 10: "[40]", 11: "［1,042］" }));
    expect(errors(result)).toEqual([]);
    const planning = seedUnit("企画部").id;
    expect(result.yearQuotas).toEqual([
      { unitId: planning, fiscalYear: 2024, quota: 40, row: 7, column: 11 },
      { unitId: planning, fiscalYear: 2025, quota: 1042, row: 7, column: 12 },
    ]);
    // The headcounts below it are still read as before (総務部 moved down one row).
    expect(result.records.find((r) => r.unitId === seedUnit("総務部").id && r.fiscalYear === 2025)?.counts.staff).toBe(94);
  });

  it("under 一般職(合計) is a figure to check, not stored and not a unit", () => {
    const result = parse(withRowAfter(29, { 11: "[1,490]" }));
    expect(errors(result)).toEqual([]);
    expect(result.yearQuotas).toEqual([]);
    expect(result.quotaTotals).toEqual([{ label: "一般職(合計)", fiscalYear: 2025, quota: 1490, row: 30, column: 12 }]);
  });

  it("under 特別職, under nothing, or not a whole number: refused naming the cell", () => {
    const special = parse(withRowAfter(2, { 11: "[5]" }));
    expect(special.problems.find((p) => p.cell === "L3")).toMatchObject({ severity: "error", message: "「特別職」の条例定数は特別職で、定数の対象ではありません" });
    const orphan = parse(withRowAfter(4, { 11: "[5]" })); // under (うち派遣職員)
    expect(orphan.problems.find((p) => p.cell === "L5")).toMatchObject({ severity: "error", message: "角括弧の数値(条例定数)の上に、組織または合計の行がありません。条例定数は組織の行か合計の行のすぐ下に書いてください" });
    const fraction = parse(withRowAfter(6, { 11: "[4.5]" }));
    expect(fraction.problems.find((p) => p.cell === "L7")).toMatchObject({ severity: "error", message: "条例定数を数値として読めません: 「[4.5]」(「[1,490]」のように0以上の整数を角括弧で囲んでください)" });
    for (const r of [special, orphan, fraction]) expect(r.problems.some((p) => p.message.includes("組織名が空欄"))).toBe(false);
  });

  it("a quota from a year ends the earlier one the year before and replaces later ones (as setQuota does)", () => {
    const stored = [{ unitId: 1, quota: 10, validFrom: null, validTo: null }, { unitId: 1, quota: 30, validFrom: 2030, validTo: null }, { unitId: 2, quota: 7, validFrom: null, validTo: null }];
    expect(quotasAfterSetting(stored, { unitId: 1, quota: 20, fromYear: 2025 })).toEqual([
      { unitId: 1, quota: 10, validFrom: null, validTo: 2024 },
      { unitId: 2, quota: 7, validFrom: null, validTo: null },
      { unitId: 1, quota: 20, validFrom: 2025, validTo: null },
    ]);
  });
});

describe("外数 in 図表4 (issue 10 kind G): stored as 育児休業代替任期付職員 where the table says so", () => {
  // Without the 一般職(定数合計) row: it states the seed's sum, which a 外数 added for the test would change.
  const seedRows = () => tsvRows(CORRECTED_TSV).map((r) => [...r]).filter((r) => (r[0] ?? "").replace(/\s/g, "") !== "一般職(定数合計)");
  const withOutside = (note: string | null) => {
    const rows = seedRows();
    const planning = rows[5] as string[];
    planning[11] = `${planning[11]}人\n( 2人)`;
    if (note !== null) rows.push([note]);
    return rows;
  };
  const planning = seedUnit("企画部").id;
  const childcare = (r: ReturnType<typeof parse>) => r.records.find((x) => x.unitId === planning && x.fiscalYear === 2025)?.counts.childcareSubstitutes;

  it("a note saying the 外数 are 育児休業代替任期付職員 makes a second-line 外数 that figure, named in the preview", () => {
    const result = parse(withOutside("(注) ( )内は外数で、育児休業代替任期付職員数です"));
    expect(errors(result)).toEqual([]);
    expect(result.problems.filter((p) => p.cell === "L6").map((p) => p.message)).toEqual([
      "2行目の外数 2人 を「企画部」の育児休業代替任期付職員として取り込みます (職員数には数えません。表の注記「(注) ( )内は外数で、育児休業代替任期付職員数です」による)",
    ]);
    expect(childcare(result)).toBe(2);
  });

  it("without such a note the 外数 is left out with a warning that says so; a row labelled 外数 is that figure", () => {
    const result = parse(withOutside(null));
    expect(result.problems.find((p) => p.cell === "L6")?.message).toBe("2行目の外数 2人 (「67人 ( 2人)」) は職員数 67人 に含めず、取り込みません: 外数が何の区分か書かれておらず、gyokaku が記録する外数は育児休業代替任期付職員だけです (それなら「(うち育児休業代替任期付職員)」の行に書いてください)");
    expect(childcare(result)).toBeUndefined();
    const row = seedRows();
    row.splice(6, 0, ["(外数)", "", "", "", "", "", "", "", "", "", "", "(3)", ""]);
    const labelled = parse(row);
    expect(errors(labelled)).toEqual([]);
    expect(childcare(labelled)).toBe(3);
  });
});

describe("a 外数 with the seed's 一般職(定数合計) row: why 3 育児休業代替 move the computed 定数合計 by 26 (no double counting)", () => {
  // 1,066 = 1,104 − 派遣 (13 + 2) − 休職・休業 23 (not in the seed's table) + 育児休業代替 0. Once a year has any leave figure the
  // 定数合計 is computed, and 休職・休業 the file does not give counts as 0: 1,104 − 15 − 0 + 3 = 1,092 = 1,066 + 23 + 3.
  const NOTE = "(注) ( )内は外数で、育児休業代替任期付職員数です";
  const rowsWith = (planningCell: string, leave: string | null) => {
    const rows = tsvRows(CORRECTED_TSV).map((r) => [...r]);
    (rows[5] as string[])[11] = planningCell;
    if (leave !== null) rows.splice(5, 0, ["(うち休職・休業)", "", "", "", "", "", "", "", "", "", "", leave, ""]);
    rows.push([NOTE]);
    return rows;
  };
  const quotaTotalProblem = (r: ReturnType<typeof parse>) => r.problems.find((p) => p.message.startsWith("一般職(定数合計)"));

  it("the 3 are counted once (企画部, rolled up once into 市長部局); the 26 are the 23 on leave the table leaves out plus the 3", () => {
    const result = parse(rowsWith("67人\n( 3人)", null));
    const planning = seedUnit("企画部").id;
    expect(result.records.filter((r) => r.fiscalYear === 2025 && r.counts.childcareSubstitutes !== undefined)).toEqual([
      expect.objectContaining({ unitId: planning, counts: expect.objectContaining({ staff: 67, childcareSubstitutes: 3 }) }),
    ]);
    const problem = quotaTotalProblem(result);
    expect(problem).toMatchObject({ severity: "error", cell: "L31" });
    expect(problem?.message).toBe("一般職(定数合計)の令和7年度(2025年度)の値 1,066 が、各組織から計算した値 1,092 と一致しません (休職・休業の人数がファイルにないため 0 人として計算しています。「(うち休職・休業)」の行を加えてください)");
  });

  it("with the 休職・休業 the seed's total implies (23 + 3 = 26) the stated 1,066 checks out", () => {
    const result = parse(rowsWith("67人\n( 3人)", "(26)"));
    expect(quotaTotalProblem(result)).toBeUndefined();
    expect(errors(result)).toEqual([]);
  });
});
