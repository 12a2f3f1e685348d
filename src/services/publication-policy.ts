/**
 * 公表ポリシー (publication policy): the ONE place that decides, field by field, what of the live data goes out to
 * citizens — in the public document, the static site and the open data. Everything public is built by the
 * presenters below from internal views; nothing else may hand data to a public output.
 *
 * Never published (issue 12, section 2): returned drafts and every update-round draft (reform_updates), return
 * comments (reform_updates.comment, reform_publications.comment), verification opinions marked internal
 * (reform_verifications.opinion_internal), hearing forms, user names (updated_by, verified_by, opened_by, actors),
 * the audit log, projection scenarios, timestamps of internal work, quotas' internal notes.
 */
import type { ReformVerificationRow } from "../db/schema.js";
import type { DiagnosisTableRow } from "../domain/diagnosis-table.js";
import type { HeadcountTable } from "../domain/headcount-table.js";
import type { Block, PlanCell } from "../domain/reform.js";
import type { DiagnosisView } from "./comparison/diagnosis.js";
import type { LaspeyresView } from "./comparison/laspeyres.js";
import type { PeersView } from "./comparison/peers.js";
import type { ItemView } from "./reform/read-model.js";
import type { IndicatorView, SubcommitteeView } from "./reform-views.js";
import type { StaffPopulationSeries } from "./staffing-views.js";

/** Why each stored field is or is not published; `public` fields are the only ones a presenter copies. */
export const FIELD_POLICY = {
  "reform_items.number": "public",
  "reform_items.name": "public",
  "reform_items.state": "public",
  "reform_items.unit_labels_json": "public (担当課)",
  "reform_items.content_json": "public (取組内容; images printed in the document, described only on the site and in open data)",
  "reform_items.effect_json": "public (取組効果)",
  "reform_items.remarks_json": "public (備考; images printed in the document, described only on the site and in open data)",
  "reform_attachments.data": "public in the document only (the images an item's sheet shows)",
  "policy_narratives.*": "public (the document's own text, written for publication)",
  "policy_figure_images.*": "public (図表1・2 of the document)",
  "retirement_schedules.*": "public (定年 by year, 図表6)",
  "reform_items.updated_by": "internal (user name)",
  "reform_items.updated_at": "internal",
  "reform_items.version": "internal",
  "reform_cells.*": "public (取組計画・実績 as approved; drafts live in reform_updates and are never read)",
  "reform_updates.*": "internal (drafts, returned drafts, return comments)",
  "reform_rounds.*": "internal (update requests, who opened them)",
  "reform_revisions.*": "internal (edit history with user names)",
  "reform_verifications.evaluation": "public (推進本部の評価)",
  "reform_verifications.decision": "public (次年度の方針)",
  "reform_verifications.opinion": "public unless opinion_internal = 1",
  "reform_verifications.verified_by": "internal (user name)",
  "reform_verifications.verified_at": "internal",
  "reform_subcommittees.name/role/from_year/to_year": "public (図表3)",
  "reform_indicators.name/unit/baseline/targets/actuals": "public",
  "reform_indicators.note": "public (出典)",
  "reform_publications.comment": "internal (headquarters' return comment)",
  "reform_publications.ready_by/decided_by": "internal (user names)",
  "publication_plans.*": "internal (公表予定日, planning)",
  "headcounts.*": "public as the 図表4 totals per unit and year",
  "quotas.quota": "public (定数)",
  "quotas.note": "internal",
  "populations.population/reference_date/source": "public",
  "comparison_*": "public as 図表8/9/10",
  "projection_scenarios.*": "internal (scenarios)",
  "age_profiles.*": "internal (individual-level ages, even aggregated by cohort)",
  "audit_log.*": "internal",
  "users.*": "internal",
  "sessions.*": "internal",
  "hearings.*": "internal (hearing forms)",
} as const;

/**
 * A block as published: on the site and in the open data an image keeps its description only; in the document
 * (report, its PDF) the image itself is printed, so its attachment id is kept there ({@link PresentOptions}).
 */
export type PublicBlock = Exclude<Block, { type: "image" }> | { type: "image"; alt: string; attachmentId?: number };

/** `embedImages`: keep the attachment id of image blocks (the printed document shows the images the seed shows). */
export interface PresentOptions {
  embedImages?: boolean;
}

export interface PublicCell {
  /** The stage that applies (for a 同左 cell without its own, the one on its left: open data). */
  stage: string | null;
  lines: string[];
  /** 同左: the cell repeats the one on its left (lines already resolved). */
  sameAsLeft: boolean;
  /**
   * The stage written in the cell itself, printed beside 同左 as in the seed (「<継続実施> 同左」), never one carried
   * from the left. Added with fingerprint definition 3 (services/published-content.ts).
   */
  ownStage: string | null;
}

export interface PublicItem {
  number: number;
  name: string;
  /** 継続 / 新規 / 完了 */
  state: string;
  /** 担当課 as written. */
  units: string[];
  content: PublicBlock[];
  effect: PublicBlock[];
  remarks: PublicBlock[];
  /** 取組計画 of the edition year and the three after it (the last = 以降). */
  plans: { fiscalYear: number; cell: PublicCell | null }[];
  /** これまでの取組計画・実績, newest first. */
  history: { fiscalYear: number; plan: PublicCell | null; result: PublicCell | null }[];
}

