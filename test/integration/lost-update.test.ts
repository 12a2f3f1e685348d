import { expect, it } from "vitest";
import type { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { cohortLabel } from "../../src/domain/retirement.js";
import { SECTORS } from "../../src/domain/sector.js";
import { schedulesOf } from "../../src/services/retirement-planning.js";
import { formReadValues, textOf } from "../support/html.js";

const setup = (get: () => TestDatabase) => demoSite(get, { kikaku: "110", somu: "120" });

/** The form's fields as the page would post them: every enabled input's name and value (hidden ones included). */
function formFields(html: string, prefix: RegExp): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || !prefix.test(name) || /\sdisabled/.test(attrs)) continue;
    fields[name] = (/value="([^"]*)"/.exec(attrs)?.[1] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  }
  return fields;
}

async function openGrid(browser: BrowserClient, year: number): Promise<Record<string, string>> {
  return formFields(await (await browser.get(`/staffing/headcounts/${year}/edit`)).text(), /^[co]\./);
}

async function headcountAuditsBy(site: Awaited<ReturnType<typeof setup>>, entityId: string): Promise<string[]> {
  const rows = await site.db.selectFrom("audit_log").select("actor").where("municipality_id", "=", site.municipality.id).where("entity", "=", "headcount").where("entity_id", "=", entityId).execute();
  return rows.map((r) => r.actor);
}

