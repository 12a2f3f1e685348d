/**
 * Imports MIC's comparison data from xlsx or CSV (UTF-8 / Shift_JIS): group averages, the roster with staff by
 * sector, the municipality's own 定員管理診断表, ラスパイレス指数 and 定員回帰指標 coefficients. First a preview
 * that writes nothing; then the same file all or nothing, in one transaction, audited.
 */
import type { TenantDb } from "../db/tenant.js";
import { groupLabel } from "../domain/comparison.js";
import type { Actor } from "../domain/roles.js";
import { type GroupAverageRecord, type GroupAveragesImport, parseGroupAverages } from "../io/mic-averages.js";
import { compact, type Grid } from "../io/cells.js";
import { type OwnDiagnosisImport, parseOwnDiagnosis } from "../io/mic-diagnosis.js";
import { type LaspeyresImport, parseLaspeyres } from "../io/mic-laspeyres.js";
import { parseRegression, type RegressionImport } from "../io/mic-regression.js";
import { parseRoster, type RosterImport } from "../io/mic-roster.js";
import { hasErrors, type ImportProblem, onSheet, rowProblem } from "../io/problems.js";
import type { Delimiter } from "../io/csv.js";
import type { DetectedEncoding, TextEncodingName } from "../io/text-encoding.js";
import { readUpload, type UploadKind } from "../io/upload.js";
import { recordChange } from "./audit.js";
import { ImportRejected } from "./headcount-transfer.js";
import { requireAdmin } from "./authorization.js";
import { type ComparisonChanges, comparisonChanges } from "./comparison-import-changes.js";

export const COMPARISON_IMPORT_KINDS = ["averages", "roster", "diagnosis", "laspeyres", "regression"] as const;
export type ComparisonImportKind = (typeof COMPARISON_IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ComparisonImportKind, string> = {
  averages: "類似団体別の平均(人口1万人当たり職員数)",
  roster: "団体別職員数(名簿・図表8)",
  diagnosis: "本市の定員管理診断表(図表10)",
  laspeyres: "ラスパイレス指数(図表9)",
  regression: "定員回帰指標の係数",
};

export function isImportKind(value: string): value is ComparisonImportKind {
  return (COMPARISON_IMPORT_KINDS as readonly string[]).includes(value);
}

export interface ComparisonFile {
  filename: string;
  bytes: Uint8Array;
  /** CSV only: the character encoding, or "auto". */
  encoding?: TextEncodingName | "auto";
  kind?: ComparisonImportKind | "auto";
  /** The survey year when the file does not say (no title date, no 年度 column). */
  fiscalYear?: number;
  /** The current fiscal year at the edge (CLI or request clock, Japan time): how a year written without its era is read. */
  currentFiscalYear: number;
}

interface Sheet {
  name: string | null;
  rows: Grid;
}

export type ParsedImport =
  | { kind: "averages"; result: GroupAveragesImport }
  | { kind: "roster"; result: RosterImport }
  | { kind: "diagnosis"; result: OwnDiagnosisImport }
  | { kind: "laspeyres"; result: LaspeyresImport }
  | { kind: "regression"; result: RegressionImport };

export interface ComparisonPreview {
  /** null when the file is none of the tables this reads (the problems say so). */
  kind: ComparisonImportKind | null;
  fileKind: UploadKind;
  /** Text files: the encoding and delimiter detected from the content. */
  encoding: DetectedEncoding | null;
  delimiter: Delimiter | null;
  sheets: string[];
  parsed: ParsedImport | null;
  problems: ImportProblem[];
  /** What would be stored, one line each, in Japanese. */
  summary: string[];
  /** The values that would be written, stored → new (previewComparisonChangesFor; absent when not compared). */
  changes?: ComparisonChanges;
}

async function sheetsOf(file: ComparisonFile): Promise<{ fileKind: UploadKind; encoding: DetectedEncoding | null; delimiter: Delimiter | null; sheets: Sheet[] }> {
  const upload = await readUpload(file.filename, file.bytes, file.encoding ?? "auto");
  return { fileKind: upload.kind, encoding: upload.encoding, delimiter: upload.delimiter, sheets: upload.sheets };
}

/** Which of MIC's tables a grid is, from the words of its first rows; null when none fits. */
export function detectImportKind(rows: Grid): ComparisonImportKind | null {
  const text = rows.slice(0, 12).map((r) => r.map(compact).join("|")).join("\n");
  if (/定数項|切片/.test(text)) return "regression";
  if (/ラスパイレス|類似団体平均/.test(text)) return "laspeyres";
  if (/団体コード|市区町村コード|市町村コード/.test(text)) return "roster";
  if (/超過数|超過率|現在職員数/.test(text)) return "diagnosis";
  // MIC's 公表様式 「部門別職員数の状況」: sectors by row, two years of staff and 対前年増減数.
  if (/(^|\|)(大部門|部門|区分)(\||$)/m.test(text) && /職員数/.test(text) && /増減/.test(text)) return "diagnosis";
  if (/類型/.test(text) && /単純|修正/.test(text)) return "averages";
  return null;
}

function townHint(sheet: string | null): "town" | undefined {
  return sheet !== null && /町村/.test(sheet) ? "town" : undefined;
}


/**
 * 団体コード → 団体名 gyokaku already knows for a municipality: itself and every roster it imported. A roster row
 * whose code names another body than its name is refused (field case E).
 */
export async function knownMunicipalities(tenant: Pick<TenantDb, "roster">, own?: { code: string; name: string }): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  for (const fy of await tenant.roster.years()) for (const r of await tenant.roster.list(fy)) known.set(r.code, r.name);
  if (own) known.set(own.code, own.name);
  return known;
}