export interface PublicSubcommittee {
  name: string;
  role: string;
  fromYear: number | null;
  toYear: number | null;
  period: string;
  itemNumbers: number[];
}

export interface PublicIndicator {
  itemNumber: number | null;
  name: string;
  unit: string;
  baselineYear: number | null;
  baselineValue: number | null;
  values: { fiscalYear: number; target: number | null; actual: number | null }[];
  note: string;
}

export interface PublicVerification {
  itemNumber: number;
  itemName: string;
  fiscalYear: number;
  evaluation: string;
  decision: string;
  /** Null when headquarters marked the opinion internal. */
  opinion: string | null;
}

export interface PublicHeadcounts {
  years: number[];
  /** `formerNames`: the unit's earlier names (printed under its name in 図表4), oldest first. */
  /** `quotaSharedBy`: present only when the row's quota is one figure several units share (their names, the row's unit first). */
  rows: { name: string; depth: number; category: string; cells: (number | null)[]; quota: number | null; quotaSharedBy?: string[]; formerNames: { name: string; untilYear: number }[] }[];
  generalTotal: (number | null)[];
  quotaTotal: (number | null)[];
  quotaSum: number;
  cap: number;
  allowancePercent: number;
}

export interface PublicStaffPopulation {
  years: number[];
  staff: (number | null)[];
  population: (number | null)[];
  populationDates: (string | null)[];
}

export interface PublicPeers {
  fiscalYear: number;
  populationDate: string | null;
  staffDate: string | null;
  rows: { code: string; prefecture: string; name: string; own: boolean; population: number | null; futsu: number | null; futsuPer10k: number | null; ippan: number | null; ippanPer10k: number | null }[];
  group: { groupKey: string; members: number | null; population: number | null; futsu: number | null; futsuPer10k: number | null; ippan: number | null; ippanPer10k: number | null } | null;
}

export interface PublicDiagnosisRow {
  code: string;
  name: string;
  total: boolean;
  previous: number | null;
  current: number | null;
  change: number | null;
  simpleReference: number | null;
  simpleExcess: number | null;
  simpleRate: number | null;
  correctedReference: number | null;
  correctedExcess: number | null;
  correctedRate: number | null;
}

export interface PublicDiagnosis {
  fiscalYear: number;
  previousYear: number;
  groupKey: string | null;
  population: number | null;
  rows: PublicDiagnosisRow[];
}

export interface PublicLaspeyres {
  years: number[];
  series: { label: string; values: (number | null)[] }[];
}

/** Everything that goes out for one edition. Plain data (JSON-safe) with no user names, drafts or timestamps of work. */
export interface PublicDataset {
  municipality: { code: string; name: string; prefecture: string };
  edition: { fiscalYear: number; title: string };
  items: PublicItem[];
  subcommittees: PublicSubcommittee[];
  indicators: PublicIndicator[];
  verifications: PublicVerification[];
  headcounts: PublicHeadcounts;
  staffPopulation: PublicStaffPopulation;
  peers: PublicPeers | null;
  diagnosis: PublicDiagnosis | null;
  laspeyres: PublicLaspeyres | null;
}

export function presentBlocks(blocks: readonly Block[], options: PresentOptions = {}): PublicBlock[] {
  return blocks.map((b) => (b.type === "image" ? (options.embedImages ? { type: "image", alt: b.alt, attachmentId: b.attachmentId } : { type: "image", alt: b.alt }) : b));
}

/** `own`: the cell as stored, when `cell` is its resolved form (同左 filled from the left). */
function presentCell(cell: PlanCell | undefined, own: PlanCell | undefined = cell): PublicCell | null {
  return cell ? { stage: cell.stage, lines: [...cell.lines], sameAsLeft: cell.sameAsLeft === true, ownStage: own?.stage ?? null } : null;
}

/**
 * `resolvedPlans`: the item's plans with 同左 resolved (services/reform-views.ts resolvedPlans). The document, the
 * site and the open data all take this one form: a 同左 cell keeps its flag and own stage for the sheet, and carries
 * the resolved lines and stage for the open data.
 */
export function presentItem(item: ItemView, resolvedPlans: Record<number, PlanCell | undefined>, options: PresentOptions = {}): PublicItem {
  return {
    number: item.number,
    name: item.name,
    state: item.state,
    units: [...item.unitLabels],
    content: presentBlocks(item.content, options),
    effect: presentBlocks(item.effect, options),
    remarks: presentBlocks(item.remarks, options),
    plans: Object.keys(item.plans)
      .map(Number)
      .sort((a, b) => a - b)
      .map((fy) => ({ fiscalYear: fy, cell: presentCell(resolvedPlans[fy], item.plans[fy]) })),
    history: item.history.map((h) => ({ fiscalYear: h.fiscalYear, plan: presentCell(h.plan), result: presentCell(h.result) })),
  };
}

