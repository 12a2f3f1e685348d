import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.js";
import { neutraliseFormula, openDataCsvShiftJis, openDataCsvUtf8, openDataJson, openDataXlsx, toShiftJisLenient } from "../../src/io/open-data.js";
import { decodeText } from "../../src/io/text-encoding.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { type OpenDataTable, openDataTables } from "../../src/report/open-data.js";
import type { PublicDataset } from "../../src/services/publication-policy.js";

const dataset: PublicDataset = {
  municipality: { code: "012246", name: "千歳市", prefecture: "北海道" },
  edition: { fiscalYear: 2025, title: "行政改革基本方針 令和7年度(2025年度)" },
  items: [
    {
      number: 1,
      name: "=HYPERLINK(\"x\")電子決裁の推進",
      state: "継続",
      units: ["行政管理課", "髙橋課"],
      content: [{ type: "paragraph", text: "+文書管理" }],
      effect: [{ type: "list", items: ["ペーパーレス化", "@検索の迅速化"] }],
      remarks: [],
      plans: [
        { fiscalYear: 2025, cell: { stage: "実施", lines: ["導入"], sameAsLeft: false, ownStage: "実施" } },
        { fiscalYear: 2026, cell: { stage: null, lines: ["導入"], sameAsLeft: true, ownStage: null } },
        { fiscalYear: 2027, cell: null },
        { fiscalYear: 2028, cell: null },
      ],
      history: [{ fiscalYear: 2024, plan: { stage: "調査検討", lines: ["-比較検討"], sameAsLeft: false, ownStage: "調査検討" }, result: null }],
    },
  ],
  subcommittees: [],
  indicators: [{ itemNumber: 1, name: "電子決裁率", unit: "%", baselineYear: null, baselineValue: null, values: [{ fiscalYear: 2024, target: 50, actual: 61.5 }], note: "" }],
  verifications: [],
  headcounts: {
    years: [2024, 2025],
    rows: [{ name: "市長部局", depth: 0, category: "職員数", cells: [1084, 1104], quota: 1061, formerNames: [] }],
    generalTotal: [1084, 1104],
    quotaTotal: [null, 1066],
    quotaSum: 1061,
    cap: 1092,
    allowancePercent: 3,
  },
  staffPopulation: { years: [2024, 2025], staff: [1084, 1104], population: [97999, 98000], populationDates: ["2024-01-01", "2025-01-01"] },
  peers: null,
  diagnosis: {
    fiscalYear: 2024,
    previousYear: 2023,
    groupKey: "city:II-3",
    population: 97999,
    rows: [{ code: "tax", name: "税 務", total: false, previous: 28, current: 30, change: 2, simpleReference: 40, simpleExcess: -10, simpleRate: -33.3, correctedReference: 41, correctedExcess: -11, correctedRate: -36.7 }],
  },
  laspeyres: null,
};

const tables = openDataTables(dataset);
const table = (id: string): OpenDataTable => {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};

