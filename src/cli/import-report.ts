/**
 * What `gyokaku import` prints: one report per run, built from the preview the web form shows. Its JSON form
 * is a public contract: {"ok", "kind", "problems": [{"sheet", "cell", "row", "column", "message"}], "records": [...]}
 * (further keys may be added, never renamed).
 */
import { comparisonName } from "../domain/comparison.js";
import { formatFiscalYear } from "../domain/era.js";
import { CATEGORY_KEYS, categoryLabel } from "../domain/headcount.js";
import { describeRollUpGap } from "../domain/roll-up.js";
import type { Delimiter } from "../io/csv.js";
import { formatProblem, type ImportProblem } from "../io/problems.js";
import type { DetectedEncoding } from "../io/text-encoding.js";
import { describeUploadFormat, type UploadKind } from "../io/upload.js";
import type { AgeProfilePreview } from "../services/age-profile-import.js";
import { type ComparisonPreview, IMPORT_KIND_LABELS } from "../services/comparison-import.js";
import { changeCountsText, changeValueText, type ComparisonChanges, LISTED_COMPARISON_CHANGES } from "../services/comparison-import-changes.js";
import type { HeadcountPreview } from "../services/headcount-transfer.js";
import type { ReformImportPreview } from "../services/reform-transfer.js";

