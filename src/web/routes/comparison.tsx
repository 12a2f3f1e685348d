import { MAX_UPLOAD_BYTES } from "../body-limit.js";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { COMPARED_CODES, groupKey, parseGroupKey, readGroup } from "../../domain/comparison.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../domain/read-values.js";
import type { Basis } from "../../domain/nationwide.js";
import type { ImportProblem } from "../../io/problems.js";
import type { SessionContext } from "../../services/auth.js";
import { authorizeClassificationEdit, classificationView, saveClassification } from "../../services/comparison/classification.js";
import { diagnosisView } from "../../services/comparison/diagnosis.js";
import { laspeyresView } from "../../services/comparison/laspeyres.js";
import type { OwnMunicipality } from "../../services/comparison/own-figures.js";
import { authorizePeersEdit, peersView, savePeers } from "../../services/comparison/peers.js";
import { regressionView } from "../../services/comparison/regression.js";
import { laspeyresChartSvg } from "../../report/laspeyres-chart.js";
import { authorizeComparisonImport, type ComparisonFile, importComparison, IMPORT_KIND_LABELS, isImportKind, knownMunicipalities, previewComparisonChangesFor } from "../../services/comparison-import.js";
import { BASE_SORT_KEYS, exportNationwide, MEASURES, type NationwideQuery, nationwideView } from "../../services/comparison/nationwide.js";
import { ImportRejected } from "../../services/headcount-transfer.js";
import type { AppEnv } from "../env.js";
import { ClassificationTexts, classificationYear, ComparisonImportFields, PeersForm } from "./comparison-schemas.js";
import { fiscalYearParam, integerText, nonNegativeNumberText, parseInput, requiredNonNegativeNumber } from "../input.js";
import { ClassificationPage } from "../pages/comparison-classification.js";
import { DiagnosisPage } from "../pages/comparison-diagnosis.js";
import { ComparisonImportPage } from "../pages/comparison-import.js";
import { LaspeyresPage } from "../pages/comparison-laspeyres.js";
import { NationwidePage } from "../pages/comparison-nationwide.js";
import { PeersPage } from "../pages/comparison-peers.js";
import { RegressionPage } from "../pages/comparison-regression.js";
import { todayInJapan } from "../format.js";
import { currentFiscalYear, encodingParam, fileResponse, requireSession, STATUS, tenantOf, uploadedFile, fiscalYearOr } from "../request.js";

type Ctx = Context<AppEnv>;


function ownOf(session: SessionContext): OwnMunicipality {
  return { code: session.municipality.code, name: session.municipality.name };
}

/** ?year= as 令和6年度, R6 or 2024; undefined when absent (the page picks the latest year with data). */
function yearQuery(value: string | undefined): number | undefined {
  return fiscalYearOr(value, "年度", undefined);
}

/** POST /comparison/classification: the figures of a year's 類似団体区分 as typed (the service checks their sense). */
const ClassificationForm = z.object({
  kind: z.string(),
  population: requiredNonNegativeNumber("住基人口").transform((n, ctx) => {
    if (Number.isInteger(n)) return n;
    ctx.addIssue({ code: "custom", message: `住基人口は整数で入力してください: ${n}` });
    return z.NEVER;
  }),
  secondaryPercent: requiredNonNegativeNumber("第2次産業の比率"),
  tertiaryPercent: requiredNonNegativeNumber("第3次産業の比率"),
  areaKm2: nonNegativeNumberText("面積").transform((n) => n ?? null),
  source: z.string().transform((text) => text.trim()),
});

async function fileFrom(body: Record<string, unknown>): Promise<ComparisonFile> {
  // The request's clock decides the current fiscal year (Japan time); the importers read none.
  const fields = parseInput(ComparisonImportFields, body);
  const common = {
    encoding: fields.encoding,
    kind: fields.kind,
    ...(fields.fiscalYear === undefined ? {} : { fiscalYear: fields.fiscalYear }),
    currentFiscalYear: currentFiscalYear(),
  };
  return { ...(await uploadedFile(body, MAX_UPLOAD_BYTES.mic)), ...common };
}

/** A query text: blank or absent is undefined. */
const optionalText = z
  .string()
  .optional()
  .transform((text) => text || undefined);

