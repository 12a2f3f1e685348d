/** Subcommittees and 成果指標 (indicators): lists, entering a figure, the chart. */
import type { Hono } from "hono";
import { z } from "zod";
import { indicatorChartSvg } from "../../../report/charts.js";
import { formatFiscalYear } from "../../../domain/era.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../../domain/read-values.js";
import { authorizeIndicatorEntry, setIndicatorValue } from "../../../services/reform/indicators.js";
import { canEnterIndicator, getIndicatorView, indicatorViews, subcommitteeViews } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { IndicatorsPage, SubcommitteesPage } from "../../pages/reform-catalogue.js";
import { requireSession, STATUS, tenantOf } from "../../request.js";
import { fiscalYearParam, parseInput, textField } from "../../input.js";
import { idParam, indicatorValueInput, isKnown } from "./common.js";

/**
 * POST /reform/indicators/:id/values: one figure (目標 or 実績) of one fiscal year; a blank value clears it. The value
 * is read after the year and kind, so its message names the indicator, the year and the kind (indicatorValueInput).
 */
/** POST /reform/indicators/:id/values as typed, shown again with a refusal: each a text naming its field. */
const IndicatorValueTexts = z.object({ fiscalYear: textField("年度", 40), kind: textField("種類", 40), value: textField("値", 100) });

const IndicatorValueForm = z.object({
  fiscalYear: z
    .string()
    .transform((text) => text.trim())
    .pipe(fiscalYearParam("年度")),
  kind: z.enum(["target", "actual"], { error: "種類は 目標 か 実績 を選んでください" }),
  value: z.string().optional(),
});

export function registerIndicatorRoutes(app: Hono<AppEnv>): void {
  // ---- subcommittees and indicators ----
  app.get("/reform/subcommittees", async (c) => {
    const session = requireSession(c);
    const subcommittees = await subcommitteeViews(tenantOf(c, session));
    return c.html(<SubcommitteesPage session={session} csrfToken={c.var.csrfToken} subcommittees={subcommittees} />);
  });

  app.get("/reform/indicators", async (c) => {
    const session = requireSession(c);
    const indicators = await indicatorViews(tenantOf(c, session));
    return c.html(
      <IndicatorsPage
        session={session}
        csrfToken={c.var.csrfToken}
        indicators={indicators}
        canEnter={(ind) => canEnterIndicator(session.actor, ind)}
        notice={c.req.query("done") ? "指標の値を保存しました" : undefined}
      />,
    );
  });

  app.post("/reform/indicators/:id/values", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const indicatorId = idParam(c.req.param("id"), "指標");
    // The role before the form is read (the service checks it again).
    const { name } = await authorizeIndicatorEntry(tenant, session.actor, indicatorId);
    const body = await c.req.parseBody();
    let entered: Record<string, string> = {};
    try {
      entered = parseInput(IndicatorValueTexts, body);
      // The figures the form showed: without them the save would overwrite a figure entered meanwhile unseen.
      const read = parseReadValues(body[READ_VALUES_FIELD]);
      const { fiscalYear, kind, value: typed } = parseInput(IndicatorValueForm, entered);
      const value = indicatorValueInput(typed ?? "", `指標「${name}」の${formatFiscalYear(fiscalYear)}の${kind === "target" ? "目標" : "実績"}`);
      await setIndicatorValue(tenant, session.actor, { indicatorId, fiscalYear, kind, value, read });
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict")) throw error;
      const indicators = await indicatorViews(tenant);
      return c.html(
        <IndicatorsPage
          session={session}
          csrfToken={c.var.csrfToken}
          indicators={indicators}
          canEnter={(ind) => canEnterIndicator(session.actor, ind)}
          error={{ indicatorId, message: error.message, entered }}
        />,
        STATUS[error.code],
      );
    }
    return c.redirect(`/reform/indicators?done=1#indicator-${indicatorId}`);
  });

  // The chart as its own image: ECharts writes style attributes, which the page's CSP would block inline.
  app.get("/reform/indicators/:id/chart.svg", async (c) => {
    const session = requireSession(c);
    const ind = await getIndicatorView(tenantOf(c, session), idParam(c.req.param("id"), "指標"));
    const svg = indicatorChartSvg({
      name: ind.name,
      unit: ind.unit,
      years: ind.years,
      targets: ind.years.map((fy) => ind.targets[fy] ?? null),
      actuals: ind.years.map((fy) => ind.actuals[fy] ?? (fy === ind.baselineYear ? ind.baselineValue : null)),
      baseline: ind.baselineYear !== null && ind.baselineValue !== null ? { fiscalYear: ind.baselineYear, value: ind.baselineValue } : null,
    });
    c.header("content-type", "image/svg+xml; charset=utf-8");
    c.header("cache-control", "no-store");
    return c.body(svg);
  });
}
