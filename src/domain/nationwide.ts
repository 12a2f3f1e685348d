/**
 * Nationwide diagnosis: every municipality of MIC's roster diagnosed against its own group's averages, the
 * same rule as 図表10 (reference = average × population / 10,000 rounded; rate = excess / actual × 100).
 *
 * Group averages come from MIC's published table where it was imported. Where it was not, they are derived
 * from the roster itself, population-weighted as MIC does (Σ staff / Σ population × 10,000):
 * - 単純値 over every member of the group;
 * - 修正値 of a sector over the members that staff it; of a subtotal, the sum of its sectors' 修正値 (the seed's
 *   一般行政計 538 is the sum of its corrected rows). MIC builds its 修正値 from finer sub-sectors, so a derived
 *   修正値 can differ from the published one: prefer the imported table.
 */
import { COMPARED_CODES, isTotalCode, statedOrSumOfParts, sumOfParts } from "./comparison.js";
import { diagnoseAgainstReference, diagnoseSector, type SectorDiagnosis } from "./diagnosis.js";

/**
 * One municipality of MIC's roster (地方公共団体定員管理調査): its 団体コード, name, prefecture, similar group,
 * 住基人口 (人) and 職員数 (人) by comparison code.
 */
export interface RosterEntry {
  /** 団体コード (6 digits). */
  code: string;
  name: string;
  prefecture: string;
  /** Group key ("city:II-3"). */
  group: string;
  population: number;
  /** 職員数 by comparison code; subtotals may be missing (then added up from their parts). */
  staff: Readonly<Record<string, number>>;
  /**
   * The reference counts (人) MIC computed for this municipality by comparison code and basis, as its own 定員管理診断表
   * states them (図表10): the municipality's own row uses them, so it shows what 図表10 shows (issue 13 point 4c).
   */
  references?: Readonly<Record<string, { simple: number | null; corrected: number | null }>>;
}

/**
 * A group's average 職員数 per 10,000 population (人/万人) for one sector: 単純値 (over all members) and 修正値 (over
 * the members that staff the sector), each null when unknown.
 */
export interface GroupAverage {
  simple: number | null;
  corrected: number | null;
  /** 団体数 the simple average covers. */
  members: number | null;
}

/** group key → comparison code → averages. */
export type AverageTable = Map<string, Map<string, GroupAverage>>;

/** Which average a diagnosis is made against: 単純値 ("simple") or 修正値 ("corrected"), as MIC's 診断表 prints both. */
export type Basis = "simple" | "corrected";

/** A member's staff (人) in a sector or subtotal (statedOrSumOfParts); null when the roster says nothing about it. Never throws. */
export function staffOf(entry: RosterEntry, code: string): number | null {
  return statedOrSumOfParts(code, entry.staff);
}

/**
 * A group's Σ 住基人口 (人) and Σ 職員数 (人) of the sectors `codes` over `members` (the roster entries of one group):
 * the total row of 図表8 when MIC's table gives none. A sector's Σ is null unless every member's figure is known
 * (staffOf: stated, or a subtotal from its parts): a total over some members is not the group's. Whether the roster
 * holds every member is the caller's question. Never throws.
 * @returns members: how many were added up; staff: Σ 職員数 by code (null: some member's figure is unknown)
 */
export function rosterGroupTotal<C extends string>(members: readonly RosterEntry[], codes: readonly C[]): { members: number; population: number; staff: Record<C, number | null> } {
  const staff = {} as Record<C, number | null>;
  for (const code of codes) {
    const values = members.map((m) => staffOf(m, code));
    staff[code] = values.every((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
  }
  return { members: members.length, population: members.reduce((s, m) => s + m.population, 0), staff };
}

/** Averages per 10,000 of every group in the roster, for the compared sectors and subtotals. */
export function averagesFromRoster(entries: readonly RosterEntry[], codes: readonly string[] = COMPARED_CODES): AverageTable {
  const byGroup = new Map<string, RosterEntry[]>();
  for (const e of entries) {
    const list = byGroup.get(e.group);
    if (list) list.push(e);
    else byGroup.set(e.group, [e]);
  }
  const table: AverageTable = new Map();
  for (const [group, members] of byGroup) {
    const sectors = new Map<string, GroupAverage>();
    const population = members.reduce((s, m) => s + m.population, 0);
    for (const code of codes) {
      if (isTotalCode(code)) continue;
      let staff = 0;
      let staffedStaff = 0;
      let staffedPopulation = 0;
      let known = 0;
      for (const m of members) {
        const value = staffOf(m, code);
        if (value === null) continue;
        known += 1;
        staff += value;
        if (value > 0) {
          staffedStaff += value;
          staffedPopulation += m.population;
        }
      }
      sectors.set(code, {
        simple: known > 0 && population > 0 ? (staff / population) * 10000 : null,
        corrected: staffedPopulation > 0 ? (staffedStaff / staffedPopulation) * 10000 : null,
        members: known,
      });
    }
    for (const code of codes) {
      if (!isTotalCode(code)) continue;
      const values = members.map((m) => staffOf(m, code)).filter((v): v is number => v !== null);
      sectors.set(code, {
        simple: values.length > 0 && population > 0 ? (values.reduce((s, v) => s + v, 0) / population) * 10000 : null,
        corrected: sumOfParts(code, new Map([...sectors].map(([c, a]) => [c, a.corrected]))),
        members: values.length,
      });
    }
    table.set(group, sectors);
  }
  return table;
}

/** The imported averages, completed with derived ones wherever the import has no figure. */
export function mergeAverages(imported: AverageTable, derived: AverageTable): AverageTable {
  const merged: AverageTable = new Map();
  for (const group of new Set([...imported.keys(), ...derived.keys()])) {
    const a = imported.get(group);
    const b = derived.get(group);
    const sectors = new Map<string, GroupAverage>();
    for (const code of new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])) {
      const x = a?.get(code);
      const y = b?.get(code);
      sectors.set(code, {
        simple: x?.simple ?? y?.simple ?? null,
        corrected: x?.corrected ?? y?.corrected ?? null,
        members: x?.members ?? y?.members ?? null,
      });
    }
    merged.set(group, sectors);
  }
  return merged;
}

/**
 * One municipality of the nationwide diagnosis (diagnoseAll): its roster entry and each compared sector's diagnosis
 * against its own group's averages (the 図表10 rule).
 */
export interface NationwideRow {
  entry: RosterEntry;
  /** By comparison code (COMPARED_CODES); null when the member's staff or the group's average is unknown, or the rate is undefined. */
  cells: Map<string, SectorDiagnosis | null>;
}

/** Diagnoses every entry against its group's averages on the chosen basis; a reference count the entry states (its own 診断表) comes first. */
export function diagnoseAll(entries: readonly RosterEntry[], averages: AverageTable, basis: Basis, codes: readonly string[] = COMPARED_CODES): NationwideRow[] {
  return entries.map((entry) => {
    const group = averages.get(entry.group);
    const cells = new Map<string, SectorDiagnosis | null>();
    for (const code of codes) {
      const actual = staffOf(entry, code);
      const stated = entry.references?.[code]?.[basis] ?? null;
      if (actual !== null && stated !== null) {
        cells.set(code, diagnoseAgainstReference(actual, stated));
        continue;
      }
      const average = group?.get(code)?.[basis] ?? null;
      cells.set(code, actual === null || average === null || !(entry.population > 0) ? null : diagnoseSector(actual, average, entry.population));
    }
    return { entry, cells };
  });
}
