/** Calendar dates as "YYYY-MM-DD" strings, computed without Date so that no time zone can shift a day. */

import { GyokakuError } from "./errors.js";

/** A calendar date as numbers: year (西暦), month 1–12, day 1–31. */
export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}


/** True for a Gregorian leap year (divisible by 4, except centuries not divisible by 400). Never throws. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days (日) in `month` (1–12) of `year`: 28–31. Never throws (any other month counts 31). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A "YYYY-MM-DD" text as year, month and day when the day exists (2025-02-29 does not); undefined otherwise. Never throws.
 */
export function parseIsoDate(s: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a real calendar date written strictly as "YYYY-MM-DD" (2024-02-29 yes, 2023-02-29 no). */
export function isValidIsoDate(s: string): boolean {
  return typeof s === "string" && parseIsoDate(s) !== undefined;
}

/**
 * A "YYYY-MM-DD" text as year, month and day.
 * @throws GyokakuError("invalid_input") 「日付は YYYY-MM-DD 形式の実在する日付で指定してください」 quoting the value when it is not a date that exists.
 */
export function requireIsoDate(date: string): Ymd {
  const ymd = typeof date === "string" ? parseIsoDate(date) : undefined;
  if (!ymd) throw new GyokakuError("invalid_input", `日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「${String(date)}」`);
  return ymd;
}

/** A date as "YYYY-MM-DD" (year padded to 4 digits). Never throws. */
export function formatIso({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The day before an ISO date (the day 年齢計算ニ関スル法律 has an age reached: 2025-01-01 → 2024-12-31).
 * @throws GyokakuError("invalid_input") as requireIsoDate when `iso` is not a date that exists.
 */
export function previousDay(iso: string): Ymd {
  const { year, month, day } = requireIsoDate(iso);
  if (day > 1) return { year, month, day: day - 1 };
  if (month > 1) return { year, month: month - 1, day: daysInMonth(year, month - 1) };
  return { year: year - 1, month: 12, day: 31 };
}

/** Japan Standard Time is UTC+9 all year (no daylight saving since 1951). */
const JST_OFFSET_MS = 9 * 3_600_000;

/**
 * The calendar date and clock time in Japan of an instant (a Date or milliseconds since the epoch), computed from
 * the instant given — the caller reads the clock, never this module: 2026-03-31T15:00:00Z → { date: "2026-04-01",
 * time: "00:00:00" }. The one place "which day is it in Japan" is decided (fiscal years turn on April 1 local time).
 * @throws RangeError (JavaScript's) only for an invalid Date — a bug in the caller.
 */
export function japanDateTimeOf(instant: Date | number): { date: string; time: string } {
  const iso = new Date((typeof instant === "number" ? instant : instant.getTime()) + JST_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** The date ("YYYY-MM-DD") in Japan of an instant: japanDateTimeOf(instant).date. @throws as japanDateTimeOf. */
export function japanDateOf(instant: Date | number): string {
  return japanDateTimeOf(instant).date;
}
