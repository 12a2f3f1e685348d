/** 退職予定 by cohort (the cohort table, the seed's 図表6): the table, one person's retirement, the schedules (定年の定め). */
import type { Hono } from "hono";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { cohortTable, type CohortTable, formatMonthDay, retirementDayOf, retirementOf, type RetirementSchedule } from "../../../domain/retirement.js";
import { canAdminister } from "../../../domain/roles.js";
import type { SessionContext } from "../../../services/auth.js";
import { DEFAULT_TO_YEAR, saveSchedule, schedulesOf } from "../../../services/retirement-planning.js";
import { effectiveSchedules } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { stepsInput } from "../../pages/retirement-common.js";
import { CohortTablePage, type CohortTablePageProps, type ScheduleFormValues } from "../../pages/retirement-cohort-table.js";
import { parseInput } from "../../input.js";
import { field, requireSession, tenantOf, yearSpan } from "../../request.js";
import type { Ctx } from "./common.js";
import { birthDateText, CohortTableQuery, ScheduleForm } from "./schemas.js";

/** The cohort table's default span: the first year of the raise to the projection's end year. */
const COHORT_TABLE_FROM = 2023;
const MAX_COHORT_TABLE_SPAN = 50;

interface CohortTableRender {
  scheduleForm?: ScheduleFormValues;
  scheduleError?: string;
  notice?: string;
}

async function renderCohortTable(c: Ctx, session: SessionContext, extra: CohortTableRender = {}, status: 200 | 400 = 200) {
  const tenant = tenantOf(c, session);
  const schedules = await schedulesOf(tenant);
  const effective = effectiveSchedules(schedules);
  const { from, to, fromInput, toInput } = yearSpan(c, { from: COHORT_TABLE_FROM, to: DEFAULT_TO_YEAR });
  if (to - from + 1 > MAX_COHORT_TABLE_SPAN) throw new GyokakuError("invalid_input", `表示できるのは${MAX_COHORT_TABLE_SPAN}年度分までです`);
  const query = parseInput(CohortTableQuery, c.req.query());
  const category = query.category;
  const current = effective.find((s) => s.schedule.category === category)?.schedule;
  if (!current) throw new GyokakuError("invalid_input", `職種「${category}」の定年が定められていません`);
  const cohortsInput = c.req.query("cohorts") ?? "";
  // By default the school years aged 55–65 in the first year: those whose retirement the raise moves.
  const cohorts = query.cohorts ?? Array.from({ length: 11 }, (_, i) => from - 65 + i);

  let table: CohortTable | null = null;
  let tableError: string | undefined;
  try {
    table = cohortTable({ fromYear: from, toYear: to, cohorts, category, schedules });
  } catch (error) {
    if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
    tableError = error.message;
  }

  let lookup: CohortTablePageProps["lookup"];
  const birth = c.req.query("birth");
  if (birth !== undefined && birth.trim() !== "") {
    const lookupCategory = (c.req.query("lookupCategory") ?? "").trim() || category;
    try {
      const date = parseInput(birthDateText, birth);
      lookup = { birthInput: date, category: lookupCategory, result: retirementOf(date, lookupCategory, schedules) };
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      lookup = { birthInput: birth, category: lookupCategory, error: error.message };
    }
  }

  const props: CohortTablePageProps = {
    session,
    csrfToken: c.var.csrfToken,
    table,
    ...(tableError ? { tableError } : {}),
    category,
    schedules: effective,
    fromInput,
    toInput,
    cohortsInput,
    ...(lookup ? { lookup } : {}),
    isAdmin: canAdminister(session.actor),
    scheduleForm: extra.scheduleForm ?? {
      category: current.category,
      label: current.label,
      steps: stepsInput(current),
      retireOn: formatMonthDay(retirementDayOf(current)),
      source: current.source ?? "",
    },
    ...(extra.scheduleError ? { scheduleError: extra.scheduleError } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
  };
  const refused = status === 400 || tableError !== undefined || lookup?.error !== undefined;
  return c.html(<CohortTablePage {...props} />, refused ? 400 : 200);
}
export function registerCohortTableRoutes(app: Hono<AppEnv>): void {
  // ---- 図表6 ----
  app.get("/staffing/retirement", async (c) => {
    const session = requireSession(c);
    const saved = c.req.query("saved") === "1";
    return renderCohortTable(c, session, saved ? { notice: "定年の定めを保存しました" } : {});
  });

  app.post("/staffing/retirement/schedules", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const values: ScheduleFormValues = {
      category: field(body, "category").normalize("NFKC").trim(),
      label: field(body, "label").trim(),
      steps: field(body, "steps"),
      retireOn: field(body, "retireOn").trim(),
      source: field(body, "source").trim(),
    };
    try {
      const form = parseInput(ScheduleForm, values);
      const schedule: RetirementSchedule = {
        category: form.category,
        label: form.label,
        steps: form.steps,
        retireOn: form.retireOn,
        ...(form.source ? { source: form.source } : {}),
      };
      await saveSchedule(tenantOf(c, session), session.actor, schedule);
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return renderCohortTable(c, session, { scheduleForm: values, scheduleError: error.message }, 400);
    }
    return c.redirect(`/staffing/retirement?category=${encodeURIComponent(values.category)}&saved=1#schedules`);
  });
}
