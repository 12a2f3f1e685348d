import { describe, it, expect } from "vitest";
import {
  isValidMunicipalityCode,
  municipalityCheckDigit,
  normalizeMunicipalityCode,
  prefectureCodeOf,
  readMunicipalityCodeInRow,
} from "../../src/domain/municipality-code.js";
import { PREFECTURES, prefectureByCode, prefectureByName } from "../../src/domain/prefecture.js";
import { invalidInput } from "../support/errors.js";

// docs/DOMAIN.md test vectors: [name, 6-digit code, prefecture]
const VECTORS = [
  ["北海道", "010006", "北海道"],
  ["札幌市", "011002", "北海道"],
  ["千歳市", "012246", "北海道"],
  ["苫小牧市", "012131", "北海道"],
  ["室蘭市", "012050", "北海道"],
  ["東京都", "130001", "東京都"],
  ["千代田区", "131016", "東京都"],
] as const;

describe("municipalityCheckDigit", () => {
  it("computes 千歳市's check digit: 01224 → 6", () => {
    expect(municipalityCheckDigit("01224")).toBe(6);
  });

  it.each(VECTORS)("gives the published check digit for %s (%s)", (_name, code) => {
    expect(municipalityCheckDigit(code.slice(0, 5))).toBe(Number(code[5]));
  });

  it("turns a remainder of 0 into 1 and a remainder of 1 into 0", () => {
    // 00000: sum 0, r 0 → (11 − 0) mod 10 = 1
    expect(municipalityCheckDigit("00000")).toBe(1);
    // 00010: sum 3, r 3 → 8
    expect(municipalityCheckDigit("00010")).toBe(8);
    // 20000: sum 12, r 1 → (11 − 1) mod 10 = 0
    expect(municipalityCheckDigit("20000")).toBe(0);
  });

  it("refuses anything but exactly five ASCII digits, quoting the input", () => {
    for (const s of ["", "0122", "012246", "0122a", " 01224", "０１２２４"]) {
      expect(() => municipalityCheckDigit(s)).toThrow(invalidInput(`団体コードの本体は半角数字5桁で指定してください: 「${s}」`));
    }
    expect(() => municipalityCheckDigit("0122")).toThrow(/「0122」/);
  });
});

describe("isValidMunicipalityCode", () => {
  it.each(VECTORS)("accepts %s %s", (_name, code) => {
    expect(isValidMunicipalityCode(code)).toBe(true);
  });

  it("rejects every wrong check digit of the test vectors", () => {
    for (const [, code] of VECTORS) {
      for (let d = 0; d <= 9; d++) {
        const candidate = code.slice(0, 5) + String(d);
        if (candidate !== code) expect(isValidMunicipalityCode(candidate)).toBe(false);
      }
    }
  });

  it("rejects 千歳市 with a transposed or mistyped digit", () => {
    expect(isValidMunicipalityCode("012247")).toBe(false);
    expect(isValidMunicipalityCode("021246")).toBe(false);
    expect(isValidMunicipalityCode("012236")).toBe(false);
  });

  it("answers false, never throws, for anything that is not six ASCII digits", () => {
    for (const s of ["", "01224", "0122466", "01224６", "０１２２４６", " 012246", "01224a", "01-2246"]) {
      expect(isValidMunicipalityCode(s)).toBe(false);
    }
    expect(isValidMunicipalityCode(undefined as unknown as string)).toBe(false);
    expect(isValidMunicipalityCode(12246 as unknown as string)).toBe(false);
  });
});

describe("normalizeMunicipalityCode", () => {
  it("keeps a correct 6-digit code as it is", () => {
    expect(normalizeMunicipalityCode("012246")).toBe("012246");
  });

  it("appends the check digit to a 5-digit code", () => {
    expect(normalizeMunicipalityCode("01224")).toBe("012246");
    expect(normalizeMunicipalityCode("13101")).toBe("131016");
  });

  it("accepts full-width digits and surrounding spaces", () => {
    expect(normalizeMunicipalityCode("０１２２４６")).toBe("012246");
    expect(normalizeMunicipalityCode("  ０１２２４ ")).toBe("012246");
    expect(normalizeMunicipalityCode("\u3000012246\t")).toBe("012246");
  });

  it("rejects a wrong check digit, naming the right one", () => {
    expect(() => normalizeMunicipalityCode("012247")).toThrow(
      "団体コード「012247」の検査数字が正しくありません (正しくは 012246)",
    );
    expect(() => normalizeMunicipalityCode("０１２２４７")).toThrow(invalidInput("団体コード「012247」の検査数字が正しくありません (正しくは 012246)"));
  });

  it("rejects codes of any other length or with other characters", () => {
    for (const s of ["", "   ", "0122", "0122466", "01-224", "千歳市", "①①②②④"]) {
      expect(() => normalizeMunicipalityCode(s), s).toThrow(invalidInput(`団体コードは数字6桁(または検査数字を除いた5桁)で指定してください: 「${s}」`));
    }
  });
});

describe("prefectureCodeOf", () => {
  it.each(VECTORS)("maps %s %s to %s", (_name, code, prefecture) => {
    expect(prefectureCodeOf(code)).toBe(code.slice(0, 2));
    expect(prefectureByCode(prefectureCodeOf(code))?.name).toBe(prefecture);
  });

  it("refuses an invalid code rather than reading a prefecture from it", () => {
    expect(() => prefectureCodeOf("012247")).toThrow(invalidInput("正しい団体コード(数字6桁)ではありません: 「012247」"));
    expect(() => prefectureCodeOf("01224")).toThrow(invalidInput("正しい団体コード(数字6桁)ではありません: 「01224」"));
  });
});

