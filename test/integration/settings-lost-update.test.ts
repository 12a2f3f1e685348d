/**
 * Issue 14 point 6 for the 定数・人口・許容率 forms: two secretaries open the settings page, both save; the first
 * wins, the second is a 409 naming the key and both values (shown, stored, typed), nothing of it written. A post
 * without the values read is a 400.
 */
import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { formReadValues, textOf } from "../support/html.js";

const PAGE = "/staffing/settings";

describeEachDatabase("定数・人口・許容率の設定: no lost update (issue 14 point 6)", (get) => {
  it("two secretaries from one page: the second save of the same key is a 409 with both values and is not written", async () => {
    const site = await demoSite(get, { mayor: "100", kikaku: "110" });
    const a = await site.client("admin");
    const b = await site.client("admin");
    const pageA = await (await a.get(PAGE)).text();
    const pageB = await (await b.get(PAGE)).text();
    const read = (page: string, form: string) => formReadValues(page, `${PAGE}/${form}`);

    // 人口 of one year.
    const shownPopulation = (await site.tenant.populations.get(2025))?.population;
    const shownText = shownPopulation === undefined ? "未設定" : `${shownPopulation.toLocaleString("ja-JP")}人`;
    expect((await a.post(`${PAGE}/population`, { ...read(pageA, "population"), fiscalYear: "2025", population: "98000", referenceDate: "", source: "" })).status).toBe(302);
    const population = await b.post(`${PAGE}/population`, { ...read(pageB, "population"), fiscalYear: "令和7年度", population: "99000", referenceDate: "", source: "" });
    expect(population.status).toBe(409);
    expect(textOf(await population.text())).toContain(`令和7年度(2025年度)の人口は、画面を開いた後に別の人が「${shownText}」→「98,000人」に変更しています(あなたの入力:「99,000人」)`);
    expect((await site.tenant.populations.get(2025))?.population).toBe(98000);
    // Another year of the same form is no conflict: only the keys written are compared.
    expect((await b.post(`${PAGE}/population`, { ...read(pageB, "population"), fiscalYear: "2024", population: "99100", referenceDate: "", source: "" })).status).toBe(302);

    // 条例定数 of one unit.
    expect((await a.post(`${PAGE}/quota`, { ...read(pageA, "quota"), unit: String(site.kikaku.id), quota: "71", fromYear: "R8", note: "" })).status).toBe(302);
    const quota = await b.post(`${PAGE}/quota`, { ...read(pageB, "quota"), unit: String(site.kikaku.id), quota: "72", fromYear: "R8", note: "" });
    expect(quota.status).toBe(409);
    const quotaMessage = textOf(await quota.text());
    expect(quotaMessage).toContain("企画部の条例定数は、画面を開いた後に別の人が");
    expect(quotaMessage).toContain("71人(令和8年度(2026年度)から)」に変更しています(あなたの入力:「72人(令和8年度(2026年度)から)」)");
    const kikakuQuotas = (await site.tenant.quotas.list()).filter((q) => q.unit_id === site.kikaku.id);
    expect(kikakuQuotas.map((q) => q.quota)).toContain(71);
    expect(kikakuQuotas.map((q) => q.quota)).not.toContain(72);

    // 許容率 and 基準日 (periods of one policy), 確認の目安.
    expect((await a.post(`${PAGE}/allowance`, { ...read(pageA, "allowance"), percent: "4", fromYear: "R8" })).status).toBe(302);
    const allowance = await b.post(`${PAGE}/allowance`, { ...read(pageB, "allowance"), percent: "6", fromYear: "R9" });
    expect(allowance.status).toBe(409);
    expect(textOf(await allowance.text())).toMatch(/許容率は、画面を開いた後に別の人が「[^」]*」→「[^」]*4%\(令和8年度\(2026年度\)から\)」に変更しています\(あなたの入力:「6%\(令和9年度\(2027年度\)から\)」\)/);
    expect((await site.tenant.policies.list()).filter((p) => p.kind === "allowance_percent").map((p) => p.value)).not.toContain("6");

    expect((await a.post(`${PAGE}/reference-day`, { ...read(pageA, "reference-day"), day: "05-01", fromYear: "R8" })).status).toBe(302);
    const day = await b.post(`${PAGE}/reference-day`, { ...read(pageB, "reference-day"), day: "06-01", fromYear: "R8" });
    expect(day.status).toBe(409);
    expect(textOf(await day.text())).toContain("05-01(令和8年度(2026年度)から)」に変更しています(あなたの入力:「06-01(令和8年度(2026年度)から)」)");
    expect((await site.tenant.policies.list()).filter((p) => p.kind === "reference_date").map((p) => p.value)).not.toContain("06-01");

    const shownThreshold = (JSON.parse(read(pageB, "threshold").read_values) as Record<string, string>)["threshold"];
    expect(shownThreshold).toMatch(/^±\d+% かつ ±\d+人$/);
    expect((await a.post(`${PAGE}/threshold`, { ...read(pageA, "threshold"), percent: "15", people: "8" })).status).toBe(302);
    const threshold = await b.post(`${PAGE}/threshold`, { ...read(pageB, "threshold"), percent: "25", people: "12" });
    expect(threshold.status).toBe(409);
    expect(textOf(await threshold.text())).toContain(`確認の目安は、画面を開いた後に別の人が「${shownThreshold}」→「±15% かつ ±8人」に変更しています(あなたの入力:「±25% かつ ±12人」)`);
    expect(JSON.parse((await site.tenant.settings.get("staffing.changeThreshold")) ?? "{}")).toEqual({ percent: 15, people: 8 });

    // After reloading, the second secretary saves knowingly; the same value as the other's is no conflict.
    const fresh = await (await b.get(PAGE)).text();
    expect((await b.post(`${PAGE}/population`, { ...read(fresh, "population"), fiscalYear: "2025", population: "99000", referenceDate: "", source: "" })).status).toBe(302);
    expect((await site.tenant.populations.get(2025))?.population).toBe(99000);
    expect((await b.post(`${PAGE}/threshold`, { ...read(pageB, "threshold"), percent: "15", people: "8" })).status).toBe(302);
  });

  it("a post without the values read is refused (400), nothing written", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get(PAGE);
    const before = (await site.tenant.populations.get(2025))?.population;
    const blind = await admin.post(`${PAGE}/population`, { fiscalYear: "2025", population: "12345", referenceDate: "", source: "" });
    expect(blind.status).toBe(400);
    expect(textOf(await blind.text())).toContain("開いたときの値がありません。画面を再読み込みしてから保存してください");
    expect((await site.tenant.populations.get(2025))?.population).toBe(before);
    expect((await admin.post(`${PAGE}/threshold`, { percent: "1", people: "1", read_values: "not json" })).status).toBe(400);
  });
});
