/** 退職予定 by cohort (the cohort table, the seed's 図表6): the table, one person's retirement, the schedules (定年の定め). */
import type { Hono } from "hono";
import type { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { cohortTable, type CohortTable, formatMonthDay, retirementDayOf, retirementOf, type RetirementSchedule } from "../../../domain/retirement.js";
import { canAdminister } from "../../../domain/roles.js";
import type { SessionContext } from "../../../services/auth.js";
import { saveSchedule, scheduleReadValues, schedulesOf } from "../../../services/retirement-planning.js";
import { DEFAULT_TO_YEAR } from "../../../services/retirement-scenarios.js";
import { effectiveSchedules } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { stepsInput } from "../../pages/retirement-common.js";
import { CohortTablePage, type CohortTablePageProps, type ScheduleFormValues } from "../../pages/retirement-cohort-table.js";
import { parseInput } from "../../input.js";
import { requireSession, tenantOf, yearSpan } from "../../request.js";
import type { Ctx } from "./common.js";
import { birthDateText, CohortTableQuery, ScheduleForm, ScheduleFormBody } from "./schemas.js";

/** The cohort table's default span: the first year of the raise to the projection's end year. */
const COHORT_TABLE_FROM = 2023;
const MAX_COHORT_TABLE_SPAN = 50;

interface CohortTableRender {
  scheduleForm?: ScheduleFormValues;
  scheduleError?: string;
  scheduleRead?: ScheduleFormValues;
  notice?: string;
}

async function renderCohortTable(c: Ctx, session: SessionContext, extra: CohortTableRender = {}, status: 200 | 400 | 409 = 200) {
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
    scheduleForm: extra.scheduleForm ?? scheduleFormOf(current),
    // As read (hidden): a save writes only the fields changed from these and refuses one changed meanwhile (409).
    ...(extra.scheduleForm ? (extra.scheduleRead ? { scheduleRead: extra.scheduleRead } : {}) : { scheduleRead: scheduleFormOf(current) }),
    ...(extra.scheduleError ? { scheduleError: extra.scheduleError } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
  };
  const refused = status === 400 || tableError !== undefined || lookup?.error !== undefined;
  return c.html(<CohortTablePage {...props} />, status === 409 ? 409 : refused ? 400 : 200);
}
/** A schedule as the form read it (the 根拠 left out when blank). */
function scheduleOf(form: z.output<typeof ScheduleForm>): RetirementSchedule {
  return { category: form.category, label: form.label, steps: form.steps, retireOn: form.retireOn, ...(form.source ? { source: form.source } : {}) };
}

/** A schedule as the form shows it (the same text the user edits). */
function scheduleFormOf(schedule: RetirementSchedule): ScheduleFormValues {
  return { category: schedule.category, label: schedule.label, steps: stepsInput(schedule), retireOn: formatMonthDay(retirementDayOf(schedule)), source: schedule.source ?? "" };
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
    let values: ScheduleFormValues | undefined;
    let read: ScheduleFormValues | undefined;
    try {
      ({ typed: values, read } = parseInput(ScheduleFormBody, body));
      const form = parseInput(ScheduleForm, values);
      // The values the form showed, read as typed ones are; the service compares them with the stored ones in its transaction.
      const shown = read ? parseInput(ScheduleForm, read) : undefined;
      await saveSchedule(tenantOf(c, session), session.actor, scheduleOf(form), shown ? scheduleReadValues(scheduleOf(shown)) : null);
    } catch (error) {
      if (isGyokakuError(error) && error.code === "conflict") {
        // 409: the form shows what is stored now (the new version read) and the message names both values.
        return renderCohortTable(c, session, { scheduleError: error.message }, 409);
      }
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return renderCohortTable(c, session, { ...(values ? { scheduleForm: values } : {}), scheduleError: error.message, ...(read ? { scheduleRead: read } : {}) }, 400);
    }
    return c.redirect(`/staffing/retirement?category=${encodeURIComponent(values?.category ?? "")}&saved=1#schedules`);
  });
}
