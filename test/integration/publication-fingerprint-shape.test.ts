/**
 * The approval fingerprint (services/published-content.ts) hashes what an edition publishes. When gyokaku changes the
 * SHAPE of that content (a field added to the dataset or the document model), every approved edition's fingerprint
 * changes though no data did: unless FINGERPRINT_DEFINITION is raised (and the older definition still computed), an
 * upgrade makes every approved edition read 公表後に変更あり. This happened on 2026-12-01 (図表7's fiscalYear).
 * The shape of the demo's content is pinned here, so a shape change cannot land without that decision.
 */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { FINGERPRINT_DEFINITION } from "../../src/domain/publication.js";
import { loadDemo } from "../../src/services/demo.js";
import { publicationOf } from "../../src/services/publication.js";
import { contentFingerprints, loadPublishedContent } from "../../src/services/published-content.js";
import { describeEachDatabase } from "../support/databases.js";

/** Every path from the root to a value (array items and map entries collapsed, figure/block type named). */
function shapeOf(value: unknown): string[] {
  const paths = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (v instanceof Map) {
      for (const [, x] of v) walk(x, `${path}<>`);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, `${path}[]`);
    } else if (v !== null && typeof v === "object") {
      const tag = (v as { type?: unknown }).type ?? (v as { kind?: unknown }).kind;
      for (const [k, x] of Object.entries(v)) walk(x, `${path}${typeof tag === "string" ? `(${tag})` : ""}.${k}`);
    } else {
      paths.add(path);
    }
  };
  walk(value, "");
  return [...paths].sort();
}

/** SHA-256 of the demo's content shape at FINGERPRINT_DEFINITION 4 (257 paths). */
const PINNED_SHAPE = { definition: 4, paths: 257, sha256: "6cec67e4997c369f36a20c5134859088bd6000c953aa1fe9ce1d327ead267e5a" };

describeEachDatabase("approval fingerprint across gyokaku updates", (get) => {
  it("the shape of what is fingerprinted is pinned: changing it needs a new FINGERPRINT_DEFINITION", async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const content = await loadPublishedContent(new TenantDb(t.database.db, municipality.id), municipality, 2025);
    const shape = shapeOf({ dataset: content.dataset, document: content.document, license: content.license });
    const found = { definition: FINGERPRINT_DEFINITION, paths: shape.length, sha256: createHash("sha256").update(shape.join("\n")).digest("hex") };
    expect(
      found,
      "The shape of the published content changed. Raise FINGERPRINT_DEFINITION (domain/publication.ts), keep computing the previous definition in contentFingerprints for approvals stored under it (see definition 3), then update PINNED_SHAPE",
    ).toEqual(PINNED_SHAPE);
  });

  it("an approval stored under definition 3 reads 要再承認(照合方法の更新), not 公表後に変更あり, while nothing changed", async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const tenant = new TenantDb(t.database.db, municipality.id);
    expect((await publicationOf(tenant, municipality, 2025, null)).status).toBe("approved");
    const fingerprints = contentFingerprints(await loadPublishedContent(tenant, municipality, 2025));
    expect(fingerprints[3]).not.toBe(fingerprints[FINGERPRINT_DEFINITION]);
    // As an edition approved before 図表7 carried its year: definition 3, computed without it.
    await t.database.db.updateTable("reform_publications").set({ fingerprint: fingerprints[3] ?? null, fingerprint_version: 3 }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).execute();
    const view = await publicationOf(tenant, municipality, 2025, null);
    expect(view.status).toBe("recheck");
    expect(view.statusLabel).toBe("要再承認(照合方法の更新)");
    // A real change under definition 3 still reads 公表後に変更あり.
    await t.database.db.updateTable("reform_publications").set({ fingerprint: "0".repeat(64) }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2025).execute();
    expect((await publicationOf(tenant, municipality, 2025, null)).status).toBe("changed");
  });
});
