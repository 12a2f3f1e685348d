/**
 * `gyokaku report --municipality CODE --edition 2025 --format html|pdf --out DIR [--database URL]`:
 * regenerates the edition's 行政改革基本方針 from the live data. PDF needs Chromium, the IPAex font and pdftotext;
 * when one is missing the command says what to install, still writes the HTML, and exits with 1. The PDF stored for
 * the edition (services/publication-pdf.ts) is written as it is when the document's HTML is unchanged since it was
 * printed; a new print is stored for the next report, publish or download.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { openDatabase, resolveDatabaseUrl } from "../../db/connection.js";
import { TenantDb } from "../../db/tenant.js";
import { GyokakuError } from "../../domain/errors.js";
import { requireMunicipalityByCode } from "../../services/municipalities.js";
import { makeFolder, requireFolderPath, writeOutputFile } from "../output-folder.js";
import type { CliIo } from "../program.js";

/** File name of an edition's document: policy-012246-2025.html / .pdf. */
export function reportFileName(code: string, edition: number, format: "html" | "pdf"): string {
  return `policy-${code}-${edition}.${format}`;
}

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command("report")
    .description("行政改革基本方針(業務改革・定数管理)の冊子をデータから作る (HTML または PDF)")
    .requiredOption("--municipality <code>", "団体コード (例: 012246)")
    .requiredOption("--edition <year>", "版の年度 (西暦、例: 2025)")
    .addOption(new Option("--format <format>", "html または pdf").choices(["html", "pdf"]).default("html"))
    .requiredOption("--out <dir>", "書き出すフォルダ")
    .addOption(new Option("--database <url>", "データベース: sqlite:パス または postgres://… (既定: 環境変数 DATABASE_URL、なければ sqlite:./data/gyokaku.db)"))
    .action(async (opts: { municipality: string; edition: string; format: "html" | "pdf"; out: string; database?: string }) => {
      if (!/^\d{4}$/.test(opts.edition.trim())) throw new GyokakuError("invalid_input", `--edition は西暦の年度で指定してください (例: 2025): 「${opts.edition}」`);
      const edition = Number(opts.edition.trim());
      const dir = resolve(opts.out);
      requireFolderPath(dir);
      // Loaded on use: the document pulls in every area's services, which other commands never need at start-up.
      const [{ loadPolicyDocument }, { renderPolicyHtml }] = await Promise.all([import("../../services/policy-document.js"), import("../../report/document/render.js")]);
      const database = await openDatabase(resolveDatabaseUrl(opts.database, io.env), { existing: true });
      try {
        const municipality = await requireMunicipalityByCode(database.db, opts.municipality);
        const tenant = new TenantDb(database.db, municipality.id);
        const doc = await loadPolicyDocument(tenant, municipality, edition);
        makeFolder(dir);
        const htmlName = reportFileName(doc.municipality.code, edition, "html");
        if (opts.format === "html") {
          const htmlPath = writeOutputFile(dir, htmlName, renderPolicyHtml(doc));
          io.out(`書き出しました: ${htmlPath}`);
          return;
        }
        // The PDF stored for the edition is handed out when it was printed from the same HTML (an approved edition
        // printed by the app or by publish); otherwise it is printed and stored for the next time.
        const [{ PdfToolsMissing }, { editionPdf, ownBrowser }] = await Promise.all([import("../../report/document/pdf.js"), import("../../services/publication-pdf.js")]);
        try {
          const started = performance.now();
          const result = await editionPdf(tenant, edition, doc, ownBrowser);
          const pdfPath = writeOutputFile(dir, reportFileName(doc.municipality.code, edition, "pdf"), result.pdf);
          const htmlPath = writeOutputFile(dir, htmlName, result.html());
          const how = result.reused ? "保存済みのPDF、データに変更なし" : `${((performance.now() - started) / 1000).toFixed(1)}秒`;
          io.out(`書き出しました: ${pdfPath} (${result.pageCount}ページ、${how})`);
          io.out(`書き出しました: ${htmlPath}`);
        } catch (error) {
          if (!(error instanceof PdfToolsMissing)) throw error;
          const htmlPath = writeOutputFile(dir, htmlName, renderPolicyHtml(doc));
          io.out(`書き出しました: ${htmlPath} (PDFは作成できませんでした)`);
          throw new GyokakuError("not_found", error.message);
        }
      } finally {
        await database.close();
      }
    });
}
