import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kindFromName } from "../../src/domain/comparison.js";
import { averagesFromRoster, diagnoseAll, mergeAverages, type RosterEntry, rosterGroupTotal } from "../../src/domain/nationwide.js";
import { parseCsv } from "../../src/io/csv.js";
import { parseRoster } from "../../src/io/mic-roster.js";

const fixture = (name: string) => parseCsv(readFileSync(new URL(`../fixtures/mic/${name}`, import.meta.url), "utf8"));

describe("the roster (団体別職員数)", () => {
  it("reads codes, prefectures, groups (町村 from the name), population and staff by sector under a merged 職員数 header", () => {
    const result = parseRoster(fixture("dantai-r6.csv"), { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(25);
    const chitose = result.records.find((r) => r.code === "012246");
    expect(chitose).toMatchObject({ fiscalYear: 2024, name: "千歳市", prefecture: "北海道", groupKey: "city:II-3", population: 97999 });
    expect(chitose?.staff).toMatchObject({ gikai: 9, somu: 172, zeimu: 30, minsei: 128, eisei: 72, ippan: 528, shobo: 133, futsu: 717, gokei: 1100 });
    expect(result.records.find((r) => r.code === "133051")?.groupKey).toBe("town:IV-2");
    expect(result.records.find((r) => r.code === "112020")?.groupKey).toBe("former-special");
  });

  it("reads the seed's 図表8: 団体名 over prefecture and name, per-10,000 columns checked, the group total row", () => {
    const result = parseRoster(fixture("zuhyo8-r6.csv"), { currentFiscalYear: 2026 });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.records.map((r) => [r.code, r.prefecture, r.name, r.staff["futsu"], r.staff["ippan"]])).toEqual([
      ["012050", "北海道", "室蘭市", 511, 343],
      ["012319", "北海道", "恵庭市", 473, 329],
      ["012351", "北海道", "石狩市", 418, 373],
      ["012246", "北海道", "千歳市", 717, 528],
      ["012343", "北海道", "北広島市", 455, 318],
    ]);
    expect(result.groupTotals.map((t) => [t.groupKey, t.sector, t.members, t.population, t.staff])).toEqual([
      ["city:II-3", "futsu", 107, 7683019, 50344],
      ["city:II-3", "ippan", 107, 7683019, 40048],
    ]);
  });

  it("warns when a printed per-10,000 figure disagrees with staff ÷ population", () => {
    const rows = [["令和6年4月1日現在"], ["団体コード", "団体名", "類型", "人口", "普通会計", ""], ["", "", "", "", "職員数", "人口1万当たり"], ["012246", "千歳市", "Ⅱ－３", "97999", "717", "73.61"]];
    expect(parseRoster(rows, { currentFiscalYear: 2026 }).problems.map((p) => `${p.severity} ${p.cell}: ${p.message}`)).toEqual(["warning F4: 人口1万当たり 73.61 が、職員数 ÷ 人口 × 10,000 = 73.16 と異なります (計算した値を使います)"]);
  });

  it("completes a 5-digit code with its check digit and refuses a wrong one, a wrong prefecture and a subtotal that does not add up", () => {
    const rows = [
      ["令和6年4月1日現在"],
      ["団体コード", "都道府県", "団体名", "類型", "人口", "病院", "水道", "交通", "下水道", "その他", "公営企業等会計"],
      ["01224", "北海道", "千歳市", "Ⅱ－３", "97999", "303", "22", "－", "29", "29", "383"],
      ["012247", "北海道", "千歳市", "Ⅱ－３", "97999", "303", "22", "－", "29", "29", "383"],
      ["012050", "青森県", "室蘭市", "Ⅱ－３", "76519", "191", "17", "0", "15", "13", "236"],
      ["012319", "北海道", "恵庭市", "Ⅱ－３", "70354", "0", "16", "0", "14", "12", "43"],
      ["012246", "北海道", "千歳市", "Ⅱ－３", "97999", "303", "22", "－", "29", "29", "383"],
    ];
    const result = parseRoster(rows, { currentFiscalYear: 2026 });
    expect(result.problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "A4: 団体コード「012247」の検査数字が正しくありません (正しくは 012246)",
      "B5: 団体コード 012050 は北海道のコードですが、都道府県は「青森県」です",
      "K6: 公営企業等会計 43 が、内訳の合計 42 と一致しません",
      "A7: 団体コード 012246 の行が3行目にもあります",
    ]);
    expect(result.records[0]?.code).toBe("012246");
  });

  it("tells 町村, 市 and 特別区 from their names", () => {
    expect(kindFromName("厚真町")).toBe("town");
    expect(kindFromName("檜原村")).toBe("town");
    expect(kindFromName("千歳市")).toBe("city");
    expect(kindFromName("千代田区")).toBe("ward");
  });
});

