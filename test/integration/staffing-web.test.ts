import { expect, it } from "vitest";
import type { Db } from "../../src/db/schema.js";
import type { TenantDb } from "../../src/db/tenant.js";
import { CATEGORY_KEYS } from "../../src/domain/headcount.js";
import { saveHeadcounts } from "../../src/services/staffing.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality, buildUnit } from "../support/factories.js";
import { cell, readFields, readValuesFor } from "../support/html.js";

const setup = (get: () => TestDatabase) => demoSite(get, { mayor: "100", kikaku: "110", somu: "120" });

async function staffOf(tenant: TenantDb, unitId: number, year: number): Promise<number | null | undefined> {
  return (await tenant.headcounts.get(unitId, year))?.staff;
}

async function headcountAudits(db: Db, municipalityId: number): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("municipality_id", "=", municipalityId)
    .where("entity", "=", "headcount")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase("定数管理の画面: 図表4・遵守状況・図表5", (get) => {
  it("shows 図表4 as the seed prints it: unit rows, (うち) sub-rows, blanks, both totals, the quota and the cap", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/staffing/headcounts?from=2005&to=2025");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(cell(html, { unit: "市長部局", row: "unit", year: 2025 })).toBe("533");
    expect(cell(html, { unit: "企画部", row: "unit", year: 2025 })).toBe("67");
    expect(cell(html, { unit: "こども福祉部", row: "unit", year: 2005 })).toBe("");
    expect(cell(html, { unit: "観光スポーツ部", row: "unit", year: 2013 })).toBe("");
    expect(cell(html, { unit: "市長部局", row: "seconded", year: 2025 })).toBe("(13)");
    expect(cell(html, { unit: "消防", row: "seconded", year: 2025 })).toBe("(2)");
    expect(cell(html, { row: "general-total", year: 2025 })).toBe("1,104");
    expect(cell(html, { row: "general-total", year: 2005 })).toBe("1,055");
    expect(cell(html, { row: "quota-total", year: 2025 })).toBe("1,066");
    expect(cell(html, { row: "quota-total", year: 2024 })).toBe("");
    expect(cell(html, { row: "general-total", col: "quota" })).toBe("1,061");
    expect(cell(html, { row: "quota-total", col: "quota" })).toBe("(3%上限) 1,092");
    expect(cell(html, { unit: "市長部局", row: "unit", col: "quota" })).toBe("483");
    expect(cell(html, { unit: "行政委員会等", row: "unit", col: "quota" })).toBe("83");
    expect(html).toContain("(うち派遣職員)");
    expect(html).toContain("(図表4) 平成17年度(2005年度)～令和7年度(2025年度) 部局別職員数の推移");
    expect(html).toContain("※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)");
    expect(html).toContain("※定数外職員(派遣・休職・休業)含む");
    expect(html).toContain('<abbr title="令和7年度(2025年度)">令7</abbr>');
    expect(html).toContain('href="/staffing/headcounts.xlsx?from=2005&amp;to=2025"');
    expect(html).toContain('href="/staffing/headcounts.csv?from=2005&amp;to=2025"');
    // A viewer gets no links to the edit grid.
    expect(html).not.toContain("/staffing/headcounts/2025/edit");
  });

  it("reads the span from 和暦 labels and lists every year when asked", async () => {
    const { client } = await setup(get);
    const admin = await client("admin");
    const html = await (await admin.get("/staffing/headcounts?from=%E5%B9%B3%E6%88%9017%E5%B9%B4%E5%BA%A6&to=R7&every=1")).text();
    expect(cell(html, { unit: "市長部局", row: "unit", year: 2025 })).toBe("533");
    // 2006 has no figures: with every=1 it is a column of blanks.
    expect(cell(html, { unit: "市長部局", row: "unit", year: 2006 })).toBe("");
    expect(html).toContain('href="/staffing/headcounts/2025/edit"');
    const bad = await admin.get("/staffing/headcounts?from=%E6%98%AD%E5%92%8C64%E5%B9%B4%E5%BA%A6&to=2025");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("存在しない年度です");
  });

  it("judges 2025 within the cap (1,066 against 1,061, cap 1,092) and says 2024's 定数合計 cannot be determined", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const html = await (await viewer.get("/staffing/compliance?year=2025")).text();
    expect(html).toContain("定数超過(上限内)");
    expect(html).toContain("許容率 <strong");
    expect(html).toContain("(定年引上げ期間中の一時的な超過)");
    expect(html).toMatch(/<tr class="total" data-unit="一般職\(定数合計\)">[\s\S]*?>1,066<[\s\S]*?>1,061<[\s\S]*?>1,092<[\s\S]*?\+5</);
    expect(html).toContain('class="badge warn"');

    const earlier = await (await viewer.get("/staffing/compliance?year=R6")).text();
    expect(earlier).toContain("一般職(定数合計)を判定できません");
    expect(earlier).toContain("休職・休業と育児休業代替任期付職員の人数が記録されていない");
    expect(earlier).toContain("一般職(合計)は 1,084人です");
  });

  it("the overview shows the latest year's compliance and links to every page", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/staffing");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("令和7年度(2025年度) 定数の遵守状況");
    for (const path of ["/staffing/headcounts?from=2005&amp;to=2025", "/staffing/chart?from=2005&amp;to=2025", "/staffing/compliance?year=2025", "/staffing/settings"]) {
      expect(html).toContain(`href="${path}"`);
    }
  });

  it("draws 図表5 on the server as an SVG image without inline styles, with the figures as a table", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const page = await viewer.get("/staffing/chart?from=2005&to=2025");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<img src="/staffing/chart.svg?from=2005&amp;to=2025"');
    expect(html).toContain("(図表5) 平成17年度(2005年度)～令和7年度(2025年度) 職員数と人口の推移");
    expect(html).toContain("平成25年度(2013年度)以前は各年3月31日現在、平成26年度(2014年度)以降は各年1月1日現在");
    expect(cell(html, { col: "population", year: 2024 })).toBe("97,999");
    expect(cell(html, { col: "per10k", year: 2024 })).toBe("110.61"); // 1,084 / 97,999 × 10,000
    expect(cell(html, { col: "population", year: 2025 })).toBe("");

    const svg = await viewer.get("/staffing/chart.svg?from=2005&to=2025");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const text = await svg.text();
    expect(text.startsWith("<svg")).toBe(true);
    for (const label of ["平17", "(2005)", "令7", "(2025)", "一般職(合計)", "住基人口"]) expect(text).toContain(label);
    expect(text).toContain('font-family="IPAexGothic, sans-serif"');
    expect(text).not.toMatch(/\sstyle="/);
    expect(text).not.toContain("<style");
  });

  it("every role reads the pages; only writers get inputs they can use", async () => {
    const { client, kikaku, somu } = await setup(get);
    const viewer = await client("viewer");
    for (const path of ["/staffing", "/staffing/headcounts", "/staffing/compliance", "/staffing/chart", "/staffing/settings", "/staffing/headcounts/2025/edit"]) {
      expect((await viewer.get(path)).status, path).toBe(200);
    }
    const grid = await (await viewer.get("/staffing/headcounts/2025/edit")).text();
    expect(grid).toMatch(new RegExp(`name="c\\.${kikaku.id}\\.staff"[^>]*disabled`));
    expect(grid).not.toContain('<button type="submit">保存</button>');

    const editor = await client("editor", [kikaku]);
    const editorGrid = await (await editor.get("/staffing/headcounts/2025/edit")).text();
    expect(editorGrid).not.toMatch(new RegExp(`name="c\\.${kikaku.id}\\.staff"[^>]*disabled`));
    expect(editorGrid).toMatch(new RegExp(`name="c\\.${somu.id}\\.staff"[^>]*disabled`));
    // 市長部局's 職員数 is the sum of its departments: shown, not an input.
    expect(editorGrid).toContain("下位組織の合計");
  });
});