function parse(kind: ComparisonImportKind, sheets: readonly Sheet[], file: ComparisonFile, ownName: string, known: ReadonlyMap<string, string>): ParsedImport {
  const options = { currentFiscalYear: file.currentFiscalYear, ...(file.fiscalYear === undefined ? {} : { fiscalYear: file.fiscalYear }) };
  // Group averages and rosters come as one sheet per kind of municipality (一般市, 町村 …): read every sheet that fits.
  if (kind === "averages" || kind === "roster") {
    const fitting = sheets.filter((s) => detectImportKind(s.rows) === kind);
    const use = fitting.length > 0 ? fitting : sheets.slice(0, 1);
    if (kind === "averages") {
      const result: GroupAveragesImport = { records: [], problems: [] };
      for (const s of use) {
        const r = parseGroupAverages(s.rows, { ...options, kindHint: townHint(s.name) });
        result.records.push(...r.records);
        result.problems.push(...onSheet(r.problems, s.name));
      }
      return { kind, result };
    }
    const result: RosterImport = { records: [], groupTotals: [], problems: [] };
    for (const s of use) {
      const r = parseRoster(s.rows, { ...options, kindHint: townHint(s.name), known });
      result.records.push(...r.records);
      result.groupTotals.push(...r.groupTotals);
      result.problems.push(...onSheet(r.problems, s.name));
    }
    return { kind, result };
  }
  const sheet = sheets.find((s) => detectImportKind(s.rows) === kind) ?? sheets[0] ?? { name: null, rows: [] };
  const wrap = <T extends { problems: ImportProblem[] }>(r: T): T => ({ ...r, problems: onSheet(r.problems, sheet.name) });
  if (kind === "diagnosis") return { kind, result: wrap(parseOwnDiagnosis(sheet.rows, options)) };
  if (kind === "laspeyres") return { kind, result: wrap(parseLaspeyres(sheet.rows, { ...options, ownName, known })) };
  return { kind, result: wrap(parseRegression(sheet.rows, options)) };
}

const count = (n: number) => n.toLocaleString("ja-JP");

function years(list: readonly number[]): string {
  return [...new Set(list)].sort((a, b) => a - b).map((y) => `${y}年度`).join("、");
}

const NOTHING_READ = "取り込める行はありません";

