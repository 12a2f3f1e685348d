import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { MunicipalityRepository } from "../../src/db/repositories/municipalities.js";
import type { MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { municipalityCheckDigit } from "../../src/domain/municipality-code.js";
import { parseCsv } from "../../src/io/csv.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importComparison } from "../../src/services/comparison-import.js";
import { createMunicipality } from "../../src/services/municipalities.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite, signIn } from "../support/demo-site.js";
import { buildMunicipality, buildUser } from "../support/factories.js";

const FIXTURES = new URL("../fixtures/mic/", import.meta.url);

function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

/** The rows of the nationwide table: code → { column → text }, in page order. */
function tableRows(html: string): { code: string; own: boolean; cols: Record<string, string> }[] {
  return [...html.matchAll(/<tr([^>]*)data-code="(\d{6})"([^>]*)>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cols: Record<string, string> = {};
    for (const c of (m[4] ?? "").matchAll(/<t[dh][^>]*data-col="([^"]+)"[^>]*>([\s\S]*?)<\/t[dh]>/g)) cols[c[1] ?? ""] = (c[2] ?? "").replace(/<[^>]+>/g, "").trim();
    return { code: m[2] ?? "", own: /class="own"/.test(`${m[1]}${m[3]}`), cols };
  });
}

/** "▲2.0" → -2, "" → null, "－" → NaN. */
function rate(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  if (text === "－") return Number.NaN;
  return Number(text.replace("▲", "-").replace(/,/g, ""));
}

async function setup(get: () => TestDatabase, municipality?: MunicipalityRow): Promise<{ own: MunicipalityRow; browser: BrowserClient }> {
  const { db } = get().database;
  // 北広島市 (012343) is in the roster fixture: its row is the user's own.
  // The tests share one database: the first creates the city, the others reuse it (importing again changes nothing).
  const own =
    municipality ??
    (await new MunicipalityRepository(db).getByCode("012343")) ??
    (await createMunicipality(db, { code: "012343", name: "北広島市", prefecture: "北海道" }, CLI_ACTOR));
  const tenant = new TenantDb(db, own.id);
  await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "dantai-r6.csv", bytes: fixtureBytes("dantai-r6.csv") }, own.name);
  await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "ruiji-averages-r6.csv", bytes: fixtureBytes("ruiji-averages-r6.csv") }, own.name);
  const browser = await signIn(get().database, own, "viewer");
  return { own, browser };
}

/** A synthetic roster of `count` 一般市 of group II-3 in 北海道, codes 01201… with their check digits. */
function syntheticRoster(count: number): string {
  const lines = ["令和6年4月1日現在 団体別職員数 (テスト用の架空の団体)", "団体コード,都道府県名,団体名,類型,人口,議会,総務・企画,一般行政計,普通会計計"];
  for (let i = 0; i < count; i++) {
    const body = `01${String(201 + i).padStart(3, "0")}`;
    const population = 50000 + i * 300;
    lines.push(`${body}${municipalityCheckDigit(body)},北海道,架空${i + 1}市,Ⅱ－３,${population},${5 + (i % 4)},${100 + i},${300 + i},${400 + 2 * i}`);
  }
  return lines.join("\r\n");
}

