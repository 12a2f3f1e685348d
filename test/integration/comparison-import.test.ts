import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Db, MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { saveClassification } from "../../src/services/comparison/classification.js";
import { type ComparisonFile, importComparison, previewComparisonImport } from "../../src/services/comparison-import.js";
import { ImportRejected } from "../../src/services/headcount-transfer.js";
import type { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { signIn } from "../support/demo-site.js";
import { buildMunicipality } from "../support/factories.js";
import { cell, readValuesFor, table } from "../support/html.js";

const FIXTURES = new URL("../fixtures/mic/", import.meta.url);

function fixture(name: string, extra: Partial<ComparisonFile> = {}): ComparisonFile {
  return { filename: name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))), currentFiscalYear: 2026, ...extra };
}

/** Rows of every comparison table of one municipality, to prove a refused import wrote nothing. */
async function snapshot(db: Db, municipalityId: number): Promise<Record<string, number>> {
  const tables = ["comparison_group_averages", "comparison_roster", "comparison_roster_staff", "comparison_diagnosis", "comparison_laspeyres", "comparison_regression"] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("municipality_id", "=", municipalityId).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

async function setup(get: () => TestDatabase): Promise<{ db: Db; municipality: MunicipalityRow; tenant: TenantDb; admin: () => Promise<BrowserClient> }> {
  const { db } = get().database;
  const municipality = await buildMunicipality(db, { name: "テスト市" });
  const tenant = new TenantDb(db, municipality.id);
  const admin = () => signIn(get().database, municipality, "admin");
  return { db, municipality, tenant, admin };
}

/** The seed's 図表10 with its actual staff only (A and B), as a city would type it before MIC's table arrives. */
const ACTUALS_ONLY = [
  "令和6年4月1日現在 部門別職員数",
  "大部門,R5.4.1 現在職員数,R6.4.1 現在職員数",
  ",A,B",
  "議会,9,9", "総務・企画,161,172", "税務,28,30", "民生,126,128", "衛生,74,72", "労働,2,2", "農林水産,20,21", "商工,26,25", "土木,68,69",
  "一般行政計,514,528", "教育,57,56", "消防,132,133", "普通会計計,703,717",
  "病院,299,303", "水道,21,22", "下水道,25,29", "交通,－,－", "その他,27,29", "公営企業等会計,372,383", "合計,\"1,075\",\"1,100\"",
].join("\r\n");

describeEachDatabase("類似団体比較の取込", (get) => {
  it("computes every reference of 図表10 from MIC's group averages (xlsx, merged headers, 一般市 and 町村 sheets), totals from their own averages", async () => {
    const { tenant, admin } = await setup(get);
    await saveClassification(tenant, CLI_ACTOR, { fiscalYear: 2024, kind: "city", population: 97999, secondaryPercent: 15, tertiaryPercent: 80, areaKm2: null, source: "" });
    const averages = await importComparison(tenant, CLI_ACTOR, { ...fixture("ruiji-averages-r6.xlsx"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    expect(averages.preview.kind).toBe("averages");
    expect(averages.preview.sheets).toEqual(["一般市", "町村"]);
    expect((await tenant.groupAverages.list(2024, "town:V-2")).length).toBe(13);
    expect((await tenant.groupAverages.list(2024, "city:II-3")).find((a) => a.sector === "futsu")).toMatchObject({ members: 107, population: 7683019, staff: 50344, simple_per10k: 65.53, corrected_per10k: 74.6 });
    await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "actuals.csv", bytes: new TextEncoder().encode(ACTUALS_ONLY) }, "テスト市");

    const html = await (await (await admin()).get("/comparison/diagnosis?year=2024")).text();
    const expected: Record<string, [string, string, string, string, string, string]> = {
      gikai: ["8", "1", "11.1", "8", "1", "11.1"],
      zeimu: ["40", "▲10", "▲33.3", "41", "▲11", "▲36.7"],
      rodo: ["1", "1", "50.0", "2", "", "0.0"],
      shoko: ["14", "11", "44.0", "15", "10", "40.0"],
      ippan: ["511", "17", "3.2", "538", "▲10", "▲1.9"],
      kyoiku: ["84", "▲28", "▲50.0", "60", "▲4", "▲7.1"],
      shobo: ["47", "86", "64.7", "133", "", "0.0"],
      futsu: ["642", "75", "10.5", "731", "▲14", "▲2.0"],
    };
    for (const [row, values] of Object.entries(expected)) {
      ["simple-reference", "simple-excess", "simple-rate", "corrected-reference", "corrected-excess", "corrected-rate"].forEach((col, i) =>
        expect(cell(html, { row, col }), `${row} ${col}`).toBe(values[i]),
      );
    }
    // The rows' simple references add up to 510; the subtotal is 511 from its own average (52.13 × 97,999 ÷ 10,000).
    const parts = ["gikai", "somu", "zeimu", "minsei", "eisei", "rodo", "norin", "shoko", "doboku"].map((row) => Number(cell(html, { row, col: "simple-reference" })));
    expect(parts.reduce((s, v) => s + v, 0)).toBe(510);
    expect(cell(html, { row: "gokei", col: "current" })).toBe("1,100");
    expect(cell(html, { row: "kotsu", col: "current" })).toBe("");
    expect(html).toContain("類似団体の平均値から計算");
  });

  it("stores MIC's 診断表 as given (xlsx with merged cells and ▲ number formats; Shift_JIS CSV) and keeps a year's references when the next year's table brings its A column", async () => {
    const { tenant } = await setup(get);
    const xlsx = await importComparison(tenant, CLI_ACTOR, { ...fixture("shindan-chitose-r6.xlsx"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    expect(xlsx.preview.kind).toBe("diagnosis");
    const stored = await tenant.ownDiagnosis.list([2024]);
    expect(stored.find((d) => d.sector === "zeimu")).toMatchObject({ actual: 30, simple_reference: 40, corrected_reference: 41 });
    expect(stored.find((d) => d.sector === "kotsu")).toMatchObject({ actual: null, simple_reference: null });
    expect((await tenant.ownDiagnosis.list([2023])).find((d) => d.sector === "gokei")?.actual).toBe(1075);

    // The next year's table carries 2024 as its column A: 2024's references stay.
    const next = readFileSync(new URL("shindan-chitose-r6.csv", FIXTURES), "utf8").replace("R5.4.1", "R6.4.1X").replace("R6.4.1 現", "R7.4.1 現").replace("R6.4.1X", "R6.4.1");
    await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "r7.csv", bytes: new TextEncoder().encode(next) }, "テスト市");
    expect((await tenant.ownDiagnosis.list([2024])).find((d) => d.sector === "zeimu")).toMatchObject({ actual: 28, simple_reference: 40, corrected_reference: 41 });

    const sjis = await previewComparisonImport(fixture("shindan-chitose-r6-sjis.csv"), "テスト市");
    expect(sjis.encoding).toBe("shift_jis");
    expect(sjis.problems).toEqual([]);
  });

  it("imports the roster from xlsx (full-width code, merged 職員数 header) and from Shift_JIS CSV alike", async () => {
    const { tenant } = await setup(get);
    const xlsx = await importComparison(tenant, CLI_ACTOR, { ...fixture("dantai-r6.xlsx"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    expect(xlsx.written).toBe(25);
    const chitose = (await tenant.roster.list(2024, ["012246"]))[0];
    expect(chitose).toMatchObject({ name: "千歳市", prefecture: "北海道", group_key: "city:II-3", population: 97999 });
    const staff = Object.fromEntries((await tenant.roster.listStaff(2024, ["012246"])).map((s) => [s.sector, s.staff]));
    expect(staff).toMatchObject({ gikai: 9, somu: 172, ippan: 528, futsu: 717, kigyo: 383, gokei: 1100 });
    expect(staff["kotsu"]).toBeUndefined();
    expect((await tenant.roster.list(2024, ["133078"]))[0]?.group_key).toBe("town:I-1");
    expect((await tenant.roster.list(2024, ["131016"]))[0]?.group_key).toBe("ward");

    const sjis = await previewComparisonImport(fixture("dantai-r6-sjis.csv"), "テスト市");
    expect(sjis.encoding).toBe("shift_jis");
    expect(sjis.summary[0]).toBe("2024年度: 25団体、部門別職員数 499件");
  });

  it("reads 図表8 with its 団体名 over two cells and its 「II-3 (107団体) 合計」 row, which fills the group total without erasing MIC's averages", async () => {
    const { tenant, admin } = await setup(get);
    await importComparison(tenant, CLI_ACTOR, { ...fixture("ruiji-averages-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    const result = await importComparison(tenant, CLI_ACTOR, { ...fixture("zuhyo8-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    expect(result.preview.problems.map((p) => p.message)).toEqual(["類型の列がないため、合計行の類型(一般市 II-3)を各団体の類型とします"]);
    const futsu = (await tenant.groupAverages.list(2024, "city:II-3")).find((a) => a.sector === "futsu");
    expect(futsu).toMatchObject({ members: 107, population: 7683019, staff: 50344, simple_per10k: 65.53, corrected_per10k: 74.6 });
    const browser = await admin();
    expect((await browser.post("/comparison/peers", { ...(await readValuesFor(browser, "/comparison/peers", "/comparison/peers")), codes: "012050 012319 012351 012246 012343" })).status).toBe(302);
    const html = await (await browser.get("/comparison/peers")).text();
    expect(cell(html, { code: "012351", col: "ippan-per10k" })).toBe("64.71");
    // Without classification inputs, the group is the one the roster gives the peers' first own row… none here: no total row.
    expect(html).not.toContain('data-code="group"');
  });

  it("imports ラスパイレス指数 with peers and 定員回帰指標 coefficients, and computes the index from them", async () => {
    const { tenant, admin } = await setup(get);
    await importComparison(tenant, CLI_ACTOR, { ...fixture("laspeyres-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    const rows = await tenant.laspeyres.list();
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.fiscal_year === 2024 && r.subject === "012050")).toMatchObject({ label: "室蘭市", value: 97.8 });
    await importComparison(tenant, CLI_ACTOR, { ...fixture("regression-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    await saveClassification(tenant, CLI_ACTOR, { fiscalYear: 2024, kind: "city", population: 97999, secondaryPercent: 15, tertiaryPercent: 80, areaKm2: 594.5, source: "" });
    await importComparison(tenant, CLI_ACTOR, { ...fixture("shindan-chitose-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    const browser = await admin();
    const html = await (await browser.get("/comparison/regression")).text();
    // ▲12.5 + 0.00701 × 97,999 + 0.0913 × 594.5 = 728.75…; 717 ÷ 728.75 × 100 = 98.4
    expect(html).toMatch(/data-sector="futsu">[\s\S]*?>▲12\.5<[\s\S]*?data-col="estimate">728\.8<[\s\S]*?data-col="actual">717<[\s\S]*?data-col="index">98\.4</);
    // 3.25 + 0.00512 × 97,999 + 0.0448 × 594.5 = 531.64; 528 ÷ 531.64 × 100 = 99.3
    expect(html).toMatch(/data-sector="ippan">[\s\S]*?data-col="index">99\.3</);
    const chart = await (await browser.get("/comparison/laspeyres")).text();
    expect(cell(chart, { subject: "012319", year: 2021 })).toBe("98.9");
  });

  it.each([
    [
      "averages-bad-group.csv",
      [
        "B5: 類型を読めません: 「Ⅵ－３」は令和6年度(2024年度)に適用される現行の類型(一般市16類型・町村15類型)にありません",
        "B6: 類型を読めません: 「Ⅱ－４」は令和6年度(2024年度)に適用される現行の類型(一般市16類型・町村15類型)にありません",
      ],
    ],
    ["dantai-text-in-number.csv", ["G5: 「総務・企画」の職員数を数値として読めません: 「約100」", "E6: 人口を数値として読めません: 「５万７千」"]],
    ["dantai-bad-check-digit.csv", ["A7: 団体コード「012247」の検査数字が正しくありません (正しくは 012246)"]],
    [
      "dantai-missing-header.csv",
      ["1: どの表か判別できません。取込画面で「取り込む表」を選んでください (見出しに「団体コード」「類型」「超過数」「ラスパイレス」「定数項」などが必要です)"],
    ],
    ["shindan-broken.csv", ["C8: 「税務」のB(職員数)を数値として読めません: 「三十」", "F9: 「民生」の単純値の超過数 ▲30 が B − 162 = ▲34 と一致しません"]],
  ])("refuses %s whole, naming each unreadable cell, and writes nothing", async (name, messages) => {
    const { db, municipality, tenant } = await setup(get);
    await importComparison(tenant, CLI_ACTOR, { ...fixture("laspeyres-r6.csv"), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市");
    const before = await snapshot(db, municipality.id);
    const error = await importComparison(tenant, CLI_ACTOR, { ...fixture(name), importedOn: "2026-04-01", currentFiscalYear: 2026 }, "テスト市").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as ImportRejected).problems.filter((p) => p.severity === "error").map((p) => `${p.cell ?? p.row}: ${p.message}`);
    expect(problems).toEqual(messages);
    expect(await snapshot(db, municipality.id)).toEqual(before);
  });

  it("answers a header the roster needs but lacks with the missing columns, when the kind is chosen", async () => {
    const preview = await previewComparisonImport(fixture("dantai-missing-header.csv", { kind: "roster" }), "テスト市");
    expect(preview.problems.map((p) => p.message)).toEqual(["見出し行が見つかりません (「団体コード」「団体名」「類型」「人口」と部門ごとの職員数の列が必要です)"]);
    const noGroup = await previewComparisonImport({ filename: "x.csv", currentFiscalYear: 2026, bytes: new TextEncoder().encode("令和6年4月1日現在\n団体コード,団体名,議会\n012246,千歳市,9\n") }, "テスト市");
    expect(noGroup.problems.map((p) => p.message)).toEqual(["見出し行に「類型」「人口」の列がありません"]);
  });

  it("asks for the year when the file does not say it, and takes the one chosen on the form", async () => {
    const text = readFileSync(new URL("ruiji-averages-r6.csv", FIXTURES), "utf8").replace(/^令和6年4月1日現在 /, "");
    const bytes = new TextEncoder().encode(text);
    const without = await previewComparisonImport({ filename: "a.csv", bytes, currentFiscalYear: 2026 }, "テスト市");
    expect(without.problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([
      "年度が分かりません。表題に「令和6年4月1日現在」のように書くか、「年度」の列を設けるか、取込画面で年度を指定してください",
    ]);
    const chosen = await previewComparisonImport({ filename: "a.csv", bytes, fiscalYear: 2023, currentFiscalYear: 2026 }, "テスト市");
    expect(chosen.problems).toEqual([]);
    expect(chosen.summary).toEqual(["2023年度: 8類型 (一般市 II-3、一般市 II-2、一般市 II-1、一般市 I-3、一般市 III-3、一般市 IV-3、中核市、町村 V-2)、部門別の平均 104件"]);
  });

  it("previews over HTTP, carries the file to the apply step, imports it and records it in the audit log", async () => {
    const { db, municipality, tenant, admin } = await setup(get);
    const browser = await admin();
    await browser.get("/comparison/import");
    const data = readFileSync(new URL("shindan-chitose-r6-sjis.csv", FIXTURES)).toString("base64");
    const preview = await browser.post("/comparison/import", { step: "preview", filename: "shindan.csv", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("本市の定員管理診断表(図表10)");
    expect(html).toContain("テキスト (Shift_JIS (CP932)、カンマ区切り)");
    expect(html).toContain("2024年度 (B): 20部門の職員数と、単純値・修正値による職員数");
    expect(html).toContain('name="step" value="apply"');
    expect((await tenant.ownDiagnosis.list()).length).toBe(0);
    const carried = /name="data" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const applied = await browser.post("/comparison/import", { step: "apply", filename: "shindan.csv", data: carried, encoding: "auto", kind: "diagnosis", fiscalYear: "" });
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe("/comparison/import?imported=39&kind=diagnosis&file=shindan.csv");
    expect((await tenant.ownDiagnosis.list([2024])).length).toBe(20);
    const done = await browser.get(applied.headers.get("location") ?? "");
    expect(await done.text()).toContain("shindan.csv を取り込みました: 本市の定員管理診断表(図表10) 39件");
    const audit = await db.selectFrom("audit_log").select(["entity", "summary"]).where("municipality_id", "=", municipality.id).where("entity", "=", "comparison-import").execute();
    expect(audit[0]?.summary).toContain("本市の定員管理診断表(図表10)を取込: shindan.csv");
  });

  it("previews the values it will write, stored → new, bounded for large files (issue 10)", async () => {
    const { tenant, admin } = await setup(get);
    const browser = await admin();
    await browser.get("/comparison/import");
    const laspeyres = readFileSync(new URL("laspeyres-r6.csv", FIXTURES), "utf-8");
    const post = (text: string, filename: string) =>
      browser.post("/comparison/import", { step: "preview", filename, data: Buffer.from(text).toString("base64"), encoding: "auto", kind: "auto", fiscalYear: "" });
    // Nothing stored yet: every value is new.
    const first = await (await post(laspeyres, "las.csv")).text();
    expect(first).toContain("書き込む値: 変わる値 20件 (新しく入る値 20件を含む) ・ 登録済みと同じ値 0件");
    expect(first).toMatch(/<th scope="row">2021年度 本市<\/th><td>ラスパイレス指数<\/td><td class="num">\(なし\)<\/td><td class="num">97<\/td>/);
    await importComparison(tenant, CLI_ACTOR, { ...fixture("laspeyres-r6.csv"), importedOn: "2026-04-01" }, "テスト市");
    // The same file changes nothing; one changed figure is shown old → new with the others counted as unchanged.
    expect(await (await post(laspeyres, "las.csv")).text()).toContain("登録済みの値と同じため、取り込んでも何も変わりません。");
    const changed = await (await post(laspeyres.replace("令和6年,97.2,", "令和6年,96.9,"), "las2.csv")).text();
    expect(changed).toContain("書き込む値: 変わる値 1件 (新しく入る値 0件を含む) ・ 登録済みと同じ値 19件");
    expect(changed).toMatch(/<th scope="row">2024年度 本市<\/th><td>ラスパイレス指数<\/td><td class="num">97.2<\/td><td class="num">96.9<\/td>/);
    expect(changed).not.toContain("value-changes-more");
    // A roster of many members lists the first 100 values and counts the rest.
    const roster = await (await post(readFileSync(new URL("dantai-r6.csv", FIXTURES), "utf-8"), "dantai.csv")).text();
    const counted = Number(/変わる値 ([\d,]+)件/.exec(roster)?.[1]?.replace(/,/g, ""));
    expect(counted).toBeGreaterThan(100);
    expect((table(roster, "value-changes").match(/<tr>/g) ?? []).length).toBe(1 + 100);
    expect(roster).toContain(`ほかに ${(counted - 100).toLocaleString("ja-JP")}件の値が変わります。`);
    expect(await tenant.roster.years()).toEqual([]);
  });

  it("shows a broken file's problems over HTTP with a 400 and no apply button", async () => {
    const { admin, tenant } = await setup(get);
    const browser = await admin();
    await browser.get("/comparison/import");
    const data = readFileSync(new URL("dantai-bad-check-digit.csv", FIXTURES)).toString("base64");
    const preview = await browser.post("/comparison/import", { step: "preview", filename: "bad.csv", data });
    expect(preview.status).toBe(400);
    const html = await preview.text();
    expect(html).toContain("誤り 1件");
    expect(html).toContain("<td>A7</td>");
    expect(html).toContain("団体コード「012247」の検査数字が正しくありません (正しくは 012246)");
    expect(html).not.toContain('name="step" value="apply"');
    const applied = await browser.post("/comparison/import", { step: "apply", filename: "bad.csv", data });
    expect(applied.status).toBe(400);
    expect(await tenant.roster.years()).toEqual([]);
  });
});
