import type { Context, Hono } from "hono";
import { formatFiscalYear, parseFiscalYear } from "../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { existsIn } from "../../domain/organisation.js";
import type { LeaverRate } from "../../domain/projection.js";
import { cohortLabel, cohortTable, type CohortTable, retirementOf, type RetirementSchedule, type RetirementStep } from "../../domain/retirement.js";
import { canAdminister, canWriteUnit } from "../../domain/roles.js";
import { ageProfileToRows, parseAgeCount, parseAgeProfileLong, parseCohort, readAgeProfileGrid } from "../../io/age-profile.js";
import { toCsv } from "../../io/csv.js";
import { hasErrors, type ImportProblem } from "../../io/problems.js";
import { encodeText } from "../../io/text-encoding.js";
import { writeXlsx } from "../../io/xlsx.js";
import { projectionChartSvg } from "../../report/charts.js";
import type { SessionContext } from "../../services/auth.js";
import {
  compareScenarios,
  DEFAULT_LEAVER_RATES,
  DEFAULT_TO_YEAR,
  deleteScenario,
  defaultParams,
  type HiringMode,
  importAgeProfiles,
  runScenario,
  saveAgeProfile,
  saveScenario,
  saveSchedule,
  type ScenarioParams,
  type ScenarioResult,
  schedulesOf,
} from "../../services/retirement-planning.js";
import {
  ageProfileBaseYears,
  ageProfileRecords,
  effectiveSchedules,
  listScenarios,
  type UnitOption,
  unitAgeProfile,
  unitOptions,
  unitsWithAgeProfile,
} from "../../services/retirement-views.js";
import type { TenantDb } from "../../db/tenant.js";
import type { AppEnv } from "../env.js";
import { AgeProfilePage, type AgeProfilePageProps, type CategoryColumn } from "../pages/retirement-age-profile.js";
import { MODE_LABELS, leaverRateText, ratePercent, stepsInput } from "../pages/retirement-common.js";
import { type ProjectionForm, ProjectionPage, type ProjectionPageProps } from "../pages/retirement-projection.js";
import { CompareScenariosPage, ScenariosPage } from "../pages/retirement-scenarios.js";
import { type ScheduleFormValues, Zuhyo6Page, type Zuhyo6PageProps } from "../pages/retirement-zuhyo6.js";
import type { RowProblemView } from "../pages/staffing-common.js";
import { asInput, currentFiscalYear, encodingParam, field, fileResponse, intParam, requireAdmin, requireSession, tenantOf, yearInput, yearSpan } from "../request.js";

type Ctx = Context<AppEnv>;

