import { formatDateBoth } from "../domain/era.js";

const JST_PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-11-25T10:39:10.123Z" → { date: "2026-11-25", time: "19:39:10" } in Japan time. */
export function toJst(iso: string | Date): { date: string; time: string } {
  const parts = Object.fromEntries(JST_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts["year"]}-${parts["month"]}-${parts["day"]}`, time: `${parts["hour"]}:${parts["minute"]}:${parts["second"]}` };
}

/** A moment in Japan time, 和暦 with 西暦 as every date shown: "2026-11-25T10:39:10Z" → "令和8年(2026年)11月25日 19:39". */
export function formatTimestamp(iso: string): string {
  const { date, time } = toJst(iso);
  return `${formatDateBoth(date)} ${time.slice(0, 5)}`;
}

/** Today's date in Japan ("YYYY-MM-DD"): fiscal years turn on April 1 local time. */
export function todayInJapan(now = new Date()): string {
  return toJst(now).date;
}