/** ?basis=&prefecture=&group=&sector=&sort=&dir=&page=&year= of the nationwide table. */
const NationwideQuerySchema = z
  .object({
    year: z
      .string()
      .optional()
      .transform((text) => (text === undefined || text.trim() === "" ? undefined : text))
      .pipe(fiscalYearParam("年度").optional()),
    basis: z
      .string()
      .optional()
      .transform((text = "simple", ctx): Basis => {
        if (text === "simple" || text === "corrected") return text;
        ctx.addIssue({ code: "custom", message: `比較の基準が不正です: ${text} (simple / corrected)` });
        return z.NEVER;
      }),
    prefecture: optionalText,
    /** 類似団体の区分: a key (city:II-3) or as people write it (Ⅱ－３, 町村Ⅳ-1). */
    group: optionalText.transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return text.includes(":") || /^[a-z-]+$/.test(text) ? groupKey(parseGroupKey(text)) : readGroup(text);
      } catch (error) {
        if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
        ctx.addIssue({ code: "custom", message: error.message });
        return z.NEVER;
      }
    }),
    sector: optionalText,
    sort: optionalText,
    dir: optionalText,
    page: integerText("ページ").transform((n) => Math.max(1, n ?? 1)),
  })
  .transform((q, ctx): NationwideQuery => {
    const sort = q.sort ?? q.sector ?? "code";
    // A sort key that only makes sense with one sector shown falls back to that sector's rate.
    const fixedSort = !q.sector && (MEASURES as readonly string[]).includes(sort) ? "code" : q.sector && COMPARED_CODES.includes(sort) ? "rate" : sort;
    const dir = q.dir ?? ((BASE_SORT_KEYS as readonly string[]).includes(fixedSort) && fixedSort !== "population" ? "asc" : "desc");
    if (dir !== "asc" && dir !== "desc") {
      ctx.addIssue({ code: "custom", message: `並べ替えの向きが不正です: ${dir} (asc / desc)` });
      return z.NEVER;
    }
    return {
      ...(q.year === undefined ? {} : { fiscalYear: q.year }),
      basis: q.basis,
      ...(q.prefecture ? { prefecture: q.prefecture } : {}),
      ...(q.group ? { group: q.group } : {}),
      ...(q.sector ? { sector: q.sector } : {}),
      sort: fixedSort,
      dir,
      page: q.page,
    };
  });

function nationwideQuery(c: Ctx): NationwideQuery {
  return parseInput(NationwideQuerySchema, c.req.query());
}