describe("nationwide diagnosis (pure)", () => {
  const entry = (code: string, group: string, population: number, staff: Record<string, number>): RosterEntry => ({ code, name: code, prefecture: "北海道", group, population, staff });
  const roster = [
    entry("a", "city:II-3", 100000, { shobo: 150, gikai: 10 }),
    entry("b", "city:II-3", 50000, { shobo: 0, gikai: 5 }),
    entry("c", "city:II-3", 50000, { shobo: 50, gikai: 4 }),
  ];

  it("averages population-weighted: 単純値 over all members, 修正値 over the members that staff the sector", () => {
    const table = averagesFromRoster(roster);
    const shobo = table.get("city:II-3")?.get("shobo");
    expect(shobo?.simple).toBeCloseTo((200 / 200000) * 10000, 10);
    expect(shobo?.corrected).toBeCloseTo((200 / 150000) * 10000, 10);
    expect(shobo?.members).toBe(3);
    // A subtotal's 修正値 is the sum of its sectors' 修正値; its 単純値 its own Σ staff ÷ Σ population.
    const futsu = table.get("city:II-3")?.get("futsu");
    expect(futsu?.corrected).toBeCloseTo((200 / 150000) * 10000 + (19 / 200000) * 10000, 10);
    expect(futsu?.simple).toBeCloseTo((219 / 200000) * 10000, 10);
  });

  it("totals a group over its members (図表8's group row): Σ population, Σ staff of a sector only when every member's is known", () => {
    // futsu is a subtotal: each member's is the sum of its stated parts (staffOf), a: 160, b: 5, c: 54.
    expect(rosterGroupTotal(roster, ["futsu", "shobo", "zeimu"])).toEqual({ members: 3, population: 200000, staff: { futsu: 219, shobo: 200, zeimu: null } });
    const partly = [...roster, entry("d", "city:II-3", 10000, { gikai: 3 })];
    expect(rosterGroupTotal(partly, ["shobo", "gikai"]).staff).toEqual({ shobo: null, gikai: 22 });
    expect(rosterGroupTotal([], ["futsu"])).toEqual({ members: 0, population: 0, staff: { futsu: 0 } });
  });

  it("diagnoses each member with the same rule as 図表10, undefined rate where it has no staff", () => {
    const rows = diagnoseAll(roster, averagesFromRoster(roster), "simple");
    expect(rows.find((r) => r.entry.code === "a")?.cells.get("shobo")).toEqual({ reference: 100, excess: 50, rate: 33.3 });
    const b = rows.find((r) => r.entry.code === "b")?.cells.get("shobo");
    expect(b?.reference).toBe(50);
    expect(b?.excess).toBe(-50);
    expect(Number.isNaN(b?.rate)).toBe(true);
    expect(rows.find((r) => r.entry.code === "a")?.cells.get("zeimu")).toBeNull();
  });

  it("prefers imported averages and fills only what they lack", () => {
    const imported = new Map([["city:II-3", new Map([["shobo", { simple: 4.8, corrected: null, members: 107 }]])]]);
    const merged = mergeAverages(imported, averagesFromRoster(roster));
    expect(merged.get("city:II-3")?.get("shobo")).toEqual({ simple: 4.8, corrected: (200 / 150000) * 10000, members: 107 });
  });
});

