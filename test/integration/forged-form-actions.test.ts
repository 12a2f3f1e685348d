/**
 * Issue 9: a form's action is validated by its zod schema, never cast — a forged action (or one posted twice, or
 * none) is a 400 with a Japanese message and writes nothing; the service never sees an unknown action.
 */
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";
import { openRound as openHearing } from "../../src/services/hearing/rounds.js";
import { closeRound, getUpdate, openRound } from "../../src/services/reform/rounds.js";
import { indicatorViews } from "../../src/services/reform-views.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { textOf } from "../support/html.js";

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

describeEachDatabase("forged form actions are refused before any service", (get) => {
  it("the reform update form: a forged action is a 400 naming the choices, the draft and the KPI actuals untouched", async () => {
    const site = await demoSite(get, { gyokan: "123" });
    const { tenant } = site;
    for (const r of await tenant.reformRounds.list()) if (r.status === "open") await closeRound(tenant, CLI_ACTOR, r.id);
    const roundId = await openRound(tenant, CLI_ACTOR, { editionYear: 2025, fiscalYear: 2025, dueDate: "2026-04-30" });
    const indicator = (await indicatorViews(tenant)).find((i) => i.name === "スマホ講習会 開催回数");
    if (!indicator?.item) throw new Error("indicator or its item missing");
    const itemId = indicator.item.id;
    const path = `/reform/rounds/${roundId}/items/${itemId}`;
    const editor = await site.client("editor", [site.gyokan]);
    const form = await (await editor.get(path)).text();
    const before = await getUpdate(tenant, CLI_ACTOR, roundId, itemId);
    const values = async () => (await tenant.reformIndicators.values([indicator.id])).filter((v) => v.fiscal_year === 2025);
    const valuesBefore = await values();

    for (const action of ["delete", "approve ", "", "SAVE"]) {
      const forged = await editor.post(path, { action, version: versionOf(form), result: "<継続実施>\n・偽造", [`kpi.${indicator.id}`]: "99" });
      expect(forged.status).toBe(400);
      expect(textOf(await forged.text())).toContain("操作(下書き保存・提出・承認・差戻し)を選んでください");
    }
    // The version is a field of the schema too: missing, it is a 400 asking to reload.
    const noVersion = await editor.post(path, { action: "save", result: "<継続実施>\n・偽造" });
    expect(noVersion.status).toBe(400);
    expect(textOf(await noVersion.text())).toContain("編集を始めたときの版番号(version)がありません");
    const after = await getUpdate(tenant, CLI_ACTOR, roundId, itemId);
    expect(after.version).toBe(before.version);
    expect(after.draft).toEqual(before.draft);
    expect(await values()).toEqual(valuesBefore);

    // The real action still saves.
    const real = await editor.post(path, { action: "save", version: versionOf(form), result: "<継続実施>\n・本物" });
    expect(real.status, textOf(await real.text()).slice(0, 2000)).toBe(302);
    expect((await getUpdate(tenant, CLI_ACTOR, roundId, itemId)).version).toBe(before.version + 1);
  });

  it("a hearing form's step: a forged action (or two) is a 400 「処理「…」はありません」 and the form keeps its state", async () => {
    const site = await demoSite(get, { somu: "120", somuka: "121" });
    const roundId = await openHearing(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.somu.id] });
    const stored = async () => (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms[2];
    const v0 = (await stored())?.version ?? 0;
    const zero = { increase: 0, decrease: 0 };
    const line = { id: "L1", unitId: site.somu.id, category: "一般事務", employment: "regular", current: 0, years: [{ increase: 1, decrease: 0 }, zero, zero], increaseReason: "DX推進", decreaseReason: "", driver: "none" };
    await saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: v0, content: { lines: [line] } });
    await stepForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: v0 + 1, action: "submit" });
    const admin = await site.client("admin");
    const path = `/hearings/${roundId}/departments/${site.somu.id}/forms/3`;
    const page = await (await admin.get(path)).text();
    const before = await stored();

    for (const action of ["save", "apply", "destroy"]) {
      const forged = await admin.post(`${path}/step`, { action, version: versionOf(page), comment: "偽造", heardOn: "2026-08-01" });
      expect(forged.status).toBe(400);
      expect(textOf(await forged.text())).toContain(`処理「${action}」はありません`);
    }
    const twice = await admin.post(`${path}/step`, { action: ["hear", "decide"], version: versionOf(page), heardOn: "2026-08-01" });
    expect(twice.status).toBe(400);
    expect(textOf(await twice.text())).toContain("処理「」はありません");
    const badVersion = await admin.post(`${path}/step`, { action: "hear", version: "abc", heardOn: "2026-08-01" });
    expect(badVersion.status).toBe(400);
    expect(textOf(await badVersion.text())).toContain("版は整数で指定してください");
    expect(await stored()).toEqual(before);

    // The real step still goes through.
    expect((await admin.post(`${path}/step`, { action: "hear", version: versionOf(page), heardOn: "2026-08-01", notes: "聴取" })).status).toBe(302);
    expect((await stored())?.status).not.toBe(before?.status);
  });
});
