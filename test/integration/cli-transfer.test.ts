/**
 * `gyokaku import` and `gyokaku export` (issue 10): every field case through `import … --dry-run --format json`,
 * nothing written on a problem or a dry run (the export before and after is identical), and a round trip per
 * export kind (export → import → export gives the same file).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { Db, MunicipalityRow } from "../../src/db/schema.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { createUnit } from "../../src/services/organisation.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

const fixture = (name: string) => new URL(`../fixtures/field-cases/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "gyokaku-cli-transfer-"));

interface Report {
  ok: boolean;
  kind: string;
  detected?: string;
  problems: { sheet: string | null; cell: string | null; row: number | null; column: number | null; message: string }[];
  warnings: { cell: string | null; message: string }[];
  records: Record<string, unknown>[];
}

async function importJson(t: TestDatabase, code: string, kind: string, file: string, extra: string[] = []): Promise<{ exit: number; report: Report; io: ReturnType<typeof captureIo> }> {
  const io = captureIo();
  const exit = await runCli(["import", kind, file, "--municipality", code, "--database", databaseArg(t), "--format", "json", ...extra], io);
  expect(io.stdout).toHaveLength(1);
  return { exit, report: JSON.parse(io.stdout[0] ?? "{}") as Report, io };
}

async function exportBytes(t: TestDatabase, code: string, kind: string, extra: string[] = []): Promise<Buffer> {
  const out = join(dir, `${kind}-${Math.random().toString(36).slice(2)}.${extra.includes("xlsx") ? "xlsx" : extra.includes("json") ? "json" : "csv"}`);
  const io = captureIo();
  const exit = await runCli(["export", kind, "--municipality", code, "--database", databaseArg(t), "--out", out, ...extra], io);
  expect(io.stderr).toEqual([]);
  expect(exit).toBe(0);
  return readFileSync(out);
}

/** A municipality with a random code: named テスト市, since a 千歳市 with another code than 012246 is refused in rosters. */
async function cityWith(t: TestDatabase, units: { code: string; name: string; kind: string }[] = []): Promise<{ db: Db; municipality: MunicipalityRow; tenant: TenantDb }> {
  const { db } = t.database;
  const municipality = await buildMunicipality(db, { name: "テスト市" });
  const tenant = new TenantDb(db, municipality.id);
  for (const u of units) await createUnit(tenant, CLI_ACTOR, { code: u.code, name: u.name, kind: u.kind, parentId: null, sector: null, validFrom: null, validTo: null });
  return { db, municipality, tenant };
}

const unitsOf = (name: string) => JSON.parse(readFileSync(fixture(name), "utf8")) as { code: string; name: string; kind: string }[];

