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

async function runForm(tenant: TenantDb, roundId: number, unitId: number, form: number, content: unknown, decide: (id: string) => LineDecision) {
  let view = (await departmentForms(tenant, CLI_ACTOR, roundId, unitId)).forms[form - 1];
  if (!view) throw new Error("form missing");
  if (content !== undefined) view = await saveForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, content });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "submit" });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "hear", heardOn: "2025-08-01" });
  const decisions = Object.fromEntries(requestLines(view.form, view.content).map((l) => [l.id, decide(l.id)]));
  await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "decide", decisions });
}

describeEachDatabase("undoing applied hearing decisions after later edits", (get) => {
  it("undo puts back only what the apply changed, keeps later edits of anything else, and refuses to overwrite a later edit of what it changed", async () => {
    const site = await demoSite(get, { kikaku: "110", hoken: "140" });
    const { tenant } = site;
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id, site.hoken.id] });
    const approve = (): LineDecision => ({ outcome: "approved", reason: "" });
    const kikaku3 = (await departmentForms(tenant, CLI_ACTOR, roundId, site.kikaku.id)).forms[2]?.content as { lines: Record<string, unknown>[] };
    const line = { ...kikaku3.lines[0], years: [{ increase: 2, decrease: 0 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "DX推進" };
    await runForm(tenant, roundId, site.kikaku.id, 3, { lines: [line] }, approve);
    await runForm(tenant, roundId, site.kikaku.id, 1, undefined, approve);
    await runForm(tenant, roundId, site.kikaku.id, 2, undefined, approve);
    const changes = [
      { id: "C1", kind: "create", effectiveDate: "2027-04-01", unitIds: [], newNames: ["地域包括ケア推進課"], newParentId: site.hoken.id, reason: "高齢者施策の集約" },
      { id: "C2", kind: "rename", effectiveDate: "2027-04-01", unitIds: [site.hoken.id], newNames: ["健康福祉部"], newParentId: null, reason: "所管の明確化" },
    ];
    await runForm(tenant, roundId, site.hoken.id, 2, { changes }, approve);
    await runForm(tenant, roundId, site.hoken.id, 1, undefined, approve);
    await runForm(tenant, roundId, site.hoken.id, 3, undefined, approve);
    await closeRound(tenant, CLI_ACTOR, { roundId, version: (await getRound(tenant, CLI_ACTOR, roundId)).version });
    const admin = await site.client("admin");
    const apply = async () => {
      const page = await (await admin.get(`/hearings/${roundId}/apply`)).text();
      expect((await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(page), acknowledgeOverCap: "1" })).status).toBe(302);
    };
    const undo = async () => admin.post(`/hearings/${roundId}/apply/undo`, { version: versionOf(await (await admin.get(`/hearings/${roundId}/apply`)).text()) });
    const unitsBefore = await tenant.units.list();
    const eventsBefore = await tenant.reorgEvents.list();
    await apply();

    // Edits after applying that the apply did not make: a unit created by hand with an editor bound to it, a contact number.
    const now = new Date().toISOString();
    const handMade = await tenant.units.create({ code: "199", name: "DX推進課", kind: "division", parentId: site.kikaku.id, sortOrder: 99, now });
    await site.client("editor", [handMade]);
    await tenant.units.updateContact(site.kikaku.id, { contact: "内線1234", note: "", now });
    const handEvent = await tenant.reorgEvents.list();

    const undone = await undo();
    expect(undone.status).toBe(302);
    const units = await tenant.units.list();
    // What the apply changed is back as it was: the rename, the new unit, the events, the plan.
    expect(units.find((u) => u.id === site.hoken.id)).toEqual(unitsBefore.find((u) => u.id === site.hoken.id));
    expect(units.some((u) => u.name === "地域包括ケア推進課")).toBe(false);
    expect((await tenant.reorgEvents.list()).map((e) => e.id)).toEqual(eventsBefore.map((e) => e.id).filter((id) => handEvent.some((e) => e.id === id)));
    expect((await tenant.staffingPlans.list(2027)).find((p) => p.unit_id === site.kikaku.id)).toBeUndefined();
    // What others did since is kept: the hand-made unit and its editor's binding, the contact number.
    expect(units.find((u) => u.id === handMade.id)?.name).toBe("DX推進課");
    const bound = await site.db.selectFrom("user_units").select("unit_id").where("unit_id", "=", handMade.id).execute();
    expect(bound).toHaveLength(1);
    expect(units.find((u) => u.id === site.kikaku.id)?.contact).toBe("内線1234");

    // Applied again, then the renamed unit renamed once more by hand: undoing would overwrite that, so it is refused and nothing changes.
    await apply();
    await tenant.units.update(site.hoken.id, { name: "健康推進部" }, new Date().toISOString());
    const state = async () => ({ units: await tenant.units.list(), events: await tenant.reorgEvents.list(), plans: await tenant.staffingPlans.list(2027) });
    const before = await state();
    const refused = await undo();
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain("組織「健康推進部」(反映の後に変更されています)");
    expect(text).not.toMatch(/^\s*[{[]/);
    expect(await state()).toEqual(before);
  }, 120_000);
});
