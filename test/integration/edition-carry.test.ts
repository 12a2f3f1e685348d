import { expect, it } from "vitest";
import type { Actor } from "../../src/domain/roles.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { startNextEdition } from "../../src/services/reform/editions.js";
import { reformStatusSummary } from "../../src/services/reform/status.js";
import { editionItems } from "../../src/services/reform/read-model.js";
import { verifyItem } from "../../src/services/reform/verification.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { formReadValues, readValuesFor, textOf } from "../support/html.js";

// Each rule gets a database of its own: creating the next edition changes the demo city for every later test.

async function demo(get: () => TestDatabase) {
  const site = await demoSite(get);
  const admin: Actor = { ...CLI_ACTOR, userId: null, username: "kanri" };
  const hq: Actor = { userId: 98, username: "honbu", role: "hq", unitIds: [] };
  return { ...site, admin, hq };
}

describeEachDatabase("edition carry-over (issue 13 point 4)", (get) => {
  it("完了 without an approved result is refused until confirmed, and so is an edition that would drop it", async () => {
    const { tenant, admin, hq } = await demo(get);
    const item = (await editionItems(tenant, 2025))[8];
    if (!item) throw new Error("no item 9");
    const verdict = { itemId: item.id, fiscalYear: 2025, evaluation: "達成", opinion: "", decision: "完了", expectedVersion: null };
    await expect(verifyItem(tenant, hq, verdict)).rejects.toMatchObject({ code: "confirmation_required" });
    expect(await tenant.reformVerifications.get(item.lineageKey, 2025)).toBeUndefined();
    await verifyItem(tenant, hq, { ...verdict, confirmWithoutResult: true });
    await expect(startNextEdition(tenant, admin, 2025)).rejects.toMatchObject({ code: "confirmation_required" });
    expect(await tenant.reformEditions.getByYear(2026)).toBeUndefined();
  });
});

describeEachDatabase("edition carry-over (issue 13 point 4)", (get) => {
  it("a 同左 that becomes the new edition's first column is resolved to what it stood for (「<継続実施> 同左」 in R8)", async () => {
    const { tenant, admin } = await demo(get);
    const before = (await editionItems(tenant, 2025)).find((i) => i.name === "職員の意識改革の推進");
    expect(before?.plans[2026]).toEqual({ stage: "継続実施", lines: [], sameAsLeft: true });
    await startNextEdition(tenant, admin, 2025);
    const after = (await editionItems(tenant, 2026)).find((i) => i.name === "職員の意識改革の推進");
    expect(after?.plans[2026]).toEqual({ stage: "継続実施", lines: before?.plans[2025]?.lines });
    expect(after?.plans[2027]).toEqual({ stage: "継続実施", lines: [], sameAsLeft: true });
    // The earlier edition keeps its 同左.
    expect((await editionItems(tenant, 2025)).find((i) => i.name === "職員の意識改革の推進")?.plans[2026]?.sameAsLeft).toBe(true);
  });
});

describeEachDatabase("edition carry-over on the web (issue 13 point 4)", (get) => {
  it("headquarters recording 完了 without an approved result is asked to confirm on the same form; the next edition's preview warns", async () => {
    const { client, tenant } = await demoSite(get);
    const hq = await client("hq");
    const admin = await client("admin");
    const item = (await editionItems(tenant, 2025))[8];
    if (!item) throw new Error("no item 9");
    await hq.get("/reform/verification?year=2025");
    const form = { itemId: String(item.id), year: "2025", evaluation: "達成", opinion: "", decision: "完了", version: "" };
    const asked = await hq.post("/reform/verification", form);
    expect(asked.status).toBe(422);
    const page = textOf(await asked.text());
    expect(page).toContain("承認された取組実績がありません");
    expect(page).toContain("承認された取組実績がないまま「完了」とする");
    expect(await tenant.reformVerifications.get(item.lineageKey, 2025)).toBeUndefined();
    expect((await hq.post("/reform/verification", { ...form, confirmWithoutResult: "1" })).status).toBe(302);

    const previewHtml = await (await admin.get("/reform/editions/2025/next")).text();
    const preview = textOf(previewHtml);
    expect(preview).toContain("外れる項目(1件)");
    expect(preview).toContain(`「${item.name}」は完了として外れますが、令和7年度(2025年度)の承認された取組実績がありません`);
    const read = formReadValues(previewHtml, "/reform/editions/2025/next");
    const unconfirmed = await admin.post("/reform/editions/2025/next", { ...read, confirm: "1" });
    expect(unconfirmed.status).toBe(422);
    expect(await tenant.reformEditions.getByYear(2026)).toBeUndefined();
    expect((await admin.post("/reform/editions/2025/next", { ...read, confirm: "1", confirmWarnings: "1" })).status).toBe(302);
    expect((await editionItems(tenant, 2026)).map((i) => i.name)).not.toContain(item.name);
  });
});

