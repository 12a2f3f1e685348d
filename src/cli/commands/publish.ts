import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import { CLI_ACTOR } from "../../services/audit.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { publishSite, recordPublication } from "../../services/publish-site.js";
import { todayInJapan } from "../../web/format.js";
import { replaceFolder, requireSiteFolder } from "../output-folder.js";
import type { CliIo } from "../program.js";

/**
 * gyokaku publish --municipality CODE --edition 2025 --out DIR [--database URL]: writes the static public site of an
 * approved edition (pages, PDF, open data) into DIR, ready to upload. Everything is built in memory first and DIR is
 * replaced whole (cli/output-folder.ts), so a refused or failed run writes nothing and no page of an earlier run stays.
 */
export function registerPublishCommand(program: Command, io: CliIo): void {
  program
    .command("publish")
    .description("承認済みの基本方針を公開用の静的サイト(HTML・PDF・オープンデータ)としてフォルダに書き出す")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--edition <year>", "版の年度(西暦、例: 2025)")
    .requiredOption("--out <dir>", "書き出し先のフォルダ")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .action(async (opts: { municipality: string; edition: string; out: string; database?: string }) => {
      const edition = Number(opts.edition);
      if (!/^\d{4}$/.test(opts.edition) || !Number.isInteger(edition)) throw new GyokakuError("invalid_input", `--edition は西暦4桁の年度で指定してください: ${opts.edition}`);
      const out = resolve(opts.out);
      requireSiteFolder(out);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env), { existing: true });
      try {
        const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
        const tenant = new TenantDb(database.db, municipality.id);
        const { makePdf } = await import("../../services/publication-pdf.js");
        const site = await publishSite(tenant, municipality, edition, { today: todayInJapan(), makePdf });
        replaceFolder(out, site.files);
        await recordPublication(tenant, CLI_ACTOR, edition, `フォルダ ${out}`, site.files.length);
        io.out(`公開用サイトを書き出しました: ${out} (${site.files.length}ファイル、入口 index.html)`);
        if (site.pdfProblem) io.err(`gyokaku: 注意: PDFは書き出していません — ${site.pdfProblem}`);
      } finally {
        await database.close();
      }
    });
}
