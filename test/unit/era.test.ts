import { describe, it, expect } from "vitest";
import {
  ERAS,
  fiscalYearOf,
  formatEraYear,
  formatFiscalYear,
  formatFiscalYearShort,
  formatWarekiDate,
  isValidIsoDate,
  parseFiscalYear,
} from "../../src/domain/era.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { invalidInput } from "../support/errors.js";

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GyokakuError);
    expect((error as GyokakuError).code).toBe("invalid_input");
    return (error as GyokakuError).message;
  }
  throw new Error("expected a GyokakuError, nothing was thrown");
}

describe("ERAS", () => {
  it("lists the five modern eras in order with their first days", () => {
    expect(ERAS.map((e) => [e.name, e.letter, e.start])).toEqual([
      ["明治", "M", "1868-01-25"],
      ["大正", "T", "1912-07-30"],
      ["昭和", "S", "1926-12-25"],
      ["平成", "H", "1989-01-08"],
      ["令和", "R", "2019-05-01"],
    ]);
  });

  it("marks only 平成 as an era whose end was announced in advance", () => {
    expect(ERAS.filter((e) => e.endAnnouncedInAdvance).map((e) => e.name)).toEqual(["平成"]);
  });

  it("counts each era's 元年 from the calendar year of its first day", () => {
    for (const era of ERAS) expect(era.startYear).toBe(Number(era.start.slice(0, 4)));
  });
});

describe("isValidIsoDate", () => {
  it("accepts real dates written YYYY-MM-DD, including leap days", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2000-02-29")).toBe(true);
    expect(isValidIsoDate("2025-12-31")).toBe(true);
  });

  it("rejects dates that do not exist on the calendar", () => {
    expect(isValidIsoDate("2023-02-29")).toBe(false);
    expect(isValidIsoDate("1900-02-29")).toBe(false);
    expect(isValidIsoDate("2025-04-31")).toBe(false);
    expect(isValidIsoDate("2025-13-01")).toBe(false);
    expect(isValidIsoDate("2025-00-10")).toBe(false);
    expect(isValidIsoDate("2025-01-00")).toBe(false);
  });

  it("rejects any other layout", () => {
    for (const s of ["", "2025-4-1", "2025/04/01", "20250401", "2025-04-01T00:00:00", " 2025-04-01", "２０２５-04-01"]) {
      expect(isValidIsoDate(s)).toBe(false);
    }
  });
});

describe("fiscalYearOf", () => {
  it("puts March 31 in the previous fiscal year: 2025-03-31 → 2024", () => {
    expect(fiscalYearOf("2025-03-31")).toBe(2024);
  });

  it("starts the fiscal year on April 1: 2025-04-01 → 2025", () => {
    expect(fiscalYearOf("2025-04-01")).toBe(2025);
  });

  it("keeps January to March in the fiscal year that began the previous April", () => {
    expect(fiscalYearOf("2025-01-01")).toBe(2024);
    expect(fiscalYearOf("2024-12-31")).toBe(2024);
  });

  it("handles leap days: 2024-02-29 is in fiscal 2023", () => {
    expect(fiscalYearOf("2024-02-29")).toBe(2023);
  });

  it("refuses dates that do not exist or are not YYYY-MM-DD", () => {
    for (const s of ["2023-02-29", "2025-04-31", "2025-4-1", "2025/04/01", "", "令和7年4月1日"]) {
      expect(() => fiscalYearOf(s)).toThrow(invalidInput(`日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「${s}」`));
    }
  });
});

describe("formatFiscalYear", () => {
  it("writes both readings as the seed does: 2025 → 令和7年度(2025年度)", () => {
    expect(formatFiscalYear(2025)).toBe("令和7年度(2025年度)");
  });

  it("names the whole fiscal year after the new era: 2019 → 令和元年度", () => {
    expect(formatFiscalYear(2019)).toBe("令和元年度(2019年度)");
  });

  it("writes the first year of an era as 元年: 1989 → 平成元年度", () => {
    expect(formatFiscalYear(1989)).toBe("平成元年度(1989年度)");
  });

  it("follows 昭和63年度 directly with 平成元年度 (there is no 昭和64年度)", () => {
    expect(formatFiscalYear(1988)).toBe("昭和63年度(1988年度)");
    expect(formatFiscalYear(1989)).toBe("平成元年度(1989年度)");
  });

  it("names each era-change fiscal year after the new era", () => {
    expect(formatFiscalYear(1868)).toBe("明治元年度(1868年度)");
    expect(formatFiscalYear(1911)).toBe("明治44年度(1911年度)");
    expect(formatFiscalYear(1912)).toBe("大正元年度(1912年度)");
    expect(formatFiscalYear(1925)).toBe("大正14年度(1925年度)");
    expect(formatFiscalYear(1926)).toBe("昭和元年度(1926年度)");
    expect(formatFiscalYear(2018)).toBe("平成30年度(2018年度)");
  });

  it("refuses non-integers and years before 明治", () => {
    for (const y of [1867, 0, -1, 2025.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatFiscalYear(y)).toThrow(invalidInput(`年度は 1868 から 9999 までの整数で指定してください: ${y}`));
    }
  });
});