/** 図表6's default span: the first year of the raise to the projection's end year. */
const ZUHYO6_FROM = 2023;
const MAX_ZUHYO6_SPAN = 50;
const MAX_COHORTS = 60;
/** Rows of the age grid: the ages staff can plausibly be in the base year, plus any stored outside them. */
const GRID_MIN_AGE = 18;
const GRID_MAX_AGE = 70;
const MAX_RATE_ROWS = 20;
const MAX_COMPARED = 6;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function categoryColumns(schedules: readonly RetirementSchedule[]): CategoryColumn[] {
  return effectiveSchedules(schedules).map(({ schedule }) => ({ code: schedule.category, label: schedule.label }));
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
  if (!m) throw new RangeError(`生年月日として読めません: 「${raw}」(例: 1964-04-01)`);
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

/** "03-31", "3/31", "3月31日" → { month, day }; blank = March 31. */
function parseRetireOn(raw: string): { month: number; day: number } {
  const text = raw.normalize("NFKC").trim();
  if (text === "") return { month: 3, day: 31 };
  const m = /^(\d{1,2})[-/月](\d{1,2})日?$/.exec(text);
  if (!m) throw new GyokakuError("invalid_input", `退職日は「月-日」で入力してください (例: 03-31): 「${raw}」`);
  return { month: Number(m[1]), day: Number(m[2]) };
}

interface Zuhyo6Render {
  scheduleForm?: ScheduleFormValues;
  scheduleError?: string;
  notice?: string;
}

async function renderZuhyo6(c: Ctx, session: SessionContext, extra: Zuhyo6Render = {}, status: 200 | 400 = 200) {
  const tenant = tenantOf(c, session);
  const schedules = await schedulesOf(tenant);
  const effective = effectiveSchedules(schedules);
  const { from, to, fromInput, toInput } = yearSpan(c, { from: ZUHYO6_FROM, to: DEFAULT_TO_YEAR });
  if (to - from + 1 > MAX_ZUHYO6_SPAN) throw new GyokakuError("invalid_input", `表示できるのは${MAX_ZUHYO6_SPAN}年度分までです`);
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
    if (!(error instanceof RangeError)) throw error;
    tableError = error.message;
  }

  let lookup: Zuhyo6PageProps["lookup"];
  const birth = c.req.query("birth");
  if (birth !== undefined && birth.trim() !== "") {
    const lookupCategory = (c.req.query("lookupCategory") ?? "").trim() || category;
    try {
      const date = parseBirthDate(birth);
      lookup = { birthInput: date, category: lookupCategory, result: retirementOf(date, lookupCategory, schedules) };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      lookup = { birthInput: birth, category: lookupCategory, error: error.message };
    }
  }

  const props: Zuhyo6PageProps = {
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
      retireOn: `${String(current.retireOn?.month ?? 3).padStart(2, "0")}-${String(current.retireOn?.day ?? 31).padStart(2, "0")}`,
      source: current.source ?? "",
    },
    ...(extra.scheduleError ? { scheduleError: extra.scheduleError } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
  };
  const refused = status === 400 || tableError !== undefined || lookup?.error !== undefined;
  return c.html(<Zuhyo6Page {...props} />, refused ? 400 : 200);
}

// ---------------------------------------------------------------------------
// Age profiles

interface AgeProfileView {
  unitId?: number;
  year?: number;
  add?: string;
  entered?: Record<string, string>;
  problems?: RowProblemView[];
  importProblems?: ImportProblem[];
  importError?: string;
  notice?: string;
}

