import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import type { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

/** Row of the first data line of a section: two below its ■ title. */
function sectionRow(sheet: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === `■${title}`) return r + 2;
  throw new Error(`section ${title} missing`);
}

async function workbookOf(client: BrowserClient, path: string): Promise<ExcelJS.Workbook> {
  const response = await client.get(path);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

describeEachDatabase("hearing workbook round trip", (get) => {
  it("a downloaded workbook, filled in with exceljs, saves the same data; one wrong cell or another department's workbook writes nothing", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id, site.somu.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    await editor.get(base);
    const upload = async (workbook: ExcelJS.Workbook, path = base) => {
      const form = new FormData();
      form.set("_csrf", editor.csrfToken);
      form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
      return createApp({ database: get().database }).request(`${path}/workbook`, {
        method: "POST",
        body: form,
        headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
      });
    };

    const workbook = await workbookOf(editor, `${base}/workbook`);
    expect(workbook.worksheets.map((s) => s.name).slice(0, 3)).toEqual(["様式1", "様式2", "様式3"]);
    expect(workbook.getWorksheet("識別")?.state).toBe("veryHidden");
    const s3 = workbook.getWorksheet("様式3");
    if (!s3) throw new Error("様式3 missing");
    const row = sectionRow(s3, "人員計画");
    // Prefilled: the unit and its 現員; header locked, data cells open, lists on choice columns.
    expect(s3.getCell(row, 2).value).toBe("企画部");
    expect(s3.getCell(row, 5).value).toBe(67);
    expect(s3.getCell(row - 1, 2).protection?.locked).not.toBe(false);
    expect(s3.getCell(row, 6).protection?.locked).toBe(false);
    expect(s3.getCell(row, 3).dataValidation?.type).toBe("list");

    s3.getCell(row, 6).value = 2; // 増 令和9年度
    s3.getCell(row, 9).value = 1; // 減 令和9年度
    s3.getCell(row, 12).value = "デジタル推進体制の強化";
    s3.getCell(row, 13).value = "RPA導入による業務削減";
    s3.getCell(row, 14).value = "ICT活用";
    s3.getCell(row + 1, 2).value = "企画部";
    s3.getCell(row + 1, 3).value = "技術";
    s3.getCell(row + 1, 4).value = "再任用";
    s3.getCell(row + 1, 5).value = 2;
    const s2 = workbook.getWorksheet("様式2");
    if (!s2) throw new Error("様式2 missing");
    const c = sectionRow(s2, "組織改正");
    [null, "名称変更", "2027-04-01", "企画部", "企画政策部", null, "政策機能の明確化"].forEach((v, i) => (s2.getCell(c, i + 1).value = v));
    const s1 = workbook.getWorksheet("様式1");
    if (!s1) throw new Error("様式1 missing");
    s1.getCell(sectionRow(s1, "現状と課題"), 1).value = "DX推進の専任体制がない";
    const w = sectionRow(s1, "業務量の変化");
    ["", "ふるさと納税事務", "企画部", 12000, 15000, ""].forEach((v, i) => (s1.getCell(w, i + 1).value = v));

    // One text in a number cell: refused with sheet, cell and reason; nothing written.
    const before = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms;
    s3.getCell(row + 1, 6).value = "二";
    const bad = await upload(workbook);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("<td>様式3</td>");
    expect(badHtml).toContain(`<td>F${row + 1}</td>`);
    expect(badHtml).toContain("<td>増(令和9年度(2027年度))を数値として読めません: 「二」(0以上10,000以下の整数を入力してください)</td>");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms).toEqual(before);

    s3.getCell(row + 1, 6).value = 0;
    const ok = await upload(workbook);
    expect(ok.status).toBe(302);
    const forms = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms;
    const lines = (forms[2]?.content as { lines: unknown[] }).lines;
    expect(lines).toEqual([
      {
        id: "L1",
        unitId: site.kikaku.id,
        category: "一般事務",
        employment: "regular",
        current: 67,
        years: [
          { increase: 2, decrease: 0 },
          { increase: 0, decrease: 1 },
          { increase: 0, decrease: 0 },
        ],
        increaseReason: "デジタル推進体制の強化",
        decreaseReason: "RPA導入による業務削減",
        driver: "ict",
      },
      expect.objectContaining({ unitId: site.kikaku.id, category: "技術", employment: "reappointed", current: 2, driver: "none" }),
    ]);
    expect(forms[1]?.content).toEqual({ changes: [expect.objectContaining({ kind: "rename", effectiveDate: "2027-04-01", unitIds: [site.kikaku.id], newNames: ["企画政策部"], newParentId: null, reason: "政策機能の明確化" })] });
    expect(forms[0]?.content).toMatchObject({ issues: "DX推進の専任体制がない", workloads: [{ work: "ふるさと納税事務", unitId: site.kikaku.id, previousCount: 12000, currentCount: 15000 }] });

    // The same workbook again is now outdated; another department's workbook is refused naming it.
    const stale = await upload(workbook);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("このブックは古い版から作られています(様式1 組織ヒアリングシート: ブックは版1、現在は版2");
    const admin = await site.client("admin");
    const somuBook = await workbookOf(admin, `/hearings/${roundId}/departments/${site.somu.id}/workbook`);
    const wrong = await upload(somuBook);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("別の部局(総務部)のブックです");
    // An editor of 企画部 cannot download 総務部's workbook.
    expect((await editor.get(`/hearings/${roundId}/departments/${site.somu.id}/workbook`)).status).toBe(403);
  }, 120_000);

  it("text that looks like a formula (「- 箇条書き」「=HYPERLINK(…)」) comes back unchanged from a downloaded and re-uploaded workbook", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2028, dueDate: "2027-07-31", departmentIds: [site.kikaku.id] });
    const form1 = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[0];
    if (!form1) throw new Error("様式1 missing");
    const typed = { issues: "- 標準化対応の事務量増\n- 窓口の混雑", priorities: '=HYPERLINK("http://example.com","x")', work: "+α の照会対応" };
    await saveForm(site.tenant, CLI_ACTOR, {
      roundId,
      unitId: site.kikaku.id,
      form: 1,
      version: form1.version,
      content: { ...(form1.content as object), issues: typed.issues, priorities: typed.priorities, workloads: [{ id: "W1", work: typed.work, unitId: site.kikaku.id, previousCount: 10, currentCount: 12, note: "@担当" }] },
    });
    const before = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms;
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    await editor.get(base);
    const workbook = await workbookOf(editor, `${base}/workbook`);
    // The export still neutralises the formula-like text for Excel…
    const s1 = workbook.getWorksheet("様式1");
    if (!s1) throw new Error("様式1 missing");
    expect(s1.getCell(sectionRow(s1, "重点的な取組"), 1).value).toBe(`'${typed.priorities}`);
    const form = new FormData();
    form.set("_csrf", editor.csrfToken);
    form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
    const response = await createApp({ database: get().database }).request(`${base}/workbook`, {
      method: "POST",
      body: form,
      headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
    });
    // …and reading it back drops the apostrophe: nothing changed, nothing saved (it read 「'- 標準化…」 and saved it).
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${base}?uploaded=0`);
    const after = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms;
    expect(after).toEqual(before);
    expect(after[0]?.content).toMatchObject({ issues: typed.issues, priorities: typed.priorities, workloads: [{ work: typed.work, note: "@担当" }] });
  }, 120_000);
});
