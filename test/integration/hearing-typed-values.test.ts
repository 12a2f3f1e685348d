/**
 * Hearing pages, faults found by two testers (issue 11): a refused form keeps every typed value and lists every problem;
 * 様式2 refuses a 所管替え that would make a cycle (naming the row), and applying refuses one decided before that rule.
 */
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { applyDecisions, previewApply } from "../../src/services/hearing/apply.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { closeRound, getRound, openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { readValuesFor } from "../support/html.js";

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const versionOf = (html: string) => String(/name="version" value="(\d+)"/.exec(html)?.[1] ?? "0");
/** The opening tag of the input/select named `name` (and, for a select, the option chosen). */
const inputTag = (html: string, name: string) => new RegExp(`<input[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>`).exec(html)?.[0] ?? "";
const chosen = (html: string, name: string) => new RegExp(`<select name="${name.replace(/\./g, "\\.")}"[\\s\\S]*?</select>`).exec(html)?.[0].match(/<option value="([^"]*)" selected/)?.[1];

const zero = { increase: 0, decrease: 0 };
const staffLine = (id: string, unitId: number, current: number, increase: number, reason: string) => ({
  id,
  unitId,
  category: "一般事務",
  employment: "regular",
  current,
  years: [{ increase, decrease: 0 }, zero, zero],
  increaseReason: reason,
  decreaseReason: "",
  driver: "none",
});

