/**
 * The zod schemas of the 定年引上げ pages' queries and forms: each field with its Japanese name in every message, the
 * grammar of what a clerk types (cohort ranges, schedule steps, birth dates) in the field's transform. Routes parse with
 * input.ts parseInput, so a refusal is one 400 whose message names the field (and the line, for the steps).
 */
import { z } from "zod";
import { parseFiscalYear } from "../../../domain/era.js";
import { isGyokakuError } from "../../../domain/errors.js";
import { type MonthDay, parseAgeCellsText, parseMonthDay, type RetirementStep } from "../../../domain/retirement.js";
import { parseCohort } from "../../../io/age-profile.js";
import { type CohortCount, HIRE_AGE_MAX, HIRE_AGE_MIN } from "../../../domain/projection.js";
import { parseTypedCount } from "../../../domain/typed-count.js";
import { TEXT_LIMITS } from "../../../domain/input-limits.js";
import { applyOrPreview, checkBox, encodingField, fiscalYearParam, formText, integerText, parseWithin, textField } from "../../input.js";

/** At most this many school years (学年) in the cohort table. */
export const MAX_COHORTS = 60;

/** The message of a domain parser's refusal (GyokakuError invalid_input); anything else is a bug and is thrown on. */
function refusal(error: unknown): string {
  if (isGyokakuError(error) && error.code === "invalid_input") return error.message;
  throw error;
}

/** ?cohorts= "1960-1968", "S35～S43", "1964,1965", "昭和39年度生まれ" → cohorts, ascending; blank → undefined (the page's default). */
export const cohortsText = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === "") return undefined;
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    const out = new Set<number>();
    const normalised = text.normalize("NFKC").replace(/\s*([~〜\-–])\s*/g, "$1");
    for (const part of normalised.split(/[,、\s]+/).filter((p) => p !== "")) {
      const ends = part.split(/[~〜\-–]/);
      if (ends.length > 2) return fail(`生まれ年度の範囲が読めません: 「${part}」`);
      const [a = "", b = a] = ends;
      let from: number;
      let to: number;
      try {
        from = parseCohort(a);
        to = parseCohort(b);
      } catch (error) {
        return fail(`生まれ年度: ${refusal(error)}`);
      }
      if (to < from) return fail(`生まれ年度の範囲が逆です: 「${part}」`);
      if (to - from + 1 > MAX_COHORTS) return fail(`生まれ年度は${MAX_COHORTS}学年までにしてください`);
      for (let cohort = from; cohort <= to; cohort++) out.add(cohort);
    }
    if (out.size > MAX_COHORTS) return fail(`生まれ年度は${MAX_COHORTS}学年までにしてください`);
    return [...out].sort((x, y) => x - y);
  });

