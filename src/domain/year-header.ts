/**
 * 年度の見出し (year headers) and 日付 (calendar dates) as imported tables write them. One reader for every importer:
 * - fiscal-year labels: 「令和7年度」「R7」「平成28年度」「2025年度」「令7 (2025)」 (see parseFiscalYear);
 * - survey dates, the way MIC and municipalities head their columns: 「H29.4.1」「平成30年4月1日現在」「R6.4.1」
 *   「2017-04-01」, or the serial Excel stores when such text is typed (42826 = 2017-04-01): the fiscal year the
 *   date falls in (an April-1 survey is the year it opens);
 * - kanji numerals 「平成二十八年四月一日現在」, brackets and notes 「(H13)」「H28(参考)」「【R6】」, 「H21年」;
 * - years without the era 「27」「27年」 under a title naming the era (context `era`), else refused with that reason.
 * Fiscal years outside the plausible span (1947, the Local Autonomy Act, to 30 years after the current one) are
 * refused: a row of data (「町 2540 2521」) is never a year header.
 * A calendar date is not a fiscal year: 昭和64年1月7日 exists (1989-01-07), 昭和64年度 does not; dates before
 * 1873-01-01 (明治6年, when Japan adopted the Gregorian calendar) are lunar-calendar dates and are refused.
 * Every failure is a GyokakuError("invalid_input") with a Japanese reason.
 */
import { daysInMonth, formatIso } from "./calendar.js";
import { ERAS, type Era, fiscalYearOf, parseFiscalYear } from "./era.js";
import { GyokakuError } from "./errors.js";
import { foldLookalikes } from "./text-fold.js";

/** The first fiscal year an import may carry: 昭和22年度, when the Local Autonomy Act (地方自治法) took effect. */
export const FIRST_PLAUSIBLE_FISCAL_YEAR = 1947;
/** How far ahead of the current fiscal year a header may reach (plans run at most this far). */
export const YEARS_AHEAD_PLAUSIBLE = 30;
/** The Gregorian calendar's first day in Japan (明治6年1月1日); earlier dates are of the lunar calendar. */
export const FIRST_GREGORIAN_DATE = "1873-01-01";

/**
 * What reading a year header needs beyond its text: the current fiscal year (年度, from the edge's clock, never read
 * here) and the era a title names.
 */
export interface YearHeaderContext {
  /** The current fiscal year (from the caller's clock): headers beyond it + 30 are refused. */
  currentFiscalYear: number;
  /** The era a title names (平成, 令和 …), for headers that write the year without it (「27」「27年」). */
  era?: string;
}

function refuse(message: string): never {
  throw new GyokakuError("invalid_input", message);
}

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 「二十八」 → 28, 「三十」 → 30, 「元」 stays; numbers up to 9999 written with 十 百 千 or digit by digit (「二〇一七」). */
function kanjiNumber(text: string): number | null {
  if (/^[〇零一二三四五六七八九]+$/.test(text)) return Number([...text].map((c) => KANJI_DIGITS[c]).join(""));
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in KANJI_DIGITS) {
      if (digit !== null) return null;
      digit = KANJI_DIGITS[ch] ?? 0;
      continue;
    }
    const unit = ch === "十" ? 10 : ch === "百" ? 100 : ch === "千" ? 1000 : 0;
    if (unit === 0) return null;
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** Kanji numerals → digits wherever they stand before 年, 月, 日 or 年度. */
function withDigits(text: string): string {
  return text.replace(/([〇零一二三四五六七八九十百千]+)(?=年|月|日)/g, (all, n: string) => {
    const v = kanjiNumber(n);
    return v === null ? all : String(v);
  });
}

/** Folded, spaces gone, brackets and notes peeled: 「(H13)」 → H13, 「H28(参考)」 → H28, 「平成30年4月1日現在」 → 平成30年4月1日. */
function cleaned(text: string): string {
  // A time Excel writes after a date cell saved as text (「2017/4/1 0:00:00」) goes before spaces do.
  let t = withDigits(foldLookalikes(text).replace(/(?<=\d)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2})?$/, "").replace(/\s+/g, "").toUpperCase());
  t = t.replace(/[【［[]/g, "(").replace(/[】］\]]/g, ")");
  // What the column counts, written around its date: 「職員数(R6.4.1)」「R6.4.1現在職員数」「現員 H30.4.1」.
  t = t.replace(/^(?:現在)?(?:職員数|現員数?|現在員|実人員|人数)(?=[(\dA-Z明大昭平令])/, "").replace(/(?<=[\d)日度年])(?:現在)?(?:の)?(?:職員数|現員数?|現在員|実人員|人数)$/, "");
  // Outer brackets around the whole label.
  while (/^\(([^()]*)\)$/.test(t)) t = t.slice(1, -1);
  // Notes in brackets that are not a year: (参考) (見込み) (予定) (実績) (当初) (注1) …
  t = t.replace(/\(([^()]*)\)/g, (all, inner: string) => (/\d/.test(inner) && !/^注/.test(inner) ? all : ""));
  t = t.replace(/(現在|時点|末日?現在?|調査|見込み?|予定|実績|当初|参考|※.*)$/g, "");
  return t;
}