describe("the roster's sector columns headed 計 / 小計 (kind A: subtotals read by their place)", () => {
  const relabelled = (labels: Record<string, string>) => {
    const rows = fixture("dantai-r6.csv").map((r) => [...r]);
    const header = rows[2] ?? [];
    for (const [from, to] of Object.entries(labels)) header[header.indexOf(from)] = to;
    return rows;
  };

  it("reads 計 after 衛生 as 一般行政計, the 小計 after 消防 as 普通会計計 and the one after その他 as 公営企業等会計 — never as 合計", () => {
    const result = parseRoster(relabelled({ 一般行政計: "計", 普通会計計: "小計", 公営企業等会計計: "小計" }), { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    expect(result.records.find((r) => r.code === "012246")?.staff).toMatchObject({ ippan: 528, futsu: 717, kigyo: 383, gokei: 1100 });
  });

  it("reads a 計 after the 一般行政 sectors as 一般行政計 even when no other total follows (it was stored as 合計 before)", () => {
    const rows = relabelled({ 一般行政計: "計" }).map((r) => r.slice(0, 15));
    const result = parseRoster(rows, { currentFiscalYear: 2026 });
    expect(result.problems).toEqual([]);
    const chitose = result.records.find((r) => r.code === "012246")?.staff;
    expect(chitose?.["ippan"]).toBe(528);
    expect(chitose?.["gokei"]).toBeUndefined();
  });

  it("refuses a 計 whose place says nothing, naming the cell", () => {
    const rows = relabelled({ 議会: "計" });
    expect(parseRoster(rows, { currentFiscalYear: 2026 }).problems.filter((p) => p.severity === "error").map((p) => `${p.cell}: ${p.message}`)).toEqual([
      "F2: 「計」がどの小計か、上の行から決められません (一般行政計、普通会計計、公営企業等会計、合計のように書いてください)",
    ]);
  });
});

describe("the roster's 国保・介護 and 特別行政 columns (issue 10 kind A: rows a published table really has)", () => {
  it("adds 国保 and 介護 columns into その他 with a note, and skips a 特別行政 小計 column with a warning, instead of refusing the file", () => {
    const rows = fixture("dantai-r6.csv").map((r) => [...r]);
    const at = (rows[2] ?? []).indexOf("その他");
    rows.forEach((row, i) => {
      if (i === 2) row.splice(at, 1, "国保", "介護", "その他");
      else if (i > 2 && row.length > at) row.splice(at, 1, row[at] ?? "", "0", "0");
      else if (i === 1) row.splice(at, 0, "", "");
    });
    // 特別行政 小計 after 消防: 教育 + 消防.
    const shobo = (rows[2] ?? []).indexOf("消防");
    rows.forEach((row, i) => {
      if (i === 2) row.splice(shobo + 1, 0, "特別行政 小計");
      else if (i > 2 && row.length > shobo) row.splice(shobo + 1, 0, String(Number(row[shobo - 1]) + Number(row[shobo])));
      else if (i === 1) row.splice(shobo + 1, 0, "");
    });
    const result = parseRoster(rows, { currentFiscalYear: 2026 });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        "列「職員数(R6.4.1) 国保」の職員数は gyokaku の部門「その他」に含めて取り込みます",
        "列「職員数(R6.4.1) 介護」の職員数は gyokaku の部門「その他」に含めて取り込みます",
        "列「職員数(R6.4.1) 特別行政小計」は特別行政計 (教育と消防の計) のため取り込みません (教育・消防の列と照らし合わせます)",
      ]),
    );
    const muroran = result.records.find((r) => r.code === "012050")?.staff;
    expect(muroran).toMatchObject({ sonota: 13, kigyo: 236, futsu: 511 });

    expect(muroran && "tokubetsu" in muroran).toBe(false);
    // A 特別行政 小計 that is not 教育 + 消防 is refused naming its cell.
    const wrong = rows.map((r) => [...r]);
    const row = wrong.findIndex((r) => r[0] === "012050");
    (wrong[row] as string[])[shobo + 1] = "999";
    const refused = parseRoster(wrong, { currentFiscalYear: 2026 }).problems.filter((p) => p.severity === "error");
    expect(refused.map((p) => [p.row, p.column, p.message])).toEqual([[row + 1, shobo + 2, "特別行政計 999 が、内訳 (教育・消防) の合計 168 と一致しません"]]);
  });

  it("a 国保 rate (人口1万当たり) column is not taken for その他's, and その他's own rate is not compared with the summed 職員数", () => {
    const rows = fixture("dantai-r6.csv").map((r) => [...r]);
    const at = (rows[2] ?? []).indexOf("その他");
    rows.forEach((row, i) => {
      if (i === 2) row.splice(at, 1, "国保", "その他");
      else if (i > 2 && row.length > at) {
        const kokuho = Math.min(4, Number(row[at]));
        row.splice(at, 1, String(kokuho), String(Number(row[at]) - kokuho));
      } else if (i === 1) row.splice(at, 0, "");
    });
    // Rate columns at the end: その他 (its own 9 of 13 at 室蘭市), then 国保; the per-10,000 of the parts, not of the sum.
    rows.forEach((row, i) => {
      if (i === 1) row.push("人口1万当たり職員数", "");
      else if (i === 2) row.push("その他", "国保");
      else if (i > 2 && row.length > 5) row.push("1.18", "0.52");
    });
    const result = parseRoster(rows, { currentFiscalYear: 2026 });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    const messages = result.problems.map((p) => p.message);
    expect(messages.filter((m) => m.includes("人口1万当たり") && m.includes("と異なります"))).toEqual([]);
    expect(messages).toEqual(
      expect.arrayContaining([
        "列「人口1万当たり職員数 国保」は「その他」の一部の人口1万当たりのため取り込みません (gyokaku は職員数と人口から計算します)",
        "「その他」の人口1万当たりの列は、内訳の列を含めた職員数と比べられないため照合しません (gyokaku は職員数と人口から計算します)",
      ]),
    );
    expect(result.records.find((r) => r.code === "012050")?.staff).toMatchObject({ sonota: 13 });
  });
});
