/** The dashboard calendar shows hearing slots (issue 13 point 12/13-C): to the secretariat all, to an editor its department's. */
import { expect, it } from "vitest";
import type { Actor } from "../../src/domain/roles.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { dashboardFor } from "../../src/services/dashboard.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("ダッシュボードの予定: ヒアリングの日時", (get) => {
  it("the calendar shows the hearing slot of a department to the secretariat and to the editors of units under it, not to others", async () => {
    const { tenant, somu, gyokan, kikaku } = await demoSite(get, { somu: "120", gyokan: "123", kikaku: "110" });
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-12-20", departmentIds: [somu.id, kikaku.id] });
    await tenant.hearingRounds.setSlot(roundId, somu.id, { date: "2026-12-10", time: "10:00", place: "第1会議室" });
    const label = "ヒアリング 総務部 10:00(第1会議室)";
    const admin: Actor = { userId: null, username: "admin", role: "admin", unitIds: [] };
    const calendar = (await dashboardFor(tenant, admin, "2026-12-01")).calendar;
    expect(calendar).toContainEqual({ date: "2026-12-10", label, href: `/hearings/${roundId}` });
    // Dates in order: the slot comes before the round's own due date.
    const dates = calendar.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());

    const ofGyokan: Actor = { userId: null, username: "gyokan", role: "editor", unitIds: [gyokan.id] };
    expect((await dashboardFor(tenant, ofGyokan, "2026-12-01")).calendar.map((e) => e.label)).toContain(label);
    const ofKikaku: Actor = { userId: null, username: "kikaku", role: "editor", unitIds: [kikaku.id] };
    expect((await dashboardFor(tenant, ofKikaku, "2026-12-01")).calendar.map((e) => e.label)).not.toContain(label);
    // A past slot is not "coming".
    expect((await dashboardFor(tenant, admin, "2026-12-11")).calendar.map((e) => e.label)).not.toContain(label);
  });
});

describeEachDatabase("ダッシュボード: ヒアリングの様式 (issue 13 point 12)", (get) => {
  it("a department's editor sees the hearing forms it has to submit, with the due date; the secretariat sees the round per form status and department", async () => {
    const site = await demoSite(get, { somu: "120", gyokan: "123", kikaku: "110" });
    const { tenant, somu, gyokan, kikaku } = site;
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-12-20", departmentIds: [somu.id, kikaku.id] });
    const ofSomu: Actor = { userId: null, username: "somu", role: "editor", unitIds: [somu.id] };
    const todo = (await dashboardFor(tenant, ofSomu, "2026-12-01")).hearingTodo.filter((f) => f.roundId === roundId);
    expect(todo.map((f) => [f.department, f.form, f.status, f.dueDate])).toEqual([
      ["総務部", 1, "draft", "2026-12-20"],
      ["総務部", 2, "draft", "2026-12-20"],
      ["総務部", 3, "draft", "2026-12-20"],
    ]);
    expect((await dashboardFor(tenant, ofSomu, "2026-12-01")).calendar.map((e) => e.date)).toContain("2026-12-20");
    // A 課's editor does not write the department's forms, so none is its to-do.
    const ofGyokan: Actor = { userId: null, username: "gyokan", role: "editor", unitIds: [gyokan.id] };
    expect((await dashboardFor(tenant, ofGyokan, "2026-12-01")).hearingTodo).toEqual([]);

    const admin: Actor = { userId: null, username: "admin", role: "admin", unitIds: [] };
    const progress = (await dashboardFor(tenant, admin, "2026-12-21")).hearingProgress.find((p) => p.roundId === roundId);
    expect(progress?.counts).toMatchObject({ draft: 6, submitted: 0, returned: 0 });
    expect(progress?.byDepartment).toEqual([
      { departmentId: somu.id, department: "総務部", open: 3, overdue: 3 },
      { departmentId: kikaku.id, department: "企画部", open: 3, overdue: 3 },
    ].sort((a, b) => a.departmentId - b.departmentId));

    // Both appear on the page.
    const editor = await site.client("editor", [somu]);
    const page = await (await editor.get("/")).text();
    expect(page).toContain("ヒアリングの様式(提出するもの)");
    expect(page).toContain(`href="/hearings/${roundId}/departments/${somu.id}/forms/2"`);
    const secretariat = await (await (await site.client("admin")).get("/")).text();
    expect(secretariat).toMatch(new RegExp(`data-hearing="${roundId}"[\\s\\S]*?作成中 6[\\s\\S]*?部局ごとの未提出の様式[\\s\\S]*?data-department="総務部"`));
  });
});
