import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { DEMO_APPROVAL, loadDemo } from "../../src/services/demo.js";
import { publicationOf, requirePublishableDataset, takePublicationAction } from "../../src/services/publication.js";
import { DEFAULT_LICENSE, LICENSE_MAX_LENGTH, LICENSE_SETTING, publicationLicense } from "../../src/services/publish-site.js";
import { createEdition } from "../../src/services/reform/editions.js";
import { addItem, updateItem } from "../../src/services/reform/items.js";
import { getItem } from "../../src/services/reform/read-model.js";
import { addAttachment } from "../../src/services/reform/attachments.js";
import { saveNarratives, setFigureImage } from "../../src/services/policy-narratives.js";
import { loadPublicDataset } from "../../src/services/public-dataset.js";
import { contentFingerprints, loadPublishedContent } from "../../src/services/published-content.js";
import { setPublicationLicense } from "../../src/services/publish-site.js";
import { FINGERPRINT_DEFINITION } from "../../src/domain/publication.js";
import { verifyItem } from "../../src/services/reform/verification.js";
import { describeEachDatabase } from "../support/databases.js";
import { pngImage } from "../support/images.js";
import { signIn } from "../support/demo-site.js";
import { buildMunicipality, buildUnit } from "../support/factories.js";

const statusOf = (html: string, year: number) => {
  const section = new RegExp(`<section class="publication" id="edition-${year}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
  return /data-status="([a-z_]+)"/.exec(section)?.[1];
};
const versionOf = (html: string, year: number) => {
  const section = new RegExp(`<section class="publication" id="edition-${year}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
  return /name="version" value="(\d*)"/.exec(section)?.[1] ?? "";
};

describeEachDatabase("publication approval", (get) => {
  async function city() {
    const { db } = get().database;
    const municipality = await buildMunicipality(db);
    const tenant = new TenantDb(db, municipality.id);
    await createEdition(tenant, CLI_ACTOR, { fiscalYear: 2030 });
    const itemId = await addItem(tenant, CLI_ACTOR, { editionYear: 2030, name: "窓口のデジタル化", unitIds: [], unitLabels: ["行政管理課"] });
    const own = { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture };
    return { db, municipality, tenant, itemId, own };
  }

  it("has the demo's 令和7年度 edition approved, so it can be published out of the box", async () => {
    const { db } = get().database;
    const { municipality } = await loadDemo(db);
    const tenant = new TenantDb(db, municipality.id);
    const view = await publicationOf(tenant, municipality, 2025, null);
    expect(view.status).toBe("approved");
    const dataset = await requirePublishableDataset(tenant, municipality, 2025);
    expect(dataset.items).toHaveLength(10);
    // Loading the demo again changes nothing: still approved, not 公表後に変更あり.
    await loadDemo(db);
    expect((await publicationOf(tenant, municipality, 2025, null)).status).toBe("approved");
  });

  it("records the demo's approval as of September 2025 by the demo's named secretariat and headquarters, the same on the page and in the audit log", async () => {
    const { database } = get();
    const { municipality } = await loadDemo(database.db);
    const tenant = new TenantDb(database.db, municipality.id);
    const view = await publicationOf(tenant, municipality, 2025, null);
    expect([view.readyBy, view.readyAt, view.decidedBy, view.decidedAt]).toEqual([
      DEMO_APPROVAL.ready.author.username,
      DEMO_APPROVAL.ready.at,
      DEMO_APPROVAL.approved.author.username,
      DEMO_APPROVAL.approved.at,
    ]);
    expect(view.decidedBy).not.toBe(CLI_ACTOR.username);
    const audit = await database.db.selectFrom("audit_log").selectAll().where("municipality_id", "=", municipality.id).where("entity", "=", "publication").orderBy("id").execute();
    expect(audit.map((a) => [a.actor, a.at, a.summary.replace(/^.*— /, "").replace(/ \(デモ.*$/, "")])).toEqual([
      ["行政管理課(デモ)", "2025-09-12T01:00:00.000Z", "公表準備完了 (未申請 → 承認待ち)"],
      ["行政改革推進本部(デモ)", "2025-09-30T01:00:00.000Z", "公表を承認 (承認待ち → 承認済み)"],
    ]);
    const page = await (await (await signIn(database, municipality, "viewer")).get("/publication")).text();
    const section = /<section class="publication" id="edition-2025"[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    expect(section).toContain("行政改革推進本部(デモ) 令和7年(2025年)9月30日 10:00");
    expect(section).toContain("行政管理課(デモ) 令和7年(2025年)9月12日 10:00");
    expect(section).not.toContain("(CLI)");
  });

  it("lets only the secretariat mark ready and only headquarters approve or return, recording who and when in the audit log", async () => {
    const { db, municipality, tenant } = await city();
    const database = get().database;
    const admin = await signIn(database, municipality, "admin");
    const hq = await signIn(database, municipality, "hq");
    const editor = await signIn(database, municipality, "editor", [await buildUnit(db, municipality)]);
    const viewer = await signIn(database, municipality, "viewer");

    let page = await (await admin.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("draft");
    expect(page).toContain("公表準備完了");
    await expect(requirePublishableDataset(tenant, municipality, 2030)).rejects.toThrow(/未申請/);

    for (const client of [editor, viewer, hq]) {
      await client.get("/publication");
      expect((await client.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: "" })).status).toBe(403);
    }
    const ready = await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: "" });
    expect(ready.status).toBe(302);
    page = await (await hq.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("ready");
    await expect(requirePublishableDataset(tenant, municipality, 2030)).rejects.toThrow(/承認待ち/);

    for (const client of [editor, viewer, admin]) {
      await client.get("/publication");
      expect((await client.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: "1" })).status).toBe(403);
      expect((await client.post("/publication/2030/approval", { action: "return", version: "1", comment: "x" })).status).toBe(403);
    }
    // Returning needs a reason; the reason shows on the internal page.
    const noReason = await hq.post("/publication/2030/approval", { action: "return", version: versionOf(page, 2030), comment: " " });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("差戻しの理由を入力してください");
    expect((await hq.post("/publication/2030/approval", { action: "return", version: versionOf(page, 2030), comment: "図表4の注記を確認してください" })).status).toBe(302);
    page = await (await admin.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("returned");
    expect(page).toContain("図表4の注記を確認してください");

    expect((await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);
    page = await (await hq.get("/publication")).text();
    // A stale version (the page of before) is refused.
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: "1" })).status).toBe(409);
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);
    page = await (await viewer.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("approved");
    // Approving twice is not a step of the workflow.
    await hq.get("/publication");
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(409);
    await expect(requirePublishableDataset(tenant, municipality, 2030)).resolves.toMatchObject({ edition: { fiscalYear: 2030 } });

    const audit = await db.selectFrom("audit_log").selectAll().where("municipality_id", "=", municipality.id).where("entity", "=", "publication").orderBy("id").execute();
    expect(audit.map((a) => a.summary.replace(/^.*— /, ""))).toEqual([
      "公表準備完了 (未申請 → 承認待ち)",
      "差戻し (承認待ち → 差戻し)",
      "公表準備完了 (差戻し → 承認待ち)",
      "公表を承認 (承認待ち → 承認済み)",
    ]);
    expect(audit.every((a) => a.actor !== "" && a.at !== "")).toBe(true);
    expect(audit[3]?.actor).toMatch(/^hq/);
  });

  it("shows 公表後に変更あり after a change to published data, refuses to publish, and needs a new approval", async () => {
    const { municipality, tenant, itemId, own } = await city();
    const database = get().database;
    const admin = await signIn(database, municipality, "admin");
    const hq = await signIn(database, municipality, "hq");
    let page = await (await admin.get("/publication")).text();
    await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: versionOf(page, 2030) });
    page = await (await hq.get("/publication")).text();
    await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) });
    expect((await publicationOf(tenant, own, 2030, null)).status).toBe("approved");

    const item = await getItem(tenant, itemId);
    await updateItem(tenant, CLI_ACTOR, itemId, item.version, { effect: [{ type: "paragraph", text: "手続の待ち時間を半分にする" }] });
    page = await (await admin.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("changed");
    expect(page).toContain("公表後に変更あり");
    await expect(requirePublishableDataset(tenant, municipality, 2030)).rejects.toThrow(/公表後に変更あり/);

    // Headquarters cannot approve before the secretariat marks the changed edition ready again.
    await hq.get("/publication");
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(409);
    expect((await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);
    page = await (await hq.get("/publication")).text();
    expect((await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) })).status).toBe(302);
    expect((await publicationOf(tenant, own, 2030, null)).status).toBe("approved");
  });

  // A whole PNG header (the upload reads it); the pixel differs so each image is another image.
  const png = (tag: number) => pngImage(tag);

  it("covers everything published: a narrative text, a 図表1・2 image, an item's image or the license line changed after approval reads 公表後に変更あり", async () => {
    const { tenant, itemId, own } = await city();
    const hqUser = { userId: null, username: "hq-test", role: "hq" as const, unitIds: [] };
    const approve = async () => {
      let view = await publicationOf(tenant, own, 2030, CLI_ACTOR);
      view = await takePublicationAction(tenant, CLI_ACTOR, own, { fiscalYear: 2030, action: "mark_ready", expectedVersion: view.version, confirmGaps: true });
      view = await takePublicationAction(tenant, hqUser, own, { fiscalYear: 2030, action: "approve", expectedVersion: view.version, confirmGaps: true });
      expect(view.status).toBe("approved");
    };
    const first = await addAttachment(tenant, CLI_ACTOR, { itemId, filename: "a.png", bytes: png(1) });
    const item = await getItem(tenant, itemId);
    await updateItem(tenant, CLI_ACTOR, itemId, item.version, { remarks: [{ type: "image", alt: "窓口の写真", attachmentId: first }] });
    await approve();
    const row = await tenant.publications.get(2030);
    expect(row?.fingerprint_version).toBe(FINGERPRINT_DEFINITION);

    const changes: [string, () => Promise<unknown>][] = [
      ["narrative", () => saveNarratives(tenant, CLI_ACTOR, 2030, { background: "背景の文章を書き直しました。" })],
      ["figure image", () => setFigureImage(tenant, CLI_ACTOR, { fiscalYear: 2030, key: "dx", filename: "dx.png", bytes: png(2) })],
      [
        "item image (same description, other picture)",
        async () => {
          const second = await addAttachment(tenant, CLI_ACTOR, { itemId, filename: "b.png", bytes: png(3) });
          const now = await getItem(tenant, itemId);
          await updateItem(tenant, CLI_ACTOR, itemId, now.version, { remarks: [{ type: "image", alt: "窓口の写真", attachmentId: second }] });
        },
      ],
      ["license", () => setPublicationLicense(tenant, CLI_ACTOR, "CC BY 4.0(出典を明記してください)")],
    ];
    for (const [what, change] of changes) {
      await change();
      expect((await publicationOf(tenant, own, 2030, null)).status, what).toBe("changed");
      await expect(requirePublishableDataset(tenant, own, 2030), what).rejects.toThrow(/公表後に変更あり/);
      await approve();
    }
  });

  it("asks for approval again, without claiming a change, when the approval was stored under an older fingerprint definition", async () => {
    const { db, municipality, tenant, itemId, own } = await city();
    const hqUser = { userId: null, username: "hq-test", role: "hq" as const, unitIds: [] };
    let view = await takePublicationAction(tenant, CLI_ACTOR, own, { fiscalYear: 2030, action: "mark_ready", expectedVersion: null, confirmGaps: true });
    view = await takePublicationAction(tenant, hqUser, own, { fiscalYear: 2030, action: "approve", expectedVersion: view.version, confirmGaps: true });
    // As a database approved before the definition was stored: definition 1 (the public dataset alone), no version.
    const legacy = contentFingerprints(await loadPublishedContent(tenant, own, 2030))[1];
    expect(legacy).toBe(await loadPublicDataset(tenant, own, 2030).then((d) => contentFingerprints({ dataset: d, document: null as never, license: "" })[1]));
    await db.updateTable("reform_publications").set({ fingerprint: legacy ?? null, fingerprint_version: null }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2030).execute();

    view = await publicationOf(tenant, own, 2030, hqUser);
    expect(view.status).toBe("recheck");
    expect(view.statusLabel).toContain("再承認");
    expect(view.statusLabel).not.toContain("変更あり");
    const admin = await signIn(get().database, municipality, "admin");
    const page = await (await admin.get("/publication")).text();
    expect(statusOf(page, 2030)).toBe("recheck");
    expect(page).toContain("公表データが変更されたという意味ではありません");
    await expect(requirePublishableDataset(tenant, own, 2030)).rejects.toThrow(/照合範囲が広がりました/);
    // Headquarters confirms it directly; the approval now stores the current definition.
    expect(view.actions).toContain("approve");
    view = await takePublicationAction(tenant, hqUser, own, { fiscalYear: 2030, action: "approve", expectedVersion: view.version, confirmGaps: true });
    expect(view.status).toBe("approved");
    expect((await tenant.publications.get(2030))?.fingerprint_version).toBe(FINGERPRINT_DEFINITION);

    // Under the older definition, data that did change still reads 公表後に変更あり.
    const item = await getItem(tenant, itemId);
    await db.updateTable("reform_publications").set({ fingerprint: legacy ?? null, fingerprint_version: 1 }).where("municipality_id", "=", municipality.id).where("fiscal_year", "=", 2030).execute();
    await updateItem(tenant, CLI_ACTOR, itemId, item.version, { effect: [{ type: "paragraph", text: "効果を書き換えた" }] });
    expect((await publicationOf(tenant, own, 2030, null)).status).toBe("changed");
  });

  it("keeps an edition approved when only internal data changes (an opinion marked internal), but not when a public opinion does", async () => {
    const { municipality, tenant, itemId, own } = await city();
    const hqUser = { userId: null, username: "hq-test", role: "hq" as const, unitIds: [] };
    await verifyItem(tenant, hqUser, { itemId, fiscalYear: 2029, evaluation: "達成", opinion: "内部メモ", decision: "継続", expectedVersion: null });
    const item = await getItem(tenant, itemId);
    await tenant.reformVerifications.setOpinionInternal(item.lineageKey, 2029, true);
    const database = get().database;
    const admin = await signIn(database, municipality, "admin");
    const hq = await signIn(database, municipality, "hq");
    let page = await (await admin.get("/publication")).text();
    await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: versionOf(page, 2030) });
    page = await (await hq.get("/publication")).text();
    await hq.post("/publication/2030/approval", { action: "approve", confirm_gaps: "1", version: versionOf(page, 2030) });

    await verifyItem(tenant, hqUser, { itemId, fiscalYear: 2029, evaluation: "達成", opinion: "内部メモ(追記)", decision: "継続", expectedVersion: 1 });
    expect((await publicationOf(tenant, own, 2030, null)).status).toBe("approved");
    await tenant.reformVerifications.setOpinionInternal(item.lineageKey, 2029, false);
    expect((await publicationOf(tenant, own, 2030, null)).status).toBe("changed");
  });

  it("lets headquarters mark a verification opinion internal on the verification form, and unmark it", async () => {
    const { municipality, tenant, itemId } = await city();
    const hq = await signIn(get().database, municipality, "hq");
    await hq.get("/reform/verification?year=2030");
    const first = await hq.post("/reform/verification", { itemId: String(itemId), year: "2029", evaluation: "達成", decision: "継続", opinion: "内部の申し送り", opinionInternal: "1", version: "" });
    expect(first.status).toBe(302);
    const lineage = (await getItem(tenant, itemId)).lineageKey;
    expect((await tenant.reformVerifications.get(lineage, 2029))?.opinion_internal).toBe(1);
    await hq.get("/reform/verification?year=2030");
    const second = await hq.post("/reform/verification", { itemId: String(itemId), year: "2029", evaluation: "達成", decision: "継続", opinion: "公表してよい意見", version: "1" });
    expect(second.status).toBe(302);
    expect((await tenant.reformVerifications.get(lineage, 2029))?.opinion_internal).toBe(0);
  });
  it("the approval, license and planned-date forms are read by schemas: a bad value is a 400 naming the field, nothing written", async () => {
    const { municipality, tenant } = await city();
    const admin = await signIn(get().database, municipality, "admin");
    await admin.get("/publication");
    const alertOf = (html: string) => /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    const before = JSON.stringify(await tenant.publications.get(2030));
    const version = await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "1", version: "abc" });
    expect(version.status).toBe(400);
    expect(alertOf(await version.text())).toBe("版数は整数で指定してください: 「abc」");
    const gaps = await admin.post("/publication/2030/approval", { action: "mark_ready", confirm_gaps: "yes", version: "" });
    expect(gaps.status).toBe(400);
    expect(alertOf(await gaps.text())).toBe("空欄の確認の値が不正です");
    const action = await admin.post("/publication/2030/approval", { action: "publish", version: "" });
    expect(action.status).toBe(400);
    expect(alertOf(await action.text())).toBe("操作が不正です");
    expect(JSON.stringify(await tenant.publications.get(2030))).toBe(before);
    const license = await admin.post("/publication/license", { license: "CC BY\u202e 4.0" });
    expect(license.status).toBe(400);
    expect(alertOf(await license.text())).toBe("公開ライセンスの表示に使えない文字(U+202E: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください");
    expect(await publicationLicense(tenant)).toBe(DEFAULT_LICENSE);
  });

  it("lets only the secretariat set the license line of the public site (validated, audited; blank returns to CC BY 4.0)", async () => {
    const { municipality, tenant } = await city();
    const database = get().database;
    const admin = await signIn(database, municipality, "admin");
    const hq = await signIn(database, municipality, "hq");
    const viewer = await signIn(database, municipality, "viewer");

    let page = await (await viewer.get("/publication")).text();
    expect(page).toContain("CC BY 4.0");
    expect(page).not.toContain('action="/publication/license"');
    for (const client of [viewer, hq]) {
      await client.get("/publication");
      expect((await client.post("/publication/license", { license: "独自の条件" })).status).toBe(403);
    }
    expect(await publicationLicense(tenant)).toBe(DEFAULT_LICENSE);

    expect(await (await admin.get("/publication")).text()).toContain('action="/publication/license"');
    // A URL is refused (the site links to no other host); the typed text stays in the form; nothing is stored.
    const refused = await admin.post("/publication/license", { license: "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("URLは書けません");
    expect(refusedHtml).toContain("creativecommons.org/licenses/by/4.0/</textarea>");
    expect((await admin.post("/publication/license", { license: "あ".repeat(LICENSE_MAX_LENGTH + 1) })).status).toBe(400);
    expect(await publicationLicense(tenant)).toBe(DEFAULT_LICENSE);

    const line = `${municipality.name}オープンデータ利用規約(CC BY 4.0 互換)に従ってご利用ください。`;
    expect((await admin.post("/publication/license", { license: ` ${line}\n` })).status).toBe(302);
    expect(await publicationLicense(tenant)).toBe(line);
    page = await (await admin.get("/publication")).text();
    expect(page).toContain(line);
    const [entry] = await tenant.audit.list({ entity: "setting", limit: 1, offset: 0 });
    expect(entry?.entity_id).toBe(LICENSE_SETTING);
    expect(entry?.before_json).toContain("CC BY 4.0");
    expect(entry?.after_json).toContain(line);

    expect((await admin.post("/publication/license", { license: "  " })).status).toBe(302);
    expect(await publicationLicense(tenant)).toBe(DEFAULT_LICENSE);
  });
});
