/** Hearing rounds: opening one for a target year with its departments and slots, the 職種 list, closing it as decided. */
import type { TenantDb } from "../../db/tenant.js";
import { formatDateBoth, formatFiscalYear, isValidIsoDate } from "../../domain/era.js";
import { type ReadValues, requireUnchanged } from "../../domain/read-values.js";
import { YEARS_AHEAD_PLAUSIBLE } from "../../domain/year-header.js";
import { GyokakuError } from "../../domain/errors.js";
import { TEXT_LIMITS, textProblem } from "../../domain/input-limits.js";
import { canSeeRound, type FormStatus, FORM_NUMBERS, heldYearOf, isFormStatus, type RoundStatus, canReadDepartment, canEditDepartment, overlappingDepartment, defaultRoundDepartments, dueDateProblem } from "../../domain/hearing.js";
import { DEFAULT_JOB_CATEGORIES, EMPTY_FORMS, type Form1, type Form3 } from "../../domain/hearing-forms.js";
import { existsIn } from "../../domain/organisation.js";
import { type Actor, canAdminister } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { jobCategoriesOf, planningUnits, requireRound, roundLabel, roundStatusOf } from "./context.js";

export interface RoundSummary {
  id: number;
  targetYear: number;
  title: string;
  dueDate: string;
  status: RoundStatus;
  appliedAt: string | null;
  version: number;
}

/** Rounds the actor may see, newest first (a viewer sees decided rounds only). */
export async function listRounds(tenant: Pick<TenantDb, "hearingRounds">, actor: Actor): Promise<RoundSummary[]> {
  const rows = await tenant.hearingRounds.list();
  return rows
    .filter((r) => canSeeRound(actor, roundStatusOf(r)))
    .map((r) => ({ id: r.id, targetYear: r.target_year, title: r.title, dueDate: r.due_date, status: roundStatusOf(r), appliedAt: r.applied_at, version: r.version }));
}

export interface OpenRoundProps {
  /** The fiscal year the round prepares (held in the year before). */
  targetYear: number;
  dueDate: string;
  title?: string;
  /** Departments heard: 部 and any 任命権者 outside 市長部局. Default: the 部 of 市長部局 that exist in the held year (domain/hearing.ts defaultRoundDepartments). */
  departmentIds?: number[];
  jobCategories?: string[];
  /** Today's fiscal year, from the edge (the web form): a target year more than YEARS_AHEAD_PLAUSIBLE (30) years after it is refused (令和99年度). */
  currentFiscalYear?: number;
}

/** What openRound reads and writes of the municipality's repositories (a type error to reach another). */
export type OpenRoundDb = Pick<TenantDb, "audit" | "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "transaction" | "units">;