describe("open data (総務省 機械判読ルール, 自治体標準オープンデータセット)", () => {
  it("leads every table with 全国地方公共団体コード and 地方公共団体名 on every row", () => {
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      expect(t.columns.slice(0, 2).map((c) => c.name)).toEqual(["全国地方公共団体コード", "地方公共団体名"]);
      for (const r of t.rows) expect(r.slice(0, 2)).toEqual(["012246", "千歳市"]);
      expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
      for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
    }
  });

  it("gives reference dates as the seed writes dates, 和暦 with 西暦 (never an ISO date or 「令和7年度4月1日」)", () => {
    expect(table("quotas").referenceDate).toBe("令和7年(2025年)4月1日現在");
    expect(table("diagnosis").referenceDate).toBe("職員数は各年4月1日現在(令和5年(2023年)4月1日・令和6年(2024年)4月1日)");
    const peers = openDataTables({
      ...dataset,
      peers: { fiscalYear: 2024, populationDate: "2024-01-01", staffDate: "2024-04-01", rows: [], group: null } as unknown as NonNullable<PublicDataset["peers"]>,
    }).find((t) => t.id === "peers");
    expect(peers?.referenceDate).toBe("住基人口は令和6年(2024年)1月1日現在、職員数は令和6年(2024年)4月1日現在");
    for (const t of tables) expect(t.referenceDate, t.id).not.toMatch(/\d{4}-\d{2}-\d{2}|年度4月/);
  });

  it("writes years as a 西暦 number with a 和暦 label beside it", () => {
    const h = table("headcounts");
    expect(h.columns.slice(2, 4).map((c) => c.name)).toEqual(["年度", "年度(和暦)"]);
    expect(h.rows[0]?.slice(2, 4)).toEqual([2024, "令和6年度"]);
    const plans = table("reform-plans");
    expect(plans.rows.map((r) => r[3])).toContain("令和10年度以降");
  });

  it("keeps numbers as plain numbers: no separators, negatives with a minus sign, never ▲", () => {
    const csv = decodeText(openDataCsvUtf8(table("diagnosis")), "utf-8").text;
    expect(csv).not.toMatch(/▲|\d,\d{3}\b(?![^"]*")/);
    const [header, row] = parseCsv(csv);
    expect(header?.[0]).toBe("全国地方公共団体コード");
    expect(row).toEqual(["012246", "千歳市", "2024", "令和6年度", "税務", "28", "30", "2", "40", "-10", "-33.3", "41", "-11", "-36.7"]);
    const staff = decodeText(openDataCsvUtf8(table("staff-population")), "utf-8").text;
    expect(staff).toContain(",1104,98000,2025-01-01\r\n");
  });

  it("writes CSV as UTF-8 with a BOM and a Shift_JIS variant that decodes to the same text (髙 included)", () => {
    const utf8 = openDataCsvUtf8(table("reform-items"));
    expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sjis = openDataCsvShiftJis(table("reform-items"));
    expect([...sjis.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(sjis, "shift_jis").text).toBe(decodeText(utf8, "utf-8").text);
    expect(decodeText(sjis, "shift_jis").text).toContain("髙橋課");
  });

  it("writes a character Shift_JIS cannot hold as 〓 in the Shift_JIS file only", () => {
    expect(decodeText(toShiftJisLenient("A😀B〜"), "shift_jis").text).toBe("A〓B～");
  });

  it("neutralises text a spreadsheet would run as a formula, leaving numbers numbers", () => {
    for (const s of ["=1+1", "+A1", "-A1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula(-10)).toBe(-10);
    expect(neutraliseFormula("千歳市")).toBe("千歳市");
    const csv = decodeText(openDataCsvUtf8(table("reform-items")), "utf-8").text;
    expect(csv).toContain(`"'=HYPERLINK(""x"")電子決裁の推進"`);
    expect(csv).toContain("'+文書管理");
    const plans = decodeText(openDataCsvUtf8(table("reform-plans")), "utf-8").text;
    expect(plans).toContain("'-比較検討");
  });

  it("writes xlsx with one header row, no merged cells, numbers as numbers and formulas neutralised", async () => {
    const bytes = await openDataXlsx(table("diagnosis"));
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getCell("J2").value).toBe(-10);
    expect(sheet?.getCell("A2").value).toBe("012246");
    expect(Object.keys((sheet as unknown as { _merges: Record<string, unknown> })._merges)).toEqual([]);
    const items = await readXlsx(await openDataXlsx(table("reform-items")));
    expect(items[0]?.rows[1]?.[5]).toBe(`=HYPERLINK("x")電子決裁の推進`); // written guarded once; our reader removes the guard it added
  });

  it("writes JSON with the columns, the license and one object per row keyed by column name", () => {
    const json = JSON.parse(openDataJson(table("indicators"), { license: "CC BY 4.0", publishedOn: "2025-09-30" })) as { license: string; rows: Record<string, unknown>[] };
    expect(json.license).toBe("CC BY 4.0");
    expect(json.rows[0]).toMatchObject({ 全国地方公共団体コード: "012246", 地方公共団体名: "千歳市", 年度: 2024, 目標値: 50, 実績値: 61.5 });
  });

  it("a town's ラスパイレス table names its comparators as its data does (全国町村平均, never 全国市平均)", () => {
    const town: PublicDataset = {
      ...dataset,
      municipality: { code: "015814", name: "厚真町", prefecture: "北海道" },
      laspeyres: { years: [2024], series: [{ label: "本町", values: [95.1] }, { label: "類似団体平均", values: [96.0] }, { label: "全国町村平均", values: [96.3] }] },
    };
    const laspeyres = openDataTables(town).find((t) => t.id === "laspeyres");
    const described = JSON.stringify(laspeyres?.columns);
    expect(described).toContain("本町・類似団体平均・全国町村平均");
    expect(described).not.toContain("全国市平均");
    expect(laspeyres?.rows.map((r) => r[4])).toEqual(["本町", "類似団体平均", "全国町村平均"]);
  });
});
