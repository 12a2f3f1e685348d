/**
 * 全国診断 (nationwide mode): every municipality of the imported roster diagnosed against its own group's averages
 * in one go, then filtered (都道府県, 類型), sorted and paged for the page, or written out whole as xlsx / CSV.
 */
import type { TenantDb } from "../../db/tenant.js";
import { COMPARED_CODES, comparisonName, groupLabel, groupShortLabel } from "../../domain/comparison.js";
import type { SectorDiagnosis } from "../../domain/diagnosis.js";
import { GyokakuError } from "../../domain/errors.js";
import { combinedAverages, rosterEntries } from "../../domain/group-averages.js";
import { type Basis, diagnoseAll, type RosterEntry, staffOf } from "../../domain/nationwide.js";
import { PREFECTURES } from "../../domain/prefecture.js";
import { type ExportedFile, tableFile } from "../../io/table-file.js";
import type { TextEncodingName } from "../../io/text-encoding.js";
import { ownGroup, type OwnMunicipality, ownPopulation, ownStaffBySector, type OwnStaffBySectorDb } from "./own-figures.js";

export const NATIONWIDE_PAGE_SIZE = 50;

export const BASIS_LABELS: Record<Basis, string> = { simple: "単純値", corrected: "修正値" };

/** Keys the table sorts by: the member's own columns, or a sector (its excess rate, or a measure when one sector is shown). */
export const BASE_SORT_KEYS = ["code", "name", "prefecture", "group", "population"] as const;
export const MEASURES = ["actual", "reference", "excess", "rate"] as const;
export type Measure = (typeof MEASURES)[number];

export interface NationwideQuery {
  fiscalYear?: number;
  basis: Basis;
  /** 都道府県コード "01" … "47". */
  prefecture?: string;
  /** Group key. */
  group?: string;
  /** One sector shown in detail (actual, reference, excess, rate); all sectors' rates when absent. */
  sector?: string;
  sort: string;
  dir: "asc" | "desc";
  page: number;
}

export interface NationwideCell {
  actual: number | null;
  reference: number | null;
  excess: number | null;
  /** NaN when the municipality has no staff in the sector. */
  rate: number | null;
}

export interface NationwideRowView {
  code: string;
  name: string;
  prefecture: string;
  groupKey: string;
  population: number;
  own: boolean;
  /** By comparison code. */
  cells: Record<string, NationwideCell | null>;
}

export interface NationwideView {
  fiscalYear: number | null;
  years: number[];
  query: NationwideQuery;
  /** Members after filtering. */
  total: number;
  /** Members in the roster of the year. */
  rosterSize: number;
  page: number;
  pageCount: number;
  rows: NationwideRowView[];
  /** The page the user's own municipality is on (after filtering and sorting); null when filtered out or absent. */
  ownPage: number | null;
  groups: { key: string; label: string; members: number }[];
  prefectures: { code: string; name: string }[];
  /** Groups whose averages are missing (neither imported nor derivable from a complete roster). */
  missingAverages: string[];
  /** Groups whose averages were derived from the roster. */
  derivedAverages: string[];
  /** Milliseconds spent diagnosing (the pure rule, without reading). */
  diagnoseMs: number;
}

function checkQuery(query: NationwideQuery): void {
  if (query.prefecture !== undefined && !PREFECTURES.some((p) => p.code === query.prefecture)) {
    throw new GyokakuError("invalid_input", `都道府県が不正です: ${query.prefecture}`);
  }
  if (query.sector !== undefined && !COMPARED_CODES.includes(query.sector)) throw new GyokakuError("invalid_input", `部門が不正です: ${query.sector}`);
  const sortable = [...BASE_SORT_KEYS, ...COMPARED_CODES, ...(query.sector ? MEASURES : [])] as readonly string[];
  if (!sortable.includes(query.sort)) throw new GyokakuError("invalid_input", `並べ替えの項目が不正です: ${query.sort}`);
}

function cellOf(actual: number | null, diagnosis: SectorDiagnosis | null): NationwideCell | null {
  if (actual === null && diagnosis === null) return null;
  return { actual, reference: diagnosis?.reference ?? null, excess: diagnosis?.excess ?? null, rate: diagnosis ? diagnosis.rate : null };
}

