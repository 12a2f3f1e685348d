/**
 * Sentences of the 基本方針 that state figures, generated from the same data as the tables (never typed), so a
 * sentence can never disagree with its table. Pure: data in, Japanese text out. The wording follows the seed
 * (千歳市 令和7年度); where the data say otherwise (below/above, a town), the words follow the data.
 */
import { formatEraYear, formatFiscalYear, formatWarekiDate } from "../../domain/era.js";
import { formatTriangle } from "../../domain/diagnosis.js";
import type { DiagnosisTableRow } from "../../domain/diagnosis-table.js";
import { roundHalfUp } from "../../domain/population.js";
import { fixed, fmt } from "../figures/common.js";

/** 「本市」「本町」「本村」: how the document refers to its own municipality. */
export function selfReference(name: string): string {
  if (name.endsWith("町")) return "本町";
  if (name.endsWith("村")) return "本村";
  if (name.endsWith("区")) return "本区";
  return "本市";
}

/** 「令和7年度(2025年度)は定年退職者が生じません」 or 「…生じます」, from the retirement schedule. */
export function retirementSentence(fiscalYear: number, retireesThisYear: boolean): string {
  return `${formatFiscalYear(fiscalYear)}は定年退職者が${retireesThisYear ? "生じます" : "生じません"}`;
}

/** 「次の10事業」: the number of priority items. */
export function itemCountText(count: number): string {
  return String(count);
}

const compareWord = (own: number, other: number) => (own > other ? "上回って" : own < other ? "下回って" : "同じ水準となって");

export interface Per10kInput {
  fiscalYear: number;
  ownPer10k: number;
  groupPer10k: number;
  /** Number of municipalities in the group (MIC's figure); null when unknown. */
  members: number | null;
}

/** 「令和6年度(2024年度)の人口1万人当たりの普通会計職員数は73.16人と、全国107団体の類似団体の平均65.53人を上回っている状況です」 */
export function per10kSentence(input: Per10kInput): string {
  const own = roundHalfUp(input.ownPer10k, 2);
  const group = roundHalfUp(input.groupPer10k, 2);
  const members = input.members === null ? "" : `全国${fmt(input.members)}団体の`;
  return `${formatFiscalYear(input.fiscalYear)}の人口1万人当たりの普通会計職員数は${fixed(own)}人と、${members}類似団体の平均${fixed(group)}人を${compareWord(own, group)}いる状況です`;
}

export interface SimpleComparisonInput {
  /** The group's 単純値 average of 普通会計 staff per 10,000. */
  average: number;
  population: number;
  /** The reading date of the population (ISO). */
  populationDate: string;
  actual: number;
  /** The reference count (MIC's, or average × population / 10,000 rounded). */
  reference: number;
  self: string;
}

/**
 * 「…平均値 65.53 人に「令和6年(2024年)1月1日現在の本市の人口/万人」を乗ずると、642人(65.53×97,999/10,000)となり、
 * 本市の職員数は類似団体と比べ単純値(※1)ベースで75人(717-642)多い結果となっています」
 */
export function simpleComparisonSentence(input: SimpleComparisonInput): string {
  const avg = fixed(input.average);
  const diff = input.actual - input.reference;
  const date = formatWarekiDate(input.populationDate).replace(/^(\D+)(元|\d+)年/, (_, era: string, y: string) => `${era}${y}年(${input.populationDate.slice(0, 4)}年)`);
  const direction = diff > 0 ? `${fmt(diff)}人(${fmt(input.actual)}-${fmt(input.reference)})多い` : diff < 0 ? `${fmt(-diff)}人(${fmt(input.reference)}-${fmt(input.actual)})少ない` : "同数の";
  return (
    `前述の類似団体における人口1万人当たりの普通会計職員数の平均値 ${avg} 人に「${date}現在の${input.self}の人口/万人」を乗ずると、` +
    `${fmt(input.reference)}人(${avg}×${fmt(input.population)}/10,000)となり、${input.self}の職員数は類似団体と比べ単純値(※1)ベースで${direction}結果となっています`
  );
}

/**
 * 「修正値(※2)をみると、部門別超過率では商工部門が40.0%と最も高く、議会11.1%、総務・企画11.0%など、超過している部門もある」:
 * the sectors (not subtotals) over their 修正値 reference, highest rate first, the first three named.
 */
export function correctedExcessSentence(rows: readonly DiagnosisTableRow[]): string {
  const over = rows
    .filter((r) => !r.total && r.corrected !== null && r.corrected.excess > 0 && !Number.isNaN(r.corrected.rate))
    .sort((a, b) => (b.corrected?.rate ?? 0) - (a.corrected?.rate ?? 0));
  const [first, ...rest] = over;
  if (!first?.corrected) return "修正値(※2)をみると、類似団体の職員数を超過している部門はありません";
  const name = (r: DiagnosisTableRow) => r.name.replace(/\s/g, "");
  const others = rest.slice(0, 2).map((r) => `${name(r)}${formatTriangle(r.corrected?.rate ?? 0, 1)}%`);
  return `修正値(※2)をみると、部門別超過率では${name(first)}部門が${formatTriangle(first.corrected.rate, 1)}%と最も高く${others.length > 0 ? `、${others.join("、")}など` : ""}、超過している部門もある`;
}

export interface LaspeyresInput {
  fiscalYear: number;
  own: number;
  /** The comparators as the data name them (類似団体平均, 全国市平均 or 全国町村平均 …), in order. */
  comparators: { label: string; value: number }[];
  self: string;
}

/**
 * 「本市のラスパイレス指数は、国家公務員の給与水準より低い97.2(令和6年(2024年)4月1日現在)であり、
 * 類似団体平均(注2)の98.2、全国市平均の98.6を下回っている状況です」
 */
export function laspeyresSentence(input: LaspeyresInput): string {
  const level = input.own < 100 ? "より低い" : input.own > 100 ? "より高い" : "と同じ";
  const date = `${formatEraYear(input.fiscalYear).replace(/年度$/, "年")}(${input.fiscalYear}年)4月1日現在`;
  const label = (c: { label: string }) => (c.label === "類似団体平均" ? "類似団体平均(注2)" : c.label);
  const head = `${input.self}のラスパイレス指数は、国家公務員の給与水準${level}${input.own.toFixed(1)}(${date})であり、`;
  const words = input.comparators.map((c) => compareWord(input.own, c.value));
  if (input.comparators.length === 0) return `${head.replace(/であり、$/, "")}です`;
  if (words.every((w) => w === words[0])) {
    return `${head}${input.comparators.map((c) => `${label(c)}の${c.value.toFixed(1)}`).join("、")}を${words[0]}いる状況です`;
  }
  // Mixed: 「…の98.2を上回り、…の98.6を下回っている状況です」.
  const continuative = (w: string) => w.replace(/上回って$/, "上回り").replace(/下回って$/, "下回り").replace(/なって$/, "なり");
  const parts = input.comparators.map((c, i) => `${label(c)}の${c.value.toFixed(1)}を${i === input.comparators.length - 1 ? `${words[i] ?? ""}いる状況です` : continuative(words[i] ?? "")}`);
  return `${head}${parts.join("、")}`;
}
