import { expect, it } from "vitest";
import { resolvePlanRow } from "../../src/domain/reform.js";
import type { Actor } from "../../src/domain/roles.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { editionSummary, startNextEdition } from "../../src/services/reform/editions.js";
import { addItem, EditConflict, itemRevisions, updateItem } from "../../src/services/reform/items.js";
import { editionItems, getItem } from "../../src/services/reform/read-model.js";
import { myUpdates, openRound, stepUpdate } from "../../src/services/reform/rounds.js";
import { verifyItem } from "../../src/services/reform/verification.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality, buildUnit } from "../support/factories.js";

const NAMES = [
  "情報システム全体の最適化及び情報セキュリティ対策",
  "電子決裁の推進",
  "AI、RPAの利用推進",
  "デジタルツールを活用した業務改革",
  "オープンデータの推進",
  "組織・機構・執務環境の見直し",
  "職員の意識改革の推進",
  "デジタルデバインド対策の実施 (デジタル活用支援)",
  "自治体情報システムの標準化・共通化",
  "行政手続のデジタル化の推進",
];

describeEachDatabase("reform items (業務改革)", (get) => {
  async function demo() {
    const { tenant, gyokan } = await demoSite(get, { gyokan: "123" });
    const admin: Actor = { ...CLI_ACTOR, userId: null, username: "kanri" };
    const editor: Actor = { userId: 99, username: "gyokan", role: "editor", unitIds: [gyokan.id] };
    const hq: Actor = { userId: 98, username: "honbu", role: "hq", unitIds: [] };
    return { tenant, admin, editor, hq };
  }

  it("refuses to add an item linked to another municipality's unit, writing nothing", async () => {
    const { tenant, admin } = await demo();
    const other = await buildMunicipality(get().database.db, { name: "隣市" });
    const foreign = await buildUnit(get().database.db, other, { name: "隣市総務課" });
    const before = await editionItems(tenant, 2025);
    const auditBefore = (await tenant.audit.list({ limit: 1000, offset: 0 })).length;
    const own = before[0]?.unitIds[0] ?? 0;
    const error = await addItem(tenant, admin, { editionYear: 2025, name: "越境項目", unitIds: [own, foreign.id], unitLabels: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", message: `組織 #${foreign.id} はありません` });
    expect((await editionItems(tenant, 2025)).map((i) => i.id)).toEqual(before.map((i) => i.id));
    expect((await tenant.audit.list({ limit: 1000, offset: 0 })).length).toBe(auditBefore);
  });

  it("loads the ten R7 items as the seed words them, with 同左 columns and the R4–R6 history", async () => {
    const { tenant } = await demo();
    const items = await editionItems(tenant, 2025);
    expect(items.map((i) => i.name)).toEqual(NAMES);
    const ai = items[2];
    expect(ai?.unitLabels).toEqual(["主幹（働き方改革推進担当）", "行政管理課"]);
    expect(ai?.plans[2025]).toEqual({ stage: "継続実施", lines: ["【AI】", "文章生成AI本格導入", "【RPA、AI-OCR】", "基幹系RPAの標準化対応"] });
    expect(ai?.plans[2028]).toEqual({ stage: null, lines: [], sameAsLeft: true });
    const resolved = resolvePlanRow([2025, 2026, 2027, 2028].map((fy) => ai?.plans[fy]));
    expect(resolved[3]?.lines).toEqual(resolved[2]?.lines);
    expect(ai?.history.map((h) => h.fiscalYear)).toEqual([2024, 2023, 2022]);
    expect(ai?.history[0]?.result?.lines).toContain("市長部局7課9業務、市民病院16業務にRPAを追加導入した。");
    expect(items.every((i) => i.unitIds.length > 0)).toBe(true);
  });

  it("is idempotent: loading the demo twice keeps ten items", async () => {
    const { tenant } = await demo();
    await loadDemo(get().database.db);
    expect((await editionItems(tenant, 2025)).length).toBe(10);
  });

  it("runs the yearly round: open → draft → submit → return → resubmit → approve → verify", async () => {
    const { tenant, admin, editor, hq } = await demo();
    const items = await editionItems(tenant, 2025);
    const openData = items[4];
    if (!openData) throw new Error("item 5 missing");
    const roundId = await openRound(tenant, admin, { editionYear: 2025, dueDate: "2026-04-30" });

    const mine = await myUpdates(tenant, editor);
    expect(mine.map((u) => u.item.name)).toContain("オープンデータの推進");
    expect(mine.every((u) => u.canEdit)).toBe(true);
    const start = mine.find((u) => u.item.id === openData.id);
    if (!start) throw new Error("no update for item 5");
    expect(start.status).toBe("not_started");

    const draft = { ...start.draft, result: { stage: "継続実施" as const, lines: ["公開型GISを導入し運用を開始した。"] } };
    const saved = await stepUpdate(tenant, editor, { roundId, itemId: openData.id, action: "save", expectedVersion: start.version, draft });
    expect(saved.status).toBe("draft");
    const submitted = await stepUpdate(tenant, editor, { roundId, itemId: openData.id, action: "submit", expectedVersion: saved.version });
    expect(submitted.status).toBe("submitted");
    await expect(stepUpdate(tenant, editor, { roundId, itemId: openData.id, action: "approve", expectedVersion: submitted.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(stepUpdate(tenant, admin, { roundId, itemId: openData.id, action: "return", expectedVersion: submitted.version, comment: "" })).rejects.toMatchObject({ code: "invalid_input" });
    const returned = await stepUpdate(tenant, admin, { roundId, itemId: openData.id, action: "return", expectedVersion: submitted.version, comment: "利用件数を書いてください" });
    expect(returned).toMatchObject({ status: "returned", comment: "利用件数を書いてください" });
    const fixed = { ...draft, result: { stage: "継続実施" as const, lines: ["公開型GISを導入し運用を開始した。", "公開データ 12件"] } };
    const resubmitted = await stepUpdate(tenant, editor, { roundId, itemId: openData.id, action: "submit", expectedVersion: returned.version, draft: fixed });
    const approved = await stepUpdate(tenant, admin, { roundId, itemId: openData.id, action: "approve", expectedVersion: resubmitted.version });
    expect(approved.status).toBe("approved");
    const item = await getItem(tenant, openData.id);
    expect(item.currentResult?.lines).toEqual(["公開型GISを導入し運用を開始した。", "公開データ 12件"]);
    await expect(stepUpdate(tenant, editor, { roundId, itemId: openData.id, action: "save", expectedVersion: approved.version, draft })).rejects.toThrow("新しい更新依頼");

    await expect(verifyItem(tenant, admin, { itemId: openData.id, fiscalYear: 2025, evaluation: "達成", opinion: "", decision: "継続", expectedVersion: null })).rejects.toMatchObject({ code: "forbidden" });
    await verifyItem(tenant, hq, { itemId: openData.id, fiscalYear: 2025, evaluation: "概ね達成", opinion: "GISの活用を広げること", decision: "継続", expectedVersion: null });
    await expect(verifyItem(tenant, hq, { itemId: openData.id, fiscalYear: 2025, evaluation: "よくできました", opinion: "", decision: "継続", expectedVersion: null })).rejects.toMatchObject({ code: "invalid_input" });
    const summary = await editionSummary(tenant, 2026).catch(() => null);
    expect(summary).toBeNull();
  });

  it("shows a division only the items it is responsible for, and refuses its step on another item", async () => {
    const { tenant } = await demo();
    const personnel = await tenant.units.getByCode("122");
    const shokuin: Actor = { userId: 97, username: "shokuin", role: "editor", unitIds: [personnel?.id ?? 0] };
    const mine = await myUpdates(tenant, shokuin);
    expect([...new Set(mine.map((u) => u.item.number))].sort((a, b) => a - b)).toEqual([4, 6, 7]);
    const other = (await myUpdates(tenant, { ...shokuin, role: "admin" })).find((u) => u.item.number === 5);
    if (!other) throw new Error("no update for item 5");
    await expect(stepUpdate(tenant, shokuin, { roundId: other.round.id, itemId: other.item.id, action: "save", expectedVersion: other.version, draft: other.draft })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a second save over someone else's (optimistic locking), keeping both versions in the error", async () => {
    const { tenant, admin } = await demo();
    const item = (await editionItems(tenant, 2025))[0];
    if (!item) throw new Error("no item");
    await updateItem(tenant, admin, item.id, item.version, { name: `${item.name}(改)` });
    const error = await updateItem(tenant, admin, item.id, item.version, { name: "別の人の名前" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditConflict);
    expect((error as EditConflict).theirs.name).toBe(`${item.name}(改)`);
    expect((error as EditConflict).mine.name).toBe("別の人の名前");
    expect((await getItem(tenant, item.id)).name).toBe(`${item.name}(改)`);
  });

  it("keeps a field-by-field revision history with who and when", async () => {
    const { tenant, admin } = await demo();
    const item = (await editionItems(tenant, 2025))[1];
    if (!item) throw new Error("no item");
    await updateItem(tenant, admin, item.id, item.version, { plans: { 2026: { stage: "実施", lines: ["電子決裁の本格稼働"] } } });
    const revisions = await itemRevisions(tenant, item.id);
    expect(revisions[0]?.actor).toBe("kanri");
    expect(revisions[0]?.changes).toEqual([
      { field: "取組計画 令和8年度(2026年度)", before: item.plans[2026], after: { stage: "実施", lines: ["電子決裁の本格稼働"] } },
    ]);
  });

  it("starts the next edition: items go on as 継続, a 完了 decision drops the item, the old edition stays as it was", async () => {
    const { tenant, admin, hq } = await demo();
    const items = await editionItems(tenant, 2025);
    const names = items.map((i) => i.name);
    const done = items[8];
    if (!done) throw new Error("no item 9");
    await verifyItem(tenant, hq, { itemId: done.id, fiscalYear: 2025, evaluation: "達成", opinion: "標準化完了", decision: "完了", expectedVersion: null, confirmWithoutResult: true });
    const result = await startNextEdition(tenant, admin, 2025, { confirmed: true });
    expect(result.completed).toEqual([done.name]);
    const next = await editionItems(tenant, 2026);
    expect(next).toHaveLength(9);
    expect(next.every((i) => i.state === "継続")).toBe(true);
    expect(next[0]?.plans[2029]).toEqual({ stage: null, lines: [], sameAsLeft: true });
    expect(next[0]?.history.map((h) => h.fiscalYear)).toEqual([2025, 2024, 2023, 2022]);
    expect((await editionItems(tenant, 2025)).map((i) => i.name)).toEqual(names);
    const summary = await editionSummary(tenant, 2026);
    expect(summary.byEvaluation.find((e) => e.evaluation === "達成")?.count).toBe(0);
    expect(summary.byStage.reduce((s, r) => s + r.count, 0)).toBe(9);
  });

});
