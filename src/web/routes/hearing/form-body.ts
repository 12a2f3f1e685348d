/**
 * Reads a posted hearing form (様式1–3) into the shape domain/hearing-forms.ts validates, with zod: one schema per
 * section's row (fields `<section>.<row>.<field>`) and one for the section's rows as posted (`<section>.count`, every
 * row the count announces, none past it). A row left entirely blank is dropped; numbers typed in full width are
 * read, and anything that is not a whole number is handed on as typed so that validation names the field and row.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { FormNumber, LineDecision } from "../../../domain/hearing.js";
import { isOutcome, OUTCOME_LABELS, OUTCOMES } from "../../../domain/hearing.js";
import { PLAN_CHANGE_MAX, PLAN_YEARS, requestLineLabel } from "../../../domain/hearing-forms.js";
import { parseTypedCount } from "../../../domain/typed-count.js";
import { MAX_STORED_INTEGER } from "../../../domain/input-limits.js";
import { field } from "../../request.js";
import { formText, parseInput, parseWithin } from "../../input.js";

type Body = Record<string, unknown>;

const SECTION_NAMES: Record<string, string> = { workloads: "業務量の変化", ict: "ICT活用", outsourcing: "民間委託等", units: "時間外勤務・欠員", requests: "要望", changes: "組織改正", lines: "人員計画" };

/**
 * A whole number as typed, read by the one typed-count rule (domain/typed-count.ts): the number, or the text as typed
 * (for the form's validation to refuse naming the field and its bound); blank is null when `nullable`, else undefined.
 */
function num(value: string, nullable: boolean): number | string | null | undefined {
  const read = parseTypedCount(value, "", { min: -MAX_STORED_INTEGER });
  if (!read.ok) return value;
  return read.value ?? (nullable ? null : undefined);
}

/**
 * A whole number typed in a row (full-width digits and thousands separators read): the number; blank is null when
 * `blank` is "null", undefined when "absent", or the number given (0); anything else is the text as typed, for the
 * form's validation to refuse naming the field.
 */
function typedWhole(blank: "null" | "absent" | number = "absent") {
  return z.string().transform((value) => {
    const read = num(value, blank === "null");
    return read === undefined && typeof blank === "number" ? blank : read;
  });
}

/** A row's id as posted; a new row (blank id) gets one. */
const lineId = z.string().transform((typed) => (typed.trim() === "" ? `N${randomUUID().slice(0, 8)}` : typed.trim()));
/** Free text as typed. */
const text = z.string();
/** A text trimmed; blank is null. */
const optionalKey = z.string().transform((t) => (t.trim() === "" ? null : t.trim()));

