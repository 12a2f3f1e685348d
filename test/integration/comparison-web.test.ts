import { expect, it } from "vitest";
import type { MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { loadDemo } from "../../src/services/demo.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite, signIn, type Role } from "../support/demo-site.js";
import { buildMunicipality, buildUnit } from "../support/factories.js";
import { cell, cells, formReadValues, readValuesFor, textOf } from "../support/html.js";

/** A browser signed in as a new user of `municipality`; an editor gets a unit of its own. */
async function clientFor(get: () => TestDatabase, municipality: MunicipalityRow, role: Role): Promise<BrowserClient> {
  const { database } = get();
  return signIn(database, municipality, role, role === "editor" ? [await buildUnit(database.db, municipality)] : []);
}

async function demo(get: () => TestDatabase) {
  const site = await demoSite(get);
  return { ...site, client: (role: Role) => clientFor(get, site.municipality, role) };
}

/** 図表10 as the seed prints it: [row, A, B, B−A, 単純値, 超過数, 超過率, 修正値, 超過数, 超過率]. */
const ZUHYO10: [string, ...string[]][] = [
  ["gikai", "9", "9", "", "8", "1", "11.1", "8", "1", "11.1"],
  ["somu", "161", "172", "11", "153", "19", "11.0", "153", "19", "11.0"],
  ["zeimu", "28", "30", "2", "40", "▲10", "▲33.3", "41", "▲11", "▲36.7"],
  ["minsei", "126", "128", "2", "162", "▲34", "▲26.6", "167", "▲39", "▲30.5"],
  ["eisei", "74", "72", "▲2", "54", "18", "25.0", "67", "5", "6.9"],
  ["rodo", "2", "2", "", "1", "1", "50.0", "2", "", "0.0"],
  ["norin", "20", "21", "1", "17", "4", "19.0", "23", "▲2", "▲9.5"],
  ["shoko", "26", "25", "▲1", "14", "11", "44.0", "15", "10", "40.0"],
  ["doboku", "68", "69", "1", "61", "8", "11.6", "62", "7", "10.1"],
  ["ippan", "514", "528", "14", "511", "17", "3.2", "538", "▲10", "▲1.9"],
  ["kyoiku", "57", "56", "▲1", "84", "▲28", "▲50.0", "60", "▲4", "▲7.1"],
  ["shobo", "132", "133", "1", "47", "86", "64.7", "133", "", "0.0"],
  ["futsu", "703", "717", "14", "642", "75", "10.5", "731", "▲14", "▲2.0"],
  ["byoin", "299", "303", "4", "", "", "", "", "", ""],
  ["suido", "21", "22", "1", "", "", "", "", "", ""],
  ["gesuido", "25", "29", "4", "", "", "", "", "", ""],
  ["kotsu", "", "", "", "", "", "", "", "", ""],
  ["sonota", "27", "29", "2", "", "", "", "", "", ""],
  ["kigyo", "372", "383", "11", "", "", "", "", "", ""],
  ["gokei", "1,075", "1,100", "25", "", "", "", "", "", ""],
];
const COLUMNS = ["previous", "current", "change", "simple-reference", "simple-excess", "simple-rate", "corrected-reference", "corrected-excess", "corrected-rate"];

describeEachDatabase("類似団体比較の画面: 図表7～10 と全国診断", (get) => {
  it("reproduces every number of the seed's 図表10 for the demo city, blanks and ▲ included", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const response = await viewer.get("/comparison/diagnosis");
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const [row, ...values] of ZUHYO10) {
      COLUMNS.forEach((col, i) => expect(cell(html, { row, col }), `${row} ${col}`).toBe(values[i]));
    }
    // The rows in the seed's order, with its names.
    const names = [...html.matchAll(/<tr[^>]*data-row="([a-z]+)"[^>]*>\s*<th scope="row">([^<]+)<\/th>/g)].map((m) => m[2]);
    expect(names).toEqual([
      "議会", "総務・企画", "税務", "民生", "衛生", "労働", "農林水産", "商工", "土木", "一般行政計", "教育", "消防", "普通会計計",
      "病院", "水道", "下水道", "交通", "その他", "公営企業等会計", "合計",
    ]);
    expect(html).toContain("(図表10) 地方公共団体定員管理調査 定員管理診断表");
    expect(html).toContain("R5.4.1<br/>現在職員数");
    expect(html).toContain("R6.4.1<br/>現在職員数");
    expect(html).toContain("※単純値及び修正値の表中の人数は四捨五入しているため、内訳を足しても必ずしも合計とは一致しない。");
    expect(html).toContain("※1 「単純値」…職員が配置されていない団体について考慮することなく集計して");
    expect(html).toContain("※2 「修正値」…団体によっては、清掃業務を民間委託している場合や消防業務を一部事務組合等の所管としている場合など");
    // The seed's sentences above the table, from the figures.
    expect(html).toContain("平均値 65.53人に本市の住基人口/万人を乗ずると、642人(65.53×97,999/10,000)となり");
    expect(html).toContain("単純値(※1)ベースで75人(717-642)多い結果となっています");
    expect(html).toContain("商工部門が40.0%と最も高く");
  });

  it("shows 2023 with its actual staff only: the seed gives no reference counts for that year", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const html = await (await viewer.get("/comparison/diagnosis?year=R5")).text();
    expect(cell(html, { row: "gikai", col: "current" })).toBe("9");
    expect(cell(html, { row: "gokei", col: "current" })).toBe("1,075");
    expect(cell(html, { row: "gikai", col: "simple-reference" })).toBe("");
    expect(cell(html, { row: "futsu", col: "corrected-rate" })).toBe("");
  });

  it("falls back to the headcounts of 図表4 mapped to sectors (図表11) for a year without a 診断表, and shows no change across sources", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const html = await (await viewer.get("/comparison/diagnosis?year=2025")).text();
    // 総務・企画 = 企画部 67 + 総務部 94 + 会計室 7 + 選挙管理委員会 4 + 監査事務局 4 + 公平委員会 0 (2025, 図表4)
    expect(cell(html, { row: "somu", col: "current" })).toBe("176");
    expect(cell(html, { row: "shobo", col: "current" })).toBe("136");
    expect(cell(html, { row: "somu", col: "previous" })).toBe("172");
    expect(cell(html, { row: "somu", col: "change" })).toBe("");
    expect(html).toContain("出典が異なり、数え方が違うため、増減は表示しません");
    expect(html).toContain("部局別職員数(図表4)を組織と部門の対応");
  });

  it("reproduces 図表8: per 10,000 for 普通会計 and 一般行政 and the II-3 total (Σ staff ÷ Σ population)", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const html = await (await viewer.get("/comparison/peers")).text();
    const expected: [string, string, string, string, string, string][] = [
      ["012050", "76,519", "511", "66.78", "343", "44.83"],
      ["012319", "70,354", "473", "67.23", "329", "46.76"],
      ["012351", "57,645", "418", "72.51", "373", "64.71"],
      ["012246", "97,999", "717", "73.16", "528", "53.88"],
      ["012343", "56,903", "455", "79.96", "318", "55.88"],
      ["group", "7,683,019", "50,344", "65.53", "40,048", "52.13"],
    ];
    for (const [code, population, futsu, futsuPer, ippan, ippanPer] of expected) {
      expect(cell(html, { code, col: "population" }), code).toBe(population);
      expect(cell(html, { code, col: "futsu" }), code).toBe(futsu);
      expect(cell(html, { code, col: "futsu-per10k" }), code).toBe(futsuPer);
      expect(cell(html, { code, col: "ippan" }), code).toBe(ippan);
      expect(cell(html, { code, col: "ippan-per10k" }), code).toBe(ippanPer);
    }
    // The seed's order, the own row marked, the group row as the seed labels it.
    expect([...html.matchAll(/<tr[^>]*data-code="(\d{6})"/g)].map((m) => m[1])).toEqual(["012050", "012319", "012351", "012246", "012343"]);
    expect(html).toMatch(/<tr class="own" data-code="012246" aria-current="true">/);
    expect(html).toMatch(/II-3 \(107団体\) 合計/);
    expect(html).toContain("人口1万人当たりの普通会計職員数は73.16人と、全国107団体の類似団体(II-3)の平均65.53人を上回っています");
    expect(html).toContain("住基人口<br/>(R6.1.1)");
  });

  it("highlights II-3 in the 16-type grid of 図表7 and shows the inputs that put the city there", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const html = await (await viewer.get("/comparison")).text();
    expect(html).toMatch(/<td class="type own" data-group="II-3" aria-current="true"><strong>II-3<\/strong>/);
    expect([...html.matchAll(/<td class="type[^"]*" data-group="([IV]+-\d)"/g)].length).toBe(16);
    expect(html).toContain("千歳市は「一般市 II-3」");
    expect(html).toContain("人口5万以上10万未満、2次・3次90%以上かつ3次65%以上");
    expect(html).toContain('data-fact="population">97,999人');
    expect(html).toContain("例示値");
    // A viewer gets no form.
    expect(html).not.toContain('action="/comparison/classification"');
  });

  it("shows the Laspeyres index of 2024 only (no invented history), with its chart as an image", async () => {
    const { client } = await demo(get);
    const viewer = await client("viewer");
    const html = await (await viewer.get("/comparison/laspeyres")).text();
    expect(cell(html, { subject: "own", year: 2024 })).toBe("97.2");
    expect(cell(html, { subject: "group", year: 2024 })).toBe("98.2");
    expect(cell(html, { subject: "cities", year: 2024 })).toBe("98.6");
    expect(cells(html).filter((c) => c.attrs["data-year"] !== undefined && c.attrs["data-subject"] !== undefined)).toHaveLength(3);
    expect(html).toContain("国家公務員の給与水準より低い97.2(令和6年4月1日現在)であり、類似団体平均(注2)の98.2、全国市平均の98.6を下回っている状況です");
    expect(html).toContain('<img src="/comparison/laspeyres.svg"');
    const svg = await viewer.get("/comparison/laspeyres.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const text = await svg.text();
    expect(text).toContain("97.2");
    expect(text).toContain("類似団体平均");
    expect(text).not.toMatch(/ style="/);
  });

  it("says plainly that no 定員回帰指標 coefficients were imported, and uses none of its own", async () => {
    const admin = await (await demo(get)).client("admin");
    const html = await (await admin.get("/comparison/regression")).text();
    expect(html).toContain("定員回帰指標の係数が取り込まれていません");
    expect(html).toContain('href="/comparison/import"');
    expect(html).not.toContain('id="regression"');
  });

  it("lets an administrator reclassify; a refused input comes back with its message and nothing saved", async () => {
    const { client, db, municipality } = await demo(get);
    const admin = await client("admin");
    const read = await readValuesFor(admin, "/comparison", "/comparison/classification");
    const bad = await admin.post("/comparison/classification", { ...read, fiscalYear: "R6", kind: "city", population: "97,999", secondaryPercent: "60", tertiaryPercent: "50", areaKm2: "", source: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<p class="alert error" role="alert">第2次と第3次産業の比率の合計が100%を超えています: 110</p>');
    expect((await new TenantDb(db, municipality.id).comparisonProfiles.get(2024))?.secondary_percent).toBe(15);

    const ok = await admin.post("/comparison/classification", { ...read, fiscalYear: "2025", kind: "city", population: "１０１，２３４", secondaryPercent: "20", tertiaryPercent: "70", areaKm2: "594.5", source: "テスト" });
    expect(ok.status).toBe(302);
    const html = await (await admin.get("/comparison?year=2025")).text();
    expect(html).toMatch(/data-group="III-3" aria-current="true"/);
    expect(html).toContain("人口 101,234人 → 100,000以上～150,000未満 … <strong>III</strong>");
    const audit = await db.selectFrom("audit_log").select("summary").where("municipality_id", "=", municipality.id).where("entity", "=", "comparison-profile").execute();
    expect(audit.map((a) => a.summary).join("\n")).toContain("2025年度 一般市 III-3");
  });

  it("the classification, peers and import forms are read by schemas: a bad value is a 400 naming the field on the same page, nothing saved", async () => {
    const { client, db, municipality } = await demo(get);
    const admin = await client("admin");
    const tenant = new TenantDb(db, municipality.id);
    const alertOf = (html: string) => /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    const read = await readValuesFor(admin, "/comparison", "/comparison/classification");
    const profiles = JSON.stringify(await tenant.comparisonProfiles.get(2024));
    const inputs = { kind: "city", population: "97999", secondaryPercent: "20", tertiaryPercent: "60", areaKm2: "", source: "" };
    const blank = await admin.post("/comparison/classification", { ...read, ...inputs, fiscalYear: "" });
    expect(blank.status).toBe(400);
    expect(alertOf(await blank.text())).toBe("年度を入力してください(例: 令和6年度、R6、2024)");
    const long = await admin.post("/comparison/classification", { ...read, ...inputs, fiscalYear: "2024", source: "注".repeat(201) });
    expect(long.status).toBe(400);
    expect(alertOf(await long.text())).toBe("出典・注記は200文字以内で入力してください(201文字)");
    expect(JSON.stringify(await tenant.comparisonProfiles.get(2024))).toBe(profiles);
    const peersRead = await readValuesFor(admin, "/comparison/peers", "/comparison/peers");
    const peersBefore = await (await admin.get("/comparison/peers")).text();
    const peers = await admin.post("/comparison/peers", { ...peersRead, codes: "012025\u202e" });
    expect(peers.status).toBe(400);
    expect(alertOf(await peers.text())).toBe("比較する団体に使えない文字(U+202E: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください");
    expect(await (await admin.get("/comparison/peers")).text()).toBe(peersBefore);
    const importRefused = await admin.post("/comparison/import", { kind: "zuhyo99", data: "YQ==", filename: "x.csv" });
    expect(importRefused.status).toBe(400);
    expect(alertOf(await importRefused.text())).toBe("取り込む表「zuhyo99」が分かりません");
  });

  it("two secretaries from one page (issue 14 point 6): the second save of 図表7's inputs or 図表8's peers is a 409 naming both values, the first stays; a save of an unchanged form works", async () => {
    const { client, db, municipality } = await demo(get);
    const tenant = new TenantDb(db, municipality.id);
    const a = await client("admin");
    const b = await client("admin");
    const [classA, classB] = [await (await a.get("/comparison?year=2024")).text(), await (await b.get("/comparison?year=2024")).text()];
    const inputs = { fiscalYear: "2024", kind: "city", secondaryPercent: "15", tertiaryPercent: "80", areaKm2: "", source: "" };
    const shown = (JSON.parse(formReadValues(classB, "/comparison/classification").read_values) as Record<string, string>)["2024"];
    expect(shown).toContain("一般市、人口97,999人、2次15%、3次80%");
    expect((await a.post("/comparison/classification", { ...formReadValues(classA, "/comparison/classification"), ...inputs, population: "98000" })).status).toBe(302);
    const late = await b.post("/comparison/classification", { ...formReadValues(classB, "/comparison/classification"), ...inputs, population: "98500" });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain(
      `令和6年度(2024年度)の類似団体区分の判定の入力は、画面を開いた後に別の人が「${shown}」→「一般市、人口98,000人、2次15%、3次80%、面積未入力、出典「」」に変更しています(あなたの入力:「一般市、人口98,500人、2次15%、3次80%、面積未入力、出典「」」)`,
    );
    expect((await tenant.comparisonProfiles.get(2024))?.population).toBe(98000);
    // Another year of the same form is no conflict; a form read after the change saves.
    expect((await b.post("/comparison/classification", { ...formReadValues(classB, "/comparison/classification"), ...inputs, fiscalYear: "2023", population: "99000" })).status).toBe(302);
    const fresh = await readValuesFor(b, "/comparison?year=2024", "/comparison/classification");
    expect((await b.post("/comparison/classification", { ...fresh, ...inputs, population: "98500" })).status).toBe(302);
    expect((await tenant.comparisonProfiles.get(2024))?.population).toBe(98500);

    const [peersA, peersB] = [await readValuesFor(a, "/comparison/peers", "/comparison/peers"), await readValuesFor(b, "/comparison/peers", "/comparison/peers")];
    const before = (JSON.parse(peersB.read_values) as Record<string, string>)["peers"];
    expect((await a.post("/comparison/peers", { ...peersA, codes: "012246 012050" })).status).toBe(302);
    const stale = await b.post("/comparison/peers", { ...peersB, codes: "012246" });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain(`比較する団体は、画面を開いた後に別の人が「${before}」→「012246、012050」に変更しています(あなたの入力:「012246」)`);
    expect(JSON.parse((await tenant.settings.get("comparison.peers")) ?? "[]")).toEqual(["012246", "012050"]);
    expect((await b.post("/comparison/peers", { ...(await readValuesFor(b, "/comparison/peers", "/comparison/peers")), codes: "012246" })).status).toBe(302);
    expect(JSON.parse((await tenant.settings.get("comparison.peers")) ?? "[]")).toEqual(["012246"]);
    // Without the values read nothing is written.
    const blind = await b.post("/comparison/peers", { codes: "012050" });
    expect(blind.status).toBe(400);
    expect(textOf(await blind.text())).toContain("開いたときの値がありません");
    expect(JSON.parse((await tenant.settings.get("comparison.peers")) ?? "[]")).toEqual(["012246"]);
  });

  it("draws the 15-type grid of 町村 for a town", async () => {
    const { db } = get().database;
    const town = await buildMunicipality(db, { name: "テスト町" });
    const admin = await clientFor(get, town, "admin");
    expect((await admin.post("/comparison/classification", { ...(await readValuesFor(admin, "/comparison", "/comparison/classification")), fiscalYear: "2024", kind: "town", population: "8000", secondaryPercent: "20", tertiaryPercent: "60", areaKm2: "", source: "" })).status).toBe(302);
    const html = await (await admin.get("/comparison?year=2024")).text();
    expect([...html.matchAll(/<td class="type[^"]*" data-group="([IV]+-\d)"/g)].length).toBe(15);
    expect(html).toMatch(/data-group="II-2" aria-current="true"/);
    expect(html).toContain("町村 15類型");
  });

  it("draws the 類型表 of the year shown: FY2002 (平成11年度 scheme) has 28 都市 types and its own bands; a year before any table is told so", async () => {
    const { db } = get().database;
    const city = await buildMunicipality(db, { name: "テスト市" });
    const admin = await clientFor(get, city, "admin");
    expect((await admin.post("/comparison/classification", { ...(await readValuesFor(admin, "/comparison", "/comparison/classification")), fiscalYear: "2002", kind: "city", population: "450,000", secondaryPercent: "20", tertiaryPercent: "70", areaKm2: "", source: "" })).status).toBe(302);
    const html = await (await admin.get("/comparison?year=2002")).text();
    expect([...html.matchAll(/<td class="type[^"]*" data-group="([0IV]+-\d)"/g)].length).toBe(42);
    expect(html).toMatch(/data-group="VI-3" aria-current="true"/);
    expect(html).toContain("一般市 28類型");
    expect(html).toContain("2次, 3次85%以上95%未満");
    expect(html).toContain("人口 450,000人 → 430,000以上～ … <strong>VI</strong>");
    expect(html).toContain("= 90% … 85%以上95%未満");
    expect(html).not.toContain("150,000以上～");

    // A year before any registered table: said in words, no grid of another year's table.
    const before = await (await admin.get("/comparison?year=1995")).text();
    expect(before).toContain("の類似団体の類型表は登録されていません");
    expect(before).not.toContain('data-group="');
  });

  it("saves the chosen peers for an administrator, refusing a code with a wrong check digit", async () => {
    const admin = await (await demo(get)).client("admin");
    const read = await readValuesFor(admin, "/comparison/peers", "/comparison/peers");
    const bad = await admin.post("/comparison/peers", { ...read, codes: "012246\n012247" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("団体コード「012247」の検査数字が正しくありません (正しくは 012246)");
    const ok = await admin.post("/comparison/peers", { ...read, codes: "０１２２４６, 01205" });
    expect(ok.status).toBe(302);
    const html = await (await admin.get("/comparison/peers")).text();
    expect([...html.matchAll(/<tr[^>]*data-code="(\d{6})"/g)].map((m) => m[1])).toEqual(["012246", "012050"]);
  });

  it("refuses viewers, editors and headquarters the import and every change (403), and hides the import link", async () => {
    const { client } = await demo(get);
    for (const role of ["viewer", "editor", "hq"] as const) {
      const user = await client(role);
      const page = await user.get("/comparison/diagnosis");
      expect(page.status, role).toBe(200);
      expect(await page.text(), role).not.toContain('href="/comparison/import"');
      expect((await user.get("/comparison/import")).status, role).toBe(403);
      const csv = Buffer.from("年度,本市\n令和6年,99.9\n").toString("base64");
      expect((await user.post("/comparison/import", { step: "apply", filename: "l.csv", data: csv, kind: "laspeyres" })).status, role).toBe(403);
      expect((await user.post("/comparison/import", { step: "preview", filename: "l.csv", data: csv })).status, role).toBe(403);
      expect((await user.post("/comparison/classification", { fiscalYear: "2024", kind: "city", population: "1000", secondaryPercent: "10", tertiaryPercent: "10" })).status, role).toBe(403);
      expect((await user.post("/comparison/peers", { codes: "012246" })).status, role).toBe(403);
    }
  });

  it("shows another municipality none of the demo city's comparison data", async () => {
    const { db, municipality } = await demo(get);
    const other = await buildMunicipality(db);
    const admin = await clientFor(get, other, "admin");
    const diagnosis = await (await admin.get("/comparison/diagnosis")).text();
    expect(diagnosis).toContain("定員管理診断表のデータ");
    expect(diagnosis).not.toContain('id="zuhyo10"');
    const peers = await (await admin.get("/comparison/peers")).text();
    expect(peers).toContain("団体別職員数(名簿)が取り込まれていません");
    expect(peers).not.toContain("73.16");
    expect(await (await admin.get("/comparison/laspeyres")).text()).toContain("ラスパイレス指数が取り込まれていません");
    expect((await admin.get("/comparison/laspeyres.svg")).status).toBe(404);
    expect(await (await admin.get("/comparison/nationwide")).text()).not.toContain("千歳市");
    // And the demo city still has its own.
    expect((await new TenantDb(db, municipality.id).ownDiagnosis.list([2024])).length).toBe(20);
    expect((await new TenantDb(db, other.id).ownDiagnosis.list()).length).toBe(0);
  });

  it("loads the demo's comparison data once: a second run adds nothing and keeps an edit", async () => {
    const { db, municipality } = await demo(get);
    const tenant = new TenantDb(db, municipality.id);
    await tenant.laspeyres.upsert({ fiscalYear: 2024, subject: "own", label: "本市", value: 97.3, source: "edit" });
    const before = await db.selectFrom("comparison_roster_staff").select((eb) => eb.fn.countAll<number>().as("n")).where("municipality_id", "=", municipality.id).executeTakeFirstOrThrow();
    await loadDemo(db);
    const after = await db.selectFrom("comparison_roster_staff").select((eb) => eb.fn.countAll<number>().as("n")).where("municipality_id", "=", municipality.id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await tenant.laspeyres.list()).find((l) => l.subject === "own")?.value).toBe(97.3);
    expect((await tenant.groupAverages.list(2024, "city:II-3")).map((a) => [a.sector, a.members, a.population, a.staff])).toEqual([
      ["futsu", 107, 7683019, 50344],
      ["ippan", 107, 7683019, 40048],
    ]);
  });

  it("answers a malformed year or filter with a 400 naming it", async () => {
    const viewer = await (await demo(get)).client("viewer");
    const bad = await viewer.get("/comparison/diagnosis?year=%E6%98%AD%E5%92%8C64%E5%B9%B4%E5%BA%A6");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("存在しない年度です");
    expect((await viewer.get("/comparison/nationwide?sort=nonsense")).status).toBe(400);
    expect((await viewer.get("/comparison/nationwide?basis=median")).status).toBe(400);
    expect((await viewer.get("/comparison/nationwide?prefecture=99")).status).toBe(400);
    expect((await viewer.get("/comparison/nationwide?group=metropolis")).status).toBe(400);
    expect((await viewer.get("/comparison/nationwide?group=%E2%85%A5%EF%BC%8D%EF%BC%93")).status).toBe(400);
  });

  it("requires a login for every comparison page", async () => {
    const browser = new BrowserClient(createApp({ database: get().database }));
    for (const path of ["/comparison", "/comparison/peers", "/comparison/diagnosis", "/comparison/laspeyres", "/comparison/nationwide", "/comparison/import"]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login/);
    }
    expect((await browser.get("/comparison/nationwide.csv")).status).toBe(302);
  });
});
