/**
 * 定数管理の設定 (staffing settings) forms: allowance, reference day, change threshold, quota, population. Each form
 * is read with a zod schema whose messages name the field; authorization is the service's, asked before the form is read.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { MAX_STORED_INTEGER, TEXT_LIMITS } from "../../domain/input-limits.js";
import { parseReadValues, READ_VALUES_FIELD, type ReadValues } from "../../domain/read-values.js";
import { formatMonthDay, readMonthDay } from "../../domain/retirement.js";
import type { SessionContext } from "../../services/auth.js";
import { setChangeThreshold } from "../../services/headcount-plausibility.js";
import { authorizeStaffingSettings, setAllowancePercent, setPolicy, setPopulation, setQuota } from "../../services/staffing.js";
import { staffingSettings } from "../../services/staffing-views.js";
import { resolveUnitCodes, unitIdsOfCodes } from "../../services/units.js";
import type { AppEnv } from "../env.js";
import { fiscalYearParam, parseInput, textField, wholeNumberField } from "../input.js";
import { type SettingsForm, SettingsPage } from "../pages/staffing-settings.js";
import { currentFiscalYear, field, requireSession, STATUS, tenantOf } from "../request.js";

type Ctx = Context<AppEnv>;

const SETTINGS_NOTICES: Record<string, string> = {
  allowance: "許容率を保存しました",
  referenceDay: "基準日を保存しました",
  threshold: "確認の目安を保存しました",
  quota: "条例定数を設定しました",
  population: "人口を保存しました",
};

/** A percentage as typed (「3」「３％」); blank is NaN when `optional`, which the service refuses with its own message. */
function percentField(label: string, options: { blankAllowed?: boolean } = {}) {
  return z
    .string()
    .optional()
    .transform((raw = "", ctx) => {
      const text = raw.normalize("NFKC").replace(/[%\s]/g, "");
      const value = text === "" ? Number.NaN : Number(text);
      if (Number.isFinite(value) || (options.blankAllowed && text === "")) return value;
      ctx.addIssue({ code: "custom", message: `${label}は数で入力してください(例: 3): ${raw.slice(0, 40)}` });
      return z.NEVER;
    });
}

/** A fiscal year (令和8年度, R8, 2026); blank is null, or refused with `required`'s message. */
function yearField(label: string, required?: string) {
  return z
    .string()
    .optional()
    .transform((raw = "", ctx) => {
      if (raw.trim() === "") {
        if (required === undefined) return null;
        ctx.addIssue({ code: "custom", message: required });
        return z.NEVER;
      }
      const parsed = fiscalYearParam(label).safeParse(raw);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });
}

/** 適用開始年度: required, so that a new value is never silently applied to every past year. */
const FROM_YEAR = yearField("適用開始年度", "適用開始年度を入力してください(例: 令和8年度、R8、2026)");

const AllowanceForm = z.object({ percent: percentField("許容率"), fromYear: FROM_YEAR });
const ReferenceDayForm = z.object({
  day: z
    .string()
    .optional()
    .transform((raw = "") => {
      // 「4/1」「4月1日」 are stored as 04-01; anything else goes on as typed, for policyValueProblem to name.
      const day = readMonthDay(raw);
      return day ? formatMonthDay(day) : raw.normalize("NFKC").trim();
    }),
  fromYear: FROM_YEAR,
});
const ThresholdForm = z.object({ percent: percentField("変化率", { blankAllowed: true }), people: wholeNumberField("人数") });
const QuotaForm = z.object({
  unit: z
    .string()
    .optional()
    .transform((raw = "", ctx) => {
      const id = /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      if (Number.isInteger(id) && id > 0 && id <= MAX_STORED_INTEGER) return id;
      ctx.addIssue({ code: "custom", message: "組織を選んでください" });
      return z.NEVER;
    }),
  quota: wholeNumberField("条例定数"),
  fromYear: yearField("適用開始年度"),
  /** 共同の定数: the other 任命権者 sharing the quota, by name or code, separated by 、 , or new lines. */
  members: textField("共同の定数の組織", TEXT_LIMITS.any).transform((text) => text.split(/[、,，\n]/).map((n) => n.trim()).filter((n) => n !== "")),
  note: textField("備考", TEXT_LIMITS.title),
  /** 「大きな変更を確認しました」: a change beyond the threshold is saved only with it. */
  confirm: z
    .string()
    .optional()
    .transform((raw) => raw === "1"),
});
const PopulationForm = z.object({
  fiscalYear: yearField("年度", "年度を入力してください(例: 令和7年度、R7、2025)"),
  population: wholeNumberField("人口"),
  referenceDate: textField("基準日", TEXT_LIMITS.title),
  source: textField("出典", TEXT_LIMITS.title),
});

