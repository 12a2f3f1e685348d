/**
 * What a MIC import would write, value by value, against what the municipality has stored (issue 10: a preview says
 * what will change, not only how many rows were read). Every value the import writes is compared with the stored one
 * by the same keys the repositories write by: 類似団体別の平均 (year, 類型, 部門), 団体別職員数 (year, 団体コード; a
 * member's stored sectors the file leaves out are removed, as replaceMembers does), 診断表 (year, 部門), ラスパイレス
 * (year, 対象) and 回帰係数 (year, 部門). A value the file leaves blank where the import keeps the stored one (平均) is
 * not a change. The list is bounded for nationwide files: the first LISTED_COMPARISON_CHANGES changed values in file
 * order, and the counts of all of them.
 */
import type { TenantDb } from "../db/tenant.js";
import { comparisonName, groupLabel } from "../domain/comparison.js";
import type { GroupAverageRecord } from "../io/mic-averages.js";
import type { ParsedImport } from "./comparison-import.js";

/** At most this many changed values are listed in a preview; the rest are counted. */
export const LISTED_COMPARISON_CHANGES = 100;

/** One value the import writes: the row (year and what it is about), the field, stored → from the file (null: none). */
export interface ComparisonValueChange {
  row: string;
  field: string;
  before: number | string | null;
  after: number | string | null;
}

export interface ComparisonChanges {
  /** The first LISTED_COMPARISON_CHANGES values that change, in file order. */
  listed: ComparisonValueChange[];
  /** Values that change, all of them: `added` of them have no stored value yet, `removed` are stored values the file drops. */
  changed: number;
  added: number;
  removed: number;
  /** Values the file writes that are stored already as they are. */
  unchanged: number;
}

type Value = number | string | null;

/** A value as a preview shows it: 「(なし)」 for none, a number with the digits it has (up to 6 decimals), grouped as ja-JP. */
export function changeValueText(v: Value): string {
  return v === null ? "(なし)" : typeof v === "number" ? v.toLocaleString("ja-JP", { maximumFractionDigits: 6 }) : v;
}

/** The counts line of a preview (web page and `gyokaku import mic`), e.g. 「書き込む値: 変わる値 3件 (新しく入る値 1件を含む) ・ 登録済みと同じ値 20件」. */
export function changeCountsText(c: ComparisonChanges): string {
  const n = (x: number) => x.toLocaleString("ja-JP");
  return `書き込む値: 変わる値 ${n(c.changed)}件 (新しく入る値 ${n(c.added)}件${c.removed > 0 ? `、消える値 ${n(c.removed)}件` : ""}を含む) ・ 登録済みと同じ値 ${n(c.unchanged)}件`;
}

class Collector {
  readonly result: ComparisonChanges = { listed: [], changed: 0, added: 0, removed: 0, unchanged: 0 };

  value(row: string, field: string, before: Value | undefined, after: Value): void {
    const old = before ?? null;
    if (old === after) {
      this.result.unchanged++;
      return;
    }
    this.result.changed++;
    if (old === null) this.result.added++;
    else if (after === null) this.result.removed++;
    if (this.result.listed.length < LISTED_COMPARISON_CHANGES) this.result.listed.push({ row, field, before: old, after });
  }
}

const years = (records: readonly { fiscalYear: number }[]) => [...new Set(records.map((r) => r.fiscalYear))];

const AVERAGE_FIELDS = [
  ["members", "団体数"],
  ["population", "人口"],
  ["staff", "職員数"],
  ["simplePer10k", "単純値 (人口1万当たり)"],
  ["correctedPer10k", "修正値 (人口1万当たり)"],
  ["correctedMembers", "修正値の団体数"],
] as const;

type AverageValues = Pick<GroupAverageRecord, (typeof AVERAGE_FIELDS)[number][0]>;

async function averages(tenant: Pick<TenantDb, "groupAverages">, records: readonly GroupAverageRecord[], out: Collector): Promise<void> {
  const stored = new Map<string, AverageValues>();
  for (const fy of years(records)) {
    for (const r of await tenant.groupAverages.list(fy)) {
      stored.set(`${fy}/${r.group_key}/${r.sector}`, { members: r.members, population: r.population, staff: r.staff, simplePer10k: r.simple_per10k, correctedPer10k: r.corrected_per10k, correctedMembers: r.corrected_members });
    }
  }
  for (const r of records) {
    const before = stored.get(`${r.fiscalYear}/${r.groupKey}/${r.sector}`);
    for (const [field, label] of AVERAGE_FIELDS) {
      const after = r[field];
      // A blank in the file keeps what is stored (GroupAverageRepository.merge): no change.
      if (after === null) continue;
      out.value(`${r.fiscalYear}年度 ${groupLabel(r.groupKey)} ${comparisonName(r.sector)}`, label, before?.[field], after);
    }
  }
}