/** Opens a round: one row per department and its three forms, 様式1/様式3 prefilled with the units and their 現員. */
export async function openRound(tenant: OpenRoundDb, actor: Actor, props: OpenRoundProps): Promise<number> {
  requireAdmin(actor, "ヒアリングを開始する");
  const { targetYear } = props;
  if (!Number.isInteger(targetYear) || targetYear < 1990 || targetYear > 2200) throw new GyokakuError("invalid_input", `対象年度が不正です: ${targetYear}`);
  if (!isValidIsoDate(props.dueDate)) throw new GyokakuError("invalid_input", "提出期限は 2025-07-31 の形の日付で入力してください");
  const titleProblem = textProblem("名称", props.title?.trim() ?? "", TEXT_LIMITS.title);
  if (titleProblem !== null) throw new GyokakuError("invalid_input", titleProblem);
  if (props.currentFiscalYear !== undefined && targetYear > props.currentFiscalYear + YEARS_AHEAD_PLAUSIBLE) {
    throw new GyokakuError("invalid_input", `対象年度 ${formatFiscalYear(targetYear)}は先すぎます(${formatFiscalYear(props.currentFiscalYear + YEARS_AHEAD_PLAUSIBLE)}まで)`);
  }
  const dueProblem = dueDateProblem(targetYear, props.dueDate);
  if (dueProblem !== null) throw new GyokakuError("invalid_input", dueProblem);
  const categories = checkCategories(props.jobCategories ?? [...DEFAULT_JOB_CATEGORIES]);
  return tenant.transaction(async (tx) => {
    if (await tx.hearingRounds.getByYear(targetYear)) throw new GyokakuError("conflict", `${roundLabel(targetYear)}は既にあります`);
    const units = await tx.units.list();
    const held = heldYearOf(targetYear);
    const exists = (u: (typeof units)[number]) => existsIn({ validFrom: u.valid_from, validTo: u.valid_to }, held);
    const ids = props.departmentIds ?? defaultRoundDepartments(units.filter(exists).map((u) => ({ id: u.id, kind: u.kind, name: u.name, parentId: u.parent_id })));
    if (ids.length === 0) throw new GyokakuError("invalid_input", "対象部局を1つ以上選んでください");
    const chosen = [...new Set(ids)].map((id) => {
      const unit = units.find((u) => u.id === id);
      if (!unit) throw new GyokakuError("not_found", `組織 #${id} はありません`);
      if (unit.kind !== "department" && unit.kind !== "authority") throw new GyokakuError("invalid_input", `「${unit.name}」は部局でも任命権者でもないため、対象にできません`);
      if (!exists(unit)) throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(held)}に存在しません`);
      return unit;
    });
    chosen.forEach((unit, i) => {
      const other = overlappingDepartment(unit.id, chosen.slice(0, i).map((u) => u.id), parentIn(units));
      if (other !== null) throw new GyokakuError("invalid_input", overlapMessage(unit.name, nameIn(units, other)));
    });
    const now = new Date().toISOString();
    const round = await tx.hearingRounds.create({
      targetYear,
      title: props.title?.trim() || roundLabel(targetYear),
      dueDate: props.dueDate,
      jobCategoriesJson: JSON.stringify(categories),
      openedBy: actor.username,
      now,
    });
    let order = 0;
    for (const unit of chosen) {
      await tx.hearingRounds.addDepartment(round.id, unit.id, (order += 1));
      await createForms(tx, actor, round.id, unit.id, targetYear, categories);
    }
    await recordChange(tx, actor, {
      action: "create",
      entity: "hearing_round",
      entityId: round.id,
      summary: `ヒアリングを開始: ${round.title} (対象 ${chosen.length}部局、提出期限 ${props.dueDate})`,
      after: { targetYear, dueDate: props.dueDate, departments: chosen.map((u) => u.name) },
    });
    return round.id;
  });
}

/** The three forms of a department, 様式1 listing its units and 様式3 one line per unit with its 現員. */
async function createForms(tx: Pick<TenantDb, "headcounts" | "hearingForms" | "policies" | "quotas" | "units">, actor: Actor, roundId: number, unitId: number, targetYear: number, categories: string[]): Promise<void> {
  const planning = await planningUnits(tx, unitId, targetYear);
  const form1: Form1 = { ...EMPTY_FORMS[1], units: planning.map((p) => ({ unitId: p.id, overtimeHours: null, vacancies: null })) };
  const zero = () => ({ increase: 0, decrease: 0 });
  const form3: Form3 = {
    lines: planning
      .filter((p) => !p.derived && p.current !== null)
      .map((p, i) => ({
        id: `L${i + 1}`,
        unitId: p.id,
        category: categories[0] ?? "一般事務",
        employment: "regular" as const,
        current: p.current ?? 0,
        years: [zero(), zero(), zero()],
        increaseReason: "",
        decreaseReason: "",
        driver: "none" as const,
      })),
  };
  const contents = { 1: form1, 2: EMPTY_FORMS[2], 3: form3 };
  const now = new Date().toISOString();
  for (const form of FORM_NUMBERS) await tx.hearingForms.create({ roundId, unitId, form, contentJson: JSON.stringify(contents[form]), by: actor.username, now });
}

function checkCategories(categories: string[]): string[] {
  const list = [...new Set(categories.map((c) => c.trim()).filter((c) => c !== ""))];
  if (list.length === 0) throw new GyokakuError("invalid_input", "職種を1つ以上入力してください");
  const long = list.find((c) => [...c].length > 40);
  if (long) throw new GyokakuError("invalid_input", `職種「${long}」は40文字以内にしてください`);
  return list;
}

export interface DepartmentSummary {
  unitId: number;
  name: string;
  slot: { date: string | null; time: string | null; place: string };
  forms: { form: number; status: FormStatus; version: number }[];
  /** The actor may open this department's forms. */
  readable: boolean;
  editable: boolean;
}

export interface RoundView extends RoundSummary {
  heldYear: number;
  jobCategories: string[];
  departments: DepartmentSummary[];
  /** Every form of every department is decided (the round can be closed). */
  allDecided: boolean;
}

export async function getRound(tenant: Pick<TenantDb, "hearingForms" | "hearingRounds" | "units">, actor: Actor, roundId: number): Promise<RoundView> {
  const round = await requireRound(tenant, actor, roundId);
  const status = roundStatusOf(round);
  const [departments, forms, units] = await Promise.all([tenant.hearingRounds.departments(round.id), tenant.hearingForms.listByRound(round.id), tenant.units.list()]);
  return {
    id: round.id,
    targetYear: round.target_year,
    heldYear: heldYearOf(round.target_year),
    title: round.title,
    dueDate: round.due_date,
    status,
    appliedAt: round.applied_at,
    version: round.version,
    jobCategories: jobCategoriesOf(round),
    allDecided: forms.length > 0 && forms.every((f) => f.status === "decided"),
    departments: departments.map((d) => {
      const readable = canReadDepartment(actor, d.unit_id, status);
      return {
        unitId: d.unit_id,
        name: units.find((u) => u.id === d.unit_id)?.name ?? `#${d.unit_id}`,
        slot: { date: d.slot_date, time: d.slot_time, place: d.slot_place },
        forms: readable ? forms.filter((f) => f.unit_id === d.unit_id).map((f) => ({ form: f.form, status: isFormStatus(f.status) ? f.status : "draft", version: f.version })) : [],
        readable,
        editable: canEditDepartment(actor, d.unit_id, status),
      };
    }),
  };
}

