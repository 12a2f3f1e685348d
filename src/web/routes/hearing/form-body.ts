/**
 * Reads a posted hearing form (様式1–3) into the shape domain/hearing-forms.ts validates. Field names are
 * `<section>.<row>.<field>`; a row left entirely blank is dropped; numbers typed in full width are read, and
 * anything that is not a whole number is handed on as typed so that validation names the field.
 */
import { randomUUID } from "node:crypto";
import type { FormNumber, LineDecision } from "../../../domain/hearing.js";
import { isOutcome } from "../../../domain/hearing.js";
import { PLAN_YEARS } from "../../../domain/hearing-forms.js";
import { GyokakuError } from "../../../domain/errors.js";
import { field } from "../../request.js";

type Body = Record<string, unknown>;

const SECTION_NAMES: Record<string, string> = { workloads: "業務量の変化", ict: "ICT活用", outsourcing: "民間委託等", units: "時間外勤務・欠員", requests: "要望", changes: "組織改正", lines: "人員計画" };

function num(value: string, nullable: boolean): number | string | null | undefined {
  const t = value.normalize("NFKC").replace(/,/g, "").trim();
  if (t === "") return nullable ? null : undefined;
  return /^-?\d+$/.test(t) ? Number(t) : value;
}

function values(body: Body, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** Rows the form pages offer at most per section (the forms' own limits are lower). */
const MAX_ROWS = 1000;

/**
 * Rows of a section: indexes 0..count-1 read with `read`; a row whose typed fields are all blank is left out.
 * A count past MAX_ROWS, a row the count announces but the post does not carry (a forged or truncated post), or a
 * row past the count (a count forged or missing) is refused: reading it as "no rows" would silently delete what is stored.
 * @throws GyokakuError invalid_input naming the section.
 */
function rows<T>(body: Body, section: string, fields: readonly string[], read: (get: (f: string) => string, i: number) => T): T[] {
  const typed = field(body, `${section}.count`).trim();
  const count = typed === "" ? 0 : Number(typed);
  const label = SECTION_NAMES[section] ?? section;
  if (!Number.isInteger(count) || count < 0 || count > MAX_ROWS) throw new GyokakuError("invalid_input", `${label}の行数が不正です(${MAX_ROWS}行まで)。画面を読み直してから入力してください`);
  const keys = Object.keys(body);
  // A row past the count (the count forged or left out) would be dropped, deleting what is stored: refused instead.
  const beyond = keys.map((k) => new RegExp(`^${section}\\.(\\d+)\\.`).exec(k)).find((m) => m !== null && Number(m[1]) >= count);
  if (beyond) throw new GyokakuError("invalid_input", `${label}の${Number(beyond[1]) + 1}行目が行数(${count}行)を超えて送信されています。画面を読み直してから入力してください`);
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    if (!keys.some((k) => k.startsWith(`${section}.${i}.`))) throw new GyokakuError("invalid_input", `${label}の${i + 1}行目が送信されていません。画面を読み直してから入力してください`);
    const get = (f: string) => field(body, `${section}.${i}.${f}`);
    if (fields.every((f) => get(f).trim() === "")) continue;
    out.push(read(get, i));
  }
  return out;
}

const lineId = (typed: string) => (typed.trim() === "" ? `N${randomUUID().slice(0, 8)}` : typed.trim());

export function formContentFromBody(form: FormNumber, body: Body): unknown {
  if (form === 1) {
    return {
      issues: field(body, "issues"),
      priorities: field(body, "priorities"),
      workloads: rows(body, "workloads", ["work", "previousCount", "currentCount", "note"], (g) => ({
        id: lineId(g("id")),
        work: g("work"),
        unitId: num(g("unitId"), true),
        previousCount: num(g("previousCount"), false),
        currentCount: num(g("currentCount"), false),
        note: g("note"),
      })),
      ict: rows(body, "ict", ["description", "reformKey", "startYear"], (g) => ({
        id: lineId(g("id")),
        kind: g("kind"),
        description: g("description"),
        reformKey: g("reformKey").trim() === "" ? null : g("reformKey").trim(),
        startYear: num(g("startYear"), true),
      })),
      outsourcing: rows(body, "outsourcing", ["work", "description", "startYear"], (g) => ({
        id: lineId(g("id")),
        kind: g("kind"),
        work: g("work"),
        description: g("description"),
        startYear: num(g("startYear"), true),
      })),
      units: rows(body, "units", ["unitId"], (g) => ({ unitId: num(g("unitId"), false), overtimeHours: num(g("overtimeHours"), true), vacancies: num(g("vacancies"), true) })),
      requests: rows(body, "requests", ["text"], (g) => ({ id: lineId(g("id")), text: g("text") })),
    };
  }
  if (form === 2) {
    return {
      changes: rows(body, "changes", ["unitIds", "newNames", "reason"], (g, i) => ({
        id: lineId(g("id")),
        kind: g("kind"),
        effectiveDate: g("effectiveDate").trim(),
        unitIds: values(body, `changes.${i}.unitIds`)
          .flatMap((v) => v.split(/[,、\s]+/))
          .filter((v) => v !== "")
          .map((v) => num(v, false)),
        newNames: g("newNames")
          .split(/[\n、,]+/)
          .map((n) => n.trim())
          .filter((n) => n !== ""),
        newParentId: num(g("newParentId"), true),
        reason: g("reason"),
      })),
    };
  }
  const yearFields = Array.from({ length: PLAN_YEARS }, (_, y) => [`y${y}inc`, `y${y}dec`]).flat();
  return {
    lines: rows(body, "lines", ["unitId", ...yearFields, "increaseReason", "decreaseReason"], (g) => ({
      id: lineId(g("id")),
      unitId: num(g("unitId"), false),
      category: g("category"),
      employment: g("employment") || "regular",
      current: num(g("current"), false) ?? 0,
      years: Array.from({ length: PLAN_YEARS }, (_, y) => ({ increase: num(g(`y${y}inc`), false) ?? 0, decrease: num(g(`y${y}dec`), false) ?? 0 })),
      increaseReason: g("increaseReason"),
      decreaseReason: g("decreaseReason"),
      driver: g("driver") || "none",
    })),
  };
}

/** A decision as typed on the decide form (shown again unchanged when the decisions are refused). */
export interface TypedDecision {
  outcome: string;
  approvedChange: string;
  reason: string;
}

/** The decide form's fields exactly as typed, per line id posted in `lines` (for the redisplay after an error). */
export function typedDecisionsFromBody(body: Body): Record<string, TypedDecision> {
  const out: Record<string, TypedDecision> = {};
  for (const id of values(body, "lines")) {
    out[id] = { outcome: field(body, `decision.${id}.outcome`), approvedChange: field(body, `decision.${id}.approvedChange`), reason: field(body, `decision.${id}.reason`) };
  }
  return out;
}

/** decision.<lineId>.outcome / .approvedChange / .reason for every line id posted in `lines`. */
export function decisionsFromBody(body: Body): Record<string, LineDecision> {
  const out: Record<string, LineDecision> = {};
  for (const id of values(body, "lines")) {
    const outcome = field(body, `decision.${id}.outcome`);
    if (!isOutcome(outcome)) continue;
    const approved = num(field(body, `decision.${id}.approvedChange`), true);
    out[id] = { outcome, reason: field(body, `decision.${id}.reason`), ...(typeof approved === "number" ? { approvedChange: approved } : {}) };
  }
  return out;
}
