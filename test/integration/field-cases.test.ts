/**
 * The field cases of issue 10 (test/fixtures/field-cases, kept in the repository) through the import
 * services and the web form: each gives the right values or the right refusal, and a refused import writes nothing.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Db, MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importComparison, previewComparisonImport } from "../../src/services/comparison-import.js";
import { importHeadcounts, previewHeadcountImport } from "../../src/services/headcount-transfer.js";
import { createUnit } from "../../src/services/organisation.js";
import { sheetData, xlsxFromParts } from "../support/xlsx-parts.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { signIn } from "../support/demo-site.js";
import { buildMunicipality } from "../support/factories.js";
import { confirmFields } from "../support/html.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/field-cases/${name}`, import.meta.url)));
const units = (name: string) => JSON.parse(new TextDecoder().decode(fixture(name))) as { code: string; name: string; kind: string }[];

async function cityWith(get: () => TestDatabase, unitFile?: string): Promise<{ db: Db; municipality: MunicipalityRow; tenant: TenantDb }> {
  const { db } = get().database;
  const municipality = await buildMunicipality(db, { name: "千歳市" });
  const tenant = new TenantDb(db, municipality.id);
  for (const u of unitFile ? units(unitFile) : []) {
    await createUnit(tenant, CLI_ACTOR, { code: u.code, name: u.name, kind: u.kind, parentId: null, sector: null, validFrom: null, validTo: null });
  }
  return { db, municipality, tenant };
}

async function headcountSnapshot(tenant: TenantDb): Promise<string> {
  return JSON.stringify({ headcounts: await tenant.headcounts.list(), quotas: await tenant.quotas.list() });
}

describeEachDatabase("field cases of real-world import files", (get) => {
  it("A: the 公表様式's sector labels — 総務 is 総務・企画, 計 is 一般行政計, 小計 by position, H21年/H22年 the years", async () => {
    const { tenant } = await cityWith(get);
    const file = { filename: "A-sector-labels-kohyo.csv", bytes: fixture("A-sector-labels-kohyo.csv"), currentFiscalYear: 2026 };
    const preview = await previewComparisonImport(file, "千歳市");
    expect(preview.kind).toBe("diagnosis");
    expect(preview.problems).toEqual([]);
    await importComparison(tenant, CLI_ACTOR, { ...file, importedOn: "2026-04-01" }, "千歳市");
    const actual = async (fy: number) => Object.fromEntries((await tenant.ownDiagnosis.list([fy])).map((d) => [d.sector, d.actual]));
    expect(await actual(2009)).toMatchObject({ somu: 237, ippan: 825, kyoiku: 216, futsu: 1041, kigyo: 296, gokei: 1337, gesuido: 32 });
    expect(await actual(2010)).toMatchObject({ somu: 242, ippan: 820, kyoiku: 201, futsu: 1021, kigyo: 257, gokei: 1278, sonota: 135 });
  });

  it("A: a 対前年増減数 that is not B − A is refused with its cell, and nothing is written", async () => {
    const { tenant } = await cityWith(get);
    const text = new TextDecoder().decode(fixture("A-sector-labels-kohyo.csv")).replace("総務,237,242,5", "総務,237,242,6");
    const before = JSON.stringify(await tenant.ownDiagnosis.list([2009, 2010]));
    const error = await importComparison(tenant, CLI_ACTOR, { importedOn: "2026-04-01", currentFiscalYear: 2026, filename: "a.csv", bytes: new TextEncoder().encode(text) }, "千歳市").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input" });
    expect((error as { problems: { cell?: string; message: string }[] }).problems).toEqual([
      expect.objectContaining({ cell: "D4", message: "「総務・企画」の増減 6 が B−A = 5 と一致しません" }),
    ]);
    expect(JSON.stringify(await tenant.ownDiagnosis.list([2009, 2010]))).toBe(before);
  });

  it("B: April-1 survey dates are fiscal years, and the data row 「町 2540 2521」 is never the header", async () => {
    const { tenant } = await cityWith(get, "B-units.json");
    const file = { filename: "B-survey-date-headers.csv", bytes: fixture("B-survey-date-headers.csv"), currentFiscalYear: 2026 };
    const preview = await previewHeadcountImport(tenant, { ...file, currentFiscalYear: 2026 });
    expect(preview.result.problems).toEqual([]);
    expect(preview.result.years).toEqual([2017, 2018]);
    await importHeadcounts(tenant, CLI_ACTOR, { ...file, currentFiscalYear: 2026 });
    const stored = (await tenant.headcounts.list()).map((h) => [h.fiscal_year, h.staff]).sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
    expect(stored).toEqual([[2017, 1508], [2017, 2540], [2017, 16059], [2018, 1496], [2018, 2521], [2018, 16171]]);
  });

  it("B: a header of implausible years is refused with the reason, and nothing is written", async () => {
    const { tenant } = await cityWith(get, "B-units.json");
    const before = await headcountSnapshot(tenant);
    const csv = "区分,2540,2521\r\n市,16059,16171\r\n";
    const error = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "b.csv", bytes: new TextEncoder().encode(csv) }).catch((e: unknown) => e);
    // Neither layout fits: the one problem names both and why (issue 13 point 7), the 図表4 reason among them.
    const messages = (error as { problems: { message: string }[] }).problems.map((p) => p.message);
    expect(messages).toEqual([
      "表の形を判別できません。次の2つの形を試しましたが、どちらにも合いません: " +
        "(1) 縦長の形 (組織コード・組織・年度・区分・人数の列) — 1行目の見出しに「組織コードまたは組織」「年度」「人数」の列がありません (分からない列名: 「2540」「2521」。使える列名: 組織コード・組織・年度・区分・人数・定数); " +
        "(2) 図表4の形 (組織が行・年度が列) — 年度の見出し行が見つかりません (2列目以降に「令7 (2025)」のような年度を並べた行が必要です)。見出しを直すか、「表の形」を選んでください",
    ]);
    expect(await headcountSnapshot(tenant)).toBe(before);
  });

  it("B: years written without their era under no title naming one are refused with that reason, and nothing is written", async () => {
    const { tenant } = await cityWith(get, "B-units.json");
    const before = await headcountSnapshot(tenant);
    const csv = "区分,27年,28年\r\n市,16059,16171\r\n";
    const error = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "b.csv", bytes: new TextEncoder().encode(csv) }).catch((e: unknown) => e);
    const messages = (error as { problems: { message: string }[] }).problems.map((p) => p.message);
    expect(messages[0]).toContain("見出し「27年」「28年」は元号のない年です");
    expect(await headcountSnapshot(tenant)).toBe(before);
    // The same header under a title that names the era is read with it.
    const titled = await previewHeadcountImport(tenant, { currentFiscalYear: 2026, filename: "b.csv", bytes: new TextEncoder().encode(`平成の職員数\r\n${csv}`) });
    expect(titled.result.years).toEqual([2015, 2016]);
  });

  it("C: a formula saved without its result is computed when it is literal arithmetic (=90+4 → 94), through the web form", async () => {
    const { municipality, tenant } = await cityWith(get, "C-units.json");
    const client = await signIn(get().database, municipality, "admin");
    await client.get("/staffing/import");
    const data = Buffer.from(fixture("C-formula-without-result.xlsx")).toString("base64");
    const preview = await client.post("/staffing/import", { step: "preview", filename: "C-formula-without-result.xlsx", encoding: "auto", layout: "auto", data });
    const response = await client.post("/staffing/import", confirmFields(await preview.text(), "/staffing/import"));
    expect(response.status).toBeLessThan(400);
    const soumu = await tenant.units.getByCode("S");
    const figures = (await tenant.headcounts.list()).filter((h) => h.unit_id === soumu?.id).map((h) => [h.fiscal_year, h.staff]);
    expect(figures).toEqual(expect.arrayContaining([[2024, 91], [2025, 94]]));
  });

  it("C: a formula without a result that needs Excel is refused naming sheet and cell, and nothing is written", async () => {
    const { tenant } = await cityWith(get, "C-units.json");
    const bytes = await xlsxFromParts({
      sharedStrings: ["", "令6 (2024)", "令7 (2025)", "企画部", "総務部"],
      sheets: [{ name: "図表4", xml: sheetData([
        ["A1", 't="s"', "<v>0</v>"], ["B1", 't="s"', "<v>1</v>"], ["C1", 't="s"', "<v>2</v>"],
        ["A2", 't="s"', "<v>3</v>"], ["B2", "", "<v>63</v>"], ["C2", "", "<v>67</v>"],
        ["A3", 't="s"', "<v>4</v>"], ["B3", "", "<v>91</v>"], ["C3", "", "<f>B3+3</f>"],
      ]) }],
    });
    const before = await headcountSnapshot(tenant);
    const error = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "c.xlsx", bytes }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", message: "c.xlsx: シート「図表4」C3: 数式の計算結果が保存されていません。Excel で開いて保存し直してください" });
    expect(await headcountSnapshot(tenant)).toBe(before);
  });

  it("C: 超過率 cells formatted 0.0% are read as they show (11.1, ▲33.3, 25.0): the correct file is accepted", async () => {
    const { tenant } = await cityWith(get);
    const file = { filename: "C-percent-format.xlsx", bytes: fixture("C-percent-format.xlsx"), currentFiscalYear: 2026, fiscalYear: 2024 };
    const preview = await previewComparisonImport(file, "千歳市");
    expect(preview.problems).toEqual([]);
    await importComparison(tenant, CLI_ACTOR, { ...file, importedOn: "2026-04-01" }, "千歳市");
    expect((await tenant.ownDiagnosis.list([2024])).find((d) => d.sector === "zeimu")).toMatchObject({ actual: 30, simple_reference: 40, corrected_reference: 41 });
  });

  it("D: U+2212 MINUS SIGN (JIS mapping of Excel's 「－」) is read as minus", async () => {
    const { tenant } = await cityWith(get);
    const file = { filename: "D-minus-sign-u2212.csv", bytes: fixture("D-minus-sign-u2212.csv"), currentFiscalYear: 2026 };
    const preview = await previewComparisonImport(file, "千歳市");
    expect(preview.problems).toEqual([]);
    await importComparison(tenant, CLI_ACTOR, { ...file, importedOn: "2026-04-01" }, "千歳市");
    const rows = Object.fromEntries((await tenant.ownDiagnosis.list([2024])).map((d) => [d.sector, [d.actual, d.simple_reference, d.corrected_reference]]));
    expect(rows).toMatchObject({ zeimu: [30, 40, 41], minsei: [128, 162, 167], eisei: [72, 54, 67] });
    expect((await tenant.ownDiagnosis.list([2023])).find((d) => d.sector === "eisei")?.actual).toBe(74);
  });
});