function values(body: Body, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** Rows the form pages offer at most per section (the forms' own limits are lower). */
const MAX_ROWS = 1000;

/** 様式1 業務量の変化 */
const WorkloadRow = z.object({ id: lineId, work: text, unitId: typedWhole("null"), previousCount: typedWhole(), currentCount: typedWhole(), note: text });
/** 様式1 ICT活用 */
const IctRow = z.object({ id: lineId, kind: text, description: text, reformKey: optionalKey, startYear: typedWhole("null") });
/** 様式1 民間委託等 */
const OutsourcingRow = z.object({ id: lineId, kind: text, work: text, description: text, startYear: typedWhole("null") });
/** 様式1 時間外勤務・欠員 */
const UnitRow = z.object({ unitId: typedWhole(), overtimeHours: typedWhole("null"), vacancies: typedWhole("null") });
/** 様式1 要望 */
const RequestRow = z.object({ id: lineId, text });
/** 様式2 組織改正: unitIds posted as several values (checkboxes) or typed separated by 、 , or spaces; newNames one a line. */
const ChangeRow = z.object({
  id: lineId,
  kind: text,
  effectiveDate: z.string().transform((t) => t.trim()),
  unitIds: z.array(z.string()).transform((posted) => posted.flatMap((v) => v.split(/[,、\s]+/)).filter((v) => v !== "").map((v) => num(v, false))),
  newNames: z.string().transform((t) => t.split(/[\n、,]+/).map((n) => n.trim()).filter((n) => n !== "")),
  newParentId: typedWhole("null"),
  reason: text,
});
const YEAR_FIELDS = Array.from({ length: PLAN_YEARS }, (_, y) => [`y${y}inc`, `y${y}dec`] as const);
/** 様式3 人員計画: a line's years as y<n>inc / y<n>dec (blank is 0), employment and driver defaulted. */
const PlanLineRow = z
  .object({
    id: lineId,
    unitId: typedWhole(),
    category: text,
    employment: z.string().transform((t) => t || "regular"),
    current: typedWhole(0),
    ...Object.fromEntries(YEAR_FIELDS.flat().map((f) => [f, typedWhole(0)])),
    increaseReason: text,
    decreaseReason: text,
    driver: z.string().transform((t) => t || "none"),
  })
  .transform((row) => {
    const cells = row as unknown as Record<string, unknown>;
    const { id, unitId, category, employment, current, increaseReason, decreaseReason, driver } = row;
    return { id, unitId, category, employment, current, years: YEAR_FIELDS.map(([inc, dec]) => ({ increase: cells[inc], decrease: cells[dec] })), increaseReason, decreaseReason, driver };
  });

/**
 * The rows of `section` as posted: `<section>.count` (blank is 0, at most MAX_ROWS), each row 0..count-1 read with
 * `row` from its fields; a row whose `typed` fields are all blank is left out. A count that is no number or too large,
 * a row the count announces but the post does not carry (a forged or truncated post), or a row past the count (a
 * count forged or missing) is refused naming the section: reading it as "no rows" would silently delete what is stored.
 */
function sectionRows<S extends z.ZodObject | z.ZodPipe<z.ZodObject>>(section: string, typed: readonly string[], row: S) {
  const label = SECTION_NAMES[section] ?? section;
  const inner = (row instanceof z.ZodPipe ? row.in : row) as z.ZodObject;
  const shape = inner.shape as Record<string, z.ZodType>;
  return z.record(z.string(), z.unknown()).transform((body, ctx): z.output<S>[] => {
    const countText = field(body, `${section}.count`).trim();
    const count = countText === "" ? 0 : Number(countText);
    if (!Number.isInteger(count) || count < 0 || count > MAX_ROWS) {
      ctx.addIssue({ code: "custom", message: `${label}の行数が不正です(${MAX_ROWS}行まで)。画面を読み直してから入力してください`, path: [`${section}.count`] });
      return z.NEVER;
    }
    const keys = Object.keys(body);
    // A row past the count (the count forged or left out) would be dropped, deleting what is stored: refused instead.
    const beyond = keys.map((k) => new RegExp(`^${section}\\.(\\d+)\\.`).exec(k)).find((m) => m !== null && Number(m[1]) >= count);
    if (beyond) {
      ctx.addIssue({ code: "custom", message: `${label}の${Number(beyond[1]) + 1}行目が行数(${count}行)を超えて送信されています。画面を読み直してから入力してください`, path: [beyond[0]] });
      return z.NEVER;
    }
    const out: z.output<S>[] = [];
    for (let i = 0; i < count; i++) {
      if (!keys.some((k) => k.startsWith(`${section}.${i}.`))) {
        ctx.addIssue({ code: "custom", message: `${label}の${i + 1}行目が送信されていません。画面を読み直してから入力してください`, path: [`${section}.${i}`] });
        return z.NEVER;
      }
      const name = (f: string) => `${section}.${i}.${f}`;
      if (typed.every((f) => field(body, name(f)).trim() === "")) continue;
      const posted = Object.fromEntries(Object.entries(shape).map(([f, schema]) => [f, schema instanceof z.ZodArray || (schema instanceof z.ZodPipe && schema.in instanceof z.ZodArray) ? values(body, name(f)) : field(body, name(f))]));
      out.push(row.parse(posted) as z.output<S>);
    }
    return out;
  });
}

/**
 * The rows of a posted 様式 (1: 業務量の変化・ICT活用・民間委託等・時間外勤務・欠員・要望 and the two texts; 2: 組織改正;
 * 3: 人員計画), in the shape domain/hearing-forms.ts validates.
 * @throws GyokakuError invalid_input naming the section when its rows are not posted as the count says.
 */
export function formContentFromBody(form: FormNumber, body: Body): unknown {
  const read = <S extends z.ZodObject | z.ZodPipe<z.ZodObject>>(section: string, typed: readonly string[], row: S) => parseInput(sectionRows(section, typed, row), body);
  if (form === 1) {
    return {
      issues: field(body, "issues"),
      priorities: field(body, "priorities"),
      workloads: read("workloads", ["work", "previousCount", "currentCount", "note"], WorkloadRow),
      ict: read("ict", ["description", "reformKey", "startYear"], IctRow),
      outsourcing: read("outsourcing", ["work", "description", "startYear"], OutsourcingRow),
      units: read("units", ["unitId"], UnitRow),
      requests: read("requests", ["text"], RequestRow),
    };
  }
  if (form === 2) return { changes: read("changes", ["unitIds", "newNames", "reason"], ChangeRow) };
  return { lines: read("lines", ["unitId", ...YEAR_FIELDS.flat(), "increaseReason", "decreaseReason"], PlanLineRow) };
}

/** A decision as typed on the decide form (shown again unchanged when the decisions are refused). */
export interface TypedDecision {
  outcome: string;
  approvedChange: string;
  reason: string;
}

/** The decide form's fields of line `id` (decision.<id>.outcome / .approvedChange / .reason) as posted. */
function decisionFieldsOf(body: Body, id: string): Record<keyof TypedDecision, unknown> {
  return { outcome: body[`decision.${id}.outcome`], approvedChange: body[`decision.${id}.approvedChange`], reason: body[`decision.${id}.reason`] };
}

/** What can be shown again of a field as typed: its text, or "" (absent, a file, posted twice). */
const shownAgain = z.unknown().transform((value) => (typeof value === "string" ? value : ""));

/** The decide form's fields exactly as typed, per line id posted in `lines` (for the redisplay after an error). Never refuses. */
export const TypedDecisionsForm = z.record(z.string(), z.unknown()).transform((body): Record<string, TypedDecision> => {
  const row = z.object({ outcome: shownAgain, approvedChange: shownAgain, reason: shownAgain });
  return Object.fromEntries(values(body, "lines").map((id) => [id, row.parse(decisionFieldsOf(body, id))]));
});

/**
 * One line's decision, its messages naming the line (`label`, 「人員計画 1行目」): 決定 one of 承認・一部承認・不承認
 * (blank: none, which the service asks for), 承認する増減 a whole number within ±PLAN_CHANGE_MAX (人; blank: none;
 * domain/typed-count.ts), 理由 a text. A forged 決定 or an unreadable number is refused, never dropped.
 */
function lineDecision(label: string) {
  return z
    .object({ outcome: formText(`${label}の決定`), approvedChange: formText(`${label}の承認する増減`), reason: formText(`${label}の理由`) })
    .transform((typed, ctx): LineDecision | null => {
      const outcome = typed.outcome.trim();
      const known = outcome === "" || isOutcome(outcome);
      if (!known) ctx.addIssue({ code: "custom", message: `${label}: 決定「${outcome.slice(0, 40)}」は選べません。${OUTCOMES.map((o) => OUTCOME_LABELS[o]).join("・")}から選んでください` });
      const approved = parseTypedCount(typed.approvedChange, `${label}の承認する増減`, { min: -PLAN_CHANGE_MAX, max: PLAN_CHANGE_MAX });
      if (!approved.ok) ctx.addIssue({ code: "custom", message: approved.message });
      if (!known || !approved.ok || !isOutcome(outcome)) return null;
      return { outcome, reason: typed.reason, ...(approved.value === null ? {} : { approvedChange: approved.value }) };
    });
}

/**
 * The decide form of `form`: decision.<lineId>.outcome / .approvedChange / .reason for every line id posted in
 * `lines`, the n-th named as the page names it (domain/hearing-forms.ts requestLineLabel). Lines left undecided are
 * absent (the service refuses them by name); anything unreadable is a 400 naming the line.
 */
export function decisionsForm(form: FormNumber) {
  return z.record(z.string(), z.unknown()).transform((body, ctx) => {
    const out: Record<string, LineDecision> = {};
    values(body, "lines").forEach((id, i) => {
      const decision = parseWithin(lineDecision(requestLineLabel(form, i)), decisionFieldsOf(body, id), ctx);
      if (decision) out[id] = decision;
    });
    return out;
  });
}
