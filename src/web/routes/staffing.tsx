import type { Context, Hono } from "hono";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { type Actor, canWriteSomeUnit, canWriteUnit } from "../../domain/roles.js";
import { staffPopulationChartSvg } from "../../report/charts.js";
import type { SessionContext } from "../../services/auth.js";
import {
  compliance,
  headcountTable,
  requireWritableHeadcountUnits,
  saveHeadcounts,
  setReferenceDate,
} from "../../services/staffing.js";
import { type HeadcountGrid, headcountGrid, recordedHeadcountYears, staffPopulationSeries } from "../../services/staffing-views.js";
import type { AppEnv } from "../env.js";
import { cachedPage } from "../page-cache.js";
import { registerStaffingSettingsRoutes } from "./staffing-settings.js";
import { GridFormButtons, readGridForm, refuseOutsideGrid, ReferenceDateFields, typedOverRead } from "./staffing-grid-form.js";
import { integerText, parseInput, queryParams } from "../input.js";
import { ChartPage } from "../pages/staffing-chart.js";
import type { RowProblemView } from "../pages/staffing-common.js";
import { countField, EDIT_COLUMNS, HeadcountEditPage } from "../pages/staffing-edit.js";
import { HeadcountTablePage } from "../pages/staffing-headcounts.js";
import { CompliancePage, StaffingOverviewPage } from "../pages/staffing-overview.js";
import { StaffingPlansPage } from "../pages/staffing-plans.js";
import { staffingPlanView } from "../../services/staffing-plans.js";
import { unitIdsOf } from "../../services/units.js";
import { currentFiscalYear, requireSession, tenantOf, fiscalYearOr, type YearSpan, yearSpan } from "../request.js";
import { requireSomeUnitWriter } from "../../services/authorization.js";

type Ctx = Context<AppEnv>;

/** With "every year" each year of the span becomes a column; beyond this the page is no longer a table anyone reads. */
const MAX_EVERY_YEAR_SPAN = 100;

interface Span extends YearSpan {
  everyYear: boolean;
  /** from=…&to=…[&every=1] */
  query: string;
}

/** ?from=&to=&every= — defaults to the span of recorded years. */
async function spanOf(c: Ctx, session: SessionContext): Promise<Span> {
  const everyYear = ["1", "on", "true"].includes(c.req.query("every") ?? "");
  const needDefaults = (c.req.query("from") ?? "").trim() === "" || (c.req.query("to") ?? "").trim() === "";
  const years = needDefaults ? await recordedHeadcountYears(tenantOf(c, session)) : [];
  const span = yearSpan(c, { from: (to) => years[0] ?? to, to: years[years.length - 1] ?? currentFiscalYear() });
  if (everyYear && span.to - span.from + 1 > MAX_EVERY_YEAR_SPAN) {
    throw new GyokakuError("invalid_input", `すべての年度を表示できるのは${MAX_EVERY_YEAR_SPAN}年度分までです`);
  }
  return { ...span, everyYear, query: `from=${span.from}&to=${span.to}${everyYear ? "&every=1" : ""}` };
}

// ---------------------------------------------------------------------------
// The edit grid's form

/**
 * 「前年度の値を写す」: the previous recorded year's own figures for the blank cells of the rows the actor may write
 * (a derived 職員数 is a sum and is not copied), as form fields c.<unitId>.<category>. Cells already entered keep
 * their value.
 */
function copiedFromPreviousYear(grid: HeadcountGrid, actor: Actor): Record<string, string> {
  const entered: Record<string, string> = {};
  for (const row of grid.rows) {
    if (!canWriteUnit(actor, row.unit.id)) continue;
    for (const col of EDIT_COLUMNS) {
      if (col.key === "staff" && row.derived) continue;
      const last = row.previous.stored[col.key];
      if (row.stored[col.key] === undefined && last !== undefined) entered[countField(row.unit.id, col.key)] = String(last);
    }
  }
  return entered;
}

/** The per-row problems a service attached to its error, or the error's message alone. */
function problemsOf(error: GyokakuError, key: "problems" | "warnings" = "problems"): RowProblemView[] {
  const list = error.details[key];
  if (!Array.isArray(list)) return [{ message: error.message }];
  const problems = list.flatMap((p: unknown): RowProblemView[] => {
    if (typeof p !== "object" || p === null) return [];
    const { unitId, unitName, message } = p as Record<string, unknown>;
    if (typeof message !== "string") return [];
    return [{ message, ...(typeof unitId === "number" ? { unitId } : {}), ...(typeof unitName === "string" ? { unitName } : {}) }];
  });
  return problems.length > 0 ? problems : [{ message: error.message }];
}

// ---------------------------------------------------------------------------

