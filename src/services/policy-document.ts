/**
 * 公表 → 基本方針: loads one edition's data through the existing services and assembles the document model of the
 * 行政改革基本方針 in the seed's structure and order (cover, 目次, 1 背景と目的, 2 業務改革 (1)(2)(3), 3 定数管理
 * (1)(2)(3), 4 組織・業務改革ヒアリング, 参考資料, 5 the item sheets). The narrative's storage is policy-narratives.ts.
 */
import { groupLabel, groupShortLabel, parseGroupKey } from "../domain/comparison.js";
import { formatFiscalYear } from "../domain/era.js";
import { populationReferenceDate } from "../domain/population.js";
import { cohortTable, figureCohorts, regularRetireesIn } from "../domain/retirement.js";
import { describeGroup } from "../domain/similar-group.js";
import type { TenantDb } from "../db/tenant.js";
import type { DocBlock, PolicyDocument } from "../report/document/model.js";
import { fillFacts, type NarrativeFact } from "../report/document/narrative.js";
import { pageToken } from "../report/document/render.js";
import {
  correctedExcessSentence,
  itemCountText,
  laspeyresSentence,
  per10kSentence,
  retirementSentence,
  selfReference,
  simpleComparisonSentence,
} from "../report/document/sentences.js";
import { FIGURE_IMAGE_KEYS, type FigureImageKey, narrativesOf } from "./policy-narratives.js";
import { classificationView } from "./comparison/classification.js";
import { diagnosisView, type DiagnosisViewDb } from "./comparison/diagnosis.js";
import { laspeyresView } from "./comparison/laspeyres.js";
import { peersView } from "./comparison/peers.js";
import { editionItems, requireEdition } from "./reform/read-model.js";
import { type PublicBlock, presentDiagnosis, presentHeadcounts, presentItem, presentLaspeyres, presentPeers, presentStaffPopulation, presentSubcommittee } from "./publication-policy.js";
import { resolvedPlans, subcommitteeViews } from "./reform-views.js";
import { schedulesOf } from "./retirement-planning.js";
import { headcountTable } from "./staffing.js";
import { recordedHeadcountYears, staffPopulationSeriesOf } from "./staffing-views.js";

export interface DocumentMunicipality {
  code: string;
  name: string;
  prefecture: string;
}

/** Heading id of section 5 (the item sheets), the target of 「※ 詳細については、NNページ以降を参照」. */
export const ITEMS_SECTION_ID = "sec-5";

function imageIds(blocks: readonly PublicBlock[]): number[] {
  return blocks.flatMap((b) => (b.type === "image" && b.attachmentId !== undefined ? [b.attachmentId] : []));
}

/** What loadPolicyDocument reads and writes of the municipality's repositories (a type error to reach another). */
export type LoadPolicyDocumentDb = DiagnosisViewDb &
  Pick<TenantDb, "policyFigureImages" | "policyNarratives" | "reformAttachments" | "reformEditions" | "reformItems" | "reformSubcommittees" | "reorgEvents" | "retirementSchedules" | "settings">;

/**
 * The whole document of one edition, figures generated from the live data. What goes in is what the publication
 * policy lets out (services/publication-policy.ts): the item sheets and 図表3, 4, 5, 8, 9 and 10 are built from its
 * presenters (the same as the static site and the open data); the narrative, 図表1・2 and the 定年 schedule are
 * written for publication (FIELD_POLICY).
 * @throws GyokakuError not_found when the edition does not exist.
 */
