import { describe, expect, it } from "vitest";
import { buildHeadcountTable } from "../../src/domain/headcount-table.js";
import type { HeadcountRecord, QuotaRecord } from "../../src/domain/staffing.js";
import { parseCsv, toCsv } from "../../src/io/csv.js";
import { headcountRecordsToLongRows, headcountTableToRows } from "../../src/io/headcount-export.js";
import { detectHeadcountLayout, parseHeadcountLong } from "../../src/io/headcount-long.js";
import { parseHeadcountTable } from "../../src/io/headcount-table.js";
import type { ImportUnit } from "../../src/io/unit-lookup.js";
import { decodeText, encodeText } from "../../src/io/text-encoding.js";
import { readXlsx, writeXlsx } from "../../src/io/xlsx.js";
import { SEED_UNITS, SEED_ZUHYO4_TSV, seedUnit, tsvRows } from "../fixtures/seed-organisation.js";

/** Cells as a CSV or xlsx reader gives them back: text, "" for empty. */
function asText(rows: readonly (readonly (string | number | null)[])[]): string[][] {
  return rows.map((r) => r.map((c) => (c === null ? "" : String(c))));
}

function sorted(records: readonly HeadcountRecord[]): HeadcountRecord[] {
  return [...records].sort((a, b) => a.fiscalYear - b.fiscalYear || a.unitId - b.unitId);
}

const seed = parseHeadcountTable(tsvRows(SEED_ZUHYO4_TSV.replace("平28 (2015)", "平28 (2016)")), SEED_UNITS, { currentFiscalYear: 2026 });
const seedQuotas: QuotaRecord[] = seed.quotas.map((q) => ({ ...q, validFrom: null, validTo: null }));

// The seed plus figures it lacks: a department's own 派遣 under the parent's, leave, and childcare substitutes.
const richer: HeadcountRecord[] = seed.records.map((r) => {
  if (r.fiscalYear !== 2025) return r;
  if (r.unitId === seedUnit("企画部").id) return { ...r, counts: { ...r.counts, seconded: 4 } };
  if (r.unitId === seedUnit("市長部局").id) return { ...r, counts: { ...r.counts, onLeave: 23 } };
  if (r.unitId === seedUnit("教育委員会").id) return { ...r, counts: { ...r.counts, childcareSubstitutes: 2 } };
  return r;
});

describe("headcountTableToRows", () => {
  const rows = headcountTableToRows(buildHeadcountTable(SEED_UNITS, seed.records, seedQuotas, seed.years, 3));
  const rowOf = (label: string) => rows.find((r) => r[0] === label);

  it("heads the years in the seed's form with both readings, then 定数", () => {
    expect(rows[0]).toEqual(["", "平17 (2005)", "平22 (2010)", "平25 (2013)", "平28 (2016)", "令元 (2019)", "令2 (2020)", "令3 (2021)", "令4 (2022)", "令5 (2023)", "令6 (2024)", "令7 (2025)", "定数"]);
  });

  it("indents units by depth with full-width spaces and leaves years a unit did not exist blank", () => {
    expect(rowOf("市長部局")?.slice(-2)).toEqual([533, 483]);
    expect(rowOf("\u3000企画部")?.at(-2)).toBe(67);
    expect(rowOf("\u3000こども福祉部")?.slice(1, 6)).toEqual([null, null, null, null, 72]);
  });

  it("writes うち rows with values in parentheses, under their unit", () => {
    const i = rows.findIndex((r) => r[0] === "消防");
    expect(rows[i + 1]?.[0]).toBe("(うち派遣職員)");
    expect(rows[i + 1]?.at(-2)).toBe("(2)");
    expect(rows[i + 1]?.at(-1)).toBeNull();
  });

  it("ends with both totals: the quota sum on 一般職(合計) and the cap on 一般職(定数合計)", () => {
    expect(rowOf("一般職(合計)")?.slice(-2)).toEqual([1104, 1061]);
    expect(rowOf("一般職(定数合計)")?.slice(-2)).toEqual([null, "(3%上限) 1,092"]);
  });

  it("shows the group 行政委員会等 with the sum of its members' quotas", () => {
    expect(rowOf("行政委員会等")?.at(-1)).toBe(83);
  });
});

