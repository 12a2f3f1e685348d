/** The forms 様式1–3 of one department: reading, saving with optimistic locking, and the workflow steps. */
import type { HearingFormRow, HearingRoundRow } from "../../db/schema-hearing.js";
import type { TenantDb } from "../../db/tenant.js";
import { isValidIsoDate } from "../../domain/era.js";
import { GyokakuError } from "../../domain/errors.js";
import {
  actionIsSecretariat,
  canEditDepartment,
  decisionProblems,
  type FormAction,
  FORM_ACTION_LABELS,
  FORM_LABELS,
  FORM_STATUS_LABELS,
  type FormNumber,
  type FormStatus,
  isFormNumber,
  isFormStatus,
  type LineDecision,
  nextFormStatus,
} from "../../domain/hearing.js";
import { type FormCheckContext, formContentProblems, storedCategories } from "../../domain/hearing-checks.js";
import { type ContentDifference, contentDifferences, saveConflictMessage } from "../../domain/hearing-conflict.js";
import { decidedHeadcountProblems, type Form3, type FormContent, problemLine, requestLines } from "../../domain/hearing-forms.js";
import { type Actor, canAdminister } from "../../domain/roles.js";
import { requireAdmin } from "../authorization.js";
import { recordChange } from "../audit.js";
import { jobCategoriesOf, type PlanningUnit, planningUnits, type ReformLink, reformLinks, requireDepartment, requireRound, roundStatusOf } from "./context.js";
import { formWhere, storedDecisions, storedFormContent } from "../stored-shapes.js";

