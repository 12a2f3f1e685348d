/**
 * `gyokaku export KIND --municipality CODE [--from FY --to FY | --year FY] [--format csv|xlsx|json]
 * [--encoding utf-8|shift_jis] [--out FILE]`: what the web's downloads write, in layouts `gyokaku import` reads
 * back unchanged. The file is built whole in memory first, so a refused export writes nothing.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import type { TextEncodingName } from "../../io/text-encoding.js";
import { exportAgeProfile } from "../../services/age-profile-transfer.js";
import { exportComparison } from "../../services/comparison-export.js";
import { exportHeadcounts } from "../../services/headcount-transfer.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { exportEditionCsv, exportEditionJson, exportEditionXlsx } from "../../services/reform-export.js";
import { latestEditionYear } from "../../services/reform-views.js";
import type { ExportedFile, ExportFormat } from "../../io/table-file.js";
import type { CliIo } from "../program.js";

export const EXPORT_KINDS = ["headcounts", "age-profile", "diagnosis", "roster", "laspeyres", "reform"] as const;
type ExportKind = (typeof EXPORT_KINDS)[number];

interface ExportOptions {
  municipality: string;
  database?: string;
  from?: string;
  to?: string;
  year?: string;
  format: ExportFormat;
  encoding: TextEncodingName;
  out?: string;
}

function fiscalYear(text: string, flag: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new GyokakuError("invalid_input", `${flag} は西暦4桁の年度で指定してください (例: 2025): 「${text}」`);
  return Number(text.trim());
}

/** The span asked for: --year, or --from/--to (either may be left open), or none (null, null). */
function spanOf(opts: ExportOptions): { from: number | null; to: number | null } {
  if (opts.year !== undefined) {
    if (opts.from !== undefined || opts.to !== undefined) throw new GyokakuError("invalid_input", "--year と --from/--to は同時に指定できません");
    const year = fiscalYear(opts.year, "--year");
    return { from: year, to: year };
  }
  const from = opts.from === undefined ? null : fiscalYear(opts.from, "--from");
  const to = opts.to === undefined ? null : fiscalYear(opts.to, "--to");
  if (from !== null && to !== null && from > to) throw new GyokakuError("invalid_input", `--from (${from}) が --to (${to}) より後です`);
  return { from, to };
}

async function build(tenant: TenantDb, kind: ExportKind, opts: ExportOptions): Promise<ExportedFile> {
  const span = spanOf(opts);
  const encoding = { encoding: opts.encoding };
  switch (kind) {
    case "headcounts": {
      const years = await tenant.headcounts.recordedYears();
      const from = span.from ?? years[0];
      const to = span.to ?? years[years.length - 1];
      if (from === undefined || to === undefined) throw new GyokakuError("not_found", "書き出す職員数がありません");
      return exportHeadcounts(tenant, { from, to, layout: "long", kind: opts.format, ...encoding });
    }
    case "age-profile":
      return exportAgeProfile(tenant, { ...span, kind: opts.format, ...encoding });
    case "diagnosis": {
      // A 診断表 is one survey: without a year, the latest one stored.
      if (span.from === null && span.to === null) {
        const years = await tenant.ownDiagnosis.years();
        const latest = years[years.length - 1] ?? null;
        return exportComparison(tenant, kind, { from: latest, to: latest, format: opts.format, ...encoding });
      }
      return exportComparison(tenant, kind, { ...span, format: opts.format, ...encoding });
    }
    case "roster":
    case "laspeyres":
      return exportComparison(tenant, kind, { ...span, format: opts.format, ...encoding });
    case "reform": {
      if (opts.from !== undefined || opts.to !== undefined) throw new GyokakuError("invalid_input", "reform は版ごとに書き出します: --year で版の年度を指定してください");
      const edition = span.from ?? (await latestEditionYear(tenant));
      if (edition === null) throw new GyokakuError("not_found", "改革項目の版がありません");
      if (opts.format === "xlsx") return exportEditionXlsx(tenant, edition);
      if (opts.format === "json") return exportEditionJson(tenant, edition);
      return exportEditionCsv(tenant, edition, opts.encoding);
    }
  }
}

export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command("export")
    .description("データをファイルに書き出す (Web のダウンロードと同じ内容。gyokaku import でそのまま読み戻せます)")
    .argument("<kind>", `書き出す表: ${EXPORT_KINDS.join(" | ")}`)
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .option("--from <fy>", "最初の年度 (西暦)")
    .option("--to <fy>", "最後の年度 (西暦)")
    .option("--year <fy>", "1つの年度 (西暦)。reform では版の年度 (既定: 最新の版)、diagnosis の既定は最新の年度")
    .addOption(new Option("--format <format>", "ファイルの形式").choices(["csv", "xlsx", "json"]).default("csv"))
    .addOption(new Option("--encoding <encoding>", "CSV の文字コード (utf-8 は Excel 向けに BOM 付き)").choices(["utf-8", "shift_jis"]).default("utf-8"))
    .option("--out <file>", "書き出すファイル (- で標準出力。既定: 今のフォルダに標準の名前で)")
    .action(async (kind: string, opts: ExportOptions) => {
      if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw new GyokakuError("invalid_input", `書き出す表「${kind}」は選べません (${EXPORT_KINDS.join(" / ")})`);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env), { existing: true });
      let file: ExportedFile;
      try {
        const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
        file = await build(new TenantDb(database.db, municipality.id), kind as ExportKind, opts);
      } finally {
        await database.close();
      }
      if (opts.out === "-") {
        if (!io.outBytes) throw new GyokakuError("invalid_input", "標準出力には書き出せません (--out でファイルを指定してください)");
        io.outBytes(file.bytes);
        return;
      }
      const path = resolve(opts.out ?? file.filename);
      writeFileSync(path, file.bytes);
      io.out(`書き出しました: ${path} (${file.bytes.byteLength.toLocaleString("ja-JP")}バイト)`);
    });
}
