/**
 * 文字コード (text encoding) of imported and exported files. Municipal PCs still save CSV from Excel as
 * Shift_JIS, which in practice is Windows-31J (CP932): it has the NEC/IBM extension characters (髙 﨑 ① ㈱)
 * that plain JIS X 0208 lacks and that appear in staff and company names.
 */
import iconv from "iconv-lite";
import { GyokakuError } from "../domain/errors.js";

export type TextEncodingName = "utf-8" | "shift_jis";

/**
 * What a text file was read as. Excel's 「Unicode テキスト」 is UTF-16LE with a BOM (and tabs); it is read, never
 * written, so it is not a TextEncodingName a user chooses.
 */
export type DetectedEncoding = TextEncodingName | "utf-16le" | "utf-16be";

/** The encoding as the preview names it: 「UTF-8」「Shift_JIS (CP932)」「UTF-16 (Unicode テキスト)」. */
export function encodingLabel(encoding: DetectedEncoding): string {
  switch (encoding) {
    case "utf-8":
      return "UTF-8";
    case "shift_jis":
      return "Shift_JIS (CP932)";
    case "utf-16le":
      return "UTF-16LE (Excel の「Unicode テキスト」)";
    case "utf-16be":
      return "UTF-16BE";
  }
}

/** UTF-16 by its BOM, or (no BOM) by NUL bytes in every other position, as ASCII text in UTF-16 has them. */
function utf16Of(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 8) return null;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.3 && evenNul === 0) return "utf-16le";
  if (evenNul >= pairs * 0.3 && oddNul === 0) return "utf-16be";
  return null;
}

/** True for the fatal TextDecoder's refusal of bytes it cannot read (a TypeError with this code); anything else is a bug. */
function isUndecodable(error: unknown): boolean {
  return error instanceof TypeError && (error as { code?: unknown }).code === "ERR_ENCODING_INVALID_ENCODED_DATA";
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    if (!isUndecodable(error)) throw error;
    throw new GyokakuError("invalid_input", `${encodingLabel(encoding)}として読めないバイト列が含まれています`);
  }
}

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
 * Bytes → text. Whatever is chosen, a UTF-16 file (BOM FF FE / FE FF, or NULs in every other byte) is read as
 * UTF-16: a UTF-16 file read as UTF-8 or Shift_JIS is only garbage. "auto": a UTF-8 BOM means UTF-8; otherwise
 * bytes that are valid UTF-8 are read as UTF-8 (Shift_JIS text with any kana or kanji is almost never valid
 * UTF-8), and anything else as CP932.
 * @throws GyokakuError("invalid_input") (Japanese, naming the encoding) when the chosen encoding cannot read the bytes.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName | "auto"): { text: string; encoding: DetectedEncoding } {
  const utf16 = utf16Of(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16), encoding: utf16 };
  if (encoding === "shift_jis") return { text: iconv.decode(asBuffer(bytes), CP932), encoding };
  if (encoding === "utf-8" || hasUtf8Bom(bytes)) {
    try {
      return { text: decodeUtf8(bytes), encoding: "utf-8" };
    } catch (error) {
      if (!isUndecodable(error)) throw error;
      throw new GyokakuError("invalid_input", "UTF-8として読めないバイト列が含まれています (Shift_JISのファイルではありませんか)");
    }
  }
  try {
    return { text: decodeUtf8(bytes), encoding: "utf-8" };
  } catch (error) {
    if (!isUndecodable(error)) throw error;
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
 * @throws GyokakuError("invalid_input") naming the first character (and its line) Shift_JIS cannot hold.
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
        throw new GyokakuError("invalid_input", `Shift_JIS(CP932)で表せない文字があります: 「${ch}」(${lineOf(text, index)}行目)`);
      }
      index += ch.length;
    }
    throw new GyokakuError("invalid_input", "Shift_JIS(CP932)で表せない文字の並びがあります");
  }
  return new Uint8Array(iconv.encode(text, CP932));
}
