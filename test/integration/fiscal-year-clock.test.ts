/**
 * The fiscal year turns at midnight in Japan on April 1, read once at the edge (issue 9 "The domain reads no clock"):
 * with the clock frozen at 2026-03-31 23:59 JST the dashboard says 令和7年度 and the hearing form suggests 令和8年度;
 * one minute later (2026-04-01 00:00 JST = 2026-03-31 15:00 UTC) they say 令和8年度 and 2027.
 */
import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

afterEach(() => {
  vi.useRealTimers();
});

describeEachDatabase("年度の切り替わり (日本時間の4月1日0時)", (get) => {
  it("the dashboard's 現在の年度 and the hearing form's suggested year flip at 2026-04-01 00:00 JST, not at 09:00", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-31T14:59:00Z")); // 2026-03-31 23:59 JST
    const admin = await site.client("admin");
    expect(await (await admin.get("/")).text()).toContain("現在の年度: <strong>令和7年度(2025年度)</strong>");
    expect(await (await admin.get("/hearings")).text()).toContain('name="targetYear" value="2026"');

    vi.setSystemTime(new Date("2026-03-31T15:00:00Z")); // 2026-04-01 00:00 JST, still March 31 in UTC
    expect(await (await admin.get("/")).text()).toContain("現在の年度: <strong>令和8年度(2026年度)</strong>");
    expect(await (await admin.get("/hearings")).text()).toContain('name="targetYear" value="2027"');
  });
});
