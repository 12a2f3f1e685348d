import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms } from "../../src/services/hearing/forms.js";
import { getRound, openRound, setJobCategories } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";

describeEachDatabase("a 職種 dropped from the round's list", (get) => {
  it("a line keeps a 職種 dropped from the list: an unchanged workbook uploads, the web form saves and submits; a new line with it is refused naming it", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const stored = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]?.content as { lines: { id: string; category: string }[] };
    const lineId = stored.lines[0]?.id ?? "";
    expect(stored.lines[0]?.category).toBe("一般事務");
    await setJobCategories(site.tenant, CLI_ACTOR, { roundId, version: (await getRound(site.tenant, CLI_ACTOR, roundId)).version, categories: ["技術", "保健師"] });

    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    await editor.get(base);
    // The workbook as downloaded, uploaded again unchanged: nothing to refuse (it was: 様式3 C6 職種「一般事務」は一覧にありません).
    const download = await editor.get(`${base}/workbook`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await download.arrayBuffer());
    const form = new FormData();
    form.set("_csrf", editor.csrfToken);
    form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
    const uploaded = await createApp({ database: get().database }).request(`${base}/workbook`, {
      method: "POST",
      body: form,
      headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
    });
    expect(uploaded.status).toBe(302);

    const page = await (await editor.get(`${base}/forms/3`)).text();
    const line = (i: number, id: string) => ({
      [`lines.${i}.id`]: id,
      [`lines.${i}.unitId`]: String(site.kikaku.id),
      [`lines.${i}.category`]: "一般事務",
      [`lines.${i}.employment`]: "regular",
      [`lines.${i}.current`]: i === 0 ? "67" : "0",
      [`lines.${i}.y0inc`]: i === 0 ? "1" : "0",
      [`lines.${i}.increaseReason`]: "DX推進",
    });
    // A new line may not take the dropped 職種; nothing is written.
    const refused = await editor.post(`${base}/forms/3`, { version: versionOf(page), "lines.count": "2", ...line(0, lineId), ...line(1, "") });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("人員計画 2行目: 職種「一般事務」は一覧にありません (技術・保健師)");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]?.content).toEqual(stored);
    // The line that had it keeps it: saved and submitted.
    const saved = await editor.post(`${base}/forms/3`, { version: versionOf(page), "lines.count": "1", ...line(0, lineId) });
    expect(saved.status).toBe(302);
    const after = await (await editor.get(`${base}/forms/3`)).text();
    expect((await editor.post(`${base}/forms/3/step`, { version: versionOf(after), action: "submit" })).status).toBe(302);
    const view = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2];
    expect(view?.status).toBe("submitted");
    expect((view?.content as { lines: { category: string }[] }).lines[0]?.category).toBe("一般事務");
  }, 120_000);
});
