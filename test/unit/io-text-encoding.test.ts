import { describe, expect, it } from "vitest";
import { GyokakuError } from "../../src/domain/errors.js";
import { invalidInput } from "../support/errors.js";
import { decodeText, encodeText, encodingLabel } from "../../src/io/text-encoding.js";

// CP932 extension characters (NEC/IBM) that plain JIS X 0208 does not have.
const NAMES = "髙橋,山﨑,①,㈱ぎょうかく\r\n";

describe("encodeText and decodeText", () => {
  it("keeps 髙 﨑 ① ㈱ intact through Shift_JIS (CP932) and back", () => {
    const bytes = encodeText(NAMES, "shift_jis");
    expect(decodeText(bytes, "shift_jis")).toEqual({ text: NAMES, encoding: "shift_jis" });
  });

  it("writes Shift_JIS as two bytes per kanji, not as UTF-8", () => {
    expect([...encodeText("髙", "shift_jis")]).toHaveLength(2);
    expect([...encodeText("職員", "shift_jis")]).toEqual([0x90, 0x45, 0x88, 0xf5]);
  });

  it("detects Shift_JIS automatically when the bytes are not valid UTF-8", () => {
    expect(decodeText(encodeText(NAMES, "shift_jis"), "auto")).toEqual({ text: NAMES, encoding: "shift_jis" });
  });

  it("detects UTF-8 automatically, with or without a BOM, and drops the BOM", () => {
    expect(decodeText(encodeText(NAMES, "utf-8"), "auto")).toEqual({ text: NAMES, encoding: "utf-8" });
    const withBom = encodeText(NAMES, "utf-8", { bom: true });
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(withBom, "auto")).toEqual({ text: NAMES, encoding: "utf-8" });
    expect(decodeText(withBom, "utf-8").text).toBe(NAMES);
  });

  it("writes no BOM unless asked", () => {
    expect([...encodeText("a", "utf-8")]).toEqual([0x61]);
  });

  it("reads plain ASCII as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("unit,year\n"), "auto").encoding).toBe("utf-8");
  });

  it("refuses to read bytes that are not UTF-8 when UTF-8 is asked for", () => {
    expect(() => decodeText(encodeText("職員", "shift_jis"), "utf-8")).toThrow(GyokakuError);
  });

  it("names the first character Shift_JIS cannot hold and its line instead of writing ?", () => {
    expect(() => encodeText("組織,人数\r\n企画部,67\r\n笑顔🙂,1\r\n", "shift_jis")).toThrow(
      invalidInput("Shift_JIS(CP932)で表せない文字があります: 「🙂」(3行目)"),
    );
  });

  it("rejects characters CP932 would silently swap for a look-alike (〜 WAVE DASH becomes ～)", () => {
    expect(() => encodeText("4月1日〜", "shift_jis")).toThrow(invalidInput("Shift_JIS(CP932)で表せない文字があります: 「〜」(1行目)"));
    expect(decodeText(encodeText("4月1日～", "shift_jis"), "shift_jis").text).toBe("4月1日～");
  });
});

describe("kind H: UTF-16 as Excel's 「Unicode テキスト」 writes it", () => {
  const text = "組織\t人数\r\n企画部\t63\r\n";
  it("reads UTF-16LE with a BOM whatever encoding was chosen", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    for (const choice of ["auto", "utf-8", "shift_jis"] as const) expect(decodeText(bytes, choice)).toEqual({ text, encoding: "utf-16le" });
  });

  it("reads UTF-16BE with a BOM and UTF-16LE without one (NULs in every other byte)", () => {
    const le = Buffer.from("id\tcount\r\n1\t63\r\n", "utf16le");
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]), "auto")).toEqual({ text: "id\tcount\r\n1\t63\r\n", encoding: "utf-16be" });
    expect(decodeText(new Uint8Array(le), "auto")).toEqual({ text: "id\tcount\r\n1\t63\r\n", encoding: "utf-16le" });
  });

  it("names each encoding for the preview", () => {
    expect(encodingLabel("utf-16le")).toBe("UTF-16LE (Excel の「Unicode テキスト」)");
    expect(encodingLabel("shift_jis")).toBe("Shift_JIS (CP932)");
  });
});
