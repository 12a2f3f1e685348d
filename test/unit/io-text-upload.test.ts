/**
 * Text uploads (CSV, tab-separated, JSON) are read in the upload worker within the workbook's limits (issue 14 point
 * 1): the request thread keeps turning while a 15 MB CSV of 800,000 rows is refused, and each limit is named.
 */
import { describe, expect, it } from "vitest";
import { GyokakuError } from "../../src/domain/errors.js";
import { parseCsv } from "../../src/io/csv.js";
import { readUpload } from "../../src/io/upload.js";

const LIMITS = "取り込めるのは 100,000 行・256 列・2,000,000 セルまでです。不要な行・列を削除するか、ファイルを分けてください";
const bytes = (text: string) => new TextEncoder().encode(text);

/** Turns of the event loop completed while `work` runs (0: the thread was blocked throughout). */
async function loopTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let running = true;
  let turns = 0;
  const spin = async () => {
    while (running) {
      await new Promise((r) => setImmediate(r));
      turns += 1;
    }
  };
  const spinner = spin();
  await work().catch(() => undefined);
  running = false;
  await spinner;
  return turns;
}

async function refusal(filename: string, data: Uint8Array): Promise<string> {
  const error = await readUpload(filename, data).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GyokakuError);
  return (error as Error).message;
}

describe("text uploads in the upload worker", () => {
  it("refuses an 800,000-row CSV at its 100,001st row, naming the limits, while the request thread keeps turning", { timeout: 120_000 }, async () => {
    const csv = bytes("組織,2025\n" + Array.from({ length: 800_000 }, (_, i) => `課${i},${i}`).join("\n"));
    let message = "";
    const turns = await loopTurnsDuring(async () => (message = await refusal("big.csv", csv)));
    expect(message).toBe(`big.csv: 100,001 行目に値があります。${LIMITS}`);
    // Decoded and parsed on this thread, the loop would not turn at all until the refusal.
    expect(turns).toBeGreaterThan(100);
  });

  it("reads exactly 100,000 rows, and blank lines after them are no data", { timeout: 60_000 }, async () => {
    const csv = bytes(Array.from({ length: 100_000 }, (_, i) => `r${i},${i}`).join("\r\n") + "\r\n\r\n,,\r\n");
    const upload = await readUpload("ok.csv", csv);
    expect(upload.sheets[0]?.rows).toHaveLength(100_000);
    expect(upload.sheets[0]?.rows[99_999]).toEqual(["r99999", "99999"]);
    expect(upload.kind).toBe("csv");
    expect(upload.delimiter).toBe("comma");
  });

  it("refuses a row with a value past column 256 (tab-separated too); empty trailing fields past it are dropped", async () => {
    const wide = ["a", ...Array.from({ length: 256 }, (_, i) => String(i))].join("\t");
    expect(await refusal("wide.txt", bytes(`見出し\n${wide}\n`))).toBe(`wide.txt: 2 行目が 256 列を超えています。${LIMITS}`);
    const padded = await readUpload("padded.csv", bytes("a,b" + ",".repeat(400) + "\n1,2\n"));
    expect(padded.sheets[0]?.rows[0]).toEqual(["a", "b", ...Array.from({ length: 254 }, () => "")]);
    expect(padded.sheets[0]?.rows[1]).toEqual(["1", "2"]);
  });

  it("refuses a CSV past 2,000,000 cells at the line where it passes them", { timeout: 60_000 }, async () => {
    const line = Array.from({ length: 40 }, () => "1").join(",");
    const csv = bytes(Array.from({ length: 50_001 }, () => line).join("\n"));
    expect(await refusal("cells.csv", csv)).toBe(`cells.csv: 50,001 行目までで 2,000,000 セルを超えます。${LIMITS}`);
  });

  it("refuses a JSON table of more records than rows allowed, naming the count", { timeout: 60_000 }, async () => {
    const json = bytes(JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ 組織: `課${i}`, 人数: i }))));
    expect(await refusal("big.json", json)).toBe(`big.json: JSON の記録が 100,000 件あります。${LIMITS}`);
    const ok = await readUpload("ok.json", bytes(JSON.stringify({ title: "表", records: [{ a: 1 }, { b: "x" }] })));
    expect(ok.kind).toBe("json");
    expect(ok.sheets[0]?.rows).toEqual([["表"], ["a", "b"], ["1", ""], ["", "x"]]);
  });

  it("keeps every earlier refusal: binary bytes, a quote left open, bad JSON", async () => {
    expect(await refusal("x.csv", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toBe(
      "x.csv: 表のファイルとして読めません。Excel ブック (.xlsx) か、CSV・タブ区切りのテキストファイル (.csv / .txt) を選んでください (PDF・Word・画像や、古い形式の .xls は読めません。.xls は Excel で「.xlsx」として保存し直してください)",
    );
    expect(await refusal("q.csv", bytes('a,"b\n1,2\n'))).toBe('q.csv: CSVの引用符(")が閉じられていません (1行目から)');
    expect(await refusal("j.json", bytes("[{"))).toBe("j.json: JSON として読めません (括弧や引用符の対応が崩れているか、途中で切れています)");
  });

  it("parseCsv without limits reads any number of rows, as before", () => {
    expect(parseCsv("a\n".repeat(100_001))).toHaveLength(100_001);
  });
});
