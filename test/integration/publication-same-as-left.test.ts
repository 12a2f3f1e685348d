import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { renderPolicyHtml } from "../../src/report/document/render.js";
import { loadDemo } from "../../src/services/demo.js";
import { requirePublishableContent } from "../../src/services/publication.js";
import { publishSite } from "../../src/services/publish-site.js";
import { describeEachDatabase } from "../support/databases.js";

/** The text of every 取組計画 cell (class plan-cell), in order, tags dropped and spaces squashed. */
const planCells = (html: string) =>
  [...html.matchAll(/<td class="plan-cell">([\s\S]*?)<\/td>/g)].map((m) =>
    (m[1] ?? "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/\s+/g, " ")
      .trim(),
  );

describeEachDatabase("同左 on the public site and in the document", (get) => {
  it("the site's item pages show each 取組計画 cell as the document does: 「同左」 alone, or with the cell's own stage as in the seed, never a stage carried from the left", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const tenant = new TenantDb(db, municipality.id);
    const content = await requirePublishableContent(tenant, municipality, 2025);
    const documentCells = planCells(renderPolicyHtml(content.document));
    const site = await publishSite(tenant, municipality, 2025, { today: "2025-09-30", makePdf: null });
    const pages = site.files.filter((f) => /^items\/\d\d\.html$/.test(f.path)).sort((a, b) => a.path.localeCompare(b.path));
    expect(pages).toHaveLength(10);
    const siteCells = pages.flatMap((p) => planCells(new TextDecoder().decode(p.bytes)));
    expect(documentCells).toHaveLength(40);
    expect(siteCells).toEqual(documentCells);
    // The seed's 同左 cells: ten alone, 「<実施> 同左」 once (its own stage), 「<継続実施> 同左」 twice.
    const sameAsLeft = siteCells.filter((c) => c.endsWith("同左"));
    expect(sameAsLeft.filter((c) => c === "同左")).toHaveLength(10);
    expect(sameAsLeft.filter((c) => c === "<実施> 同左")).toHaveLength(1);
    expect(sameAsLeft.filter((c) => c === "<継続実施> 同左")).toHaveLength(2);
    expect(sameAsLeft).toHaveLength(13);
    // The open data keeps the resolved stage and lines (one value per cell), not the word 同左.
    const plans = new TextDecoder().decode(site.files.find((f) => f.path === `opendata/${municipality.code}_reform-plans.csv`)?.bytes);
    expect(plans).not.toContain("同左");
  });
});
