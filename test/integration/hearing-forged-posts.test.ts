import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";

describeEachDatabase("forged hearing posts and workbooks", (get) => {
  it("a row posted past the row count is refused, not dropped with what is stored; a tampered 識別 sheet is refused as unreadable", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const stored = async () => (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2];
    const before = await stored();
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    const page = await (await editor.get(`${base}/forms/3`)).text();

    // lines.count 0 (or left out) with line 1 posted: it was saved as "no lines", deleting the stored line.
    const counts: Record<string, string>[] = [{ "lines.count": "0" }, {}];
    for (const count of counts) {
      const forged = await editor.post(`${base}/forms/3`, { version: versionOf(page), ...count, "lines.0.id": "X", "lines.0.unitId": String(site.kikaku.id), "lines.0.current": "67" });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain("人員計画の1行目が行数(0行)を超えて送信されています");
      expect(await stored()).toEqual(before);
    }

    const download = await editor.get(`${base}/workbook`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await download.arrayBuffer());
    const identity = workbook.getWorksheet("識別");
    if (!identity) throw new Error("識別 missing");
    identity.getCell("B4").value = "abc";
    const form = new FormData();
    form.set("_csrf", editor.csrfToken);
    form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
    const uploaded = await createApp({ database: get().database }).request(`${base}/workbook`, {
      method: "POST",
      body: form,
      headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
    });
    expect(uploaded.status).toBe(400);
    const text = await uploaded.text();
    expect(text).toContain("このブックの識別シートが読めません");
    expect(text).not.toContain("NaN");
    expect(await stored()).toEqual(before);
  }, 120_000);
});