describeEachDatabase("定数管理の画面: 職員数の入力", (get) => {
  it("an editor bound to 企画部 changes 企画部's 2025 figures", async () => {
    const { db, municipality, tenant, kikaku, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    const asRead1 = readFields(await (await editor.get("/staffing/headcounts/2025/edit")).text());
    const before = await headcountAudits(db, municipality.id);
    const response = await editor.post("/staffing/headcounts/2025", { ...asRead1, [`c.${kikaku.id}.staff`]: "68", [`c.${kikaku.id}.seconded`]: "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/staffing/headcounts?saved=2025&changed=1");
    expect(await staffOf(tenant, kikaku.id, 2025)).toBe(68);
    expect(await headcountAudits(db, municipality.id)).toBe(before + 1);
    const page = await (await editor.get(response.headers.get("location") ?? "")).text();
    expect(page).toContain("令和7年度(2025年度)の職員数を保存しました");
    expect(cell(page, { unit: "企画部", row: "unit", year: 2025 })).toBe("68");
    expect(cell(page, { unit: "市長部局", row: "unit", year: 2025 })).toBe("534");
    // The notice's query values are read by a schema: one that is no integer is a 400 naming it.
    const badQuery = await editor.get("/staffing/headcounts?saved=2025&changed=x");
    expect(badQuery.status).toBe(400);
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await badQuery.text())?.[1]).toBe("変更した組織の数は整数で指定してください: 「x」");
  });

  it("an editor cannot change another department's row: 403, nothing stored, no audit entry", async () => {
    const { db, municipality, tenant, kikaku, somu, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    const asRead2 = readFields(await (await editor.get("/staffing/headcounts/2025/edit")).text());
    const stored = await staffOf(tenant, somu.id, 2025);
    const audits = await headcountAudits(db, municipality.id);
    const response = await editor.post("/staffing/headcounts/2025", { ...asRead2, [`c.${kikaku.id}.staff`]: "70", [`c.${somu.id}.staff`]: "120", [`o.${somu.id}.staff`]: String(stored) });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("「総務部」の職員数を編集する権限がありません");
    expect(await staffOf(tenant, somu.id, 2025)).toBe(stored);
    expect(await staffOf(tenant, kikaku.id, 2025)).not.toBe(70);
    expect(await headcountAudits(db, municipality.id)).toBe(audits);
  });

  it("saveHeadcounts itself refuses a unit the actor may not write (403) and another municipality's unit (404), for any caller", async () => {
    const { db, municipality, tenant, kikaku, somu } = await setup(get);
    const editorB = { userId: null, username: "kikaku-editor", role: "editor" as const, unitIds: [kikaku.id] };
    const audits = await headcountAudits(db, municipality.id);
    const stored = await staffOf(tenant, somu.id, 2025);
    const refused = saveHeadcounts(tenant, editorB, 2025, [{ unitId: kikaku.id, counts: { staff: 70 } }, { unitId: somu.id, counts: { staff: 120 } }], { confirmed: true });
    await expect(refused).rejects.toMatchObject({
      code: "forbidden",
      details: { problems: [expect.objectContaining({ unitId: somu.id, message: "「総務部」の職員数を編集する権限がありません", forbidden: true })] },
    });
    const other = await buildMunicipality(db, { name: "第二市" });
    const foreign = await buildUnit(db, other);
    const admin = { userId: null, username: "admin", role: "admin" as const, unitIds: [] };
    await expect(saveHeadcounts(tenant, admin, 2025, [{ unitId: foreign.id, counts: { staff: 5 } }], { confirmed: true })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.selectFrom("headcounts").select("unit_id").where("unit_id", "=", foreign.id).execute()).toEqual([]);
    expect(await staffOf(tenant, somu.id, 2025)).toBe(stored);
    expect(await staffOf(tenant, kikaku.id, 2025)).not.toBe(70);
    expect(await headcountAudits(db, municipality.id)).toBe(audits);
  });

  it("an editor's form that repeats other units' stored figures unchanged is accepted: only changed rows are sent", async () => {
    const { tenant, kikaku, somu, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    const asRead3 = readFields(await (await editor.get("/staffing/headcounts/2024/edit")).text());
    const somuStaff = String(await staffOf(tenant, somu.id, 2024));
    const response = await editor.post("/staffing/headcounts/2024", { ...asRead3, [`c.${kikaku.id}.staff`]: "60", [`c.${somu.id}.staff`]: somuStaff, [`c.${somu.id}.seconded`]: "" });
    expect(response.status).toBe(302);
    expect(await staffOf(tenant, kikaku.id, 2024)).toBe(60);
  });

  it("a viewer's post is refused", async () => {
    const { tenant, kikaku, client } = await setup(get);
    const viewer = await client("viewer");
    const asRead4 = readFields(await (await viewer.get("/staffing/headcounts/2025/edit")).text());
    const stored = await staffOf(tenant, kikaku.id, 2025);
    const response = await viewer.post("/staffing/headcounts/2025", { ...asRead4, [`c.${kikaku.id}.staff`]: "1" });
    expect(response.status).toBe(403);
    expect(await staffOf(tenant, kikaku.id, 2025)).toBe(stored);
  });

  it("a post no grid can send is refused before any cell is read: 19,984 fields for units that do not exist is a 400 naming the limit, one unknown unit a 404", async () => {
    const { db, municipality, tenant, kikaku, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    await editor.get("/staffing/headcounts/2025/edit");
    const audits = await headcountAudits(db, municipality.id);
    const most = (await tenant.units.list()).length * CATEGORY_KEYS.length * 2;
    const flood: Record<string, string> = {};
    for (let n = 3; n <= 9994; n++) Object.assign(flood, { [`c.${n + 1_000_000}.staff`]: "1", [`o.${n + 1_000_000}.staff`]: "" });
    const started = performance.now();
    const refused = await editor.post("/staffing/headcounts/2025", flood);
    console.log(`grid post of 19,984 fields for unknown units: ${refused.status} in ${(performance.now() - started).toFixed(0)} ms`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`職員数の表の欄が多すぎます (19,984欄。この団体の表は${most.toLocaleString("en-US")}欄まで)。画面を再読み込みしてから入力してください`);
    const unknown = await editor.post("/staffing/headcounts/2025", { "c.9999999.staff": "1", "o.9999999.staff": "" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("指定された組織(#9999999)はありません");
    expect(await headcountAudits(db, municipality.id)).toBe(audits);
  });

  it("a negative or non-numeric value is a 400 naming the unit and the column, and nothing is written", async () => {
    const { db, municipality, tenant, kikaku, somu, client } = await setup(get);
    const admin = await client("admin");
    const asRead5 = readFields(await (await admin.get("/staffing/headcounts/2023/edit")).text());
    const audits = await headcountAudits(db, municipality.id);
    const [kikakuStaff, somuStaff] = [await staffOf(tenant, kikaku.id, 2023), await staffOf(tenant, somu.id, 2023)];
    const response = await admin.post("/staffing/headcounts/2023", { ...asRead5,
      [`c.${kikaku.id}.staff`]: "-3",
      [`c.${somu.id}.seconded`]: "abc",
      [`c.${somu.id}.staff`]: "99",
      // A 30-digit number, a long text with an invisible character, and a field no grid has.
      [`c.${kikaku.id}.seconded`]: "9".repeat(30),
      [`c.${kikaku.id}.onLeave`]: `1\u202E${"x".repeat(100)}`,
      [`c.${somu.id}.salary`]: "1",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("「企画部」の職員数: 0以上の整数で入力してください(入力値「-3」)");
    expect(html).toContain("「総務部」の派遣職員: 0以上の整数で入力してください(入力値「abc」)");
    expect(html).toContain("「企画部」の令和5年度(2023年度)の派遣職員 「30桁の数」 は大きすぎます(0以上の整数で、2,147,483,647以下で入力してください)");
    expect(html).toContain(`「企画部」の休職・休業: 0以上の整数で入力してください(入力値「1(U+202E)${"x".repeat(38)}…」)`);
    expect(html).toContain("「総務部」: この表にない欄が送られました。画面を再読み込みしてから入力してください");
    expect(html).not.toContain("salary");
    expect(html).not.toContain("Infinity");
    // The form comes back as typed.
    expect(html).toContain('value="abc"');
    expect(await staffOf(tenant, kikaku.id, 2023)).toBe(kikakuStaff);
    expect(await staffOf(tenant, somu.id, 2023)).toBe(somuStaff);
    expect(await headcountAudits(db, municipality.id)).toBe(audits);
  });

  it("職員数 of 市長部局 is derived from its departments and cannot be entered", async () => {
    const { tenant, mayor, client } = await setup(get);
    const admin = await client("admin");
    const asRead6 = readFields(await (await admin.get("/staffing/headcounts/2025/edit")).text());
    const response = await admin.post("/staffing/headcounts/2025", { ...asRead6, [`c.${mayor.id}.staff`]: "540", [`o.${mayor.id}.staff`]: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("「市長部局」の職員数は下位組織の合計から計算されるため入力できません");
    expect(await staffOf(tenant, mayor.id, 2025)).toBeNull();
  });

  it("the administrator enters a (うち) figure on 市長部局, clears one, and sets the year's reference date", async () => {
    const { tenant, mayor, client } = await setup(get);
    const admin = await client("admin");
    const grid = await (await admin.get("/staffing/headcounts/2023/edit")).text();
    expect(grid).toContain('name="referenceDate"');
    const response = await admin.post("/staffing/headcounts/2023", { ...readFields(grid),
      [`c.${mayor.id}.seconded`]: "１０",
      [`c.${mayor.id}.fixedTerm`]: "",
      referenceDate: "2023-05-01",
      referenceNote: "市長選後の人事異動発令日",
    });
    expect(response.status).toBe(302);
    const row = await tenant.headcounts.get(mayor.id, 2023);
    expect(row?.seconded).toBe(10);
    expect(row?.fixed_term).toBeNull();
    expect((await tenant.headcounts.listYearSettings()).find((y) => y.fiscal_year === 2023)?.reference_date).toBe("2023-05-01");
  });

  it("a reference date that is no date is a 400 naming 基準日, the form shown as typed, and nothing is saved (not even the figures)", async () => {
    const { tenant, mayor, client } = await setup(get);
    const admin = await client("admin");
    const grid = await (await admin.get("/staffing/headcounts/2023/edit")).text();
    const [row, years] = [await tenant.headcounts.get(mayor.id, 2023), await tenant.headcounts.listYearSettings()];
    const response = await admin.post("/staffing/headcounts/2023", { ...readFields(grid), [`c.${mayor.id}.seconded`]: "10", referenceDate: "2023-02-30", referenceNote: "発令日" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("基準日が日付として読めません: 「2023-02-30」(例: 2025-05-01)");
    expect(html).toContain('value="2023-02-30"');
    expect(await tenant.headcounts.get(mayor.id, 2023)).toEqual(row);
    expect(await tenant.headcounts.listYearSettings()).toEqual(years);
  });
});

describeEachDatabase("定数管理の画面: 設定", (get) => {
  it("the administrator sets the allowance to 5% from R7, and 図表4 shows the new cap floor(1,061 × 1.05) = 1,114", async () => {
    const { client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/settings");
    const response = await admin.post("/staffing/settings/allowance", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/allowance")), percent: "5", fromYear: "R7" });
    expect(response.status).toBe(302);
    const html = await (await admin.get("/staffing/headcounts?from=2005&to=2025")).text();
    expect(cell(html, { row: "quota-total", col: "quota" })).toBe("(5%上限) 1,114");
  });

  it("the 基準日 is read as a month and day by the one reader (readMonthDay): 「４月１日」 is stored as 04-01", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/settings");
    const response = await admin.post("/staffing/settings/reference-day", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/reference-day")), day: " ４月１日 ", fromYear: "R8" });
    expect(response.status).toBe(302);
    expect((await tenant.policies.list()).filter((p) => p.kind === "reference_date").map((p) => p.value)).toEqual(["04-01"]);
  });

  it("an editor's or a viewer's post to the settings is refused", async () => {
    const { kikaku, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    await editor.get("/staffing/settings");
    expect((await editor.post("/staffing/settings/allowance", { percent: "10" })).status).toBe(403);
    expect((await editor.post("/staffing/settings/quota", { unit: String(kikaku.id), quota: "1" })).status).toBe(403);
    expect((await editor.post("/staffing/settings/population", { fiscalYear: "2025", population: "1" })).status).toBe(403);
    const viewer = await client("viewer");
    await viewer.get("/staffing/settings");
    expect((await viewer.post("/staffing/settings/allowance", { percent: "10" })).status).toBe(403);
  });

  it("populations take 和暦 labels and commas; the reference date defaults to the year's convention", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/settings");
    const response = await admin.post("/staffing/settings/population", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/population")), fiscalYear: "令和7年度", population: "98,123", referenceDate: "", source: "住民基本台帳" });
    expect(response.status).toBe(302);
    const row = await tenant.populations.get(2025);
    expect(row).toMatchObject({ population: 98123, reference_date: "2025-01-01" });
    const chart = await (await admin.get("/staffing/chart?from=2005&to=2025")).text();
    expect(cell(chart, { col: "population", year: 2025 })).toBe("98,123");

    const bad = await admin.post("/staffing/settings/population", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/population")), fiscalYear: "昭和64年度", population: "1", referenceDate: "", source: "" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("存在しない年度です");
    expect(html).toContain('value="昭和64年度"');
  });

  it("a quota set from a year on keeps the earlier years' quota", async () => {
    const { tenant, mayor, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/settings");
    const response = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(mayor.id), quota: "490", fromYear: "R8", note: "条例改正" });
    expect(response.status).toBe(302);
    // Sorted here: SQLite puts NULL first in ascending order, PostgreSQL last.
    const quotas = (await tenant.quotas.list()).filter((q) => q.unit_id === mayor.id).sort((a, b) => (a.valid_from ?? 0) - (b.valid_from ?? 0));
    expect(quotas.map((q) => [q.quota, q.valid_from, q.valid_to])).toEqual([
      [483, null, 2025],
      [490, 2026, null],
    ]);
    const page = await (await admin.get("/staffing/settings?saved=quota")).text();
    expect(page).toContain("条例定数を設定しました");
    expect(page).toContain("令和8年度(2026年度)から");
    const bad = await admin.post("/staffing/settings/quota", { ...(await readValuesFor(admin, "/staffing/settings", "/staffing/settings/quota")), unit: String(mayor.id), quota: "-1", fromYear: "" });
    expect(bad.status).toBe(400);
  });
});
