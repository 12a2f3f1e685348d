/**
 * Hearing texts, found by a tester (issue 11): a bidi override (U+202E) typed into 様式3's reason or a decision's reason
 * was stored as typed (「承認‮済未」 reads 「承認未済」), and a round's 名称 of 5,000 characters was accepted although the
 * column holds 200 (PostgreSQL refuses it with a library error). Both are now refused with a Japanese message, nothing written.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
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

    // A form stored with such a character before the rule still opens (the rule is checked where it is saved), and the
    // department workbook still downloads; its 施行日 header shows the round's own April 1.
    await site.db.updateTable("hearing_forms").set({ content_json: JSON.stringify({ ...JSON.parse((await site.db.selectFrom("hearing_forms").select("content_json").where("round_id", "=", roundId).where("form", "=", 1).executeTakeFirstOrThrow()).content_json), issues: "課題\u202e" }) }).where("round_id", "=", roundId).where("form", "=", 1).execute();
    const editor = await site.client("editor", [site.kikaku]);
    const base = `/hearings/${roundId}/departments/${site.kikaku.id}`;
    expect((await editor.get(`${base}/forms/1`)).status).toBe(200);
    const workbook = await editor.get(`${base}/workbook`);
    expect(workbook.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await workbook.arrayBuffer());
    expect(book.getWorksheet("様式2")?.getCell("C4").value).toBe("施行日(2027-04-01)");
    // Uploaded back as it is, the workbook is refused naming the sheet and cell.
    await editor.get(base);
    const form = new FormData();
    form.set("_csrf", editor.csrfToken);
    form.set("file", new File([new Uint8Array(await book.xlsx.writeBuffer())], "hearing.xlsx"));
    const upload = await createApp({ database: get().database }).request(`${base}/workbook`, {
      method: "POST",
      body: form,
      headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${editor.cookie(SESSION_COOKIE) ?? ""}` },
    });
    expect(upload.status).toBe(400);
    expect(await upload.text()).toMatch(/様式1[\s\S]*現状と課題に使えない文字\(U\+202E/);
  });

  it("a round's 名称 over 200 characters is refused before anything is written (also on the web page)", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    await expect(openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2028-07-31", title: "x".repeat(201), departmentIds: [site.kikaku.id] })).rejects.toThrow("名称は200文字以内で入力してください(201文字)");
    expect(await site.tenant.hearingRounds.getByYear(2029)).toBeFalsy();
    const admin = await site.client("admin");
    await admin.get("/hearings");
    const response = await admin.post("/hearings", { targetYear: "令和11年度", dueDate: "2028-07-31", title: "x".repeat(5000) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("名称は200文字以内で入力してください(5,000文字)");
    expect(await site.tenant.hearingRounds.getByYear(2029)).toBeFalsy();
    expect(await openRound(site.tenant, CLI_ACTOR, { targetYear: 2029, dueDate: "2028-07-31", title: "x".repeat(200), departmentIds: [site.kikaku.id] })).toBeGreaterThan(0);
  });
});