describe("PREFECTURES", () => {
  it("lists all 47 prefectures with codes 01 to 47 in JIS order", () => {
    expect(PREFECTURES).toHaveLength(47);
    PREFECTURES.forEach((p, i) => expect(p.code).toBe(String(i + 1).padStart(2, "0")));
  });

  it("starts with 北海道, has 東京都 at 13 and ends with 沖縄県", () => {
    expect(PREFECTURES[0]).toEqual({ code: "01", name: "北海道" });
    expect(PREFECTURES[12]).toEqual({ code: "13", name: "東京都" });
    expect(PREFECTURES[46]).toEqual({ code: "47", name: "沖縄県" });
  });

  it("has one 都, one 道, two 府 and 43 県", () => {
    const suffixes = PREFECTURES.map((p) => p.name.slice(-1));
    expect(suffixes.filter((s) => s === "都")).toHaveLength(1);
    expect(suffixes.filter((s) => s === "道")).toHaveLength(1);
    expect(suffixes.filter((s) => s === "府")).toHaveLength(2);
    expect(suffixes.filter((s) => s === "県")).toHaveLength(43);
  });

  it("has no duplicate names", () => {
    expect(new Set(PREFECTURES.map((p) => p.name)).size).toBe(47);
  });
});

describe("prefectureByName", () => {
  it("finds a prefecture by its full name", () => {
    expect(prefectureByName("東京都")?.code).toBe("13");
    expect(prefectureByName("北海道")?.code).toBe("01");
    expect(prefectureByName("沖縄県")?.code).toBe("47");
  });

  it("finds a prefecture without its 都/府/県 suffix", () => {
    expect(prefectureByName("東京")?.name).toBe("東京都");
    expect(prefectureByName("京都")?.name).toBe("京都府");
    expect(prefectureByName("大阪")?.name).toBe("大阪府");
    expect(prefectureByName("神奈川")?.name).toBe("神奈川県");
  });

  it("finds every prefecture by its full and its short name", () => {
    for (const p of PREFECTURES) {
      expect(prefectureByName(p.name)).toBe(p);
      if (p.name !== "北海道") expect(prefectureByName(p.name.slice(0, -1))).toBe(p);
    }
  });

  it("ignores surrounding spaces", () => {
    expect(prefectureByName(" 千葉県\u3000")?.code).toBe("12");
  });

  it("returns undefined for unknown names", () => {
    for (const s of ["", "東", "東京府", "千歳市", "Tokyo", "北海"]) {
      expect(prefectureByName(s), s).toBeUndefined();
    }
  });
});

describe("prefectureByCode", () => {
  it("finds 東京都 by 13 and 北海道 by 01", () => {
    expect(prefectureByCode("13")?.name).toBe("東京都");
    expect(prefectureByCode("01")?.name).toBe("北海道");
  });

  it("returns undefined for codes outside 01 to 47", () => {
    for (const s of ["00", "48", "1", "001", "", "１３"]) {
      expect(prefectureByCode(s), s).toBeUndefined();
    }
  });
});

describe("readMunicipalityCodeInRow (field case E: 団体コード whose leading 0 was dropped)", () => {
  it("restores the 0 when the prefecture says so, with a note naming the municipality", () => {
    expect(readMunicipalityCodeInRow("12246", { name: "千歳市", prefectureCode: "01" })).toEqual({
      ok: true,
      code: "012246",
      note: "団体コード「12246」は先頭の0が落ちたものとみなし、012246 (北海道・千歳市) と読みました",
    });
    // 青森県 (02): 弘前市 022021 written 22021.
    expect(readMunicipalityCodeInRow("22021", { prefectureCode: "02" })).toMatchObject({ ok: true, code: "022021" });
  });

  it("reads a 5-digit code without its check digit when the prefecture says so, without a note", () => {
    expect(readMunicipalityCodeInRow("13101", { name: "千代田区", prefectureCode: "13" })).toEqual({ ok: true, code: "131016" });
  });

  it("refuses a 5-digit code that fits both readings when nothing tells which, naming both", () => {
    const read = readMunicipalityCodeInRow("12246", { name: "千歳市" });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain("012246 (北海道、先頭の0が落ちた6桁)とも、122467 (千葉県、検査数字を除いた5桁)とも読めるため");
  });

  it("uses the known names: a code that names another municipality is refused, one that names this one is accepted", () => {
    const known = new Map([["012246", "千歳市"], ["122467", "佐倉市"]]);
    expect(readMunicipalityCodeInRow("12246", { name: "千歳市", known })).toMatchObject({ ok: true, code: "012246" });
    expect(readMunicipalityCodeInRow("12246", { name: "佐倉市", known })).toMatchObject({ ok: true, code: "122467" });
    const wrong = readMunicipalityCodeInRow("012246", { name: "恵庭市", known });
    expect(wrong).toEqual({ ok: false, reason: "団体コード 012246 は「千歳市」のコードで、「恵庭市」ではありません" });
  });

  it("refuses when no reading fits the row's prefecture, and a wrong check digit as before", () => {
    const read = readMunicipalityCodeInRow("12246", { prefectureCode: "13" });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain("に合う団体がありません");
    expect(readMunicipalityCodeInRow("012247")).toEqual({ ok: false, reason: "団体コード「012247」の検査数字が正しくありません (正しくは 012246)" });
    expect(readMunicipalityCodeInRow("12a46").ok).toBe(false);
  });

  it("folds full-width digits before reading", () => {
    expect(readMunicipalityCodeInRow("０１２２４６", { name: "千歳市" })).toEqual({ ok: true, code: "012246" });
  });
});
