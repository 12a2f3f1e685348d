import { expect, it } from "vitest";
import type { TenantDb } from "../../src/db/tenant.js";
import type { LineDecision } from "../../src/domain/hearing.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createUnit, reorganise, updateUnit } from "../../src/services/organisation.js";
import { closeRound, getRound, openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { runForm, staffLine } from "../support/hearing-run.js";

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";
const skipLinesOf = (html: string) => /name="skipLines" value="([^"]*)"/.exec(html)?.[1] ?? "";

async function state(tenant: TenantDb) {
  return { units: await tenant.units.list(), events: await tenant.reorgEvents.list(), plans: await tenant.staffingPlans.list() };
}

describeEachDatabase("a decided round whose lines the organisation no longer allows", (get) => {
  it("lists 「適用できない行」 when deciding and before applying, applies the rest on explicit confirmation, records what it left out, and undo restores exactly", async () => {
    const site = await demoSite(get, { kikaku: "110", hoken: "140", kodomo: "150" });
    const { tenant } = site;
    const unit = (code: string, name: string) => createUnit(tenant, CLI_ACTOR, { code, name, kind: "division", parentId: site.hoken.id, sector: null, validFrom: null, validTo: null });
    const kenko = await unit("141", "健康推進課");
    const iryo = await unit("142", "地域医療課");
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id, site.hoken.id, site.kodomo.id] });
    const approve = (): LineDecision => ({ outcome: "approved", reason: "" });
    await runForm(tenant, roundId, site.kikaku.id, 3, { lines: [await staffLine(tenant, roundId, site.kikaku.id, 1)] }, approve);
    await runForm(tenant, roundId, site.kodomo.id, 3, { lines: [await staffLine(tenant, roundId, site.kodomo.id, 2)] }, approve);
    const changes = [
      { id: "C1", kind: "rename", effectiveDate: "2027-04-01", unitIds: [kenko.id], newNames: ["健康づくり課"], newParentId: null, reason: "所管の明確化" },
      { id: "C2", kind: "abolish", effectiveDate: "2027-04-01", unitIds: [iryo.id], newNames: [], newParentId: null, reason: "病院へ移管" },
      { id: "C3", kind: "create", effectiveDate: "2027-04-01", unitIds: [], newNames: ["地域包括ケア推進課"], newParentId: site.hoken.id, reason: "高齢者施策の集約" },
    ];
    await runForm(tenant, roundId, site.hoken.id, 2, { changes }, approve);
    for (const d of [site.kikaku, site.hoken, site.kodomo]) {
      for (const form of [1, 2, 3]) {
        if ((d === site.hoken && form === 2) || (d !== site.hoken && form === 3)) continue;
        await runForm(tenant, roundId, d.id, form, undefined, approve);
      }
    }
    // After the decisions, the secretariat changes the organisation on the 組織 page: 地域医療課 abolished a year early, こども福祉部 ends in 令和8年度.
    await reorganise(tenant, CLI_ACTOR, { fiscalYear: 2026, kind: "abolish", fromUnitIds: [iryo.id], newUnits: [] });
    await updateUnit(tenant, CLI_ACTOR, site.kodomo.id, { validTo: 2026 });

    const admin = await site.client("admin");
    // When deciding: the round page names the lines, the department, the unit and why, before the round is closed.
    const deciding = await (await admin.get(`/hearings/${roundId}`)).text();
    expect(deciding.split('id="round-unapplicable"')).toHaveLength(2);
    expect(deciding).toContain("確定する前なら、その様式の決定を見直すこともできます");
    expect(deciding).toContain(`data-unapplicable="2:${site.hoken.id}:C2"`);
    expect(deciding).toContain("様式2 組織改正 2行目(廃止 2027-04-01: 地域医療課 → —)");
    expect(deciding).toContain("「地域医療課」は組織の画面で令和7年度(2025年度)までの組織とされ(廃止・統合など)、令和8年度(2026年度)から令和9年度(2027年度)にかけて存在しません");
    expect(deciding).toMatch(/様式3 人員計画 1行目\(こども福祉部 [^)]*承認された増減 \+2人\)/);
    expect(deciding).toContain("「こども福祉部」は組織の画面で令和8年度(2026年度)までの組織とされ(廃止・統合など)、令和9年度(2027年度)には存在しません。令和9年度(2027年度)の配置計画を置けません。");
    // And on the decided form itself: 保健福祉部's 様式2 names its 2行目 only; 企画部's 様式3 has nothing to show.
    const form2 = await (await admin.get(`/hearings/${roundId}/departments/${site.hoken.id}/forms/2`)).text();
    expect(form2).toContain(`<li data-unapplicable="2:${site.hoken.id}:C2">様式2 組織改正 2行目(廃止 2027-04-01: 地域医療課 → —): 「地域医療課」は`);
    expect(form2).toContain("ヒアリングを確定する前なら、この行の決定を見直せます");
    expect(form2).not.toContain(`data-unapplicable="3:`);
    expect(await (await admin.get(`/hearings/${roundId}/departments/${site.kikaku.id}/forms/3`)).text()).not.toContain("form-unapplicable");
    await closeRound(tenant, CLI_ACTOR, { roundId, version: (await getRound(tenant, CLI_ACTOR, roundId)).version });
    const closedForm = await (await admin.get(`/hearings/${roundId}/departments/${site.kodomo.id}/forms/3`)).text();
    expect(closedForm).toContain("「決定の反映」の画面で、これらの行を除いて反映できます");
    expect(closedForm).not.toContain("この行の決定を見直せます");

    const before = await state(tenant);
    const preview = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    expect(preview).toContain("<h2>適用できない行</h2>");
    expect(preview).toContain("適用できない行(2件)を除いて反映する");
    // The rest is previewed without them: 企画部's plan and 新設・名称変更, not 地域医療課's 廃止 nor こども福祉部's plan.
    expect(preview).toMatch(new RegExp(`data-planned="${site.kikaku.id}"`));
    expect(preview).not.toMatch(new RegExp(`data-planned="${site.kodomo.id}"`));
    expect(preview).toContain("名称変更 2027-04-01: 健康推進課 → 健康づくり課");
    expect(preview).not.toMatch(/<li>[^<]*廃止 2027-04-01/);

    // Without the confirmation nothing is written, and the message says what the user can do — never 「決定を見直す」 on a closed round.
    const refused = await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(preview), acknowledgeOverCap: "1", skipLines: skipLinesOf(preview) });
    expect(refused.status).toBe(400);
    const refusedText = await refused.text();
    expect(refusedText).toContain("今の組織には適用できない行が2件あります(保健福祉部 様式2 組織改正 2行目、こども福祉部 様式3 人員計画 1行目)。何も反映していません");
    expect(refusedText).toContain("「適用できない行(2件)を除いて反映する」を選んでから反映してください");
    expect(refusedText).not.toContain("見直");
    expect(await state(tenant)).toEqual(before);
    // A confirmation of other lines than those unapplicable now (a stale page) is a conflict.
    const stale = await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(preview), acknowledgeOverCap: "1", skipUnapplicable: "1", skipLines: `2:${site.hoken.id}:C2` });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("適用できない行が、この画面を開いた後の組織の変更で変わりました");
    expect(await state(tenant)).toEqual(before);

    const applied = await admin.post(`/hearings/${roundId}/apply`, { version: versionOf(preview), acknowledgeOverCap: "1", skipUnapplicable: "1", skipLines: skipLinesOf(preview) });
    expect(applied.status).toBe(302);
    const units = await tenant.units.list();
    expect(units.find((u) => u.id === kenko.id)?.name).toBe("健康づくり課");
    expect(units.find((u) => u.name === "地域包括ケア推進課")).toMatchObject({ parent_id: site.hoken.id, valid_from: 2027 });
    expect(units.find((u) => u.id === iryo.id)?.valid_to).toBe(2025);
    const plans = await tenant.staffingPlans.list(2027);
    expect(plans.map((p) => p.unit_id)).toContain(site.kikaku.id);
    expect(plans.map((p) => p.unit_id)).not.toContain(site.kodomo.id);
    // Recorded in the audit log and shown afterwards, on the apply page and on the round page.
    const audit = await tenant.audit.list({ entity: "hearing_round", limit: 20, offset: 0 });
    const entry = audit.find((a) => a.summary.startsWith("ヒアリングの決定を反映"));
    expect(entry?.summary).toContain("適用できない行 2件を除外");
    expect(JSON.stringify(entry)).toContain("地域医療課");
    const after = await (await admin.get(`/hearings/${roundId}/apply?applied=1`)).text();
    expect(after).toContain("適用できない行 2件は除きました");
    expect(after).toContain("反映しなかった行(適用できない行)");
    expect(after).toContain("「地域医療課」は組織の画面で令和7年度(2025年度)までの組織とされ");
    const round = await (await admin.get(`/hearings/${roundId}`)).text();
    expect(round).toContain("反映しなかった行(適用できない行)");
    expect(round).not.toContain("これらの行を除いて反映できます");
    expect(round).toContain(`data-unapplicable="3:${site.kodomo.id}:`);

    // Undo restores exactly the state before the apply.
    expect((await admin.post(`/hearings/${roundId}/apply/undo`, { version: versionOf(after) })).status).toBe(302);
    expect(await state(tenant)).toEqual(before);
    const undone = await (await admin.get(`/hearings/${roundId}/apply`)).text();
    expect(undone).toContain("<h2>適用できない行</h2>");
  }, 120_000);
});
