import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { parseCsv } from "../../src/io/csv.js";
import { decodeText, encodeText } from "../../src/io/text-encoding.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { exportHeadcounts, importHeadcounts } from "../../src/services/headcount-transfer.js";
import { createUnit } from "../../src/services/organisation.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildUser } from "../support/factories.js";

const SEED_TSV = readFileSync(new URL("../fixtures/seed-zuhyo4.tsv", import.meta.url), "utf8");

async function snapshot(tenant: TenantDb) {
  return JSON.stringify({ headcounts: await tenant.headcounts.list(), quotas: await tenant.quotas.list() });
}

describeEachDatabase("importing and exporting headcounts", (get) => {
  const demo = () => demoSite(get);

  it("refuses the seed's own 図表4 as printed: 平28 (2015) is reported with its cell, and nothing is written", async () => {
    const { tenant } = await demo();
    const before = await snapshot(tenant);
    const file = { filename: "zuhyo4.tsv", bytes: new TextEncoder().encode(SEED_TSV) };
    const error = await importHeadcounts(tenant, CLI_ACTOR, { ...file, currentFiscalYear: 2026 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input" });
    const problems = (error as { problems: { cell?: string; message: string; severity: string }[] }).problems;
    const mismatch = problems.find((p) => p.message.includes("2015"));
    expect(mismatch?.cell).toMatch(/^[A-Z]+\d+$/);
    expect(mismatch?.message).toContain("2016");
    expect(await snapshot(tenant)).toBe(before);
  });

  it("an upload with one bad cell writes nothing and names the cell (HTTP)", async () => {
    const { db } = get().database;
    const { municipality, tenant } = await demo();
    const admin = await buildUser(db, municipality, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(municipality.id, admin.username);
    await client.get("/staffing/import");
    const csv = "組織,年度,区分,人数\r\n企画部,令和7年度,職員数,70\r\n総務部,R7,職員数,abc\r\n";
    const before = await snapshot(tenant);
    const response = await client.post("/staffing/import", { step: "apply", filename: "bad.csv", encoding: "utf-8", layout: "auto", data: Buffer.from(csv).toString("base64") });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("D3");
    expect(html).toContain("何も取り込んでいません");
    expect(await snapshot(tenant)).toBe(before);
  });

  it("imports a valid long-format file in one go and audits each changed row", async () => {
    const { tenant } = await demo();
    const planning = await tenant.units.getByCode("110");
    const csv = "組織コード,年度,区分,人数\r\n110,2026,職員数,70\r\n120,2026,職員数,95\r\n100,2026,派遣職員,12\r\n";
    const { changed } = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "r8.csv", bytes: new TextEncoder().encode(csv) });
    expect(changed).toBe(3);
    expect((await tenant.headcounts.get(planning?.id ?? 0, 2026))?.staff).toBe(70);
    const audit = await tenant.audit.list({ entity: "headcount", limit: 10, offset: 0 });
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining(["110/2026", "120/2026", "100/2026"]));
  });

  it("round-trips 図表4 through xlsx: export, then import changes nothing", async () => {
    const { tenant } = await demo();
    const file = await exportHeadcounts(tenant, { from: 2005, to: 2025, layout: "table", kind: "xlsx" });
    const sheets = await readXlsx(file.bytes);
    expect(sheets[0]?.rows.some((r) => r.includes("1104") || r.includes("1,104"))).toBe(true);
    const before = await snapshot(tenant);
    const { changed } = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: file.filename, bytes: file.bytes });
    expect(changed).toBe(0);
    expect(await snapshot(tenant)).toBe(before);
  });

  it("keeps 「髙」「﨑」 intact through a Shift_JIS CSV export and import", async () => {
    const { tenant } = await demo();
    const unit = await createUnit(tenant, CLI_ACTOR, { code: "195", name: "髙﨑記念室", kind: "department", parentId: (await tenant.units.getByCode("100"))?.id ?? null, sector: "somu", validFrom: null, validTo: null });
    await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "a.csv", bytes: new TextEncoder().encode("組織,年度,区分,人数\r\n髙﨑記念室,2025,職員数,3\r\n") });
    const file = await exportHeadcounts(tenant, { from: 2025, to: 2025, layout: "long", kind: "csv", encoding: "shift_jis" });
    expect(decodeText(file.bytes, "auto").encoding).toBe("shift_jis");
    const text = decodeText(file.bytes, "shift_jis").text;
    expect(parseCsv(text).some((row) => row.includes("髙﨑記念室"))).toBe(true);
    const edited = text.replace(/(髙﨑記念室,2025,職員数,)3/, "$14");
    expect(edited).not.toBe(text);
    await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "b.csv", bytes: encodeText(edited, "shift_jis") });
    expect((await tenant.headcounts.get(unit.id, 2025))?.staff).toBe(4);
  });

  it("answers a file that is not a spreadsheet with a clear error", async () => {
    const { tenant } = await demo();
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const before = await exportHeadcounts(tenant, { from: 2000, to: 2030, layout: "long", kind: "csv", encoding: "utf-8" });
    const refused = await importHeadcounts(tenant, CLI_ACTOR, { currentFiscalYear: 2026, filename: "broken.xlsx", bytes: broken }).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(refused).toBe("broken.xlsx: Excelファイル(xlsx)として読めません: zip 形式ではないか、ファイルが壊れています");
    const after = await exportHeadcounts(tenant, { from: 2000, to: 2030, layout: "long", kind: "csv", encoding: "utf-8" });
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
  });

  it("lets only the secretariat import", async () => {
    const { db } = get().database;
    const { municipality } = await demo();
    const viewer = await buildUser(db, municipality, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(municipality.id, viewer.username);
    await client.get("/");
    expect((await client.get("/staffing/import")).status).toBe(403);
    expect((await client.post("/staffing/import", { step: "apply", filename: "x.csv", data: Buffer.from("a").toString("base64") })).status).toBe(403);
    const exported = await client.get("/staffing/headcounts.csv?encoding=shift_jis");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("Shift_JIS");
  });
});
