/**
 * A catch turns only a refusal into a message (issue 9, "the asInput catch that turns any TypeError — a bug — into a
 * 400"): isInvalidInput takes GyokakuError("invalid_input") and nothing else, and the places the reviewer named no
 * longer swallow every error (`catch {}`) nor wrap any error's JavaScript text as invalid_input.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GyokakuError, isInvalidInput } from "../../src/domain/errors.js";
import { parseFiscalYear } from "../../src/domain/era.js";

const root = join(import.meta.dirname, "../..");
const NAMED = [
  "src/services/municipalities.ts",
  "src/services/comparison/peers.ts",
  "src/services/comparison/classification.ts",
  "src/services/comparison/own-figures.ts",
  "src/io/age-profile.ts",
  "src/web/routes/retirement/age-roll.tsx",
  "src/web/routes/retirement/projection.tsx",
  // The upload readers refuse with GyokakuError("invalid_input") themselves; their callers take only that (issue 9 review).
  "src/io/upload.ts",
  "src/io/table-file.ts",
  "src/io/hearing-workbook.ts",
  "src/io/text-encoding.ts",
  "src/io/open-data.ts",
  "src/services/hearing/workbook.ts",
  "src/services/reform-transfer.ts",
];

describe("isInvalidInput", () => {
  it("is true for a user's or data's refusal only: not another code, not a TypeError or RangeError", () => {
    expect(isInvalidInput(new GyokakuError("invalid_input", "x"))).toBe(true);
    expect(isInvalidInput(new GyokakuError("conflict", "x"))).toBe(false);
    expect(isInvalidInput(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isInvalidInput(new RangeError("Invalid time value"))).toBe(false);
    expect(isInvalidInput("invalid_input")).toBe(false);
    let refusal: unknown;
    try {
      parseFiscalYear("昭和65年度");
    } catch (error) {
      refusal = error;
    }
    expect(isInvalidInput(refusal)).toBe(true);
  });

  it.each(NAMED)("%s neither swallows every error nor turns JavaScript's text into a refusal", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(text).not.toMatch(/catch\s*\{/);
    expect(text).not.toMatch(/error instanceof Error \? error\.message : String\(error\)/);
    expect(text).not.toMatch(/\(error as Error\)\.message/);
    // A RangeError is JavaScript's (or a library's) and so a bug: no catch takes it for a refusal, by class or by its text.
    expect(text).not.toMatch(/instanceof RangeError/);
    expect(text).not.toMatch(/\.test\(error\.message\)/);
  });

  it("src/io throws no RangeError of its own: a reader refuses with GyokakuError(invalid_input) naming the place", () => {
    const io = readdirSync(join(root, "src/io")).filter((name) => name.endsWith(".ts"));
    // problems.ts cellName refuses a row or column below 1: the caller's bug (a 500), never a file's fault.
    const found = io.filter((name) => name !== "problems.ts" && /new RangeError\(/.test(readFileSync(join(root, "src/io", name), "utf8")));
    expect(found).toEqual([]);
  });
});
