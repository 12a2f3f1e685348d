/**
 * 年度 (fiscal year) and 和暦 (Japanese era calendar).
 *
 * Fiscal year N runs N-04-01 … (N+1)-03-31. Dates are "YYYY-MM-DD" strings, never Date objects,
 * so the result cannot shift with the host time zone (a fiscal year turns on April 1 local time).
 * Intl is not used: `ja-JP-u-ca-japanese` prints 令和1, while documents write 元年 (first year of an era).
 */

import { formatIso, isValidIsoDate, previousDay, requireIsoDate, type Ymd } from "./calendar.js";
import { GyokakuError } from "./errors.js";

export { isValidIsoDate };

/** A Japanese era (元号) with the forms tables write it in; ERAS lists them. */
export interface Era {
  /** 元号 (era name), e.g. 令和. */
  readonly name: string;
  /** One-character form used in tables: 平17, 令7. */
  readonly short: string;
  /** Latin initial used in tables: H31, R7. */
  readonly letter: string;
  /** First day of the era, "YYYY-MM-DD". */
  readonly start: string;
  /** Year 1 (元年) of the era in the Gregorian calendar. */
  readonly startYear: number;
  /**
   * The era's end was public before it happened (平成: the 2017 abdication law), so forms printed
   * earlier carry years past the end, e.g. 平成32年度 = 2020. Such labels are accepted and normalised.
   */
  readonly endAnnouncedInAdvance: boolean;
  /**
   * For an era whose end was announced in advance: the last year a form printed before the change can carry.
   * 平成: plans printed up to 平成31年4月 ran at most ten years ahead (平成31 + 9 = 平成40 = 2028年度), so
   * 「平成40年度」 is read as 2028 and 「平成41年度」 or 「H99」 is refused.
   */
  readonly lastYearOnForms?: number;
}

/**
 * The eras from 明治, oldest first, with their first days (元号法 and the 改元 proclamations). 明治 is counted from 1868
 * (docs/DOMAIN.md), although it was proclaimed later that year.
 */
export const ERAS: readonly Era[] = [
  { name: "明治", short: "明", letter: "M", start: "1868-01-25", startYear: 1868, endAnnouncedInAdvance: false },
  { name: "大正", short: "大", letter: "T", start: "1912-07-30", startYear: 1912, endAnnouncedInAdvance: false },
  { name: "昭和", short: "昭", letter: "S", start: "1926-12-25", startYear: 1926, endAnnouncedInAdvance: false },
  { name: "平成", short: "平", letter: "H", start: "1989-01-08", startYear: 1989, endAnnouncedInAdvance: true, lastYearOnForms: 40 },
  { name: "令和", short: "令", letter: "R", start: "2019-05-01", startYear: 2019, endAnnouncedInAdvance: false },
];

const FIRST_FISCAL_YEAR = 1868;
// Four-digit years only, so every fiscal year this module prints can be read back.
const LAST_FISCAL_YEAR = 9999;

function formatGregorianDateJa({ year, month, day }: Ymd): string {
  return `${year}年${month}月${day}日`;
}

// ---------------------------------------------------------------------------
// Eras

/** Last day of the era, or undefined for the current one. An era ends the day before the next starts. */
function lastDayOf(era: Era): Ymd | undefined {
  const next = ERAS[ERAS.indexOf(era) + 1];
  return next ? previousDay(next.start) : undefined;
}

function yearNumeral(n: number): string {
  return n === 1 ? "元" : String(n);
}

function requireFiscalYear(fy: number): void {
  if (!Number.isInteger(fy) || fy < FIRST_FISCAL_YEAR || fy > LAST_FISCAL_YEAR) {
    throw new GyokakuError(
      "invalid_input",
      `年度は ${FIRST_FISCAL_YEAR} から ${LAST_FISCAL_YEAR} までの整数で指定してください: ${String(fy)}`,
    );
  }
}

/** The era a fiscal year is named after: after a change the whole fiscal year takes the new name. */
function eraOfFiscalYear(fy: number): Era {
  requireFiscalYear(fy);
  let found: Era | undefined;
  for (const era of ERAS) if (era.startYear <= fy) found = era;
  // An internal invariant, not an input check: requireFiscalYear guarantees fy ≥ 1868, the start year of the first era,
  // so this is unreachable unless ERAS is broken (a plain Error: a bug, a 500; domain-errors.test.ts allows it).
  if (!found) throw new Error(`年度に対応する元号がありません: ${fy}`);
  return found;
}