/** 定数管理 pages. */
export function registerStaffingRoutes(app: Hono<AppEnv>): void {
  app.get("/staffing", async (c) => {
    const session = requireSession(c);
    return cachedPage(c, session, async () => {
      const tenant = tenantOf(c, session);
      const years = await recordedHeadcountYears(tenant);
      const current = currentFiscalYear();
      const latest = years[years.length - 1] ?? null;
      const year = c.req.query("year") ? fiscalYearOr(c.req.query("year"), "年度", current) : latest;
      const result = year === null ? null : await compliance(tenant, year);
      return (
        <StaffingOverviewPage
          session={session}
          csrfToken={c.var.csrfToken}
          compliance={result}
          firstYear={years[0] ?? current}
          lastYear={latest ?? current}
          inputYear={current}
          canEdit={canWriteSomeUnit(session.actor)}
        />
      );
    });
  });

  app.get("/staffing/plans", async (c) => {
    const session = requireSession(c);
    const typed = c.req.query("year");
    const view = await staffingPlanView(tenantOf(c, session), typed ? fiscalYearOr(typed, "年度", currentFiscalYear()) : undefined);
    return c.html(<StaffingPlansPage session={session} csrfToken={c.var.csrfToken} view={view} />);
  });

  app.get("/staffing/headcounts", async (c) => {
    const session = requireSession(c);
    return cachedPage(c, session, async () => {
      const span = await spanOf(c, session);
      const table = await headcountTable(tenantOf(c, session), { from: span.from, to: span.to, everyYear: span.everyYear });
      // After a save (?saved=<year>&changed=<units>); a value that is no integer is a 400 naming it.
      const { saved, changed = 0 } = queryParams(c, { saved: integerText("保存した年度"), changed: integerText("変更した組織の数") });
      const notice =
        saved !== undefined && saved >= 1868 && saved <= 9999
          ? `${formatFiscalYear(saved)}の職員数を保存しました(${changed > 0 ? `${changed}件の組織を変更` : "変更はありませんでした"})`
          : undefined;
      return (
        <HeadcountTablePage
          session={session}
          csrfToken={c.var.csrfToken}
          table={table}
          from={span.from}
          to={span.to}
          everyYear={span.everyYear}
          fromInput={span.fromInput}
          toInput={span.toInput}
          canEdit={canWriteSomeUnit(session.actor)}
          notice={notice}
        />
      );
    });
  });

  // The GET form "この年度の職員数を入力" cannot put the year into the path itself.
  app.get("/staffing/edit", (c) => {
    requireSession(c);
    const year = fiscalYearOr(c.req.query("year"), "年度", currentFiscalYear());
    return c.redirect(`/staffing/headcounts/${year}/edit`);
  });

  app.get("/staffing/compliance", async (c) => {
    const session = requireSession(c);
    return cachedPage(c, session, async () => {
      const tenant = tenantOf(c, session);
      const asked = c.req.query("year");
      const years = asked ? [] : await recordedHeadcountYears(tenant);
      const year = fiscalYearOr(asked, "年度", years[years.length - 1] ?? currentFiscalYear());
      const result = await compliance(tenant, year);
      return <CompliancePage session={session} csrfToken={c.var.csrfToken} result={result} yearTyped={asked ?? String(year)} />;
    });
  });

  app.get("/staffing/chart", async (c) => {
    const session = requireSession(c);
    return cachedPage(c, session, async () => {
      const span = await spanOf(c, session);
      const series = await staffPopulationSeries(tenantOf(c, session), { from: span.from, to: span.to, everyYear: span.everyYear });
      return (
        <ChartPage session={session} csrfToken={c.var.csrfToken} series={series} query={span.query} fromInput={span.fromInput} toInput={span.toInput} everyYear={span.everyYear} />
      );
    });
  });

  // The chart as its own image: ECharts writes style attributes, which the page's CSP (style-src 'self') would
  // block if the SVG were inlined; as an <img> it is a separate, script-free document.
  app.get("/staffing/chart.svg", async (c) => {
    const session = requireSession(c);
    const span = await spanOf(c, session);
    const series = await staffPopulationSeries(tenantOf(c, session), { from: span.from, to: span.to, everyYear: span.everyYear });
    const svg = staffPopulationChartSvg({ years: series.years, staff: series.staff, population: series.population });
    c.header("content-type", "image/svg+xml; charset=utf-8");
    c.header("cache-control", "no-store");
    return c.body(svg);
  });

  app.get("/staffing/headcounts/:year/edit", async (c) => {
    const session = requireSession(c);
    const year = fiscalYearOr(c.req.param("year"), "年度", NaN);
    const grid = await headcountGrid(tenantOf(c, session), year);
    // 「前年度の値を写す」: last year's figures fill the form's blank cells; nothing is saved until the clerk saves.
    if (c.req.query("copy") !== undefined && canWriteSomeUnit(session.actor) && grid.previousYear !== null) {
      const entered = copiedFromPreviousYear(grid, session.actor);
      const filled = Object.keys(entered).length;
      const notice =
        filled > 0
          ? `${formatFiscalYear(grid.previousYear)}の値を${filled}か所の空欄に写しました。まだ保存されていません。確かめて「保存」を押してください。`
          : `${formatFiscalYear(grid.previousYear)}の値を写せる空欄はありませんでした(入力済みの欄は変えていません)。`;
      return c.html(<HeadcountEditPage session={session} csrfToken={c.var.csrfToken} grid={grid} entered={entered} notice={notice} />);
    }
    return c.html(<HeadcountEditPage session={session} csrfToken={c.var.csrfToken} grid={grid} />);
  });

  app.post("/staffing/headcounts/:year", async (c) => {
    const session = requireSession(c);
    const year = fiscalYearOr(c.req.param("year"), "年度", NaN);
    requireSomeUnitWriter(session.actor, "職員数を入力する");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    // A post no grid of this municipality can send (too many fields, unknown units) before any cell is read.
    refuseOutsideGrid(await unitIdsOf(tenant), body);
    const grid = await headcountGrid(tenant, year);
    const form = readGridForm(grid, body);
    // Who may write which unit is decided before what the cells hold (a 403/404 is not a form error).
    await requireWritableHeadcountUnits(tenant, session.actor, {
      posted: [...new Set(Object.keys(body).flatMap((k) => /^c\.(\d{1,9})\./.exec(k)?.[1] ?? []).map(Number))],
      changed: [...new Set([...form.changes.map((r) => r.unitId), ...form.invalid.flatMap((p) => (p.unitId === undefined ? [] : [p.unitId]))])],
    });
    const referenceRead = ReferenceDateFields.safeParse(body);
    const { referenceDate, referenceNote } = referenceRead.success ? referenceRead.data : { referenceDate: "", referenceNote: "" };
    const referenceProblems: RowProblemView[] = referenceRead.success ? [] : referenceRead.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message }));
    // Shown again as typed (absent: the stored ones).
    const typed = (name: string) => (typeof body[name] === "string" ? body[name] : undefined);
    const reference = { referenceDate: typed("referenceDate"), referenceNote: typed("referenceNote") };
    const refuse = (problems: RowProblemView[], status: 400 | 403 | 422, warnings?: RowProblemView[]) =>
      c.html(
        <HeadcountEditPage session={session} csrfToken={c.var.csrfToken} grid={grid} entered={form.entered} problems={problems} warnings={warnings} {...reference} />,
        status,
      );
    const { confirm: confirmed, recalc } = parseInput(GridFormButtons, body);
    const invalid = [...form.invalid, ...referenceProblems];
    // 「合計を再計算」 (without JavaScript): the form again as typed, with its totals; nothing is saved.
    if (recalc) {
      return c.html(
        <HeadcountEditPage session={session} csrfToken={c.var.csrfToken} grid={grid} entered={form.entered} problems={invalid} notice="合計を再計算しました。まだ保存されていません。" {...reference} />,
        invalid.length > 0 ? 400 : 200,
      );
    }

    if (invalid.length > 0) return refuse(invalid, 400);
    const referenceChanged = referenceDate !== "" && (referenceDate !== grid.referenceDate || referenceNote !== grid.referenceNote);
    let changed = 0;
    try {
      // One transaction: the figures and the reference date are saved together or not at all.
      changed = await tenant.transaction(async (tx) => {
        const n = form.changes.length > 0 ? await saveHeadcounts(tx, session.actor, year, form.changes, { confirmed }) : 0;
        if (referenceChanged) await setReferenceDate(tx, session.actor, { fiscalYear: year, referenceDate, note: referenceNote });
        return n;
      });
    } catch (error) {
      // 422: the form keeps what the user typed and the values as read (hidden fields), so 「確認のうえ保存」 still
      // writes over the version the user read; a change by someone else meanwhile is still a 409.
      if (isGyokakuError(error) && error.code === "confirmation_required") return refuse([], 422, problemsOf(error, "warnings"));
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "forbidden" && error.code !== "conflict")) throw error;
      if (error.code === "conflict") {
        // 409: the form shows what the user typed over the values stored now, which become the version read,
        // so saving again (after looking) is a deliberate overwrite.
        const fresh = await headcountGrid(tenant, year);
        const typedOnly = typedOverRead(form.entered);
        return c.html(<HeadcountEditPage session={session} csrfToken={c.var.csrfToken} grid={fresh} entered={typedOnly} problems={problemsOf(error)} {...reference} />, 409);
      }
      return refuse(problemsOf(error), error.code === "forbidden" ? 403 : 400);
    }
    return c.redirect(`/staffing/headcounts?saved=${year}&changed=${changed}`);
  });

  registerStaffingSettingsRoutes(app);
}
