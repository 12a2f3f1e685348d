/** Calendar dates as "YYYY-MM-DD" strings, computed without Date so that no time zone can shift a day. */

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}


export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

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

export function requireIsoDate(date: string): Ymd {
  const ymd = typeof date === "string" ? parseIsoDate(date) : undefined;
  if (!ymd) throw new RangeError(`日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「${String(date)}」`);
  return ymd;
}

export function formatIso({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function previousDay(iso: string): Ymd {
  const { year, month, day } = requireIsoDate(iso);
  if (day > 1) return { year, month, day: day - 1 };
  if (month > 1) return { year, month: month - 1, day: daysInMonth(year, month - 1) };
  return { year: year - 1, month: 12, day: 31 };
}
