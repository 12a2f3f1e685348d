import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { saveConflictMessage } from "../../src/domain/hearing-conflict.js";
import { formatTimestamp } from "../../src/web/format.js";

// House rule (docs/CONVENTIONS.md): dates shown to a clerk read 和暦 with 西暦 (令和8年(2026年)5月29日).
// formatWarekiDate alone (令和8年5月29日) is for places that print the 西暦 beside it themselves or quote an official title.
const ALLOWED = new Map<string, string>([
  ["src/domain/era.ts", "defines it"],
  ["src/web/pages/comparison-diagnosis.tsx", "quotes the title of the MIC survey 「…(令和6年4月1日現在)」"],
  ["src/web/pages/retirement-cohort-table.tsx", "prints the ISO date beside it"],
  ["src/domain/hearing-checks.ts", "prints the ISO date beside it"],
  ["src/report/document/sentences.ts", "inserts the 西暦 itself"],
  ["src/report/figures/staff-population.tsx", "a tooltip of the published 図表5, as the seed document writes it"],
  ["src/web/pages/comparison-laspeyres.tsx", "the sentence of the published document 「…(令和6年4月1日現在)であり…」"],
  ["src/web/pages/comparison-peers.tsx", "quotes the title of the MIC survey 「類似団体別職員数の状況(…現在)」"],
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe("every date shown to a clerk reads 和暦 with 西暦", () => {
  it("a timestamp (last login, audit log, saved at) names the Gregorian year beside the era", () => {
    expect(formatTimestamp("2026-11-25T10:39:10.123Z")).toBe("令和8年(2026年)11月25日 19:39");
    expect(formatTimestamp("2019-04-30T15:30:00Z")).toBe("令和元年(2019年)5月1日 00:30");
  });
  it("a save conflict says when, 和暦 with 西暦", () => {
    expect(saveConflictMessage({ savedBy: "kikaku", savedAt: "2026-07-01T01:23:00.000Z", version: 3, you: "somu" })).toContain("令和8年(2026年)7月1日 10:23");
  });
  it("no page, service or domain module prints a bare 和暦 date (formatWarekiDate) outside the allowlist", () => {
    const offenders = sources("src").filter((f) => !ALLOWED.has(f) && /formatWarekiDate\(/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
