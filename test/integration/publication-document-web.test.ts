import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("公表 → 基本方針 pages", (db) => {
  it("the document page offers the PDF, and its preview shows the regenerated document under the app's CSP", async () => {
    const site = await demoSite(db);
    const viewer = await site.client("viewer");
    const page = await viewer.get("/publication/document");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("基本方針(冊子) 令和7年度(2025年度)");
    // The PDF is material before publication: offered to the secretariat and headquarters only (issue 14).
    expect(html).not.toContain('href="/publication/document/2025.pdf"');
    expect(html).not.toContain("本文の編集");
    const hq = await site.client("hq");
    expect(await (await hq.get("/publication/document")).text()).toContain('href="/publication/document/2025.pdf"');

    const preview = await viewer.get("/publication/document/2025/preview");
    expect(preview.status).toBe(200);
    const doc = await preview.text();
    expect(doc).toContain('<link rel="stylesheet" href="/publication/document.css"/>');
    expect(doc).not.toContain("<style>");
    expect(doc).toContain("(図表10)");
    expect((await viewer.get("/publication/document.css")).headers.get("content-type")).toContain("text/css");
  });

  it("a viewer or an editor asking for the PDF gets the 403 page in Japanese, and nothing is recorded as downloaded", async () => {
    const site = await demoSite(db);
    for (const client of [await site.client("viewer"), await site.client("editor", [await site.unit("110")])]) {
      const refused = await client.get("/publication/document/2025.pdf");
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toContain("text/html");
      expect(await refused.text()).toContain("基本方針のPDFをダウンロードできるのは行政管理課(管理者)と行政改革推進本部です");
    }
    expect(await site.tenant.audit.list({ entity: "policy_pdf", limit: 5, offset: 0 })).toEqual([]);
  });

  it("downloads the document as a PDF printed in Chromium, body pages numbered from 1, audited as the downloader's download", { timeout: 120_000 }, async () => {
    const site = await demoSite(db);
    const viewer = await site.client("hq");
    const response = await viewer.get("/publication/document/2025.pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain("policy-012246-2025.pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { pdfPageTexts } = await import("../../src/report/document/pdf.js");
    const pages = await pdfPageTexts(bytes);
    const toc = pages.findIndex((p) => /目\s*次/.test(p));
    expect(toc).toBe(1);
    expect(pages[toc]).toMatch(/背景と目的\s+1\s*$/m);
    const [entry] = await site.tenant.audit.list({ entity: "policy_pdf", limit: 1, offset: 0 });
    expect(entry).toMatchObject({ action: "download", summary: "基本方針のPDFをダウンロード: 2025年度版" });
    expect(entry?.actor).toMatch(/^hq\d+$/);
  });

  it("an admin edits the narrative and sees it in the preview; a viewer's post is refused; an unknown fact is a 400", async () => {
    const site = await demoSite(db);
    const admin = await site.client("admin");
    const page = await (await admin.get("/publication/document?year=2025")).text();
    expect(page).toContain("本文の編集");
    const readIntro = (/name="r:items\.intro" value="([^"]*)"/.exec(page)?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const saved = await admin.post("/publication/document/2025/narrative", { "n:items.intro": "{{団体名}}の{{重点推進項目数}}事業の計画と実績です。", "r:items.intro": readIntro });
    expect(saved.status).toBe(302);
    expect(await (await admin.get("/publication/document/2025/preview")).text()).toContain("千歳市の10事業の計画と実績です。");

    const refused = await admin.post("/publication/document/2025/narrative", { "n:background": "職員は{{職員総数}}人" });
    expect(refused.status).toBe(400);
    const viewer = await site.client("viewer");
    expect((await viewer.post("/publication/document/2025/narrative", { "n:background": "x" })).status).toBe(403);
    await admin.post("/publication/document/2025/narrative", { "n:items.intro": "", "r:items.intro": "{{団体名}}の{{重点推進項目数}}事業の計画と実績です。" });
  });
});
