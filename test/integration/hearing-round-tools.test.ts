import { expect, it } from "vitest";
import { readXlsx } from "../../src/io/xlsx.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { DEMO_ROUND_TARGET_YEAR, DEMO_ROUND_TITLE } from "../../src/services/hearing/demo.js";
import { departmentForms, saveForm } from "../../src/services/hearing/forms.js";
import { addableDepartments, addDepartment, getRound, openRound } from "../../src/services/hearing/rounds.js";
import { defaultParams, runScenario } from "../../src/services/retirement-scenarios.js";
import type { Form1, Form3 } from "../../src/domain/hearing-forms.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describeEachDatabase("hearing round tools: demo round, ICT links, overview, export, A4 sheet, 配置計画", (get) => {
  it("the demo carries an illustrative round for 企画部 and 総務部, labelled 例示 on every page that shows it", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const round = await site.tenant.hearingRounds.getByYear(DEMO_ROUND_TARGET_YEAR);
    expect(round?.title).toBe(DEMO_ROUND_TITLE);
    const id = round?.id ?? 0;
    const departments = await site.tenant.hearingRounds.departments(id);
    expect(departments.map((d) => d.unit_id).sort()).toEqual([site.kikaku.id, site.somu.id].sort());
    const kikaku = await departmentForms(site.tenant, CLI_ACTOR, id, site.kikaku.id);
    expect(kikaku.forms.map((f) => f.status)).toEqual(["heard", "heard", "heard"]);

    const admin = await site.client("admin");
    expect(await (await admin.get("/hearings")).text()).toContain(DEMO_ROUND_TITLE);
    for (const path of [
      `/hearings/${id}`,
      `/hearings/${id}/overview`,
      `/hearings/${id}/apply`,
      `/hearings/${id}/departments/${site.kikaku.id}`,
      `/hearings/${id}/departments/${site.kikaku.id}/forms/1`,
      `/hearings/${id}/departments/${site.kikaku.id}/forms/3`,
      `/hearings/${id}/departments/${site.kikaku.id}/sheet`,
    ]) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('data-illustrative="true"');
    }
    // Loading the demo again adds no second round.
    await demoSite(get);
    expect((await site.tenant.hearingRounds.list()).filter((r) => r.target_year === DEMO_ROUND_TARGET_YEAR)).toHaveLength(1);
  });

  it("a round hears each unit through one department: 市長部局 or 病院 cannot join beside their 部, a separate 任命権者 can", async () => {
    const site = await demoSite(get, { kikaku: "110", mayor: "100", hospital: "200", hospitalOffice: "210", fire: "300" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2033, dueDate: "2032-07-31" });
    const round = await getRound(site.tenant, CLI_ACTOR, roundId);
    const offered = (await addableDepartments(site.tenant, CLI_ACTOR, round)).map((u) => u.name);
    // A new round hears the 部 of 市長部局; 病院 (another 任命権者) joins when the secretariat adds it (issue 11).
    const heard = (await site.tenant.hearingRounds.departments(roundId)).map((d) => d.unit_id);
    expect(heard).toContain(site.kikaku.id);
    expect(heard).not.toContain(site.hospitalOffice.id);
    expect(offered).toContain("消防");
    expect(offered).toContain("病院事務局");
    expect(offered).not.toContain("市長部局");
    await expect(addDepartment(site.tenant, CLI_ACTOR, { roundId, unitId: site.mayor.id })).rejects.toThrow("「市長部局」は対象の「企画部」と組織が重なるため、対象にできません");
    await addDepartment(site.tenant, CLI_ACTOR, { roundId, unitId: site.hospitalOffice.id });
    expect((await addableDepartments(site.tenant, CLI_ACTOR, await getRound(site.tenant, CLI_ACTOR, roundId))).map((u) => u.name)).not.toContain("病院");
    await expect(addDepartment(site.tenant, CLI_ACTOR, { roundId, unitId: site.hospital.id })).rejects.toThrow("「病院」は対象の「病院事務局」と組織が重なるため、対象にできません");
    await expect(openRound(site.tenant, CLI_ACTOR, { targetYear: 2034, dueDate: "2033-07-31", departmentIds: [site.kikaku.id, site.mayor.id] })).rejects.toThrow("「市長部局」は対象の「企画部」と組織が重なるため");
    expect(await site.tenant.hearingRounds.getByYear(2034)).toBeUndefined();
    await addDepartment(site.tenant, CLI_ACTOR, { roundId, unitId: site.fire.id });
    expect((await site.tenant.hearingRounds.departments(roundId)).some((d) => d.unit_id === site.fire.id)).toBe(true);
    // The web page offers the same list, and a forged post of 市長部局 is refused on the page, nothing added.
    const admin = await site.client("admin");
    const page = await (await admin.get(`/hearings/${roundId}`)).text();
    expect(page).not.toMatch(/<option value="${site.mayor.id}">/);
    const forged = await admin.post(`/hearings/${roundId}/departments`, { unitId: String(site.mayor.id) });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("組織が重なるため");
    expect((await site.tenant.hearingRounds.departments(roundId)).some((d) => d.unit_id === site.mayor.id)).toBe(false);
  });

  it("the overview shows the 再任用・任期付 part of each unit's change apart, inside its requested total", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2035, dueDate: "2034-07-31", departmentIds: [site.kikaku.id] });
    const f3 = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms.find((f) => f.form === 3);
    if (!f3) throw new Error("no 様式3");
    const regular = { ...(f3.content as Form3).lines[0], years: [{ increase: 2, decrease: 0 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "DX推進" };
    const fixedTerm = { ...regular, id: "N1", employment: "fixed_term" as const, current: 0, years: [{ increase: 1, decrease: 0 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "専門人材" };
    await saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 3, version: f3.version, content: { lines: [regular, fixedTerm] } as Form3 });
    const html = await (await (await site.client("admin")).get(`/hearings/${roundId}/overview`)).text();
    expect(html).toMatch(new RegExp(`data-requested="${site.kikaku.id}">\\s*70\\s*<`)); // 67 + 2 正規 + 1 任期付
    expect(html).toMatch(new RegExp(`data-non-regular="${site.kikaku.id}">\\s*\\+1 / 未決定\\s*<`));
    expect(html).toMatch(/data-non-regular="total">\s*\+1 \/ 未決定\s*</);
  });

  it("an ICT line of 様式1 links only to a reform item that exists, and the form offers the items by name", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2032, dueDate: "2031-07-31", departmentIds: [site.kikaku.id] });
    const dept = await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id);
    const f1 = dept.forms.find((f) => f.form === 1);
    if (!f1) throw new Error("no 様式1");
    const line = (reformKey: string | null) => ({ ...(f1.content as Form1), ict: [{ id: "I1", kind: "AI" as const, description: "議事録の要約", reformKey, startYear: 2032 }] });
    await expect(saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 1, version: f1.version, content: line("no-such-item") })).rejects.toThrow(
      "ICT活用 1行目: 関連する重点推進項目「no-such-item」は業務改革にありません",
    );
    const saved = await saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 1, version: f1.version, content: line("chitose-r7-03") });
    expect((saved.content as Form1).ict[0]?.reformKey).toBe("chitose-r7-03");

    const admin = await site.client("admin");
    const html = decode(await (await admin.get(`/hearings/${roundId}/departments/${site.kikaku.id}/forms/1`)).text());
    expect(html).toMatch(/<option value="chitose-r7-03" selected="">\(3\) AI、RPAの利用推進<\/option>/);
    expect(html).toContain('<option value="chitose-r7-10">(10) 行政手続のデジタル化の推進</option>');
  });

  it("the overview reads the plan against the retirement projection, exports the whole round as xlsx, and prints an A4 sheet per department", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const id = (await site.tenant.hearingRounds.getByYear(DEMO_ROUND_TARGET_YEAR))?.id ?? 0;
    const admin = await site.client("admin");

    const overview = await (await admin.get(`/hearings/${id}/overview`)).text();
    const profileYear = (await site.tenant.ageProfiles.baseYears()).filter((y) => y <= 2025).pop() ?? 0;
    const projected = (await runScenario(site.tenant, { ...defaultParams(profileYear), toYear: 2035 })).years.find((y) => y.fiscalYear === 2026)?.headcount;
    expect(projected).toBeGreaterThan(0);
    expect(overview).toContain("定年引上げ期の推計との照合");
    expect(overview).toMatch(new RegExp(`data-projected="true">\\s*${projected}\\s*<`));

    const file = await admin.get(`/hearings/${id}/overview.xlsx`);
    expect(file.status).toBe(200);
    const sheets = await readXlsx(new Uint8Array(await file.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(["全体集計", "人員計画", "組織改正", "要望", "定数との照合", "現状と課題", "業務量の変化", "ICT活用", "民間委託等", "時間外勤務・欠員"]);
    const staffing = sheets[1]?.rows ?? [];
    const kikakuLine = staffing.find((r) => r[0] === "企画部");
    // 企画部's demo line: 現員 67, +1 −1 in 令和8年度, not yet decided.
    expect(kikakuLine?.slice(5, 8)).toEqual(["67", "1", "1"]);
    expect(kikakuLine?.[15]).toBe("未決定");
    expect((sheets[3]?.rows ?? []).some((r) => r[0] === "企画部" && String(r[2]).includes("任期付職員1名"))).toBe(true);
    expect((sheets[4]?.rows ?? []).some((r) => String(r[0]).startsWith("定年引上げ期の推計") && r[1] === String(projected))).toBe(true);

    const sheet = decode(await (await admin.get(`/hearings/${id}/departments/${site.kikaku.id}/sheet`)).text());
    expect(sheet).toContain("オンライン申請の受付(件)");
    expect(sheet).toContain("140.2"); // 前年比 11,500 / 8,200
    expect(sheet).toContain("(3) AI、RPAの利用推進");
    expect(sheet).toContain("令和7年(2025年)8月5日 10:00 第1委員会室");
    expect(await (await admin.get("/assets/app.css")).text()).toContain("@page{size:A4 portrait");

    // The export is the secretariat's; a department editor gets neither it nor another department's sheet.
    const somuEditor = await site.client("editor", [site.somu]);
    expect((await somuEditor.get(`/hearings/${id}/overview.xlsx`)).status).toBe(403);
    expect((await somuEditor.get(`/hearings/${id}/departments/${site.kikaku.id}/sheet`)).status).toBe(403);
    expect((await somuEditor.get(`/hearings/${id}/departments/${site.somu.id}/sheet`)).status).toBe(200);
  });

  it("配置計画 shows beside the last counted April 1 in 定数管理 and is judged against that year's quota and cap", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const viewer = await site.client("viewer");
    expect(await (await viewer.get("/staffing/plans")).text()).toContain("配置計画はまだありません");
    const now = new Date().toISOString();
    await site.tenant.staffingPlans.upsert(site.kikaku.id, 2027, 70, "テストの計画", now);
    const html = await (await viewer.get("/staffing/plans")).text();
    expect(html).toContain("配置計画 令和9年度(2027年度)");
    const row = /<tr data-unit="(\d+)" class="planned">([\s\S]*?)<\/tr>/.exec(html);
    expect(row?.[1]).toBe(String(site.kikaku.id));
    expect(row?.[2]).toContain(">67<"); // 企画部 on 2025-04-01
    expect(row?.[2]).toContain("+3");
    expect(html).toContain("配置計画 令和9年度(2027年度) の定数との照合");
    // 市長部局's total moves with 企画部's plan: 533 + 3.
    const mayor = await site.unit("100");
    expect(html).toMatch(new RegExp(`data-planned="${mayor.id}">\\s*536\\s*<`));
    expect((await viewer.get("/staffing/plans?year=2030")).status).toBe(404);
  });
});

