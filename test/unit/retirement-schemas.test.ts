/**
 * The 定年引上げ pages' field schemas (web/routes/retirement/schemas.ts): what a clerk types is read as before the
 * hand-written parsers became zod schemas, and every refusal is a Japanese message naming the field or the line.
 */
import { describe, expect, it } from "vitest";
import "../../src/zod-japanese.js";
import { GyokakuError } from "../../src/domain/errors.js";
import { parseInput } from "../../src/web/input.js";
import { birthDateText, CohortTableQuery, cohortsText, ScheduleForm, stepsText } from "../../src/web/routes/retirement/schemas.js";

const refusal = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(GyokakuError);
    expect((error as GyokakuError).code).toBe("invalid_input");
    return (error as GyokakuError).message;
  }
  throw new Error("not refused");
};

describe("cohort ranges (?cohorts=)", () => {
  it("reads 西暦 and 和暦 ranges and lists, ascending and without repeats", () => {
    expect(parseInput(cohortsText, "1960-1962")).toEqual([1960, 1961, 1962]);
    expect(parseInput(cohortsText, "S39～S40, 1963、昭和39年度生まれ")).toEqual([1963, 1964, 1965]);
    expect(parseInput(cohortsText, "１９６４ - １９６５")).toEqual([1964, 1965]);
    expect(parseInput(cohortsText, "  ")).toBeUndefined();
    expect(parseInput(CohortTableQuery, {})).toEqual({ category: "general", cohorts: undefined });
  });

  it("refuses an unreadable, reversed or too long range naming 生まれ年度", () => {
    expect(refusal(() => parseInput(cohortsText, "S39-そのうち"))).toBe("生まれ年度: 生まれ年度として読めません: 「そのうち」");
    expect(refusal(() => parseInput(cohortsText, "1965-1960"))).toBe("生まれ年度の範囲が逆です: 「1965-1960」");
    expect(refusal(() => parseInput(cohortsText, "1960-1961-1962"))).toBe("生まれ年度の範囲が読めません: 「1960-1961-1962」");
    expect(refusal(() => parseInput(cohortsText, "1900-1999"))).toBe("生まれ年度は60学年までにしてください");
    expect(refusal(() => parseInput(cohortsText, "1900-1940,1950-1980"))).toBe("生まれ年度は60学年までにしてください");
  });
});

describe("a schedule's steps and the schedule form", () => {
  it("reads one step per line, the first line's year may be left out", () => {
    expect(parseInput(stepsText, "- 60\n令和5年度 61\r\nR7: 63歳\n\n2027から 64")).toEqual([
      { fromYear: null, age: 60 },
      { fromYear: 2023, age: 61 },
      { fromYear: 2025, age: 63 },
      { fromYear: 2027, age: 64 },
    ]);
    expect(parseInput(ScheduleForm, { category: "nurse", label: "看護師", steps: "- 60", retireOn: "3月31日", source: "" })).toEqual({
      category: "nurse",
      label: "看護師",
      steps: [{ fromYear: null, age: 60 }],
      retireOn: { month: 3, day: 31 },
      source: "",
    });
  });

  it("names every line that cannot be read, in one message", () => {
    expect(refusal(() => parseInput(stepsText, "- 60\nいつか 61\n2025 63\n- 64\nそのうち"))).toBe(
      "2行目: 年度として読めません: 「いつか」 / 4行目: 適用年度を省略できるのは最初の行だけです / 5行目「そのうち」: 「適用年度 定年」の形で入力してください (例: 2023 61)",
    );
  });

  it("names 退職日 and the steps when both are wrong", () => {
    const message = refusal(() => parseInput(ScheduleForm, { category: "nurse", label: "看護師", steps: "いつか", retireOn: "三月末", source: "" }));
    expect(message).toContain("1行目「いつか」");
    expect(message).toContain("退職日は「月-日」で入力してください (例: 03-31): 「三月末」");
  });
});

describe("birth date (?birth=)", () => {
  it("reads 1964-04-01, 1964/4/1, 19640401 and 1964年4月1日", () => {
    for (const typed of ["1964-04-01", "1964/4/1", "19640401", "1964年4月1日", "１９６４-０４-０１"]) expect(parseInput(birthDateText, typed)).toBe("1964-04-01");
  });

  it("refuses anything else naming 生年月日", () => {
    expect(refusal(() => parseInput(birthDateText, "昭和39年4月1日"))).toBe("生年月日として読めません: 「昭和39年4月1日」(例: 1964-04-01)");
  });
});