describe("formatEraYear and formatFiscalYearShort", () => {
  it("writes the era part alone: 2025 → 令和7年度", () => {
    expect(formatEraYear(2025)).toBe("令和7年度");
    expect(formatEraYear(2019)).toBe("令和元年度");
  });

  it("writes the table form with the one-character era: 2025 → 令7, 2005 → 平17", () => {
    expect(formatFiscalYearShort(2025)).toBe("令7");
    expect(formatFiscalYearShort(2005)).toBe("平17");
    expect(formatFiscalYearShort(1963)).toBe("昭38");
  });

  it("writes 元 in the table form too: 2019 → 令元", () => {
    expect(formatFiscalYearShort(2019)).toBe("令元");
  });

  it("refuses years before 明治", () => {
    expect(() => formatEraYear(1867)).toThrow(invalidInput("年度は 1868 から 9999 までの整数で指定してください: 1867"));
    expect(() => formatFiscalYearShort(1867)).toThrow(invalidInput("年度は 1868 から 9999 までの整数で指定してください: 1867"));
  });
});

describe("formatWarekiDate", () => {
  it("changes era on the day the new era starts, not at the fiscal year", () => {
    expect(formatWarekiDate("2019-04-30")).toBe("平成31年4月30日");
    expect(formatWarekiDate("2019-05-01")).toBe("令和元年5月1日");
  });

  it("writes 昭和64年 for the seven days of 1989 before 平成", () => {
    expect(formatWarekiDate("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatWarekiDate("1989-01-08")).toBe("平成元年1月8日");
  });

  it("switches at every era boundary, on both sides", () => {
    expect(formatWarekiDate("1912-07-29")).toBe("明治45年7月29日");
    expect(formatWarekiDate("1912-07-30")).toBe("大正元年7月30日");
    expect(formatWarekiDate("1926-12-24")).toBe("大正15年12月24日");
    expect(formatWarekiDate("1926-12-25")).toBe("昭和元年12月25日");
  });

  it("refuses Gregorian dates before 1873-01-01: until 明治5年 Japan kept the lunar calendar, so no 和暦 day matches", () => {
    expect(() => formatWarekiDate("1868-01-25")).toThrow("1873年1月1日より前の日付は和暦にできません: 「1868-01-25」(明治5年までは旧暦で、西暦の日付とは日が一致しません)");
    expect(() => formatWarekiDate("1872-12-31")).toThrow(invalidInput(/^1873年1月1日より前の日付は和暦にできません: 「1872-12-31」/));
    expect(formatWarekiDate("1873-01-01")).toBe("明治6年1月1日");
  });

  it("writes month and day without leading zeros", () => {
    expect(formatWarekiDate("2025-09-05")).toBe("令和7年9月5日");
  });

  it("handles leap days", () => {
    expect(formatWarekiDate("2024-02-29")).toBe("令和6年2月29日");
    expect(() => formatWarekiDate("2023-02-29")).toThrow(invalidInput("日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「2023-02-29」"));
  });

  it("refuses dates before 明治", () => {
    expect(() => formatWarekiDate("1868-01-24")).toThrow(invalidInput("明治より前の日付は和暦にできません: 「1868-01-24」(明治は1868年1月25日から)"));
    expect(() => formatWarekiDate("1000-01-01")).toThrow(invalidInput(/^明治より前の日付は和暦にできません: 「1000-01-01」/));
  });

  it("refuses anything that is not YYYY-MM-DD", () => {
    for (const s of ["", "2019/05/01", "2019-5-1", "令和元年5月1日"]) {
      expect(() => formatWarekiDate(s)).toThrow(invalidInput(`日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「${s}」`));
    }
  });
});

describe("parseFiscalYear", () => {
  it.each([
    ["令和7年度", 2025],
    ["令7", 2025],
    ["R7", 2025],
    ["r7", 2025],
    ["R7年度", 2025],
    ["平成31年度", 2019],
    ["令和元年度", 2019],
    ["令和1年度", 2019],
    ["H17", 2005],
    ["平成17年度", 2005],
    ["平17", 2005],
    ["S38", 1963],
    ["昭和63年度", 1988],
    ["2025年度", 2025],
    ["2025", 2025],
    ["FY2025", 2025],
    ["fy2025", 2025],
    ["令元", 2019],
    ["H31", 2019],
    ["明治元年度", 1868],
    ["M45", 1912],
    ["大正元年度", 1912],
    ["T15", 1926],
  ])("reads %s as fiscal %i", (label, fy) => {
    expect(parseFiscalYear(label)).toBe(fy);
  });

  it("reads full-width digits and letters", () => {
    expect(parseFiscalYear("令和７年度")).toBe(2025);
    expect(parseFiscalYear("Ｒ７")).toBe(2025);
    expect(parseFiscalYear("２０２５年度")).toBe(2025);
    expect(parseFiscalYear("ＦＹ２０２５")).toBe(2025);
  });

  it("ignores half- and full-width spaces around and inside the label", () => {
    expect(parseFiscalYear("  令和7年度 ")).toBe(2025);
    expect(parseFiscalYear("令和 7 年度")).toBe(2025);
    expect(parseFiscalYear("\u3000令和\u30007年度\u3000")).toBe(2025);
    expect(parseFiscalYear("R 7")).toBe(2025);
  });

  it("accepts 元年 and 1年 alike for the first year of an era", () => {
    expect(parseFiscalYear("平成元年度")).toBe(1989);
    expect(parseFiscalYear("平成1年度")).toBe(1989);
    expect(parseFiscalYear("H1")).toBe(1989);
  });

  it("accepts the old and the new name of an era-change fiscal year: 平成31年度 = 令和元年度 = 2019", () => {
    expect(parseFiscalYear("平成31年度")).toBe(2019);
    expect(parseFiscalYear("令和元年度")).toBe(2019);
  });

  it("accepts 大正15年度 and 昭和元年度 as the same fiscal year 1926", () => {
    expect(parseFiscalYear("大正15年度")).toBe(1926);
    expect(parseFiscalYear("昭和元年度")).toBe(1926);
  });

  it("accepts 明治45年度 as fiscal 1912 (大正 began in July)", () => {
    expect(parseFiscalYear("明治45年度")).toBe(1912);
  });

  it("normalises 平成32年度 printed before the announced end of 平成 to 2020", () => {
    expect(parseFiscalYear("平成32年度")).toBe(2020);
    expect(parseFiscalYear("H32")).toBe(2020);
    expect(parseFiscalYear("平成33年度")).toBe(2021);
  });

  it("rejects 昭和64年度: 昭和 ended on 1989-01-07, before fiscal 1989 began", () => {
    const message = messageOf(() => parseFiscalYear("昭和64年度"));
    expect(message).toBe("存在しない年度です: 「昭和64年度」(昭和は1989年1月7日に終わり、1989年度は平成元年度です)");
  });

  it("rejects 昭和65年度 and S64 too, since the end of 昭和 was not announced", () => {
    expect(() => parseFiscalYear("昭和65年度")).toThrow(invalidInput("存在しない年度です: 「昭和65年度」(昭和は1989年1月7日に終わり、1990年度は平成2年度です)"));
    expect(() => parseFiscalYear("S64")).toThrow(invalidInput(/^存在しない年度です: 「S64」/));
  });

  it("rejects years of an era after the next era had taken over a whole fiscal year", () => {
    expect(() => parseFiscalYear("大正16年度")).toThrow(invalidInput(/^存在しない年度です: 「大正16年度」/));
    expect(() => parseFiscalYear("明治46年度")).toThrow(invalidInput(/^存在しない年度です: 「明治46年度」/));
  });

  it("rejects year 0 and negative years of an era", () => {
    expect(() => parseFiscalYear("令和0年度")).toThrow(invalidInput("存在しない年度です: 「令和0年度」(令和は元年(1年)から数えます)"));
    expect(() => parseFiscalYear("R0")).toThrow(invalidInput(/^存在しない年度です: 「R0」/));
    expect(() => parseFiscalYear("令和-1年度")).toThrow(invalidInput("年度として読めません: 「令和-1年度」"));
  });

  it("accepts Gregorian years only from 1868 to 9999", () => {
    expect(parseFiscalYear("1868")).toBe(1868);
    expect(parseFiscalYear("9999年度")).toBe(9999);
    for (const label of ["1867", "1867年度", "0", "10000", "25", "FY1867"]) {
      expect(() => parseFiscalYear(label)).toThrow(invalidInput(`年度の範囲外です: 「${label}」(西暦は1868年度から9999年度まで)`));
    }
  });

  it("reads the combined form as this library prints it", () => {
    expect(parseFiscalYear("令和7年度(2025年度)")).toBe(2025);
    expect(parseFiscalYear("令和元年度(2019年度)")).toBe(2019);
  });

  it("reads the combined forms written in tables", () => {
    expect(parseFiscalYear("令和7年度（2025年度）")).toBe(2025);
    expect(parseFiscalYear("令7 (2025)")).toBe(2025);
    expect(parseFiscalYear("平成31 (2019)")).toBe(2019);
    expect(parseFiscalYear("R7(2025)")).toBe(2025);
    expect(parseFiscalYear("R5年度 (2023)")).toBe(2023);
    expect(parseFiscalYear("平17 (2005)")).toBe(2005);
  });

  it("flags the seed's header 平28 (2015) instead of picking one reading", () => {
    const message = messageOf(() => parseFiscalYear("平28 (2015)"));
    expect(message).toContain("2016");
    expect(message).toContain("2015");
    expect(message).toBe(
      "年度の表記が矛盾しています: 「平28 (2015)」は 平成28年度=2016年度 ですが、括弧内は 2015年度 です",
    );
  });

  it("flags a mismatch in the full combined form too", () => {
    expect(() => parseFiscalYear("令和7年度(2024年度)")).toThrow(invalidInput(/^年度の表記が矛盾しています: 「令和7年度\(2024年度\)」/));
  });

  it("rejects a combined form whose parts cannot exist", () => {
    expect(() => parseFiscalYear("昭和64年度(1989年度)")).toThrow(invalidInput(/^存在しない年度です/));
    expect(() => parseFiscalYear("令和7年度(1867年度)")).toThrow(invalidInput(/^年度の範囲外です/));
  });

  it("rejects an empty label", () => {
    expect(() => parseFiscalYear("")).toThrow(invalidInput("年度として読めません: 「」(空欄です)"));
    expect(() => parseFiscalYear("   ")).toThrow(invalidInput("年度として読めません: 「   」(空欄です)"));
  });

  it("rejects text that is not a fiscal year, quoting it", () => {
    expect(messageOf(() => parseFiscalYear("abc"))).toBe("年度として読めません: 「abc」");
    for (const label of [
      "令和",
      "年度",
      "R",
      "X7",
      "令和7年度以降",
      "令和7年度(2025年度",
      "令和7年度()",
      "(2025)",
      "2025(2025)(2025)",
      "R7.5",
      "2025-04-01",
    ]) {
      expect(() => parseFiscalYear(label), label).toThrow(invalidInput(/^年度/));
    }
  });

  it("reads a label written with 年 alone as that fiscal year, as pre-printed forms do (平成32年 = 2020)", () => {
    expect(parseFiscalYear("令和7年")).toBe(2025);
    expect(parseFiscalYear("平成32年")).toBe(2020);
    expect(parseFiscalYear("2025年")).toBe(2025);
    expect(() => parseFiscalYear("昭和64年")).toThrow(invalidInput(/^存在しない年度です: 「昭和64年」/));
  });

  it("reads back every fiscal year it prints, 1868 to 2100", () => {
    for (let y = 1868; y <= 2100; y++) {
      expect(parseFiscalYear(formatFiscalYear(y))).toBe(y);
      expect(parseFiscalYear(formatEraYear(y))).toBe(y);
      expect(parseFiscalYear(formatFiscalYearShort(y))).toBe(y);
    }
  });
});

describe("formatDateBoth (和暦 with 西暦, as the seed writes dates)", () => {
  it("writes the era year with the Gregorian year beside it", async () => {
    const { formatDateBoth } = await import("../../src/domain/era.js");
    expect(formatDateBoth("2025-07-31")).toBe("令和7年(2025年)7月31日");
    expect(formatDateBoth("2019-05-01")).toBe("令和元年(2019年)5月1日");
    expect(formatDateBoth("1989-01-07")).toBe("昭和64年(1989年)1月7日");
    expect(() => formatDateBoth("2025-02-30")).toThrow(invalidInput("日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「2025-02-30」"));
  });
});
