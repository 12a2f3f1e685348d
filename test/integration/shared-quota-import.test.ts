/**
 * Issue 13 point 4a in the importers: a 図表4 workbook whose 定数 cell is merged over the rows of several 任命権者 states
 * one quota for them together (条例 that set one figure for 市長の事務部局, 選挙管理委員会, 公平委員会 and 農業委員会). It is
 * stored once as a quota shared by those units — never the whole figure on the first one, never once per row.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { importHeadcounts, previewHeadcountImport } from "../../src/services/headcount-transfer.js";
import { headcountTable } from "../../src/services/staffing.js";
import { createUnit } from "../../src/services/organisation.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";

const AUTHORITIES = [
  { code: "100", name: "市長部局", staff: 500 },
  { code: "520", name: "選挙管理委員会", staff: 4 },
  { code: "540", name: "公平委員会", staff: 1 },
  { code: "550", name: "農業委員会", staff: 5 },
];

async function workbook(merged: boolean): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("図表4");
  sheet.addRow(["", "令7 (2025)", "定数"]);
  AUTHORITIES.forEach((a, i) => sheet.addRow([a.name, a.staff, i === 0 ? 530 : null]));
  sheet.addRow(["消防", 130, 135]);
  if (merged) sheet.mergeCells("C2:C5");
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describeEachDatabase("共同の定数 in the 図表4 import (issue 13 point 4a)", (get) => {
  it("a 定数 cell merged over several 任命権者 is one quota shared by them, stored once; the others keep their own", async () => {
    const { db } = get().database;
    const municipality = await buildMunicipality(db, { name: "共同定数市" });
    const tenant = new TenantDb(db, municipality.id);
    for (const a of [...AUTHORITIES, { code: "300", name: "消防" }]) {
      await createUnit(tenant, CLI_ACTOR, { code: a.code, name: a.name, kind: "authority", parentId: null, sector: null, validFrom: null, validTo: null });
    }
    const file = { filename: "zuhyo4.xlsx", bytes: await workbook(true) };
    const preview = await previewHeadcountImport(tenant, { ...file, currentFiscalYear: 2026 });
    expect(preview.result.problems.filter((p) => p.severity === "error")).toEqual([]);
    const ids = new Map((await tenant.units.list()).map((u) => [u.name, u.id]));
    const members = AUTHORITIES.map((a) => ids.get(a.name));
    expect(preview.result.quotas).toEqual([
      { unitId: ids.get("市長部局"), quota: 530, memberUnitIds: members },
      { unitId: ids.get("消防"), quota: 135 },
    ]);
    await importHeadcounts(tenant, CLI_ACTOR, { ...file, currentFiscalYear: 2026 });
    const quotas = await tenant.quotas.list();
    expect(quotas.map((q) => [q.unit_id, q.quota])).toEqual([
      [ids.get("市長部局"), 530],
      [ids.get("消防"), 135],
    ]);
    const shared = quotas.find((q) => q.unit_id === ids.get("市長部局"));
    expect((await tenant.quotas.members()).filter((m) => m.quota_id === shared?.id).map((m) => m.unit_id).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([...members].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // Importing the same file again changes nothing.
    expect((await importHeadcounts(tenant, CLI_ACTOR, { ...file, currentFiscalYear: 2026 })).changed).toBe(0);
    // 図表4 says the figure is theirs together (on the row it is recorded on, with the members named), not 市長部局's own.
    const table = await headcountTable(tenant, { from: 2025, to: 2025 });
    expect(table.rows.find((r) => r.name === "市長部局" && r.row === "unit")?.quotaSharedBy).toEqual(AUTHORITIES.map((a) => a.name));
    expect(table.rows.find((r) => r.name === "消防")?.quotaSharedBy).toBeUndefined();
  });

  it("without the merge the figure belongs to the row it is written in (the file states no group)", async () => {
    const { db } = get().database;
    const municipality = await buildMunicipality(db, { name: "単独定数市" });
    const tenant = new TenantDb(db, municipality.id);
    for (const a of [...AUTHORITIES, { code: "300", name: "消防" }]) {
      await createUnit(tenant, CLI_ACTOR, { code: a.code, name: a.name, kind: "authority", parentId: null, sector: null, validFrom: null, validTo: null });
    }
    const preview = await previewHeadcountImport(tenant, { currentFiscalYear: 2026, filename: "zuhyo4.xlsx", bytes: await workbook(false) });
    expect(preview.result.quotas.map((q) => [q.quota, q.memberUnitIds ?? null])).toEqual([
      [530, null],
      [135, null],
    ]);
  });
});
