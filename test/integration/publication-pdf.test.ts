import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { TenantDb } from "../../src/db/tenant.js";
import { pdfPageTexts } from "../../src/report/document/pdf.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { loadPolicyDocument } from "../../src/services/policy-document.js";
import { saveNarratives } from "../../src/services/policy-narratives.js";
import { editionPdf, ownBrowser } from "../../src/services/publication-pdf.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase } from "../support/databases.js";

describeEachDatabase("the printed PDF of an edition, kept until its document changes", (get) => {
  it("prints once and hands out the stored PDF while the document is unchanged (app and gyokaku publish); a changed text is printed again", { timeout: 240_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const tenant = new TenantDb(t.database.db, municipality.id);
    const doc = await loadPolicyDocument(tenant, municipality, 2025);

    const first = await editionPdf(tenant, 2025, doc, ownBrowser);
    expect(first.reused).toBe(false);
    expect((await tenant.publicationPdfs.get(2025))?.page_count).toBe(first.pageCount);
    const again = await editionPdf(tenant, 2025, await loadPolicyDocument(tenant, municipality, 2025), ownBrowser);
    expect(again.reused).toBe(true);
    expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    // The HTML handed out with it carries the same 目次 page numbers.
    expect(again.html()).toBe(first.html());

    // gyokaku publish (another process in real use) writes the stored PDF.
    const out = mkdtempSync(join(tmpdir(), "gyokaku-site-"));
    try {
      const io = captureIo();
      expect(await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io), io.stderr.join("\n")).toBe(0);
      expect(readFileSync(join(out, "basic-policy.pdf")).equals(Buffer.from(first.pdf))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }

    // Any change of the document prints it again (and the new PDF shows the change).
    await saveNarratives(tenant, CLI_ACTOR, 2025, { background: "改訂後の背景と目的の文章です。" });
    const changed = await editionPdf(tenant, 2025, await loadPolicyDocument(tenant, municipality, 2025), ownBrowser);
    expect(changed.reused).toBe(false);
    expect((await pdfPageTexts(changed.pdf)).join("").replace(/\s+/g, "")).toContain("改訂後の背景と目的の文章です。");
    expect((await editionPdf(tenant, 2025, await loadPolicyDocument(tenant, municipality, 2025), ownBrowser)).reused).toBe(true);
  });
});