describeEachDatabase("gyokaku import / export", (get) => {
  it("round trip: every export kind imports back unchanged (export → import → export gives the same file)", async () => {
    const t = get();
    expect(await runCli(["demo", "--database", databaseArg(t)], captureIo())).toBe(0);
    const cases: [string, string, string[]][] = [
      ["headcounts", "headcounts", []],
      ["headcounts", "headcounts", ["--format", "xlsx"]],
      ["headcounts", "headcounts", ["--encoding", "shift_jis"]],
      ["age-profile", "age-profile", []],
      ["age-profile", "age-profile", ["--format", "xlsx"]],
      ["diagnosis", "mic", []],
      ["roster", "mic", ["--format", "xlsx"]],
      ["roster", "mic", []],
      ["laspeyres", "mic", []],
      ["reform", "reform", ["--format", "xlsx"]],
      // Every export format imports back, JSON and the items' one-table CSV included.
      ["reform", "reform", []],
      ["reform", "reform", ["--format", "json"]],
      ["headcounts", "headcounts", ["--format", "json"]],
      ["age-profile", "age-profile", ["--format", "json"]],
      ["diagnosis", "mic", ["--format", "json"]],
      ["roster", "mic", ["--format", "json"]],
      ["laspeyres", "mic", ["--format", "json"]],
    ];
    for (const [exportKind, importKind, options] of cases) {
      // What is stored, as CSV, before and after importing the export (xlsx carries timestamps in its metadata).
      const storedBefore = await exportBytes(t, "012246", exportKind, exportKind === "reform" ? ["--format", "json"] : []);
      const file = await exportBytes(t, "012246", exportKind, options);
      const path = join(dir, `roundtrip-${exportKind}.${options.includes("xlsx") ? "xlsx" : options.includes("json") ? "json" : "csv"}`);
      writeFileSync(path, file);
      const { exit, report } = await importJson(t, "012246", importKind, path);
      expect({ exportKind, options, problems: report.problems }).toEqual({ exportKind, options, problems: [] });
      expect(exit).toBe(0);
      expect(report.records.length).toBeGreaterThan(0);
      if (importKind === "mic") expect(report.detected).toBe(exportKind);
      const storedAfter = await exportBytes(t, "012246", exportKind, exportKind === "reform" ? ["--format", "json"] : []);
      expect({ exportKind, options, same: storedAfter.equals(storedBefore) }).toEqual({ exportKind, options, same: true });
      if (!options.includes("xlsx")) expect((await exportBytes(t, "012246", exportKind, options)).equals(file)).toBe(true);
    }
    // 17 kinds × (export, import, export, export) in one database: about 10 s on a quiet machine, 30 s under load.
  }, 120_000);

  it("a changed cell in the items' CSV or JSON export is imported as that change, and a file of another edition is refused", async () => {
    const t = get();
    expect(await runCli(["demo", "--database", databaseArg(t)], captureIo())).toBe(0);
    const csv = (await exportBytes(t, "012246", "reform")).toString("utf8");
    const path = join(dir, "reform-changed.csv");
    writeFileSync(path, csv.replace("ハードウェアの耐用年数到来", "ハードウェアの耐用年数の到来"));
    const { exit, report } = await importJson(t, "012246", "reform", path);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    expect(report.records.filter((r) => (r["fields"] as string[]).length > 0)).toEqual([expect.objectContaining({ number: 1, fields: ["取組内容"] })]);
    const after = JSON.parse((await exportBytes(t, "012246", "reform", ["--format", "json"])).toString("utf8")) as { items: { content: { text?: string }[] }[] };
    expect(JSON.stringify(after.items[0]?.content)).toContain("ハードウェアの耐用年数の到来");

    const stored = await exportBytes(t, "012246", "reform", ["--format", "json"]);
    const json = JSON.parse(stored.toString("utf8")) as { edition: { fiscalYear: number } };
    json.edition.fiscalYear = 2024;
    const other = join(dir, "reform-other-edition.json");
    writeFileSync(other, JSON.stringify(json));
    const refused = await importJson(t, "012246", "reform", other);
    expect(refused.exit).toBe(1);
    expect(refused.report.problems.map((p) => p.message)).toEqual(["このファイルは令和6年度(2024年度)の版です (令和7年度(2025年度)の版に取り込もうとしています)"]);

    const broken = join(dir, "reform-broken.json");
    writeFileSync(broken, '{"edition": {"fiscalYear": 2025}, "items": [{"number": "一"}]}');
    const shape = await importJson(t, "012246", "reform", broken);
    expect(shape.exit).toBe(1);
    expect(shape.report.problems.map((p) => p.message)).toEqual([
      "重点推進項目の JSON の形が正しくありません (「items」 1件目 「number」) — gyokaku から書き出した版の JSON ファイルを選んでください",
    ]);
    // Neither refusal wrote anything.
    expect((await exportBytes(t, "012246", "reform", ["--format", "json"])).equals(stored)).toBe(true);
  });

  it("a NUL in an item's name in the edition JSON is refused naming the item and field, and nothing is written (issue 14)", async () => {
    const t = get();
    expect(await runCli(["demo", "--database", databaseArg(t)], captureIo())).toBe(0);
    const before = await exportBytes(t, "012246", "reform", ["--format", "json"]);
    const json = JSON.parse(before.toString("utf8")) as { items: { number: number; name: string }[] };
    const first = json.items[0];
    if (!first) throw new Error("the demo has no items");
    first.name = `${first.name}\u0000`;
    const path = join(dir, "reform-nul.json");
    writeFileSync(path, JSON.stringify(json));
    const { exit, report, io } = await importJson(t, "012246", "reform", path);
    expect(io.stderr.join("\n")).not.toContain("予期しないエラー");
    expect(exit).toBe(1);
    expect(report.problems.map((p) => p.message)).toContain(`番号(${first.number})の事業名に使えない文字(制御文字)が含まれています`);
    expect((await exportBytes(t, "012246", "reform", ["--format", "json"])).equals(before)).toBe(true);
  });

  it("round trip into another municipality: MIC tables exported by one import whole into an empty one", async () => {
    const t = get();
    const { municipality } = await cityWith(t);
    for (const kind of ["diagnosis", "roster", "laspeyres"]) {
      const file = await exportBytes(t, "012246", kind);
      const path = join(dir, `other-${kind}.csv`);
      writeFileSync(path, file);
      const { exit, report } = await importJson(t, municipality.code, "mic", path);
      expect({ kind, problems: report.problems }).toEqual({ kind, problems: [] });
      expect(exit).toBe(0);
      expect({ kind, same: (await exportBytes(t, municipality.code, kind)).equals(file) }).toEqual({ kind, same: true });
    }
  });

  it("import mic shows each value it would write, stored → new, in text and in --format json (as the web preview)", async () => {
    const t = get();
    expect(await runCli(["demo", "--database", databaseArg(t)], captureIo())).toBe(0);
    const csv = (await exportBytes(t, "012246", "laspeyres")).toString("utf8");
    const stored = /2024年度,([0-9.]+),/.exec(csv)?.[1];
    expect(stored).toBeDefined();
    const path = join(dir, "laspeyres-changed.csv");
    writeFileSync(path, csv.replace(`2024年度,${stored},`, "2024年度,90.1,"));
    const { exit, report } = await importJson(t, "012246", "mic", path, ["--dry-run"]);
    expect(exit).toBe(0);
    const changes = (report as Report & { changes?: { changed: number; unchanged: number; listed: unknown[] } }).changes;
    expect(changes?.changed).toBe(1);
    expect(changes?.unchanged).toBeGreaterThan(0);
    expect(changes?.listed).toEqual([{ row: "2024年度 本市", field: "ラスパイレス指数", before: Number(stored), after: 90.1 }]);
    const io = captureIo();
    expect(await runCli(["import", "mic", path, "--municipality", "012246", "--database", databaseArg(t), "--dry-run"], io)).toBe(0);
    expect(io.stdout).toContain(`変更: 2024年度 本市 ラスパイレス指数 ${stored} → 90.1`);
    expect(io.stdout.some((l) => l.startsWith("書き込む値: 変わる値 1件"))).toBe(true);
    expect((await exportBytes(t, "012246", "laspeyres")).toString("utf8")).toBe(csv);
  });

  it("export headcounts writes the long layout (組織コード, 組織, 年度, 区分, 人数) and JSON of the same rows", async () => {
    const t = get();
    const csv = (await exportBytes(t, "012246", "headcounts", ["--year", "2025"])).toString("utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("組織コード,組織,年度,区分,人数");
    expect(csv).not.toMatch(/,2024,/);
    const json = JSON.parse((await exportBytes(t, "012246", "headcounts", ["--year", "2025", "--format", "json"])).toString("utf8")) as Record<string, unknown>[];
    expect(json.length).toBe(csv.trim().split("\r\n").length - 1);
    expect(json[0]).toHaveProperty("組織");
  });

  it("a refused import writes nothing and exits 1 (export before and after identical)", async () => {
    const t = get();
    const before = await exportBytes(t, "012246", "headcounts");
    const path = join(dir, "bad-headcounts.csv");
    writeFileSync(path, "組織コード,組織,年度,区分,人数\r\n110,企画部,2025,職員数,68\r\n999,企画課,2025,職員数,20\r\n");
    const { exit, report } = await importJson(t, "012246", "headcounts", path);
    expect(exit).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual(["組織コード「999」の組織が見つかりません"]);
    expect(report.problems[0]).toEqual(expect.objectContaining({ sheet: null, row: 3 }));
    expect(Object.keys(report.problems[0] ?? {}).sort()).toEqual(["cell", "column", "message", "row", "sheet"]);
    expect((await exportBytes(t, "012246", "headcounts")).equals(before)).toBe(true);
  });

  it("a file that states only 職員数 for a unit keeps the unit's stored うち figures (an unstated category is not erased)", async () => {
    const t = get();
    const first = join(dir, "with-haken.csv");
    writeFileSync(first, "組織コード,組織,年度,区分,人数\r\n110,企画部,2025,職員数,67\r\n110,企画部,2025,派遣職員,2\r\n");
    expect((await importJson(t, "012246", "headcounts", first)).exit).toBe(0);
    const second = join(dir, "staff-only.csv");
    writeFileSync(second, "組織コード,組織,年度,区分,人数\r\n110,企画部,2025,職員数,68\r\n");
    const { exit, report } = await importJson(t, "012246", "headcounts", second);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    const csv = (await exportBytes(t, "012246", "headcounts", ["--year", "2025"])).toString("utf8");
    expect(csv).toContain("110,企画部,2025,職員数,68");
    expect(csv).toContain("110,企画部,2025,派遣職員,2");
  });

  it("--dry-run writes nothing even when the file is right, and says so in text", async () => {
    const t = get();
    const before = await exportBytes(t, "012246", "headcounts", ["--year", "2025"]);
    const path = join(dir, "dry.csv");
    writeFileSync(path, before.toString("utf8").replace(/,539\r\n/, ",540\r\n"));
    const io = captureIo();
    expect(await runCli(["import", "headcounts", path, "--municipality", "012246", "--database", databaseArg(t), "--dry-run"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("--dry-run: 何も書き込んでいません");
    expect(io.stdout.join("\n")).toContain("形式: テキスト (UTF-8、カンマ区切り)");
    expect((await exportBytes(t, "012246", "headcounts", ["--year", "2025"])).equals(before)).toBe(true);
  });

  it("a file that is no table is refused in Japanese with exit 1, whatever its name, and nothing is written", async () => {
    const t = get();
    expect(await runCli(["demo", "--database", databaseArg(t)], captureIo())).toBe(0);
    const before = await exportBytes(t, "012246", "headcounts");
    const path = join(dir, "scan.xlsx");
    writeFileSync(path, Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"));
    const { exit, report } = await importJson(t, "012246", "headcounts", path);
    expect(exit).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems.map((p) => p.message)).toEqual([
      "scan.xlsx: 表のファイルとして読めません。Excel ブック (.xlsx) か、CSV・タブ区切りのテキストファイル (.csv / .txt) を選んでください (PDF・Word・画像や、古い形式の .xls は読めません。.xls は Excel で「.xlsx」として保存し直してください)",
    ]);
    expect((await exportBytes(t, "012246", "headcounts")).equals(before)).toBe(true);
  });

  it("field case A through the CLI: 総務 = 総務・企画, 計 = 一般行政計, 小計 by position, H21年/H22年", async () => {
    const t = get();
    const { municipality } = await cityWith(t);
    const { exit, report } = await importJson(t, municipality.code, "mic", fixture("A-sector-labels-kohyo.csv"), ["--dry-run"]);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    expect(report.detected).toBe("diagnosis");
    const actual = (fy: number) => Object.fromEntries(report.records.filter((r) => r["fiscalYear"] === fy).map((r) => [r["sector"], r["actual"]]));
    expect(actual(2009)).toMatchObject({ somu: 237, ippan: 825, futsu: 1041, kigyo: 296, gokei: 1337 });
    expect(actual(2010)).toMatchObject({ somu: 242, ippan: 820, futsu: 1021, kigyo: 257, gokei: 1278 });
  });

  it("field case B through the CLI: H29.4.1/H30.4.1 are FY2017/2018 and no data row becomes the header", async () => {
    const t = get();
    const { municipality, tenant } = await cityWith(t, unitsOf("B-units.json"));
    const { exit, report } = await importJson(t, municipality.code, "headcounts", fixture("B-survey-date-headers.csv"), ["--dry-run"]);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    expect(report.records.map((r) => [r["unit"], r["fiscalYear"], r["staff"]])).toEqual(
      expect.arrayContaining([["市", 2017, 16059], ["市", 2018, 16171], ["町", 2017, 2540], ["町", 2018, 2521], ["一部事務組合等", 2017, 1508], ["一部事務組合等", 2018, 1496]]),
    );
    expect(report.records).toHaveLength(6);
    expect(await tenant.headcounts.list()).toEqual([]);
  });

  it("field case C through the CLI: a formula of literal numbers is computed (総務部 2025 = 94); 0.0% cells read as shown", async () => {
    const t = get();
    const { municipality } = await cityWith(t, unitsOf("C-units.json"));
    const formula = await importJson(t, municipality.code, "headcounts", fixture("C-formula-without-result.xlsx"), ["--dry-run"]);
    expect(formula.report.problems).toEqual([]);
    expect(formula.report.records.find((r) => r["unit"] === "総務部" && r["fiscalYear"] === 2025)?.["staff"]).toBe(94);
    const percent = await importJson(t, municipality.code, "mic", fixture("C-percent-format.xlsx"), ["--dry-run", "--year", "2024"]);
    expect(percent.report.problems).toEqual([]);
    expect(percent.exit).toBe(0);
    expect(percent.report.records.find((r) => r["fiscalYear"] === 2024 && r["sector"] === "zeimu")).toMatchObject({ actual: 30, simpleReference: 40, correctedReference: 41 });
  });

  it("field case D through the CLI: U+2212 is a minus sign", async () => {
    const t = get();
    const { municipality } = await cityWith(t);
    const { exit, report } = await importJson(t, municipality.code, "mic", fixture("D-minus-sign-u2212.csv"), ["--dry-run"]);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    expect(report.records.find((r) => r["fiscalYear"] === 2024 && r["sector"] === "zeimu")).toMatchObject({ actual: 30, simpleReference: 40, correctedReference: 41 });
  });

  it("field case E through the CLI: 12246 under 「道内」 is 012246 千歳市 with a note, never 122467 (千葉県)", async () => {
    const t = get();
    const { municipality } = await cityWith(t);
    const { exit, report } = await importJson(t, municipality.code, "mic", fixture("E-code-leading-zero-dropped.csv"), ["--dry-run"]);
    expect(report.problems).toEqual([]);
    expect(exit).toBe(0);
    expect(report.detected).toBe("roster");
    expect(report.records.map((r) => [r["code"], r["name"], r["prefecture"]])).toEqual([
      ["012050", "室蘭市", "北海道"],
      ["012319", "恵庭市", "北海道"],
      ["012351", "石狩市", "北海道"],
      ["012246", "千歳市", "北海道"],
      ["012343", "北広島市", "北海道"],
    ]);
    expect(report.warnings.find((w) => w.cell === "A7")?.message).toBe("団体コード「12246」は先頭の0が落ちたものとみなし、012246 (北海道・千歳市) と読みました");
  });

  it("field case E: without a prefecture the 5-digit code is ambiguous and refused with both readings; nothing is written", async () => {
    const t = get();
    const { municipality, tenant } = await cityWith(t);
    const path = join(dir, "e-no-title.csv");
    writeFileSync(path, readFileSync(fixture("E-code-leading-zero-dropped.csv"), "utf8").replace("道内類似団体との職員数の比較", "類似団体との職員数の比較"));
    const { exit, report } = await importJson(t, municipality.code, "mic", path);
    expect(exit).toBe(1);
    expect(report.problems.find((p) => p.cell === "A7")?.message).toBe(
      "団体コード「12246」は 012246 (北海道、先頭の0が落ちた6桁)とも、122467 (千葉県、検査数字を除いた5桁)とも読めるため、どちらか決められません。6桁の団体コードで書くか、都道府県名の列を加えてください",
    );
    expect(await tenant.roster.years()).toEqual([]);
  });

  it("a 名簿 population past PostgreSQL's integer (3,000,000,000) is refused naming the cell, and nothing is written (issue 14)", async () => {
    const t = get();
    const { municipality, tenant } = await cityWith(t);
    const path = join(dir, "roster-huge-population.csv");
    writeFileSync(path, readFileSync(fixture("E-code-leading-zero-dropped.csv"), "utf8").replace("12050,室蘭市,Ⅱ－３,76519,", "12050,室蘭市,Ⅱ－３,3000000000,"));
    const { exit, report, io } = await importJson(t, municipality.code, "mic", path);
    expect(io.stderr.join("\n")).not.toContain("予期しないエラー");
    expect(exit).toBe(1);
    expect(report.problems.find((p) => p.cell === "D4")?.message).toBe("人口が大きすぎます (2,147,483,647まで): 「3000000000」");
    expect(await tenant.roster.years()).toEqual([]);
  });

  it("field case E: a code that names another known municipality than the row's name is refused, never stored", async () => {
    const t = get();
    const path = join(dir, "e-wrong-name.csv");
    writeFileSync(path, readFileSync(fixture("E-code-leading-zero-dropped.csv"), "utf8").replace("12246,千歳市", "12246,恵庭市").replace("12319,恵庭市", "12319,恵庭市2"));
    const { exit, report } = await importJson(t, "012246", "mic", path, ["--dry-run"]);
    expect(exit).toBe(1);
    expect(report.problems.find((p) => p.cell === "A7")?.message).toBe(
      "団体コード「12246」に合う団体がありません: 012246 は「千歳市」のコードで、「恵庭市」ではありません。122467 は千葉県のコードで、北海道ではありません。6桁の団体コードで書いてください",
    );
  });
});
