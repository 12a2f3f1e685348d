/**
 * 様式3 plans staff where 定数管理 counts them: a line on a 課 whose staff its 部 counts (the demo's 総務部 94, its 課
 * without figures) was approved, shown in the overview (総務部 計 97) and written to 配置計画, but the roll-up kept the
 * 部's own figure, so the quota check counted +2 where +3 had been approved (tester, issue 11).
 */
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm } from "../../src/services/hearing/forms.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import type { Form3 } from "../../src/domain/hearing-forms.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("hearing 様式3 lines at the level 定数管理 counts", (get) => {
  it("a line on a 課 whose staff the 部 counts is refused naming the 部; the 部's own line is saved", async () => {
    const site = await demoSite(get, { somu: "120" });
    const gyokan = await site.tenant.units.getByCode("123");
    if (!gyokan) throw new Error("行政管理課 missing");
    const roundId = await openRound(site.tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.somu.id] });
    const form3 = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms[2];
    if (!form3) throw new Error("様式3 missing");
    const prefilled = (form3.content as Form3).lines;
    expect(prefilled.map((l) => [l.unitId, l.current])).toEqual([[site.somu.id, 94]]);
    const zero = { increase: 0, decrease: 0 };
    const line = { id: "N1", unitId: gyokan.id, category: "一般事務", employment: "regular", current: 0, years: [{ increase: 1, decrease: 0 }, zero, zero], increaseReason: "行革推進", decreaseReason: "", driver: "none" };
    const save = (lines: unknown[]) => saveForm(site.tenant, CLI_ACTOR, { roundId, unitId: site.somu.id, form: 3, version: form3.version, content: { lines } });
    await expect(save([...prefilled, line])).rejects.toThrow("行政管理課の職員数は定数管理では「総務部」にまとめて数えています。「総務部」の行で要求するか、先に定数管理で行政管理課の職員数を入力してください");
    const unchanged = (await departmentForms(site.tenant, CLI_ACTOR, roundId, site.somu.id)).forms[2];
    expect(unchanged?.version).toBe(form3.version);
    // The same request on the 部's line is what 配置計画 counts: saved.
    const saved = await save([{ ...prefilled[0], years: [{ increase: 1, decrease: 0 }, zero, zero], increaseReason: "行革推進" }]);
    expect((saved.content as Form3).lines[0]?.years[0]).toEqual({ increase: 1, decrease: 0 });
  }, 120_000);
});