/**
 * Runs one settings form; a refused input (400) or a value changed meanwhile by someone else (409, both values named,
 * nothing written) shows the settings page again with the message and what was typed. Each form carries the values it
 * showed (hidden READ_VALUES_FIELD); a post without them is refused, since it would overwrite unseen changes.
 */
async function settingsForm<S extends z.ZodType>(
  c: Ctx,
  form: SettingsForm,
  schema: S,
  names: string[],
  save: (values: z.output<S>, session: SessionContext, read: ReadValues) => Promise<void>,
) {
  const session = requireSession(c);
  // The service's rule, asked before the form is read: a refused user gets 403 whatever was sent.
  authorizeStaffingSettings(session.actor);
  const parsed = await c.req.parseBody();
  const body = Object.fromEntries(names.map((n) => [n, field(parsed, n)]));
  try {
    const values = parseInput(schema, body);
    await save(values, session, parseReadValues(parsed[READ_VALUES_FIELD]));
  } catch (error) {
    if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
    const settings = await staffingSettings(tenantOf(c, session), currentFiscalYear());
    return c.html(
      <SettingsPage session={session} csrfToken={c.var.csrfToken} settings={settings} error={{ form, message: error.message, entered: body }} />,
      STATUS[error.code],
    );
  }
  return c.redirect(`/staffing/settings?saved=${form}#${form}`);
}

/** The settings page and its five forms. */
export function registerStaffingSettingsRoutes(app: Hono<AppEnv>): void {
  app.get("/staffing/settings", async (c) => {
    const session = requireSession(c);
    const settings = await staffingSettings(tenantOf(c, session), currentFiscalYear());
    return c.html(<SettingsPage session={session} csrfToken={c.var.csrfToken} settings={settings} notice={SETTINGS_NOTICES[c.req.query("saved") ?? ""]} />);
  });

  app.post("/staffing/settings/allowance", (c) =>
    settingsForm(c, "allowance", AllowanceForm, ["percent", "fromYear"], async (v, session, read) => {
      await setAllowancePercent(tenantOf(c, session), session.actor, v.percent, v.fromYear, read);
    }),
  );

  app.post("/staffing/settings/reference-day", (c) =>
    settingsForm(c, "referenceDay", ReferenceDayForm, ["day", "fromYear"], async (v, session, read) => {
      await setPolicy(tenantOf(c, session), session.actor, { kind: "reference_date", value: v.day, fromYear: v.fromYear, read });
    }),
  );

  app.post("/staffing/settings/threshold", (c) =>
    settingsForm(c, "threshold", ThresholdForm, ["percent", "people"], async (v, session, read) => {
      await setChangeThreshold(tenantOf(c, session), session.actor, { percent: v.percent, people: v.people }, read);
    }),
  );

  app.post("/staffing/settings/quota", (c) =>
    settingsForm(c, "quota", QuotaForm, ["unit", "quota", "fromYear", "members", "note", "confirm"], async (v, session, read) => {
      const tenant = tenantOf(c, session);
      const codes = await resolveUnitCodes(tenant, v.members);
      const memberUnitIds = codes.length === 0 ? undefined : [v.unit, ...(await unitIdsOfCodes(tenant, codes))];
      await setQuota(tenant, session.actor, { unitId: v.unit, quota: v.quota, fromYear: v.fromYear, note: v.note, memberUnitIds, confirmed: v.confirm, read });
    }),
  );

  app.post("/staffing/settings/population", (c) =>
    settingsForm(c, "population", PopulationForm, ["fiscalYear", "population", "referenceDate", "source"], async (v, session, read) => {
      if (v.fiscalYear === null) throw new GyokakuError("invalid_input", "年度を入力してください(例: 令和7年度、R7、2025)");
      await setPopulation(tenantOf(c, session), session.actor, {
        fiscalYear: v.fiscalYear,
        population: v.population,
        ...(v.referenceDate === "" ? {} : { referenceDate: v.referenceDate }),
        source: v.source,
        read,
      });
    }),
  );
}