// ---------------------------------------------------------------------------
// Fiscal years

/** Fiscal year containing the date: "2025-03-31" → 2024, "2025-04-01" → 2025. */
export function fiscalYearOf(date: string): number {
  const { year, month } = requireIsoDate(date);
  return month >= 4 ? year : year - 1;
}

/** 2025 → "令和7年度", 2019 → "令和元年度" (no Gregorian part). */
export function formatEraYear(fy: number): string {
  const era = eraOfFiscalYear(fy);
  return `${era.name}${yearNumeral(fy - era.startYear + 1)}年度`;
}

/** 2025 → "令和7年度(2025年度)": the seed shows both readings everywhere. */
export function formatFiscalYear(fy: number): string {
  return `${formatEraYear(fy)}(${fy}年度)`;
}

/** Table form: 2025 → "令7", 2019 → "令元". */
export function formatFiscalYearShort(fy: number): string {
  const era = eraOfFiscalYear(fy);
  return `${era.short}${yearNumeral(fy - era.startYear + 1)}`;
}

/**
 * A day as the seed writes dates, 和暦 with 西暦: "2025-07-31" → "令和7年(2025年)7月31日".
 * @throws GyokakuError("invalid_input") as formatWarekiDate does (a date that does not exist, or before 1873).
 */
export function formatDateBoth(date: string): string {
  const wareki = formatWarekiDate(date);
  return wareki.replace(/^(\D+(?:元|\d+)年)/, `$1(${date.slice(0, 4)}年)`);
}

/**
 * A date (YYYY-MM-DD) in 和暦: "2019-04-30" → "平成31年4月30日", "2019-05-01" → "令和元年5月1日" (元年 for year 1).
 * @throws GyokakuError("invalid_input") when `date` is no real YYYY-MM-DD date (requireIsoDate), is before 明治
 *   (1868-01-25), or is before 1873-01-01 (明治5年 kept the lunar calendar: no 和暦 date of the same day).
 */
export function formatWarekiDate(date: string): string {
  const ymd = requireIsoDate(date);
  const iso = formatIso(ymd);
  let found: Era | undefined;
  // ISO strings of equal length compare in date order.
  for (const era of ERAS) if (era.start <= iso) found = era;
  if (!found) {
    throw new GyokakuError("invalid_input", `明治より前の日付は和暦にできません: 「${date}」(明治は1868年1月25日から)`);
  }
  // Until 明治5年12月2日 Japan kept the lunar calendar; the Gregorian 1868-01-25 … 1872-12-31 has no 和暦 date of the
  // same day (明治5年12月3日 became 明治6年1月1日 = 1873-01-01). Printing one would name a day that never was.
  if (iso < "1873-01-01") {
    throw new GyokakuError("invalid_input", `1873年1月1日より前の日付は和暦にできません: 「${date}」(明治5年までは旧暦で、西暦の日付とは日が一致しません)`);
  }
  return `${found.name}${yearNumeral(ymd.year - found.startYear + 1)}年${ymd.month}月${ymd.day}日`;
}

// ---------------------------------------------------------------------------
// Parsing fiscal-year labels

type Reading =
  | { readonly kind: "era"; readonly era: Era; readonly year: number; readonly fy: number }
  | { readonly kind: "gregorian"; readonly fy: number };

