/**
 * 類似団体比較: the municipality's classification (図表7), its peers (図表8), its 定員管理診断表 (図表10), the
 * ラスパイレス指数 history (図表9) and the 定員回帰指標, built from what was imported. Reads through the tenant's
 * repositories only; the rules live in src/domain.
 */
import type { ComparisonGroupAverageRow, ComparisonRosterRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { comparisonName, groupKey, groupLabel, parseGroupKey, TOTAL_PARTS } from "../domain/comparison.js";
import { buildDiagnosisTable, type DiagnosisTableRow, type ReferencePair } from "../domain/diagnosis-table.js";
import { GyokakuError } from "../domain/errors.js";
import { isValidMunicipalityCode, normalizeMunicipalityCode } from "../domain/municipality-code.js";
import { type AverageTable, averagesFromRoster, type GroupAverage, mergeAverages, type RosterEntry } from "../domain/nationwide.js";
import { existsIn } from "../domain/organisation.js";
import { per10k, populationReferenceDate, roundHalfUp } from "../domain/population.js";
import { regressionEstimate, regressionIndex } from "../domain/regression.js";
import { type Actor, canAdminister } from "../domain/roles.js";
import { classifySimilarGroup, describeGroup, type MunicipalityKind } from "../domain/similar-group.js";
import { unitTotalsForYear } from "../domain/staffing.js";
import { recordChange } from "./audit.js";
import { loadStaffing } from "./staffing.js";

/** Settings key of the chosen peers of 図表8: a JSON array of 団体コード, in the order shown. */
export const PEERS_SETTING = "comparison.peers";

export const MUNICIPALITY_KINDS: readonly MunicipalityKind[] = ["city", "town", "designated", "core", "former-special", "ward"];

function isKind(value: string): value is MunicipalityKind {
  return (MUNICIPALITY_KINDS as readonly string[]).includes(value);
}

/** Whose municipality a view is for: its 団体コード marks its own row in rosters. */
export interface Own {
  code: string;
  name: string;
}

// ---------------------------------------------------------------------------
// Shared readings

export interface ComparisonYears {
  profile: number[];
  averages: number[];
  roster: number[];
  diagnosis: number[];
  laspeyres: number[];
  regression: number[];
}

export async function comparisonYears(tenant: TenantDb): Promise<ComparisonYears> {
  const [profile, averages, roster, diagnosis, laspeyres, regression] = await Promise.all([
    tenant.comparisonProfiles.list(),
    tenant.groupAverages.years(),
    tenant.roster.years(),
    tenant.ownDiagnosis.years(),
    tenant.laspeyres.list(),
    tenant.regression.list(),
  ]);
  const distinct = (years: number[]) => [...new Set(years)].sort((a, b) => a - b);
  return {
    profile: profile.map((p) => p.fiscal_year),
    averages,
    roster,
    diagnosis,
    laspeyres: distinct(laspeyres.map((l) => l.fiscal_year)),
    regression: distinct(regression.map((r) => r.fiscal_year)),
  };
}

function latest(...lists: number[][]): number | null {
  const all = lists.flat();
  return all.length === 0 ? null : Math.max(...all);
}

export function rosterEntries(rows: readonly ComparisonRosterRow[], staff: readonly { code: string; sector: string; staff: number }[]): RosterEntry[] {
  const byCode = new Map<string, Record<string, number>>();
  for (const s of staff) {
    const record = byCode.get(s.code) ?? {};
    record[s.sector] = s.staff;
    byCode.set(s.code, record);
  }
  return rows.map((r) => ({ code: r.code, name: r.name, prefecture: r.prefecture, group: r.group_key, population: r.population, staff: byCode.get(r.code) ?? {} }));
}

/** MIC's averages as imported: the 単純値 falls back to Σ staff / Σ population when only those were given (図表8's total row). */
export function importedAverages(rows: readonly ComparisonGroupAverageRow[]): AverageTable {
  const table: AverageTable = new Map();
  for (const r of rows) {
    const simple = r.simple_per10k ?? (r.staff !== null && r.population ? per10k(r.staff, r.population) : null);
    const group = table.get(r.group_key) ?? new Map<string, GroupAverage>();
    group.set(r.sector, { simple, corrected: r.corrected_per10k, members: r.members });
    table.set(r.group_key, group);
  }
  return table;
}

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
export function combinedAverages(imported: readonly ComparisonGroupAverageRow[], entries: readonly RosterEntry[]): AverageSources {
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

/**
 * 職員数 by sector from the recorded headcounts and each unit's MIC sector (図表11): the highest unit of every branch
 * that carries a sector counts with all it contains. Empty when no unit is mapped or nothing is recorded.
 */
export async function sectorStaffFromHeadcounts(tenant: TenantDb, fiscalYear: number): Promise<Map<string, number>> {
  const data = await loadStaffing(tenant, { from: fiscalYear, to: fiscalYear });
  const totals = unitTotalsForYear(data.units, data.records, fiscalYear);
  const byId = new Map(data.unitRows.map((u) => [u.id, u]));
  const result = new Map<string, number>();
  for (const row of data.unitRows) {
    if (!row.sector) continue;
    const unit = data.units.find((u) => u.id === row.id);
    if (!unit || !existsIn(unit, fiscalYear)) continue;
    let parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    let covered = false;
    while (parent) {
      if (parent.sector) covered = true;
      parent = parent.parent_id === null ? undefined : byId.get(parent.parent_id);
    }
    const staff = totals.get(row.id)?.staff;
    if (covered || staff === null || staff === undefined) continue;
    result.set(row.sector, (result.get(row.sector) ?? 0) + staff);
  }
  return result;
}

export type ActualSource = "diagnosis" | "roster" | "headcounts";

export const ACTUAL_SOURCE_LABELS: Record<ActualSource, string> = {
  diagnosis: "定員管理診断表(取込)",
  roster: "団体別職員数(取込)",
  headcounts: "部局別職員数と部門の対応(図表11)からの集計",
};

/** The municipality's staff by sector in a year: its own 診断表 first, then MIC's roster, then the headcounts. */
async function ownActuals(tenant: TenantDb, own: Own, fiscalYear: number): Promise<{ staff: Map<string, number>; source: ActualSource | null }> {
  const diagnosis = await tenant.ownDiagnosis.list([fiscalYear]);
  const stated = diagnosis.filter((d) => d.actual !== null);
  if (stated.length > 0) return { staff: new Map(stated.map((d) => [d.sector, d.actual ?? 0])), source: "diagnosis" };
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  if (rosterRow) {
    const staff = await tenant.roster.listStaff(fiscalYear, [own.code]);
    if (staff.length > 0) return { staff: new Map(staff.map((s) => [s.sector, s.staff])), source: "roster" };
  }
  const fromUnits = await sectorStaffFromHeadcounts(tenant, fiscalYear);
  return fromUnits.size > 0 ? { staff: fromUnits, source: "headcounts" } : { staff: new Map(), source: null };
}

/** 住基人口 of the year: the classification inputs, then MIC's roster, then the population recorded for 定数管理. */
async function ownPopulation(tenant: TenantDb, own: Own, fiscalYear: number): Promise<{ population: number | null; source: string | null }> {
  const profile = await tenant.comparisonProfiles.get(fiscalYear);
  if (profile) return { population: profile.population, source: "類似団体区分の判定の入力" };
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  if (rosterRow) return { population: rosterRow.population, source: "団体別職員数(取込)" };
  const recorded = await tenant.populations.get(fiscalYear);
  return recorded ? { population: recorded.population, source: "定数管理の人口" } : { population: null, source: null };
}

/** The municipality's group in a year: from its classification inputs, else as MIC's roster lists it. */
async function ownGroup(tenant: TenantDb, own: Own, fiscalYear: number): Promise<string | null> {
  const profile = await tenant.comparisonProfiles.get(fiscalYear);
  if (profile && isKind(profile.kind)) {
    try {
      return groupOfProfile(profile.kind, profile.population, profile.secondary_percent, profile.tertiary_percent);
    } catch {
      // Inputs stored before a rule change can fail validation; the roster may still know the group.
    }
  }
  const [rosterRow] = await tenant.roster.list(fiscalYear, [own.code]);
  return rosterRow?.group_key ?? null;
}

function groupOfProfile(kind: MunicipalityKind, population: number, secondaryPercent: number, tertiaryPercent: number): string {
  const result = classifySimilarGroup({ kind, population, secondaryPercent, tertiaryPercent });
  return kind === "city" || kind === "town" ? groupKey({ kind, code: result }) : kind;
}

// ---------------------------------------------------------------------------
// 図表7 類似団体区分の判定

export interface ClassificationView {
  fiscalYear: number;
  /** Years with stored inputs. */
  years: number[];
  profile: {
    kind: MunicipalityKind;
    population: number;
    secondaryPercent: number;
    tertiaryPercent: number;
    industrialPercent: number;
    areaKm2: number | null;
    source: string;
  } | null;
  /** The group the inputs give ("city:II-3"); null without inputs. */
  groupKey: string | null;
  /** The type in words (一般市 and 町村 only). */
  description: string | null;
  /** The group MIC's roster gives this municipality in the same year, when imported. */
  rosterGroup: string | null;
}

/** `fiscalYear`: the year asked for; else the latest with inputs or a roster; else `currentYear`. */
export async function classificationView(tenant: TenantDb, own: Own, fiscalYear: number | undefined, currentYear: number): Promise<ClassificationView> {
  const profiles = await tenant.comparisonProfiles.list();
  const years = profiles.map((p) => p.fiscal_year);
  const fy = fiscalYear ?? years[years.length - 1] ?? latest(await tenant.roster.years()) ?? currentYear;
  const row = profiles.find((p) => p.fiscal_year === fy);
  const [rosterRow] = await tenant.roster.list(fy, [own.code]);
  let key: string | null = null;
  let description: string | null = null;
  const profile = row && isKind(row.kind)
    ? {
        kind: row.kind,
        population: row.population,
        secondaryPercent: row.secondary_percent,
        tertiaryPercent: row.tertiary_percent,
        industrialPercent: roundHalfUp(row.secondary_percent + row.tertiary_percent, 2),
        areaKm2: row.area_km2,
        source: row.source,
      }
    : null;
  if (profile) {
    try {
      key = groupOfProfile(profile.kind, profile.population, profile.secondaryPercent, profile.tertiaryPercent);
      const group = parseGroupKey(key);
      if (group.code !== null && (group.kind === "city" || group.kind === "town")) description = describeGroup(group.code, group.kind);
    } catch {
      key = null;
    }
  }
  return { fiscalYear: fy, years, profile, groupKey: key, description, rosterGroup: rosterRow?.group_key ?? null };
}

export interface ClassificationInput {
  fiscalYear: number;
  kind: string;
  population: number;
  secondaryPercent: number;
  tertiaryPercent: number;
  areaKm2: number | null;
  source: string;
}

/** Saves the inputs of a year after classifying them (a refused input is a clear message, nothing saved). */
export async function saveClassification(tenant: TenantDb, actor: Actor, input: ClassificationInput): Promise<string> {
  if (!canAdminister(actor)) throw new GyokakuError("forbidden", "類似団体区分の判定の入力を変更する権限がありません");
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 1868 || input.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${input.fiscalYear}`);
  if (!isKind(input.kind)) throw new GyokakuError("invalid_input", `団体の区分を選んでください: ${input.kind}`);
  if (input.areaKm2 !== null && !(input.areaKm2 > 0)) throw new GyokakuError("invalid_input", `面積は正の数で入力してください: ${input.areaKm2}`);
  let key: string;
  try {
    key = groupOfProfile(input.kind, input.population, input.secondaryPercent, input.tertiaryPercent);
  } catch (error) {
    throw new GyokakuError("invalid_input", error instanceof Error ? error.message : String(error));
  }
  return tenant.transaction(async (tx) => {
    const before = await tx.comparisonProfiles.get(input.fiscalYear);
    await tx.comparisonProfiles.upsert({ ...input, now: new Date().toISOString() });
    await recordChange(tx, actor, {
      action: before ? "update" : "create",
      entity: "comparison-profile",
      entityId: input.fiscalYear,
      summary: `類似団体区分の判定を保存: ${input.fiscalYear}年度 ${groupLabel(key)} (人口${input.population.toLocaleString("ja-JP")}、2次${input.secondaryPercent}%、3次${input.tertiaryPercent}%)`,
      before: before ? { kind: before.kind, population: before.population, secondaryPercent: before.secondary_percent, tertiaryPercent: before.tertiary_percent, areaKm2: before.area_km2 } : undefined,
      after: { kind: input.kind, population: input.population, secondaryPercent: input.secondaryPercent, tertiaryPercent: input.tertiaryPercent, areaKm2: input.areaKm2 },
    });
    return key;
  });
}

// ---------------------------------------------------------------------------
// 図表8 道内類似団体との職員数の比較

export interface PeerRow {
  code: string;
  name: string;
  prefecture: string;
  own: boolean;
  /** False when the code is not in the year's roster (the row shows blanks). */
  listed: boolean;
  groupKey: string | null;
  population: number | null;
  futsu: number | null;
  futsuPer10k: number | null;
  ippan: number | null;
  ippanPer10k: number | null;
}

export interface GroupTotalRow {
  groupKey: string;
  members: number | null;
  population: number | null;
  futsu: number | null;
  futsuPer10k: number | null;
  ippan: number | null;
  ippanPer10k: number | null;
  /** "imported": MIC's Σ as given; "roster": added up from the roster's members (all of them were imported). */
  source: "imported" | "roster";
}

export interface PeersView {
  fiscalYear: number | null;
  years: number[];
  codes: string[];
  rows: PeerRow[];
  group: GroupTotalRow | null;
  ownGroup: string | null;
  /** 住基人口 and staff dates (R6.1.1 / R6.4.1). */
  populationDate: string | null;
  staffDate: string | null;
}

const per10kOrNull = (staff: number | null, population: number | null) => (staff === null || population === null || population <= 0 ? null : per10k(staff, population));

export async function savedPeers(tenant: TenantDb): Promise<string[]> {
  const raw = await tenant.settings.get(PEERS_SETTING);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string" && isValidMunicipalityCode(c)) : [];
  } catch {
    return [];
  }
}

export async function peersView(tenant: TenantDb, own: Own, fiscalYear?: number): Promise<PeersView> {
  const years = await tenant.roster.years();
  const fy = fiscalYear ?? latest(years);
  const codes = await savedPeers(tenant);
  if (fy === null) return { fiscalYear: null, years, codes, rows: [], group: null, ownGroup: null, populationDate: null, staffDate: null };
  const listed = await tenant.roster.list(fy, codes);
  const staff = await tenant.roster.listStaff(fy, codes);
  const entries = new Map(rosterEntries(listed, staff).map((e) => [e.code, e]));
  const rows: PeerRow[] = codes.map((code) => {
    const e = entries.get(code);
    const futsu = e ? (e.staff["futsu"] ?? sumStaff(e, "futsu")) : null;
    const ippan = e ? (e.staff["ippan"] ?? sumStaff(e, "ippan")) : null;
    return {
      code,
      name: e?.name ?? "",
      prefecture: e?.prefecture ?? "",
      own: code === own.code,
      listed: e !== undefined,
      groupKey: e?.group ?? null,
      population: e?.population ?? null,
      futsu,
      futsuPer10k: per10kOrNull(futsu, e?.population ?? null),
      ippan,
      ippanPer10k: per10kOrNull(ippan, e?.population ?? null),
    };
  });
  const group = await ownGroup(tenant, own, fy);
  return {
    fiscalYear: fy,
    years,
    codes,
    rows,
    group: group === null ? null : await groupTotal(tenant, fy, group),
    ownGroup: group,
    populationDate: populationReferenceDate(fy),
    staffDate: `${fy}-04-01`,
  };
}

function sumStaff(entry: RosterEntry, code: "futsu" | "ippan"): number | null {
  const parts = TOTAL_PARTS[code].map((p) => entry.staff[p]);
  return parts.some((p) => p !== undefined) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
}

/** The group's Σ population and Σ staff: as MIC gives them, else from the roster when it holds every member. */
async function groupTotal(tenant: TenantDb, fiscalYear: number, group: string): Promise<GroupTotalRow | null> {
  const rows = await tenant.groupAverages.list(fiscalYear, group);
  const futsu = rows.find((r) => r.sector === "futsu");
  const ippan = rows.find((r) => r.sector === "ippan");
  if ((futsu?.staff ?? null) !== null || (ippan?.staff ?? null) !== null) {
    const population = futsu?.population ?? ippan?.population ?? null;
    return {
      groupKey: group,
      members: futsu?.members ?? ippan?.members ?? null,
      population,
      futsu: futsu?.staff ?? null,
      futsuPer10k: per10kOrNull(futsu?.staff ?? null, futsu?.population ?? population),
      ippan: ippan?.staff ?? null,
      ippanPer10k: per10kOrNull(ippan?.staff ?? null, ippan?.population ?? population),
      source: "imported",
    };
  }
  const members = rosterEntries(
    (await tenant.roster.list(fiscalYear)).filter((r) => r.group_key === group),
    await tenant.roster.listStaff(fiscalYear),
  ).filter((e) => e.group === group);
  const stated = rows.find((r) => r.members !== null)?.members ?? null;
  if (members.length === 0 || (stated !== null && members.length < stated) || (stated === null && rows.length > 0)) return null;
  const population = members.reduce((s, m) => s + m.population, 0);
  const sum = (code: "futsu" | "ippan") => {
    const values = members.map((m) => m.staff[code] ?? sumStaff(m, code));
    return values.every((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
  };
  const f = sum("futsu");
  const i = sum("ippan");
  return { groupKey: group, members: members.length, population, futsu: f, futsuPer10k: per10kOrNull(f, population), ippan: i, ippanPer10k: per10kOrNull(i, population), source: "roster" };
}

/** Saves the chosen peers from codes typed one per line or separated by commas and spaces. */
export async function savePeers(tenant: TenantDb, actor: Actor, text: string): Promise<string[]> {
  if (!canAdminister(actor)) throw new GyokakuError("forbidden", "比較する団体を変更する権限がありません");
  const tokens = text.normalize("NFKC").split(/[\s,、，]+/).filter((t) => t !== "");
  const codes: string[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    try {
      const code = normalizeMunicipalityCode(token);
      if (!codes.includes(code)) codes.push(code);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems: problems.map((message) => ({ message })) });
  if (codes.length > 100) throw new GyokakuError("invalid_input", `比較する団体は100団体までです (${codes.length}団体)`);
  await tenant.transaction(async (tx) => {
    const before = await savedPeers(tx);
    await tx.settings.set(PEERS_SETTING, JSON.stringify(codes));
    await recordChange(tx, actor, {
      action: "update",
      entity: "comparison-peers",
      entityId: "peers",
      summary: `比較する団体を保存: ${codes.length}団体`,
      before,
      after: codes,
    });
  });
  return codes;
}

// ---------------------------------------------------------------------------
// 図表10 定員管理診断表

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

export async function diagnosisView(tenant: TenantDb, own: Own, fiscalYear?: number): Promise<DiagnosisView> {
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
    ownActuals(tenant, own, fy),
    ownActuals(tenant, own, fy - 1),
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

// ---------------------------------------------------------------------------
// 図表9 ラスパイレス指数

export interface LaspeyresSeries {
  subject: string;
  label: string;
  values: (number | null)[];
}

export interface LaspeyresView {
  years: number[];
  series: LaspeyresSeries[];
}

const SUBJECT_ORDER = ["own", "group", "cities"];

export async function laspeyresView(tenant: TenantDb, own: Own): Promise<LaspeyresView> {
  const rows = await tenant.laspeyres.list();
  const years = [...new Set(rows.map((r) => r.fiscal_year))].sort((a, b) => a - b);
  const subjects = [...new Set(rows.map((r) => r.subject))].sort((a, b) => {
    const ia = SUBJECT_ORDER.indexOf(a);
    const ib = SUBJECT_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const series = subjects
    .filter((s) => s !== own.code)
    .map((subject) => ({
      subject,
      label: subject === "own" ? own.name : (rows.find((r) => r.subject === subject)?.label ?? subject),
      values: years.map((y) => rows.find((r) => r.subject === subject && r.fiscal_year === y)?.value ?? null),
    }));
  return { years, series };
}

// ---------------------------------------------------------------------------
// 定員回帰指標

export interface RegressionRowView {
  fiscalYear: number;
  sector: string;
  sectorName: string;
  constant: number;
  populationCoef: number;
  areaCoef: number;
  population: number | null;
  areaKm2: number | null;
  actual: number | null;
  estimate: number | null;
  index: number | null;
  /** What is missing to compute the index, in Japanese. */
  missing: string[];
}

export async function regressionView(tenant: TenantDb, own: Own): Promise<RegressionRowView[]> {
  const coefficients = await tenant.regression.list();
  const out: RegressionRowView[] = [];
  for (const c of coefficients) {
    const [actuals, population, profile] = await Promise.all([ownActuals(tenant, own, c.fiscal_year), ownPopulation(tenant, own, c.fiscal_year), tenant.comparisonProfiles.get(c.fiscal_year)]);
    const stated = actuals.staff.get(c.sector);
    const actual = stated ?? (c.sector === "futsu" || c.sector === "ippan" ? sumParts(actuals.staff, c.sector) : null);
    const area = profile?.area_km2 ?? (await tenant.roster.list(c.fiscal_year, [own.code]))[0]?.area_km2 ?? null;
    const missing = [
      population.population === null ? "住基人口" : null,
      area === null ? "面積(類似団体区分の判定で入力)" : null,
      actual === null ? `${comparisonName(c.sector)}の職員数` : null,
    ].filter((m): m is string => m !== null);
    let estimate: number | null = null;
    let index: number | null = null;
    if (population.population !== null && area !== null) {
      estimate = regressionEstimate({ constant: c.constant, population: c.population_coef, area: c.area_coef }, population.population, area);
      if (actual !== null && estimate > 0) index = regressionIndex(actual, estimate);
      else if (estimate <= 0) missing.push("正の推計職員数 (係数を確認してください)");
    }
    out.push({
      fiscalYear: c.fiscal_year,
      sector: c.sector,
      sectorName: comparisonName(c.sector),
      constant: c.constant,
      populationCoef: c.population_coef,
      areaCoef: c.area_coef,
      population: population.population,
      areaKm2: area,
      actual,
      estimate,
      index,
      missing,
    });
  }
  return out;
}

function sumParts(staff: ReadonlyMap<string, number>, code: "futsu" | "ippan"): number | null {
  const parts = TOTAL_PARTS[code].map((p) => staff.get(p));
  return parts.some((p) => p !== undefined) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
}