async function renderAgeProfile(c: Ctx, session: SessionContext, view: AgeProfileView, status: 200 | 400 | 403 = 200) {
  const tenant = tenantOf(c, session);
  const actor = session.actor;
  const [baseYears, allUnits, schedules] = await Promise.all([ageProfileBaseYears(tenant), unitOptions(tenant), schedulesOf(tenant)]);
  const baseYear = view.year ?? baseYears[baseYears.length - 1] ?? currentFiscalYear();
  const units = allUnits.filter((u) => existsIn(u, baseYear));
  const withProfile = await unitsWithAgeProfile(tenant, baseYear);
  let unit: UnitOption | null;
  if (view.unitId !== undefined) {
    unit = allUnits.find((u) => u.id === view.unitId) ?? null;
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    if (!existsIn(unit, baseYear)) throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(baseYear)}には存在しません`);
  } else {
    const own = actor.role === "editor" ? units.find((u) => actor.unitIds.includes(u.id)) : undefined;
    unit = own ?? units.find((u) => withProfile.has(u.id)) ?? units[0] ?? null;
  }
  const allCategories = categoryColumns(schedules);
  const stored = unit ? await unitAgeProfile(tenant, unit.id, baseYear) : [];
  const used = new Set(["general", ...stored.map((r) => r.category)]);
  if (view.add) {
    if (!allCategories.some((c) => c.code === view.add)) throw new GyokakuError("invalid_input", `職種「${view.add}」の定年が定められていません`);
    used.add(view.add);
  }
  // Columns of posted fields stay visible when a refused form comes back.
  for (const name of Object.keys(view.entered ?? {})) {
    const category = name.split(".")[2];
    if (category && allCategories.some((c) => c.code === category)) used.add(category);
  }
  const columns = allCategories.filter((c) => used.has(c.code));
  const cohorts = new Set<number>();
  for (let age = GRID_MAX_AGE; age >= GRID_MIN_AGE; age--) cohorts.add(baseYear - age);
  for (const r of stored) cohorts.add(r.cohort);
  const props: AgeProfilePageProps = {
    session,
    csrfToken: c.var.csrfToken,
    units,
    unitsWithProfile: withProfile,
    unit,
    baseYear,
    yearInput: String(baseYear),
    baseYears,
    columns,
    allCategories,
    cohorts: [...cohorts].sort((a, b) => a - b),
    stored: new Map(stored.map((r) => [`${r.cohort}/${r.category}`, r.count])),
    writable: unit !== null && canWriteUnit(actor, unit.id),
    ...(view.entered ? { entered: view.entered } : {}),
    ...(view.problems ? { problems: view.problems } : {}),
    canImport: canAdminister(actor),
    ...(view.importProblems ? { importProblems: view.importProblems } : {}),
    ...(view.importError ? { importError: view.importError } : {}),
    ...(view.notice ? { notice: view.notice } : {}),
  };
  return c.html(<AgeProfilePage {...props} />, status);
}

const AGE_FIELD = /^n\.(\d{4})\.([A-Za-z0-9_-]{1,32})$/;

/** The grid's posted counts over what is stored: a field not posted keeps its stored value. */
function readAgeGrid(
  body: Record<string, unknown>,
  stored: readonly { cohort: number; category: string; count: number }[],
  columns: readonly CategoryColumn[],
): { rows: { cohort: number; category: string; count: number }[]; problems: RowProblemView[]; entered: Record<string, string> } {
  const counts = new Map(stored.map((r) => [`${r.cohort}/${r.category}`, r.count]));
  const labels = new Map(columns.map((col) => [col.code, col.label]));
  const problems: RowProblemView[] = [];
  const entered: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith("n.") || typeof value !== "string") continue;
    const m = AGE_FIELD.exec(name);
    const cohort = Number(m?.[1]);
    const category = m?.[2] ?? "";
    const label = labels.get(category);
    if (!m || label === undefined) {
      problems.push({ message: `不明な入力欄です: ${name}` });
      continue;
    }
    entered[name] = value;
    const parsed = parseAgeCount(value);
    if (!parsed.ok) {
      problems.push({ field: name, message: `${cohortLabel(cohort)}の${label}: ${parsed.message}` });
      continue;
    }
    counts.set(`${cohort}/${category}`, parsed.value);
  }
  const rows = [...counts].flatMap(([key, count]) => {
    const [cohort, category] = key.split("/");
    return count > 0 ? [{ cohort: Number(cohort), category: category ?? "", count }] : [];
  });
  return { rows, problems, entered };
}

// ---------------------------------------------------------------------------
// Projection parameters: one reader for the page, the chart, the export and the saved scenario

type Read = (name: string) => string | undefined;

const MODES: readonly HiringMode[] = ["levelled", "one-for-one", "manual"];

function wholeNumber(raw: string, what: string): number {
  const text = raw.normalize("NFKC").replace(/[\s,]/g, "");
  if (!/^\d+$/.test(text)) throw new GyokakuError("invalid_input", `${what}は0以上の整数で入力してください: 「${raw}」`);
  return Number(text);
}

function decimal(raw: string, what: string): number {
  const text = raw.normalize("NFKC").replace(/[\s%]/g, "");
  const value = text === "" ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new GyokakuError("invalid_input", `${what}は0以上の数で入力してください: 「${raw}」`);
  return value;
}

/** The projection's parameters from a query (or a saved form), with the form as typed to show it again. */
function readProjection(read: Read, ctx: { baseYears: readonly number[]; categories: readonly CategoryColumn[] }): { params: ScenarioParams; form: ProjectionForm } {
  const text = (name: string) => (read(name) ?? "").trim();
  const baseYear = yearInput(read("base"), "基準年度", ctx.baseYears[ctx.baseYears.length - 1] ?? currentFiscalYear());
  const defaults = defaultParams(baseYear);
  const toYear = yearInput(read("to"), "終了年度", defaults.toYear);
  if (toYear <= baseYear) throw new GyokakuError("invalid_input", `終了年度(${formatFiscalYear(toYear)})は基準年度(${formatFiscalYear(baseYear)})より後にしてください`);
  const scope = text("scope");
  const scopeUnitId = scope === "" || scope === "all" ? null : intParam(scope, "対象", 0);
  if (scopeUnitId !== null && scopeUnitId <= 0) throw new GyokakuError("invalid_input", `対象の組織が正しくありません: ${scope}`);
  const hireAge = intParam(text("hireAge"), "採用時の年齢", defaults.hireAge);
  const hireCategory = text("hireCategory") || defaults.hireCategory;
  if (!ctx.categories.some((c) => c.code === hireCategory)) throw new GyokakuError("invalid_input", `職種「${hireCategory}」の定年が定められていません`);
  const target = text("target") === "" ? null : wholeNumber(text("target"), "目標職員数");
  const modeText = text("mode") || defaults.mode;
  const mode = MODES.find((m) => m === modeText);
  if (!mode) throw new GyokakuError("invalid_input", `採用の方式「${modeText}」はありません (levelled / one-for-one / manual)`);
  const allowancePercent = text("allowance") === "" ? null : decimal(text("allowance"), "許容率");

  // The rate table counts as given once its first row's field is present, even blank (no other leavers at all).
  let leaverRates: LeaverRate[] = DEFAULT_LEAVER_RATES;
  const rateRows: ProjectionForm["rates"] = [];
  if (read("r0from") !== undefined) {
    leaverRates = [];
    for (let i = 0; i < MAX_RATE_ROWS; i++) {
      const from = text(`r${i}from`);
      const to = text(`r${i}to`);
      const pct = text(`r${i}pct`);
      if (from === "" && to === "" && pct === "") continue;
      rateRows.push({ from, to, pct });
      if (from === "" || to === "" || pct === "") throw new GyokakuError("invalid_input", `退職率の${i + 1}行目: 年齢(から)・年齢(まで)・退職率をすべて入力してください`);
      const rate = decimal(pct, `退職率の${i + 1}行目の退職率`) / 100;
      if (rate > 1) throw new GyokakuError("invalid_input", `退職率の${i + 1}行目: 退職率は0～100%で入力してください: 「${pct}」`);
      leaverRates.push({ fromAge: wholeNumber(from, `退職率の${i + 1}行目の年齢(から)`), toAge: wholeNumber(to, `退職率の${i + 1}行目の年齢(まで)`), rate });
    }
  } else {
    for (const r of leaverRates) rateRows.push({ from: String(r.fromAge), to: String(r.toAge), pct: ratePercent(r.rate) });
  }

  const manualHires: Record<number, number> = {};
  const hiresForm: Record<number, string> = {};
  if (mode === "manual") {
    for (let fy = baseYear + 1; fy <= toYear && fy - baseYear <= 60; fy++) {
      const raw = text(`h${fy}`);
      hiresForm[fy] = raw;
      if (raw !== "") manualHires[fy] = wholeNumber(raw, `${formatFiscalYear(fy)}の採用者数`);
    }
  }
  const params: ScenarioParams = { scopeUnitId, baseYear, toYear, leaverRates, hireAge, hireCategory, target, mode, manualHires, allowancePercent };
  const form: ProjectionForm = {
    scope: scopeUnitId === null ? "" : String(scopeUnitId),
    base: read("base")?.trim() || String(baseYear),
    to: read("to")?.trim() || String(toYear),
    hireAge: String(hireAge),
    hireCategory,
    target: target === null ? "" : String(target),
    mode,
    allowance: allowancePercent === null ? "" : String(allowancePercent),
    rates: rateRows,
    hires: hiresForm,
    hireYears: Array.from({ length: Math.min(toYear - baseYear, 60) }, (_, i) => baseYear + 1 + i),
  };
  return { params, form };
}

/** The canonical query of a scenario: what the chart, the export, the save form and a scenario's link carry. */
function projectionQuery(params: ScenarioParams): string {
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

async function projectionContext(tenant: TenantDb) {
  const [baseYears, schedules, units] = await Promise.all([ageProfileBaseYears(tenant), schedulesOf(tenant), unitOptions(tenant)]);
  return { baseYears, categories: categoryColumns(schedules), units };
}

/** Reads the query and runs the scenario (the chart and the export need a result; a refusal is a 400). */
async function projectionOf(c: Ctx, session: SessionContext): Promise<{ params: ScenarioParams; result: ScenarioResult; units: UnitOption[] }> {
  const tenant = tenantOf(c, session);
  const ctx = await projectionContext(tenant);
  const { params } = readProjection((name) => c.req.query(name), ctx);
  return { params, result: await runScenario(tenant, params), units: ctx.units };
}

async function renderProjection(c: Ctx, session: SessionContext, read: Read, extra: Pick<ProjectionPageProps, "saveName" | "saveError"> = {}, status: 200 | 400 = 200) {
  const tenant = tenantOf(c, session);
  const ctx = await projectionContext(tenant);
  const base = { session, csrfToken: c.var.csrfToken, units: ctx.units, categories: ctx.categories, baseYears: ctx.baseYears, isAdmin: canAdminister(session.actor), ...extra };
  if (ctx.baseYears.length === 0 && (read("base") ?? "").trim() === "") {
    const { form } = readProjection(read, ctx);
    return c.html(<ProjectionPage {...base} form={form} result={null} query="" />, status);
  }
  let parsed: { params: ScenarioParams; form: ProjectionForm } | undefined;
  try {
    parsed = readProjection(read, ctx);
    const result = await runScenario(tenant, parsed.params);
    return c.html(<ProjectionPage {...base} form={parsed.form} result={result} query={projectionQuery(parsed.params)} />, status);
  } catch (error) {
    if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
    // The form as typed comes back with the reason, so the user can correct it.
    const form = parsed?.form ?? fallbackForm(read, ctx.baseYears);
    return c.html(<ProjectionPage {...base} form={form} result={null} query="" error={error.message} />, 400);
  }
}

/** The form as typed when even its fields could not be read. */
function fallbackForm(read: Read, baseYears: readonly number[]): ProjectionForm {
  const text = (name: string) => read(name) ?? "";
  const rates: ProjectionForm["rates"] = [];
  for (let i = 0; i < MAX_RATE_ROWS; i++) {
    const row = { from: text(`r${i}from`), to: text(`r${i}to`), pct: text(`r${i}pct`) };
    if (row.from || row.to || row.pct) rates.push(row);
  }
  const hires: Record<number, string> = {};
  const year = (name: string) => {
    try {
      return parseFiscalYear(text(name));
    } catch {
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
    rates: read("r0from") === undefined ? DEFAULT_LEAVER_RATES.map((r) => ({ from: String(r.fromAge), to: String(r.toAge), pct: ratePercent(r.rate) })) : rates,
    hires,
    hireYears,
  };
}

async function projectionWorkbook(result: ScenarioResult, units: readonly UnitOption[], categories: readonly CategoryColumn[]): Promise<Uint8Array> {
  const p = result.params;
  const unitName = p.scopeUnitId === null ? "全体" : `${units.find((u) => u.id === p.scopeUnitId)?.name ?? `#${p.scopeUnitId}`}(下位組織を含む)`;
  const table: (string | number | null)[][] = [["年度", "年度(和暦)", "定年退職者", "その他の退職者", "採用者", "職員数(4月1日)", "条例定数", "上限", "上限との差"]];
  for (const y of result.years) {
    table.push([y.fiscalYear, formatFiscalYear(y.fiscalYear), y.retirees, y.otherLeavers, y.fiscalYear === p.baseYear ? null : y.hires, y.headcount, y.quota, y.cap, y.overCap]);
  }
  const levelled = result.levelled.ok ? result.levelled : null;
  const comparison: (string | number | null)[][] = [["年度", "平準化 採用者", "平準化 職員数", "退職者数を補充 採用者", "退職者数を補充 職員数"]];
  result.years.forEach((y, i) => {
    const base = y.fiscalYear === p.baseYear;
    comparison.push([
      y.fiscalYear,
      levelled && !base ? (levelled.hires[y.fiscalYear] ?? 0) : null,
      levelled?.years[i]?.headcount ?? null,
      base ? null : (result.oneForOne.hires[y.fiscalYear] ?? 0),
      result.oneForOne.years[i]?.headcount ?? null,
    ]);
  });
  const conditions: (string | number | null)[][] = [
    ["項目", "値"],
    ["対象", unitName],
    ["基準年度", formatFiscalYear(p.baseYear)],
    ["終了年度", formatFiscalYear(p.toYear)],
    ["採用の方式", MODE_LABELS[p.mode]],
    ["採用時の年齢", p.hireAge],
    ["採用する職種", categories.find((c) => c.code === p.hireCategory)?.label ?? p.hireCategory],
    ["最終年度の目標職員数", p.target ?? "条例定数"],
    ["許容率(%)", p.allowancePercent ?? "市の設定"],
    ["その他の退職率", p.leaverRates.map(leaverRateText).join("、") || "なし"],
    ["平準化の考え方", "上限を毎年守り、最終年度に目標の職員数に戻す採用計画のうち、各年度の採用者数のばらつき(二乗和)が最も小さいもの"],
    ["平準化の結果", result.levelled.ok ? (result.levelled.note ?? "目標どおり") : result.levelled.reason],
    ["注意", result.warnings.join(" / ") || "なし"],
  ];
  return writeXlsx([
    { name: "推計", rows: table, columnWidths: [8, 24, 12, 14, 10, 16, 10, 10, 12] },
    { name: "比較", rows: comparison, columnWidths: [8, 16, 16, 22, 22] },
    { name: "条件", rows: conditions, columnWidths: [22, 80] },
  ]);
}

// ---------------------------------------------------------------------------

/** 定年引上げ: cohort table (図表6), age profiles, projection and levelled hiring, scenarios. */
export function registerRetirementRoutes(app: Hono<AppEnv>): void {
  // ---- 図表6 ----
  app.get("/staffing/retirement", async (c) => {
    const session = requireSession(c);
    const saved = c.req.query("saved") === "1";
    return renderZuhyo6(c, session, saved ? { notice: "定年の定めを保存しました" } : {});
  });

  app.post("/staffing/retirement/schedules", async (c) => {
    const session = requireAdmin(c, "定年の定めを変更する");
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
        retireOn: parseRetireOn(values.retireOn),
        ...(values.source ? { source: values.source } : {}),
      };
      await saveSchedule(tenantOf(c, session), session.actor, schedule);
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return renderZuhyo6(c, session, { scheduleForm: values, scheduleError: error.message }, 400);
    }
    return c.redirect(`/staffing/retirement?category=${encodeURIComponent(values.category)}&saved=1#schedules`);
  });

  // ---- 年齢構成 ----
  app.get("/staffing/age-profile", async (c) => {
    const session = requireSession(c);
    const unitText = c.req.query("unit");
    const yearText = c.req.query("year");
    const saved = c.req.query("saved") === "1";
    const imported = Number(c.req.query("imported"));
    const notice = saved ? "年齢構成を保存しました" : Number.isInteger(imported) && imported > 0 ? `年齢構成を取り込みました(${imported}件の組織×基準年度)` : undefined;
    return renderAgeProfile(c, session, {
      ...(unitText ? { unitId: intParam(unitText, "組織", 0) } : {}),
      ...(yearText && yearText.trim() !== "" ? { year: yearInput(yearText, "基準年度", NaN) } : {}),
      ...(c.req.query("add") ? { add: c.req.query("add") ?? "" } : {}),
      ...(notice ? { notice } : {}),
    });
  });

  app.post("/staffing/age-profile", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const unitId = intParam(field(body, "unit"), "組織", 0);
    const baseYear = yearInput(field(body, "year"), "基準年度", NaN);
    const unit = (await unitOptions(tenant)).find((u) => u.id === unitId);
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    if (!canWriteUnit(session.actor, unit.id)) throw new GyokakuError("forbidden", `「${unit.name}」の年齢構成を編集する権限がありません`);
    const [stored, schedules] = await Promise.all([unitAgeProfile(tenant, unit.id, baseYear), schedulesOf(tenant)]);
    const grid = readAgeGrid(body, stored, categoryColumns(schedules));
    const view = { unitId: unit.id, year: baseYear, entered: grid.entered };
    if (grid.problems.length > 0) return renderAgeProfile(c, session, { ...view, problems: grid.problems }, 400);
    try {
      await saveAgeProfile(tenant, session.actor, { unitId: unit.id, baseYear, rows: grid.rows });
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      const problems = Array.isArray(error.details["problems"]) ? (error.details["problems"] as unknown[]).filter((p): p is string => typeof p === "string") : [error.message];
      return renderAgeProfile(c, session, { ...view, problems: problems.map((message) => ({ message })) }, 400);
    }
    return c.redirect(`/staffing/age-profile?unit=${unit.id}&year=${baseYear}&saved=1`);
  });

  const exportAgeProfile = (kind: "xlsx" | "csv") => async (c: Ctx) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const yearText = c.req.query("year");
    const year = yearText && yearText.trim() !== "" ? yearInput(yearText, "基準年度", NaN) : null;
    const [records, units] = await Promise.all([ageProfileRecords(tenant, year), unitOptions(tenant)]);
    const rows = ageProfileToRows(records, units);
    const base = `age-profile${year === null ? "" : `-${year}`}`;
    if (kind === "xlsx") return fileResponse(c, { filename: `${base}.xlsx`, contentType: XLSX_TYPE, bytes: await writeXlsx([{ name: "年齢構成", rows, columnWidths: [12, 20, 10, 12, 14, 8] }]) });
    const encoding = encodingParam(c.req.query("encoding") ?? "");
    const bytes = asInput(() => (encoding === "shift_jis" ? encodeText(toCsv(rows), "shift_jis") : encodeText(toCsv(rows), "utf-8", { bom: true })));
    return fileResponse(c, { filename: `${base}.csv`, contentType: `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`, bytes });
  };
  app.get("/staffing/age-profile.xlsx", exportAgeProfile("xlsx"));
  app.get("/staffing/age-profile.csv", exportAgeProfile("csv"));

  app.post("/staffing/age-profile/import", async (c) => {
    const session = requireAdmin(c, "年齢構成ファイルを取り込む");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const upload = body["file"];
    const refuse = (importError: string, importProblems?: ImportProblem[]) =>
      renderAgeProfile(c, session, { importError, ...(importProblems ? { importProblems } : {}) }, 400);
    if (!(upload instanceof File) || upload.size === 0) return refuse("ファイルを選んでください");
    if (upload.size > MAX_UPLOAD_BYTES) return refuse("ファイルが大きすぎます (10MBまで)");
    const filename = upload.name || "upload";
    let grid: string[][];
    try {
      grid = (await readAgeProfileGrid(filename, new Uint8Array(await upload.arrayBuffer()), encodingParam(field(body, "encoding")))).rows;
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return refuse(error.message);
    }
    const [units, schedules] = await Promise.all([unitOptions(tenant), schedulesOf(tenant)]);
    const categories = categoryColumns(schedules);
    const parsed = parseAgeProfileLong(
      grid,
      units,
      categories.map((col) => col.code),
      Object.fromEntries(categories.map((col) => [col.code, col.label])),
    );
    if (hasErrors(parsed.problems)) {
      const errors = parsed.problems.filter((p) => p.severity === "error");
      return refuse(`${filename} に誤りが${errors.length}件あるため、何も取り込んでいません`, parsed.problems);
    }
    if (parsed.rows.length === 0) return refuse(`${filename} に取り込む行がありません`);
    let changed: number;
    try {
      changed = await importAgeProfiles(tenant, session.actor, parsed.rows);
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return refuse(`${filename}: ${error.message} — 何も取り込んでいません`);
    }
    const years = [...new Set(parsed.rows.map((r) => r.baseYear))].sort((a, b) => a - b);
    return c.redirect(`/staffing/age-profile?year=${years[years.length - 1] ?? ""}&imported=${changed}`);
  });

  // ---- 推計・採用計画 ----
  app.get("/staffing/projection", async (c) => {
    const session = requireSession(c);
    return renderProjection(c, session, (name) => c.req.query(name));
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
    c.header("cache-control", "private, no-cache");
    return c.body(svg);
  });

  app.get("/staffing/projection.xlsx", async (c) => {
    const session = requireSession(c);
    const { params, result, units } = await projectionOf(c, session);
    const categories = categoryColumns(await schedulesOf(tenantOf(c, session)));
    return fileResponse(c, { filename: `projection-${params.baseYear}-${params.toYear}.xlsx`, contentType: XLSX_TYPE, bytes: await projectionWorkbook(result, units, categories) });
  });

  // ---- シナリオ ----
  app.post("/staffing/scenarios", async (c) => {
    const session = requireAdmin(c, "推計シナリオを保存する");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const name = field(body, "name");
    const query = new URLSearchParams(field(body, "query"));
    const read: Read = (key) => query.get(key) ?? undefined;
    let id: number;
    try {
      const { params } = readProjection(read, await projectionContext(tenant));
      id = await saveScenario(tenant, session.actor, name, params);
    } catch (error) {
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      return renderProjection(c, session, read, { saveName: name, saveError: error.message }, 400);
    }
    return c.redirect(`/staffing/scenarios?saved=${id}`);
  });

  app.get("/staffing/scenarios", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const [scenarios, units] = await Promise.all([listScenarios(tenant), unitOptions(tenant)]);
    const savedId = Number(c.req.query("saved"));
    const savedName = scenarios.find((s) => s.id === savedId)?.name;
    const notice = savedName ? `シナリオ「${savedName}」を保存しました` : c.req.query("deleted") === "1" ? "シナリオを削除しました" : undefined;
    return c.html(
      <ScenariosPage
        session={session}
        csrfToken={c.var.csrfToken}
        scenarios={scenarios}
        units={units}
        links={new Map(scenarios.map((s) => [s.id, projectionQuery(s.params)]))}
        isAdmin={canAdminister(session.actor)}
        notice={notice}
      />,
    );
  });

  app.get("/staffing/scenarios/compare", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const ids = [...new Set((c.req.queries("id") ?? []).map((v) => intParam(v, "シナリオ", 0)))];
    if (ids.length === 0) throw new GyokakuError("invalid_input", "比較するシナリオを選んでください");
    if (ids.length > MAX_COMPARED) throw new GyokakuError("invalid_input", `一度に比較できるのは${MAX_COMPARED}件までです`);
    const [compared, units] = await Promise.all([compareScenarios(tenant, ids), unitOptions(tenant)]);
    const entries = compared.map((e) => ({ ...e, link: projectionQuery(e.result.params) }));
    return c.html(<CompareScenariosPage session={session} csrfToken={c.var.csrfToken} entries={entries} units={units} />);
  });

  app.post("/staffing/scenarios/:id/delete", async (c) => {
    const session = requireSession(c);
    const id = intParam(c.req.param("id"), "シナリオ", 0);
    await deleteScenario(tenantOf(c, session), session.actor, id);
    return c.redirect("/staffing/scenarios?deleted=1");
  });
}