/** null, NaN and missing sort last in either direction. */
function sortValue(row: NationwideRowView, key: string, sector: string | undefined): string | number | null {
  switch (key) {
    case "code":
      return row.code;
    case "name":
      return row.name;
    case "prefecture":
      return row.code.slice(0, 2);
    case "group":
      return row.groupKey;
    case "population":
      return row.population;
    default: {
      const measure = (MEASURES as readonly string[]).includes(key) ? (key as Measure) : "rate";
      const cell = row.cells[(MEASURES as readonly string[]).includes(key) ? (sector ?? "") : key];
      const value = cell?.[measure] ?? null;
      return value === null || Number.isNaN(value) ? null : value;
    }
  }
}

/** What withOwnFigures reads and writes of the municipality's repositories (a type error to reach another). */
export type WithOwnFiguresDb = OwnStaffBySectorDb & Pick<TenantDb, "comparisonProfiles" | "populations">;

/**
 * The roster with the municipality's own row taken from the one source of its own figures (ownStaffBySector:
 * its 診断表, then the roster, then the headcounts by sector) and the reference counts its 診断表 states, so this page
 * and 図表10 show the same numbers (issue 13 point 4c). The own row is added when the roster lacks it and its group and population are known.
 */
async function withOwnFigures(tenant: WithOwnFiguresDb, own: OwnMunicipality, fiscalYear: number, entries: RosterEntry[]): Promise<RosterEntry[]> {
  const [{ staff }, diagnosis] = await Promise.all([ownStaffBySector(tenant, own, fiscalYear), tenant.ownDiagnosis.list([fiscalYear])]);
  if (staff.size === 0) return entries;
  const figures = Object.fromEntries(staff);
  // The reference counts of its own 診断表, so the own row shows 図表10's figures even where the group's averages lack a sector.
  const stated = diagnosis.filter((d) => d.simple_reference !== null || d.corrected_reference !== null);
  const references = Object.fromEntries(stated.map((d) => [d.sector, { simple: d.simple_reference, corrected: d.corrected_reference }]));
  const withReferences = stated.length > 0 ? { references } : {};
  const index = entries.findIndex((e) => e.code === own.code);
  const existing = entries[index];
  if (existing) return entries.map((e, i) => (i === index ? { ...existing, staff: figures, ...withReferences } : e));
  const [group, population] = await Promise.all([ownGroup(tenant, own, fiscalYear), ownPopulation(tenant, own, fiscalYear)]);
  const prefecture = PREFECTURES.find((p) => p.code === own.code.slice(0, 2))?.name;
  if (group === null || population.population === null || !prefecture) return entries;
  return [...entries, { code: own.code, name: own.name, prefecture, group, population: population.population, staff: figures, ...withReferences }];
}

/** What diagnoseNationwide reads and writes of the municipality's repositories (a type error to reach another). */
export type DiagnoseNationwideDb = WithOwnFiguresDb & Pick<TenantDb, "groupAverages">;