/** A department's hearing slot as one text, for the round page's hidden values read and the check: 「令和7年(2025年)8月5日 10:00 第1委員会室」 (日付未定・時刻未定・場所未定 for a blank). */
export function slotText(slot: { date: string | null; time: string | null; place: string }): string {
  return `${slot.date === null ? "日付未定" : formatDateBoth(slot.date)} ${slot.time ?? "時刻未定"} ${slot.place.trim() === "" ? "場所未定" : slot.place.trim()}`;
}

/** One department's slot form as its hidden values read (domain/read-values.ts): its slot as shown, by unit id. */
export function slotReadValues(department: { unitId: number; slot: { date: string | null; time: string | null; place: string } }): ReadValues {
  return { [String(department.unitId)]: slotText(department.slot) };
}

/**
 * Who may set hearing slots: the secretariat, of a round of its municipality. setSlot checks the role; the route asks
 * this before it reads the form (role, then the round: another municipality's round is not found, whatever was sent).
 * @throws GyokakuError forbidden, not_found
 */
export async function authorizeSlotEdit(tenant: Pick<TenantDb, "hearingRounds">, actor: Actor, roundId: number): Promise<void> {
  requireSlotRole(actor);
  await requireRound(tenant, actor, roundId);
}

function requireSlotRole(actor: Actor): void {
  requireAdmin(actor, "ヒアリングの日程を設定する");
}

/**
 * Sets a department's hearing slot (date, HH:MM, place). Every problem is listed at once, each naming the department
 * (「企画部のヒアリングの時刻…」): invalid_input with details.problems. `read`: the slot the form showed (slotReadValues);
 * a slot changed since by someone else is a conflict naming both (domain/read-values.ts requireUnchanged, issue 14
 * point 6), nothing written. Without `read` (the demo loader) no check.
 * @throws GyokakuError forbidden, not_found, invalid_input, conflict
 */
