import { setImmediate as nextTurn } from "node:timers/promises";

/** Characters of base64 decoded per slice (a multiple of 4, so every slice but the last is whole groups): ~0.75MB. */
const SLICE_CHARS = 1024 * 1024;
const WHOLE_GROUPS = /^[A-Za-z0-9+/]*$/;
const LAST_SLICE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes base64 (standard alphabet, padding only at the end) in slices of ~1M characters, letting other requests run
 * between slices, so a carried import file of 13MB of base64 never holds the request thread for the whole of it
 * (checking and decoding it at once took 20–40 ms on a loaded 2-core machine). Returns null when `text` is not base64
 * (the caller names the problem).
 */
export async function decodeBase64InSlices(text: string): Promise<Uint8Array | null> {
  const parts: Buffer[] = [];
  for (let start = 0; start < text.length || start === 0; start += SLICE_CHARS) {
    const slice = text.slice(start, start + SLICE_CHARS);
    const last = start + SLICE_CHARS >= text.length;
    if (!(last ? LAST_SLICE : WHOLE_GROUPS).test(slice)) return null;
    parts.push(Buffer.from(slice, "base64"));
    if (last) break;
    await nextTurn();
  }
  return new Uint8Array(Buffer.concat(parts));
}