describeEachDatabase("次年度の版: the confirmation is of the preview shown (issue 14 point 6)", (get) => {
  it("a preview changed after it was shown (an item decided 完了 meanwhile) is a 409 naming the item's fate before and now, nothing created; the new preview confirms", async () => {
    const { client, tenant } = await demoSite(get);
    const admin = await client("admin");
    const hq = await client("hq");
    const item = (await editionItems(tenant, 2025))[8];
    if (!item) throw new Error("no item 9");
    const old = await readValuesFor(admin, "/reform/editions/2025/next", "/reform/editions/2025/next");
    const shown = (JSON.parse(old.read_values) as Record<string, string>)["9"] ?? "";
    expect(shown).toMatch(new RegExp(`^「${item.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}」を引き継ぐ`));
    await hq.get("/reform/verification?year=2025");
    const decided = { itemId: String(item.id), year: "2025", evaluation: "達成", opinion: "", decision: "完了", version: "", confirmWithoutResult: "1" };
    expect((await hq.post("/reform/verification", decided)).status).toBe(302);
    const stale = await admin.post("/reform/editions/2025/next", { ...old, confirm: "1", confirmWarnings: "1" });
    expect(stale.status).toBe(409);
    const page = textOf(await stale.text());
    expect(page).toContain(`令和8年度(2026年度)の版で項目(9)の扱いは、画面を開いた後に別の人が「${shown}」→「「${item.name}」は外れる(推進本部の方針が「完了」)」に変更しています`);
    expect(page).toContain("外れる項目(1件)");
    expect(await tenant.reformEditions.getByYear(2026)).toBeUndefined();
    // Without the preview read nothing is created; the preview shown now confirms.
    expect((await admin.post("/reform/editions/2025/next", { confirm: "1", confirmWarnings: "1" })).status).toBe(400);
    expect(await tenant.reformEditions.getByYear(2026)).toBeUndefined();
    const fresh = await readValuesFor(admin, "/reform/editions/2025/next", "/reform/editions/2025/next");
    expect((await admin.post("/reform/editions/2025/next", { ...fresh, confirm: "1", confirmWarnings: "1" })).status).toBe(302);
    expect((await editionItems(tenant, 2026)).map((i) => i.name)).not.toContain(item.name);
  });
});

describeEachDatabase("reform status summary (issue 13 point 4b)", (get) => {
  it("an item completed in R7 is still counted in R7's summary, as 完了, and the overview shows both dimensions", async () => {
    const { tenant, admin, hq, client } = await demo(get);
    const items = await editionItems(tenant, 2025);
    const done = items[8];
    if (!done) throw new Error("no item 9");
    await verifyItem(tenant, hq, { itemId: done.id, fiscalYear: 2025, evaluation: "達成", opinion: "", decision: "完了", expectedVersion: null, confirmWithoutResult: true });
    await startNextEdition(tenant, admin, 2025, { confirmed: true });
    const status = await reformStatusSummary(tenant, 2025);
    expect(status.total).toBe(10);
    expect(status.previousTotal).toBe(10);
    expect(status.byProgress.find((r) => r.category === "完了")).toEqual({ category: "完了", count: 1, previous: 0, change: 1 });
    expect(status.byProgress.reduce((n, r) => n + r.count, 0)).toBe(10);
    expect(status.byAchievement.find((r) => r.category === "達成")?.count).toBe(1);
    const viewer = await client("viewer");
    const page = textOf(await (await viewer.get("/reform?year=2026")).text());
    expect(page).toContain("取組状況(令和7年度、計画期間の全10項目。完了した項目を含む)");
    expect(page).toContain("着手状況 × 達成度");
  });
});