export async function setSlot(
  tenant: Pick<TenantDb, "audit" | "hearingRounds" | "transaction" | "units">,
  actor: Actor,
  props: { roundId: number; unitId: number; date: string; time: string; place: string; read?: ReadValues },
): Promise<void> {
  requireSlotRole(actor);
  const date = props.date.trim() === "" ? null : props.date.trim();
  const time = props.time.normalize("NFKC").trim() === "" ? null : props.time.normalize("NFKC").trim();
  await tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    const dept = (await tx.hearingRounds.departments(round.id)).find((d) => d.unit_id === props.unitId);
    if (!dept) throw new GyokakuError("not_found", "このヒアリングの対象部局ではありません");
    const name = (await tx.units.get(props.unitId))?.name ?? `#${props.unitId}`;
    const problems: string[] = [];
    if (date !== null && !isValidIsoDate(date)) problems.push(`${name}のヒアリング日「${date.slice(0, 40)}」は日付として読めません。2025-08-01 の形で入力してください`);
    if (time !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.push(`${name}のヒアリングの時刻「${time.slice(0, 40)}」は読めません。13:30 の形(24時間制)で入力してください`);
    if ([...props.place.trim()].length > 100) problems.push(`${name}のヒアリングの場所は100文字以内にしてください(${[...props.place.trim()].length}文字あります)`);
    if (problems.length > 0) throw new GyokakuError("invalid_input", `${name}の日程を保存できませんでした: ${problems.join(" / ")}`, { problems });
    const slot = { date, time, place: props.place.trim() };
    requireUnchanged(props.read, [{ key: String(props.unitId), label: `${name}のヒアリング日程`, stored: slotText({ date: dept.slot_date, time: dept.slot_time, place: dept.slot_place }), yours: slotText(slot) }]);
    await tx.hearingRounds.setSlot(round.id, props.unitId, slot);
    const unit = await tx.units.get(props.unitId);
    await recordChange(tx, actor, {
      action: "update",
      entity: "hearing_round",
      entityId: round.id,
      summary: `ヒアリング日程: ${unit?.name ?? props.unitId} ${date ?? "未定"} ${time ?? ""} ${slot.place}`.trim(),
      before: { date: dept.slot_date, time: dept.slot_time, place: dept.slot_place },
      after: slot,
    });
  });
}

/** Replaces the 職種 list of 様式3 (lines already written keep their category; a new save must use the list). */
export async function setJobCategories(tenant: Pick<TenantDb, "audit" | "hearingRounds" | "transaction">, actor: Actor, props: { roundId: number; version: number; categories: string[] }): Promise<void> {
  requireAdmin(actor, "職種の一覧を変更する");
  const categories = checkCategories(props.categories);
  await tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    const ok = await tx.hearingRounds.update(round.id, props.version, { job_categories_json: JSON.stringify(categories) }, new Date().toISOString());
    if (!ok) {
      // Both lists named (issue 14 point 6): the one stored now and the one typed.
      throw new GyokakuError(
        "conflict",
        `このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。いまの職種:「${jobCategoriesOf(round).join("、")}」(あなたの入力:「${categories.join("、")}」)。画面を読み直して、最新の状態を確かめてから操作してください`,
        { theirs: jobCategoriesOf(round), mine: categories },
      );
    }
    await recordChange(tx, actor, { action: "update", entity: "hearing_round", entityId: round.id, summary: `職種の一覧を変更: ${categories.join("、")}`, before: jobCategoriesOf(round), after: categories });
  });
}

/** Closes the round as decided once every form is decided: from then on editors and viewers read every department. */
export async function closeRound(tenant: Pick<TenantDb, "audit" | "hearingForms" | "hearingRounds" | "transaction">, actor: Actor, props: { roundId: number; version: number }): Promise<void> {
  requireAdmin(actor, "ヒアリングの決定を確定する");
  await tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    if (roundStatusOf(round) === "decided") throw new GyokakuError("conflict", "このヒアリングは既に決定済みです");
    const forms = await tx.hearingForms.listByRound(round.id);
    const open = forms.filter((f) => f.status !== "decided");
    if (open.length > 0) throw new GyokakuError("invalid_input", `決定していない様式が${open.length}件あります。すべての様式を決定してから確定してください`);
    const ok = await tx.hearingRounds.update(round.id, props.version, { status: "decided" }, new Date().toISOString());
    if (!ok) throw new GyokakuError("conflict", "このヒアリングは、この画面を開いた後に変更されています(別の画面での操作か、ほかの担当者の変更です)。画面を読み直して、最新の状態を確かめてから操作してください");
    await recordChange(tx, actor, { action: "update", entity: "hearing_round", entityId: round.id, summary: `ヒアリングの決定を確定: ${round.title}`, before: { status: "open" }, after: { status: "decided" } });
  });
}