const ERA_TOKENS: readonly [string, Era][] = ERAS.flatMap((era) => [
  [era.name, era] as [string, Era],
  [era.short, era] as [string, Era],
  [era.letter, era] as [string, Era],
]).sort((a, b) => b[0].length - a[0].length);

function eraOf(token: string): Era | undefined {
  return ERA_TOKENS.find(([t]) => t === token)?.[1];
}

const ERA_ALTERNATION = ERA_TOKENS.map(([t]) => t).join("|");
const ERA_DATE = new RegExp(`^(${ERA_ALTERNATION})\\.?(元|\\d{1,2})[.年/-](\\d{1,2})[.月/-](\\d{1,2})日?$`);
// A month without its day (「平成30年4月」「H30.4」「2018年4月」): the fiscal year of that month.
const ERA_MONTH = new RegExp(`^(?:${ERA_ALTERNATION})\\.?(?:元|\\d{1,2})[.年/-]\\d{1,2}月?$`);
const GREGORIAN_MONTH = /^\d{4}[年/-]\d{1,2}月?$/;
// A date whose era is left to the title: 「30.4.1」「30年4月1日」.
const ERALESS_DATE = /^(元|\d{1,2})[.年/-](\d{1,2})[.月/-](\d{1,2})日?$/;
const GREGORIAN_DATE = /^(\d{4})[.年/-](\d{1,2})[.月/-](\d{1,2})日?(?:T?00:00(?::00)?)?$/;

/**
 * A calendar date as tables write it (「平成30年4月1日」「H30.4.1」「2018/4/1」「昭和64年1月7日」) → "YYYY-MM-DD";
 * null when the text is not a date. @throws GyokakuError when it looks like a date that never was: 2月30日, a day
 * outside its era (昭和64年1月8日, 平成元年1月7日), or a date before 1873-01-01 (lunar calendar).
 */
export function readCalendarDate(text: string): string | null {
  const t = cleaned(text);
  let year: number;
  let month: number;
  let day: number;
  let era: Era | undefined;
  const e = ERA_DATE.exec(t);
  const g = GREGORIAN_DATE.exec(t);
  if (e) {
    era = eraOf(e[1] ?? "");
    if (!era) return null;
    const n = e[2] === "元" ? 1 : Number(e[2]);
    year = era.startYear + n - 1;
    month = Number(e[3]);
    day = Number(e[4]);
  } else if (g) {
    year = Number(g[1]);
    month = Number(g[2]);
    day = Number(g[3]);
  } else return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) refuse(`存在しない日付です: 「${text}」`);
  const iso = formatIso({ year, month, day });
  if (iso < FIRST_GREGORIAN_DATE) {
    refuse(`「${text}」は明治6年(1873年)1月1日より前の日付で、旧暦(太陰太陽暦)の日付です。西暦の日付に換算できないため読みません`);
  }
  if (era) {
    const next = ERAS[ERAS.indexOf(era) + 1];
    if (iso < era.start) refuse(`存在しない日付です: 「${text}」(${era.name}は${era.start.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")}から)`);
    if (next && iso >= next.start && !era.endAnnouncedInAdvance) {
      refuse(`存在しない日付です: 「${text}」(${era.name}は${next.start.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")}の前日まで。この日は${next.name}です)`);
    }
  }
  return iso;
}

/** Excel's serial for a date (1900 date system): 42826 → "2017-04-01"; null outside 1 … 2958465. */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = serial < 61 ? serial + 1 : serial;
  return new Date((days - 25569) * 86_400_000).toISOString().slice(0, 10);
}

function plausible(fy: number, text: string, context: YearHeaderContext): number {
  const last = context.currentFiscalYear + YEARS_AHEAD_PLAUSIBLE;
  if (fy < FIRST_PLAUSIBLE_FISCAL_YEAR || fy > last) {
    refuse(`「${text}」は${fy}年度と読めますが、年度の見出しとしてありえません (${FIRST_PLAUSIBLE_FISCAL_YEAR}年度から${last}年度まで)`);
  }
  return fy;
}

