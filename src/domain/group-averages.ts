/**
 * 類似団体の平均 (group averages per 10,000 residents): MIC's table as imported, completed from MIC's roster where the
 * roster holds every member of a group. Pure: the rows come in, the table goes out.
 */
import { type AverageTable, averagesFromRoster, type GroupAverage, mergeAverages, type RosterEntry } from "./nationwide.js";
import { per10k } from "./population.js";

/** A roster line as imported (総務省「地方公共団体定員管理調査」団体別): 団体コード, its group and 住基人口 (人). */
export interface RosterLine {
  code: string;
  name: string;
  prefecture: string;
  group_key: string;
  population: number;
}

/** One row of MIC's 類似団体別職員数の状況 as imported: per group and comparison code, Σ (人) and averages (人 per 10,000). */
export interface StatedGroupAverage {
  group_key: string;
  sector: string;
  members: number | null;
  population: number | null;
  staff: number | null;
  simple_per10k: number | null;
  corrected_per10k: number | null;
}

/**
 * The roster's lines joined with their 職員数 by comparison code (人).
 * @returns one entry per line, in the roster's order; a member with no staff rows has an empty record.
 */
export function rosterEntries(rows: readonly RosterLine[], staff: readonly { code: string; sector: string; staff: number }[]): RosterEntry[] {
  const byCode = new Map<string, Record<string, number>>();
  for (const s of staff) {
    const record = byCode.get(s.code) ?? {};
    record[s.sector] = s.staff;
    byCode.set(s.code, record);
  }
  return rows.map((r) => ({ code: r.code, name: r.name, prefecture: r.prefecture, group: r.group_key, population: r.population, staff: byCode.get(r.code) ?? {} }));
}

/** MIC's averages as imported: the 単純値 falls back to Σ staff / Σ population when only those were given (図表8's total row). */
export function importedAverages(rows: readonly StatedGroupAverage[]): AverageTable {
  const table: AverageTable = new Map();
  for (const r of rows) {
    const simple = r.simple_per10k ?? (r.staff !== null && r.population ? per10k(r.staff, r.population) : null);
    const group = table.get(r.group_key) ?? new Map<string, GroupAverage>();
    group.set(r.sector, { simple, corrected: r.corrected_per10k, members: r.members });
    table.set(r.group_key, group);
  }
  return table;
}

/**
 * The averages per 10,000 population (人/万人) each group's diagnosis uses, and where they came from: imported from
 * MIC's table, derived from the roster (`derived`), or missing because the roster holds only some of a group's members.
 */
export interface AverageSources {
  table: AverageTable;
  /** Groups whose averages were (partly) derived from the roster. */
  derived: Set<string>;
  /** Groups of the roster with no imported averages that were not derived either (the roster holds only some members). */
  incomplete: Set<string>;
}

/**
 * Imported averages, completed from the roster for groups whose members the roster holds in full: as many as MIC's
 * table counts, or — for a group not in the table — at least two. A roster of five peers must not pass for a group of 107.
 */
export function combinedAverages(imported: readonly StatedGroupAverage[], entries: readonly RosterEntry[]): AverageSources {
  const table = importedAverages(imported);
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.group, (counts.get(e.group) ?? 0) + 1);
  const stated = new Map<string, number>();
  for (const r of imported) if (r.members !== null) stated.set(r.group_key, Math.max(stated.get(r.group_key) ?? 0, r.members));
  const usable: AverageTable = new Map();
  const derivedGroups = new Set<string>();
  const incomplete = new Set<string>();
  for (const [group, sectors] of averagesFromRoster(entries)) {
    const members = stated.get(group);
    // Without MIC's member count, a group seen only once cannot be told from a partial roster (and would be its own average).
    const complete = members === undefined ? !table.has(group) && (counts.get(group) ?? 0) >= 2 : (counts.get(group) ?? 0) >= members;
    if (!complete) {
      if (!table.has(group)) incomplete.add(group);
      continue;
    }
    usable.set(group, sectors);
    const have = table.get(group);
    if ([...sectors.keys()].some((code) => have?.get(code)?.simple == null || have.get(code)?.corrected == null)) derivedGroups.add(group);
  }
  return { table: mergeAverages(table, usable), derived: derivedGroups, incomplete };
}
