/**
 * 組織・業務改革ヒアリング (organisation and work-reform hearing), seed section 4: each department's deputy director
 * (各部次長職) submits 様式1 組織ヒアリングシート, 様式2 組織機構計画書 and 様式3 人員計画書; the secretariat (行政管理課)
 * hears the department and decides, per request line, 承認 / 一部承認 / 不承認. Pure: no clock, no I/O.
 */
import { fiscalYearOf, formatFiscalYear } from "./era.js";
import { textProblem } from "./input-limits.js";
import type { Actor } from "./roles.js";

/** The three forms of the seed. */
export const FORM_NUMBERS = [1, 2, 3] as const;
/** Number of a hearing form: 1 (様式1), 2 (様式2) or 3 (様式3). */
export type FormNumber = (typeof FORM_NUMBERS)[number];

/** The seed's name of each hearing form. */
export const FORM_LABELS: Record<FormNumber, string> = {
  1: "様式1 組織ヒアリングシート",
  2: "様式2 組織機構計画書",
  3: "様式3 人員計画書",
};

/** True when `value` is 1, 2 or 3 (a posted form number is checked before use). Never throws. */
export function isFormNumber(value: number): value is FormNumber {
  return (FORM_NUMBERS as readonly number[]).includes(value);
}

/** A form's way through the hearing: 作成中 → 提出済 → 差戻し → 再提出 → ヒアリング済 → 決定. */
export const FORM_STATUSES = ["draft", "submitted", "returned", "resubmitted", "heard", "decided"] as const;
/** State of a department's form in a round: 作成中, 提出済, 差戻し, 再提出, ヒアリング済, 決定 (FORM_STATUSES). */
export type FormStatus = (typeof FORM_STATUSES)[number];

/** The Japanese label of each FormStatus, as the round pages print it. */
export const FORM_STATUS_LABELS: Record<FormStatus, string> = {
  draft: "作成中",
  submitted: "提出済",
  returned: "差戻し",
  resubmitted: "再提出",
  heard: "ヒアリング済",
  decided: "決定",
};

/** True when `value` is a FormStatus (a stored status is checked before use). Never throws. */
export function isFormStatus(value: string): value is FormStatus {
  return (FORM_STATUSES as readonly string[]).includes(value);
}

/** What a user does to a form: save or submit (the department), return, hear or decide (the secretariat). */
export type FormAction = "save" | "submit" | "return" | "hear" | "decide";

/** The Japanese label of each FormAction (button and audit log text). */
export const FORM_ACTION_LABELS: Record<FormAction, string> = {
  save: "保存",
  submit: "提出",
  return: "差戻し",
  hear: "ヒアリング実施",
  decide: "決定",
};

/** The department (editor) acts while it holds the form; the secretariat acts once it is handed in. */
export function actionIsSecretariat(action: FormAction): boolean {
  return action === "return" || action === "hear" || action === "decide";
}

/**
 * The status after an action, or null when the action is not allowed from that status. A returned form stays
 * 差戻し while it is edited and becomes 再提出 when handed in again; a decision can be corrected until the
 * round is closed (the caller checks the round).
 */
export function nextFormStatus(current: FormStatus, action: FormAction): FormStatus | null {
  switch (action) {
    case "save":
      return current === "draft" || current === "returned" ? current : null;
    case "submit":
      return current === "draft" ? "submitted" : current === "returned" ? "resubmitted" : null;
    case "return":
      return current === "submitted" || current === "resubmitted" ? "returned" : null;
    case "hear":
      return current === "submitted" || current === "resubmitted" ? "heard" : null;
    case "decide":
      return current === "heard" || current === "decided" ? "decided" : null;
  }
}

/** A round: 受付中 (open) while departments submit and are heard; 決定 (decided) once every form is decided and the secretariat closes it. */
export const ROUND_STATUSES = ["open", "decided"] as const;
/** State of a hearing round: open (受付中) or decided (決定). */
export type RoundStatus = (typeof ROUND_STATUSES)[number];
/** The Japanese label of each RoundStatus. */
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = { open: "受付中", decided: "決定" };

/** A round prepares a target fiscal year and is held in the year before it (令和8年度に向けたヒアリング, held in 令和7年度). */
export function heldYearOf(targetYear: number): number {
  return targetYear - 1;
}