describeEachDatabase("hearing pages keep what was typed; 様式2 refuses a cycle", (get) => {
  it("a refused decision keeps every typed value (決定, 承認する増減, 理由) and lists every problem at once, nothing decided", async () => {
    const site = await demoSite(get, { somu: "120", somuka: "121", shokuin: "122" });
    // 総務課 and 職員課 counted on their own (0 on April 1) so that 様式3 may plan them (a 課 the 部 counts is refused).
    const none = { seconded: null, fixed_term: null, on_leave: null, childcare_substitutes: null };
    for (const unit of [site.somuka, site.shokuin]) await site.tenant.headcounts.upsert(unit.id, 2025, { staff: 0, ...none }, new Date().toISOString());
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.somu.id] });
    const stored = async () => (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms[2];
    const v0 = (await stored())?.version ?? 0;
    const content = { lines: [staffLine("L1", site.somuka.id, 0, 3, "DX推進"), staffLine("L2", site.shokuin.id, 0, 2, "採用事務"), staffLine("L3", site.shokuin.id, 0, 1, "研修")] };
    await saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: v0, content });
    await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: v0 + 1, action: "submit" });
    const admin = await site.client("admin");
    const path = `/hearings/${roundId}/departments/${site.somu.id}/forms/3`;
    const submitted = await (await admin.get(path)).text();
    const beforeHearing = await stored();
    // A refused hearing record keeps its notes and the date as typed; a refused return keeps its reason.
    const hear = decode(await (await admin.post(`${path}/step`, { action: "hear", version: versionOf(submitted), heardOn: "2026-13-01", notes: "業務量の根拠を聴取" })).text());
    expect(hear).toContain("ヒアリング実施日は 2025-08-01 の形の日付で入力してください");
    expect(hear).toContain('<input type="date" name="heardOn" value="2026-13-01"');
    expect(hear).toMatch(/<textarea name="notes" rows="3">\s*業務量の根拠を聴取\s*<\/textarea>/);
    const long = "理由".repeat(1001);
    const ret = decode(await (await admin.post(`${path}/step`, { action: "return", version: versionOf(submitted), comment: long })).text());
    expect(ret).toContain("差戻しの理由は2000文字以内にしてください");
    expect(ret).toMatch(new RegExp(`<textarea name="comment" rows="3">\\s*${long}\\s*</textarea>`));
    expect(await stored()).toEqual(beforeHearing);

    await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: v0 + 2, action: "hear", heardOn: "2026-08-05" });
    const before = await stored();
    const page = await (await admin.get(path)).text();
    const response = await admin.post(`${path}/step`, {
      action: "decide",
      version: versionOf(page),
      lines: ["L1", "L2", "L3"],
      // L1: 一部承認 asking more than requested; L2: 不承認 without a reason; L3: no outcome chosen but a reason typed.
      "decision.L1.outcome": "partial",
      "decision.L1.approvedChange": "5",
      "decision.L1.reason": "一部のみ",
      "decision.L2.outcome": "rejected",
      "decision.L2.reason": "",
      "decision.L3.outcome": "",
      "decision.L3.approvedChange": "1",
      "decision.L3.reason": "研修体制を確認中",
    });
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    expect(html).toContain("決定に3件の問題があります。何も決定していません。");
    expect(html).toMatch(/<li>人員計画 1行目: 一部承認の人数\(5\)は要求\(3\)と同じ向きで、要求より小さくしてください<\/li>/);
    expect(html).toContain("<li>人員計画 2行目: 不承認には理由を入力してください</li>");
    expect(html).toContain("<li>人員計画 3行目: 承認・一部承認・不承認を選んでください</li>");
    // Every value as typed, not the stored (empty) decisions.
    expect(chosen(html, "decision.L1.outcome")).toBe("partial");
    expect(inputTag(html, "decision.L1.approvedChange")).toContain('value="5"');
    expect(inputTag(html, "decision.L1.reason")).toContain('value="一部のみ"');
    expect(chosen(html, "decision.L2.outcome")).toBe("rejected");
    expect(chosen(html, "decision.L3.outcome")).toBeUndefined();
    expect(inputTag(html, "decision.L3.approvedChange")).toContain('value="1"');
    expect(inputTag(html, "decision.L3.reason")).toContain('value="研修体制を確認中"');
    expect(await stored()).toEqual(before);

    expect(await stored()).toEqual(before);
  }, 120_000);

  it("a refused slot or 職種 list on the round page keeps what was typed, and a slot's problems are listed at once naming the department", async () => {
    const site = await demoSite(get, { kikaku: "110", somu: "120" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2028-07-31", departmentIds: [site.kikaku.id, site.somu.id] });
    const admin = await site.client("admin");
    const before = await getRound(site.tenant, CLI_ACTOR, roundId);
    const read = await readValuesFor(admin, `/hearings/${roundId}`, `/hearings/${roundId}/slots/${site.kikaku.id}`);
    const slot = await admin.post(`/hearings/${roundId}/slots/${site.kikaku.id}`, { ...read, date: "2028-02-30", time: "25時", place: "第2会議室" });
    expect(slot.status).toBe(400);
    const html = decode(await slot.text());
    expect(html).toContain("企画部の日程を保存できませんでした: 企画部のヒアリング日「2028-02-30」は日付として読めません。2025-08-01 の形で入力してください / 企画部のヒアリングの時刻「25時」は読めません。13:30 の形(24時間制)で入力してください");
    expect(html).toMatch(new RegExp(`id="slot-date-${site.kikaku.id}" name="date" value="2028-02-30"`));
    expect(html).toMatch(new RegExp(`id="slot-time-${site.kikaku.id}" name="time" value="25時"`));
    expect(html).toMatch(new RegExp(`id="slot-place-${site.kikaku.id}" name="place" value="第2会議室"`));
    // Another department's row shows what is stored, not what was typed for 企画部.
    expect(html).toMatch(new RegExp(`id="slot-place-${site.somu.id}" name="place" value=""`));
    // Full-width digits are read: １３：３０ is 13:30.
    expect((await admin.post(`/hearings/${roundId}/slots/${site.kikaku.id}`, { ...read, date: "2028-08-01", time: "１３：３０", place: "第2会議室" })).status).toBe(302);
    expect((await getRound(site.tenant, CLI_ACTOR, roundId)).departments.find((d) => d.unitId === site.kikaku.id)?.slot).toEqual({ date: "2028-08-01", time: "13:30", place: "第2会議室" });

    const typed = `一般事務\n技術\n${"長".repeat(41)}\n保健師`;
    const categories = await admin.post(`/hearings/${roundId}/categories`, { version: String(before.version), categories: typed });
    expect(categories.status).toBe(400);
    const page = decode(await categories.text());
    expect(page).toContain(`職種「${"長".repeat(41)}」は40文字以内にしてください`);
    expect(page).toMatch(new RegExp(`<textarea name="categories" rows="6">\\s*${typed.replace(/\n/g, "\\n")}\\s*</textarea>`));
    expect((await getRound(site.tenant, CLI_ACTOR, roundId)).jobCategories).toEqual(before.jobCategories);
  }, 120_000);

  it("a 所管替え under a unit below the unit itself (a cycle) is refused naming the row; applying refuses one decided before the rule", async () => {
    const site = await demoSite(get, { somu: "120", somuka: "121", shokuin: "122" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2028, dueDate: "2027-07-31", departmentIds: [site.somu.id] });
    const editor = await site.client("editor", [site.somu]);
    const path = `/hearings/${roundId}/departments/${site.somu.id}/forms/2`;
    const page = await (await editor.get(path)).text();
    const change = (i: number, unit: number, parent: number) => ({
      [`changes.${i}.id`]: `C${i + 1}`,
      [`changes.${i}.kind`]: "transfer",
      [`changes.${i}.effectiveDate`]: "2028-04-01",
      [`changes.${i}.unitIds`]: [String(unit)],
      [`changes.${i}.newNames`]: "",
      [`changes.${i}.newParentId`]: String(parent),
      [`changes.${i}.reason`]: "所管の見直し",
    });
    // 総務部 under its own 総務課; then 総務課 under 職員課 and 職員課 under 総務課 (a loop only together).
    const response = await editor.post(path, { version: versionOf(page), "changes.count": "3", ...change(0, site.somu.id, site.somuka.id), ...change(1, site.somuka.id, site.shokuin.id), ...change(2, site.shokuin.id, site.somuka.id) });
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    expect(html).toContain("様式2 組織機構計画書に2件の問題があります。何も保存していません");
    expect(html).toContain("<li>組織改正 1行目: 所管先「総務課」は対象組織「総務部」の下にある組織です。組織を自分の下の組織の下へ移すことはできません(組織の親子関係が循環します)</li>");
    expect(html).toContain("<li>組織改正 3行目: 所管先「総務課」は、2行目の所管替えの後には対象組織「職員課」の下にある組織になります。");
    // What was typed stays: three rows, the parents chosen.
    expect(chosen(html, "changes.0.newParentId")).toBe(String(site.somuka.id));
    expect(chosen(html, "changes.2.newParentId")).toBe(String(site.somuka.id));
    expect((await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms[1]?.content).toEqual({ changes: [] });

    // A cycle stored before the rule (written straight into the table) and decided: applying refuses it, writing nothing.
    const form = await site.tenant.hearingForms.get(roundId, site.somu.id, 2);
    const cyclic = { changes: [{ id: "C1", kind: "transfer", effectiveDate: "2028-04-01", unitIds: [site.somu.id], newNames: [], newParentId: site.somuka.id, reason: "所管の見直し" }] };
    await site.tenant.hearingForms.update({ roundId, unitId: site.somu.id, form: 2 }, form?.version ?? 0, { content_json: JSON.stringify(cyclic), status: "decided", decisions_json: JSON.stringify({ C1: { outcome: "approved", reason: "" } }) }, "test", new Date().toISOString());
    for (const n of [1, 3]) {
      const f = await site.tenant.hearingForms.get(roundId, site.somu.id, n);
      await site.tenant.hearingForms.update({ roundId, unitId: site.somu.id, form: n }, f?.version ?? 0, { status: "decided", decisions_json: "{}" }, "test", new Date().toISOString());
    }
    await closeRound(site.tenant, CLI_ACTOR, { roundId, version: (await getRound(site.tenant, CLI_ACTOR, roundId)).version });
    const unitsBefore = await site.tenant.units.list();
    await expect(applyDecisions(site.tenant, CLI_ACTOR, { roundId, version: (await getRound(site.tenant, CLI_ACTOR, roundId)).version, acknowledgeOverCap: true })).rejects.toThrow(
      /今の組織には適用できない行が1件あります\(総務部 様式2 組織改正 1行目\)。何も反映していません/,
    );
    expect(await site.tenant.units.list()).toEqual(unitsBefore);
    expect((await getRound(site.tenant, CLI_ACTOR, roundId)).appliedAt).toBeNull();
    // The preview names the line and why; applying without it is the secretariat's explicit choice.
    const preview = await previewApply(site.tenant, CLI_ACTOR, roundId);
    expect(preview.unapplicable.map((u) => u.reason)).toEqual(["所管先「総務課」は今の組織では「総務部」の下にあるため、所管替えすると組織の親子関係が循環します。"]);
  }, 120_000);
});