function describe(reading: Reading): string {
  if (reading.kind === "gregorian") return `${reading.fy}年度`;
  return `${reading.era.name}${yearNumeral(reading.year)}年度=${reading.fy}年度`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const ERA_BY_TOKEN: ReadonlyMap<string, Era> = new Map(
  ERAS.flatMap((era) => [
    [era.name, era],
    [era.short, era],
    [era.letter, era],
  ]),
);

// Longest tokens first so that 平成 is not read as 平 + "成…".
const ERA_TOKEN_PATTERN = [...ERA_BY_TOKEN.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join("|");

// "年" alone is read as the fiscal year too: headers and pre-printed forms write 平成32年 for 平成32年度 (docs/DOMAIN.md).
const ERA_LABEL = new RegExp(`^(${ERA_TOKEN_PATTERN})(元|\\d{1,4})(?:年度?)?$`);
const GREGORIAN_LABEL = /^(?:FY)?(\d+)(?:年度?)?$/;
const COMBINED_LABEL = /^([^()]+)\(([^()]+)\)$/;

function unreadable(label: string, hint?: string): GyokakuError {
  return new GyokakuError("invalid_input", `年度として読めません: 「${label}」${hint ? `(${hint})` : ""}`);
}

function readSimple(text: string, label: string): Reading {
  const eraMatch = ERA_LABEL.exec(text);
  if (eraMatch) {
    const era = ERA_BY_TOKEN.get(eraMatch[1] ?? "");
    const numeral = eraMatch[2] ?? "";
    if (!era) throw unreadable(label);
    const year = numeral === "元" ? 1 : Number(numeral);
    if (year < 1) {
      throw new GyokakuError("invalid_input", `存在しない年度です: 「${label}」(${era.name}は元年(1年)から数えます)`);
    }
    const fy = era.startYear + year - 1;
    if (era.lastYearOnForms !== undefined && year > era.lastYearOnForms) {
      throw new GyokakuError(
        "invalid_input",
        `存在しない年度です: 「${label}」(${era.name}は${era.name}${era.lastYearOnForms}年度(${era.startYear + era.lastYearOnForms - 1}年度)までの表記だけを読みます。` +
          `${fy}年度は${formatEraYear(Math.min(fy, LAST_FISCAL_YEAR))}です)`,
      );
    }
    if (fy > LAST_FISCAL_YEAR) {
      throw new GyokakuError("invalid_input", `年度の範囲外です: 「${label}」(${LAST_FISCAL_YEAR}年度まで)`);
    }
    // The label exists only if the era was still in effect on some day of that fiscal year,
    // i.e. it had not ended before April 1: 平成31年度 exists, 昭和64年度 does not.
    const lastDay = lastDayOf(era);
    if (lastDay && !era.endAnnouncedInAdvance && formatIso(lastDay) < `${fy}-04-01`) {
      throw new GyokakuError(
        "invalid_input",
        `存在しない年度です: 「${label}」(${era.name}は${formatGregorianDateJa(lastDay)}に終わり、` +
          `${fy}年度は${formatEraYear(fy)}です)`,
      );
    }
    return { kind: "era", era, year, fy };
  }

  const gregorianMatch = GREGORIAN_LABEL.exec(text);
  if (gregorianMatch) {
    const digits = gregorianMatch[1] ?? "";
    const fy = Number(digits);
    if (digits.length !== 4 || fy < FIRST_FISCAL_YEAR) {
      throw new GyokakuError(
        "invalid_input",
        `年度の範囲外です: 「${label}」(西暦は${FIRST_FISCAL_YEAR}年度から${LAST_FISCAL_YEAR}年度まで)`,
      );
    }
    return { kind: "gregorian", fy };
  }

  throw unreadable(label);
}

/**
 * Reads a fiscal-year label into its Gregorian fiscal year:
 * "令和7年度", "令7", "R7", "H31", "平成31年度", "令和元年度", "2025年度", "FY2025", full-width forms,
 * and the combined forms "令和7年度(2025年度)", "令7 (2025)". In a combined form both readings must agree
 * (the seed's header "平28 (2015)" does not: 平成28年度 is 2016), otherwise it throws instead of picking one.
 * @throws GyokakuError("invalid_input") quoting the label: unreadable, blank, a year the era never had (昭和65年度),
 * outside 1868 … 9999, or a combined form whose readings disagree.
 */
export function parseFiscalYear(label: string): number {
  // The type says string, but a caller may hand on an untyped value (a JSON field, a cell read as a number): the data's
  // fault, refused like any unreadable label.
  if (typeof label !== "string") throw new GyokakuError("invalid_input", `年度は文字列で指定してください: ${String(label)}`);
  // NFKC folds full-width digits, letters, brackets and spaces (and ㍻/㋿) to their plain forms.
  const text = label.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (text === "") throw unreadable(label, "空欄です");

  const combined = COMBINED_LABEL.exec(text);
  if (combined) {
    const outer = readSimple(combined[1] ?? "", label);
    const inner = readSimple(combined[2] ?? "", label);
    if (outer.fy !== inner.fy) {
      throw new GyokakuError(
        "invalid_input",
        `年度の表記が矛盾しています: 「${label}」は ${describe(outer)} ですが、括弧内は ${describe(inner)} です`,
      );
    }
    return outer.fy;
  }
  return readSimple(text, label).fy;
}
