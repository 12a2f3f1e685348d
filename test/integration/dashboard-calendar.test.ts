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
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2031, dueDate: "2026-12-20", departmentIds: [somu.id, kikaku.id] });
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