/** Every member of the year's roster, diagnosed, filtered and sorted (not paged). */
export async function diagnoseNationwide(tenant: DiagnoseNationwideDb, own: OwnMunicipality, query: NationwideQuery): Promise<Omit<NationwideView, "page" | "pageCount" | "rows" | "ownPage"> & { all: NationwideRowView[] }> {
  checkQuery(query);
  const years = await tenant.roster.years();
  const fy = query.fiscalYear ?? years[years.length - 1] ?? null;
  const base = { years, query, groups: [], prefectures: [], missingAverages: [], derivedAverages: [], diagnoseMs: 0 };
  if (fy === null) return { ...base, fiscalYear: null, total: 0, rosterSize: 0, all: [] };
  const [rows, staff, imported] = await Promise.all([tenant.roster.list(fy), tenant.roster.listStaff(fy), tenant.groupAverages.list(fy)]);
  const entries = await withOwnFigures(tenant, own, fy, rosterEntries(rows, staff));
  const started = performance.now();
  const averages = combinedAverages(imported, entries);
  const diagnosed = diagnoseAll(entries, averages.table, query.basis);
  const diagnoseMs = performance.now() - started;

  const groupCounts = new Map<string, number>();
  for (const e of entries) groupCounts.set(e.group, (groupCounts.get(e.group) ?? 0) + 1);
  const all: NationwideRowView[] = [];
  for (const { entry, cells } of diagnosed) {
    if (query.prefecture !== undefined && entry.code.slice(0, 2) !== query.prefecture) continue;
    if (query.group !== undefined && entry.group !== query.group) continue;
    const view: Record<string, NationwideCell | null> = {};
    for (const code of COMPARED_CODES) view[code] = cellOf(staffOf(entry, code), cells.get(code) ?? null);
    all.push({ code: entry.code, name: entry.name, prefecture: entry.prefecture, groupKey: entry.group, population: entry.population, own: entry.code === own.code, cells: view });
  }
  const factor = query.dir === "desc" ? -1 : 1;
  all.sort((a, b) => {
    const x = sortValue(a, query.sort, query.sector);
    const y = sortValue(b, query.sort, query.sector);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "ja");
    return order * factor || a.code.localeCompare(b.code);
  });
  const missing = [...new Set(entries.map((e) => e.group))].filter((g) => !averages.table.has(g) || averages.incomplete.has(g));
  return {
    ...base,
    fiscalYear: fy,
    total: all.length,
    rosterSize: entries.length,
    all,
    groups: [...groupCounts].map(([key, members]) => ({ key, label: groupLabel(key), members })).sort((a, b) => a.key.localeCompare(b.key)),
    prefectures: PREFECTURES.filter((p) => entries.some((e) => e.code.startsWith(p.code))).map((p) => ({ code: p.code, name: p.name })),
    missingAverages: missing.map(groupLabel),
    derivedAverages: [...averages.derived].map(groupLabel),
    diagnoseMs,
  };
}

export async function nationwideView(tenant: DiagnoseNationwideDb, own: OwnMunicipality, query: NationwideQuery): Promise<NationwideView> {
  const { all, ...rest } = await diagnoseNationwide(tenant, own, query);
  const pageCount = Math.max(1, Math.ceil(all.length / NATIONWIDE_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const ownIndex = all.findIndex((r) => r.own);
  return {
    ...rest,
    page,
    pageCount,
    rows: all.slice((page - 1) * NATIONWIDE_PAGE_SIZE, page * NATIONWIDE_PAGE_SIZE),
    ownPage: ownIndex < 0 ? null : Math.floor(ownIndex / NATIONWIDE_PAGE_SIZE) + 1,
  };
}

/** The whole filtered, sorted table as rows for a spreadsheet: every compared sector's staff, reference, excess and rate. */
export function nationwideRows(rows: readonly NationwideRowView[], basis: Basis, sector?: string): (string | number | null)[][] {
  const sectors = sector ? [sector] : COMPARED_CODES;
  const header: (string | number | null)[] = ["本市", "団体コード", "都道府県", "団体名", "類型", "住基人口"];
  for (const code of sectors) {
    const name = comparisonName(code);
    header.push(`${name} 職員数`, `${name} ${BASIS_LABELS[basis]}による職員数`, `${name} 超過数`, `${name} 超過率(%)`);
  }
  const out: (string | number | null)[][] = [header];
  for (const r of rows) {
    const line: (string | number | null)[] = [r.own ? "○" : "", r.code, r.prefecture, r.name, groupShortLabel(r.groupKey), r.population];
    for (const code of sectors) {
      const c = r.cells[code];
      line.push(c?.actual ?? null, c?.reference ?? null, c?.excess ?? null, c?.rate === null || c?.rate === undefined || Number.isNaN(c.rate) ? null : c.rate);
    }
    out.push(line);
  }
  return out;
}

export async function exportNationwide(
  tenant: DiagnoseNationwideDb,
  own: OwnMunicipality,
  query: NationwideQuery,
  kind: "xlsx" | "csv",
  encoding: TextEncodingName = "utf-8",
): Promise<ExportedFile> {
  const { all, fiscalYear } = await diagnoseNationwide(tenant, own, query);
  if (fiscalYear === null) throw new GyokakuError("not_found", "団体別職員数(名簿)が取り込まれていません");
  const rows = nationwideRows(all, query.basis, query.sector);
  const base = `nationwide-diagnosis-${fiscalYear}-${query.basis}`;
  return tableFile(base, `全国診断(${BASIS_LABELS[query.basis]})`, rows, null, { format: kind, encoding, columnWidths: [6, 10, 10, 14, 10, 12] });
}
