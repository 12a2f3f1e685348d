import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

/** Row of the first data line of a section: two below its ■ title. */
function sectionRow(sheet: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === `■${title}`) return r + 2;
  throw new Error(`section ${title} missing`);
}

describeEachDatabase("施行日 typed as 和暦 in a hearing workbook", (get) => {
  it("reads 「令和9年4月1日」「R9.4.1」 and full-width digits as the date; an impossible date or era is refused naming sheet and cell, writing nothing", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    await editor.get(base);
    const download = async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await editor.get(`${base}/workbook`)).arrayBuffer());
      return workbook;
    };
    const upload = async (workbook: ExcelJS.Workbook) => {
      const form = new FormData();
      form.set("_csrf", editor.csrfToken);
      form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
      return createApp({ database: get().database }).request(`${base}/workbook`, {
        method: "POST",
        body: form,
        headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
      });
    };
    const fill = (workbook: ExcelJS.Workbook, dates: string[]) => {
      const s2 = workbook.getWorksheet("様式2");
      if (!s2) throw new Error("様式2 missing");
      const c = sectionRow(s2, "組織改正");
      dates.forEach((date, i) => [null, "新設", date, null, `新設課${i + 1}`, "企画部", "体制の強化"].forEach((v, k) => (s2.getCell(c + i, k + 1).value = v)));
      return c;
    };

    const bad = await download();
    const c = fill(bad, ["令和9年2月30日", "令和0年4月1日", "Q9.4.1", "令和9年4月1日"]);
    const refused = await upload(bad);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(new RegExp(`<td>様式2</td><td>C${c}</td>[\\s\\S]*?施行日: 存在しない日付です: 「令和9年2月30日」`));
    expect(html).toMatch(new RegExp(`<td>様式2</td><td>C${c + 1}</td>[\\s\\S]*?施行日: 存在しない日付です: 「令和0年4月1日」\\(令和は2019年5月1日から\\)`));
    expect(html).toMatch(new RegExp(`<td>様式2</td><td>C${c + 2}</td>[\\s\\S]*?施行日「Q9.4.1」を日付として読めません。「2027-04-01」「令和9年4月1日」「R9.4.1」のように書いてください`));
    expect(html).not.toContain(`<td>C${c + 3}</td>`);
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[1]?.content).toEqual({ changes: [] });

    const good = await download();
    fill(good, ["令和9年4月1日", "R9.4.1", "令和９年４月１日", "Ｒ１０．４．１", "2027/4/1"]);
    expect((await upload(good)).status).toBe(302);
    const changes = ((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[1]?.content as { changes: { effectiveDate: string }[] }).changes;
    expect(changes.map((x) => x.effectiveDate)).toEqual(["2027-04-01", "2027-04-01", "2027-04-01", "2028-04-01", "2027-04-01"]);
  }, 120_000);
});