/** 類似団体比較: classification (図表7), peers (図表8), Laspeyres (図表9), diagnosis (図表10), 定員回帰指標, nationwide mode, import. */
export function registerComparisonRoutes(app: Hono<AppEnv>): void {
  // ---- 図表7 ----
  app.get("/comparison", async (c) => {
    const session = requireSession(c);
    const view = await classificationView(tenantOf(c, session), ownOf(session), yearQuery(c.req.query("year")), currentFiscalYear());
    return c.html(<ClassificationPage session={session} csrfToken={c.var.csrfToken} view={view} notice={c.req.query("saved") ? "判定の入力を保存しました" : undefined} />);
  });

  app.post("/comparison/classification", async (c) => {
    const session = requireSession(c);
    authorizeClassificationEdit(session.actor);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    let entered: z.output<typeof ClassificationTexts> | undefined;
    let fiscalYear: number | undefined;
    try {
      entered = parseInput(ClassificationTexts, body);
      fiscalYear = parseInput(classificationYear, entered.fiscalYear);
      // The inputs the form showed: without them the save would overwrite inputs saved meanwhile unseen (a lost update).
      const read = parseReadValues(body[READ_VALUES_FIELD]);
      await saveClassification(tenant, session.actor, { fiscalYear, ...parseInput(ClassificationForm, entered) }, read);
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      const view = await classificationView(tenant, ownOf(session), fiscalYear, currentFiscalYear());
      return c.html(<ClassificationPage session={session} csrfToken={c.var.csrfToken} view={view} error={error.message} {...(entered ? { entered } : {})} />, STATUS[error.code]);
    }
    return c.redirect(`/comparison?year=${fiscalYear}&saved=1`);
  });

  // ---- 図表8 ----
  app.get("/comparison/peers", async (c) => {
    const session = requireSession(c);
    const view = await peersView(tenantOf(c, session), ownOf(session), yearQuery(c.req.query("year")));
    return c.html(<PeersPage session={session} csrfToken={c.var.csrfToken} view={view} notice={c.req.query("saved") ? "比較する団体を保存しました" : undefined} />);
  });

  app.post("/comparison/peers", async (c) => {
    const session = requireSession(c);
    // The role before the form is read (the service checks it again).
    authorizePeersEdit(session.actor);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    let codes = "";
    try {
      ({ codes } = parseInput(PeersForm, body));
      // The peers the form showed: without them the save would overwrite a list saved meanwhile unseen.
      await savePeers(tenant, session.actor, codes, parseReadValues(body[READ_VALUES_FIELD]));
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      const view = await peersView(tenant, ownOf(session));
      return c.html(<PeersPage session={session} csrfToken={c.var.csrfToken} view={view} error={error.message} entered={codes} />, STATUS[error.code]);
    }
    return c.redirect("/comparison/peers?saved=1");
  });

  // ---- 図表9 ----
  app.get("/comparison/laspeyres", async (c) => {
    const session = requireSession(c);
    const view = await laspeyresView(tenantOf(c, session), ownOf(session));
    return c.html(<LaspeyresPage session={session} csrfToken={c.var.csrfToken} view={view} />);
  });

  // The chart as its own image: the page's CSP would block ECharts' inline styles (see /staffing/chart.svg).
  app.get("/comparison/laspeyres.svg", async (c) => {
    const session = requireSession(c);
    const view = await laspeyresView(tenantOf(c, session), ownOf(session));
    if (view.years.length === 0) throw new GyokakuError("not_found", "ラスパイレス指数が取り込まれていません");
    c.header("content-type", "image/svg+xml; charset=utf-8");
    c.header("cache-control", "no-store");
    return c.body(laspeyresChartSvg({ years: view.years, series: view.series }));
  });

  // ---- 図表10 ----
  app.get("/comparison/diagnosis", async (c) => {
    const session = requireSession(c);
    const view = await diagnosisView(tenantOf(c, session), ownOf(session), yearQuery(c.req.query("year")));
    return c.html(<DiagnosisPage session={session} csrfToken={c.var.csrfToken} view={view} />);
  });

  // ---- 定員回帰指標 ----
  app.get("/comparison/regression", async (c) => {
    const session = requireSession(c);
    const rows = await regressionView(tenantOf(c, session), ownOf(session));
    return c.html(<RegressionPage session={session} csrfToken={c.var.csrfToken} rows={rows} />);
  });

  // ---- 全国診断 ----
  app.get("/comparison/nationwide", async (c) => {
    const session = requireSession(c);
    const view = await nationwideView(tenantOf(c, session), ownOf(session), nationwideQuery(c));
    return c.html(<NationwidePage session={session} csrfToken={c.var.csrfToken} view={view} />);
  });

  const exportRoute = (kind: "xlsx" | "csv") => async (c: Ctx) => {
    const session = requireSession(c);
    const encoding = encodingParam(c.req.query("encoding") ?? "");
    const file = await exportNationwide(tenantOf(c, session), ownOf(session), nationwideQuery(c), kind, encoding === "auto" ? "utf-8" : encoding);
    return fileResponse(c, file);
  };
  app.get("/comparison/nationwide.xlsx", exportRoute("xlsx"));
  app.get("/comparison/nationwide.csv", exportRoute("csv"));

  // ---- 取込 ----
  app.get("/comparison/import", (c) => {
    const session = requireSession(c);
    authorizeComparisonImport(session.actor);
    const imported = c.req.query("imported");
    const kind = c.req.query("kind") ?? "";
    const filename = c.req.query("file") ?? "";
    // What was written: the file, the table it was read as and the count (issue 13 point 5).
    const notice = imported
      ? `${filename ? `${filename} を` : ""}取り込みました: ${isImportKind(kind) ? `${IMPORT_KIND_LABELS[kind]} ` : ""}${imported}件`
      : undefined;
    return c.html(<ComparisonImportPage session={session} csrfToken={c.var.csrfToken} notice={notice} />);
  });

  app.post("/comparison/import", async (c) => {
    const session = requireSession(c);
    authorizeComparisonImport(session.actor);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    // Every refusal stays on the import page, in Japanese, with the upload form (issue 13 point 6).
    const refuse = (error: string, problems?: ImportProblem[]) =>
      c.html(<ComparisonImportPage session={session} csrfToken={c.var.csrfToken} error={error} {...(problems ? { problems } : {})} />, 400);
    try {
      const file = await fileFrom(body);
      const carried = {
        filename: file.filename,
        base64: Buffer.from(file.bytes).toString("base64"),
        encoding: file.encoding ?? "auto",
        kind: file.kind ?? "auto",
        fiscalYear: file.fiscalYear === undefined ? "" : String(file.fiscalYear),
      };
      const known = await knownMunicipalities(tenant, session.municipality);
      if (parseInput(ComparisonImportFields, body).step === "apply") {
        const { written, preview } = await importComparison(tenant, session.actor, { ...file, importedOn: todayInJapan() }, session.municipality.name, known);
        const query = new URLSearchParams({ imported: String(written), kind: preview.kind ?? "", file: file.filename.slice(0, 100) });
        return c.redirect(`/comparison/import?${query.toString()}`);
      }
      const preview = await previewComparisonChangesFor(tenant, session.actor, file, session.municipality.name, known);
      const hasError = preview.problems.some((p) => p.severity === "error");
      return c.html(<ComparisonImportPage session={session} csrfToken={c.var.csrfToken} preview={preview} carried={carried} />, hasError ? 400 : 200);
    } catch (error) {
      if (error instanceof ImportRejected) return refuse(error.message, error.problems);
      if (isGyokakuError(error) && (error.code === "invalid_input" || error.code === "too_large")) return refuse(error.message);
      throw error;
    }
  });
}
