import { formatFiscalYear } from "../../domain/era.js";
import type { LeaverRate } from "../../domain/projection.js";
import { retirementDayOf, type RetirementSchedule } from "../../domain/retirement.js";
import type { HiringMode, ScenarioParams } from "../../services/retirement-scenarios.js";

/** The hiring modes as the pages name them. */
export const MODE_LABELS: Record<HiringMode, string> = {
  levelled: "平準化",
  "one-for-one": "退職者数を補充",
  manual: "手入力",
};

export const MODE_NOTES: Record<HiringMode, string> = {
  levelled: "上限を守り、最終年度に目標の職員数に戻す採用者数を、各年度できるだけ均等に",
  "one-for-one": "前年度に退職した人数と同じ人数を毎年採用",
  manual: "年度ごとの採用者数を入力",
};

/** The objective of the levelled plan, stated plainly (the domain's levelledHiringPlan implements it). */
export const LEVELLED_OBJECTIVE = "上限を毎年守り、最終年度に目標の職員数に戻す採用計画のうち、各年度の採用者数のばらつき(二乗和)が最も小さいものを選びます。";

/** 0.015 → "1.5" (percent, without the sign). */
export function ratePercent(rate: number): string {
  return String(Math.round(rate * 100 * 1000) / 1000);
}

/** "18～29歳 3%" */
export function leaverRateText(r: LeaverRate): string {
  return `${r.fromAge}～${r.toAge}歳 ${ratePercent(r.rate)}%`;
}

/** The steps of a schedule as a sentence: 「令和4年度まで 60歳、令和5年度から 61歳、…」. */
export function stepsText(schedule: RetirementSchedule): string[] {
  return schedule.steps.map((step, i) => {
    const next = schedule.steps[i + 1];
    if (step.fromYear === null) return next?.fromYear ? `${formatFiscalYear(next.fromYear - 1)}まで ${step.age}歳` : `${step.age}歳`;
    return `${formatFiscalYear(step.fromYear)}から ${step.age}歳`;
  });
}

/** The steps as the schedule form takes them: "- 60" then "2023 61" per line. */
export function stepsInput(schedule: RetirementSchedule): string {
  return schedule.steps.map((s) => `${s.fromYear === null ? "-" : s.fromYear} ${s.age}`).join("\n");
}

/** "3月31日" */
export function retireOnText(schedule: RetirementSchedule): string {
  const on = retirementDayOf(schedule);
  return `${on.month}月${on.day}日`;
}

/** 全体 or the unit's name (with everything under it). */
export function scopeText(params: Pick<ScenarioParams, "scopeUnitId">, unitNames: ReadonlyMap<number, string>): string {
  if (params.scopeUnitId === null) return "全体";
  return `${unitNames.get(params.scopeUnitId) ?? `#${params.scopeUnitId}`}(下位組織を含む)`;
}

/** "令和7年度(2025年度)～令和17年度(2035年度)" */
export function spanText(params: Pick<ScenarioParams, "baseYear" | "toYear">): string {
  return `${formatFiscalYear(params.baseYear)}～${formatFiscalYear(params.toYear)}`;
}
