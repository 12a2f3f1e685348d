/**
 * `gyokaku import KIND FILE --municipality CODE [--database URL] [--year FY] [--encoding auto|utf-8|shift_jis]
 * [--dry-run] [--format text|json]`: the web forms' import services from a terminal. It prints the preview (how
 * the file was read, counts, years, units, every problem with its place), writes nothing when there is an error
 * or with --dry-run, and exits 1 when there is an error.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { currentFiscalYear, todayInJapan } from "../../web/format.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import type { TextEncodingName } from "../../io/text-encoding.js";
import { AgeProfileImportRejected, importAgeProfileFile, previewAgeProfileImport } from "../../services/age-profile-import.js";
import { CLI_ACTOR } from "../../services/audit.js";
import { importComparison, knownMunicipalities, previewComparisonChangesFor } from "../../services/comparison-import.js";
import { ImportRejected, importHeadcounts, previewHeadcountImport } from "../../services/headcount-transfer.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { importReformWorkbook, previewReformImport, ReformImportRejected } from "../../services/reform-transfer.js";
import { latestEditionYear } from "../../services/reform-views.js";
import { ageProfileReport, headcountReport, type ImportKind, IMPORT_KINDS, type ImportReport, micReport, reformReport, refusedReport, reportLines, splitProblems } from "../import-report.js";
import { ExitCode } from "../exit.js";
import type { CliIo } from "../program.js";
import { stages } from "../progress.js";
import { cliMessage } from "../field-hints.js";

interface ImportOptions {
  municipality: string;
  database?: string;
  year?: string;
  encoding: "auto" | TextEncodingName;
  dryRun?: boolean;
  format: "text" | "json";
}

function yearOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text.trim())) throw new GyokakuError("invalid_input", `--year は西暦4桁の年度で指定してください (例: 2025): 「${text}」`);
  return Number(text.trim());
}

/** --year on a file of figures by year: every year of the file must be that year (nothing else is written). */
function onlyYear(report: ImportReport, year: number | undefined, key: "fiscalYear" | "baseYear"): void {
  if (year === undefined) return;
  const others = [...new Set(report.records.map((r) => r[key]).filter((y): y is number => typeof y === "number" && y !== year))].sort((a, b) => a - b);
  if (others.length === 0) return;
  report.problems.push({ sheet: null, cell: null, row: null, column: null, message: `--year ${year} と違う年度の行があります: ${others.map(formatFiscalYear).join("、")} (--year を外すか、ファイルをその年度だけにしてください)` });
  report.ok = false;
}