export interface FormView {
  roundId: number;
  unitId: number;
  form: FormNumber;
  status: FormStatus;
  content: FormContent[FormNumber];
  decisions: Record<string, LineDecision>;
  returnComment: string;
  heardOn: string | null;
  heardNotes: string;
  submittedAt: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function toFormView(row: HearingFormRow): FormView {
  const form = isFormNumber(row.form) ? row.form : 1;
  return {
    roundId: row.round_id,
    unitId: row.unit_id,
    form,
    status: isFormStatus(row.status) ? row.status : "draft",
    content: storedFormContent(form, row.content_json, formWhere(row, "content_json")),
    decisions: storedDecisions(row.decisions_json, formWhere(row, "decisions_json")),
    returnComment: row.return_comment,
    heardOn: row.heard_on,
    heardNotes: row.heard_notes,
    submittedAt: row.submitted_at,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export interface DepartmentForms {
  roundId: number;
  roundTitle: string;
  targetYear: number;
  roundDecided: boolean;
  departmentId: number;
  departmentName: string;
  slot: { date: string | null; time: string | null; place: string };
  units: PlanningUnit[];
  jobCategories: string[];
  /** The reform items an ICT line may be linked to (様式1). */
  reformLinks: ReformLink[];
  forms: FormView[];
  /** The actor may fill in and hand in the forms (the department's editor or the secretariat, round open). */
  canEdit: boolean;
  /** The actor is the secretariat (returns, hears, decides). */
  canDecide: boolean;
}

/** What departmentForms reads and writes of the municipality's repositories (a type error to reach another). */
export type DepartmentFormsDb = Pick<TenantDb, "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "reformEditions" | "reformItems" | "units">;

export async function departmentForms(tenant: DepartmentFormsDb, actor: Actor, roundId: number, unitId: number): Promise<DepartmentForms> {
  const round = await requireRound(tenant, actor, roundId);
  const unit = await requireDepartment(tenant, actor, round, unitId);
  const [rows, units, departments, links] = await Promise.all([
    tenant.hearingForms.listByDepartment(round.id, unit.id),
    planningUnits(tenant, unit.id, round.target_year),
    tenant.hearingRounds.departments(round.id),
    reformLinks(tenant),
  ]);
  const dept = departments.find((d) => d.unit_id === unit.id);
  const status = roundStatusOf(round);
  return {
    roundId: round.id,
    roundTitle: round.title,
    targetYear: round.target_year,
    roundDecided: status === "decided",
    departmentId: unit.id,
    departmentName: unit.name,
    slot: { date: dept?.slot_date ?? null, time: dept?.slot_time ?? null, place: dept?.slot_place ?? "" },
    units,
    jobCategories: jobCategoriesOf(round),
    reformLinks: links,
    forms: rows.map(toFormView),
    canEdit: canEditDepartment(actor, unit.id, status),
    canDecide: canAdminister(actor) && status === "open",
  };
}

/**
 * A save (or step) met a newer version: the 409 carries the stored form, what was sent and, for a save, what differs.
 * The message names who saved and when, and says so when it was the same user in another tab (domain/hearing-conflict.ts).
 */
export class FormConflict extends GyokakuError {
  readonly differences: ContentDifference[];
  constructor(
    readonly theirs: FormView,
    readonly mine: unknown,
    you: string,
    unitName: (id: number) => string = (id) => `#${id}`,
    sentContent?: unknown,
  ) {
    super("conflict", saveConflictMessage({ savedBy: theirs.updatedBy, savedAt: theirs.updatedAt, version: theirs.version, you }), { theirs, mine });
    this.differences = sentContent === undefined ? [] : contentDifferences(theirs.content, sentContent, unitName);
  }
}

/**
 * Validates a form's content against its schema and the round's rules (domain/hearing-checks.ts) and returns it;
 * throws invalid_input listing every problem at once (`details.problems`, one Japanese line each).
 */
export function checkContent(form: FormNumber, content: unknown, context: FormCheckContext): FormContent[FormNumber] {
  const { value, problems } = formContentProblems(form, content, context);
  if (value === null || problems.length > 0) {
    const lines = problems.map(problemLine);
    throw new GyokakuError("invalid_input", `${FORM_LABELS[form]}に${lines.length}件の問題があります。何も保存していません: ${lines.join(" / ")}`, { problems: lines });
  }
  return value;
}

/** What the checks need to know of the round and the department. */
export async function checkContext(tx: Pick<TenantDb, "reformEditions" | "reformItems" | "units">, round: HearingRoundRow, departmentName: string, units: PlanningUnit[], stored?: unknown): Promise<FormCheckContext> {
  const all = await tx.units.list();
  return {
    storedCategories: storedCategories(stored),
    targetYear: round.target_year,
    departmentName,
    unitIds: units.map((u) => u.id),
    unitNames: new Map(all.map((u) => [u.id, u.name])),
    parentOf: new Map(all.map((u) => [u.id, u.parent_id])),
    validity: new Map(all.map((u) => [u.id, { validFrom: u.valid_from, validTo: u.valid_to }])),
    jobCategories: jobCategoriesOf(round),
    reformKeys: (await reformLinks(tx)).map((l) => l.key),
    current: new Map(units.map((u) => [u.id, { name: u.name, current: u.current, derived: u.derived, heldBy: u.heldBy }])),
  };
}

async function loadForm(tx: Pick<TenantDb, "hearingForms" | "hearingRounds" | "units">, actor: Actor, roundId: number, unitId: number, form: number): Promise<{ round: HearingRoundRow; row: HearingFormRow; unitName: string; form: FormNumber }> {
  if (!isFormNumber(form)) throw new GyokakuError("not_found", `様式${form}はありません`);
  const round = await requireRound(tx, actor, roundId);
  const unit = await requireDepartment(tx, actor, round, unitId);
  const row = await tx.hearingForms.get(round.id, unit.id, form);
  if (!row) throw new GyokakuError("not_found", "様式が見つかりません");
  return { round, row, unitName: unit.name, form };
}

export interface SaveFormProps {
  roundId: number;
  unitId: number;
  form: number;
  /** The version the user started from. */
  version: number;
  content: unknown;
}

/** What saveForm reads and writes of the municipality's repositories (a type error to reach another). */
export type SaveFormDb = Pick<TenantDb, "audit" | "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "reformEditions" | "reformItems" | "transaction" | "units">;

/** Saves a form's content (draft or returned), after validation; a stale version is a FormConflict (409). */
export async function saveForm(tenant: SaveFormDb, actor: Actor, props: SaveFormProps): Promise<FormView> {
  return tenant.transaction(async (tx) => {
    const { round, row, unitName, form } = await loadForm(tx, actor, props.roundId, props.unitId, props.form);
    if (!canEditDepartment(actor, props.unitId, roundStatusOf(round))) throw new GyokakuError("forbidden", `${unitName}の様式を編集する権限がありません`);
    const units = await planningUnits(tx, props.unitId, round.target_year);
    const context = await checkContext(tx, round, unitName, units, JSON.parse(row.content_json));
    const nameOf = (id: number) => context.unitNames.get(id) ?? `#${id}`;
    if (row.version !== props.version) throw new FormConflict(toFormView(row), props.content, actor.username, nameOf, props.content);
    const status = isFormStatus(row.status) ? row.status : "draft";
    if (nextFormStatus(status, "save") === null) throw new GyokakuError("conflict", `${FORM_STATUS_LABELS[status]}の様式は編集できません`);
    const content = checkContent(form, props.content, context);
    const now = new Date().toISOString();
    if (!(await tx.hearingForms.update({ roundId: round.id, unitId: props.unitId, form }, props.version, { content_json: JSON.stringify(content) }, actor.username, now))) {
      const fresh = await tx.hearingForms.get(round.id, props.unitId, form);
      if (fresh) throw new FormConflict(toFormView(fresh), props.content, actor.username, nameOf, props.content);
    }
    await recordChange(tx, actor, {
      action: "update",
      entity: "hearing_form",
      entityId: `${round.id}/${props.unitId}/${form}`,
      summary: `${unitName} ${FORM_LABELS[form]}を保存`,
      before: JSON.parse(row.content_json),
      after: content,
    });
    const saved = await tx.hearingForms.get(round.id, props.unitId, form);
    if (!saved) throw new GyokakuError("not_found", "様式が見つかりません");
    return toFormView(saved);
  });
}

export interface StepProps {
  roundId: number;
  unitId: number;
  form: number;
  version: number;
  action: Exclude<FormAction, "save">;
  /** return: 差戻しの理由 (required). */
  comment?: string;
  /** hear: ヒアリング実施日 and the secretariat's notes. */
  heardOn?: string;
  notes?: string;
  /** decide: one decision per request line. */
  decisions?: Record<string, LineDecision>;
}

/** What stepForm reads and writes of the municipality's repositories (a type error to reach another). */
export type StepFormDb = Pick<TenantDb, "audit" | "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "reformEditions" | "reformItems" | "transaction" | "units">;

/** One workflow step of a form (提出・差戻し・ヒアリング実施・決定), with its audit entry. */
export async function stepForm(tenant: StepFormDb, actor: Actor, props: StepProps): Promise<FormView> {
  return tenant.transaction(async (tx) => {
    const { round, row, unitName, form } = await loadForm(tx, actor, props.roundId, props.unitId, props.form);
    const roundStatus = roundStatusOf(round);
    const label = FORM_ACTION_LABELS[props.action];
    if (roundStatus !== "open") throw new GyokakuError("conflict", "このヒアリングは決定済みのため変更できません");
    if (actionIsSecretariat(props.action)) requireAdmin(actor, `${unitName}の様式を${label}する`);
    else if (!canEditDepartment(actor, props.unitId, roundStatus)) throw new GyokakuError("forbidden", `${unitName}の様式を${label}する権限がありません`);
    if (row.version !== props.version) throw new FormConflict(toFormView(row), props, actor.username);
    const status = isFormStatus(row.status) ? row.status : "draft";
    const next = nextFormStatus(status, props.action);
    if (next === null) throw new GyokakuError("conflict", `${FORM_STATUS_LABELS[status]}の様式は${label}できません`);
    const now = new Date().toISOString();
    const changes: Parameters<typeof tx.hearingForms.update>[2] = { status: next };
    let detail = "";
    if (props.action === "submit") {
      const units = await planningUnits(tx, props.unitId, round.target_year);
      const stored: unknown = JSON.parse(row.content_json);
      checkContent(form, stored, await checkContext(tx, round, unitName, units, stored));
      changes.submitted_at = now;
    } else if (props.action === "return") {
      const comment = (props.comment ?? "").trim();
      if (comment === "") throw new GyokakuError("invalid_input", "差戻しの理由を入力してください");
      if ([...comment].length > 2000) throw new GyokakuError("invalid_input", "差戻しの理由は2000文字以内にしてください");
      changes.return_comment = comment;
      detail = `: ${comment}`;
    } else if (props.action === "hear") {
      const heardOn = (props.heardOn ?? "").trim();
      if (!isValidIsoDate(heardOn)) throw new GyokakuError("invalid_input", "ヒアリング実施日は 2025-08-01 の形の日付で入力してください");
      const notes = (props.notes ?? "").trim();
      if ([...notes].length > 4000) throw new GyokakuError("invalid_input", "ヒアリングの記録は4000文字以内にしてください");
      changes.heard_on = heardOn;
      changes.heard_notes = notes;
      detail = ` (${heardOn})`;
    } else {
      const current = form === 3 ? new Map((await planningUnits(tx, props.unitId, round.target_year)).map((u) => [u.id, { name: u.name, current: u.current }])) : new Map<number, { name: string; current: number | null }>();
      changes.decisions_json = JSON.stringify(checkDecisions(form, storedFormContent(form, row.content_json, formWhere(row, "content_json")), props.decisions ?? {}, current, round.target_year));
    }
    if (!(await tx.hearingForms.update({ roundId: round.id, unitId: props.unitId, form }, props.version, changes, actor.username, now))) {
      const fresh = await tx.hearingForms.get(round.id, props.unitId, form);
      if (fresh) throw new FormConflict(toFormView(fresh), props, actor.username);
    }
    await recordChange(tx, actor, {
      action: "update",
      entity: "hearing_form",
      entityId: `${round.id}/${props.unitId}/${form}`,
      summary: `${unitName} ${FORM_LABELS[form]}: ${label} (${FORM_STATUS_LABELS[status]} → ${FORM_STATUS_LABELS[next]})${detail}`,
      before: { status, decisions: JSON.parse(row.decisions_json) },
      after: { status: next, ...(changes.decisions_json ? { decisions: JSON.parse(changes.decisions_json) } : {}), ...(props.comment ? { comment: props.comment } : {}) },
    });
    const saved = await tx.hearingForms.get(round.id, props.unitId, form);
    if (!saved) throw new GyokakuError("not_found", "様式が見つかりません");
    return toFormView(saved);
  });
}

/**
 * Every request line needs a decision, each one valid (domain/hearing.ts decisionProblems); unknown lines are refused;
 * 様式3's decisions may not leave a unit below 0 (decidedHeadcountProblems, with `current` 現員 per unit).
 */
function checkDecisions(
  form: FormNumber,
  content: FormContent[FormNumber],
  decisions: Record<string, LineDecision>,
  current: ReadonlyMap<number, { name: string; current: number | null }>,
  targetYear: number,
): Record<string, LineDecision> {
  const lines = requestLines(form, content);
  const problems: string[] = [];
  for (const id of Object.keys(decisions)) if (!lines.some((l) => l.id === id)) problems.push(`行「${id}」はこの様式にありません`);
  const out: Record<string, LineDecision> = {};
  for (const line of lines) {
    const d = decisions[line.id];
    if (!d) {
      problems.push(`${line.label}: 承認・一部承認・不承認を選んでください`);
      continue;
    }
    problems.push(...decisionProblems(line.label, d, line.requestedChange));
    out[line.id] = { outcome: d.outcome, reason: d.reason.trim(), ...(d.outcome === "partial" && line.requestedChange !== null ? { approvedChange: d.approvedChange } : {}) };
  }
  if (problems.length === 0 && form === 3) problems.push(...decidedHeadcountProblems(content as Form3, out, current, targetYear));
  if (problems.length > 0) throw new GyokakuError("invalid_input", `${FORM_LABELS[form]}の決定: ${problems.join(" / ")}`, { problems });
  return out;
}
