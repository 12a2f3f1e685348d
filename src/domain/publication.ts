/**
 * 公表 (publication) of a reform edition: the secretariat (行政管理課) marks the edition ready, the reform
 * headquarters (行政改革推進本部) approves its publication or returns it with a comment. Only an approved edition
 * whose public data is still what headquarters approved may be published (the seed, section 2: 「毎年、行政改革
 * 推進本部で検証し、その結果についてホームページなどで公表します」). Pure: callers pass the stored state and the
 * fingerprint of the public dataset as it is now.
 */
import type { Actor } from "./roles.js";

/** Stored states: 未申請 (never marked), 承認待ち, 差戻し, 承認済み. */
export const PUBLICATION_STATES = ["draft", "ready", "returned", "approved"] as const;
/** A stored publication state of an edition: draft (未申請), ready (承認待ち), returned (差戻し), approved (承認済み). */
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/**
 * What the pages show: the stored state, 公表後に変更あり when approved data has changed since, or 要再承認 when the
 * approval was checked with an older definition of the fingerprint that cannot vouch for everything published now.
 */
export type PublicationStatus = PublicationState | "changed" | "recheck";

/**
 * The definition of the fingerprint an approval stores (services/published-content.ts). 1: the public dataset only
 * (before 2026-12); 2: everything that goes out — the public dataset, the whole document (narrative texts, 図表1・2
 * images, item attachments, 定年 schedule, classification) and the license line; 3: the same with each plan cell's own
 * stage (PublicCell.ownStage, so 同左 prints alike on the site and in the document); 4: the same with the year whose
 * 類型表 図表7 draws (the classification figure's fiscalYear, added 2026-12-01 without raising the definition, which
 * made every approved edition read 公表後に変更あり after the update). Raise it whenever the definition or the shape
 * of what it covers changes, so older approvals read 要再承認 instead of claiming the data changed
 * (test/integration/publication-fingerprint-shape pins the demo's fingerprint to catch a shape change).
 */
export const FINGERPRINT_DEFINITION = 4;

/** The Japanese label of each PublicationStatus, as the publication page prints it. */
export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  draft: "未申請",
  ready: "承認待ち",
  returned: "差戻し",
  approved: "承認済み",
  changed: "公表後に変更あり",
  recheck: "要再承認(照合方法の更新)",
};

/** Why an edition in 要再承認 cannot be published, for the pages and the refusal (Japanese, shown to clerks). */
export const RECHECK_EXPLANATION =
  "承認時より後に、公表内容の照合範囲が広がりました(文章・図表1・2の画像なども照合するようになりました)。承認時の記録ではこれらを照合できないため、内容をご確認のうえ行政改革推進本部が改めて承認してください。公表データが変更されたという意味ではありません";

/** What a user does to an edition's publication: mark_ready (行政管理課), approve or return (推進本部). */
export type PublicationAction = "mark_ready" | "approve" | "return";

/** The Japanese label of each PublicationAction (buttons and the audit log). */
export const PUBLICATION_ACTION_LABELS: Record<PublicationAction, string> = {
  mark_ready: "公表準備完了",
  approve: "公表を承認",
  return: "差戻し",
};

/** True when `value` is a PublicationState (a stored state is checked before use). Never throws. */
export function isPublicationState(value: string): value is PublicationState {
  return (PUBLICATION_STATES as readonly string[]).includes(value);
}

/** The fingerprint stored with an approval and the definition it was computed with (null = definition 1). */
export interface StoredFingerprint {
  fingerprint: string | null;
  definition: number | null;
}

/**
 * The status as shown: an approval covers the content it saw, so an approved edition whose content now has another
 * fingerprint reads 公表後に変更あり until headquarters approves it again. `current` holds the fingerprint of the
 * content as it is now under each definition the caller can compute (at least FINGERPRINT_DEFINITION). An approval
 * stored with an older definition is compared under that definition: different → 公表後に変更あり (the data did
 * change); the same → 要再承認, since the older definition did not cover everything published now.
 */
export function publicationStatus(state: PublicationState, approved: StoredFingerprint, current: Readonly<Record<number, string>>): PublicationStatus {
  if (state !== "approved") return state;
  const definition = approved.definition ?? 1;
  const now = current[definition];
  if (now === undefined) return "recheck";
  if (now !== approved.fingerprint) return "changed";
  return definition === FINGERPRINT_DEFINITION ? "approved" : "recheck";
}

/**
 * Next stored state after an action, or null when the action is not allowed from the shown status.
 * mark_ready: from 未申請, 差戻し, 公表後に変更あり or 要再承認 (to have the changes approved). approve/return: from
 * 承認待ち; approve also from 要再承認 (headquarters confirms the content it approved before, now fully checked).
 */
export function nextPublicationState(status: PublicationStatus, action: PublicationAction): PublicationState | null {
  switch (action) {
    case "mark_ready":
      return status === "draft" || status === "returned" || status === "changed" || status === "recheck" ? "ready" : null;
    case "approve":
      return status === "ready" || status === "recheck" ? "approved" : null;
    case "return":
      return status === "ready" ? "returned" : null;
  }
}

/** Only the secretariat (admin) marks an edition ready; only headquarters (hq) approves or returns it. */
export function canTakePublicationAction(actor: Actor, action: PublicationAction): boolean {
  return action === "mark_ready" ? actor.role === "admin" : actor.role === "hq";
}

/** May this actor take any publication action at all (the secretariat or headquarters)? The role alone, checked first. */
export function canTakeAnyPublicationAction(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "hq";
}

/** An edition may go out (static site, open data, public document) only while approved and unchanged. */
export function isPublishable(status: PublicationStatus): boolean {
  return status === "approved";
}

/** 返却コメント: required when returning, at most 2,000 characters. Returns the problem, or null. */
export function returnCommentProblem(comment: string): string | null {
  const text = comment.trim();
  if (text === "") return "差戻しの理由を入力してください";
  if ([...text].length > 2000) return "差戻しの理由は2,000文字以内にしてください";
  return null;
}
