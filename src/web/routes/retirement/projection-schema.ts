/**
 * The zod schema of the projection's query (推計・採用計画: the page, its chart and workbook, a saved scenario's form):
 * every field with its Japanese name in its messages. The rate table's rows and the manual hires are fields whose
 * names depend on what was read before them (r0from…, h2026…), so they are parsed in the schema's transform with
 * their own field schemas (input.ts parseWithin).
 */
import { z } from "zod";
import { formatFiscalYear } from "../../../domain/era.js";
import type { LeaverRate } from "../../../domain/projection.js";
import { DEFAULT_LEAVER_RATES, defaultParams, type HiringMode, type ScenarioParams } from "../../../services/retirement-scenarios.js";
import { fiscalYearParam, integerText, nonNegativeNumberText, parseWithin, wholeNumberField } from "../../input.js";
import type { CategoryColumn } from "../../pages/retirement-age-profile.js";
import { ratePercent } from "../../pages/retirement-common.js";
import type { ProjectionForm } from "../../pages/retirement-projection.js";

/** At most this many rows in the leaver-rate table. */
export const MAX_RATE_ROWS = 20;
/** The hiring modes, as the query spells them. */
export const MODES: readonly HiringMode[] = ["levelled", "one-for-one", "manual"];

/** The query as sent: each name with its first value. */
export type ProjectionQuery = Readonly<Record<string, string | undefined>>;

/** What the projection's fields depend on: the base years with an age profile, the job categories with a schedule, this year. */
export interface ProjectionContext {
  baseYears: readonly number[];
  categories: readonly CategoryColumn[];
  currentFiscalYear: number;
}

const trimmed = z
  .string()
  .optional()
  .transform((text) => (text ?? "").trim());

/** A fiscal year as typed (令和7年度, R7, 2025); blank is undefined (the default). */
const optionalYear = (label: string) =>
  z
    .string()
    .optional()
    .transform((text) => (text === undefined || text.trim() === "" ? undefined : text))
    .pipe(fiscalYearParam(label).optional());

/** ?scope= : "" or "all" for every unit, else a unit's id. */
const scopeText = trimmed.transform((scope, ctx) => {
  if (scope === "" || scope === "all") return null;
  const id = parseWithin(integerText("対象"), scope, ctx);
  if (id === undefined) return z.NEVER;
  if (id <= 0) {
    ctx.addIssue({ code: "custom", message: `対象の組織が正しくありません: ${scope}` });
    return z.NEVER;
  }
  return id;
});

/** A whole number of people as typed; blank is null. */
const optionalCount = (label: string) => trimmed.transform((raw, ctx) => (raw === "" ? null : (parseWithin(wholeNumberField(label), raw, ctx) ?? z.NEVER)));

const modeText = trimmed.transform((text, ctx): HiringMode | undefined => {
  if (text === "") return undefined;
  const mode = MODES.find((m) => m === text);
  if (mode) return mode;
  ctx.addIssue({ code: "custom", message: `採用の方式「${text}」はありません (levelled / one-for-one / manual)` });
  return z.NEVER;
});

/** One row of the leaver-rate table (退職率の N 行目): ages from–to and a rate in % (0–100); all blank is no row. */
function rateRow(i: number) {
  const row = `退職率の${i + 1}行目`;
  return z.object({ from: trimmed, to: trimmed, pct: trimmed }).transform((typed, ctx): LeaverRate | null => {
    const { from, to, pct } = typed;
    if (from === "" && to === "" && pct === "") return null;
    if (from === "" || to === "" || pct === "") {
      ctx.addIssue({ code: "custom", message: `${row}: 年齢(から)・年齢(まで)・退職率をすべて入力してください` });
      return z.NEVER;
    }
    const percent = parseWithin(nonNegativeNumberText(`${row}の退職率`), pct, ctx);
    if (percent === undefined) return z.NEVER;
    if (percent > 100) {
      ctx.addIssue({ code: "custom", message: `${row}: 退職率は0～100%で入力してください: 「${pct}」` });
      return z.NEVER;
    }
    const fromAge = parseWithin(wholeNumberField(`${row}の年齢(から)`), from, ctx);
    const toAge = parseWithin(wholeNumberField(`${row}の年齢(まで)`), to, ctx);
    if (fromAge === undefined || toAge === undefined) return z.NEVER;
    return { fromAge, toAge, rate: percent / 100 };
  });
}

