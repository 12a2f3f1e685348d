/**
 * The projection as a workbook (推計・採用計画の書出し): the chosen plan year by year, the levelled plan against
 * one-for-one replacement, and the conditions it was computed under. Labels come in already worded.
 */
import { formatFiscalYear } from "../domain/era.js";
import type { LevelledPlan, ProjectionYear } from "../domain/projection.js";
import { writeXlsx } from "./xlsx.js";

/** What the workbook shows: the projection of a scenario (人 per fiscal year) and its conditions in words. */
export interface ProjectionWorkbookInput {
  baseYear: number;
  toYear: number;
  /** The projection of the chosen hiring mode, base year first. */
  years: readonly ProjectionYear[];
  levelled: LevelledPlan;
  oneForOne: { hires: Record<number, number>; years: readonly ProjectionYear[] };
  warnings: readonly string[];
  labels: {
    /** 対象: 「全体」 or the unit's name with 「(下位組織を含む)」. */
    scope: string;
    mode: string;
    hireAge: number;
    hireCategory: string;
    /** 最終年度の目標職員数 (人), null for the quota. */
    target: number | null;
    /** 許容率 (%), null for the municipality's setting. */
    allowancePercent: number | null;
    leaverRates: string;
  };
}

/** Writes the three sheets 推計, 比較 and 条件 (xlsx bytes). */
export async function projectionWorkbook(input: ProjectionWorkbookInput): Promise<Uint8Array> {
  const table: (string | number | null)[][] = [["年度", "年度(和暦)", "定年退職者", "その他の退職者", "採用者", "職員数(4月1日)", "条例定数", "上限", "上限との差"]];
  for (const y of input.years) {
    table.push([y.fiscalYear, formatFiscalYear(y.fiscalYear), y.retirees, y.otherLeavers, y.fiscalYear === input.baseYear ? null : y.hires, y.headcount, y.quota, y.cap, y.overCap]);
  }
  const levelled = input.levelled.ok ? input.levelled : null;
  const comparison: (string | number | null)[][] = [["年度", "平準化 採用者", "平準化 職員数", "退職者数を補充 採用者", "退職者数を補充 職員数"]];
  input.years.forEach((y, i) => {
    const base = y.fiscalYear === input.baseYear;
    comparison.push([
      y.fiscalYear,
      levelled && !base ? (levelled.hires[y.fiscalYear] ?? 0) : null,
      levelled?.years[i]?.headcount ?? null,
      base ? null : (input.oneForOne.hires[y.fiscalYear] ?? 0),
      input.oneForOne.years[i]?.headcount ?? null,
    ]);
  });
  const l = input.labels;
  const conditions: (string | number | null)[][] = [
    ["項目", "値"],
    ["対象", l.scope],
    ["基準年度", formatFiscalYear(input.baseYear)],
    ["終了年度", formatFiscalYear(input.toYear)],
    ["採用の方式", l.mode],
    ["採用時の年齢", l.hireAge],
    ["採用する職種", l.hireCategory],
    ["最終年度の目標職員数", l.target ?? "条例定数"],
    ["許容率(%)", l.allowancePercent ?? "市の設定"],
    ["その他の退職率", l.leaverRates || "なし"],
    ["平準化の考え方", "上限を毎年守り、最終年度に目標の職員数に戻す採用計画のうち、各年度の採用者数のばらつき(二乗和)が最も小さいもの"],
    ["平準化の結果", input.levelled.ok ? (input.levelled.note ?? "目標どおり") : input.levelled.reason],
    ["注意", input.warnings.join(" / ") || "なし"],
  ];
  return writeXlsx([
    { name: "推計", rows: table, columnWidths: [8, 24, 12, 14, 10, 16, 10, 10, 12] },
    { name: "比較", rows: comparison, columnWidths: [8, 16, 16, 22, 22] },
    { name: "条件", rows: conditions, columnWidths: [22, 80] },
  ]);
}