/** A birth date typed as 1964-04-01, 1964/4/1 or 19640401 → YYYY-MM-DD (the domain checks that the day exists). */
export const birthDateText = z.string().transform((raw, ctx) => {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(raw.normalize("NFKC").trim());
  if (m) return `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
  ctx.addIssue({ code: "custom", message: `生年月日として読めません: 「${raw}」(例: 1964-04-01)` });
  return z.NEVER;
});

/**
 * The steps of a schedule as typed, one per line: "2023 61", "令和5年度 61", "R5: 61歳"; the first line may be
 * "- 60" for every year before the next step. Every line's problem is named in one message (「2行目: …」).
 */
export const stepsText = z.string().transform((text, ctx): RetirementStep[] => {
  const steps: RetirementStep[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
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
      problems.push(`${i + 1}行目: ${refusal(error)}`);
    }
  });
  if (problems.length > 0) ctx.addIssue({ code: "custom", message: problems.join(" / ") });
  return steps;
});

/** 退職日 as typed ("03-31", "3/31", "3月31日"); blank is March 31 (domain/retirement.ts parseMonthDay). */
export const retireOnText = z.string().transform((raw, ctx): MonthDay => {
  try {
    return parseMonthDay(raw);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: refusal(error) });
    return z.NEVER;
  }
});

/** POST /staffing/retirement/schedules: a category's 定年の定め (the service checks the ages, the day and the name). */
export const ScheduleForm = z.object({
  category: z.string(),
  label: z.string(),
  steps: stepsText,
  retireOn: retireOnText,
  source: z.string(),
});

/**
 * POST /staffing/retirement/schedules as typed (shown again on a refusal): the 職種 code (NFKC), 職種の名称, the steps
 * (as typed, one a line), 退職日 and 根拠, each a text naming its field; ScheduleForm then reads the steps and the day.
 * The values read (hidden readLabel, readSteps, readRetireOn, readSource; absent: a post not from the form) are read
 * the same way, as the form showed them.
 */
export const ScheduleFormBody = z
  .object({
    category: textField("職種", TEXT_LIMITS.code).transform((text) => text.normalize("NFKC").trim()),
    label: textField("職種の名称", TEXT_LIMITS.name),
    steps: formText("年度ごとの定年"),
    retireOn: textField("退職日", 40),
    source: textField("根拠", TEXT_LIMITS.title),
    readLabel: textField("開いたときの職種の名称", TEXT_LIMITS.name).optional(),
    readSteps: formText("開いたときの年度ごとの定年"),
    readRetireOn: textField("開いたときの退職日", 40),
    readSource: textField("開いたときの根拠", TEXT_LIMITS.title),
  })
  .transform(({ readLabel, readSteps, readRetireOn, readSource, ...typed }) => ({
    typed,
    read: readLabel === undefined ? undefined : { category: typed.category, label: readLabel, steps: readSteps, retireOn: readRetireOn, source: readSource },
  }));

/** GET /staffing/retirement (the span is read by request.ts yearSpan): the category shown and the cohorts chosen. */
export const CohortTableQuery = z.object({
  category: z
    .string()
    .optional()
    .transform((text) => (text ?? "").trim() || "general"),
  cohorts: cohortsText,
});

/**
 * The 採用者 rows of the age-roll form (h.<i>.age / .category / .count, rows 0..rows-1): each row's 年齢 (歳 in the
 * next year, as of `baseYear` + 1) and 人数 as typed counts (domain/typed-count.ts), its 職種 a category code (blank:
 * general). A row with both numbers blank is no row, a row of 0 people adds none; every problem names its row
 * (「採用者2行目: 人数を入力してください」). Output: the hires as cohorts (生まれ年度 = baseYear + 1 − 年齢).
 */
export function hireRows(rows: number, baseYear: number) {
  return z.record(z.string(), z.unknown()).transform((body, ctx): CohortCount[] => {
    const hires: CohortCount[] = [];
    for (let i = 0; i < rows; i++) {
      const where = `採用者${i + 1}行目`;
      const row = z
        .object({ age: textField(`${where}の年齢`, 40), count: textField(`${where}の人数`, 40), category: textField(`${where}の職種`, 32) })
        .safeParse({ age: body[`h.${i}.age`], count: body[`h.${i}.count`], category: body[`h.${i}.category`] });
      if (!row.success) {
        for (const issue of row.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        continue;
      }
      const { age: ageText, count: countText, category } = row.data;
      if (ageText === "" && countText === "") continue;
      const read = (what: "年齢" | "人数", text: string): number | null => {
        const typed = parseTypedCount(text, what, what === "年齢" ? { min: HIRE_AGE_MIN, max: HIRE_AGE_MAX } : {});
        if (!typed.ok) ctx.addIssue({ code: "custom", message: `${where}: ${typed.message}` });
        else if (typed.value === null) ctx.addIssue({ code: "custom", message: `${where}: ${what}を入力してください` });
        return typed.ok ? typed.value : null;
      };
      const age = read("年齢", ageText);
      const count = read("人数", countText);
      if (age !== null && count !== null && count > 0) hires.push({ cohort: baseYear + 1 - age, category: category || "general", count });
    }
    return hires;
  });
}

/**
 * POST /staffing/age-profile/roll: the unit (absent: 0, which the service does not find), the base year (令和7年度,
 * R7, 2025; blank: NaN, which the service refuses), whether 「保存する」 was pressed (any other button previews) and
 * whether to write over the next year's stored profile. The leavers and hires are read by their own schemas.
 */
export const AgeRollFields = z.object({
  unit: integerText("組織").transform((id) => id ?? 0),
  year: textField("基準年度", 40).transform((text, ctx) => (text === "" ? Number.NaN : (parseWithin(fiscalYearParam("基準年度"), text, ctx) ?? z.NEVER))),
  action: applyOrPreview(),
  replace: checkBox(),
});

/** The base year of the age grid as typed (令和7年度, R7, 2025); blank or absent is undefined (the page's default). */
const baseYearText = textField("基準年度", 40).transform((text, ctx) => (text === "" ? undefined : (parseWithin(fiscalYearParam("基準年度"), text, ctx) ?? z.NEVER)));

/**
 * GET /staffing/age-profile: the unit shown (blank: the page's choice), the base year (blank: the latest with a
 * profile), the category column to add, and the notices after a save (saved=1) or an import (imported=N).
 */
export const AgeProfileQuery = z.object({
  unit: integerText("組織"),
  year: baseYearText,
  add: textField("追加する職種", 32),
  saved: checkBox(),
  imported: integerText("取り込んだ件数"),
});

/** GET /staffing/age-profile.xlsx / .csv: the base year exported (blank: every year). */
export const AgeExportQuery = z.object({ year: baseYearText });

/**
 * The hidden 「read」 field of the age grid (domain/retirement.ts ageCellsText, the cells as the form showed them) →
 * the cells as rows and by `cohort/category`; an unreadable one is a 400 (a form not drawn by this page).
 */
const ageCellsRead = textField("開いたときの値", TEXT_LIMITS.any).transform((text, ctx) => {
  const cells = parseAgeCellsText(text);
  if (cells) {
    const rows = [...cells].flatMap(([key, count]) => {
      const m = /^(\d{4})\/(.*)$/.exec(key);
      return m ? [{ cohort: Number(m[1]), category: m[2] ?? "", count }] : [];
    });
    return { text, cells, rows };
  }
  ctx.addIssue({ code: "custom", message: "フォームの内容が壊れています。画面を開き直してください" });
  return z.NEVER;
});

/**
 * POST /staffing/age-profile, all but the grid's cells (read by the route's posted grid): the unit (blank: 0, which
 * the service does not find), the base year (required) and the cells as read (absent: a post not from the form).
 */
export const AgeProfileFormFields = z.object({
  unit: integerText("組織").transform((id) => id ?? 0),
  year: baseYearText.transform((year, ctx) => {
    if (year !== undefined) return year;
    ctx.addIssue({ code: "custom", message: "基準年度を入力してください" });
    return z.NEVER;
  }),
  read: ageCellsRead.optional(),
});

/**
 * POST /staffing/age-profile/import, all but the file (request.ts uploadedFile): the encoding, the step (apply or
 * preview) and the preview's fingerprint (basis; services/import-basis.ts confirmedBasis checks it).
 */
export const AgeImportFields = z.object({
  encoding: encodingField(),
  step: applyOrPreview(),
  basis: textField("取り込む内容の確認", TEXT_LIMITS.any),
});
