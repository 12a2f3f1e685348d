/**
 * Read models of the 業務改革 pages: what each page shows, gathered from the reform services and repositories.
 * Nothing here writes or decides a rule; the rules live in domain/reform.ts and services/reform/.
 */
import type { ReformEditionRow, ReformIndicatorRow, ReformIndicatorValueRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { ERAS, formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import type { ReadValues } from "../domain/read-values.js";
import { achievementRatio, type PlanCell, planYears, resolvePlanRow, UPDATE_STATUSES, type UpdateStatus } from "../domain/reform.js";
import { type Actor, canWriteAnyUnit } from "../domain/roles.js";
import { type EditionSummary, editionSummary } from "./reform/editions.js";
import { reformStatusSummary } from "./reform/status.js";
import type { StatusSummary } from "../domain/reform-status.js";
import { indicatorReadValues } from "./reform/indicators.js";
import { itemRevisions } from "./reform/items.js";
import { editionItems, getItem, type ItemView } from "./reform/read-model.js";
import { presentRound, type RoundView } from "./reform/rounds.js";
import { evaluationsOf, presentVerification, type VerificationView } from "./reform/verification.js";
import { storedStrings } from "./stored-shapes.js";

export interface EditionRef {
  id: number;
  fiscalYear: number;
  title: string;
}

function editionRef(row: ReformEditionRow): EditionRef {
  return { id: row.id, fiscalYear: row.fiscal_year, title: row.title };
}

export async function reformEditions(tenant: Pick<TenantDb, "reformEditions">): Promise<EditionRef[]> {
  return (await tenant.reformEditions.list()).map(editionRef);
}

/** The newest edition's year, or null when none exists yet. */
export async function latestEditionYear(tenant: Pick<TenantDb, "reformEditions">): Promise<number | null> {
  const editions = await tenant.reformEditions.list();
  return editions[editions.length - 1]?.fiscal_year ?? null;
}

/** "R4", "H31": the letter form the seed's 図表2 uses for periods (R4～R7). */
export function eraLetterYear(fy: number): string {
  let found = ERAS[0];
  for (const era of ERAS) if (era.startYear <= fy) found = era;
  return found ? `${found.letter}${fy - found.startYear + 1}` : String(fy);
}

/** R4～R7, or R6～ when open-ended. */
export function periodLabel(fromYear: number | null, toYear: number | null): string {
  if (fromYear === null && toYear === null) return "";
  return `${fromYear === null ? "" : eraLetterYear(fromYear)}～${toYear === null ? "" : eraLetterYear(toYear)}`;
}

/** The plan row with 同左 resolved, keyed by year. */
export function resolvedPlans(item: ItemView): Record<number, PlanCell | undefined> {
  const years = planYears(item.editionYear);
  const resolved = resolvePlanRow(years.map((fy) => item.plans[fy]));
  return Object.fromEntries(years.map((fy, i) => [fy, resolved[i]]));
}

/** The newest reported result of an item: the edition year's own, else the latest past year's. */
export function lastResult(item: ItemView): { fiscalYear: number; cell: PlanCell } | null {
  if (item.currentResult) return { fiscalYear: item.editionYear, cell: item.currentResult };
  const past = item.history.find((h) => h.result);
  return past?.result ? { fiscalYear: past.fiscalYear, cell: past.result } : null;
}

// ---------------------------------------------------------------------------
// Overview

function presentedFor(verifications: Parameters<typeof presentVerification>[0][], lineageKey: string): VerificationView | null {
  const row = verifications.find((v) => v.lineage_key === lineageKey);
  return row ? presentVerification(row) : null;
}

export interface EditionOverview {
  editions: EditionRef[];
  edition: EditionRef;
  years: number[];
  items: { item: ItemView; lastResult: { fiscalYear: number; cell: PlanCell } | null; verification: VerificationView | null }[];
  summary: EditionSummary;
  /** 取組状況 (着手状況 × 達成度) of the year the edition reports on (the year before it), with the change from the year before that. */
  status: StatusSummary;
  evaluations: string[];
  openRounds: RoundView[];
  /** Whether the next edition can still be started from this one. */
  nextExists: boolean;
}

export async function editionOverview(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformRounds" | "reformVerifications" | "settings">, fiscalYear: number): Promise<EditionOverview> {
  const editions = await reformEditions(tenant);
  const edition = editions.find((e) => e.fiscalYear === fiscalYear);
  if (!edition) throw new GyokakuError("not_found", `${formatFiscalYear(fiscalYear)}の基本方針(版)はありません`);
  // The edition's items and the evaluations are read once and handed to the summary (it read them again: issue 9).
  const [items, evaluations] = await Promise.all([editionItems(tenant, fiscalYear), evaluationsOf(tenant)]);
  const [summary, status, rounds, verifications] = await Promise.all([
    editionSummary(tenant, fiscalYear, { items, evaluations }),
    reformStatusSummary(tenant, fiscalYear - 1, evaluations),
    tenant.reformRounds.list(),
    tenant.reformVerifications.list(fiscalYear),
  ]);
  return {
    editions,
    edition,
    years: planYears(fiscalYear),
    items: items.map((item) => ({ item, lastResult: lastResult(item), verification: presentedFor(verifications, item.lineageKey) })),
    summary,
    status,
    evaluations,
    openRounds: rounds.filter((r) => r.status === "open" && r.edition_id === edition.id).map(presentRound),
    nextExists: editions.some((e) => e.fiscalYear === fiscalYear + 1),
  };
}

// ---------------------------------------------------------------------------
// Indicators

export interface IndicatorView {
  id: number;
  lineageKey: string;
  name: string;
  unit: string;
  baselineYear: number | null;
  baselineValue: number | null;
  cumulative: boolean;
  note: string;
  /** Every year with a target or an actual (and the baseline year), ascending. */
  years: number[];
  targets: Record<number, number>;
  actuals: Record<number, number>;
  /** 達成率 for each year with both a target and an actual. */
  ratios: { fiscalYear: number; target: number; actual: number; ratio: number | null }[];
  /** The item in the newest edition that carries this indicator. */
  item: { id: number; number: number; name: string; editionYear: number } | null;
  unitIds: number[];
  /** Every figure as the entry form's hidden values read (reform/indicators.ts indicatorReadValues). */
  read: ReadValues;
}

function indicatorView(row: ReformIndicatorRow, values: ReformIndicatorValueRow[], item: ItemView | undefined): IndicatorView {
  const mine = values.filter((v) => v.indicator_id === row.id);
  const targets: Record<number, number> = {};
  const actuals: Record<number, number> = {};
  for (const v of mine) (v.kind === "target" ? targets : actuals)[v.fiscal_year] = Number(v.value);
  const baselineValue = row.baseline_value === null ? null : Number(row.baseline_value);
  const years = [...new Set([...mine.map((v) => v.fiscal_year), ...(row.baseline_year === null ? [] : [row.baseline_year])])].sort((a, b) => a - b);
  const ratios = years.flatMap((fy) => {
    const target = targets[fy];
    const actual = actuals[fy];
    if (target === undefined || actual === undefined) return [];
    // A cumulative count is measured from its baseline (RPA: 17 業務 at the start, 50 targeted, 86 reached).
    return [{ fiscalYear: fy, target, actual, ratio: achievementRatio({ target, actual, baseline: row.cumulative ? baselineValue : null }) }];
  });
  return {
    id: row.id,
    lineageKey: row.lineage_key,
    name: row.name,
    unit: row.unit,
    baselineYear: row.baseline_year,
    baselineValue,
    cumulative: row.cumulative === 1,
    note: row.note,
    years,
    targets,
    actuals,
    ratios,
    item: item ? { id: item.id, number: item.number, name: item.name, editionYear: item.editionYear } : null,
    unitIds: item?.unitIds ?? [],
    read: indicatorReadValues({ unit: row.unit, targets, actuals }),
  };
}

/** The newest edition's item of each lineage. */
async function newestItems(tenant: Pick<TenantDb, "reformEditions" | "reformItems">): Promise<Map<string, ItemView>> {
  const year = await latestEditionYear(tenant);
  const items = year === null ? [] : await editionItems(tenant, year);
  return new Map(items.map((i) => [i.lineageKey, i]));
}

export async function indicatorViews(tenant: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems">, lineageKeys?: readonly string[], items?: Map<string, ItemView>): Promise<IndicatorView[]> {
  const rows = await tenant.reformIndicators.list(lineageKeys);
  const [values, byLineage] = await Promise.all([tenant.reformIndicators.values(rows.map((r) => r.id)), items ? Promise.resolve(items) : newestItems(tenant)]);
  return rows.map((row) => indicatorView(row, values, byLineage.get(row.lineage_key)));
}

export async function getIndicatorView(tenant: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems">, indicatorId: number): Promise<IndicatorView> {
  const row = await tenant.reformIndicators.get(indicatorId);
  if (!row) throw new GyokakuError("not_found", "指定された指標はありません");
  const [view] = await indicatorViews(tenant, [row.lineage_key]).then((all) => all.filter((v) => v.id === row.id));
  if (!view) throw new GyokakuError("not_found", "指定された指標はありません");
  return view;
}

export function canEnterIndicator(actor: Actor, indicator: IndicatorView): boolean {
  return canWriteAnyUnit(actor, indicator.unitIds);
}

// ---------------------------------------------------------------------------
// Subcommittees (専門部会, 図表2/図表3)

export interface SubcommitteeView {
  code: string;
  name: string;
  role: string;
  fromYear: number | null;
  toYear: number | null;
  period: string;
  lineageKeys: string[];
  items: { id: number; number: number; name: string }[];
}

export async function subcommitteeViews(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformSubcommittees">, items?: Map<string, ItemView>): Promise<SubcommitteeView[]> {
  const [rows, byLineage] = await Promise.all([tenant.reformSubcommittees.list(), items ? Promise.resolve(items) : newestItems(tenant)]);
  return rows.map((row) => {
    const lineageKeys = storedStrings(row.lineage_keys_json, `reform_subcommittees.lineage_keys_json (${row.code})`);
    return {
      code: row.code,
      name: row.name,
      role: row.role,
      fromYear: row.from_year,
      toYear: row.to_year,
      period: periodLabel(row.from_year, row.to_year),
      lineageKeys,
      items: lineageKeys.flatMap((key) => {
        const item = byLineage.get(key);
        return item ? [{ id: item.id, number: item.number, name: item.name }] : [];
      }),
    };
  });
}

// ---------------------------------------------------------------------------
// One item, as the seed's sheet shows it

export interface ItemSheet {
  item: ItemView;
  edition: EditionRef;
  years: number[];
  resolved: Record<number, PlanCell | undefined>;
  subcommittees: SubcommitteeView[];
  indicators: IndicatorView[];
  /** The headquarters' verifications of this item (any edition), newest year first. */
  verifications: VerificationView[];
  revisions: Awaited<ReturnType<typeof itemRevisions>>;
  /** The same item in other editions. */
  otherEditions: { fiscalYear: number; itemId: number }[];
}

export async function itemSheet(tenant: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems" | "reformSubcommittees" | "reformVerifications">, itemId: number): Promise<ItemSheet> {
  const item = await getItem(tenant, itemId);
  const [editions, lineage, verifications, revisions] = await Promise.all([
    reformEditions(tenant),
    tenant.reformItems.listByLineage(item.lineageKey),
    tenant.reformVerifications.list(),
    itemRevisions(tenant, item.id),
  ]);
  const edition = editions.find((e) => e.id === item.editionId);
  if (!edition) throw new GyokakuError("not_found", "版が見つかりません");
  const own = new Map([[item.lineageKey, item]]);
  const [subcommittees, indicators] = await Promise.all([subcommitteeViews(tenant, own), indicatorViews(tenant, [item.lineageKey], own)]);
  return {
    item,
    edition,
    years: planYears(item.editionYear),
    resolved: resolvedPlans(item),
    subcommittees: subcommittees.filter((s) => s.lineageKeys.includes(item.lineageKey)),
    indicators,
    verifications: verifications
      .filter((v) => v.lineage_key === item.lineageKey)
      .sort((a, b) => b.fiscal_year - a.fiscal_year)
      .map(presentVerification),
    revisions,
    otherEditions: lineage
      .filter((i) => i.id !== item.id)
      .flatMap((i) => {
        const e = editions.find((x) => x.id === i.edition_id);
        return e ? [{ fiscalYear: e.fiscalYear, itemId: i.id }] : [];
      })
      .sort((a, b) => a.fiscalYear - b.fiscalYear),
  };
}

// ---------------------------------------------------------------------------
// Rounds (更新依頼) and their progress

export interface RoundProgress {
  round: RoundView;
  editionYear: number | null;
  counts: Record<UpdateStatus, number>;
  items: { itemId: number; number: number; name: string; status: UpdateStatus; updatedBy: string; updatedAt: string }[];
}

export async function roundsProgress(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformRounds">): Promise<RoundProgress[]> {
  const [rounds, editions] = await Promise.all([tenant.reformRounds.list(), tenant.reformEditions.list()]);
  const out: RoundProgress[] = [];
  for (const round of rounds) {
    const [updates, items] = await Promise.all([tenant.reformRounds.listUpdates(round.id), tenant.reformItems.listByEdition(round.edition_id)]);
    const counts = Object.fromEntries(UPDATE_STATUSES.map((s) => [s, 0])) as Record<UpdateStatus, number>;
    const rows: RoundProgress["items"] = [];
    for (const u of updates) {
      const status = (UPDATE_STATUSES as readonly string[]).includes(u.status) ? (u.status as UpdateStatus) : "not_started";
      counts[status] += 1;
      const item = items.find((i) => i.id === u.item_id);
      rows.push({ itemId: u.item_id, number: item?.number ?? 0, name: item?.name ?? `#${u.item_id}`, status, updatedBy: u.updated_by, updatedAt: u.updated_at });
    }
    rows.sort((a, b) => a.number - b.number);
    out.push({ round: presentRound(round), editionYear: editions.find((e) => e.id === round.edition_id)?.fiscal_year ?? null, counts, items: rows });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Verification by the headquarters

export interface VerificationSheet {
  edition: EditionRef;
  fiscalYear: number;
  evaluations: string[];
  rows: { item: ItemView; plan: PlanCell | undefined; result: PlanCell | undefined; verification: VerificationView | null }[];
}

/**
 * The items of the edition of `fiscalYear` with the result reported (and approved) for that year, beside
 * the verification recorded so far.
 */
export async function verificationSheet(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications" | "settings">, fiscalYear: number): Promise<VerificationSheet> {
  const editions = await reformEditions(tenant);
  const edition = editions.find((e) => e.fiscalYear === fiscalYear);
  if (!edition) throw new GyokakuError("not_found", `${formatFiscalYear(fiscalYear)}の基本方針(版)はありません`);
  const [items, evaluations, verifications] = await Promise.all([editionItems(tenant, fiscalYear), evaluationsOf(tenant), tenant.reformVerifications.list(fiscalYear)]);
  return {
    edition,
    fiscalYear,
    evaluations,
    rows: items.map((item) => ({
      item,
      plan: item.plans[fiscalYear],
      result: item.currentResult,
      verification: presentedFor(verifications, item.lineageKey),
    })),
  };
}