/**
 * A column header → its fiscal year (see the module comment for every form read).
 * @throws GyokakuError("invalid_input") naming the text and the reason: not a year, an era-less year without an
 * era in the title, a date that never was, or a fiscal year outside FIRST_PLAUSIBLE_FISCAL_YEAR … current + 30.
 */
export function readYearHeader(text: string, context: YearHeaderContext): number {
  if (typeof text !== "string") refuse("年度の見出しが文字列ではありません");
  const t = cleaned(text);
  if (t === "") refuse(`年度として読めません: 「${text}」(空欄です)`);
  // A year beside the date or label, in brackets (「平成30年4月1日(2018)」): it must agree with what it annotates.
  // (Labels such as 「令7 (2025)」 are parseFiscalYear's to check.)
  const annotated = /^(.+)\((\d{4})(?:年度?)?\)$/.exec(t);
  const annotatedDate = annotated ? readCalendarDate(annotated[1] ?? "") : null;
  if (annotated && annotatedDate !== null) {
    const inner = Number(annotated[2]);
    const fiscalYear = fiscalYearOf(annotatedDate);
    if (inner !== fiscalYear && Number(annotatedDate.slice(0, 4)) !== inner) refuse(`「${text}」の日付と括弧内の${inner}年が合いません`);
    return plausible(fiscalYear, text, context);
  }
  const date = readCalendarDate(text);
  if (date !== null) return plausible(fiscalYearOf(date), text, context);
  if (ERA_MONTH.test(t) || GREGORIAN_MONTH.test(t)) {
    const first = readCalendarDate(`${t.replace(/月$/, "").replace(/[.年/-](\d{1,2})$/, "年$1月")}1日`);
    if (first !== null) return plausible(fiscalYearOf(first), text, context);
  }
  const eralessDate = ERALESS_DATE.exec(t);
  if (eralessDate) {
    const era = context.era === undefined ? undefined : eraOf(foldLookalikes(context.era).toUpperCase());
    if (!era) refuse(`「${text}」には元号がありません。表題に「平成」「令和」などの元号を書くか、「H30.4.1」「令和6年4月1日」のように書いてください`);
    const dated = readCalendarDate(`${era.name}${eralessDate[1]}年${eralessDate[2]}月${eralessDate[3]}日`);
    if (dated !== null) return plausible(fiscalYearOf(dated), text, context);
  }
  // An Excel date serial of a typed survey date, as a CSV saved from a date cell holds it: only April 1 is taken.
  if (/^\d{5}$/.test(t)) {
    const iso = excelSerialToIsoDate(Number(t));
    if (iso?.endsWith("-04-01")) return plausible(fiscalYearOf(iso), text, context);
    refuse(`年度として読めません: 「${text}」(5桁の数は4月1日の日付の値のときだけ年度として読みます)`);
  }
  const eraLess = /^(元|\d{1,2})年?度?$/.exec(t);
  if (eraLess) {
    const era = context.era === undefined ? undefined : eraOf(foldLookalikes(context.era).toUpperCase());
    if (!era) refuse(`「${text}」には元号がありません。表題に「平成」「令和」などの元号を書くか、「H27」「令和7年度」のように書いてください`);
    return plausible(parseYearLabel(`${era.name}${eraLess[1]}年度`, text), text, context);
  }
  return plausible(parseYearLabel(t.replace(/年$/, "年度"), text), text, context);
}

function parseYearLabel(label: string, original: string): number {
  try {
    return parseFiscalYear(label);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(reason.includes(`「${label}」`) ? reason.replace(`「${label}」`, `「${original}」`) : reason);
  }
}

/** The era a title names (「平成28年4月1日現在」「平成27年度〜」) for era-less year headers; undefined when none. */
export function eraNamedIn(text: string): string | undefined {
  const t = foldLookalikes(text);
  const m = /(明治|大正|昭和|平成|令和)/.exec(t);
  return m?.[1];
}

/**
 * readYearHeader without the throw: the fiscal year (年度), or the reason in Japanese.
 * @throws only what is not a GyokakuError (a bug), as it is; a header's refusal is returned, never thrown.
 */
export function tryYearHeader(text: string, context: YearHeaderContext): { ok: true; value: number } | { ok: false; message: string } {
  try {
    return { ok: true, value: readYearHeader(text, context) };
  } catch (error) {
    if (error instanceof GyokakuError) return { ok: false, message: error.message };
    throw error;
  }
}