function summarise(parsed: ParsedImport): string[] {
  // A file whose every row was refused has nothing to summarise (the problems say why): never 「: 0類型 ()」.
  if ((parsed.kind === "averages" || parsed.kind === "roster" || parsed.kind === "laspeyres" || parsed.kind === "regression") && parsed.result.records.length === 0) return [NOTHING_READ];
  switch (parsed.kind) {
    case "averages": {
      const groups = [...new Set(parsed.result.records.map((r) => r.groupKey))];
      return [`${years(parsed.result.records.map((r) => r.fiscalYear))}: ${groups.length}類型 (${groups.slice(0, 8).map(groupLabel).join("、")}${groups.length > 8 ? " ほか" : ""})、部門別の平均 ${count(parsed.result.records.length)}件`];
    }
    case "roster": {
      const r = parsed.result;
      const lines = [`${years(r.records.map((x) => x.fiscalYear))}: ${count(r.records.length)}団体、部門別職員数 ${count(r.records.reduce((s, x) => s + Object.keys(x.staff).length, 0))}件`];
      for (const key of new Set(r.groupTotals.map((t) => t.groupKey))) {
        const t = r.groupTotals.find((x) => x.groupKey === key);
        lines.push(`合計行: ${groupLabel(key)} ${t?.members ?? "?"}団体、人口 ${t?.population === null || t?.population === undefined ? "?" : count(t.population)}`);
      }
      return lines;
    }
    case "diagnosis": {
      const r = parsed.result;
      const lines: string[] = [];
      if (r.current) lines.push(`${r.current.fiscalYear}年度 (B): ${r.current.rows.length}部門の職員数と、単純値・修正値による職員数`);
      if (r.previous) lines.push(`${r.previous.fiscalYear}年度 (A): ${r.previous.rows.filter((x) => x.actual !== null).length}部門の職員数`);
      return lines;
    }
    case "laspeyres":
      return [`${years(parsed.result.records.map((r) => r.fiscalYear))}: ${parsed.result.records.length}件 (${[...new Set(parsed.result.records.map((r) => r.label))].join("、")})`];
    case "regression":
      return parsed.result.records.map((r) => `${r.fiscalYear}年度 ${r.sector === "ippan" ? "一般行政" : "普通会計"}: 定数項 ${r.constant}、人口の係数 ${r.populationCoef}、面積の係数 ${r.areaCoef}`);
  }
}

/**
 * Who may import 類似団体比較 data: the secretariat only. importComparison and the web preview check it; the import routes ask it before
 * they read the upload (role before input), so the rule and its message live here once.
 * @throws GyokakuError forbidden 「類似団体比較のデータを取り込む権限がありません」
 */
export function authorizeComparisonImport(actor: Actor): void {
  requireAdmin(actor, "類似団体比較のデータを取り込む");
}

/**
 * Reads and checks a file without writing anything.
 * @param known 団体コード → 団体名 to cross-check roster rows with (knownMunicipalities).
 */
export async function previewComparisonImport(file: ComparisonFile, ownName: string, known: ReadonlyMap<string, string> = new Map()): Promise<ComparisonPreview> {
  const { fileKind, encoding, delimiter, sheets } = await sheetsOf(file);
  let kind: ComparisonImportKind | null = file.kind && file.kind !== "auto" ? file.kind : null;
  for (const s of sheets) kind ??= detectImportKind(s.rows);
  if (!kind) {
    const problems = [rowProblem("error", 1, "どの表か判別できません。取込画面で「取り込む表」を選んでください (見出しに「団体コード」「類型」「超過数」「ラスパイレス」「定数項」などが必要です)")];
    return { kind: null, fileKind, encoding, delimiter, sheets: sheets.map((s) => s.name ?? ""), parsed: null, problems, summary: [] };
  }
  const parsed = parse(kind, sheets, file, ownName, known);
  return { kind, fileKind, encoding, delimiter, sheets: sheets.map((s) => s.name ?? ""), parsed, problems: parsed.result.problems, summary: summarise(parsed) };
}

