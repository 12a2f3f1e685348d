import { expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { readValuesFor, textOf } from "../support/html.js";
import { demoSite } from "../support/demo-site.js";

const setup = (get: () => TestDatabase) => demoSite(get, { kikaku: "110" });

describeEachDatabase("input is bounded at the edge, the same on both databases", (get) => {
  it("counts past PostgreSQL's integer (staff 2,147,483,648, quota and population 3,000,000,000) are a 400 in Japanese and change nothing", async () => {
    const { client, tenant, kikaku } = await setup(get);
    const admin = await client("admin");
    const before = await tenant.headcounts.get(kikaku.id, 2025);

    await admin.get("/staffing/headcounts/2025/edit");
    const grid = await admin.post("/staffing/headcounts/2025", { [`c.${kikaku.id}.staff`]: "2147483648" });
    expect(grid.status).toBe(400);
    expect(await grid.text()).toContain(`<a href="#c.${kikaku.id}.staff">「企画部」の令和7年度(2025年度)の職員数 2,147,483,648 は大きすぎます(0以上の整数で、2,147,483,647以下で入力してください)</a>`);
    expect(await tenant.headcounts.get(kikaku.id, 2025)).toEqual(before);

    await admin.get("/staffing/settings");
    const quota = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(kikaku.id), quota: "3,000,000,000", fromYear: "", note: "" });
    expect(quota.status).toBe(400);
    expect(await quota.text()).toMatch(/条例定数[^<]{0,12}2,147,483,647まで/);
    const population = await admin.post("/staffing/settings/population", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/population")), fiscalYear: "2025", population: "3000000000", referenceDate: "", source: "" });
    expect(population.status).toBe(400);
    expect(await population.text()).toMatch(/人口[^<]{0,12}2,147,483,647まで/);

    const api = await admin.app.request("/api/v1/headcounts/2025", {
      method: "PUT",
      body: JSON.stringify({ rows: [{ unitId: kikaku.id, counts: { staff: 2147483648 }, expected: {} }] }),
      headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
    });
    expect(api.status).toBe(400);
    expect(JSON.stringify(await api.json())).toContain("2,147,483,647");
    expect(await tenant.headcounts.get(kikaku.id, 2025)).toEqual(before);
  });

  it("text is bounded and free of control characters: a 65-character user name, a NUL in a unit name, a 100,001-character field", async () => {
    const { client, tenant, kikaku } = await setup(get);
    const admin = await client("admin");
    await admin.get("/users");
    const longName = await admin.post("/users", { username: "a".repeat(65), displayName: "", role: "viewer", password: "a-long-enough-passphrase" });
    expect(longName.status).toBe(400);
    expect(await longName.text()).toContain("ユーザー名は64文字以内");
    expect(await tenant.users.getByUsername("a".repeat(65))).toBeUndefined();

    await admin.get("/units");
    const nul = await admin.post(`/units/${kikaku.id}/structure`, { name: "企画\u0000部", sector: "", validFrom: "", validTo: "" });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain("制御文字");
    expect((await tenant.units.get(kikaku.id))?.name).toBe(kikaku.name);

    const huge = await admin.post(`/units/${kikaku.id}`, { contact: "", note: "長".repeat(20_001) });
    expect(huge.status).toBe(400);
  });

  it("a login name past 64 characters is refused before it is recorded", async () => {
    const { database, db, municipality } = await setup(get);
    const anonymous = new BrowserClient(createApp({ database }));
    await anonymous.get("/login");
    const response = await anonymous.post("/login", { municipality: String(municipality.id), username: "x".repeat(10_000), password: "whatever-password" });
    expect(response.status).toBe(400);
    const rows = await db.selectFrom("login_attempts").select("username").where("municipality_id", "=", municipality.id).execute();
    expect(rows.every((r) => r.username.length <= 64)).toBe(true);
  });

  it("every path and query parameter goes through one parser: malformed values are a 400 (or 404), never a 500", async () => {
    const { client } = await setup(get);
    const admin = await client("admin");
    const paths = [
      "/audit?page=1e309",
      "/audit?page=-1",
      "/audit?page=abc",
      "/reform/editions/0000.json",
      "/reform/editions/9999.csv",
      "/units/abc/edit",
      "/units/99999999999/edit",
      "/units/0/edit",
      "/api/v1/headcounts?from=1e309",
      "/api/v1/headcounts?from=99999999999",
      "/api/v1/compliance?year=1e309",
      "/staffing/headcounts?from=0&to=1e309",
      "/staffing/headcounts/0/edit",
      "/staffing/headcounts/99999999999999999999/edit",
      "/reform/items/1e309",
      // Past PostgreSQL's integer (a 500 there before) and numbers that are no id.
      "/reform/items/2147483648",
      "/reform/items/2147483648/edit",
      "/reform/attachments/2147483648",
      "/reform/rounds/2147483648/items/1",
      "/reform/items/0x1",
      "/reform/items/1e0",
      "/reform/items/+1",
      "/hearings/2147483648",
      "/staffing/age-profile?year=%00",
      "/audit?entity=%00",
    ];
    for (const path of paths) {
      const response = await admin.get(path);
      expect([400, 404], path).toContain(response.status);
    }
    const page = await admin.get("/audit?page=1e309");
    expect(await page.text()).toContain('<p class="alert error" role="alert">ページは1から100,000までの整数で指定してください: 「1e309」</p>');
  });
  it("the floor checks and the parameters name the field in Japanese, never by its HTML name or in zod's wording", async () => {
    const { client, tenant, kikaku, database, municipality } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/settings");
    const source = await admin.post("/staffing/settings/population", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/population")), fiscalYear: "2025", population: "90000", referenceDate: "", source: "住民\u0000基本台帳" });
    expect(source.status).toBe(400);
    expect(textOf(await source.text())).toContain("「出典」に使えない文字(制御文字)が含まれています");
    await admin.get(`/units/${kikaku.id}/edit`);
    const contact = await admin.post(`/units/${kikaku.id}`, { contact: "内線\u0001", note: "", readContact: "", readNote: "" });
    expect(contact.status).toBe(400);
    expect(textOf(await contact.text())).toContain("「連絡先」に使えない文字(制御文字)が含まれています");
    const forged = await admin.post(`/units/${kikaku.id}`, { contact: "", note: "", readContact: "", readNote: "", zzz: "\u0000" });
    expect(textOf(await forged.text())).toContain("「入力欄」に使えない文字(制御文字)が含まれています");
    expect((await tenant.units.get(kikaku.id))?.contact).toBe(kikaku.contact);

    const round = await admin.post("/hearings/2147483648/departments/3/forms/1/step", { action: "submit" });
    expect(round.status).toBe(400);
    expect(textOf(await round.text())).toContain("ヒアリングは整数で指定してください: 「2147483648」");

    const anonymous = new BrowserClient(createApp({ database }));
    await anonymous.get("/login");
    const long = await anonymous.post("/login", { municipality: String(municipality.id), username: "u".repeat(60_000), password: "p" });
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain("「ユーザー名」は20,000文字以内で入力してください(60,000文字)");
    const noCity = await anonymous.post("/login", { username: "someone", password: "whatever-password" });
    expect(noCity.status).toBe(400);
    expect(textOf(await noCity.text())).toContain("自治体を指定してください");
  });
});
