/**
 * 画像の検査 (image header check) of every image a user uploads for publication — 図表1・2 of the 基本方針 and the
 * images of an item's 備考. The format is read from the file's own bytes, never from its name or declared type, and
 * the header must be whole: the signature alone let any file that starts with 「\x89PNG」 through, which printed a
 * broken image in the public PDF and site. The pixel size is read from the header and bounded, since a small file may
 * declare a huge picture (a 2 MB PNG of 30,000 × 30,000 px takes gigabytes in Chromium when the PDF is printed).
 * Pure: bytes in, a result out.
 */

/** Image formats told by their header. */
export type ImageFormat = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** The largest side accepted (px): ten times an A4 page at 300 dpi's short side would be far more than any figure needs. */
export const MAX_IMAGE_SIDE = 10_000;
/** The largest picture accepted (px): 40 megapixels (an A4 page at 300 dpi is about 8.7). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** What the header says: the format and the picture's size in pixels, or the problem in Japanese (naming the file). */
export type ImageHeader = { ok: true; format: ImageFormat; width: number; height: number } | { ok: false; problem: string };

const FORMAT_NAMES: Record<ImageFormat, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP" };

/** The byte at `i`, 0 past the end (headers are length-checked before their fields are read). */
function at(b: Uint8Array, i: number): number {
  return b[i] ?? 0;
}
function u16be(b: Uint8Array, i: number): number {
  return (at(b, i) << 8) | at(b, i + 1);
}
function u32be(b: Uint8Array, i: number): number {
  return ((at(b, i) << 24) >>> 0) + (at(b, i + 1) << 16) + (at(b, i + 2) << 8) + at(b, i + 3);
}
function u16le(b: Uint8Array, i: number): number {
  return at(b, i) | (at(b, i + 1) << 8);
}
function u24le(b: Uint8Array, i: number): number {
  return at(b, i) | (at(b, i + 1) << 8) | (at(b, i + 2) << 16);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of bytes [from, to) as PNG chunks carry it (ISO 3309 / PNG spec, section 5.5). */
function crc32(b: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = (CRC_TABLE[(c ^ at(b, i)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function formatOf(b: Uint8Array): ImageFormat | null {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "image/webp";
  return null;
}

/** PNG: the first chunk is IHDR, 13 bytes, with a matching CRC (PNG spec, 11.2.2). */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 33 || u32be(b, 8) !== 13 || String.fromCharCode(at(b, 12), at(b, 13), at(b, 14), at(b, 15)) !== "IHDR") return null;
  if (crc32(b, 12, 29) !== u32be(b, 29)) return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** JPEG: walks the marker segments to the first SOF (C0–CF except C4, C8, CC), which holds the size (ITU T.81, B.2.2). */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = at(b, i + 1);
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** GIF: the logical screen size follows the signature (GIF89a, section 18). */
function gifSize(b: Uint8Array): { width: number; height: number } | null {
  return b.length < 13 ? null : { width: u16le(b, 6), height: u16le(b, 8) };
}

/** WebP: the size of the VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk (RFC 9649). */
function webpSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(at(b, 12), at(b, 13), at(b, 14), at(b, 15));
  if (chunk === "VP8 " && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = (at(b, 21) | (at(b, 22) << 8) | (at(b, 23) << 16) | (at(b, 24) << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

/**
 * Reads the format and pixel size of an uploaded image. `accepted`: the formats this upload takes; `filename`
 * names the file in the problem. Refused (ok: false, Japanese): no accepted format, a header that is cut or corrupt
 * (e.g. a PNG whose IHDR is missing or fails its CRC), a side of 0 px, a side over {@link MAX_IMAGE_SIDE} px or more
 * than {@link MAX_IMAGE_PIXELS} pixels. Never throws.
 */
export function readImageHeader(bytes: Uint8Array, filename: string, accepted: readonly ImageFormat[]): ImageHeader {
  const format = formatOf(bytes);
  const names = accepted.map((f) => FORMAT_NAMES[f]).join("・");
  if (format === null || !accepted.includes(format)) return { ok: false, problem: `「${filename}」は${names}の画像ではありません` };
  const size = format === "image/png" ? pngSize(bytes) : format === "image/jpeg" ? jpegSize(bytes) : format === "image/gif" ? gifSize(bytes) : webpSize(bytes);
  if (size === null) return { ok: false, problem: `「${filename}」は${FORMAT_NAMES[format]}の画像として読めません(ファイルが壊れているか、途中で切れています)` };
  const { width, height } = size;
  if (width === 0 || height === 0) return { ok: false, problem: `「${filename}」の画像の大きさが0ピクセルです` };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return {
      ok: false,
      problem: `「${filename}」の画像が大きすぎます(${width.toLocaleString("ja-JP")}×${height.toLocaleString("ja-JP")}ピクセル。一辺${MAX_IMAGE_SIDE.toLocaleString("ja-JP")}ピクセル・合計${(MAX_IMAGE_PIXELS / 10_000).toLocaleString("ja-JP")}万ピクセルまで)`,
    };
  }
  return { ok: true, format, width, height };
}
