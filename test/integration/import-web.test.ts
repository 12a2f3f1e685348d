/**
 * The import pages as a clerk meets them (issue 13 points 5–9, issue 10 kinds E and H): what was written, files
 * that are no table, layouts that do not fit, cell changes old → new, no import button when nothing changes,
 * and text files as Excel writes them (UTF-16LE + tabs, CP932 + tabs, named .txt).
 */
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import type { MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createUnit } from "../../src/services/organisation.js";
import type { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { signIn } from "../support/demo-site.js";
import { buildMunicipality } from "../support/factories.js";
import { confirmFields, textOf } from "../support/html.js";

/** What a file that is no table is told, after its name (io/text-upload.ts). */
const NO_TABLE = "表のファイルとして読めません。Excel ブック (.xlsx) か、CSV・タブ区切りのテキストファイル (.csv / .txt) を選んでください (PDF・Word・画像や、古い形式の .xls は読めません。.xls は Excel で「.xlsx」として保存し直してください)";

async function city(t: TestDatabase): Promise<{ municipality: MunicipalityRow; tenant: TenantDb; client: BrowserClient }> {
  const municipality = await buildMunicipality(t.database.db, { name: "テスト市" });
  const tenant = new TenantDb(t.database.db, municipality.id);
  for (const [code, name] of [["K", "企画部"], ["S", "総務部"]] as const) {
    await createUnit(tenant, CLI_ACTOR, { code, name, kind: "department", parentId: null, sector: null, validFrom: null, validTo: null });
  }
  const client = await signIn(t.database, municipality, "admin");
  await client.get("/staffing/import");
  return { municipality, tenant, client };
}

/** Previews the file; "apply" then presses 「この内容で取り込む」 on that preview (the carried file and its fingerprint). */
async function post(client: BrowserClient, step: "preview" | "apply", filename: string, bytes: Uint8Array, layout = "auto"): Promise<Response> {
  const preview = await client.post("/staffing/import", { step: "preview", filename, encoding: "auto", layout, data: Buffer.from(bytes).toString("base64") });
  if (step === "preview") return preview;
  return client.post("/staffing/import", confirmFields(await preview.text(), "/staffing/import"));
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const LONG = "組織コード,組織,年度,区分,人数\r\nK,企画部,2025,職員数,63\r\nS,総務部,2025,職員数,95\r\n";

describeEachDatabase("import pages", (get) => {
  it("a successful import says what was written: file, years and each value old → new (point 5)", async () => {
    const { client, tenant } = await city(get());
    expect((await post(client, "apply", "r7.csv", utf8(LONG))).status).toBe(200);
    const response = await post(client, "apply", "r7b.csv", utf8(LONG.replace(",63\r\n", ",67\r\n")));
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain("r7b.csv を取り込みました: 令和7年度(2025年度)の職員数 1か所を変更しました");
    expect(text).toMatch(/企画部\s*令和7年度\(2025年度\)\s*職員数\s*63\s*67/);
    const kikaku = await tenant.units.getByCode("K");
    expect((await tenant.headcounts.list()).find((h) => h.unit_id === kikaku?.id)?.staff).toBe(67);
  });

  it("a confirm after someone changed the figures the preview compared with is refused 409 with the new preview; without the fingerprint 400; nothing written", async () => {
    const { client, tenant } = await city(get());
    await post(client, "apply", "r7.csv", utf8(LONG));
    const file = { filename: "r7b.csv", encoding: "auto", layout: "auto", data: Buffer.from(utf8(LONG.replace(",63\r\n", ",67\r\n"))).toString("base64") };
    const preview = await (await client.post("/staffing/import", { step: "preview", ...file })).text();
    expect(textOf(preview)).toMatch(/企画部\s*令和7年度\(2025年度\)\s*職員数\s*63\s*67/);
    const kikaku = await tenant.units.getByCode("K");
    const staffOfKikaku = async () => (await tenant.headcounts.list()).find((h) => h.unit_id === kikaku?.id)?.staff;
    // Someone changes 企画部 2025 after the preview (the entry form, another import).
    await client.post("/staffing/import", confirmFields(await (await post(client, "preview", "r7c.csv", utf8(LONG.replace(",63\r\n", ",65\r\n")))).text(), "/staffing/import"));
    expect(await staffOfKikaku()).toBe(65);
    const stale = await client.post("/staffing/import", confirmFields(preview, "/staffing/import"));
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(textOf(staleHtml)).toContain("確認した後で、r7b.csv が変える組織の職員数または定数が変更されました。何も取り込んでいません");
    expect(textOf(staleHtml)).toMatch(/企画部\s*令和7年度\(2025年度\)\s*職員数\s*65\s*67/);
    expect(await staffOfKikaku()).toBe(65);
    const blind = await client.post("/staffing/import", { ...confirmFields(staleHtml, "/staffing/import"), basis: "" });
    expect(blind.status).toBe(400);
    expect(textOf(await blind.text())).toContain("確認した内容が送られていないため、何も取り込んでいません");
    expect(await staffOfKikaku()).toBe(65);
    // The new preview, confirmed, writes.
    expect((await client.post("/staffing/import", confirmFields(staleHtml, "/staffing/import"))).status).toBe(200);
    expect(await staffOfKikaku()).toBe(67);
  });

  it("the preview shows old → new per cell, and offers no import button when nothing changes (point 9)", async () => {
    const { client } = await city(get());
    await post(client, "apply", "r7.csv", utf8(LONG));
    const same = await (await post(client, "preview", "same.csv", utf8(LONG))).text();
    expect(textOf(same)).toContain("登録済みの値と同じため、職員数の変更はありません");
    expect(same).not.toContain("この内容で取り込む");
    const changed = await (await post(client, "preview", "changed.csv", utf8(LONG.replace(",95\r\n", ",90\r\n")))).text();
    expect(textOf(changed)).toMatch(/総務部\s*令和7年度\(2025年度\)\s*職員数\s*95\s*90/);
    expect(changed).toContain("この内容で取り込む");
  });

  it("a file that is no spreadsheet stays on the import page with a Japanese message and the upload form, and nothing is written (point 6)", async () => {
    const { client, tenant } = await city(get());
    for (const [name, bytes, message] of [
      ["scan.xlsx", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"), `scan.xlsx: ${NO_TABLE}`],
      ["report.docx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 1, 2, 3, 4]), "report.docx: Excelファイル(xlsx)として読めません: zip 形式ではないか、ファイルが壊れています"],
      ["old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), `old.xls: ${NO_TABLE}`],
    ] as const) {
      const response = await post(client, "preview", name, new Uint8Array(bytes));
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      const html = await response.text();
      expect(html).toContain('type="file"');
      const alert = /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? "";
      expect({ name, alert }).toEqual({ name, alert: message });
      // No library text (English words, URLs) reaches the clerk.
      expect(alert).not.toMatch(/[A-Za-z]{8,}|https?:/);
    }
    expect(await tenant.headcounts.list()).toEqual([]);
  });

  it("the import form's fields other than the file are read by a schema: an unknown 表の形 or 文字コード is a 400 naming it on the import page, nothing written; the export's bad year a 400", async () => {
    const { client, tenant } = await city(get());
    const alertOf = (html: string) => /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    const data = Buffer.from(utf8(LONG)).toString("base64");
    const layout = await client.post("/staffing/import", { step: "preview", filename: "r7.csv", encoding: "auto", layout: "wide", data });
    expect(layout.status).toBe(400);
    expect(alertOf(await layout.text())).toBe("表の形「wide」には対応していません (table / long)");
    const encoding = await client.post("/staffing/import", { step: "apply", filename: "r7.csv", encoding: "euc-jp", layout: "auto", data, basis: "0".repeat(64) });
    expect(encoding.status).toBe(400);
    expect(alertOf(await encoding.text())).toBe("文字コード「euc-jp」には対応していません (utf-8 / shift_jis)");
    expect(await tenant.headcounts.list()).toEqual([]);
    const exported = await client.get("/staffing/headcounts.csv?from=R5");
    expect(exported.status).toBe(400);
    expect(alertOf(await exported.text())).toBe("最初の年度は整数で指定してください: 「R5」");
  });

  it("when no layout fits, the problem names both layouts tried and why each did not fit (point 7)", async () => {
    const { client, tenant } = await city(get());
    const csv = "組織コード,組織,年月,区分,人数\r\nK,企画部,2025,職員数,63\r\n";
    const response = await post(client, "preview", "wrong-header.csv", utf8(csv));
    expect(response.status).toBe(400);
    const html = await response.text();
    const errors = [...html.matchAll(/<tr class="problem-error"><td>誤り<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(errors).toEqual([
      [
        "1行目",
        "表の形を判別できません。次の2つの形を試しましたが、どちらにも合いません: " +
          "(1) 縦長の形 (組織コード・組織・年度・区分・人数の列) — 1行目の見出しに「年度」の列がありません (分からない列名: 「年月」。使える列名: 組織コード・組織・年度・区分・人数・定数); " +
          "(2) 図表4の形 (組織が行・年度が列) — 年度の見出し行が見つかりません (2列目以降に「令7 (2025)」のような年度を並べた行が必要です)。見出しを直すか、「表の形」を選んでください",
      ],
    ]);
    expect(await tenant.headcounts.list()).toEqual([]);
    const text = textOf(html);
    // Nothing was read, so the page does not claim the stored values are the same.
    expect(text).toContain("読み取れた職員数はありません");
    expect(text).not.toContain("登録済みの値と同じため");
  });

  it("kind H: Excel's 「Unicode テキスト」 (UTF-16LE, BOM, tabs) named .txt is read and the preview says how", async () => {
    const { client } = await city(get());
    const tsv = LONG.replace(/,/g, "\t");
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(tsv, "utf16le")]);
    const response = await post(client, "preview", "unicode.txt", bytes);
    const text = textOf(await response.text());
    expect(response.status).toBe(200);
    expect(text).toContain("UTF-16LE (Excel の「Unicode テキスト」)、タブ区切り");
    expect(text).toMatch(/企画部\s*令和7年度\(2025年度\)\s*職員数\s*\(なし\)\s*63/);
  });

  it("kind H: 「テキスト (タブ区切り)」 is CP932 with tabs, even when named .csv", async () => {
    const { client, tenant } = await city(get());
    const tsv = "組織コード\t組織\t年度\t区分\t人数\r\nK\t企画部\t令和7年度\t職員数\t63\r\nS\t総務部\t令和7年度\t派遣職員\t2\r\nS\t総務部\t令和7年度\t職員数\t95\r\n";
    const bytes = new Uint8Array(iconv.encode(tsv, "cp932"));
    const preview = textOf(await (await post(client, "preview", "tab.csv", bytes)).text());
    expect(preview).toContain("Shift_JIS (CP932)、タブ区切り");
    expect((await post(client, "apply", "tab.csv", bytes)).status).toBe(200);
    expect((await tenant.headcounts.list()).map((h) => h.staff).sort()).toEqual([63, 95]);
  });

  it("field case E through the web form: 12246 under 「道内」 is stored as 012246 千歳市, never 122467", async () => {
    const t = get();
    const municipality = await buildMunicipality(t.database.db, { name: "テスト市" });
    const tenant = new TenantDb(t.database.db, municipality.id);
    const client = await signIn(t.database, municipality, "admin");
    await client.get("/comparison/import");
    const data = readFileSync(new URL("../fixtures/field-cases/E-code-leading-zero-dropped.csv", import.meta.url)).toString("base64");
    const preview = await client.post("/comparison/import", { step: "preview", filename: "E.csv", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(preview.status).toBe(200);
    expect(textOf(await preview.text())).toContain("団体コード「12246」は先頭の0が落ちたものとみなし、012246 (北海道・千歳市) と読みました");
    const applied = await client.post("/comparison/import", { step: "apply", filename: "E.csv", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(applied.status).toBe(302);
    const stored = (await tenant.roster.list(2024)).map((r) => [r.code, r.name]);
    expect(stored).toContainEqual(["012246", "千歳市"]);
    expect(stored.map(([code]) => code)).not.toContain("122467");
  });

  it("the comparison import keeps a non-spreadsheet file on its page with a Japanese message (point 6)", async () => {
    const t = get();
    const municipality = await buildMunicipality(t.database.db, { name: "テスト市" });
    const tenant = new TenantDb(t.database.db, municipality.id);
    const client = await signIn(t.database, municipality, "admin");
    await client.get("/comparison/import");
    const data = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1").toString("base64");
    const response = await client.post("/comparison/import", { step: "preview", filename: "scan.pdf", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('type="file"');
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1]).toBe(`scan.pdf: ${NO_TABLE}`);
    const applied = await client.post("/comparison/import", { step: "apply", filename: "scan.pdf", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(applied.status).toBe(400);
    expect(await tenant.roster.years()).toEqual([]);
  });

  it("kind I: a town's page names its comparators as they are (全国町村平均, 北海道平均), never 全国市平均", async () => {
    const t = get();
    const municipality = await buildMunicipality(t.database.db, { name: "テスト町" });
    const client = await signIn(t.database, municipality, "admin");
    await client.get("/comparison/import");
    const csv = "ラスパイレス指数の状況\r\n年度,本町,類似団体平均,全国町村平均,北海道平均\r\n令和6年,96.0,97.0,96.5,97.4\r\n";
    const data = Buffer.from(csv).toString("base64");
    const applied = await client.post("/comparison/import", { step: "apply", filename: "las.csv", data, encoding: "auto", kind: "auto", fiscalYear: "" });
    expect(applied.status).toBe(302);
    const page = textOf(await (await client.get("/comparison/laspeyres")).text());
    expect(page).toContain("類似団体平均(注2)の97.0、全国町村平均の96.5、北海道平均の97.4");
    expect(page).not.toContain("全国市平均");
  });

  it("field cases A, B, C (0.0%) and D through the web forms: previews without errors and the right values stored", async () => {
    const t = get();
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/field-cases/${name}`, import.meta.url));
    const municipality = await buildMunicipality(t.database.db, { name: "テスト市" });
    const tenant = new TenantDb(t.database.db, municipality.id);
    for (const u of JSON.parse(fixture("B-units.json").toString("utf8")) as { code: string; name: string; kind: string }[]) {
      await createUnit(tenant, CLI_ACTOR, { code: u.code, name: u.name, kind: u.kind, parentId: null, sector: null, validFrom: null, validTo: null });
    }
    const client = await signIn(t.database, municipality, "admin");
    await client.get("/comparison/import");
    for (const [name, fiscalYear] of [["A-sector-labels-kohyo.csv", ""], ["D-minus-sign-u2212.csv", ""], ["C-percent-format.xlsx", "2024"]] as const) {
      const data = fixture(name).toString("base64");
      const preview = await client.post("/comparison/import", { step: "preview", filename: name, data, encoding: "auto", kind: "auto", fiscalYear });
      expect({ name, status: preview.status }).toEqual({ name, status: 200 });
      const applied = await client.post("/comparison/import", { step: "apply", filename: name, data, encoding: "auto", kind: "auto", fiscalYear });
      expect({ name, status: applied.status }).toEqual({ name, status: 302 });
    }
    const actual = async (fy: number) => Object.fromEntries((await tenant.ownDiagnosis.list([fy])).map((d) => [d.sector, d.actual]));
    expect(await actual(2009)).toMatchObject({ somu: 237, ippan: 825, futsu: 1041, kigyo: 296, gokei: 1337 });
    expect(await actual(2010)).toMatchObject({ somu: 242, ippan: 820, futsu: 1021, kigyo: 257, gokei: 1278 });
    expect((await tenant.ownDiagnosis.list([2024])).find((d) => d.sector === "zeimu")).toMatchObject({ actual: 30, simple_reference: 40, corrected_reference: 41 });
    await client.get("/staffing/import");
    const b = await post(client, "apply", "B-survey-date-headers.csv", new Uint8Array(fixture("B-survey-date-headers.csv")));
    expect(b.status).toBe(200);
    const stored = (await tenant.headcounts.list()).map((h) => [h.fiscal_year, h.staff]).sort((x, y) => Number(x[0]) - Number(y[0]) || Number(x[1]) - Number(y[1]));
    expect(stored).toEqual([[2017, 1508], [2017, 2540], [2017, 16059], [2018, 1496], [2018, 2521], [2018, 16171]]);
  });
});