describeEachDatabase("hearing forms refuse what would make the figures disagree (found by a first-time user)", (get) => {
  it("様式3's 現員 cannot exceed what 定数管理 counted, no unit may be planned below 0, and a forged row count deletes nothing", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const soumuka = await site.unit("121"); // 総務課: no figure of its own in the demo
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2033, dueDate: "2032-07-31", departmentIds: [site.somu.id] });
    const dept = await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id);
    const f3 = dept.forms.find((f) => f.form === 3);
    if (!f3) throw new Error("no 様式3");
    const zero = { increase: 0, decrease: 0 };
    const line = (unitId: number, current: number, decrease: number) => ({
      id: `L${unitId}`,
      unitId,
      category: "一般事務",
      employment: "regular" as const,
      current,
      years: [{ increase: 0, decrease }, zero, zero],
      increaseReason: "",
      decreaseReason: decrease > 0 ? "RPA" : "",
      driver: "none" as const,
    });
    await expect(saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: f3.version, content: { lines: [line(soumuka.id, 20, 2)] } })).rejects.toThrow(
      // 総務課 has no figure: its staff are counted in 総務部, so the line is refused naming where to ask.
      "人員計画 1行目: 総務課の職員数は定数管理では「総務部」にまとめて数えています。「総務部」の行で要求するか、先に定数管理で総務課の職員数を入力してください",
    );
    await expect(saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: f3.version, content: { lines: [line(site.somu.id, 120, 2)] } })).rejects.toThrow(
      "人員計画 1行目: 総務部の正規の現員の合計(120人)が定数管理の職員数(94人)を超えています",
    );

    const admin = await site.client("admin");
    const path = `/hearings/${roundId}/departments/${site.somu.id}/forms/3`;
    await admin.get(path);
    const forged = await admin.post(path, { version: String(f3.version), "lines.count": "99999999" });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("人員計画の行数が不正です");
    const truncated = await admin.post(path, { version: String(f3.version), "lines.count": "2" });
    expect(await truncated.text()).toContain("人員計画の1行目が送信されていません");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms.find((f) => f.form === 3)?.content).toEqual(f3.content);

    // Choices are named as the form shows them, never by their stored codes; an ICT row without its text is not dropped.
    const badChoice = await admin.post(path, { version: String(f3.version), "lines.count": "1", "lines.0.id": "L1", "lines.0.unitId": String(site.somu.id), "lines.0.category": "一般事務", "lines.0.employment": "boss", "lines.0.current": "94", "lines.0.driver": "magic" });
    const alert = /<ul class="alert error" id="problems">([\s\S]*?)<\/ul>/.exec(decode(await badChoice.text()))?.[1] ?? "";
    expect(alert).toContain("任用区分は「正規・再任用・任期付」から選んでください");
    expect(alert).not.toMatch(/regular|reappointed|none|ict/);
    const f1 = `/hearings/${roundId}/departments/${site.somu.id}/forms/1`;
    await admin.get(f1);
    const ict = await admin.post(f1, { version: "1", "ict.count": "1", "ict.0.id": "", "ict.0.kind": "AI", "ict.0.reformKey": "chitose-r7-01", "ict.0.startYear": "2033", "ict.0.description": "" });
    expect(ict.status).toBe(400);
    expect(decode(await ict.text())).toContain("ICT活用の内容を入力してください");

    // Headquarters reads the overview and its export.
    const hq = await site.client("hq");
    expect((await hq.get(`/hearings/${roundId}/overview`)).status).toBe(200);
    expect((await hq.get(`/hearings/${roundId}/overview.xlsx`)).status).toBe(200);
  });
});
