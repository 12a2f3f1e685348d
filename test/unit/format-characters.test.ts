import { describe, expect, it } from "vitest";
import { formatCharacterIn, textProblem } from "../../src/domain/input-limits.js";

describe("invisible format characters (Unicode Cf) are refused in stored text", () => {
  it("finds bidi overrides and isolates, zero-width characters, the BOM and the soft hyphen", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad, 0xe0041]) {
      expect(formatCharacterIn(`承認${String.fromCodePoint(code)}済み`)).toBe(`U+${code.toString(16).toUpperCase().padStart(4, "0")}`);
    }
  });

  it("names the field and the character in Japanese", () => {
    expect(textProblem("表示名", "田中\u202E太郎", 100)).toBe("表示名に使えない文字(U+202E: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください");
  });

  it("passes ordinary Japanese text: 々, ー, kana, kanji, full-width signs, 異体字 selectors, tabs and new lines", () => {
    for (const text of ["佐々木 さーびす課", "時々刻々、ソフトウェア・サービス", "令和７年度（２０２５）—〜「」『』※①", "葛\u{E0100}飾区", "行1\n\t行2\r\n"]) {
      expect(formatCharacterIn(text)).toBeNull();
      expect(textProblem("事業名", text, 200)).toBeNull();
    }
  });

  it("can leave format characters to a later check (the form floor whose route names the field)", () => {
    expect(textProblem("「name」", "a\u202Eb", 100, { formatCharacters: false })).toBeNull();
  });
});
