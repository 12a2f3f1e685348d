import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import type { LineDecision } from "../../src/domain/hearing.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { runForm, staffLine } from "../support/hearing-run.js";

/** The rows of a sheet below its header row (the row whose first cell is 「部局」), each as header → value. */
function table(workbook: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`sheet ${name} missing`);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
  const at = rows.findIndex((r) => r[0] === "部局");
  const header = (rows[at] ?? []).map(String);
  return rows.slice(at + 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
}

describeEachDatabase("the round's xlsx export", (get) => {
  it("carries the 再任用・任期付 part asked and decided apart, and every section of 様式1, read back with exceljs", async () => {
    const site = await demoSite(get, { kikaku: "110" });
    const { tenant } = site;
    const roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [site.kikaku.id] });
    const line = (id: string, employment: string, current: number, increase: number, decrease: number) => ({
      id,
      unitId: site.kikaku.id,
      category: "一般事務",
      employment,
      current,
      years: [{ increase, decrease }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }],
      increaseReason: increase > 0 ? "業務増" : "",
      decreaseReason: decrease > 0 ? "任期満了" : "",
      driver: "none",
    });
    const lines = [{ ...(await staffLine(tenant, roundId, site.kikaku.id, 2)), id: "L1" }, line("L2", "reappointed", 3, 2, 0), line("L3", "fixed_term", 2, 0, 1)];
    const decide = (id: string): LineDecision => (id === "L2" ? { outcome: "partial", approvedChange: 1, reason: "1人のみ" } : { outcome: "approved", reason: "" });
    await runForm(tenant, roundId, site.kikaku.id, 3, { lines }, decide);
    const form1 = {
      issues: "DX推進の専任体制がない",
      priorities: "窓口のオンライン化",
      workloads: [{ id: "W1", work: "ふるさと納税事務", unitId: site.kikaku.id, previousCount: 8000, currentCount: 10000, note: "返礼品の拡充" }],
      ict: [{ id: "I1", kind: "RPA", description: "給与入力の自動化", reformKey: null, startYear: 2027 }],
      outsourcing: [{ id: "O1", kind: "指定管理", work: "市民会館の管理", description: "指定管理者制度の導入", startYear: 2028 }],
      units: [{ unitId: site.kikaku.id, overtimeHours: 4200, vacancies: 1 }],
      requests: [{ id: "Q1", text: "DX担当の増員" }],
    };
    await runForm(tenant, roundId, site.kikaku.id, 1, form1, decide);

    const admin = await site.client("admin");
    const file = await admin.get(`/hearings/${roundId}/overview.xlsx`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["全体集計", "人員計画", "組織改正", "要望", "定数との照合", "現状と課題", "業務量の変化", "ICT活用", "民間委託等", "時間外勤務・欠員"]);

    const y = "令和9年度(2027年度)";
    const summary = table(workbook, "全体集計");
    const unit = summary.find((r) => r["部局"] === "企画部" && r["組織"] === "企画部");
    // 67 + 2 (正規) + 2 (再任用) − 1 (任期付) asked; 67 + 2 + 1 − 1 decided.
    expect(unit).toMatchObject({ [`要求(${y})`]: 70, [`決定(${y})`]: 69, [`うち再任用の増減 要求(${y})`]: 2, [`うち再任用の増減 決定(${y})`]: 1, [`うち任期付の増減 要求(${y})`]: -1, [`うち任期付の増減 決定(${y})`]: -1 });
    expect(summary.find((r) => r["部局"] === "合計")).toMatchObject({ [`うち再任用の増減 要求(${y})`]: 2, [`うち任期付の増減 決定(${y})`]: -1 });
    expect(table(workbook, "人員計画").map((r) => [r["行ID"], r["任用区分"], r["現員"]])).toEqual([
      ["L1", "正規", 67],
      ["L2", "再任用", 3],
      ["L3", "任期付", 2],
    ]);

    expect(table(workbook, "現状と課題")).toEqual([{ 部局: "企画部", 現状と課題: "DX推進の専任体制がない", 重点的な取組: "窓口のオンライン化" }]);
    expect(table(workbook, "業務量の変化")).toEqual([{ 部局: "企画部", 行ID: "W1", 業務名: "ふるさと納税事務", 担当組織: "企画部", 前年度件数: 8000, "今年度件数(見込)": 10000, "前年比(%)": 125, 備考: "返礼品の拡充" }]);
    expect(table(workbook, "ICT活用")).toEqual([{ 部局: "企画部", 行ID: "I1", 種類: "RPA", ICT活用の内容: "給与入力の自動化", 関連する重点推進項目: null, 実施年度: y }]);
    expect(table(workbook, "民間委託等")).toEqual([{ 部局: "企画部", 行ID: "O1", 種類: "指定管理", 対象業務: "市民会館の管理", 内容: "指定管理者制度の導入", 実施年度: "令和10年度(2028年度)" }]);
    expect(table(workbook, "時間外勤務・欠員")).toEqual([{ 部局: "企画部", 組織: "企画部", "時間外勤務時間(年間)": 4200, 欠員数: 1 }]);
  }, 120_000);
});
