/**
 * Yearly entry of 職員数 (issue 13 point 14) through the web form, without JavaScript: 「前年度の値を写す」 fills the
 * form without saving, last year's figure stands beside each field, and the totals the form shows are those the
 * server stores.
 */
import { expect, it } from "vitest";
import { compliance } from "../../src/services/staffing.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const setup = (get: () => TestDatabase) => demoSite(get, { kikaku: "110", somu: "120" });

/** The fields a browser would send for this form: named inputs that are not disabled (the submit buttons apart). */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /\sname="([^"]*)"/.exec(attrs)?.[1];
    if (!name || /\sdisabled/.test(attrs) || name === "_csrf") continue;
    fields[name] = /\svalue="([^"]*)"/.exec(attrs)?.[1] ?? "";
  }
  return fields;
}

function inputValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>`).exec(html);
  return m ? (/\svalue="([^"]*)"/.exec(m[0])?.[1] ?? "") : undefined;
}

function total(html: string, which: string): string {
  return new RegExp(`data-total="${which}">([^<]*)<`).exec(html)?.[1] ?? "(none)";
}

describeEachDatabase("年度の職員数の入力 (前年度の値を写す・前年度の値・入力中の合計)", (get) => {
  it("「前年度の値を写す」 fills the blank cells with last year's figures and saves nothing", async () => {
    const { tenant, kikaku, client } = await setup(get);
    const admin = await client("admin");
    const last = await tenant.headcounts.get(kikaku.id, 2025);
    expect(last?.staff).toBe(67);
    const plain = await (await admin.get("/staffing/headcounts/2026/edit")).text();
    expect(inputValue(plain, `c.${kikaku.id}.staff`)).toBe("");
    // Last year's figure beside the field, before anything is copied.
    expect(plain).toContain(`data-previous-for="c.${kikaku.id}.staff">令7: 67</small>`);
    expect(plain).toContain("前年度の値を写す");

    const copied = await (await admin.get("/staffing/headcounts/2026/edit?copy=2025")).text();
    expect(inputValue(copied, `c.${kikaku.id}.staff`)).toBe("67");
    expect(copied).toContain("令和7年度(2025年度)の値を");
    expect(copied).toContain("まだ保存されていません");
    // The totals of the copied figures: those of 2025 (図表4: 1,104 and 1,066 against 1,061, cap 1,092).
    expect(total(copied, "general")).toBe("1,104");
    expect(total(copied, "quota")).toBe("1,066");
    expect(total(copied, "cap")).toBe("1,092");
    expect(total(copied, "status")).toBe("定数超過(上限内)");
    expect(await tenant.headcounts.get(kikaku.id, 2026)).toBeUndefined();
  });

  it("an editor copies last year's figures only into the units it may write", async () => {
    const { kikaku, somu, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    const copied = await (await editor.get("/staffing/headcounts/2026/edit?copy=2025")).text();
    expect(inputValue(copied, `c.${kikaku.id}.staff`)).toBe("67");
    expect(inputValue(copied, `c.${somu.id}.seconded`)).toBe("");
  });

  it("without JavaScript, 「合計を再計算」 shows the totals that saving then stores", async () => {
    const { tenant, kikaku, client } = await setup(get);
    const admin = await client("admin");
    const copied = await (await admin.get("/staffing/headcounts/2026/edit?copy=2025")).text();
    const fields = formFields(copied, "/staffing/headcounts/2026");
    fields[`c.${kikaku.id}.staff`] = "77"; // +10
    fields[`c.${kikaku.id}.onLeave`] = "3"; // was blank: 定数合計 −3
    const recalc = await admin.post("/staffing/headcounts/2026", { ...fields, recalc: "1" });
    expect(recalc.status).toBe(200);
    const html = await recalc.text();
    expect(html).toContain("合計を再計算しました。まだ保存されていません。");
    expect(total(html, "general")).toBe("1,114");
    expect(total(html, "quota")).toBe("1,073");
    expect(inputValue(html, `c.${kikaku.id}.staff`)).toBe("77");
    expect(await tenant.headcounts.get(kikaku.id, 2026)).toBeUndefined();

    const saved = await admin.post("/staffing/headcounts/2026", fields);
    expect(saved.status).toBe(302);
    const stored = await compliance(tenant, 2026);
    expect(stored.totals.generalTotal).toBe(1114);
    expect(stored.totals.quotaTotal).toBe(1073);
    expect(stored.total?.status).toBe("within_cap");
  });

  // Runs after the save above (the suite shares one database): 2026 is entered now.
  it("copying never overwrites a figure already entered for the new year", async () => {
    const { kikaku, client } = await setup(get);
    const admin = await client("admin");
    const copied = await (await admin.get("/staffing/headcounts/2026/edit?copy=2025")).text();
    expect(inputValue(copied, `c.${kikaku.id}.staff`)).toBe("77");
    expect(copied).toContain("令和7年度(2025年度)の値を写せる空欄はありませんでした(入力済みの欄は変えていません)。");
    expect(copied).toContain(`data-previous-for="c.${kikaku.id}.staff">令7: 67</small>`);
  });

  it("the entry script is served from our own origin as JavaScript", async () => {
    const { client } = await setup(get);
    const admin = await client("admin");
    const script = await admin.get("/assets/headcount-entry.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    const text = await script.text();
    expect(text).toContain("function rollUpStaff(");
    expect(text).toContain("function computeEntryTotals(");
  });
});
