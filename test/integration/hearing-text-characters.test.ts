/**
 * Hearing texts, found by a tester (issue 11): a bidi override (U+202E) typed into 様式3's reason or a decision's reason
 * was stored as typed (「承認‮済未」 reads 「承認未済」), and a round's 名称 of 5,000 characters was accepted although the
 * column holds 200 (PostgreSQL refuses it with a library error). Both are now refused with a Japanese message, nothing written.
 */
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const zero = { increase: 0, decrease: 0 };

describeEachDatabase("hearing texts refuse invisible format characters; the round's name is at most 200 characters", (get) => {
  it("様式3's reason with U+202E is refused naming the row, and so is a decision's reason; nothing is stored", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const stored = async () => (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2];
    const before = await stored();
    const line = { id: "L1", unitId: site.kikaku.id, category: "一般事務", employment: "regular", current: 0, years: [{ increase: 1, decrease: 0 }, zero, zero], increaseReason: "承認\u202e済未", decreaseReason: "", driver: "none" };
    const props = { roundId, unitId: site.kikaku.id, form: 3 as const, version: before?.version ?? 0, content: { lines: [line] } };
    await expect(saveForm(site.tenant, CLI_ACTOR, props)).rejects.toThrow(/人員計画 1行目: 増の理由に使えない文字\(U\+202E: 表示の向きを変えたり見えなかったりする書式制御文字\)/);
    expect(await stored()).toEqual(before);

    // The same line with a plain reason is saved, submitted and heard; a decision's reason with U+202E is refused.
    await saveForm(site.tenant, CLI_ACTOR, { ...props, content: { lines: [{ ...line, increaseReason: "DX推進" }] } });
    let version = (await stored())?.version ?? 0;
    await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 3, version, action: "submit" });
    version += 1;
    await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 3, version, action: "hear", heardOn: "2026-08-05" });
    version += 1;
    const heard = await stored();
    const decide = stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.kikaku.id, form: 3, version, action: "decide", decisions: { L1: { outcome: "rejected", reason: "不\u202e承認" } } });
    await expect(decide).rejects.toThrow(/理由に使えない文字\(U\+202E/);
    expect(await stored()).toEqual(heard);
  });

  it("a round's 名称 over 200 characters is refused before anything is written (also on the web page)", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    await expect(openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2026-07-31", title: "x".repeat(201), departmentIds: [site.kikaku.id] })).rejects.toThrow("名称は200文字以内で入力してください(201文字)");
    expect(await site.tenant.hearingRounds.getByYear(2029)).toBeFalsy();
    const admin = await site.client("admin");
    await admin.get("/hearings");
    const response = await admin.post("/hearings", { targetYear: "令和11年度", dueDate: "2026-07-31", title: "x".repeat(5000) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("名称は200文字以内で入力してください(5,000文字)");
    expect(await site.tenant.hearingRounds.getByYear(2029)).toBeFalsy();
    expect(await openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2026-07-31", title: "x".repeat(200), departmentIds: [site.kikaku.id] })).toBeGreaterThan(0);
  });
});
