import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { TenantDb } from "../../src/db/tenant.js";
import { pdfPageTexts, policyHtmlKey } from "../../src/report/document/pdf.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { loadPolicyDocument } from "../../src/services/policy-document.js";
import { saveNarratives } from "../../src/services/policy-narratives.js";
import { editionPdf, ownBrowser } from "../../src/services/publication-pdf.js";
import { PdfWarmer } from "../../src/services/publication-pdf-warm.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { buildUser } from "../support/factories.js";
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

describeEachDatabase("the PDF printed in the background after an approval", (get) => {
  it("prints and stores the approved document after hq approves it, so publish and report reuse it; a later change makes it stale", { timeout: 240_000 }, async () => {
    const t = get();
    const { database } = t;
    const { municipality } = await loadDemo(database.db);
    const tenant = new TenantDb(database.db, municipality.id);
    // A change after the demo's approval: the edition must be approved again, and no PDF of it is stored yet.
    await saveNarratives(tenant, CLI_ACTOR, 2025, { background: "承認前に直した背景と目的です。" });
    await database.db.deleteFrom("publication_pdfs").execute();
    const warmer = new PdfWarmer(ownBrowser);
    const app = createApp({ database, pdfWarmer: warmer });
    const signedIn = async (role: "admin" | "hq") => {
      const user = await buildUser(database.db, municipality, role);
      const client = new BrowserClient(app);
      expect((await client.login(municipality.id, user.username)).status).toBe(302);
      return client;
    };
    const admin = await signedIn("admin");
    const hq = await signedIn("hq");
    const versionOf = async (client: BrowserClient) => /id="edition-2025"[\s\S]*?name="version" value="(\d*)"/.exec(await (await client.get("/publication")).text())?.[1] ?? "";

    expect((await admin.post("/publication/2025/approval", { action: "mark_ready", confirm_gaps: "1", version: await versionOf(admin) })).status).toBe(302);
    await warmer.idle();
    await database.db.deleteFrom("publication_pdfs").execute(); // as if the print at 公表準備完了 had not happened
    const approved = await hq.post("/publication/2025/approval", { action: "approve", confirm_gaps: "1", version: await versionOf(hq) });
    expect(approved.status).toBe(302); // the request did not wait for the print
    await warmer.idle();
    expect(warmer.counts.failed).toBe(0);
    const doc = await loadPolicyDocument(tenant, municipality, 2025);
    const stored = await tenant.publicationPdfs.get(2025);
    expect(stored?.document_hash).toBe(policyHtmlKey(doc));

    // publish and report hand out the stored PDF: nothing is printed again (printed_at unchanged, same bytes).
    const out = mkdtempSync(join(tmpdir(), "gyokaku-warm-"));
    try {
      const io = captureIo();
      expect(await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", join(out, "site"), "--database", databaseArg(t)], io), io.stderr.join("\n")).toBe(0);
      expect(readFileSync(join(out, "site", "basic-policy.pdf")).equals(Buffer.from(stored?.pdf_base64 ?? "", "base64"))).toBe(true);
      const reported = captureIo();
      expect(await runCli(["report", "--municipality", municipality.code, "--edition", "2025", "--format", "pdf", "--out", join(out, "report"), "--database", databaseArg(t)], reported), reported.stderr.join("\n")).toBe(0);
      expect(reported.stdout.join("\n")).toContain("保存済みのPDF");
      expect(readFileSync(join(out, "report", `policy-${municipality.code}-2025.pdf`)).equals(Buffer.from(stored?.pdf_base64 ?? "", "base64"))).toBe(true);
      expect((await tenant.publicationPdfs.get(2025))?.printed_at).toBe(stored?.printed_at);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }

    // A change after the approval: the stored PDF no longer matches the document, so it cannot be handed out.
    await saveNarratives(tenant, CLI_ACTOR, 2025, { background: "承認後にさらに直した文章です。" });
    const changedKey = policyHtmlKey(await loadPolicyDocument(tenant, municipality, 2025));
    expect(changedKey).not.toBe(stored?.document_hash);
    // A failed background print is logged and harmless (the stale PDF stays stale).
    const logged: string[] = [];
    const broken = new PdfWarmer(() => Promise.reject(new Error("chromium crashed")), (message) => logged.push(message));
    broken.warm(tenant, municipality, 2025);
    await broken.idle();
    expect(broken.counts.failed).toBe(1);
    expect(logged.join("")).toContain("事前に印刷できませんでした");
    expect((await tenant.publicationPdfs.get(2025))?.document_hash).toBe(stored?.document_hash);
    // Previewing the document prints the changed one in the background.
    expect((await admin.get("/publication/document/2025/preview")).status).toBe(200);
    await warmer.idle();
    expect((await tenant.publicationPdfs.get(2025))?.document_hash).toBe(changedKey);
  });
});
