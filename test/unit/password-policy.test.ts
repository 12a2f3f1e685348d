import { describe, expect, it } from "vitest";
import { isYearPlusWord, passwordProblem } from "../../src/domain/password-policy.js";

const context = { municipalityName: "千歳市", municipalityCode: "012246", municipalityRomaji: "Chitose" };

describe("password policy: passwords built from context", () => {
  it("refuses the municipality's name in kanji, with or without 市, and in romaji, in any case and width", () => {
    expect(passwordProblem("千歳市の職員です!!!!", "soumu", context)).toBe("パスワードに団体名を含めることはできません。推測されやすいためです");
    expect(passwordProblem("my-千歳-office-key", "soumu", context)).toContain("団体名");
    expect(passwordProblem("CHITOSE-office-key", "soumu", context)).toContain("団体名(ローマ字)");
    // A romaji of two words is found however the password joins them.
    const twoWords = { municipalityName: "西東京市", municipalityCode: "132292", municipalityRomaji: "nishi-tokyo" };
    for (const p of ["Nishi-TokyoQz8w7e6r5", "xxNISHI TOKYOxq7w", "nishitokyo-blue-kite", "ｎｉｓｈｉ＿ｔｏｋｙｏ-river"]) {
      expect(passwordProblem(p, "soumu", twoWords), p).toBe("パスワードに団体名(ローマ字)を含めることはできません。推測されやすいためです");
    }
    expect(passwordProblem("ｃｈｉｔｏｓｅ-office-key", "soumu", context)).toContain("団体名(ローマ字)");
  });

  it("refuses the 団体コード, also in full-width digits and without the check digit", () => {
    expect(passwordProblem("key-012246-office", "soumu", context)).toBe("パスワードに団体コードを含めることはできません。推測されやすいためです");
    expect(passwordProblem("key-０１２２４６-office", "soumu", context)).toContain("団体コード");
    expect(passwordProblem("key-01224-office", "soumu", context)).toContain("団体コード");
  });

  it("refuses a password containing the username, case-insensitively and across widths", () => {
    expect(passwordProblem("Tanaka.Taro-horse-battery", "tanaka.taro", context)).toBe("パスワードにユーザー名を含めることはできません。推測されやすいためです");
    expect(passwordProblem("ＴＡＮＡＫＡ-horse-battery", "tanaka", context)).toContain("ユーザー名");
  });

  it("refuses a year plus a common word, in 西暦 and 和暦", () => {
    const message = "年(2025、R7など)とよく使われる語を組み合わせただけのパスワードは推測されやすいため使えません";
    expect(passwordProblem("Spring2025!", "soumu", context)).toBe(message);
    expect(passwordProblem("R7-gyousei-!!", "soumu", context)).toBe(message);
    expect(passwordProblem("令和7年度-welcome", "soumu", context)).toBe(message);
    expect(passwordProblem("２０２５ｐａｓｓｗｏｒｄ", "soumu", context)).toBe(message);
    expect(passwordProblem("2025-2026-R7!!", "soumu", context)).toBe(message);
    expect(isYearPlusWord("dragon-2025")).toBe(true);
  });

  it("still accepts pass phrases, also when they hold a year among several words", () => {
    expect(passwordProblem("correct-horse-battery", "soumu", context)).toBeNull();
    expect(passwordProblem("correct-horse-battery-2025", "soumu", context)).toBeNull();
    expect(passwordProblem("Two-servers-admin-2025!", "two-admin", context)).toBeNull();
    expect(isYearPlusWord("correct-horse-battery")).toBe(false);
  });

  it("asks nothing of a context it was not given", () => {
    expect(passwordProblem("千歳市の職員です!!!!", "soumu")).toBeNull();
  });
});