// Some figures below change a lot from the year before (plausibility, domain/plausibility.ts): those saves carry the
// user's confirmation (confirm), which is not the subject here. The refused save sends none: a conflict is a 409 before any 422.
describeEachDatabase("no lost update: every write path compares with the version it read", (get) => {
  it("an admin saving an old 職員数 form does not revert an editor's newer value (企画部 67 → 117 stays 117) and writes the admin's own change", async () => {
    const site = await setup(get);
    const { kikaku, somu, tenant } = site;
    const admin = await site.client("admin");
    const editor = await site.client("editor", [kikaku]);
    const adminForm = await openGrid(admin, 2025);
    expect(adminForm[`c.${kikaku.id}.staff`]).toBe("67");

    const editorForm = await openGrid(editor, 2025);
    expect((await editor.post("/staffing/headcounts/2025", { ...editorForm, [`c.${kikaku.id}.staff`]: "117", confirm: "1" })).status).toBe(302);
    expect((await tenant.headcounts.get(kikaku.id, 2025))?.staff).toBe(117);

    // The admin's form still says 67 for 企画部; the admin changes only 総務部.
    const saved = await admin.post("/staffing/headcounts/2025", { ...adminForm, [`c.${somu.id}.staff`]: "95", confirm: "1" });
    expect(saved.status).toBe(302);
    expect((await tenant.headcounts.get(kikaku.id, 2025))?.staff).toBe(117);
    expect((await tenant.headcounts.get(somu.id, 2025))?.staff).toBe(95);
    expect(await headcountAuditsBy(site, `${kikaku.code}/2025`)).toHaveLength(1);
  });

  it("a cell both changed is a 409 naming the value read, the value stored now and the value sent; nothing is written", async () => {
    const site = await setup(get);
    const { kikaku, somu, tenant } = site;
    const admin = await site.client("admin");
    const editor = await site.client("editor", [kikaku]);
    const adminForm = await openGrid(admin, 2024);
    const read = Number(adminForm[`c.${kikaku.id}.staff`]);
    const somuBefore = (await tenant.headcounts.get(somu.id, 2024))?.staff;
    expect((await editor.post("/staffing/headcounts/2024", { ...(await openGrid(editor, 2024)), [`c.${kikaku.id}.staff`]: String(read + 50), confirm: "1" })).status).toBe(302);

    const refused = await admin.post("/staffing/headcounts/2024", { ...adminForm, [`c.${kikaku.id}.staff`]: String(read + 3), [`c.${somu.id}.staff`]: "1" });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain(`「企画部」の職員数は、画面を開いた後に別の人が ${read} → ${read + 50} に変更しています(あなたの入力: ${read + 3})`);
    expect((await tenant.headcounts.get(kikaku.id, 2024))?.staff).toBe(read + 50);
    expect((await tenant.headcounts.get(somu.id, 2024))?.staff).toBe(somuBefore);
    // The form shown again carries the value stored now as the version read: saving it again is a deliberate overwrite.
    const again = formFields(html, /^[co]\./);
    expect(again[`o.${kikaku.id}.staff`]).toBe(String(read + 50));
    expect(again[`c.${kikaku.id}.staff`]).toBe(String(read + 3));
    expect((await admin.post("/staffing/headcounts/2024", { ...again, confirm: "1" })).status).toBe(302);
    expect((await tenant.headcounts.get(kikaku.id, 2024))?.staff).toBe(read + 3);
  });

  it("PUT /api/v1/headcounts takes the figures it read: parallel writers from one version give one success and 409s with both values", async () => {
    const site = await setup(get);
    const { kikaku, tenant } = site;
    const admin = await site.client("admin");
    await admin.get("/staffing");
    const read = (await tenant.headcounts.get(kikaku.id, 2023))?.staff ?? 0;
    const put = (staff: number) =>
      admin.app.request("/api/v1/headcounts/2023", {
        method: "PUT",
        body: JSON.stringify({ rows: [{ unitId: kikaku.id, counts: { staff }, expected: { staff: read } }], confirm: true }),
        headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
      });
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => put(read + 1 + i)));
    const ok = responses.filter((r) => r.status === 200);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(7);
    const winner = (await tenant.headcounts.get(kikaku.id, 2023))?.staff ?? 0;
    const body = (await conflicts[0]?.json()) as { error: { code: string; conflicts: { read: number; current: number; yours: number }[] } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.conflicts[0]).toMatchObject({ read, current: winner });
    expect(await headcountAuditsBy(site, `${kikaku.code}/2023`)).toHaveLength(1);
  });

  it("the age grid writes only the cells changed and refuses a cell changed since it was read", async () => {
    const site = await setup(get);
    const { tenant } = site;
    const profiled = await site.db.selectFrom("age_profiles").select(["unit_id", "base_year"]).where("municipality_id", "=", site.municipality.id).executeTakeFirstOrThrow();
    const path = `/staffing/age-profile?unit=${profiled.unit_id}&year=${profiled.base_year}`;
    const admin = await site.client("admin");
    const other = await site.client("admin");
    const fields = (html: string) => formFields(html, /^(n\.|read$|unit$|year$)/);
    const adminForm = fields(await (await admin.get(path)).text());
    const otherForm = fields(await (await other.get(path)).text());
    const cells = Object.keys(adminForm).filter((n) => n.startsWith("n.") && adminForm[n] !== "");
    const [first = "", second = ""] = cells;
    expect((await other.post("/staffing/age-profile", { ...otherForm, [first]: String(Number(otherForm[first]) + 10) })).status).toBe(302);
    const count = async (name: string) => {
      const [, cohort, category] = name.split(".");
      const rows = await tenant.ageProfiles.list(profiled.base_year, [profiled.unit_id]);
      return rows.find((r) => r.cohort === Number(cohort) && r.category === category)?.count;
    };
    // The old form changes another cell: the other admin's value stays.
    expect((await admin.post("/staffing/age-profile", { ...adminForm, [second]: String(Number(adminForm[second]) + 1) })).status).toBe(302);
    expect(await count(first)).toBe(Number(adminForm[first]) + 10);
    expect(await count(second)).toBe(Number(adminForm[second]) + 1);
    // The old form changes the same cell: 409 with both values.
    const refused = await admin.post("/staffing/age-profile", { ...adminForm, [first]: "1" });
    expect(refused.status).toBe(409);
    // The cell named as the grid shows it (era year, the 職種's label), not 「1970年度生まれ(general)」.
    const [, cohort = "", category = ""] = first.split(".");
    const label = (await schedulesOf(tenant)).find((s) => s.category === category)?.label ?? "";
    expect(label).not.toBe("");
    expect(await refused.text()).toContain(
      `${cohortLabel(Number(cohort))}(${label})は、画面を開いた後に別の人が ${adminForm[first]} → ${Number(adminForm[first]) + 10} に変更しています(あなたの入力: 1)`,
    );
    expect(await count(first)).toBe(Number(adminForm[first]) + 10);
  });

  it("a grid post without the values it read is refused (400 naming the cell), not a blind write over a newer value", async () => {
    const site = await setup(get);
    const { kikaku, tenant } = site;
    const admin = await site.client("admin");
    const other = await site.client("admin");
    const stale = await openGrid(admin, 2025);
    const read = Number(stale[`c.${kikaku.id}.staff`]);
    expect((await other.post("/staffing/headcounts/2025", { ...(await openGrid(other, 2025)), [`c.${kikaku.id}.staff`]: String(read + 7), confirm: "1" })).status).toBe(302);
    const blind = await admin.post("/staffing/headcounts/2025", { [`c.${kikaku.id}.staff`]: String(read + 4), confirm: "1" });
    expect(blind.status).toBe(400);
    expect(await blind.text()).toContain("「企画部」の令和7年度(2025年度)の職員数: 画面を開いたときの値が送られていないため保存できません。入力画面を開き直してから入力してください");
    expect((await tenant.headcounts.get(kikaku.id, 2025))?.staff).toBe(read + 7);
    // Unchanged cells need no read value; a changed cell with its read value is saved as before.
    expect((await admin.post("/staffing/headcounts/2025", { [`c.${kikaku.id}.staff`]: String(read + 7) })).status).toBe(302);
    const fresh = await openGrid(admin, 2025);
    expect((await admin.post("/staffing/headcounts/2025", { ...fresh, [`c.${kikaku.id}.staff`]: String(read + 4), confirm: "1" })).status).toBe(302);
    expect((await tenant.headcounts.get(kikaku.id, 2025))?.staff).toBe(read + 4);

    const profiled = await site.db.selectFrom("age_profiles").select(["unit_id", "base_year", "cohort", "category", "count"]).where("municipality_id", "=", site.municipality.id)
      // One cell named the same on both databases (the first row of an unordered select differs): 昭和39年度生まれの一般職.
      .where("cohort", "=", 1964)
      .where("category", "=", "general")
      .orderBy("unit_id")
      .executeTakeFirstOrThrow();
    const cellName = `n.${profiled.cohort}.${profiled.category}`;
    const refused = await admin.post("/staffing/age-profile", { unit: String(profiled.unit_id), year: String(profiled.base_year), [cellName]: String(profiled.count + 3) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("昭和39年度生まれの一般職: 画面を開いたときの値が送られていないため保存できません。画面を開き直してから入力してください");
    const rows = await tenant.ageProfiles.list(profiled.base_year, [profiled.unit_id]);
    expect(rows.find((r) => r.cohort === profiled.cohort && r.category === profiled.category)?.count).toBe(profiled.count);
  });

  it("POST /units/:id keeps a contact changed by someone else and refuses to overwrite it unseen", async () => {
    const site = await setup(get);
    const { kikaku, tenant } = site;
    const admin = await site.client("admin");
    const editor = await site.client("editor", [kikaku]);
    const form = (html: string) => formFields(html, /^(contact|note|readContact|readNote)$/);
    const adminForm = form(await (await admin.get(`/units/${kikaku.id}/edit`)).text());
    const editorForm = form(await (await editor.get(`/units/${kikaku.id}/edit`)).text());
    expect((await editor.post(`/units/${kikaku.id}`, { ...editorForm, contact: "内線 1170" })).status).toBe(302);
    expect((await admin.post(`/units/${kikaku.id}`, { ...adminForm, note: "備考だけ変更" })).status).toBe(302);
    expect(await tenant.units.get(kikaku.id)).toMatchObject({ contact: "内線 1170", note: "備考だけ変更" });
    const refused = await admin.post(`/units/${kikaku.id}`, { ...adminForm, contact: "内線 9999" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("「内線 1170」に変更しています");
    expect((await tenant.units.get(kikaku.id))?.contact).toBe("内線 1170");
  });

  it("POST /units/:id/structure keeps a name changed by someone else: a stale form setting only 最終年度 does not revert it, and a stale rename is a 409 with both values", async () => {
    const site = await setup(get);
    const { kikaku, tenant } = site;
    const a = await site.client("admin");
    const b = await site.client("admin");
    const form = (html: string) => formFields(html, /^(name|validFrom|validTo|readName|readSector|readValidFrom|readValidTo)$/);
    const aForm = form(await (await a.get(`/units/${kikaku.id}/edit`)).text());
    const bForm = form(await (await b.get(`/units/${kikaku.id}/edit`)).text());
    expect(bForm["readName"]).toBe("企画部");
    expect((await a.post(`/units/${kikaku.id}/structure`, { ...aForm, sector: aForm["readSector"] ?? "", name: "企画政策部" })).status).toBe(302);
    expect((await b.post(`/units/${kikaku.id}/structure`, { ...bForm, sector: bForm["readSector"] ?? "", validTo: "2030" })).status).toBe(302);
    expect(await tenant.units.get(kikaku.id)).toMatchObject({ name: "企画政策部", valid_to: 2030 });
    const refused = await b.post(`/units/${kikaku.id}/structure`, { ...bForm, sector: bForm["readSector"] ?? "", name: "企画総務部" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("名称は、画面を開いた後に別の人が「企画部」→「企画政策部」に変更しています(あなたの入力:「企画総務部」)");
    expect((await tenant.units.get(kikaku.id))?.name).toBe("企画政策部");
  });

  it("POST /users/:id keeps a display name changed by someone else: a stale form changing only the role does not revert it, and a stale rename is a 409 with both values", async () => {
    const site = await setup(get);
    const a = await site.client("admin");
    const b = await site.client("admin");
    await site.client("viewer");
    const target = await site.db.selectFrom("users").select(["id", "display_name", "role"]).where("municipality_id", "=", site.municipality.id).where("role", "=", "viewer").executeTakeFirstOrThrow();
    const form = (html: string) => formFields(html, /^(displayName|readDisplayName|readRole|readUnits)$/);
    const aForm = form(await (await a.get(`/users/${target.id}`)).text());
    const bForm = form(await (await b.get(`/users/${target.id}`)).text());
    expect(bForm).toMatchObject({ readRole: "viewer", readDisplayName: target.display_name });
    expect((await a.post(`/users/${target.id}`, { ...aForm, role: "viewer", displayName: "新しい表示名" })).status).toBe(302);
    expect((await b.post(`/users/${target.id}`, { ...bForm, role: "admin" })).status).toBe(302);
    const after = await site.db.selectFrom("users").select(["display_name", "role"]).where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ display_name: "新しい表示名", role: "admin" });
    const refused = await b.post(`/users/${target.id}`, { ...bForm, role: "viewer", displayName: "別の表示名" });
    expect(refused.status).toBe(409);
    const refusedText = await refused.text();
    expect(refusedText).toContain(`表示名は、画面を開いた後に別の人が「${target.display_name}」→「新しい表示名」に変更しています(あなたの入力:「別の表示名」)`);
    // A stale role change: roles are named as the page names them, not by their codes.
    const cForm = form(await (await a.get(`/users/${target.id}`)).text());
    expect((await a.post(`/users/${target.id}`, { ...cForm, role: "hq" })).status).toBe(302);
    const roleRefused = await b.post(`/users/${target.id}`, { ...cForm, role: "viewer" });
    expect(roleRefused.status).toBe(409);
    expect(await roleRefused.text()).toContain("役割は、画面を開いた後に別の人が「管理者(行政管理課)」→「推進本部」に変更しています(あなたの入力:「閲覧者」)");
    expect((await site.db.selectFrom("users").select("display_name").where("id", "=", target.id).executeTakeFirstOrThrow()).display_name).toBe("新しい表示名");
  });

  it("POST /publication/document/:year/narrative keeps a section changed by someone else: a stale form editing another section does not erase it, and a stale edit of it is a 409 with both values", async () => {
    const site = await setup(get);
    const a = await site.client("admin");
    const b = await site.client("admin");
    const page = async (client: BrowserClient) => {
      const html = await (await client.get("/publication/document?year=2025")).text();
      const fields: Record<string, string> = {};
      for (const m of html.matchAll(/<input type="hidden" name="(r:[^"]+)" value="([^"]*)"/g)) if (m[1]) fields[m[1]] = (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      for (const key of Object.keys(fields)) fields[`n:${key.slice(2)}`] = fields[key] ?? "";
      return fields;
    };
    const aForm = await page(a);
    const bForm = await page(b);
    expect(aForm).toHaveProperty("r:background");
    expect((await a.post("/publication/document/2025/narrative", { ...aForm, "n:background": "Aが書いた背景" })).status).toBe(302);
    expect((await b.post("/publication/document/2025/narrative", { ...bForm, "n:reform.intro": "Bが書いた前文" })).status).toBe(302);
    const html = await (await a.get("/publication/document?year=2025")).text();
    expect(html).toContain("Aが書いた背景");
    expect(html).toContain("Bが書いた前文");
    const refused = await b.post("/publication/document/2025/narrative", { ...bForm, "n:background": "Bが書いた背景" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("→「Aが書いた背景」に変更しています(あなたの入力:「Bが書いた背景」)");
  });

  it("POST /staffing/retirement/schedules keeps a 根拠 changed by someone else: a stale form changing only the name does not revert it, and a stale edit of it is a 409 with both values", async () => {
    const site = await setup(get);
    const a = await site.client("admin");
    const b = await site.client("admin");
    const form = async (client: BrowserClient): Promise<Record<string, string>> => {
      const html = await (await client.get("/staffing/retirement")).text();
      const fields = formFields(html, /^(category|label|retireOn|source|readLabel|readSteps|readRetireOn|readSource)$/);
      return { ...fields, steps: fields["readSteps"] ?? "" };
    };
    const aForm = await form(a);
    const bForm = await form(b);
    expect(bForm).toHaveProperty("readLabel");
    expect((await a.post("/staffing/retirement/schedules", { ...aForm, source: "Aが直した根拠" })).status).toBe(302);
    expect((await b.post("/staffing/retirement/schedules", { ...bForm, label: "Bが直した名称" })).status).toBe(302);
    const stored = (await site.tenant.retirementSchedules.list()).find((r) => r.category === aForm["category"]);
    expect(stored).toMatchObject({ label: "Bが直した名称", source: "Aが直した根拠" });
    const refused = await b.post("/staffing/retirement/schedules", { ...bForm, source: "Bが直した根拠" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("→「Aが直した根拠」に変更しています(あなたの入力:「Bが直した根拠」)");
    // The same form without the values it showed would overwrite blind: a 400, nothing written.
    const blind = Object.fromEntries(Object.entries({ ...bForm, source: "Bが直した根拠" }).filter(([k]) => !k.startsWith("read")));
    const missing = await b.post("/staffing/retirement/schedules", blind);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("開いたときの値がありません。画面を再読み込みしてから保存してください");
    expect((await site.tenant.retirementSchedules.list()).find((r) => r.category === aForm["category"])).toMatchObject({ label: "Bが直した名称", source: "Aが直した根拠" });
  });

  it("POST /units/sectors keeps a sector changed by someone else: a stale form changing another unit does not revert it, and a stale change of it is a 409 with both values", async () => {
    const site = await setup(get);
    const { kikaku, somu, tenant } = site;
    const a = await site.client("admin");
    const b = await site.client("admin");
    // The form as the browser posts it: every unit's select as shown, and the values read (hidden).
    const form = async (client: BrowserClient): Promise<Record<string, string>> => {
      const html = await (await client.get("/units/sectors")).text();
      const selects = Object.fromEntries(
        [...html.matchAll(/<select[^>]*name="(sector\.\d+)"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => [m[1] ?? "", /<option value="([^"]*)" selected/.exec(m[2] ?? "")?.[1] ?? ""]),
      );
      return { ...selects, ...formReadValues(html, "/units/sectors") };
    };
    const aForm = await form(a);
    const bForm = await form(b);
    const before = aForm[`sector.${kikaku.id}`] ?? "";
    const name = (code: string) => (code === "" ? "(対応なし)" : (SECTORS.find((x) => x.code === code)?.name ?? code));
    const [other = "", third = ""] = SECTORS.map((x) => x.code).filter((code) => code !== before);
    expect((await a.post("/units/sectors", { ...aForm, [`sector.${kikaku.id}`]: other })).status).toBe(302);
    const somuBefore = aForm[`sector.${somu.id}`] ?? "";
    const somuNew = SECTORS.map((x) => x.code).find((code) => code !== somuBefore) ?? "";
    expect((await b.post("/units/sectors", { ...bForm, [`sector.${somu.id}`]: somuNew })).status).toBe(302);
    expect((await tenant.units.get(kikaku.id))?.sector ?? "").toBe(other);
    expect((await tenant.units.get(somu.id))?.sector ?? "").toBe(somuNew);
    const refused = await b.post("/units/sectors", { ...bForm, [`sector.${kikaku.id}`]: third });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain(`「${kikaku.name}」の部門は、画面を開いた後に別の人が「${name(before)}」→「${name(other)}」に変更しています(あなたの入力:「${name(third)}」)`);
    expect((await tenant.units.get(kikaku.id))?.sector ?? "").toBe(other);
    // A post without the values read is refused, nothing written.
    const blind = await b.post("/units/sectors", { [`sector.${kikaku.id}`]: third });
    expect(blind.status).toBe(400);
    expect((await tenant.units.get(kikaku.id))?.sector ?? "").toBe(other);
  });

  it("POST /publication/license refuses a stale form over a newer line (409 with both values) and keeps the first change", async () => {
    const site = await setup(get);
    const a = await site.client("admin");
    const b = await site.client("admin");
    const aForm = formFields(await (await a.get("/publication")).text(), /^readLicense$/);
    const bForm = formFields(await (await b.get("/publication")).text(), /^readLicense$/);
    expect(bForm["readLicense"]).toContain("CC BY 4.0");
    expect((await a.post("/publication/license", { ...aForm, license: "Aのライセンス表示" })).status).toBe(302);
    const refused = await b.post("/publication/license", { ...bForm, license: "Bのライセンス表示" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("→「Aのライセンス表示」に変更しています(あなたの入力:「Bのライセンス表示」)");
    expect((await site.tenant.settings.get("publication.license"))?.trim()).toBe("Aのライセンス表示");
  });
  it("a post to 組織, ユーザー or 基本方針の本文 without the values its form read is a 400, after the role check, and changes nothing (no blind overwrite)", async () => {
    const site = await setup(get);
    const { kikaku, tenant } = site;
    const MISSING = "開いたときの値がありません。画面を再読み込みしてから保存してください";
    const admin = await site.client("admin");
    const editor = await site.client("editor", [kikaku]);
    await site.client("viewer");
    const before = await tenant.units.get(kikaku.id);
    await editor.get(`/units/${kikaku.id}/edit`);
    const contact = await editor.post(`/units/${kikaku.id}`, { contact: "C-blind", note: "" });
    expect(contact.status).toBe(400);
    expect(await contact.text()).toContain(MISSING);
    await admin.get(`/units/${kikaku.id}/edit`);
    const structure = await admin.post(`/units/${kikaku.id}/structure`, { name: "総務課C", sector: "somu" });
    expect(structure.status).toBe(400);
    expect(await structure.text()).toContain(MISSING);
    // A wrong role is still a 403, not a 400: the read values are asked for only once the role is checked.
    expect((await editor.post(`/units/${kikaku.id}/structure`, { name: "総務課C" })).status).toBe(403);
    expect(await tenant.units.get(kikaku.id)).toEqual(before);

    const target = await site.db.selectFrom("users").select(["id", "display_name", "role"]).where("municipality_id", "=", site.municipality.id).where("role", "=", "viewer").executeTakeFirstOrThrow();
    await admin.get(`/users/${target.id}`);
    const user = await admin.post(`/users/${target.id}`, { displayName: "ed2x", role: "editor", unit: [kikaku.code] });
    expect(user.status).toBe(400);
    expect(await user.text()).toContain(MISSING);
    expect(await site.db.selectFrom("users").select(["id", "display_name", "role"]).where("id", "=", target.id).executeTakeFirstOrThrow()).toEqual(target);

    const html = await (await admin.get("/publication/document?year=2025")).text();
    const shown = (/name="r:background" value="([^"]*)"/.exec(html)?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const bodies: Record<string, string>[] = [{ "n:background": "C-blind" }, { "n:background": "C-blind", "r:reform.intro": "" }];
    for (const body of bodies) {
      const narrative = await admin.post("/publication/document/2025/narrative", body);
      expect(narrative.status).toBe(400);
      expect(await narrative.text()).toContain(MISSING);
    }
    const after = (/name="r:background" value="([^"]*)"/.exec(await (await admin.get("/publication/document?year=2025")).text())?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(after).toBe(shown);
  });
});
