/**
 * A catch turns only a refusal into a message (issue 9, "the asInput catch that turns any TypeError — a bug — into a
 * 400"): isInvalidInput takes GyokakuError("invalid_input") and nothing else, and the places the reviewer named no
 * longer swallow every error (`catch {}`) nor wrap any error's JavaScript text as invalid_input.
 */
import { readFileSync } from "node:fs";
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
  });
});
