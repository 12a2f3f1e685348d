import { expect, it } from "vitest";
import type { TenantDb } from "../../src/db/tenant.js";
import type { LineDecision } from "../../src/domain/hearing.js";
import { requestLines } from "../../src/domain/hearing-forms.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { closeRound, getRound, openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";

/** Saves `content` (if given), then submits, hears and decides one form with the decisions `decide` gives per line. */
async function runForm(tenant: TenantDb, roundId: number, unitId: number, form: number, content: unknown, decide: (id: string) => LineDecision) {
  let view = (await departmentForms(tenant, CLI_ACTOR, roundId, unitId)).forms[form - 1];
  if (!view) throw new Error("form missing");
  if (content !== undefined) view = await saveForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, content });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "submit" });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "hear", heardOn: "2025-08-01" });
  const decisions = Object.fromEntries(requestLines(view.form, view.content).map((l) => [l.id, decide(l.id)]));
  await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "decide", decisions });
}

async function state(tenant: TenantDb) {
  return { units: await tenant.units.list(), events: await tenant.reorgEvents.list(), plans: await tenant.staffingPlans.list() };
}

describeEachDatabase("applying hearing decisions", (get) => {
  it("turns approved staffing into next year's 配置計画 and approved changes into 組織改正, and undo restores exactly the earlier state", async () => {
    const site = await demoSite(get, { kikaku: "110", hoken: "140" });
    const { tenant } = site;
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id, site.hoken.id] });
    const approve = (): LineDecision => ({ outcome: "approved", reason: "" });

    const kikaku3 = (await departmentForms(tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]?.content as { lines: Record<string, unknown>[] };
    const line = { ...kikaku3.lines[0], years: [{ increase: 3, decrease: 0 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "DX推進" };
    await runForm(tenant, roundId, site.kikaku.id, 3, { lines: [line] }, () => ({ outcome: "partial", approvedChange: 1, reason: "1人のみ" }));
    await runForm(tenant, roundId, site.kikaku.id, 1, undefined, approve);
    await runForm(tenant, roundId, site.kikaku.id, 2, undefined, approve);
    const changes = [
      { id: "C1", kind: "create", effectiveDate: "2027-04-01", unitIds: [], newNames: ["地域包括ケア推進課"], newParentId: site.hoken.id, reason: "高齢者施策の集約" },
      { id: "C2", kind: "rename", effectiveDate: "2027-04-01", unitIds: [site.hoken.id], newNames: ["健康福祉部"], newParentId: null, reason: "所管の明確化" },
      { id: "C3", kind: "create", effectiveDate: "2027-04-01", unitIds: [], newNames: ["保健企画課"], newParentId: site.hoken.id, reason: "不承認になる案" },
    ];
    await runForm(tenant, roundId, site.hoken.id, 2, { changes }, (id) => (id === "C3" ? { outcome: "rejected", reason: "時期尚早" } : approve()));
    await runForm(tenant, roundId, site.hoken.id, 1, undefined, approve);
    await runForm(tenant, roundId, site.hoken.id, 3, undefined, approve);
    await closeRound(tenant, CLI_ACTOR, { roundId, version: (await getRound(tenant, CLI_ACTOR, roundId)).version });

    const editor = await site.client("editor", [site.kikaku]);
    expect((await editor.get(`/hearings/${roundId}/apply`)).status).toBe(403);

    const before = await state(tenant);
    const admin = await site.client("admin");
    // The overview puts 現員, requested and approved side by side (企画部: 67, asked 70, decided 68); the secretariat only.
    expect((await editor.get(`/hearings/${roundId}/overview`)).status).toBe(403);
    const overview = await (await admin.get(`/hearings/${roundId}/overview`)).text();
    expect(overview).toMatch(new RegExp(`data-requested="${site.kikaku.id}">\\s*70\\s*<`));
    expect(overview).toMatch(new RegExp(`data-approved="${site.kikaku.id}">\\s*68\\s*<`));
    const preview = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    expect(preview).toMatch(new RegExp(`data-planned="${site.kikaku.id}">\\s*68\\s*<`));
    expect(preview).toContain("新設 2027-04-01: — → 地域包括ケア推進課");
    expect(preview).not.toContain("不承認になる案");
    expect(await state(tenant)).toEqual(before);

    // The plan is checked against quota and cap: over the cap it needs an explicit acknowledgement, and nothing is written without it.
    expect(preview).toContain('data-status="over_cap"');
    const unacknowledged = await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(preview) });
    expect(unacknowledged.status).toBe(400);
    expect(await unacknowledged.text()).toContain('<p class="alert error" role="alert">配置計画が上限を超えます。確認のうえ「上限超過を確認した」を選んで反映してください</p>');
    expect(await state(tenant)).toEqual(before);
    expect((await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(preview), acknowledgeOverCap: "1" })).status).toBe(302);
    const plans = await tenant.staffingPlans.list(2027);
    expect(plans.find((p) => p.unit_id === site.kikaku.id)?.planned_staff).toBe(68);
    const units = await tenant.units.list();
    const created = units.find((u) => u.name === "地域包括ケア推進課");
    expect(created).toMatchObject({ parent_id: site.hoken.id, valid_from: 2027 });
    expect(units.find((u) => u.id === site.hoken.id)?.name).toBe("健康福祉部");
    const events = await tenant.reorgEvents.list();
    expect(events.filter((e) => e.fiscal_year === 2027).map((e) => e.kind).sort()).toEqual(["create", "rename"]);

    const applied = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    // Once applied, the rename still reads from the old name to the new one (was 「健康福祉部 → 健康福祉部」).
    expect(applied).toContain("名称変更 2027-04-01: 保健福祉部 → 健康福祉部");
    expect((await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(applied), acknowledgeOverCap: "1" })).status).toBe(409);
    expect((await admin.post(`/hearings/${roundId}/apply/undo`, { version: versionOf(applied) })).status).toBe(302);
    expect(await state(tenant)).toEqual(before);

    // Applied again, undo stays possible only until the year's 4月1日 headcount is entered.
    const again = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    expect((await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(again), acknowledgeOverCap: "1" })).status).toBe(302);
    await tenant.headcounts.upsert(site.kikaku.id, 2027, { staff: 68, seconded: null, fixed_term: null, on_leave: null, childcare_substitutes: null }, new Date().toISOString());
    const entered = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    expect(entered).not.toContain("反映を取り消す");
    const refused = await admin.post(`/hearings/${roundId}/apply/undo`, { version: versionOf(entered) });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("4月1日職員数が入力済みのため");
  }, 120_000);
});