export async function loadPolicyDocument(tenant: LoadPolicyDocumentDb, municipality: DocumentMunicipality, fiscalYear: number): Promise<PolicyDocument> {
  const edition = await requireEdition(tenant, fiscalYear);
  const own = { code: municipality.code, name: municipality.name };
  const recordedYears = await recordedHeadcountYears(tenant);
  const firstYear = recordedYears.find((y) => y <= fiscalYear) ?? fiscalYear;
  const [narratives, itemViews, schedules, { table: headcounts, series: seriesView }, classification, peersViewed, laspeyresViewed, diagnosis, figureImages] = await Promise.all([
    narrativesOf(tenant, fiscalYear),
    editionItems(tenant, fiscalYear),
    schedulesOf(tenant),
    headcountTable(tenant, { from: firstYear, to: fiscalYear }).then(async (table) => ({ table, series: await staffPopulationSeriesOf(tenant, table) })),
    classificationView(tenant, own, undefined, fiscalYear),
    peersView(tenant, own),
    laspeyresView(tenant, own),
    diagnosisView(tenant, own),
    tenant.policyFigureImages.list(fiscalYear),
  ]);
  const subcommittees = (await subcommitteeViews(tenant, new Map(itemViews.map((i) => [i.lineageKey, i]))))
    .filter((s) => (s.fromYear === null || s.fromYear <= fiscalYear) && (s.toYear === null || s.toYear >= fiscalYear))
    .map(presentSubcommittee);
  // The same presenter as the site and the open data; the sheet prints 同左 as the seed does (item-sheet.tsx).
  const items = [...itemViews].sort((a, b) => a.number - b.number).map((i) => presentItem(i, resolvedPlans(i), { embedImages: true }));
  const series = presentStaffPopulation(seriesView);
  const peers = presentPeers(peersViewed) ?? { fiscalYear: null, populationDate: null, staffDate: null, rows: [], group: null };
  const laspeyres = presentLaspeyres(laspeyresViewed) ?? { years: [], series: [] };
  const self = selfReference(municipality.name);

  // Facts the narrative may name; each comes from the same view as its table.
  const facts: Partial<Record<NarrativeFact, string>> = {
    団体名: municipality.name,
    本市: self,
    年度: formatFiscalYear(fiscalYear),
    重点推進項目数: itemCountText(items.length),
    重点推進項目のページ: pageToken(ITEMS_SECTION_ID),
    定年退職の状況: retirementSentence(fiscalYear, regularRetireesIn(fiscalYear, "general", schedules)),
  };
  const general = [...schedules].reverse().find((s) => s.category === "general");
  const lastStep = general?.steps[general.steps.length - 1];
  if (lastStep) {
    if (lastStep.fromYear !== null) facts.定年引上げ完了年度 = formatFiscalYear(lastStep.fromYear);
    facts.引上げ後の定年 = `${lastStep.age}歳`;
  }
  const groupKey = classification.groupKey ?? peersViewed.ownGroup;
  if (groupKey) {
    try {
      const group = parseGroupKey(groupKey, classification.fiscalYear);
      facts.類似団体グループ = groupLabel(groupKey);
      facts.類似団体区分 =
        group.code !== null && (group.kind === "city" || group.kind === "town") ? `${group.code}(${describeGroup(group.code, group.kind, classification.fiscalYear)})` : groupShortLabel(groupKey);
    } catch {
      facts.類似団体区分 = groupShortLabel(groupKey);
    }
  }
  const ownPeer = peers.rows.find((r) => r.own);
  if (peers.fiscalYear !== null && ownPeer?.futsuPer10k != null && peers.group?.futsuPer10k != null) {
    facts.人口1万人当たり職員数の比較 = per10kSentence({ fiscalYear: peers.fiscalYear, ownPer10k: ownPeer.futsuPer10k, groupPer10k: peers.group.futsuPer10k, members: peers.group.members });
  }
  const futsu = diagnosis.rows.find((r) => r.code === "futsu");
  const average = diagnosis.futsuAverage ?? peers.group?.futsuPer10k ?? null;
  if (diagnosis.fiscalYear !== null && futsu?.simple && futsu.current !== null && average !== null && diagnosis.population !== null) {
    facts.単純値による比較 = simpleComparisonSentence({
      average,
      population: diagnosis.population,
      populationDate: populationReferenceDate(diagnosis.fiscalYear),
      actual: futsu.current,
      reference: futsu.simple.reference,
      self,
    });
  }
  if (diagnosis.rows.some((r) => r.corrected !== null)) facts.修正値の超過率 = correctedExcessSentence(diagnosis.rows);
  const ownSeries = laspeyres.series.find((s) => s.label === municipality.name);
  if (ownSeries) {
    const index = ownSeries.values.reduce<number>((found, v, i) => (v !== null ? i : found), -1);
    const year = laspeyres.years[index];
    const value = ownSeries.values[index];
    if (year !== undefined && value !== null && value !== undefined) {
      facts.ラスパイレス指数の比較 = laspeyresSentence({
        fiscalYear: year,
        own: value,
        self,
        comparators: laspeyres.series
          .filter((s) => s !== ownSeries && s.values[index] !== null && s.values[index] !== undefined)
          .map((s) => ({ label: s.label, value: s.values[index] as number })),
      });
    }
  }

  const text = (key: string, wide?: boolean): DocBlock => ({ kind: "text", key, text: fillFacts(narratives.get(key) ?? "", facts), ...(wide ? { wide } : {}) });
  const line = (key: string, fallback: string) => fillFacts(narratives.get(key) ?? "", facts).trim() || fallback;
  const imageOf = (key: FigureImageKey) => {
    const row = figureImages.find((r) => r.key === key);
    return row ? `data:${row.content_type};base64,${row.data_base64}` : null;
  };
  const pppSource = line("figure.ppp.source", "");

  const blocks: DocBlock[] = [
    { kind: "heading", level: 2, id: "sec-1", label: "1", text: "背景と目的", toc: true },
    text("background"),
    { kind: "heading", level: 2, id: "sec-2", label: "2", text: "業務改革", toc: true, newPage: true },
    text("reform.intro"),
    { kind: "heading", level: 3, id: "sec-2-1", label: "(1)", text: "民間活力の推進", toc: true },
    text("reform.private"),
    {
      kind: "figure",
      id: "zuhyo-ppp",
      figure: { type: "attachment", data: { caption: line("figure.ppp.caption", FIGURE_IMAGE_KEYS.ppp), ...(pppSource ? { source: pppSource } : {}), alt: line("figure.ppp.caption", FIGURE_IMAGE_KEYS.ppp), dataUri: imageOf("ppp") } },
    },
    { kind: "heading", level: 3, id: "sec-2-2", label: "(2)", text: "ICT等を活用した業務の見直し", toc: true },
    text("reform.ict"),
    { kind: "figure", id: "zuhyo-dx", figure: { type: "attachment", data: { caption: line("figure.dx.caption", FIGURE_IMAGE_KEYS.dx), alt: line("figure.dx.caption", FIGURE_IMAGE_KEYS.dx), dataUri: imageOf("dx") } } },
    { kind: "figure", id: "zuhyo-subcommittees", figure: { type: "subcommittees", rows: subcommittees.map((s) => ({ name: s.name, role: s.role, period: s.period })) } },
    { kind: "heading", level: 3, id: "sec-2-3", label: "(3)", text: "重点推進項目", toc: true },
    text("reform.priority"),
    { kind: "list", items: items.map((i) => i.name) },
    text("reform.priority.after"),
    { kind: "heading", level: 2, id: "sec-3", label: "3", text: "定数管理", toc: true, newPage: true },
    text("staffing.intro"),
    { kind: "heading", level: 3, id: "sec-3-1", label: "(1)", text: "これまでの取組と職員数の推移", toc: true },
    text("staffing.history"),
    { kind: "figure", id: "zuhyo-headcounts", figure: { type: "headcounts", table: presentHeadcounts(headcounts) }, wide: true },
    text("notes.headcounts"),
    { kind: "figure", id: "zuhyo-staff-population", figure: { type: "staffPopulation", data: series } },
    text("notes.staffPopulation"),
    { kind: "heading", level: 3, id: "sec-3-2", label: "(2)", text: "定年年齢引上げに係る定数管理の考え方", toc: true },
    text("staffing.retirement"),
    {
      kind: "figure",
      id: "zuhyo-retirement",
      figure: { type: "retirement", table: cohortTable({ fromYear: fiscalYear - 2, toYear: fiscalYear + 10, cohorts: figureCohorts(fiscalYear - 2, fiscalYear + 10, "general", schedules), category: "general", schedules }) },
    },
    { kind: "heading", level: 3, id: "sec-3-3", label: "(3)", text: "類似団体との比較", toc: true },
    text("staffing.comparison"),
    { kind: "figure", id: "zuhyo-classification", figure: { type: "classification", groupKey, fiscalYear: classification.fiscalYear } },
    text("staffing.per10k"),
    { kind: "figure", id: "zuhyo-peers", figure: { type: "peers", data: peers } },
    text("notes.peers"),
    text("staffing.laspeyres"),
    { kind: "figure", id: "zuhyo-laspeyres", figure: { type: "laspeyres", data: laspeyres } },
    text("notes.laspeyres"),
    { kind: "heading", level: 2, id: "sec-4", label: "4", text: "組織・業務改革ヒアリング", toc: true },
    text("hearing"),
    { kind: "heading", level: 2, id: "sec-ref", label: "", text: "参考資料", toc: true },
    text("reference.diagnosis"),
    { kind: "figure", id: "zuhyo-diagnosis", figure: { type: "diagnosis", data: presentDiagnosis(diagnosis) ?? { fiscalYear: null, previousYear: null, rows: [] } } },
    text("notes.diagnosis"),
    text("reference.sectors"),
    { kind: "figure", id: "zuhyo-sectors", figure: { type: "sectors" } },
    {
      kind: "heading",
      level: 2,
      id: ITEMS_SECTION_ID,
      label: "5",
      text: `${formatFiscalYear(fiscalYear).replace(/\(.*$/, "")}業務改革の重点推進項目と${formatFiscalYear(fiscalYear - 1).replace(/\(.*$/, "")}の実施状況`,
      toc: true,
      newPage: true,
      wide: true,
    },
    text("items.intro", true),
    { kind: "items", items: items.map((item) => ({ item, editionYear: fiscalYear })) },
  ];

  const wanted = [...new Set(items.flatMap((i) => [...imageIds(i.content), ...imageIds(i.effect), ...imageIds(i.remarks)]))];
  const images = new Map<number, string>();
  for (const id of wanted) {
    const row = await tenant.reformAttachments.get(id);
    if (row) images.set(id, `data:${row.content_type};base64,${row.data_base64}`);
  }
  const issued = (narratives.get("issued") ?? "").trim();
  return {
    municipality: { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture },
    fiscalYear,
    title: edition.title.replace(/\s*(令和|平成).*$/, "").replace(/^行政改革基本方針$/, "行政改革 基本方針") || "行政改革 基本方針",
    subtitle: "業務改革・定数管理",
    issued: issued === "" ? null : issued,
    blocks,
    images,
  };
}
