import { beforeAll, describe, expect, it } from "vitest";
import { GyokakuError } from "../../src/domain/errors.js";
import { asUploader, POOL_SIZE, QUEUE_LIMITS, type UploadOwner } from "../../src/io/xlsx-worker-pool.js";
import { readXlsx, writeXlsx } from "../../src/io/xlsx.js";

/** A workbook of `rows` × 12 numeric cells: reading it keeps a worker busy for a while. */
async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const grid = [["組織", ...Array.from({ length: 11 }, (_, i) => `${2015 + i}年度`)], ...Array.from({ length: rows }, (_, r) => [`課${r}`, ...Array.from({ length: 11 }, (_, c) => r + c)])];
  return writeXlsx([{ name: "職員数", rows: grid }]);
}

/** Starts a read as `owner`; the promise settles with "read" or the refusal, and records when it finished. */
function readAs(owner: UploadOwner, bytes: Uint8Array, finished: string[], label: string): Promise<string | GyokakuError> {
  return asUploader(owner, () =>
    readXlsx(bytes).then(
      () => {
        finished.push(label);
        return "read";
      },
      (error: unknown) => {
        finished.push(label);
        if (error instanceof GyokakuError) return error;
        throw error;
      },
    ),
  );
}

describe("the shared upload readers: a bounded, fair queue (issue 14: a 10 KB import waited 50 s behind eight zip bombs)", () => {
  let slow: Uint8Array = new Uint8Array();
  let small: Uint8Array = new Uint8Array();
  beforeAll(async () => {
    slow = await bigWorkbook(4_000);
    small = await writeXlsx([{ name: "職員数", rows: [["組織", "2025年度"], ["企画課", 3]] }]);
  });

  it("one file per user in the pool; a municipality waits with at most 2; another municipality's file goes first; all full is a 503", { timeout: 300_000 }, async () => {
    expect(POOL_SIZE).toBe(2);
    const finished: string[] = [];
    const a = (userId: number): UploadOwner => ({ municipalityId: 1, userId });
    // Municipality 1: two files being read, two waiting.
    const first = [1, 2, 3, 4].map((u) => readAs(a(u), slow, finished, `a${u}`));
    // The same user again: refused at once, before it waits.
    const again = await readAs(a(1), small, finished, "a1-again");
    expect(again).toBeInstanceOf(GyokakuError);
    expect((again as GyokakuError).code).toBe("unavailable");
    expect((again as GyokakuError).message).toBe("前に送ったファイルをまだ読み込んでいます。読み込みが終わってから、もう一度送信してください");
    expect((again as GyokakuError).details["retryAfterSeconds"]).toBe(30);
    // A fifth user of the same municipality: its waiting quota (2) is used.
    const fifth = await readAs(a(5), small, finished, "a5");
    expect((fifth as GyokakuError).message).toBe("この自治体のファイルの読み込みが混み合っています (待ちは2件まで)。30秒ほど待ってから、もう一度送信してください");
    // Another municipality's small file waits, but is taken before municipality 1's waiting files.
    const other = readAs({ municipalityId: 2, userId: 100 }, small, finished, "b");
    // Six more municipalities fill the queue to its bound (8 waiting); the next is refused.
    const fill = Array.from({ length: QUEUE_LIMITS.waiting - 3 }, (_, i) => readAs({ municipalityId: 10 + i, userId: 200 + i }, small, finished, `c${i}`));
    const overflow = await readAs({ municipalityId: 99, userId: 999 }, small, finished, "overflow");
    expect((overflow as GyokakuError).message).toBe("ファイルの読み込みが混み合っています (待ちは8件まで)。30秒ほど待ってから、もう一度送信してください");
    expect(await Promise.all([...first, other, ...fill])).toEqual(Array.from({ length: 4 + 1 + fill.length }, () => "read"));
    // Municipality 1's waiting files (a3, a4) came after every other municipality's.
    const read = finished.filter((l) => !["a1-again", "a5", "overflow"].includes(l));
    expect(read.indexOf("b")).toBeLessThan(read.indexOf("a3"));
    for (let i = 0; i < fill.length; i++) expect(read.indexOf(`c${i}`)).toBeLessThan(read.indexOf("a4"));
  });
});
