/**
 * Hearing forms, faults found by a first-time user (issue 11): each rule over HTTP, for the web form and the workbook.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { DEMO_ROUND_TARGET_YEAR } from "../../src/services/hearing/demo.js";
import { departmentForms } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import type { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const versionOf = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1] ?? "0");

function form3Body(version: number, unitId: number, inc: string, reason: string) {
  return {
    version: String(version),
    "lines.count": "1",
    "lines.0.id": "L1",
    "lines.0.unitId": String(unitId),
    "lines.0.category": "一般事務",
    "lines.0.employment": "regular",
    "lines.0.current": "67",
    "lines.0.y0inc": inc,
    "lines.0.y0dec": "0",
    "lines.0.y1inc": "0",
    "lines.0.y1dec": "0",
    "lines.0.y2inc": "0",
    "lines.0.y2dec": "0",
    "lines.0.increaseReason": reason,
    "lines.0.decreaseReason": "",
    "lines.0.driver": "none",
  };
}

async function upload(get: () => { database: Parameters<typeof createApp>[0]["database"] }, client: BrowserClient, base: string, workbook: ExcelJS.Workbook) {
  const form = new FormData();
  form.set("_csrf", client.csrfToken);
  form.set("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "hearing.xlsx"));
  return createApp({ database: get().database }).request(`${base}/workbook`, { method: "POST", body: form, headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ""}` } });
}

async function workbookOf(client: BrowserClient, path: string): Promise<ExcelJS.Workbook> {
  const response = await client.get(path);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function sectionRow(sheet: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === `■${title}`) return r + 2;
  throw new Error(`section ${title} missing`);
}

describeEachDatabase("hearing forms: faults found by a first-time user", (get) => {
  it("a stale save is a Japanese conflict page naming who saved and when (you, in another tab), with what differs, never raw JSON", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const path = `/hearings/${roundId}/departments/${site.kikaku.id}/forms/3`;
    const v1 = versionOf(await (await editor.get(path)).text());
    // Tab A saves; tab B (same user, same old version) saves again.
    expect((await editor.post(path, form3Body(v1, site.kikaku.id, "2", "DX推進"))).status).toBe(302);
    const stale = await editor.post(path, form3Body(v1, site.kikaku.id, "5", "別の入力"));
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toContain("text/html");
    const html = decode(await stale.text());
    expect(html).toMatch(/あなた\([^)]+\)が別の画面\(タブ・ウィンドウ\)で令和\d+年\(\d{4}年\)\d+月\d+日 \d\d:\d\dに保存しています\(版 2\)/);
    expect(html).not.toContain("他の人");
    expect(html).not.toMatch(/\{"(lines|issues|changes)"/);
    expect(html).toContain('id="conflict-differences"');
    expect(html).toMatch(/<td>人員計画 1行目 増減<\/td><td>1年目 \+2\/−0[^<]*<\/td><td>1年目 \+5\/−0/);
    expect(html).toMatch(/<td>人員計画 1行目 増の理由<\/td><td>DX推進<\/td><td>別の入力<\/td>/);
    // Another user is named as such; the API keeps JSON.
    const admin = await site.client("admin");
    await admin.get(path);
    const other = decode(await (await admin.post(path, form3Body(v1, site.kikaku.id, "4", "x"))).text());
    expect(other).toMatch(/editor\d+さんが令和/);
    const api = await createApp({ database: get().database }).request(path, {
      method: "POST",
      body: new URLSearchParams({ ...form3Body(v1, site.kikaku.id, "4", "x"), _csrf: editor.csrfToken }),
      headers: { host: "localhost", accept: "application/json", "content-type": "application/x-www-form-urlencoded", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
    });
    expect(api.status).toBe(409);
  });

  it("様式2 refuses a far effective date, the same unit in two changes and a new unit under another department, each naming row and field, all at once, writing nothing", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2028, dueDate: "2027-07-31", departmentIds: [site.kikaku.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const path = `/hearings/${roundId}/departments/${site.kikaku.id}/forms/2`;
    const page = await (await editor.get(path)).text();
    expect(page).toContain('min="2027-04-01" max="2031-03-31"');
    const change = (i: number, kind: string, date: string, unitIds: string[], names: string, parent: string) => ({
      [`changes.${i}.id`]: `C${i + 1}`,
      [`changes.${i}.kind`]: kind,
      [`changes.${i}.effectiveDate`]: date,
      [`changes.${i}.unitIds`]: unitIds,
      [`changes.${i}.newNames`]: names,
      [`changes.${i}.newParentId`]: parent,
      [`changes.${i}.reason`]: "見直し",
    });
    const response = await editor.post(path, {
      version: String(versionOf(page)),
      "changes.count": "3",
      ...change(0, "create", "1999-04-01", [], "広報課", String(site.somu.id)),
      ...change(1, "rename", "2028-04-01", [String(site.kikaku.id)], "企画政策部", ""),
      ...change(2, "abolish", "2028-04-01", [String(site.kikaku.id)], "", ""),
    });
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    expect(html).toContain("様式2 組織機構計画書に3件の問題があります。何も保存していません");
    expect(html).toContain("<li>組織改正 1行目: 施行日「1999-04-01」は範囲外です。令和10年度(2028年度)に向けた組織改正の施行日は、令和9年4月1日(2027-04-01)から令和13年3月31日(2031-03-31)までの日付にしてください</li>");
    expect(html).toContain("<li>組織改正 1行目: 所管先「総務部」は企画部の組織ではありません。");
    expect(html).toContain("<li>組織改正 3行目: 対象組織「企画部」は2行目の組織改正でも対象になっています。");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[1]?.content).toEqual({ changes: [] });
  });

  it("a redisplayed form shows a dash, never NaN, in computed cells, and an absurd number gets its bound", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2028-07-31", departmentIds: [site.kikaku.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const f3 = `/hearings/${roundId}/departments/${site.kikaku.id}/forms/3`;
    const v = versionOf(await (await editor.get(f3)).text());
    const html = decode(await (await editor.post(f3, { ...form3Body(v, site.kikaku.id, "99999999", "DX"), "lines.0.current": "abc", "lines.0.y1inc": "1e300" })).text());
    expect(html).not.toContain("NaN");
    expect(html).toMatch(/data-requested="L1-0">—</);
    expect(html).toContain("<li>人員計画 1行目: 増(令和11年度(2029年度))が大きすぎます (10,000まで): 「99999999」</li>");
    // Exponent notation is no count a clerk types: refused as unreadable by the one number-cell reader (kind G).
    expect(html).toContain("<li>人員計画 1行目: 増(令和12年度(2030年度))を数値として読めません: 「1e300」(0以上10,000以下の整数を入力してください)</li>");
    expect(html).toContain("<li>人員計画 1行目: 現員を数値として読めません: 「abc」(0以上100,000以下の整数を入力してください)</li>");
    const f1 = `/hearings/${roundId}/departments/${site.kikaku.id}/forms/1`;
    const v1 = versionOf(await (await editor.get(f1)).text());
    const f1html = decode(
      await (await editor.post(f1, { version: String(v1), "workloads.count": "1", "workloads.0.id": "", "workloads.0.work": "申請受付", "workloads.0.unitId": "", "workloads.0.previousCount": "八千", "workloads.0.currentCount": "100", "workloads.0.note": "" })).text(),
    );
    expect(f1html).not.toContain("NaN");
    expect(f1html).toContain("<li>業務量の変化 1行目: 前年度件数を数値として読めません: 「八千」(0以上1,000,000,000以下の整数を入力してください)</li>");
  });

  it("a workbook upload reports every problem with sheet and cell, a formula error (=1/0) among them, and writes nothing", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2030, dueDate: "2029-07-31", departmentIds: [site.kikaku.id] });
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    await editor.get(base);
    const workbook = await workbookOf(editor, `${base}/workbook`);
    const s3 = workbook.getWorksheet("様式3");
    const s2 = workbook.getWorksheet("様式2");
    if (!s3 || !s2) throw new Error("sheets missing");
    const row = sectionRow(s3, "人員計画");
    s3.getCell(row, 6).value = { formula: "1/0" } as ExcelJS.CellFormulaValue; // 増: a formula without a result
    s3.getCell(row, 7).value = 99999999; // 減: absurd
    s3.getCell(row + 1, 2).value = "企画部";
    s3.getCell(row + 1, 3).value = "魔法使い"; // not in the list
    s3.getCell(row + 1, 6).value = 1; // an increase without a reason
    s3.getCell(row + 2, 6).value = 1; // a row with numbers but no 組織 or 職種 chosen
    s3.getCell(row + 2, 12).value = "増員";
    const c = sectionRow(s2, "組織改正");
    [null, "名称変更", "2040-04-01", "企画部", "企画政策部", null, "政策機能の明確化"].forEach((v, i) => (s2.getCell(c, i + 1).value = v));
    const response = await upload(get, editor, base, workbook);
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    const cells = [...html.matchAll(/<tr class="problem-error"><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(cells).toContainEqual(["様式3", `F${row}`, "増 令和12年度(2030年度): 数式「=1/0」は計算できないか、結果が保存されていません。値を直接入力してください"]);
    expect(cells).toContainEqual(["様式3", `G${row}`, "減(令和12年度(2030年度))が大きすぎます (10,000まで): 「99999999」"]);
    expect(cells).toContainEqual(["様式3", `C${row + 1}`, "職種「魔法使い」は一覧にありません"]);
    expect(cells).toContainEqual(["様式3", `L${row + 1}`, "増の理由を入力してください"]);
    expect(cells).toContainEqual(["様式3", `B${row + 2}`, "組織を一覧から選んでください"]);
    expect(cells).toContainEqual(["様式3", `C${row + 2}`, "職種を一覧から選んでください"]);
    expect(cells.some(([sheet, cell, message]) => sheet === "様式2" && cell === `C${c}` && message?.includes("施行日「2040-04-01」は範囲外です"))).toBe(true);
    // One problem per cell: the formula cell is not also reported as blank.
    expect(cells.filter(([sheet, cell]) => sheet === "様式3" && cell === `F${row}`)).toHaveLength(1);
    const forms = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms;
    expect(forms.map((f) => f.version)).toEqual([1, 1, 1]);
  });

  it("the demo's illustrative round is labelled 例示 in the title rows of every sheet of its workbooks", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const round = await site.tenant.hearingRounds.getByYear(DEMO_ROUND_TARGET_YEAR);
    if (!round) throw new Error("demo round missing");
    const admin = await site.client("admin");
    const workbook = await workbookOf(admin, `/hearings/${round.id}/departments/${site.kikaku.id}/workbook`);
    for (const name of ["様式1", "様式2", "様式3"]) {
      const sheet = workbook.getWorksheet(name);
      expect(String(sheet?.getCell(1, 1).value)).toContain("例示");
      expect(String(sheet?.getCell(2, 1).value)).toContain("【例示】デモ用の例示データです");
    }
    const overview = await workbookOf(admin, `/hearings/${round.id}/overview.xlsx`);
    for (const sheet of overview.worksheets) expect(String(sheet.getCell(2, 1).value)).toContain("【例示】");
    // A round that is not illustrative carries no label.
    const real = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2031, dueDate: "2030-07-31", departmentIds: [site.kikaku.id] });
    const plain = await workbookOf(admin, `/hearings/${real}/departments/${site.kikaku.id}/workbook`);
    expect(String(plain.getWorksheet("様式1")?.getCell(2, 1).value ?? "")).not.toContain("例示");
  });

  it("the round page says what closing did: decided, nothing applied yet; each step says what it did", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2032, dueDate: "2031-07-31", departmentIds: [site.kikaku.id] });
    const admin = await site.client("admin");
    // Before every form is decided the page says closing is not possible yet, and what is missing.
    const open = decode(await (await admin.get(`/hearings/${roundId}`)).text());
    expect(open).toContain("まだ確定できません。決定していない様式が3件あります(企画部)。すべての様式を決定すると確定できます。");
    expect(open).not.toContain("確定すると、");
    const closed = decode(await (await admin.get(`/hearings/${roundId}?closed=1`)).text());
    expect(closed).toContain("ヒアリングを確定しました(状態: 決定)");
    expect(closed).toContain("次年度の配置計画と組織にはまだ反映していません");
    expect(closed).not.toContain("決定を確定しました");
    expect(decode(await (await admin.get(`/hearings/${roundId}?slot=1`)).text())).toContain("ヒアリングの日程を保存しました");
    const returned = decode(await (await admin.get(`/hearings/${roundId}/departments/${site.kikaku.id}/forms/3?step=return`)).text());
    expect(returned).toContain("差し戻しました");
    expect(returned).not.toContain("処理しました");
  });
});
