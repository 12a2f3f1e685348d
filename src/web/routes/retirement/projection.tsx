/** 推計・採用計画 (projection and hiring plan): the page, its chart and workbook; one reader of the parameters for all of them and the scenarios. */
import type { Hono } from "hono";
import { parseFiscalYear } from "../../../domain/era.js";
import { isGyokakuError, isInvalidInput } from "../../../domain/errors.js";
import { canAdminister } from "../../../domain/roles.js";
import { projectionChartSvg } from "../../../report/charts.js";
import type { SessionContext } from "../../../services/auth.js";
import { schedulesOf } from "../../../services/retirement-planning.js";
import { DEFAULT_LEAVER_RATES, runScenario, type ScenarioParams, type ScenarioResult } from "../../../services/retirement-scenarios.js";
import { ageProfileBaseYears, type UnitOption, unitOptions } from "../../../services/retirement-views.js";
import { scenarioNameReadValues } from "../../../services/scenario-versions.js";
import type { AppEnv } from "../../env.js";
import type { CategoryColumn } from "../../pages/retirement-age-profile.js";
import { MODE_LABELS, leaverRateText, ratePercent } from "../../pages/retirement-common.js";
import { type ProjectionForm, ProjectionPage, type ProjectionPageProps } from "../../pages/retirement-projection.js";
import { currentFiscalYear, fileResponse, requireSession, tenantOf } from "../../request.js";
import { projectionWorkbook, type ProjectionWorkbookInput } from "../../../io/projection-workbook.js";
import { categoryColumns, type Ctx, XLSX_TYPE } from "./common.js";
import { MAX_RATE_ROWS, MODES, type ProjectionQuery, projectionSchema } from "./projection-schema.js";
import { parseInput } from "../../input.js";

// ---------------------------------------------------------------------------
// Projection parameters: one reader for the page, the chart, the export and the saved scenario

/** The projection's parameters from a query (or a saved scenario's form), with the form as typed to show it again (projection-schema.ts). */
export function readProjection(query: ProjectionQuery, ctx: { baseYears: readonly number[]; categories: readonly CategoryColumn[] }): { params: ScenarioParams; form: ProjectionForm } {
  return parseInput(projectionSchema({ ...ctx, currentFiscalYear: currentFiscalYear() }), query);
}

/** The canonical query of a scenario: what the chart, the export, the save form and a scenario's link carry. */
export function projectionQuery(params: ScenarioParams): string {
  const q = new URLSearchParams();
  q.set("scope", params.scopeUnitId === null ? "" : String(params.scopeUnitId));
  q.set("base", String(params.baseYear));
  q.set("to", String(params.toYear));
  q.set("hireAge", String(params.hireAge));
  q.set("hireCategory", params.hireCategory);
  q.set("target", params.target === null ? "" : String(params.target));
  q.set("mode", params.mode);
  q.set("allowance", params.allowancePercent === null ? "" : String(params.allowancePercent));
  if (params.leaverRates.length === 0) q.set("r0from", "");
  params.leaverRates.forEach((r, i) => {
    q.set(`r${i}from`, String(r.fromAge));
    q.set(`r${i}to`, String(r.toAge));
    q.set(`r${i}pct`, ratePercent(r.rate));
  });
  if (params.mode === "manual") {
    for (const [fy, n] of Object.entries(params.manualHires).sort(([a], [b]) => Number(a) - Number(b))) q.set(`h${fy}`, String(n));
  }
  return q.toString();
}

export async function projectionContext(tenant: ReturnType<typeof tenantOf>) {
  const [baseYears, schedules, units] = await Promise.all([ageProfileBaseYears(tenant), schedulesOf(tenant), unitOptions(tenant)]);
  return { baseYears, categories: categoryColumns(schedules), units };
}

/** Reads the query and runs the scenario (the chart and the export need a result; a refusal is a 400). */
async function projectionOf(c: Ctx, session: SessionContext): Promise<{ params: ScenarioParams; result: ScenarioResult; units: UnitOption[] }> {
  const tenant = tenantOf(c, session);
  const ctx = await projectionContext(tenant);
  const { params } = readProjection(c.req.query(), ctx);
  return { params, result: await runScenario(tenant, params), units: ctx.units };
}

