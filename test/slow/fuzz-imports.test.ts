/**
 * Fuzzed imports (issue 14 point 11): files from our own exports, then broken by fast-check — truncated zips, flipped
 * bytes, wrong types and huge numbers in cells, empty sheets, text in another encoding than declared — go through the
 * headcount, age-profile, comparison and reform importers. None may crash (every refusal is a GyokakuError with a
 * Japanese message) and a refused file writes nothing: the municipality's data version (bumped by any write) stays.
 */
import fc from "fast-check";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { DataVersionRepository } from "../../src/db/repositories/data-versions.js";
import { isGyokakuError } from "../../src/domain/errors.js";
import { importAgeProfileFile } from "../../src/services/age-profile-import.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importComparison } from "../../src/services/comparison-import.js";
import { exportHeadcounts, importHeadcounts } from "../../src/services/headcount-transfer.js";
import { importReformWorkbook } from "../../src/services/reform-transfer.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { sheetData, xlsxFromParts } from "../support/xlsx-parts.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 100);

/** A cell value that is not a count: wrong types, huge and negative numbers, odd text. */
const badCell = fc.oneof(
  fc.constantFrom("1e308", "99999999999999999999", "-1", "3.5", "NaN", "Infinity", "０x1F", "=1+1", "", "　", "▲", "\u0000", "一二三"),
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
  fc.bigInt({ min: 2n ** 31n, max: 2n ** 80n }).map(String),
);

type Mutation = (base: { xlsx: Uint8Array; csv: string }) => Promise<{ filename: string; bytes: Uint8Array; encoding?: "utf-8" | "shift_jis" | "auto" }>;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A zip cut anywhere.
  fc.double({ min: 0, max: 0.999, noNaN: true }).map((at): Mutation => async ({ xlsx }) => ({ filename: "cut.xlsx", bytes: xlsx.slice(0, Math.floor(xlsx.length * at)) })),
  // Bytes flipped inside the zip.
  fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips): Mutation => async ({ xlsx }) => {
    const bytes = xlsx.slice();
    for (const [at, x] of flips) {
      const i = Math.floor(bytes.length * at);
      bytes[i] = (bytes[i] ?? 0) ^ x;
    }
    return { filename: "flipped.xlsx", bytes };
  }),
  // Wrong types and huge numbers in the CSV's count cells.
  fc.array(fc.tuple(fc.nat(), badCell), { minLength: 1, maxLength: 6 }).map((cells): Mutation => async ({ csv }) => {
    const lines = csv.split("\n").map((l) => l.split(","));
    for (const [n, value] of cells) {
      const row = lines[1 + (n % Math.max(1, lines.length - 2))];
      if (row && row.length > 2) row[2 + (n % (row.length - 2))] = value;
    }
    return { filename: "typed.csv", bytes: new TextEncoder().encode(lines.map((l) => l.join(",")).join("\n")), encoding: "auto" };
  }),
  // An empty sheet, a header only, an empty file.
  fc.constantFrom<Mutation>(
    async () => ({ filename: "empty.xlsx", bytes: await xlsxFromParts({ sheets: [{ name: "図表4", xml: "<sheetData/>" }] }) }),
    async ({ csv }) => ({ filename: "header.csv", bytes: new TextEncoder().encode(csv.split("\n")[0] ?? ""), encoding: "auto" }),
    async () => ({ filename: "nothing.csv", bytes: new Uint8Array(), encoding: "auto" }),
    async () => ({ filename: "odd.xlsx", bytes: await xlsxFromParts({ sheets: [{ name: "図表4", xml: sheetData([["A1", 't="s"', "<v>99</v>"], ["B1", 't="b"', "<v>x</v>"], ["C1", "", "<f>1/0</f>"]]) }] }) }),
  ),
  // Encoding mix-ups: Shift_JIS declared as UTF-8, UTF-16 without a BOM, UTF-8 declared as Shift_JIS, cut mid-character.
  fc.constantFrom<Mutation>(
    async ({ csv }) => ({ filename: "sjis.csv", bytes: iconv.encode(csv, "shift_jis"), encoding: "utf-8" }),
    async ({ csv }) => ({ filename: "utf16.csv", bytes: iconv.encode(csv, "utf-16le"), encoding: "auto" }),
    async ({ csv }) => ({ filename: "utf8.csv", bytes: new TextEncoder().encode(csv.replace(/\d/g, "〇")), encoding: "shift_jis" }),
    async ({ csv }) => ({ filename: "cut.csv", bytes: new TextEncoder().encode(csv).slice(0, 101), encoding: "utf-8" }),
  ),
);

describeEachDatabase("fuzzed imports: no crash, nothing written", (get, name) => {
  it("four importers refuse broken files with a GyokakuError and write nothing", { timeout: 600_000 }, async () => {
    const site = await demoSite(get);
    const { tenant } = site;
    const xlsx = (await exportHeadcounts(tenant, { from: 2020, to: 2025, layout: "long", kind: "xlsx" })).bytes;
    const csv = new TextDecoder().decode((await exportHeadcounts(tenant, { from: 2020, to: 2025, layout: "long", kind: "csv", encoding: "utf-8" })).bytes).replace(/^\uFEFF/, "");
    const importers: [string, (file: { filename: string; bytes: Uint8Array; encoding?: "utf-8" | "shift_jis" | "auto" }) => Promise<unknown>][] = [
      ["職員数", (f) => importHeadcounts(tenant, CLI_ACTOR, { ...f, currentFiscalYear: 2026 })],
      ["年齢別職員数", (f) => importAgeProfileFile(tenant, CLI_ACTOR, { ...f, currentFiscalYear: 2026 })],
      ["類似団体比較", (f) => importComparison(tenant, CLI_ACTOR, { ...f, importedOn: "2026-04-01", currentFiscalYear: 2026 }, site.municipality.name)],
      ["業務改革", (f) => importReformWorkbook(tenant, CLI_ACTOR, 2025, f.bytes, f.filename)],
    ];
    const refused = new Map<string, number>();
    const written = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...importers), mutation, async ([label, run], mutate) => {
        const file = await mutate({ xlsx, csv });
        const before = await DataVersionRepository.current(site.database, site.municipality.id);
        try {
          await run(file);
          written.set(label, (written.get(label) ?? 0) + 1);
        } catch (error) {
          if (!isGyokakuError(error)) throw new Error(`${label} ${file.filename}: not a GyokakuError: ${String(error)}`);
          if (!/[ぁ-んァ-ヶ一-龠]/.test(error.message)) throw new Error(`${label} ${file.filename}: message not Japanese: ${error.message}`);
          const after = await DataVersionRepository.current(site.database, site.municipality.id);
          if (after !== before) throw new Error(`${label} ${file.filename}: refused, but something was written`);
          refused.set(label, (refused.get(label) ?? 0) + 1);
        }
      }),
      { numRuns: name === "postgres" ? Math.ceil(RUNS / 2) : RUNS * 4, seed: Number(process.env["FUZZ_SEED"] ?? Date.now() % 2 ** 31) },
    );
    console.log(`refused: ${JSON.stringify(Object.fromEntries(refused))}; accepted (a mutation that left a valid file): ${JSON.stringify(Object.fromEntries(written))}`);
    expect([...refused.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