/**
 * The projection's parameters from a query (or a saved scenario's form), with the form as typed to show it again.
 * Blank fields take the defaults of services/retirement-planning.ts defaultParams (the base year: the last year with an
 * age profile, else this fiscal year). The rate table counts as given once its first row's field is present, even
 * blank (no other leavers at all).
 */
export function projectionSchema(context: ProjectionContext) {
  const Fields = z.object({
    base: optionalYear("基準年度"),
    to: optionalYear("終了年度"),
    scope: scopeText,
    hireAge: integerText("採用時の年齢"),
    hireCategory: trimmed,
    target: optionalCount("目標職員数"),
    mode: modeText,
    allowance: nonNegativeNumberText("許容率"),
  });
  return z
    .record(z.string(), z.string().optional())
    .transform((raw, ctx): { params: ScenarioParams; form: ProjectionForm } => {
      const fields = parseWithin(Fields, raw, ctx);
      if (fields === undefined) return z.NEVER;
      const text = (name: string) => (raw[name] ?? "").trim();
      const baseYear = fields.base ?? context.baseYears[context.baseYears.length - 1] ?? context.currentFiscalYear;
      const defaults = defaultParams(baseYear);
      const toYear = fields.to ?? defaults.toYear;
      if (toYear <= baseYear) ctx.addIssue({ code: "custom", message: `終了年度(${formatFiscalYear(toYear)})は基準年度(${formatFiscalYear(baseYear)})より後にしてください` });
      const hireAge = fields.hireAge ?? defaults.hireAge;
      const hireCategory = fields.hireCategory || defaults.hireCategory;
      if (!context.categories.some((c) => c.code === hireCategory)) ctx.addIssue({ code: "custom", message: `職種「${hireCategory}」の定年が定められていません` });
      const mode = fields.mode ?? defaults.mode;

      let leaverRates: LeaverRate[] = DEFAULT_LEAVER_RATES;
      const rateRows: ProjectionForm["rates"] = [];
      if (raw["r0from"] !== undefined) {
        leaverRates = [];
        for (let i = 0; i < MAX_RATE_ROWS; i++) {
          const typed = { from: text(`r${i}from`), to: text(`r${i}to`), pct: text(`r${i}pct`) };
          if (typed.from !== "" || typed.to !== "" || typed.pct !== "") rateRows.push(typed);
          const rate = parseWithin(rateRow(i), typed, ctx);
          if (rate) leaverRates.push(rate);
        }
      } else {
        for (const r of leaverRates) rateRows.push({ from: String(r.fromAge), to: String(r.toAge), pct: ratePercent(r.rate) });
      }

      const manualHires: Record<number, number> = {};
      const hiresForm: Record<number, string> = {};
      if (mode === "manual") {
        for (let fy = baseYear + 1; fy <= toYear && fy - baseYear <= 60; fy++) {
          const typed = text(`h${fy}`);
          hiresForm[fy] = typed;
          const hires = parseWithin(optionalCount(`${formatFiscalYear(fy)}の採用者数`), typed, ctx);
          if (hires !== undefined && hires !== null) manualHires[fy] = hires;
        }
      }
      if (ctx.issues.length > 0) return z.NEVER;
      const { scope: scopeUnitId, target, allowance } = fields;
      const allowancePercent = allowance ?? null;
      const params: ScenarioParams = { scopeUnitId, baseYear, toYear, leaverRates, hireAge, hireCategory, target, mode, manualHires, allowancePercent };
      const form: ProjectionForm = {
        scope: scopeUnitId === null ? "" : String(scopeUnitId),
        base: text("base") || String(baseYear),
        to: text("to") || String(toYear),
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
    });
}