describeEachDatabase("全国診断 (nationwide mode)", (get) => {
  it("diagnoses every municipality of the roster against its own group and marks the user's own row", async () => {
    const { browser } = await setup(get);
    const response = await browser.get("/comparison/nationwide");
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = tableRows(html);
    expect(rows).toHaveLength(25);
    expect(rows.map((r) => r.code)).toEqual([...rows.map((r) => r.code)].sort());
    expect(rows.filter((r) => r.own).map((r) => r.code)).toEqual(["012343"]);
    expect(html).toMatch(/<tr class="own" id="own" data-code="012343" aria-current="true">/);
    expect(html).toContain("本市の行へ (1ページ)");
    // 千歳市 against II-3's averages: the seed's 図表10 rates (単純値).
    const chitose = rows.find((r) => r.code === "012246")?.cols ?? {};
    expect([chitose["gikai"], chitose["ippan"], chitose["shobo"], chitose["futsu"]]).toEqual(["11.1", "3.2", "64.7", "10.5"]);
    // 石狩市 has no 消防 of its own (一部事務組合): the rate divides by its own staff, so it is undefined (－), not ▲100.
    expect(rows.find((r) => r.code === "012351")?.cols["shobo"]).toBe("－");

    // 北見市 is the roster's only member of 一般市 III-1, which MIC's imported table lacks: no average, blank rates.
    expect(rows.find((r) => r.code === "012084")?.cols["futsu"]).toBe("");
    expect(html).toMatch(/平均値がない類型があります\(空欄\): [^<]*一般市 III-1/);
    // The two 特別区 are not in the table either: their averages come from the roster, and the page says so.
    expect(html).toMatch(/名簿の構成団体から平均値を計算しています[^<]*特別区/);

    const corrected = tableRows(await (await browser.get("/comparison/nationwide?basis=corrected")).text());
    const c = corrected.find((r) => r.code === "012246")?.cols ?? {};
    expect([c["shoko"], c["rodo"], c["ippan"], c["futsu"]]).toEqual(["40.0", "0.0", "▲1.9", "▲2.0"]);
  });

  it("sorts by a sector's excess rate either way (GET ?sort=&dir=), blanks last, and says which way in aria-sort", async () => {
    const { browser } = await setup(get);
    const desc = await (await browser.get("/comparison/nationwide?sort=futsu&dir=desc")).text();
    const values = tableRows(desc).map((r) => rate(r.cols["futsu"]));
    const known = values.filter((v): v is number => v !== null && !Number.isNaN(v));
    expect(known.length).toBeGreaterThan(10);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(values.slice(0, known.length).every((v) => v !== null)).toBe(true);
    expect(desc).toMatch(/<th scope="col" aria-sort="descending" data-sort="futsu">/);
    const asc = tableRows(await (await browser.get("/comparison/nationwide?sort=futsu&dir=asc")).text()).map((r) => rate(r.cols["futsu"])).filter((v): v is number => v !== null);
    expect(asc).toEqual([...known].sort((a, b) => a - b));
    const byPopulation = tableRows(await (await browser.get("/comparison/nationwide?sort=population&dir=desc")).text()).map((r) => Number((r.cols["population"] ?? "").replace(/,/g, "")));
    expect(byPopulation).toEqual([...byPopulation].sort((a, b) => b - a));
  });

  it("filters by prefecture, by group (MIC's spelling too) and shows one sector in detail", async () => {
    const { browser } = await setup(get);
    const tokyo = tableRows(await (await browser.get("/comparison/nationwide?prefecture=13")).text());
    expect(tokyo.map((r) => r.code)).toEqual(["131016", "131041", "133035", "133051", "133078", "133086"]);
    const group = tableRows(await (await browser.get(`/comparison/nationwide?group=${encodeURIComponent("Ⅱ－３")}`)).text());
    expect(group.map((r) => r.code).sort()).toEqual(["012050", "012246", "012319", "012343", "012351"]);
    const html = await (await browser.get("/comparison/nationwide?group=city%3AII-3&sector=futsu&sort=excess&dir=desc")).text();
    const detail = tableRows(html);
    expect(detail[0]?.cols).toMatchObject({ actual: expect.any(String), reference: expect.any(String), excess: expect.any(String), rate: expect.any(String) });
    const chitose = detail.find((r) => r.code === "012246")?.cols;
    expect(chitose).toMatchObject({ actual: "717", reference: "642", excess: "75", rate: "10.5" });
    const excess = detail.map((r) => rate(r.cols["excess"])).filter((v): v is number => v !== null);
    expect(excess).toEqual([...excess].sort((a, b) => b - a));
  });

  it("pages a long roster and links to the page with the user's own row", async () => {
    const { db } = get().database;
    const own = await createMunicipality(db, { code: `01270${municipalityCheckDigit("01270")}`, name: "架空70市", prefecture: "北海道" }, CLI_ACTOR);
    const tenant = new TenantDb(db, own.id);
    await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "synthetic.csv", bytes: new TextEncoder().encode(syntheticRoster(120)) }, own.name);
    const user = await buildUser(db, own, "viewer");
    const browser = new BrowserClient(createApp({ database: get().database }));
    await browser.login(own.id, user.username);
    const first = await (await browser.get("/comparison/nationwide")).text();
    expect(tableRows(first)).toHaveLength(50);
    expect(first).toContain("120団体 (名簿 120団体) ・ 1 / 3 ページ");
    expect(first).toContain("本市の行へ (2ページ)");
    const second = tableRows(await (await browser.get("/comparison/nationwide?page=2")).text());
    expect(second).toHaveLength(50);
    expect(second.filter((r) => r.own).map((r) => r.code)).toEqual([own.code]);
    expect(tableRows(await (await browser.get("/comparison/nationwide?page=3")).text())).toHaveLength(20);
    // Each query field is checked and named when it is wrong (a 400, never a 500).
    for (const [query, says] of [
      ["basis=weighted", "比較の基準が不正です: weighted (simple / corrected)"],
      ["dir=up", "並べ替えの向きが不正です: up (asc / desc)"],
      ["page=two", "ページは整数で指定してください: 「two」"],
      ["group=city%3AXX-9", "類型コードが読めません: 「XX-9」(例: II-3、Ⅱ－３)"],
    ] as const) {
      const refused = await browser.get(`/comparison/nationwide?${query}`);
      expect(refused.status, query).toBe(400);
      expect(await refused.text(), query).toContain(says);
    }
    // The group is not in any imported table and the roster holds all its members: averages come from the roster.
    expect(first).toMatch(/名簿の構成団体から平均値を計算しています\([^)]*\): 一般市 II-3。/);
  });

  it("exports the filtered, sorted table whole as xlsx and CSV (UTF-8 with BOM, Shift_JIS)", async () => {
    const { browser } = await setup(get);
    const xlsx = await browser.get("/comparison/nationwide.xlsx?prefecture=01&sort=futsu&dir=desc");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain("nationwide-diagnosis-2024-simple.xlsx");
    const sheets = await readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    const rows = sheets[0]?.rows ?? [];
    expect(rows[0]?.slice(0, 10)).toEqual(["本市", "団体コード", "都道府県", "団体名", "類型", "住基人口", "議会 職員数", "議会 単純値による職員数", "議会 超過数", "議会 超過率(%)"]);
    expect(rows).toHaveLength(1 + 17);
    const header = rows[0] ?? [];
    const futsuRate = header.indexOf("普通会計計 超過率(%)");
    const rates = rows.slice(1).map((r) => r[futsuRate] ?? "").filter((v) => v !== "").map(Number);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const ownRow = rows.find((r) => r[0] === "○");
    expect(ownRow?.slice(1, 6)).toEqual(["012343", "北海道", "北広島市", "II-3", "56903"]);
    const chitose = rows.find((r) => r[1] === "012246") ?? [];
    expect(chitose[header.indexOf("普通会計計 単純値による職員数")]).toBe("642");
    expect(chitose[futsuRate]).toBe("10.5");

    const utf8 = await browser.get("/comparison/nationwide.csv?group=city%3AII-3");
    expect(utf8.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await utf8.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(new TextDecoder().decode(bytes));
    expect(csv).toHaveLength(6);

    const sjis = await browser.get("/comparison/nationwide.csv?group=city%3AII-3&encoding=shift_jis&basis=corrected");
    expect(sjis.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const decoded = parseCsv(iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932"));
    expect(decoded[0]?.[7]).toBe("議会 修正値による職員数");
    expect(decoded.find((r) => r[1] === "012246")?.[3]).toBe("千歳市");
  });

  it("keeps each municipality's roster to itself", async () => {
    const { db } = get().database;
    await setup(get);
    const other = await buildMunicipality(db);
    const user = await buildUser(db, other, "admin");
    const browser = new BrowserClient(createApp({ database: get().database }));
    await browser.login(other.id, user.username);
    const html = await (await browser.get("/comparison/nationwide")).text();
    expect(html).toContain("団体別職員数(名簿)が取り込まれていません");
    expect(tableRows(html)).toHaveLength(0);
    expect((await browser.get("/comparison/nationwide.csv")).status).toBe(404);
  });
});

describeEachDatabase("全国診断: the municipality's own row (issue 13 point 4c)", (get) => {
  it("the own row's sector figures come from the same source as 図表10 (its own 診断表 first), not from the roster alone", async () => {
    const { own, browser } = await setup(get);
    const tenant = new TenantDb(get().database.db, own.id);
    const before = tableRows(await (await browser.get("/comparison/nationwide?sector=gikai&sort=code&dir=asc")).text()).find((r) => r.own);
    expect(before?.cols["actual"]).toBe("6");
    // The city's own 定員管理診断表 for R6 says 7 in 議会 and 120 in 総務・企画.
    await tenant.ownDiagnosis.upsertYear(
      2024,
      [
        { sector: "gikai", actual: 7, simpleReference: null, correctedReference: null },
        { sector: "somu", actual: 120, simpleReference: null, correctedReference: null },
      ],
      "test",
    );
    const gikai = tableRows(await (await browser.get("/comparison/nationwide?sector=gikai&sort=code&dir=asc")).text()).find((r) => r.own);
    expect(gikai?.cols["actual"]).toBe("7");
    const somu = tableRows(await (await browser.get("/comparison/nationwide?sector=somu&sort=code&dir=asc")).text()).find((r) => r.own);
    expect(somu?.cols["actual"]).toBe("120");
    const diagnosis = await (await browser.get("/comparison/diagnosis?year=2024")).text();
    expect(diagnosis).toMatch(/議会[\s\S]*?>7</);
  });
});

describeEachDatabase("全国診断: the own row as 図表10 prints it (issue 13 point 4c)", (get) => {
  it("the demo city's own row shows 図表10's sector rates on both bases, even where the group's averages lack the sector", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    const own = (html: string) => tableRows(html).find((r) => r.own)?.cols ?? {};
    const simple = own(await (await admin.get("/comparison/nationwide?year=2024&basis=simple")).text());
    // 図表10 (seed): 議会 11.1, 総務・企画 11.0, 税務 ▲33.3, 商工 44.0, 消防 64.7, 一般行政計 3.2, 普通会計計 10.5.
    expect([simple["gikai"], simple["somu"], simple["zeimu"], simple["shoko"], simple["shobo"], simple["ippan"], simple["futsu"]]).toEqual(["11.1", "11.0", "▲33.3", "44.0", "64.7", "3.2", "10.5"]);
    const corrected = own(await (await admin.get("/comparison/nationwide?year=2024&basis=corrected")).text());
    expect([corrected["zeimu"], corrected["shoko"], corrected["rodo"], corrected["futsu"]]).toEqual(["▲36.7", "40.0", "0.0", "▲2.0"]);
    const diagnosis = await (await admin.get("/comparison/diagnosis?year=2024")).text();
    expect(diagnosis).toMatch(/商工[\s\S]*?44\.0[\s\S]*?40\.0/);
  });
});
