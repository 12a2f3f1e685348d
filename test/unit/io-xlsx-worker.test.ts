import { beforeAll, describe, expect, it } from "vitest";
import { invalidInput } from "../support/errors.js";
import { readXlsx, writeXlsx } from "../../src/io/xlsx.js";

/** A workbook of `rows` × 12 numeric cells: large enough that reading it takes a while. */
async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const grid = [["組織", ...Array.from({ length: 11 }, (_, i) => `${2015 + i}年度`)], ...Array.from({ length: rows }, (_, r) => [`課${r}`, ...Array.from({ length: 11 }, (_, c) => r + c)])];
  return writeXlsx([{ name: "職員数", rows: grid }]);
}

/** Turns of the event loop (setImmediate) completed while `work` runs: 0 means the thread was blocked throughout. */
async function loopTurnsDuring(work: () => Promise<unknown>): Promise<{ turns: number; longestBlockMs: number }> {
  let running = true;
  let turns = 0;
  let longest = 0;
  let last = performance.now();
  const spin = async () => {
    while (running) {
      await new Promise((r) => setImmediate(r));
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      turns += 1;
    }
  };
  const spinner = spin();
  await work();
  running = false;
  await spinner;
  return { turns, longestBlockMs: longest };
}

describe("xlsx reader off the request thread", () => {
  let bytes: Uint8Array = new Uint8Array();
  beforeAll(async () => {
    bytes = await bigWorkbook(4_000);
  });

  it("keeps the request thread turning while a large workbook is read, and gives the same grid", { timeout: 120_000 }, async () => {
    let sheets: Awaited<ReturnType<typeof readXlsx>> = [];
    const { turns } = await loopTurnsDuring(async () => (sheets = await readXlsx(bytes)));
    // Read on this thread, the loop turns only while the zip is inflated (about a hundred times); in the worker, freely.
    expect(turns).toBeGreaterThan(1000);
    expect(sheets[0]?.rows).toHaveLength(4_001);
    expect(sheets[0]?.rows[4_000]?.slice(0, 3)).toEqual(["課3999", "3999", "4000"]);
  });

  it("stops a read past its time limit with a Japanese message, and reads the next file normally", { timeout: 120_000 }, async () => {
    await expect(readXlsx(bytes, { timeoutMs: 20 })).rejects.toThrow(invalidInput("Excelファイルの読み込みが制限時間(0秒)を超えたため中止しました。行や列を減らすか、ファイルを分けてください"));
    const small = await writeXlsx([{ name: "表", rows: [["a", 1]] }]);
    expect((await readXlsx(small))[0]?.rows).toEqual([["a", "1"]]);
  });

  it("reads several workbooks at once, each answered with its own grid", async () => {
    const files = await Promise.all([1, 2, 3, 4, 5].map((n) => writeXlsx([{ name: `表${n}`, rows: [["n", n]] }])));
    const read = await Promise.all(files.map((f) => readXlsx(f)));
    expect(read.map((s) => [s[0]?.name, s[0]?.rows[0]?.[1]])).toEqual([1, 2, 3, 4, 5].map((n) => [`表${n}`, String(n)]));
  });
});