export async function renderProjection(c: Ctx, session: SessionContext, query: ProjectionQuery, extra: Pick<ProjectionPageProps, "saveName" | "saveError"> = {}, status: 200 | 400 | 409 = 200) {
  const tenant = tenantOf(c, session);
  const ctx = await projectionContext(tenant);
  const isAdmin = canAdminister(session.actor);
  // The save form carries the scenarios listed now, so replacing one saved meanwhile is refused (issue 14 point 6).
  const scenarioVersions = isAdmin ? await scenarioNameReadValues(tenant) : {};
  const base = { session, csrfToken: c.var.csrfToken, units: ctx.units, categories: ctx.categories, baseYears: ctx.baseYears, isAdmin, scenarioVersions, ...extra };
  if (ctx.baseYears.length === 0 && (query["base"] ?? "").trim() === "") {
    const { form } = readProjection(query, ctx);
    return c.html(<ProjectionPage {...base} form={form} result={null} query="" />, status);
  }
  let parsed: { params: ScenarioParams; form: ProjectionForm } | undefined;
  try {
    parsed = readProjection(query, ctx);
    const result = await runScenario(tenant, parsed.params);
    return c.html(<ProjectionPage {...base} form={parsed.form} result={result} query={projectionQuery(parsed.params)} />, status);
  } catch (error) {
    if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
    // The form as typed comes back with the reason, so the user can correct it.
    const form = parsed?.form ?? fallbackForm(query, ctx.baseYears);
    return c.html(<ProjectionPage {...base} form={form} result={null} query="" error={error.message} />, 400);
  }
}

/** The form as typed when even its fields could not be read. */
function fallbackForm(query: ProjectionQuery, baseYears: readonly number[]): ProjectionForm {
  const text = (name: string) => query[name] ?? "";
  const rates: ProjectionForm["rates"] = [];
  for (let i = 0; i < MAX_RATE_ROWS; i++) {
    const row = { from: text(`r${i}from`), to: text(`r${i}to`), pct: text(`r${i}pct`) };
    if (row.from || row.to || row.pct) rates.push(row);
  }
  const hires: Record<number, string> = {};
  const year = (name: string) => {
    try {
      return parseFiscalYear(text(name));
    } catch (error) {
      if (!isInvalidInput(error)) throw error;
      return NaN;
    }
  };
  const base = year("base");
  const to = year("to");
  const hireYears: number[] = [];
  if (Number.isInteger(base) && Number.isInteger(to)) {
    for (let fy = base + 1; fy <= to && fy - base <= 60; fy++) {
      hires[fy] = text(`h${fy}`);
      hireYears.push(fy);
    }
  }
  const mode = MODES.find((m) => m === text("mode")) ?? "levelled";
  return {
    scope: text("scope"),
    base: text("base") || String(baseYears[baseYears.length - 1] ?? ""),
    to: text("to"),
    hireAge: text("hireAge"),
    hireCategory: text("hireCategory"),
    target: text("target"),
    mode,
    allowance: text("allowance"),
    rates: query["r0from"] === undefined ? DEFAULT_LEAVER_RATES.map((r) => ({ from: String(r.fromAge), to: String(r.toAge), pct: ratePercent(r.rate) })) : rates,
    hires,
    hireYears,
  };
}
/** The scenario's result with its conditions worded as the page words them. */
function workbookInput(result: ScenarioResult, units: readonly UnitOption[], categories: readonly CategoryColumn[]): ProjectionWorkbookInput {
  const p = result.params;
  return {
    baseYear: p.baseYear,
    toYear: p.toYear,
    years: result.years,
    levelled: result.levelled,
    oneForOne: result.oneForOne,
    warnings: result.warnings,
    labels: {
      scope: p.scopeUnitId === null ? "全体" : `${units.find((u) => u.id === p.scopeUnitId)?.name ?? `#${p.scopeUnitId}`}(下位組織を含む)`,
      mode: MODE_LABELS[p.mode],
      hireAge: p.hireAge,
      hireCategory: categories.find((c) => c.code === p.hireCategory)?.label ?? p.hireCategory,
      target: p.target,
      allowancePercent: p.allowancePercent,
      leaverRates: p.leaverRates.map(leaverRateText).join("、"),
    },
  };
}

export function registerProjectionRoutes(app: Hono<AppEnv>): void {
  // ---- 推計・採用計画 ----
  app.get("/staffing/projection", async (c) => {
    const session = requireSession(c);
    return renderProjection(c, session, c.req.query());
  });

  // The chart as its own image: ECharts writes style attributes, which the page's CSP (style-src 'self') would
  // block if the SVG were inlined; as an <img> it is a separate, script-free document.
  app.get("/staffing/projection.svg", async (c) => {
    const session = requireSession(c);
    const { result } = await projectionOf(c, session);
    const svg = projectionChartSvg({
      years: result.years.map((y) => y.fiscalYear),
      headcount: result.years.map((y) => y.headcount),
      cap: result.years.map((y) => y.cap),
      quota: result.years.map((y) => y.quota),
      hires: result.years.map((y) => y.hires),
    });
    c.header("content-type", "image/svg+xml; charset=utf-8");
    c.header("cache-control", "no-store");
    return c.body(svg);
  });

  app.get("/staffing/projection.xlsx", async (c) => {
    const session = requireSession(c);
    const { params, result, units } = await projectionOf(c, session);
    const categories = categoryColumns(await schedulesOf(tenantOf(c, session)));
    return fileResponse(c, { filename: `projection-${params.baseYear}-${params.toYear}.xlsx`, contentType: XLSX_TYPE, bytes: await projectionWorkbook(workbookInput(result, units, categories)) });
  });
}