/**
 * Why a round's 提出期限 (due date, ISO yyyy-mm-dd, already a valid date) does not fit its target year, or null: the
 * forms are due in the year the hearing is held (heldYearOf: 4月1日 of that year to 3月31日 before the target year
 * starts), as the seed's 令和8年度に向けたヒアリング is held in 令和7年度. Returns the Japanese message naming both years.
 */
export function dueDateProblem(targetYear: number, dueDate: string): string | null {
  const held = heldYearOf(targetYear);
  if (fiscalYearOf(dueDate) === held) return null;
  return `提出期限(${dueDate})は、${formatFiscalYear(targetYear)}に向けたヒアリングを行う${formatFiscalYear(held)}(${held}-04-01～${targetYear}-03-31)の日付で入力してください`;
}

/**
 * Who may read a department's forms in a round:
 * admin and hq read all; a viewer only once the round is decided; an editor only its own department's forms
 * until the round is decided, and every department's afterwards.
 */
export function canReadDepartment(actor: Actor, departmentId: number, roundStatus: RoundStatus): boolean {
  if (actor.role === "admin" || actor.role === "hq") return true;
  if (roundStatus === "decided") return true;
  return actor.role === "editor" && actor.unitIds.includes(departmentId);
}

/** May this actor see that a round exists (its title, dates)? Viewers see decided rounds only. */
export function canSeeRound(actor: Actor, roundStatus: RoundStatus): boolean {
  return actor.role !== "viewer" || roundStatus === "decided";
}

/** The department's own editor (or the secretariat) fills in and hands in the forms, while the round is open. */
export function canEditDepartment(actor: Actor, departmentId: number, roundStatus: RoundStatus): boolean {
  return roundStatus === "open" && mayEverEditDepartment(actor, departmentId);
}

/**
 * The role part of canEditDepartment, without the round: the secretariat, or an editor bound to the department.
 * A route checks it before reading a body; the service still checks the round and the department in full.
 */
export function mayEverEditDepartment(actor: Actor, departmentId: number): boolean {
  return actor.role === "admin" || (actor.role === "editor" && actor.unitIds.includes(departmentId));
}

// ---------------------------------------------------------------------------
// Decisions per request line

/** The secretariat's decision on one request line: 承認, 一部承認 or 不承認 (the seed, section 4). */
export const OUTCOMES = ["approved", "partial", "rejected"] as const;
/** One of OUTCOMES. */
export type Outcome = (typeof OUTCOMES)[number];
/** The Japanese label of each Outcome. */
export const OUTCOME_LABELS: Record<Outcome, string> = { approved: "承認", partial: "一部承認", rejected: "不承認" };

/** True when `value` is an Outcome (a posted decision is checked before use). Never throws. */
export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** The secretariat's decision on one request line. approvedChange: 一部承認 of a 様式3 line, the net change (人) approved for the target year. */
export interface LineDecision {
  outcome: Outcome;
  approvedChange?: number | undefined;
  reason: string;
}

/**
 * Problems of one decision, in Japanese, for the line labelled `label`. `requestedChange` is a 様式3 line's net
 * change for the target year (人, 増 − 減), or null for lines without a number (様式1 要望, 様式2 組織改正).
 * 一部承認 of a numbered line approves a part: same direction, strictly less in size, not zero.
 * 一部承認 and 不承認 need a reason.
 */
export function decisionProblems(label: string, decision: LineDecision, requestedChange: number | null): string[] {
  const problems: string[] = [];
  if (decision.outcome !== "approved" && decision.reason.trim() === "") problems.push(`${label}: ${OUTCOME_LABELS[decision.outcome]}には理由を入力してください`);
  if ([...decision.reason].length > 1000) problems.push(`${label}: 理由は1000文字以内にしてください`);
  else {
    const unreadable = textProblem("理由", decision.reason, Number.POSITIVE_INFINITY);
    if (unreadable !== null) problems.push(`${label}: ${unreadable}`);
  }
  if (decision.outcome === "partial" && requestedChange !== null) {
    const a = decision.approvedChange;
    if (a === undefined || !Number.isInteger(a)) problems.push(`${label}: 一部承認には承認する人数(増減)を整数で入力してください`);
    else if (requestedChange === 0) problems.push(`${label}: 増減のない行は一部承認できません`);
    else if (a === 0 || Math.sign(a) !== Math.sign(requestedChange) || Math.abs(a) >= Math.abs(requestedChange)) {
      problems.push(`${label}: 一部承認の人数(${a})は要求(${requestedChange})と同じ向きで、要求より小さくしてください`);
    }
  }
  return problems;
}

