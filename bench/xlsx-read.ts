/**
 * xlsx reader benchmark: a 6 KB file with one value at XFD1048576 (refused at once, never expanded), and a realistic
 * roster-sized sheet (2,000 rows × 40 columns) read into a grid. Prints figures; asserts nothing.
 *
 *   node --import tsx bench/xlsx-read.ts
 */
import { performance } from "node:perf_hooks";
import { readXlsx, writeXlsx } from "../src/io/xlsx.js";
import { sheetData, xlsxFromParts } from "../test/support/xlsx-parts.js";

const far = await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["A1", "", "<v>1</v>"], ["XFD1048576", "", "<v>1</v>"]]) }] });
await readXlsx(await writeXlsx([{ name: "warm", rows: [["x"]] }]));
let t = performance.now();
const refused = await readXlsx(far).then(() => "read", (e: unknown) => (e instanceof Error ? e.message : String(e)));
console.log(`XFD1048576 (${far.length} bytes): ${(performance.now() - t).toFixed(1)} ms → ${refused}`);

const rows = Array.from({ length: 2000 }, (_, r) => Array.from({ length: 40 }, (_, c) => (c === 0 ? `団体${r}` : r * 40 + c)));
const big = await writeXlsx([{ name: "名簿", rows }]);
t = performance.now();
const [sheet] = await readXlsx(big);
console.log(`2,000 × 40 sheet (${(big.length / 1024).toFixed(0)} KB): ${(performance.now() - t).toFixed(0)} ms, ${sheet?.rows.length} rows read`);
