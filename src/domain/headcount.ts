/**
 * 職員数 (headcount) per organisational unit and fiscal year, counted on the reference date (April 1, or the
 * first personnel order after a mayoral election). The categories and both totals follow the seed's 図表4.
 */
import { countProblem } from "./input-limits.js";

/** The figures recorded for one unit in one year. `staff` is the unit's count as 図表4 prints it. */
export const HEADCOUNT_CATEGORIES = [
  { key: "staff", label: "職員数", note: "派遣・休職・休業を含み、育児休業代替任期付職員を含まない" },
  { key: "seconded", label: "派遣職員", note: "うち数 (定数外)" },
  { key: "fixedTerm", label: "特定任期付・再任用フルタイム勤務職員", note: "うち数 (定数内)" },
  { key: "onLeave", label: "休職・休業", note: "うち数 (定数外)" },
  { key: "childcareSubstitutes", label: "育児休業代替任期付職員", note: "職員数の外数 (定数内)" },
] as const;

/** Key of a figure recorded per unit and year: staff (職員数) or one of its うち/外数 categories (seed 図表4). */
export type HeadcountCategory = (typeof HEADCOUNT_CATEGORIES)[number]["key"];
/** Every HeadcountCategory in 図表4's order (職員数 first). */
export const CATEGORY_KEYS: readonly HeadcountCategory[] = HEADCOUNT_CATEGORIES.map((c) => c.key);

/** A missing key means "not recorded", which is not the same as 0. */
export type HeadcountCounts = Partial<Record<HeadcountCategory, number>>;

/** The Japanese label of a category as 図表4 prints it (「派遣職員」); the key itself for an unknown key. Never throws. */
export function categoryLabel(key: HeadcountCategory): string {
  return HEADCOUNT_CATEGORIES.find((c) => c.key === key)?.label ?? key;
}

/** Reads a category from its key or the Japanese labels tables use (「うち派遣職員」, 「育休代替」…). */
export function categoryFromLabel(label: string): HeadcountCategory | undefined {
  const text = label.normalize("NFKC").replace(/[\s()（）]/g, "").replace(/^うち/, "");
  if ((CATEGORY_KEYS as readonly string[]).includes(text)) return text as HeadcountCategory;
  if (/^(職員数|職員|人数|総数|計)$/.test(text)) return "staff";
  if (/派遣/.test(text)) return "seconded";
  // gyokaku's only 外数, and the only one MIC's tables have: a row or column labelled 外数 is this one.
  if (/育児休業代替|育休代替|^外数/.test(text)) return "childcareSubstitutes";
  if (/特定任期付|再任用/.test(text)) return "fixedTerm";
  if (/休職|休業/.test(text)) return "onLeave";
  return undefined;
}

/** Problems with one unit's figures, in Japanese; empty when they are consistent. */
export function headcountProblems(counts: HeadcountCounts): string[] {
  const problems: string[] = [];
  for (const key of CATEGORY_KEYS) {
    const value = counts[key];
    if (value === undefined) continue;
    const problem = countProblem(categoryLabel(key), value);
    if (problem) problems.push(problem);
  }
  const staff = counts.staff;
  // The うち checks only mean something once every figure itself is a valid count.
  if (staff !== undefined && problems.length === 0) {
    for (const key of ["seconded", "fixedTerm", "onLeave"] as const) {
      const part = counts[key];
      if (part !== undefined && part > staff) problems.push(`${categoryLabel(key)}(${part})が職員数(${staff})を超えています`);
    }
    const outside = (counts.seconded ?? 0) + (counts.onLeave ?? 0);
    if (outside > staff) problems.push(`派遣職員と休職・休業の合計(${outside})が職員数(${staff})を超えています`);
  }
  return problems;
}

/**
 * 一般職(定数合計): the count that is held against the quota. Seconded-out staff and staff on leave are outside
 * the quota; the fixed-term staff who substitute for childcare leave are inside it (docs/DOMAIN.md, seed 図表4).
 */
export function quotaCountOf(counts: { staff: number; seconded: number; onLeave: number; childcareSubstitutes: number }): number {
  return counts.staff - counts.seconded - counts.onLeave + counts.childcareSubstitutes;
}