export const IMPORT_KINDS = ["headcounts", "age-profile", "mic", "reform"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A problem as the JSON report writes it: every key present, null where the place is not known. */
export interface ReportProblem {
  sheet: string | null;
  cell: string | null;
  row: number | null;
  column: number | null;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  kind: ImportKind;
  /** mic: which of MIC's tables the file was read as. */
  detected?: string | null;
  /** Errors: any one means nothing is written. */
  problems: ReportProblem[];
  /** Warnings and notes (written on, as the web form's apply is the confirmation). */
  warnings: ReportProblem[];
  /** What would be (or was) written. */
  records: Record<string, unknown>[];
  /** How the file was read, in Japanese (形式, 文字コード, 区切り, シート). */
  file: string;
  /** The preview's summary lines (counts, years, units). */
  summary: string[];
  dryRun: boolean;
  /** Rows written (0 on a dry run or when refused). */
  written: number;
  /** mic: each value the import writes against the stored one (the first LISTED_COMPARISON_CHANGES listed, all counted), as the web preview shows. */
  changes?: ComparisonChanges;
}

function asReportProblem(p: Partial<ImportProblem> & { message: string }): ReportProblem {
  return { sheet: p.sheet ?? null, cell: p.cell ?? null, row: p.row ?? null, column: p.column ?? null, message: p.message };
}

/** Splits a problem list into errors and warnings, as the report writes them. */
export function splitProblems(problems: readonly ImportProblem[]): { problems: ReportProblem[]; warnings: ReportProblem[] } {
  return {
    problems: problems.filter((p) => p.severity === "error").map(asReportProblem),
    warnings: problems.filter((p) => p.severity !== "error").map(asReportProblem),
  };
}

/** A refusal before any table was read (unreadable file, unknown option): one problem without a place. */
export function refusedReport(kind: ImportKind, message: string, dryRun: boolean): ImportReport {
  return { ok: false, kind, problems: [asReportProblem({ message })], warnings: [], records: [], file: "", summary: [], dryRun, written: 0 };
}

function fileLine(kind: UploadKind, encoding: DetectedEncoding | null, delimiter: Delimiter | null, sheets: readonly (string | null)[]): string {
  return describeUploadFormat({ kind, encoding, delimiter, sheets });
}

const years = (list: readonly number[]) => [...new Set(list)].sort((a, b) => a - b);

export function headcountReport(preview: HeadcountPreview, unitName: (id: number) => { name: string; code: string }, dryRun: boolean): ImportReport {
  const { problems, warnings } = splitProblems(preview.result.problems);
  const records = preview.result.records.map((r) => {
    const unit = unitName(r.unitId);
    return { unit: unit.name, unitCode: unit.code, fiscalYear: r.fiscalYear, ...Object.fromEntries(CATEGORY_KEYS.filter((k) => r.counts[k] !== undefined).map((k) => [k, r.counts[k]])) };
  });
  const changed = preview.changes.reduce((s, c) => s + c.units, 0);
  const summary = [
    `表の形: ${preview.layout === "table" ? "図表4 (年度が列)" : "縦持ち (1行1件)"}`,
    `年度: ${preview.result.years.map(formatFiscalYear).join("、") || "なし"}`,
    `組織: ${new Set(records.map((r) => r.unit)).size}、行: ${records.length}件 (うち変更 ${changed}件)`,
    ...(preview.result.quotas.length > 0 ? [`定数: ${preview.result.quotas.length}組織`] : []),
    ...preview.cellChanges.map((c) => `変更: ${c.unit} ${formatFiscalYear(c.fiscalYear)} ${categoryLabel(c.category)} ${c.before ?? "(なし)"} → ${c.after ?? "(なし)"}`),
    ...preview.quotaChanges.map((q) => `変更: ${q.unit} 定数 (${formatFiscalYear(q.fiscalYear)}から) ${q.before ?? "(なし)"} → ${q.after}`),
    ...preview.gaps.map((g) => `${formatFiscalYear(g.fiscalYear)}: ${describeRollUpGap(g)}`),
  ];
  return { ok: problems.length === 0, kind: "headcounts", problems, warnings, records, file: fileLine(preview.kind, preview.encoding, preview.delimiter, [preview.sheet]), summary, dryRun, written: 0 };
}

export function ageProfileReport(preview: AgeProfilePreview, unitName: (id: number) => { name: string; code: string }, dryRun: boolean): ImportReport {
  const { problems, warnings } = splitProblems(preview.result.problems);
  const records = preview.result.rows.map((r) => {
    const unit = unitName(r.unitId);
    return { unit: unit.name, unitCode: unit.code, baseYear: r.baseYear, cohort: r.cohort, category: r.category, count: r.count };
  });
  const summary = [
    `基準年度: ${years(records.map((r) => r.baseYear)).map(formatFiscalYear).join("、") || "なし"}`,
    `組織と基準年度の組: ${preview.profiles}、行: ${records.length}件 (変わる行 ${preview.changedCells}件)`,
  ];
  return { ok: problems.length === 0, kind: "age-profile", problems, warnings, records, file: fileLine(preview.kind, preview.encoding, preview.delimiter, [preview.sheet]), summary, dryRun, written: 0 };
}

function micRecords(preview: ComparisonPreview): Record<string, unknown>[] {
  const parsed = preview.parsed;
  if (!parsed) return [];
  switch (parsed.kind) {
    case "averages":
      return parsed.result.records.map((r) => ({ ...r }));
    case "roster":
      return [...parsed.result.records.map((r) => ({ ...r })), ...parsed.result.groupTotals.map((t) => ({ groupTotal: true, ...t }))];
    case "diagnosis": {
      const { current, previous } = parsed.result;
      return [
        ...(previous?.rows.filter((r) => r.actual !== null).map((r) => ({ fiscalYear: previous.fiscalYear, sector: r.sector, sectorName: comparisonName(r.sector), actual: r.actual })) ?? []),
        ...(current?.rows.map((r) => ({ fiscalYear: current.fiscalYear, sector: r.sector, sectorName: comparisonName(r.sector), actual: r.actual, simpleReference: r.simpleReference, correctedReference: r.correctedReference })) ?? []),
      ];
    }
    case "laspeyres":
      return parsed.result.records.map((r) => ({ ...r }));
    case "regression":
      return parsed.result.records.map((r) => ({ ...r }));
  }
}

export function micReport(preview: ComparisonPreview, dryRun: boolean): ImportReport {
  const { problems, warnings } = splitProblems(preview.problems);
  const summary = [`表: ${preview.kind ? IMPORT_KIND_LABELS[preview.kind] : "判別できません"}`, ...preview.summary];
  return {
    ok: problems.length === 0 && preview.parsed !== null,
    kind: "mic",
    detected: preview.kind,
    problems,
    warnings,
    records: micRecords(preview),
    file: fileLine(preview.fileKind, preview.encoding, preview.delimiter, preview.sheets),
    summary,
    dryRun,
    written: 0,
    ...(preview.changes ? { changes: preview.changes } : {}),
  };
}

/** The value lines of a MIC preview: the counts, then 「変更: 行 項目 登録済み → 取込後」 per listed value, then how many more. */
function changeLines(c: ComparisonChanges): string[] {
  const more = c.changed - c.listed.length;
  return [
    changeCountsText(c),
    ...c.listed.map((v) => `変更: ${v.row} ${v.field} ${changeValueText(v.before)} → ${changeValueText(v.after)}`),
    ...(more > 0 ? [`ほかに ${more.toLocaleString("ja-JP")}件の値が変わります (最初の${LISTED_COMPARISON_CHANGES}件を表示)`] : []),
  ];
}

export function reformReport(preview: ReformImportPreview, dryRun: boolean): ImportReport {
  const { problems, warnings } = splitProblems(preview.problems);
  const records = preview.items.map((i) => ({ sheet: i.sheet, number: i.number, name: i.name, fields: i.fields }));
  const changed = preview.items.filter((i) => i.fields.length > 0);
  const summary = [`版: ${formatFiscalYear(preview.fiscalYear)}`, `項目シート: ${preview.items.length}、変更のある項目: ${changed.length}${changed.length > 0 ? ` (${changed.map((i) => `(${i.number}) ${i.fields.join("・")}`).join("、")})` : ""}`];
  return { ok: problems.length === 0, kind: "reform", problems, warnings, records, file: preview.format, summary, dryRun, written: 0 };
}

function place(p: ReportProblem): string {
  return formatProblem({ severity: "error", row: p.row ?? 0, message: p.message, ...(p.sheet ? { sheet: p.sheet } : {}), ...(p.cell ? { cell: p.cell } : {}) });
}

/** The report as text lines for a terminal: how the file was read, the summary, every problem with its place. */
export function reportLines(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.file) lines.push(`形式: ${report.file}`);
  lines.push(...report.summary);
  if (report.changes) lines.push(...changeLines(report.changes));
  for (const p of report.problems) lines.push(`誤り: ${p.row === null && p.cell === null ? p.message : place(p)}`);
  for (const p of report.warnings) lines.push(`注意: ${p.row === null && p.cell === null ? p.message : place(p)}`);
  if (!report.ok) lines.push(`誤りが${report.problems.length}件あるため、何も書き込んでいません`);
  else if (report.dryRun) lines.push("--dry-run: 何も書き込んでいません");
  else lines.push(`書き込みました: ${report.written}件`);
  return lines;
}