/** The net change (人) a decision grants: the request when approved, the approved part when partly, none when rejected. */
export function grantedChange(decision: LineDecision | undefined, requestedChange: number): number {
  if (!decision) return 0;
  if (decision.outcome === "approved") return requestedChange;
  if (decision.outcome === "partial") return decision.approvedChange ?? 0;
  return 0;
}

/** A round is illustrative demo data when its title says 例示 (services/hearing/demo.ts); every page and file of it says so. */
export function isIllustrativeRound(title: string): boolean {
  return title.includes("例示");
}

/** The label an illustrative round carries in files (title rows of every sheet). */
export const ILLUSTRATIVE_LABEL = "【例示】デモ用の例示データです。実際の提出内容ではありません";

/** A unit as defaultRoundDepartments reads it: id, kind (UNIT_KINDS), name and parent id (null at the top). */
export interface RoundCandidateUnit {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
}

/** The name of the 長's own 任命権者: 市長部局, 町長部局, 村長部局 or 区長部局 (特別区). */
const HEADS_OFFICE = /^(市|町|村|区)長部局$/;

/**
 * The departments a new round hears unless the secretariat chooses: the 部 of 市長部局 (the seed, section 4: 各部次長職
 * submit 様式1–3; a 任命権者 outside 市長部局 — 病院, 教育委員会, 消防… — is heard when the secretariat adds it, issue 11).
 * `units` come in the organisation's order (sort order) and are those existing in the held year. 市長部局 is the
 * top-level 任命権者 named 市長部局・町長部局・村長部局・区長部局, or else the first top-level 任命権者; a 部 counts when that
 * 任命権者 is above it. Without any 任命権者 above a 部 (an organisation of 部 only), every 部. Returns unit ids in the
 * order given. Pure, never throws.
 */
export function defaultRoundDepartments(units: readonly RoundCandidateUnit[]): number[] {
  const departments = units.filter((u) => u.kind === "department");
  const topAuthorities = units.filter((u) => u.kind === "authority" && u.parentId === null);
  const heads = topAuthorities.find((u) => HEADS_OFFICE.test(u.name.trim())) ?? topAuthorities[0];
  if (!heads) return departments.map((u) => u.id);
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const under = (id: number): boolean => {
    const seen = new Set<number>();
    for (let at = parentOf.get(id) ?? null; at !== null && !seen.has(at); at = parentOf.get(at) ?? null) {
      if (at === heads.id) return true;
      seen.add(at);
    }
    return false;
  };
  const chosen = departments.filter((u) => under(u.id)).map((u) => u.id);
  return chosen.length > 0 ? chosen : departments.map((u) => u.id);
}

/**
 * The department of a round that `candidateId` would overlap, or null: the candidate itself, a unit above it or a
 * unit below it in the organisation tree (`parentOf` gives a unit's parent id, null at the top). A round hears each
 * unit through one department only, so that no unit is requested, counted or planned twice — 市長部局 holds every
 * 部, 病院 holds 病院事務局 and 病院医療職, and each of those may already be in the round. The seed (section 4) hears
 * 各部 and the 任命権者 outside 市長部局. Pure; a cycle in `parentOf` ends the walk.
 */
export function overlappingDepartment(candidateId: number, inRound: readonly number[], parentOf: (id: number) => number | null): number | null {
  const chainOf = (id: number): number[] => {
    const chain: number[] = [];
    for (let at: number | null = id; at !== null && !chain.includes(at); at = parentOf(at)) chain.push(at);
    return chain;
  };
  const above = chainOf(candidateId);
  for (const id of inRound) {
    if (above.includes(id)) return id; // itself or a unit above the candidate
    if (chainOf(id).includes(candidateId)) return id; // a unit below the candidate
  }
  return null;
}