async function run(io: CliIo, kind: ImportKind, path: string, opts: ImportOptions): Promise<ImportReport> {
  const dryRun = opts.dryRun === true;
  let year: number | undefined;
  try {
    year = yearOption(opts.year);
  } catch (error) {
    if (isGyokakuError(error)) return refusedReport(kind, error.message, dryRun);
    throw error;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    return refusedReport(kind, `ファイルを読めません: ${path} (場所と名前を確かめてください)`, dryRun);
  }
  const filename = basename(path);
  const progress = stages(io, ["読み込み・検査", "書き込み"]);
  const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env));
  try {
    const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
    const tenant = new TenantDb(database.db, municipality.id);
    const unitsById = new Map((await tenant.units.list()).map((u) => [u.id, { name: u.name, code: u.code }]));
    const unitName = (id: number) => unitsById.get(id) ?? { name: `#${id}`, code: "" };
    let report: ImportReport;
    let apply: () => Promise<number>;
    switch (kind) {
      case "headcounts": {
        const file = { filename, bytes, encoding: opts.encoding, currentFiscalYear: currentFiscalYear() };
        const preview = await previewHeadcountImport(tenant, file);
        report = headcountReport(preview, unitName, dryRun);
        onlyYear(report, year, "fiscalYear");
        apply = async () => (await importHeadcounts(tenant, CLI_ACTOR, { ...file, basis: preview.basis })).changed;
        break;
      }
      case "age-profile": {
        const file = { filename, bytes, encoding: opts.encoding, currentFiscalYear: currentFiscalYear() };
        const preview = await previewAgeProfileImport(tenant, file);
        report = ageProfileReport(preview, unitName, dryRun);
        onlyYear(report, year, "baseYear");
        apply = async () => (await importAgeProfileFile(tenant, CLI_ACTOR, { ...file, basis: preview.basis })).changed;
        break;
      }
      case "mic": {
        const file = { filename, bytes, encoding: opts.encoding, currentFiscalYear: currentFiscalYear(), ...(year === undefined ? {} : { fiscalYear: year }) };
        const known = await knownMunicipalities(tenant, municipality);
        report = micReport(await previewComparisonChangesFor(tenant, CLI_ACTOR, file, municipality.name, known), dryRun);
        apply = async () => (await importComparison(tenant, CLI_ACTOR, { ...file, importedOn: todayInJapan() }, municipality.name, known)).written;
        break;
      }
      case "reform": {
        const edition = year ?? (await latestEditionYear(tenant));
        if (edition === null) return refusedReport(kind, "改革項目の版がありません (--year で版の年度を指定してください)", dryRun);
        report = reformReport(await previewReformImport(tenant, edition, bytes, filename), dryRun);
        apply = async () => (await importReformWorkbook(tenant, CLI_ACTOR, edition, bytes, filename)).changed;
        break;
      }
    }
    progress.next();
    if (report.ok && !dryRun) {
      try {
        report.written = await apply();
      } catch (error) {
        // The import checks the file again inside its transaction: what it refuses there is reported the same way.
        if (error instanceof ImportRejected || error instanceof ReformImportRejected || error instanceof AgeProfileImportRejected) {
          const split = splitProblems(error.problems);
          const problems = split.problems.length > 0 ? split.problems : [{ sheet: null, cell: null, row: null, column: null, message: error.message }];
          report = { ...report, ok: false, problems, warnings: split.warnings };
        } else throw error;
      }
    }
    progress.next();
    return report;
  } catch (error) {
    if (isGyokakuError(error) && (error.code === "invalid_input" || error.code === "not_found")) return refusedReport(kind, cliMessage(error), dryRun);
    throw error;
  } finally {
    progress.stop();
    await database.close();
  }
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command("import")
    .description("ファイルを取り込む (Web の取込画面と同じ検査。誤りが1件でもあれば何も書き込まず、終了コード1)")
    .argument("<kind>", `取り込む表: ${IMPORT_KINDS.join(" | ")} (mic は類似団体平均・団体別職員数・診断表・ラスパイレス指数・定員回帰指標を見分けます)`)
    .argument("<file>", "ファイル (.xlsx / .csv / .txt。文字コードと区切り文字は中身から判定します)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .option("--year <fy>", "年度 (西暦)。mic: ファイルに調査年がないときの年度、reform: 版の年度 (既定: 最新の版)、headcounts / age-profile: ファイルがこの年度だけであることを確かめる")
    .addOption(new Option("--encoding <encoding>", "テキストファイルの文字コード (UTF-16 は BOM から自動で読みます)").choices(["auto", "utf-8", "shift_jis"]).default("auto"))
    .option("--dry-run", "検査と内容の表示だけをして、何も書き込まない")
    .addOption(new Option("--format <format>", "出力の形式").choices(["text", "json"]).default("text"))
    .action(async (kind: string, file: string, opts: ImportOptions) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new GyokakuError("invalid_input", `取り込む表「${kind}」は選べません (${IMPORT_KINDS.join(" / ")})`);
      const report = await run(io, kind as ImportKind, file, opts);
      if (opts.format === "json") io.out(JSON.stringify(report));
      else for (const line of reportLines(report)) io.out(line);
      if (!report.ok) throw new ExitCode(1);
    });
}
