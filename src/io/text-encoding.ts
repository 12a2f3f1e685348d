/**
 * 文字コード (text encoding) of imported and exported files. Municipal PCs still save CSV from Excel as
 * Shift_JIS, which in practice is Windows-31J (CP932): it has the NEC/IBM extension characters (髙 﨑 ① ㈱)
 * that plain JIS X 0208 lacks and that appear in staff and company names.
 */
import iconv from "iconv-lite";

export type TextEncodingName = "utf-8" | "shift_jis";

const CP932 = "cp932";
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeUtf8(bytes: Uint8Array): string {
  // The decoder drops a leading BOM itself (ignoreBOM defaults to false).
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/**
 * Bytes → text. "auto": a UTF-8 BOM means UTF-8; otherwise bytes that are valid UTF-8 are read as UTF-8
 * (Shift_JIS text with any kana or kanji is almost never valid UTF-8), and anything else as CP932.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName | "auto"): { text: string; encoding: TextEncodingName } {
  if (encoding === "shift_jis") return { text: iconv.decode(asBuffer(bytes), CP932), encoding };
  if (encoding === "utf-8" || hasUtf8Bom(bytes)) {
    try {
      return { text: decodeUtf8(bytes), encoding: "utf-8" };
    } catch {
      throw new RangeError("UTF-8として読めないバイト列が含まれています (Shift_JISのファイルではありませんか)");
    }
  }
  try {
    return { text: decodeUtf8(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(asBuffer(bytes), CP932), encoding: "shift_jis" };
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function roundTrips(text: string): boolean {
  return iconv.decode(iconv.encode(text, CP932), CP932) === text;
}

/**
 * Text → bytes. For Shift_JIS a character CP932 cannot hold would silently become "?", so the text is
 * round-tripped and the first such character is named instead (e.g. emoji, 〜 WAVE DASH, which CP932 turns into ～).
 */
export function encodeText(text: string, encoding: TextEncodingName, options: { bom?: boolean } = {}): Uint8Array {
  if (encoding === "utf-8") {
    const body = new TextEncoder().encode(text);
    if (!options.bom) return body;
    const out = new Uint8Array(body.length + UTF8_BOM.length);
    out.set(UTF8_BOM, 0);
    out.set(body, UTF8_BOM.length);
    return out;
  }
  if (!roundTrips(text)) {
    let index = 0;
    // Per character only after the whole text failed, so the common case stays one pass.
    for (const ch of text) {
      if (!roundTrips(ch)) {
        throw new RangeError(`Shift_JIS(CP932)で表せない文字があります: 「${ch}」(${lineOf(text, index)}行目)`);
      }
      index += ch.length;
    }
    throw new RangeError("Shift_JIS(CP932)で表せない文字の並びがあります");
  }
  return new Uint8Array(iconv.encode(text, CP932));
}
