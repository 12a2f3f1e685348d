/**
 * The zip of an xlsx file (ECMA-376 Part 2, Open Packaging Conventions), read within the import limits: the declared
 * sizes of the central directory are checked before anything is inflated, and each part is inflated as a stream with a
 * byte counter, so a part whose headers lie about its size (a zip bomb declaring a few bytes) is stopped as soon as
 * its output passes the declared size or the budget, not when the worker runs out of memory. Problems are
 * GyokakuError("invalid_input") with a Japanese message naming the part (upload.ts names the file).
 */
import { GyokakuError } from "../domain/errors.js";
import JSZip from "jszip";

/** Bytes of one megabyte, for the messages. */
const MB = 1024 * 1024;

/** Zip limits of one workbook, stated in the refusal so a clerk knows what to cut. */
export const ZIP_LIMITS = {
  /** Uncompressed size of one part of the zip (declared, and as actually inflated). */
  entryBytes: 64 * MB,
  /** Uncompressed size of all parts together (declared, and as actually inflated). */
  totalBytes: 256 * MB,
  /** Parts in the zip. */
  entries: 5_000,
} as const;

function fail(message: string): never {
  throw new GyokakuError("invalid_input", message);
}

/** An opened workbook zip and the bytes inflated from it so far (every part read counts against totalBytes). */
export interface OpenedZip {
  zip: JSZip;
  inflated: number;
}

function declaredSize(file: JSZip.JSZipObject): number {
  // jszip reads the central directory on load; the declared size is known before anything is inflated.
  return (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
}

/**
 * Opens the zip and checks its directory: parts, each part's declared size, the declared total.
 * @throws GyokakuError("invalid_input") (Japanese) when the bytes are not a zip or a declared size passes ZIP_LIMITS.
 */
export async function openZip(bytes: Uint8Array): Promise<OpenedZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    fail("Excelファイル(xlsx)として読めません: zip 形式ではないか、ファイルが壊れています");
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > ZIP_LIMITS.entries) fail(`Excelファイル(xlsx)の構成部品が多すぎます (${files.length.toLocaleString("ja-JP")}個。${ZIP_LIMITS.entries.toLocaleString("ja-JP")}個まで)`);
  let total = 0;
  for (const f of files) {
    const declared = declaredSize(f);
    if (declared > ZIP_LIMITS.entryBytes) {
      fail(`Excelファイル(xlsx)の「${f.name}」が展開すると大きすぎます (${Math.ceil(declared / MB)}MB。1部品 ${ZIP_LIMITS.entryBytes / MB}MB まで)`);
    }
    total += declared;
  }
  if (total > ZIP_LIMITS.totalBytes) fail(`Excelファイル(xlsx)が展開すると大きすぎます (${Math.ceil(total / MB)}MB。${ZIP_LIMITS.totalBytes / MB}MB まで)`);
  return { zip, inflated: 0 };
}

/**
 * Inflates one part as a stream, stopping as soon as its output passes what its directory entry declared (a lying
 * header), the per-part limit, or what is left of the workbook's total. Output: the bytes.
 */
function inflateCounted(file: JSZip.JSZipObject, path: string, left: number): Promise<Uint8Array> {
  const declared = declaredSize(file);
  const limit = Math.min(declared, ZIP_LIMITS.entryBytes, left);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let stopped = false;
    // internalStream is jszip's own streaming read (what nodeStream and async use), left out of its type declarations.
    const stream = (file as unknown as { internalStream(type: "uint8array"): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream("uint8array");
    stream.on("data", (chunk: Uint8Array) => {
      if (stopped) return;
      size += chunk.length;
      if (size > limit) {
        stopped = true;
        stream.pause();
        const why =
          limit === declared && declared < ZIP_LIMITS.entryBytes && declared < left
            ? `ファイルの見出しでは ${declared.toLocaleString("en-US")} バイトとされていますが、それを超えて展開されます (ファイルが壊れているか、細工されています)`
            : `展開すると大きすぎます (1部品 ${ZIP_LIMITS.entryBytes / MB}MB、全体 ${ZIP_LIMITS.totalBytes / MB}MB まで)`;
        reject(new GyokakuError("invalid_input", `Excelファイル(xlsx)の「${path}」が${why}`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("error", () => {
      if (stopped) return;
      stopped = true;
      // jszip / pako refuse a damaged part while inflating it (CRC or size mismatch, bad deflate data): a broken file.
      reject(new GyokakuError("invalid_input", `Excelファイル(xlsx)の「${path}」が壊れていて読めません (展開できないか、検査値が一致しません)。Excelで開き直して保存してください`));
    });
    stream.on("end", () => {
      if (stopped) return;
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    stream.resume();
  });
}

/**
 * The text (utf-8) of the part at `path` (with or without a leading "/"); undefined when the zip has no such part.
 * @throws GyokakuError("invalid_input") (Japanese) naming the part: damaged, inflating past its declared size or the limits.
 */
export async function readPart(opened: OpenedZip, path: string): Promise<string | undefined> {
  const file = opened.zip.file(path) ?? opened.zip.file(path.replace(/^\//, ""));
  if (!file) return undefined;
  const bytes = await inflateCounted(file, path, ZIP_LIMITS.totalBytes - opened.inflated);
  opened.inflated += bytes.length;
  return new TextDecoder().decode(bytes);
}