/** What addDepartment reads and writes of the municipality's repositories (a type error to reach another). */
export type AddDepartmentDb = Pick<TenantDb, "audit" | "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "quotas" | "transaction" | "units">;

/** Adds a department or a 任命権者 outside 市長部局 to an open round, with its three forms prefilled. */
export async function addDepartment(tenant: AddDepartmentDb, actor: Actor, props: { roundId: number; unitId: number }): Promise<void> {
  requireAdmin(actor, "対象部局を加える");
  await tenant.transaction(async (tx) => {
    const round = await requireRound(tx, actor, props.roundId);
    if (roundStatusOf(round) !== "open") throw new GyokakuError("conflict", "決定済みのヒアリングには部局を加えられません");
    const departments = await tx.hearingRounds.departments(round.id);
    if (departments.some((d) => d.unit_id === props.unitId)) throw new GyokakuError("conflict", "この部局は既に対象です");
    const unit = await tx.units.get(props.unitId);
    if (!unit) throw new GyokakuError("not_found", `組織 #${props.unitId} はありません`);
    if (unit.kind !== "department" && unit.kind !== "authority") throw new GyokakuError("invalid_input", `「${unit.name}」は部局でも任命権者でもないため、対象にできません`);
    if (!existsIn({ validFrom: unit.valid_from, validTo: unit.valid_to }, heldYearOf(round.target_year))) throw new GyokakuError("invalid_input", `「${unit.name}」は${formatFiscalYear(heldYearOf(round.target_year))}に存在しません`);
    const units = await tx.units.list();
    const other = overlappingDepartment(unit.id, departments.map((d) => d.unit_id), parentIn(units));
    if (other !== null) throw new GyokakuError("invalid_input", overlapMessage(unit.name, nameIn(units, other)));
    await tx.hearingRounds.addDepartment(round.id, unit.id, departments.length + 1);
    await createForms(tx, actor, round.id, unit.id, round.target_year, jobCategoriesOf(round));
    await recordChange(tx, actor, { action: "update", entity: "hearing_round", entityId: round.id, summary: `ヒアリングの対象に追加: ${unit.name}` });
  });
}

/**
 * The departments the secretariat may still add to a round: the municipality's 部 (department) and 任命権者
 * (authority) units that exist in the round's held year and neither are in it nor hold or sit below a department in
 * it (overlappingDepartment: 市長部局 is not offered while its 部 are heard), in the repository's order. Anyone else
 * is offered none (an empty list).
 */
export async function addableDepartments(tenant: Pick<TenantDb, "units">, actor: Actor, round: { targetYear: number; departments: readonly { unitId: number }[] }): Promise<{ id: number; name: string }[]> {
  if (!canAdminister(actor)) return [];
  const inRound = round.departments.map((d) => d.unitId);
  const units = await tenant.units.list();
  const held = heldYearOf(round.targetYear);
  return units
    .filter((u) => (u.kind === "department" || u.kind === "authority") && existsIn({ validFrom: u.valid_from, validTo: u.valid_to }, held))
    .filter((u) => overlappingDepartment(u.id, inRound, parentIn(units)) === null)
    .map((u) => ({ id: u.id, name: u.name }));
}

/** A unit's parent id among `units` (null at the top or for an unknown id), for overlappingDepartment. */
function parentIn(units: readonly { id: number; parent_id: number | null }[]): (id: number) => number | null {
  const parents = new Map(units.map((u) => [u.id, u.parent_id]));
  return (id) => parents.get(id) ?? null;
}

function nameIn(units: readonly { id: number; name: string }[], id: number): string {
  return units.find((u) => u.id === id)?.name ?? `#${id}`;
}

/** Why a unit cannot join a round that already hears `other` (the unit itself, one above or one below it). */
function overlapMessage(name: string, other: string): string {
  return name === other
    ? `「${name}」は既にこのヒアリングの対象です`
    : `「${name}」は対象の「${other}」と組織が重なるため、対象にできません(1つの組織は1つの部局の様式で要望します)`;
}