export function presentSubcommittee(s: SubcommitteeView): PublicSubcommittee {
  return { name: s.name, role: s.role, fromYear: s.fromYear, toYear: s.toYear, period: s.period, itemNumbers: s.items.map((i) => i.number) };
}

export function presentIndicator(i: IndicatorView): PublicIndicator {
  return {
    itemNumber: i.item?.number ?? null,
    name: i.name,
    unit: i.unit,
    baselineYear: i.baselineYear,
    baselineValue: i.baselineValue,
    values: i.years.map((fy) => ({ fiscalYear: fy, target: i.targets[fy] ?? null, actual: i.actuals[fy] ?? null })),
    note: i.note,
  };
}

export function presentVerification(row: ReformVerificationRow, item: { number: number; name: string }): PublicVerification {
  return {
    itemNumber: item.number,
    itemName: item.name,
    fiscalYear: row.fiscal_year,
    evaluation: row.evaluation,
    decision: row.decision,
    opinion: row.opinion_internal === 1 || row.opinion.trim() === "" ? null : row.opinion,
  };
}

/** The label of the unit's own row in PublicHeadcounts.rows[].category; the others are its うち rows. */
export const UNIT_ROW_LABEL = "職員数";

const SUBROW_LABEL: Record<string, string> = {
  unit: UNIT_ROW_LABEL,
  seconded: "うち派遣職員",
  fixedTerm: "うち特定任期付・再任用フルタイム勤務職員",
  onLeave: "うち休職・休業",
  childcareSubstitutes: "育児休業代替任期付職員",
};

export function presentHeadcounts(table: HeadcountTable): PublicHeadcounts {
  return {
    years: [...table.years],
    rows: table.rows.map((r) => ({
      name: r.name,
      depth: r.depth,
      category: SUBROW_LABEL[r.row] ?? r.row,
      cells: [...r.cells],
      quota: r.row === "unit" ? r.quota : null,
      // Only when shared, so the published data of a city without shared quotas (and its approval) is unchanged.
      ...(r.row === "unit" && r.quotaSharedBy ? { quotaSharedBy: [...r.quotaSharedBy] } : {}),
      formerNames: r.formerNames.map((f) => ({ name: f.name, untilYear: f.untilYear })),
    })),
    generalTotal: [...table.generalTotal],
    quotaTotal: [...table.quotaTotal],
    quotaSum: table.quotaSum,
    cap: table.cap,
    allowancePercent: table.allowancePercent,
  };
}

export function presentStaffPopulation(s: StaffPopulationSeries): PublicStaffPopulation {
  return { years: [...s.years], staff: [...s.staff], population: [...s.population], populationDates: [...s.populationDates] };
}

export function presentPeers(view: PeersView): PublicPeers | null {
  if (view.fiscalYear === null || view.rows.length === 0) return null;
  return {
    fiscalYear: view.fiscalYear,
    populationDate: view.populationDate,
    staffDate: view.staffDate,
    rows: view.rows.map((r) => ({
      code: r.code,
      prefecture: r.prefecture,
      name: r.name,
      own: r.own,
      population: r.population,
      futsu: r.futsu,
      futsuPer10k: per10k(r.futsuPer10k),
      ippan: r.ippan,
      ippanPer10k: per10k(r.ippanPer10k),
    })),
    group: view.group
      ? {
          groupKey: view.group.groupKey,
          members: view.group.members,
          population: view.group.population,
          futsu: view.group.futsu,
          futsuPer10k: per10k(view.group.futsuPer10k),
          ippan: view.group.ippan,
          ippanPer10k: per10k(view.group.ippanPer10k),
        }
      : null,
  };
}

/** Per-10,000 figures as MIC prints them: two decimals (73.16). */
const per10k = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

const finite = (n: number | undefined): number | null => (n === undefined || !Number.isFinite(n) ? null : n);

function presentDiagnosisRow(r: DiagnosisTableRow): PublicDiagnosisRow {
  return {
    code: r.code,
    name: r.name,
    total: r.total,
    previous: r.previous,
    current: r.current,
    change: r.change,
    simpleReference: finite(r.simple?.reference),
    simpleExcess: finite(r.simple?.excess),
    simpleRate: finite(r.simple?.rate),
    correctedReference: finite(r.corrected?.reference),
    correctedExcess: finite(r.corrected?.excess),
    correctedRate: finite(r.corrected?.rate),
  };
}

export function presentDiagnosis(view: DiagnosisView): PublicDiagnosis | null {
  if (view.fiscalYear === null || view.rows.length === 0) return null;
  return {
    fiscalYear: view.fiscalYear,
    previousYear: view.previousYear ?? view.fiscalYear - 1,
    groupKey: view.groupKey,
    population: view.population,
    rows: view.rows.map(presentDiagnosisRow),
  };
}

export function presentLaspeyres(view: LaspeyresView): PublicLaspeyres | null {
  if (view.years.length === 0) return null;
  return { years: [...view.years], series: view.series.map((s) => ({ label: s.label, values: [...s.values] })) };
}
