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
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** What the pages show: the stored state, or 公表後に変更あり when approved data has changed since. */
export type PublicationStatus = PublicationState | "changed";

export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  draft: "未申請",
  ready: "承認待ち",
  returned: "差戻し",
  approved: "承認済み",
  changed: "公表後に変更あり",
};

export type PublicationAction = "mark_ready" | "approve" | "return";

export const PUBLICATION_ACTION_LABELS: Record<PublicationAction, string> = {
  mark_ready: "公表準備完了",
  approve: "公表を承認",
  return: "差戻し",
};

export function isPublicationState(value: string): value is PublicationState {
  return (PUBLICATION_STATES as readonly string[]).includes(value);
}

/**
 * The status as shown: an approval covers the data it saw, so an approved edition whose current public dataset has
 * another fingerprint reads 公表後に変更あり until headquarters approves it again.
 */
export function publicationStatus(state: PublicationState, approvedFingerprint: string | null, currentFingerprint: string): PublicationStatus {
  if (state === "approved" && approvedFingerprint !== currentFingerprint) return "changed";
  return state;
}

/**
 * Next stored state after an action, or null when the action is not allowed from the shown status.
 * mark_ready: from 未申請, 差戻し, or 公表後に変更あり (to have the changes approved). approve/return: from 承認待ち.
 */
export function nextPublicationState(status: PublicationStatus, action: PublicationAction): PublicationState | null {
  switch (action) {
    case "mark_ready":
      return status === "draft" || status === "returned" || status === "changed" ? "ready" : null;
    case "approve":
      return status === "ready" ? "approved" : null;
    case "return":
      return status === "ready" ? "returned" : null;
  }
}

/** Only the secretariat (admin) marks an edition ready; only headquarters (hq) approves or returns it. */
export function canTakePublicationAction(actor: Actor, action: PublicationAction): boolean {
  return action === "mark_ready" ? actor.role === "admin" : actor.role === "hq";
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
