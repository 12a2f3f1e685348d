import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { formReadValues, readValuesFor, textOf } from "../support/html.js";

const FORM3 = (roundId: number, unitId: number) => `/hearings/${roundId}/departments/${unitId}/forms/3`;
const versionOf = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1] ?? "0");
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** The posted fields of a 様式3 with one line: the unit's 現員 and a request for next year. */
function form3Body(version: number, line: { id: string; unitId: number; current: number; inc: string; dec?: string; reason: string }) {
  return {
    version: String(version),
    "lines.count": "1",
    "lines.0.id": line.id,
    "lines.0.unitId": String(line.unitId),
    "lines.0.category": "一般事務",
    "lines.0.employment": "regular",
    "lines.0.current": String(line.current),
    "lines.0.y0inc": line.inc,
    "lines.0.y0dec": line.dec ?? "0",
    "lines.0.y1inc": "0",
    "lines.0.y1dec": "0",
    "lines.0.y2inc": "0",
    "lines.0.y2dec": "0",
    "lines.0.increaseReason": line.reason,
    "lines.0.decreaseReason": "",
    "lines.0.driver": "none",
  };
}

describeEachDatabase("hearing workflow over HTTP", (get) => {
  it("runs 様式3 from draft to decided with the role rules at every step and an audit entry for every transition", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const admin = await site.client("admin");
    const editor = await site.client("editor", [site.kikaku]);
    const other = await site.client("editor", [site.somu]);
    const hq = await site.client("hq");
    const viewer = await site.client("viewer");

    await admin.get("/hearings");
    // The due date falls in the year the hearing is held, and a target year decades ahead is a typo: both refused, nothing opened.
    const early = await admin.post("/hearings", { targetYear: "令和9年度", dueDate: "2025-07-31", title: "" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("提出期限(2025-07-31)は、令和9年度(2027年度)に向けたヒアリングを行う令和8年度(2026年度)(2026-04-01～2027-03-31)の日付で入力してください");
    const far = await admin.post("/hearings", { targetYear: "令和99年度", dueDate: "2116-07-31", title: "" });
    expect(far.status).toBe(400);
    expect(await far.text()).toContain("対象年度 令和99年度(2117年度)は先すぎます");
    expect(await site.tenant.hearingRounds.getByYear(2027)).toBeFalsy();
    expect(await site.tenant.hearingRounds.getByYear(2117)).toBeFalsy();
    const opened = await admin.post("/hearings", { targetYear: "令和9年度", dueDate: "2026-07-31", title: "" });
    expect(opened.status).toBe(302);
    const roundId = Number(/\/hearings\/(\d+)/.exec(opened.headers.get("location") ?? "")?.[1]);
    const roundHtml = await (await admin.get(`/hearings/${roundId}`)).text();
    expect(roundHtml).toContain("令和9年度(2027年度)に向けたヒアリング");
    expect(roundHtml).toContain("企画部");
    expect(roundHtml).toContain("こども福祉部");

    // A viewer does not see an open round at all.
    expect(await (await viewer.get("/hearings")).text()).not.toContain(`data-round="${roundId}"`);
    expect((await viewer.get(`/hearings/${roundId}`)).status).toBe(404);
    // Another department's editor may not open 企画部's forms; hq reads them.
    expect((await other.get(FORM3(roundId, site.kikaku.id))).status).toBe(403);
    expect((await hq.get(FORM3(roundId, site.kikaku.id))).status).toBe(200);

    // 現員 is prefilled from 定数管理 (企画部 on 2025-04-01: 67).
    const page = await (await editor.get(FORM3(roundId, site.kikaku.id))).text();
    expect(page).toMatch(/name="lines\.0\.current" value="67"/);
    const v1 = versionOf(page);

    // One wrong value: 400 naming the field, nothing written.
    const bad = await editor.post(FORM3(roundId, site.kikaku.id), form3Body(v1, { id: "L1", unitId: site.kikaku.id, current: 67, inc: "二人", reason: "DX推進" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("人員計画 1行目: 増(令和9年度(2027年度))を数値として読めません: 「二人」(0以上10,000以下の整数を入力してください)");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]?.version).toBe(v1);

    // hq and another department cannot save; the editor can.
    expect((await hq.post(FORM3(roundId, site.kikaku.id), form3Body(v1, { id: "L1", unitId: site.kikaku.id, current: 67, inc: "2", reason: "DX推進" }))).status).toBe(403);
    expect((await other.post(FORM3(roundId, site.kikaku.id), form3Body(v1, { id: "L1", unitId: site.kikaku.id, current: 67, inc: "2", reason: "DX推進" }))).status).toBe(403);
    const saved = await editor.post(FORM3(roundId, site.kikaku.id), form3Body(v1, { id: "L1", unitId: site.kikaku.id, current: 67, inc: "3", reason: "DX推進体制の強化" }));
    expect(saved.status).toBe(302);

    // A second save from the old version is a conflict showing both values.
    const stale = await admin.post(FORM3(roundId, site.kikaku.id), form3Body(v1, { id: "L1", unitId: site.kikaku.id, current: 67, inc: "5", reason: "別の入力" }));
    expect(stale.status).toBe(409);
    const staleHtml = decode(await stale.text());
    expect(staleHtml).toContain("DX推進体制の強化");
    expect(staleHtml).toContain('value="別の入力"');

    // Submit: only the department (not hq); the secretariat returns with a comment; the editor resubmits.
    let html = await (await editor.get(FORM3(roundId, site.kikaku.id))).text();
    expect((await hq.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "submit", version: String(versionOf(html)) })).status).toBe(403);
    expect((await editor.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "submit", version: String(versionOf(html)) })).status).toBe(302);
    html = await (await editor.get(FORM3(roundId, site.kikaku.id))).text();
    expect(html).toContain('data-status="submitted"');
    expect(html).not.toContain("保存する");
    expect((await editor.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "return", comment: "x", version: String(versionOf(html)) })).status).toBe(403);
    const noComment = await admin.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "return", comment: " ", version: String(versionOf(html)) });
    expect(noComment.status).toBe(400);
    expect((await admin.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "return", comment: "増員の根拠となる業務量を様式1に記入してください", version: String(versionOf(html)) })).status).toBe(302);
    html = await (await editor.get(FORM3(roundId, site.kikaku.id))).text();
    expect(html).toContain("差戻しの理由: 増員の根拠となる業務量を様式1に記入してください");
    expect(html).toContain("再提出する");
    expect((await editor.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "submit", version: String(versionOf(html)) })).status).toBe(302);
    html = await (await admin.get(FORM3(roundId, site.kikaku.id))).text();
    expect(html).toContain('data-status="resubmitted"');

    // Hearing, then decisions: 一部承認 needs a smaller number in the same direction and a reason.
    expect((await admin.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "hear", heardOn: "2025-08-05", notes: "DX推進体制について聴取", version: String(versionOf(html)) })).status).toBe(302);
    html = await (await admin.get(FORM3(roundId, site.kikaku.id))).text();
    expect(html).toContain("ヒアリング実施日 令和7年(2025年)8月5日");
    // Each line to decide says what it asks for, beside its row number.
    expect(html).toMatch(/data-summary="L1">企画部・一般事務・正規 \(現員67、令和9年度\(2027年度\) 増3・減0\)</);
    const decide = (approved: string, reason: string) =>
      admin.post(`${FORM3(roundId, site.kikaku.id)}/step`, {
        action: "decide",
        version: String(versionOf(html)),
        lines: "L1",
        "decision.L1.outcome": "partial",
        "decision.L1.approvedChange": approved,
        "decision.L1.reason": reason,
      });
    // A forged 決定 or an unreadable 承認する増減 is a 400 naming the line, the fields shown as typed; nothing is written.
    const undecided = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2];
    const forged = await admin.post(`${FORM3(roundId, site.kikaku.id)}/step`, {
      action: "decide",
      version: String(versionOf(html)),
      lines: "L1",
      "decision.L1.outcome": "approve",
      "decision.L1.approvedChange": "",
      "decision.L1.reason": "全部認める",
    });
    expect(forged.status).toBe(400);
    const forgedHtml = await forged.text();
    expect(forgedHtml).toContain("<li>人員計画 1行目: 決定「approve」は選べません。承認・一部承認・不承認から選んでください</li>");
    expect(forgedHtml).toContain('name="decision.L1.reason" value="全部認める"');
    const unreadable = await decide("二人", "一部");
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain("<li>人員計画 1行目の承認する増減を数値として読めません: 「二人」(-10,000以上10,000以下の整数を入力してください)</li>");
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]).toEqual(undecided);
    const tooMany = await decide("3", "一部");
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("一部承認の人数(3)は要求(3)と同じ向きで、要求より小さくしてください");
    expect((await hq.post(`${FORM3(roundId, site.kikaku.id)}/step`, { action: "decide", version: String(versionOf(html)) })).status).toBe(403);
    expect((await decide("1", "業務量の増加分のみ認める")).status).toBe(302);
    const decided = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2];
    expect(decided?.status).toBe("decided");
    expect(decided?.decisions).toEqual({ L1: { outcome: "partial", approvedChange: 1, reason: "業務量の増加分のみ認める" } });

    const audit = await site.tenant.audit.list({ entity: "hearing_form", limit: 100, offset: 0 });
    const summaries = audit.map((a) => a.summary).filter((s) => s.startsWith("企画部 様式3"));
    for (const step of ["提出 (作成中 → 提出済)", "差戻し (提出済 → 差戻し)", "提出 (差戻し → 再提出)", "ヒアリング実施 (再提出 → ヒアリング済)", "決定 (ヒアリング済 → 決定)"]) {
      expect(summaries.some((s) => s.includes(step))).toBe(true);
    }
  }, 120_000);

  it("lets editors and viewers read every department only once the round is decided", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2031, dueDate: "2030-07-31", departmentIds: [site.kikaku.id, site.somu.id] });
    const other = await site.client("editor", [site.somu]);
    const viewer = await site.client("viewer");
    const admin = await site.client("admin");
    expect((await other.get(`/hearings/${roundId}/departments/${site.kikaku.id}`)).status).toBe(403);

    const roundHtml = await (await admin.get(`/hearings/${roundId}`)).text();
    const closeEarly = await admin.post(`/hearings/${roundId}/close`, { version: String(versionOf(roundHtml)) });
    expect(closeEarly.status).toBe(400);

    for (const unitId of [site.kikaku.id, site.somu.id]) {
      for (const form of [1, 2, 3]) {
        let view = (await departmentForms(site.tenant, CLI_ACTOR, roundId, unitId)).forms[form - 1];
        if (!view) throw new Error("form missing");
        for (const action of ["submit", "hear", "decide"] as const) {
          const decisions = Object.fromEntries(
            (form === 3 ? (view.content as { lines: { id: string }[] }).lines : []).map((l) => [l.id, { outcome: "approved" as const, reason: "" }]),
          );
          view = await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action, heardOn: "2030-08-01", decisions });
        }
      }
    }
    const fresh = await (await admin.get(`/hearings/${roundId}`)).text();
    expect((await admin.post(`/hearings/${roundId}/close`, { version: String(versionOf(fresh)) })).status).toBe(302);
    expect((await other.get(`/hearings/${roundId}/departments/${site.kikaku.id}`)).status).toBe(200);
    expect((await viewer.get(`/hearings/${roundId}/departments/${site.kikaku.id}`)).status).toBe(200);
    expect(await (await viewer.get("/hearings")).text()).toContain(`data-round="${roundId}"`);
    // Decided rounds are read-only for everyone.
    await expect(saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 1, version: 99, content: {} })).rejects.toThrow(/権限|決定済み|他の人/);
  }, 120_000);

  it("two secretaries set one department's hearing slot from one round page (issue 14 point 6): the second is a 409 naming both slots, the first stays; another department and a fresh page save", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2028-07-31", departmentIds: [site.kikaku.id, site.somu.id] });
    const a = await site.client("admin");
    const b = await site.client("admin");
    const slots = (unitId: number) => `/hearings/${roundId}/slots/${unitId}`;
    const [pageA, pageB] = [await (await a.get(`/hearings/${roundId}`)).text(), await (await b.get(`/hearings/${roundId}`)).text()];
    expect(JSON.parse(formReadValues(pageB, slots(site.kikaku.id)).read_values)).toEqual({ [String(site.kikaku.id)]: "日付未定 時刻未定 場所未定" });
    expect((await a.post(slots(site.kikaku.id), { ...formReadValues(pageA, slots(site.kikaku.id)), date: "2028-08-01", time: "10:00", place: "第1会議室" })).status).toBe(302);
    const late = await b.post(slots(site.kikaku.id), { ...formReadValues(pageB, slots(site.kikaku.id)), date: "2028-08-02", time: "13:30", place: "第2会議室" });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain(
      "企画部のヒアリング日程は、画面を開いた後に別の人が「日付未定 時刻未定 場所未定」→「令和10年(2028年)8月1日 10:00 第1会議室」に変更しています(あなたの入力:「令和10年(2028年)8月2日 13:30 第2会議室」)",
    );
    const slotOf = async (unitId: number) => (await site.tenant.hearingRounds.departments(roundId)).find((d) => d.unit_id === unitId);
    expect((await slotOf(site.kikaku.id))?.slot_date).toBe("2028-08-01");
    // Another department's slot from the same old page saves; after reloading, so does 企画部's; a post without the values read is refused.
    expect((await b.post(slots(site.somu.id), { ...formReadValues(pageB, slots(site.somu.id)), date: "2028-08-03", time: "", place: "" })).status).toBe(302);
    expect((await b.post(slots(site.kikaku.id), { ...(await readValuesFor(b, `/hearings/${roundId}`, slots(site.kikaku.id))), date: "2028-08-02", time: "13:30", place: "第2会議室" })).status).toBe(302);
    expect((await slotOf(site.kikaku.id))?.slot_place).toBe("第2会議室");
    const blind = await b.post(slots(site.kikaku.id), { date: "2028-08-09", time: "", place: "" });
    expect(blind.status).toBe(400);
    expect((await slotOf(site.kikaku.id))?.slot_date).toBe("2028-08-02");
  });

  it("the new-round, slot and 職種 forms are read by schemas: a bad value is a 400 naming the field, the page shown again with what was typed, nothing written", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2032, dueDate: "2031-07-31", departmentIds: [site.kikaku.id] });
    const admin = await site.client("admin");
    await admin.get("/hearings");
    const alertOf = (html: string) => /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    const rounds = await site.tenant.hearingRounds.list();
    const year = await admin.post("/hearings", { targetYear: "いつか", dueDate: "2026-07-31", title: "定数ヒアリング" });
    expect(year.status).toBe(400);
    const yearHtml = await year.text();
    expect(alertOf(yearHtml)).toBe("対象年度: 年度として読めません: 「いつか」");
    expect(yearHtml).toContain('value="いつか"');
    expect(await site.tenant.hearingRounds.list()).toEqual(rounds);
    const before = await site.tenant.hearingRounds.get(roundId);
    const version = Number(/id="categories"[\s\S]*?name="version" value="(\d+)"/.exec(await (await admin.get(`/hearings/${roundId}`)).text())?.[1]);
    const categories = await admin.post(`/hearings/${roundId}/categories`, { version: String(version), categories: "一般事務\n技術\u202e" });
    expect(categories.status).toBe(400);
    expect(alertOf(await categories.text())).toBe("職種に使えない文字(U+202E: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください");
    const twice = await admin.post(`/hearings/${roundId}/categories`, { version: [String(version), String(version)], categories: "一般事務" });
    expect(twice.status).toBe(400);
    expect(alertOf(await twice.text())).toBe("版は整数で指定してください");
    expect(await site.tenant.hearingRounds.get(roundId)).toEqual(before);
  });

  it("two secretaries save 様式3's 職種 from one round page: the second (an old version) is a 409 naming the list stored now and the one typed, the first stays", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2030, dueDate: "2029-07-31", departmentIds: [site.kikaku.id] });
    const a = await site.client("admin");
    const b = await site.client("admin");
    const version = Number(/id="categories"[\s\S]*?name="version" value="(\d+)"/.exec(await (await b.get(`/hearings/${roundId}`)).text())?.[1]);
    await a.get(`/hearings/${roundId}`);
    expect((await a.post(`/hearings/${roundId}/categories`, { version: String(version), categories: "一般事務\n技術" })).status).toBe(302);
    const late = await b.post(`/hearings/${roundId}/categories`, { version: String(version), categories: "一般事務\n保健師" });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain("いまの職種:「一般事務、技術」(あなたの入力:「一般事務、保健師」)");
    expect(JSON.parse((await site.tenant.hearingRounds.get(roundId))?.job_categories_json ?? "[]")).toEqual(["一般事務", "技術"]);
  });
});
