/** 退職予定 by cohort (the cohort table, the seed's 図表6): the table, one person's retirement, the schedules (定年の定め). */
import type { Hono } from "hono";
import { parseFiscalYear } from "../../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { cohortTable, type CohortTable, formatMonthDay, parseMonthDay, retirementDayOf, retirementOf, type RetirementSchedule, type RetirementStep } from "../../../domain/retirement.js";
import { canAdminister } from "../../../domain/roles.js";
import { parseCohort } from "../../../io/age-profile.js";
import type { SessionContext } from "../../../services/auth.js";
import { DEFAULT_TO_YEAR, saveSchedule, schedulesOf } from "../../../services/retirement-planning.js";
import { effectiveSchedules } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { stepsInput } from "../../pages/retirement-common.js";
import { CohortTablePage, type CohortTablePageProps, type ScheduleFormValues } from "../../pages/retirement-cohort-table.js";
import { asInput, field, requireSession, tenantOf, yearSpan } from "../../request.js";
import type { Ctx } from "./common.js";

/** The cohort table's default span: the first year of the raise to the projection's end year. */
const COHORT_TABLE_FROM = 2023;
const MAX_COHORT_TABLE_SPAN = 50;
const MAX_COHORTS = 60;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------
// 図表6

/** "1960-1968", "S35～S43", "1964,1965", "昭和39年度生まれ" → cohorts, ascending. */
function parseCohorts(text: string): number[] {
  const out = new Set<number>();
  const normalised = text.normalize("NFKC").replace(/\s*([~〜\-–])\s*/g, "$1");
  for (const part of normalised.split(/[,、\s]+/).filter((p) => p !== "")) {
    const ends = part.split(/[~〜\-–]/);
    if (ends.length > 2) throw new GyokakuError("invalid_input", `生まれ年度の範囲が読めません: 「${part}」`);
    const [a = "", b = a] = ends;
    const from = asInput(() => parseCohort(a), "生まれ年度");
    const to = asInput(() => parseCohort(b), "生まれ年度");
    if (to < from) throw new GyokakuError("invalid_input", `生まれ年度の範囲が逆です: 「${part}」`);
    if (to - from + 1 > MAX_COHORTS) throw new GyokakuError("invalid_input", `生まれ年度は${MAX_COHORTS}学年までにしてください`);
    for (let cohort = from; cohort <= to; cohort++) out.add(cohort);
  }
  if (out.size > MAX_COHORTS) throw new GyokakuError("invalid_input", `生まれ年度は${MAX_COHORTS}学年までにしてください`);
  return [...out].sort((x, y) => x - y);
}

/** A birth date typed as 1964-04-01, 1964/4/1 or 19640401 → YYYY-MM-DD (the domain checks that it exists). */
function parseBirthDate(raw: string): string {
  const text = raw.normalize("NFKC").trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  if (!m) throw new GyokakuError("invalid_input", `生年月日として読めません: 「${raw}」(例: 1964-04-01)`);
  return `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
}

/**
 * The steps of a schedule as typed, one per line: "2023 61", "令和5年度 61", "R5: 61歳"; the first line may be
 * "- 60" for every year before the next step. Each problem names its line.
 */
function parseSteps(text: string): RetirementStep[] {
  const steps: RetirementStep[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.normalize("NFKC").trim();
    if (line === "") return;
    const m = /^(.*?)[\s,:、]+(\d{1,3})\s*歳?$/.exec(line) ?? /^()(\d{1,3})\s*歳?$/.exec(line);
    if (!m) {
      problems.push(`${i + 1}行目「${raw.trim()}」: 「適用年度 定年」の形で入力してください (例: 2023 61)`);
      return;
    }
    const yearText = (m[1] ?? "").trim();
    const age = Number(m[2]);
    if (yearText === "" || /^[-~〜ー―]$/.test(yearText) || yearText === "以前") {
      if (steps.length > 0) problems.push(`${i + 1}行目: 適用年度を省略できるのは最初の行だけです`);
      steps.push({ fromYear: null, age });
      return;
    }
    try {
      steps.push({ fromYear: parseFiscalYear(yearText.replace(/から$|以降$/, "")), age });
    } catch (error) {
      problems.push(`${i + 1}行目: ${errorMessage(error)}`);
    }
  });
  if (problems.length > 0) throw new GyokakuError("invalid_input", problems.join(" / "), { problems });
  return steps;
}

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
  const category = (c.req.query("category") ?? "").trim() || "general";
  const current = effective.find((s) => s.schedule.category === category)?.schedule;
  if (!current) throw new GyokakuError("invalid_input", `職種「${category}」の定年が定められていません`);
  const cohortsInput = c.req.query("cohorts") ?? "";
  // By default the school years aged 55–65 in the first year: those whose retirement the raise moves.
  const cohorts = cohortsInput.trim() === "" ? Array.from({ length: 11 }, (_, i) => from - 65 + i) : parseCohorts(cohortsInput);

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
      const date = parseBirthDate(birth);
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
      const schedule: RetirementSchedule = {
        category: values.category,
        label: values.label,
        steps: parseSteps(values.steps),
        retireOn: parseMonthDay(values.retireOn),
        ...(values.source ? { source: values.source } : {}),
      };
      await saveSchedule(tenantOf(c, session), session.actor, schedule);
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return renderCohortTable(c, session, { scheduleForm: values, scheduleError: error.message }, 400);
    }
    return c.redirect(`/staffing/retirement?category=${encodeURIComponent(values.category)}&saved=1#schedules`);
  });
}
