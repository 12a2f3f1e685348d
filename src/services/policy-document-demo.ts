/** The demo city's narrative of the 基本方針 (the seed's own text, demo/chitose/narrative.json). */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { TenantDb } from "../db/tenant.js";
import { validateNarrative } from "../report/document/narrative.js";

const NarrativeFile = z.object({ fiscalYear: z.number().int(), source: z.string(), sections: z.record(z.string(), z.string()) });

/** Writes the seed's narrative into the demo edition where a section is still missing; returns what was added. */
export async function loadPolicyDocumentDemo(tx: Pick<TenantDb, "policyNarratives" | "reformEditions">): Promise<string[]> {
  const spec = NarrativeFile.parse(JSON.parse(readFileSync(new URL("../../demo/chitose/narrative.json", import.meta.url), "utf8")));
  if (!(await tx.reformEditions.getByYear(spec.fiscalYear))) return [];
  const have = new Set((await tx.policyNarratives.list(spec.fiscalYear)).map((r) => r.key));
  const now = new Date().toISOString();
  let added = 0;
  for (const [key, text] of Object.entries(spec.sections)) {
    if (have.has(key)) continue;
    await tx.policyNarratives.set({ fiscalYear: spec.fiscalYear, key, text: validateNarrative(key, text), updatedBy: "(demo)", now });
    added += 1;
  }
  return added > 0 ? [`基本方針の本文 ${added}区分`] : [];
}
