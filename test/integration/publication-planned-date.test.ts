/** 公表予定日 (issue 13 point 12): planned per edition on /publication by the secretariat, on the secretariat's and hq's calendar. */
import { expect, it } from "vitest";
import type { Actor } from "../../src/domain/roles.js";
import { dashboardFor } from "../../src/services/dashboard.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { formReadValues, textOf } from "../support/html.js";

/** The values read of edition `year`'s 公表予定日 form as the page shows them (a hidden read_values). */
const readOf = (html: string, year: number) => formReadValues(html, `/publication/${year}/planned-date`);

const section = (html: string, year: number) => new RegExp(`<section class="publication" id="edition-${year}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
const actor = (role: Actor["role"], unitIds: number[] = []): Actor => ({ userId: null, username: role, role, unitIds });

describeEachDatabase("公表予定日 on the dashboard calendar", (get) => {
  it("the secretariat plans the publication date of an edition on /publication; the secretariat's and hq's calendars list it, others' do not", async () => {
    const site = await demoSite(get, { gyokan: "123" });
    const { tenant } = site;
    const admin = await site.client("admin");
    const hq = await site.client("hq");

    // No date by default.
    let page = await (await admin.get("/publication")).text();
    expect(section(page, 2025)).toContain("未定");
    expect((await dashboardFor(tenant, actor("admin"), "2025-08-01")).calendar.map((e) => e.label).join("\n")).not.toContain("公表予定日");

    // Only the secretariat sets it; a date outside the edition's years is refused in Japanese, nothing written.
    await hq.get("/publication");
    const read = readOf(page, 2025);
    expect(JSON.parse(read.read_values)).toEqual({ "2025": "未定" });
    expect((await hq.post("/publication/2025/planned-date", { planned_date: "2025-09-30", ...read })).status).toBe(403);
    const wrong = await admin.post("/publication/2025/planned-date", { planned_date: "2031-02-30", ...read });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("公表予定日は実在する日付で入力してください");
    expect((await admin.post("/publication/2025/planned-date", { planned_date: "2030-09-30", ...read })).status).toBe(400);
    expect(await tenant.publicationPlans.get(2025)).toBeUndefined();
    expect((await admin.post("/publication/2025/planned-date", { planned_date: "2025-09-30", ...read })).status).toBe(302);
    page = await (await hq.get("/publication")).text();
    expect(section(page, 2025)).toContain("令和7年(2025年)9月30日");

    const event = { date: "2025-09-30", label: "令和7年度(2025年度) 基本方針の公表予定日", href: "/publication#edition-2025" };
    expect((await dashboardFor(tenant, actor("admin"), "2025-08-01")).calendar).toContainEqual(event);
    expect((await dashboardFor(tenant, actor("hq"), "2025-08-01")).calendar).toContainEqual(event);
    expect((await dashboardFor(tenant, actor("editor", [site.gyokan.id]), "2025-08-01")).calendar).not.toContainEqual(event);
    expect((await dashboardFor(tenant, actor("viewer"), "2025-08-01")).calendar).not.toContainEqual(event);
    // In date order with the rest, and gone once past.
    const dates = (await dashboardFor(tenant, actor("admin"), "2025-08-01")).calendar.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect((await dashboardFor(tenant, actor("admin"), "2025-10-01")).calendar).not.toContainEqual(event);

    // Cleared with an empty field; the audit log has both steps.
    expect((await admin.post("/publication/2025/planned-date", { planned_date: "", ...readOf(await (await admin.get("/publication")).text(), 2025) })).status).toBe(302);
    expect(await tenant.publicationPlans.get(2025)).toBeUndefined();
    const audit = await site.db.selectFrom("audit_log").select("summary").where("municipality_id", "=", site.municipality.id).where("summary", "like", "%公表予定日%").orderBy("id").execute();
    expect(audit.map((a) => a.summary.replace(/^.*— /, ""))).toEqual(["公表予定日を令和7年(2025年)9月30日に設定", "公表予定日を取り消し"]);
  });

  it("two secretaries from one page: the second save over a date set meanwhile is a 409 with both dates, nothing lost; a post without the date read is refused", async () => {
    const site = await demoSite(get);
    const a = await site.client("admin");
    const b = await site.client("admin");
    const formA = await (await a.get("/publication")).text();
    const formB = await (await b.get("/publication")).text();
    expect(readOf(formA, 2025)).toEqual({ read_values: JSON.stringify({ "2025": "未定" }) });
    expect((await a.post("/publication/2025/planned-date", { planned_date: "2025-09-30", ...readOf(formA, 2025) })).status).toBe(302);
    const late = await b.post("/publication/2025/planned-date", { planned_date: "2025-10-15", ...readOf(formB, 2025) });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain(
      "令和7年度(2025年度)の公表予定日は、画面を開いた後に別の人が「未定」→「令和7年(2025年)9月30日」に変更しています(あなたの入力:「令和7年(2025年)10月15日」)",
    );
    expect((await site.tenant.publicationPlans.get(2025))?.planned_date).toBe("2025-09-30");
    // The same date as the other person's is no conflict; without the date read nothing is written.
    expect((await b.post("/publication/2025/planned-date", { planned_date: "2025-09-30", ...readOf(formB, 2025) })).status).toBe(302);
    const blind = await b.post("/publication/2025/planned-date", { planned_date: "2025-11-01" });
    expect(blind.status).toBe(400);
    expect(textOf(await blind.text())).toContain("開いたときの値がありません");
    expect((await site.tenant.publicationPlans.get(2025))?.planned_date).toBe("2025-09-30");
    // A form read after the change saves.
    expect((await b.post("/publication/2025/planned-date", { planned_date: "2025-11-01", ...readOf(await (await b.get("/publication")).text(), 2025) })).status).toBe(302);
    expect((await site.tenant.publicationPlans.get(2025))?.planned_date).toBe("2025-11-01");
  });
});
