import { japanDateOf, japanDateTimeOf } from "../domain/calendar.js";
import { fiscalYearOf, formatDateBoth } from "../domain/era.js";

/** "2026-11-25T10:39:10.123Z" → { date: "2026-11-25", time: "19:39:10" } in Japan time. */
export function toJst(iso: string | Date): { date: string; time: string } {
  return japanDateTimeOf(new Date(iso));
}

/** A moment in Japan time, 和暦 with 西暦 as every date shown: "2026-11-25T10:39:10Z" → "令和8年(2026年)11月25日 19:39". */
export function formatTimestamp(iso: string): string {
  const { date, time } = toJst(iso);
  return `${formatDateBoth(date)} ${time.slice(0, 5)}`;
}

/**
 * The fiscal year (年度, April–March) of `now` in Japan: the edge's clock (web and CLI), passed on to services and the
 * domain as an argument. 2026-03-31 in Japan → 2025; 2026-04-01 → 2026 (January–March belong to the previous fiscal year).
 */
export function currentFiscalYear(now: Date = new Date()): number {
  return fiscalYearOf(japanDateOf(now));
}

/** Today's date in Japan ("YYYY-MM-DD") by the edge's clock (domain/calendar.ts japanDateOf decides the day). */
export function todayInJapan(now = new Date()): string {
  return japanDateOf(now);
}
