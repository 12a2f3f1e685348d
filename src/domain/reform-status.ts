/**
 * 取組状況の集計 (reform status summary, issue 13 point 4b), counted the way a city's progress report counts:
 * every item of the plan period, completed ones included, in two dimensions — 着手状況 (progress) and 達成度
 * (achievement) — with the change from the previous year per category. An item completed in an earlier year stays
 * in the count as 完了: completing an item moves it between categories, it never leaves the total.
 */
import { hasResult } from "./edition-carry.js";
import type { PlanCell } from "./reform.js";

/** 着手状況 */
export const PROGRESS_CATEGORIES = ["未着手", "取組中", "完了"] as const;
/** 着手状況 of an item: 未着手, 取組中 or 完了 (PROGRESS_CATEGORIES), as a city's progress report counts it. */
export type Progress = (typeof PROGRESS_CATEGORIES)[number];

/** 達成度; 未評価 (not yet verified by 推進本部) is counted apart so the three categories stay what they say. */
export const ACHIEVEMENT_CATEGORIES = ["未達成", "一部達成", "達成"] as const;
/** 達成度 of an item: 未達成, 一部達成, 達成 (ACHIEVEMENT_CATEGORIES), or 未評価 while 推進本部 has not verified it. */
export type Achievement = (typeof ACHIEVEMENT_CATEGORIES)[number] | "未評価";

/** One item's history as the summary needs it, for every year it appears in. */
export interface ItemLineage {
  lineageKey: string;
  name: string;
  /** The first fiscal year of an edition that carries the item. */
  firstYear: number;
  /** Fiscal years of the editions that carry the item. */
  editionYears: readonly number[];
  /** Fiscal years in which an edition marks the item 完了 (its 区分). */
  completedStateYears: readonly number[];
  /** 取組実績 by fiscal year. */
  results: Readonly<Record<number, PlanCell | undefined>>;
  /** 推進本部's verification by fiscal year: the evaluation and the decision (継続 / 完了 / 見直し). */
  verifications: Readonly<Record<number, { evaluation: string; decision: string } | undefined>>;
}

/**
 * 着手状況 of an item in a year: 完了 once marked or decided 完了 (in that year or before), or once it left the
 * editions after having been in them while editions of later years exist; 取組中 once any 取組実績 was reported up
 * to that year; 未着手 otherwise. `editionYears` are all the municipality's edition years.
 */
export function progressOf(item: ItemLineage, fiscalYear: number, allEditionYears: readonly number[]): Progress {
  const completed =
    item.completedStateYears.some((fy) => fy <= fiscalYear) ||
    Object.entries(item.verifications).some(([fy, v]) => Number(fy) <= fiscalYear && v?.decision === "完了") ||
    // Dropped from a later edition it should have been in: the carry-over only drops completed items.
    (allEditionYears.includes(fiscalYear) && !item.editionYears.includes(fiscalYear) && item.firstYear < fiscalYear);
  if (completed) return "完了";
  const started = Object.entries(item.results).some(([fy, cell]) => Number(fy) <= fiscalYear && hasResult(cell));
  return started ? "取組中" : "未着手";
}

/**
 * 達成度 from 推進本部's latest evaluation up to the year. The evaluation categories are the municipality's own
 * (best first, e.g. 達成 / 概ね達成 / 一部達成 / 未達成): the first reads 達成, the last 未達成, the others 一部達成;
 * a category named 達成 or 未達成 reads as itself wherever it stands.
 */
export function achievementOf(item: ItemLineage, fiscalYear: number, evaluations: readonly string[]): Achievement {
  const years = Object.keys(item.verifications)
    .map(Number)
    .filter((fy) => fy <= fiscalYear && item.verifications[fy] !== undefined)
    .sort((a, b) => b - a);
  const latest = years[0] === undefined ? undefined : item.verifications[years[0]];
  if (!latest) return "未評価";
  const e = latest.evaluation;
  if (e === "達成" || e === "未達成") return e;
  const index = evaluations.indexOf(e);
  if (index === 0) return "達成";
  if (index === evaluations.length - 1) return "未達成";
  return "一部達成";
}

/**
 * One category's count of items (件) in a year and its change from the previous year (件); C is Progress or Achievement.
 */
export interface StatusCount<C extends string> {
  category: C;
  count: number;
  /** The previous year's count; null when the previous year had no item. */
  previous: number | null;
  /** count − previous (null without a previous year). */
  change: number | null;
}

/**
 * 取組状況の集計 of one fiscal year (年度): the items (件) per 着手状況, per 達成度 and per pair of both, each with the
 * change from the previous year when that year had items. Built by the summary function of this file.
 */
export interface StatusSummary {
  fiscalYear: number;
  /** Items counted this year (the plan period so far, completed ones included). */
  total: number;
  previousTotal: number | null;
  byProgress: StatusCount<Progress>[];
  byAchievement: StatusCount<Achievement>[];
  /** Items per 着手状況 × 達成度 this year. */
  matrix: Record<Progress, Record<Achievement, number>>;
}

/**
 * Counts the items of the plan period in `fiscalYear` and in the year before, per 着手状況 and 達成度.
 * An item belongs to a year once an edition of that year or earlier carried it.
 */
export function summariseStatus(items: readonly ItemLineage[], fiscalYear: number, allEditionYears: readonly number[], evaluations: readonly string[]): StatusSummary {
  const inYear = (fy: number) => items.filter((i) => i.firstYear <= fy);
  const current = inYear(fiscalYear);
  const previous = inYear(fiscalYear - 1);
  const hasPrevious = previous.length > 0;
  const progress = (list: readonly ItemLineage[], fy: number) => list.map((i) => progressOf(i, fy, allEditionYears));
  const achievement = (list: readonly ItemLineage[], fy: number) => list.map((i) => achievementOf(i, fy, evaluations));
  function counts<C extends string>(categories: readonly C[], now: readonly C[], before: readonly C[]): StatusCount<C>[] {
    return categories.map((category) => {
      const count = now.filter((c) => c === category).length;
      const prev = hasPrevious ? before.filter((c) => c === category).length : null;
      return { category, count, previous: prev, change: prev === null ? null : count - prev };
    });
  }
  const nowProgress = progress(current, fiscalYear);
  const nowAchievement = achievement(current, fiscalYear);
  const achievementCategories: Achievement[] = [...ACHIEVEMENT_CATEGORIES, "未評価"];
  const matrix = Object.fromEntries(
    PROGRESS_CATEGORIES.map((p) => [p, Object.fromEntries(achievementCategories.map((a) => [a, current.filter((_, i) => nowProgress[i] === p && nowAchievement[i] === a).length]))]),
  ) as Record<Progress, Record<Achievement, number>>;
  return {
    fiscalYear,
    total: current.length,
    previousTotal: hasPrevious ? previous.length : null,
    byProgress: counts(PROGRESS_CATEGORIES, nowProgress, progress(previous, fiscalYear - 1)),
    byAchievement: counts(achievementCategories, nowAchievement, achievement(previous, fiscalYear - 1)),
    matrix,
  };
}