describe("round trips", () => {
  it("reads an exported table back into the same records and quotas, without errors", () => {
    const rows = asText(headcountTableToRows(buildHeadcountTable(SEED_UNITS, seed.records, seedQuotas, seed.years, 3)));
    expect(detectHeadcountLayout(rows)).toBe("table");
    const back = parseHeadcountTable(rows, SEED_UNITS, { currentFiscalYear: 2026 });
    expect(back.problems).toEqual([]);
    expect(sorted(back.records)).toEqual(sorted(seed.records));
    expect(back.quotas).toEqual(seed.quotas);
  });

  it("keeps a parent's own うち figures apart from its departments', and checks a verifiable 一般職(定数合計)", () => {
    // One year only: buildHeadcountTable shows a うち row as 0, not blank, in years where it was not recorded.
    const table = buildHeadcountTable(SEED_UNITS, richer, seedQuotas, [2025], 3);
    expect(table.quotaTotal).toEqual([1104 - (13 + 4 + 2) - 23 + 2]);
    const back = parseHeadcountTable(asText(headcountTableToRows(table)), SEED_UNITS, { currentFiscalYear: 2026 });
    expect(back.problems).toEqual([]);
    expect(sorted(back.records)).toEqual(sorted(richer.filter((r) => r.fiscalYear === 2025)));
  });

  it("reads exported long rows back into the same records", () => {
    const rows = headcountRecordsToLongRows(richer, SEED_UNITS);
    expect(rows[0]).toEqual(["組織コード", "組織", "年度", "区分", "人数"]);
    expect(rows).toContainEqual(["D11", "企画部", "2025", "派遣職員", 4]);
    expect(rows).toContainEqual(["G50", "行政委員会等", "2025", "特定任期付・再任用フルタイム勤務職員", 1]);
    const text = asText(rows);
    expect(detectHeadcountLayout(text)).toBe("long");
    const back = parseHeadcountLong(text, SEED_UNITS, { currentFiscalYear: 2026 });
    expect(back.problems).toEqual([]);
    expect(sorted(back.records)).toEqual(sorted(richer));
  });

  it("keeps 髙 and 﨑 in unit names through a Shift_JIS CSV file", () => {
    const units: ImportUnit[] = [
      ...SEED_UNITS,
      { id: 201, code: "B201", name: "髙﨑出張所", parentId: null, kind: "authority", sortOrder: 99, validFrom: null, validTo: null },
    ];
    const records: HeadcountRecord[] = [{ unitId: 201, fiscalYear: 2025, counts: { staff: 3, seconded: 1 } }];
    const bytes = encodeText(toCsv(headcountRecordsToLongRows(records, units)), "shift_jis");
    const decoded = decodeText(bytes, "auto");
    expect(decoded.encoding).toBe("shift_jis");
    expect(decoded.text).toContain("髙﨑出張所");
    const rows = parseCsv(decoded.text);
    expect(rows[1]?.[1]).toBe("髙﨑出張所");
    const back = parseHeadcountLong(rows, units, { currentFiscalYear: 2026 });
    expect(back.problems).toEqual([]);
    expect(back.records).toEqual(records);
  });

  it("reads an exported table back through an xlsx file", async () => {
    const rows = headcountTableToRows(buildHeadcountTable(SEED_UNITS, seed.records, seedQuotas, seed.years, 3));
    const [sheet] = await readXlsx(await writeXlsx([{ name: "図表4", rows }]));
    const back = parseHeadcountTable(sheet?.rows ?? [], SEED_UNITS, { currentFiscalYear: 2026 });
    expect(back.problems).toEqual([]);
    expect(sorted(back.records)).toEqual(sorted(seed.records));
  });
});
