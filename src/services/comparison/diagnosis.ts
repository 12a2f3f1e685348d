/** 図表10 定員管理診断表: the municipality's staff by sector against its group's reference counts. */
import type { TenantDb } from "../../db/tenant.js";
import { buildDiagnosisTable, type DiagnosisTableRow, type ReferencePair } from "../../domain/diagnosis-table.js";
import { combinedAverages, rosterEntries } from "../../domain/group-averages.js";
import type { GroupAverage } from "../../domain/nationwide.js";
import { type ActualSource, comparisonYears, latest, ownGroup, type OwnMunicipality, ownPopulation, ownStaffBySector, type ComparisonYearsDb, type OwnStaffBySectorDb } from "./own-figures.js";

export interface DiagnosisView {
  fiscalYear: number | null;
  previousYear: number | null;
  years: number[];
  rows: DiagnosisTableRow[];
  population: number | null;
  populationSource: string | null;
  groupKey: string | null;
  currentSource: ActualSource | null;
  previousSource: ActualSource | null;
  /** How the reference counts came about: given by MIC's table, computed from averages, or both. */
  referenceSources: ("given" | "average")[];
  /** Averages were derived from the imported roster (no MIC table for the group). */
  derivedAverages: boolean;
  /** The group's 単純値 average of 普通会計 per 10,000 (図表8's 65.53), when known. */
  futsuAverage: number | null;
}

/** What diagnosisView reads and writes of the municipality's repositories (a type error to reach another). */
export type DiagnosisViewDb = ComparisonYearsDb & OwnStaffBySectorDb & Pick<TenantDb, "populations">;

export async function diagnosisView(tenant: DiagnosisViewDb, own: OwnMunicipality, fiscalYear?: number): Promise<DiagnosisView> {
  const years = await comparisonYears(tenant);
  const candidates = [...new Set([...years.diagnosis, ...years.averages, ...years.roster])].sort((a, b) => a - b);
  const fy = fiscalYear ?? latest(years.diagnosis.filter((y) => candidates.includes(y)), candidates);
  const empty: DiagnosisView = {
    fiscalYear: fy,
    previousYear: fy === null ? null : fy - 1,
    years: candidates,
    rows: [],
    population: null,
    populationSource: null,
    groupKey: null,
    currentSource: null,
    previousSource: null,
    referenceSources: [],
    derivedAverages: false,
    futsuAverage: null,
  };
  if (fy === null) return empty;
  const [current, previous, stored, population, group] = await Promise.all([
    ownStaffBySector(tenant, own, fy),
    ownStaffBySector(tenant, own, fy - 1),
    tenant.ownDiagnosis.list([fy]),
    ownPopulation(tenant, own, fy),
    ownGroup(tenant, own, fy),
  ]);
  const given = new Map<string, ReferencePair>(stored.map((d) => [d.sector, { simple: d.simple_reference, corrected: d.corrected_reference }]));
  let averages = new Map<string, ReferencePair>();
  let derivedAverages = false;
  if (group !== null) {
    const [imported, rosterRows, rosterStaff] = await Promise.all([tenant.groupAverages.list(fy, group), tenant.roster.list(fy), tenant.roster.listStaff(fy)]);
    const sources = combinedAverages(imported, rosterEntries(rosterRows.filter((r) => r.group_key === group), rosterStaff).filter((e) => e.group === group));
    averages = new Map([...(sources.table.get(group) ?? new Map<string, GroupAverage>())].map(([code, a]) => [code, { simple: a.simple, corrected: a.corrected }]));
    derivedAverages = sources.derived.has(group);
  }
  const built = buildDiagnosisTable({ previous: previous.staff, current: current.staff, given, averages, population: population.population });
  // Figures of different sources (MIC's survey, the headcounts of 図表4) count different people: no change between them.
  const comparable = current.source === previous.source;
  const rows = comparable ? built : built.map((r) => ({ ...r, change: null }));
  const referenceSources = [...new Set(rows.flatMap((r) => [r.simple?.source, r.corrected?.source]).filter((s): s is "given" | "average" => s !== undefined))];
  return {
    ...empty,
    rows: current.source === null && previous.source === null ? [] : rows,
    population: population.population,
    populationSource: population.source,
    groupKey: group,
    currentSource: current.source,
    previousSource: previous.source,
    referenceSources,
    derivedAverages,
    futsuAverage: averages.get("futsu")?.simple ?? null,
  };
}
