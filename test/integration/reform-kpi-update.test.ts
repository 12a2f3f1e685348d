/**
 * 成果指標 (KPI) actuals are part of a division's reform update form (issue 13 point 14): entered, refused and
 * saved with the draft in one transaction; the old indicator page keeps working.
 */
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { closeRound, openRound } from "../../src/services/reform/rounds.js";
import { indicatorViews } from "../../src/services/reform-views.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { textOf } from "../support/html.js";

async function setup(get: () => TestDatabase) {
  const site = await demoSite(get, { gyokan: "123", shokuin: "122" });
  const { tenant } = site;
  for (const r of await tenant.reformRounds.list()) if (r.status === "open") await closeRound(tenant, CLI_ACTOR, r.id);
  const roundId = await openRound(tenant, CLI_ACTOR, { editionYear: 2025, fiscalYear: 2025, dueDate: "2026-04-30" });
  const smartphone = (await indicatorViews(tenant)).find((i) => i.name === "スマホ講習会 開催回数");
  if (!smartphone?.item) throw new Error("indicator or its item missing");
  return { ...site, roundId, indicator: smartphone, path: `/reform/rounds/${roundId}/items/${smartphone.item.id}` };
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const actualOf = async (tenant: Awaited<ReturnType<typeof setup>>["tenant"], id: number) =>
  (await tenant.reformIndicators.values([id])).find((v) => v.fiscal_year === 2025 && v.kind === "actual")?.value ?? null;

describeEachDatabase("成果指標の実績は更新フォームで入力する", (get) => {
  it("the update form lists the item's indicators and saves this year's actual with the draft", async () => {
    const { tenant, gyokan, indicator, path } = await setup(get);
    const editor = await client(get, gyokan);
    const form = await (await editor.get(path)).text();
    expect(textOf(form)).toContain("成果指標の令和7年度(2025年度)の実績");
    expect(form).toContain(`name="kpi.${indicator.id}"`);
    const saved = await editor.post(path, { action: "save", version: versionOf(form), result: "<継続実施>\n・講習会を開いた。", [`kpi.${indicator.id}`]: "８" });
    expect(saved.status).toBe(302);
    expect(Number(await actualOf(tenant, indicator.id))).toBe(8);
    const again = await (await editor.get(path)).text();
    expect(again).toMatch(new RegExp(`name="kpi\\.${indicator.id}"[^>]*value="8"`));
    expect(again).toContain("講習会を開いた。");
  });

  it("an actual that is not a number is refused naming the indicator, and neither the draft nor any actual is written", async () => {
    const { tenant, gyokan, indicator, path } = await setup(get);
    const editor = await client(get, gyokan);
    const form = await (await editor.get(path)).text();
    const before = await actualOf(tenant, indicator.id);
    const refused = await editor.post(path, { action: "save", version: versionOf(form), result: "<継続実施>\n・書きかけ", [`kpi.${indicator.id}`]: "八回" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(textOf(html)).toContain("指標「スマホ講習会 開催回数」の令和7年度(2025年度)の実績を数値として読めません: 「八回」");
    // The form keeps what was typed.
    expect(html).toContain("八回");
    expect(await actualOf(tenant, indicator.id)).toBe(before);
    expect(textOf(await (await editor.get(path)).text())).not.toContain("書きかけ");
  });

  it("another division cannot write the item's actuals through the form, and the old indicator page still works", async () => {
    const { tenant, shokuin, indicator, path } = await setup(get);
    const other = await client(get, shokuin);
    const form = await (await other.get(path)).text();
    const before = await actualOf(tenant, indicator.id);
    expect((await other.post(path, { action: "save", version: versionOf(form), [`kpi.${indicator.id}`]: "99" })).status).toBe(403);
    expect(await actualOf(tenant, indicator.id)).toBe(before);
    expect((await other.get("/reform/indicators")).status).toBe(200);
  });
});

async function client(get: () => TestDatabase, unit: Awaited<ReturnType<typeof setup>>["gyokan"]) {
  const site = await demoSite(get);
  return site.client("editor", [unit]);
}
