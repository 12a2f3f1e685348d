/** "Which day is it in Japan" is decided in one place (domain/calendar.ts japanDateTimeOf), from an instant passed in. */
import { describe, expect, it } from "vitest";
import { japanDateOf, japanDateTimeOf } from "../../src/domain/calendar.js";
import { savedAtText } from "../../src/domain/hearing-conflict.js";
import { currentFiscalYear, todayInJapan, toJst } from "../../src/web/format.js";

describe("japanDateTimeOf", () => {
  it("is UTC+9: 2026-03-31 15:00 UTC is already April 1 in Japan, 14:59 UTC is still March 31", () => {
    expect(japanDateTimeOf(new Date("2026-03-31T14:59:59Z"))).toEqual({ date: "2026-03-31", time: "23:59:59" });
    expect(japanDateTimeOf(Date.parse("2026-03-31T15:00:00Z"))).toEqual({ date: "2026-04-01", time: "00:00:00" });
    expect(japanDateOf(Date.parse("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });

  it("every reader of the day agrees: the web edge, the fiscal year, the conflict message", () => {
    const lateMarch = new Date("2026-03-31T14:59:00Z");
    const april = new Date("2026-03-31T15:00:00Z");
    expect(todayInJapan(lateMarch)).toBe("2026-03-31");
    expect(todayInJapan(april)).toBe("2026-04-01");
    expect(currentFiscalYear(lateMarch)).toBe(2025);
    expect(currentFiscalYear(april)).toBe(2026);
    expect(toJst("2026-03-31T15:00:00Z")).toEqual({ date: "2026-04-01", time: "00:00:00" });
    expect(savedAtText("2026-03-31T15:00:00Z")).toBe("令和8年(2026年)4月1日 00:00");
  });
});