/**
 * The web's preview: previewComparisonImport plus, when the file was read, each value it would write compared with
 * what the municipality has stored (services/comparison-import-changes.ts). Only an administrator may preview.
 * @throws GyokakuError forbidden for anyone else.
 */
export async function previewComparisonChangesFor(
  tenant: Pick<TenantDb, "groupAverages" | "laspeyres" | "ownDiagnosis" | "regression" | "roster">,
  actor: Actor,
  file: ComparisonFile,
  ownName: string,
  known: ReadonlyMap<string, string>,
): Promise<ComparisonPreview> {
  authorizeComparisonImport(actor);
  const preview = await previewComparisonImport(file, ownName, known);
  return preview.parsed ? { ...preview, changes: await comparisonChanges(tenant, preview.parsed) } : preview;
}

function byYear<T extends { fiscalYear: number }>(records: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of records) map.set(r.fiscalYear, [...(map.get(r.fiscalYear) ?? []), r]);
  return map;
}

async function mergeAverages(tx: Pick<TenantDb, "groupAverages">, records: readonly GroupAverageRecord[], source: string): Promise<void> {
  for (const [fy, rows] of byYear(records)) await tx.groupAverages.merge(fy, rows, source);
}

/** What importComparison reads and writes of the municipality's repositories (a type error to reach another). */
export type ImportComparisonDb = Pick<TenantDb, "audit" | "groupAverages" | "laspeyres" | "ownDiagnosis" | "regression" | "roster" | "transaction">;

/**
 * Applies a file: all of it or nothing. Returns the number of records written. `file.importedOn` is today's date in
 * Japan ("YYYY-MM-DD", from the edge's clock): the records' source says 「<file> (<date> 取込)」.
 */
export async function importComparison(
  tenant: ImportComparisonDb,
  actor: Actor,
  file: ComparisonFile & { importedOn: string },
  ownName: string,
  known?: ReadonlyMap<string, string>,
): Promise<{ preview: ComparisonPreview; written: number }> {
  authorizeComparisonImport(actor);
  const preview = await previewComparisonImport(file, ownName, known ?? (await knownMunicipalities(tenant)));
  if (hasErrors(preview.problems)) throw new ImportRejected(preview.problems);
  const source = `${file.filename} (${file.importedOn} 取込)`;
  const parsed = preview.parsed;
  if (!parsed) throw new ImportRejected(preview.problems);
  return tenant.transaction(async (tx) => {
    let written = 0;
    switch (parsed.kind) {
      case "averages":
        await mergeAverages(tx, parsed.result.records, source);
        written = parsed.result.records.length;
        break;
      case "roster":
        for (const [fy, rows] of byYear(parsed.result.records)) await tx.roster.replaceMembers(fy, rows);
        await mergeAverages(tx, parsed.result.groupTotals, source);
        written = parsed.result.records.length + parsed.result.groupTotals.length;
        break;
      case "diagnosis": {
        const { current, previous } = parsed.result;
        if (previous) await tx.ownDiagnosis.setActuals(previous.fiscalYear, previous.rows.filter((r) => r.actual !== null), source);
        if (current) await tx.ownDiagnosis.upsertYear(current.fiscalYear, current.rows, source);
        written = (current?.rows.length ?? 0) + (previous?.rows.filter((r) => r.actual !== null).length ?? 0);
        break;
      }
      case "laspeyres":
        for (const r of parsed.result.records) await tx.laspeyres.upsert({ ...r, source });
        written = parsed.result.records.length;
        break;
      case "regression":
        for (const r of parsed.result.records) await tx.regression.upsert({ ...r, source });
        written = parsed.result.records.length;
        break;
    }
    await recordChange(tx, actor, {
      action: "create",
      entity: "comparison-import",
      entityId: file.filename.slice(0, 64),
      summary: `${IMPORT_KIND_LABELS[parsed.kind]}を取込: ${file.filename} (${preview.summary.join(" / ").slice(0, 300)})`,
    });
    return { preview, written };
  });
}