/**
 * The values a parsed MIC file would write, compared with what `tenant` has stored (see the module comment).
 * Reads only; the import itself writes (services/comparison-import.ts importComparison).
 */
export async function comparisonChanges(tenant: Pick<TenantDb, "groupAverages" | "laspeyres" | "ownDiagnosis" | "regression" | "roster">, parsed: ParsedImport): Promise<ComparisonChanges> {
  const out = new Collector();
  switch (parsed.kind) {
    case "averages":
      await averages(tenant, parsed.result.records, out);
      break;
    case "roster": {
      const records = parsed.result.records;
      for (const fy of years(records)) {
        const members = new Map((await tenant.roster.list(fy)).map((m) => [m.code, m]));
        const staff = new Map<string, Map<string, number>>();
        for (const s of await tenant.roster.listStaff(fy)) staff.set(s.code, (staff.get(s.code) ?? new Map<string, number>()).set(s.sector, s.staff));
        for (const r of records.filter((x) => x.fiscalYear === fy)) {
          const row = `${fy}年度 ${r.name} (${r.code})`;
          const m = members.get(r.code);
          out.value(row, "団体名", m?.name, r.name);
          out.value(row, "類型", m ? groupLabel(m.group_key) : undefined, groupLabel(r.groupKey));
          out.value(row, "人口", m?.population, r.population);
          if (r.areaKm2 !== null || m?.area_km2 != null) out.value(row, "面積", m?.area_km2, r.areaKm2);
          const storedStaff = staff.get(r.code) ?? new Map<string, number>();
          for (const [sector, value] of Object.entries(r.staff)) out.value(row, `職員数 ${comparisonName(sector)}`, storedStaff.get(sector), value);
          // replaceMembers replaces the member whole: a stored sector the file does not state is removed.
          for (const [sector, value] of storedStaff) if (!(sector in r.staff)) out.value(row, `職員数 ${comparisonName(sector)}`, value, null);
        }
      }
      await averages(tenant, parsed.result.groupTotals, out);
      break;
    }
    case "diagnosis": {
      const { current, previous } = parsed.result;
      const fys = [current?.fiscalYear, previous?.fiscalYear].filter((y): y is number => y !== undefined);
      const stored = new Map((await tenant.ownDiagnosis.list(fys)).map((r) => [`${r.fiscal_year}/${r.sector}`, r]));
      if (previous) {
        for (const r of previous.rows) {
          if (r.actual === null) continue;
          out.value(`${previous.fiscalYear}年度 ${comparisonName(r.sector)}`, "職員数", stored.get(`${previous.fiscalYear}/${r.sector}`)?.actual, r.actual);
        }
      }
      if (current) {
        for (const r of current.rows) {
          const before = stored.get(`${current.fiscalYear}/${r.sector}`);
          const row = `${current.fiscalYear}年度 ${comparisonName(r.sector)}`;
          out.value(row, "職員数", before?.actual, r.actual);
          out.value(row, "単純値による職員数", before?.simple_reference, r.simpleReference);
          out.value(row, "修正値による職員数", before?.corrected_reference, r.correctedReference);
        }
      }
      break;
    }
    case "laspeyres": {
      const stored = new Map((await tenant.laspeyres.list()).map((r) => [`${r.fiscal_year}/${r.subject}`, r]));
      for (const r of parsed.result.records) out.value(`${r.fiscalYear}年度 ${r.label}`, "ラスパイレス指数", stored.get(`${r.fiscalYear}/${r.subject}`)?.value, r.value);
      break;
    }
    case "regression": {
      const stored = new Map((await tenant.regression.list()).map((r) => [`${r.fiscal_year}/${r.sector}`, r]));
      for (const r of parsed.result.records) {
        const before = stored.get(`${r.fiscalYear}/${r.sector}`);
        const row = `${r.fiscalYear}年度 ${r.sector === "ippan" ? "一般行政" : "普通会計"}`;
        out.value(row, "定数項", before?.constant, r.constant);
        out.value(row, "人口の係数", before?.population_coef, r.populationCoef);
        out.value(row, "面積の係数", before?.area_coef, r.areaCoef);
      }
      break;
    }
  }
  return out.result;
}
