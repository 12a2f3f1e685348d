/**
 * 公表の承認 (publication approval) of a reform edition: the secretariat marks it ready, headquarters approves or
 * returns it; every step goes to the audit log with who and when. The approval stores the fingerprint of everything
 * published (published-content.ts) with its definition, so a later change of any published figure, text or image
 * shows as 公表後に変更あり, and an approval checked under an older definition as 要再承認 (domain/publication.ts).
 */
import type { ReformPublicationRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { type DocumentGap, documentGaps } from "../report/document/gaps.js";
import { GyokakuError } from "../domain/errors.js";
import {
  canTakePublicationAction,
  FINGERPRINT_DEFINITION,
  isPublicationState,
  isPublishable,
  nextPublicationState,
  PUBLICATION_ACTION_LABELS,
  PUBLICATION_STATUS_LABELS,
  type PublicationAction,
  type PublicationState,
  type PublicationStatus,
  publicationStatus,
  RECHECK_EXPLANATION,
  returnCommentProblem,
} from "../domain/publication.js";
import type { Actor } from "../domain/roles.js";
import { type Author, recordChange } from "./audit.js";
import type { PublicDataset } from "./publication-policy.js";
import type { PublishingMunicipality } from "./public-dataset.js";
import { contentFingerprints, formatCharacterInContent, loadPublishedContent, type PublishedContent, type LoadPublishedContentDb } from "./published-content.js";

/** The publication state of an edition as the approval page shows it (internal: names and comments included). */
export interface PublicationView {
  fiscalYear: number;
  status: PublicationStatus;
  statusLabel: string;
  publishable: boolean;
  /** Headquarters' comment of the last return (internal). */
  comment: string;
  readyBy: string | null;
  readyAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** null while no row exists yet (never marked). */
  version: number | null;
  /** Actions the given actor may take now. */
  actions: PublicationAction[];
  /**
   * 空欄・未登録: what of the document is empty or missing now (report/document/gaps.ts), in document order. Marking
   * ready or approving with gaps needs an explicit confirmation (takePublicationAction `confirmGaps`).
   */
  gaps: DocumentGap[];
}

function storedState(row: ReformPublicationRow | undefined): PublicationState {
  return row && isPublicationState(row.state) ? row.state : "draft";
}

function viewOf(fiscalYear: number, row: ReformPublicationRow | undefined, status: PublicationStatus, actor: Actor | null, gaps: DocumentGap[]): PublicationView {
  const actions = (["mark_ready", "approve", "return"] as const).filter(
    (a) => nextPublicationState(status, a) !== null && actor !== null && canTakePublicationAction(actor, a),
  );
  return {
    fiscalYear,
    status,
    statusLabel: PUBLICATION_STATUS_LABELS[status],
    publishable: isPublishable(status),
    comment: row?.comment ?? "",
    readyBy: row?.ready_by ?? null,
    readyAt: row?.ready_at ?? null,
    decidedBy: row?.decided_by ?? null,
    decidedAt: row?.decided_at ?? null,
    version: row?.version ?? null,
    actions,
    gaps,
  };
}

/** What currentStatus reads and writes of the municipality's repositories (a type error to reach another). */
export type PublicationStateDb = LoadPublishedContentDb & Pick<TenantDb, "publications">;

async function currentStatus(tenant: PublicationStateDb, municipality: PublishingMunicipality, fiscalYear: number) {
  const [row, content] = await Promise.all([tenant.publications.get(fiscalYear), loadPublishedContent(tenant, municipality, fiscalYear)]);
  const fingerprints = contentFingerprints(content);
  const fingerprint = fingerprints[FINGERPRINT_DEFINITION] as string;
  const status = publicationStatus(storedState(row), { fingerprint: row?.fingerprint ?? null, definition: row?.fingerprint_version ?? null }, fingerprints);
  return { row, content, fingerprint, status };
}

/** The state of edition `fiscalYear`; `actor` decides which actions are offered (null: none). */
export async function publicationOf(tenant: PublicationStateDb, municipality: PublishingMunicipality, fiscalYear: number, actor: Actor | null): Promise<PublicationView> {
  const { row, status, content } = await currentStatus(tenant, municipality, fiscalYear);
  return viewOf(fiscalYear, row, status, actor, documentGaps(content.document));
}

/** What takePublicationAction reads and writes of the municipality's repositories (a type error to reach another). */
export type TakePublicationActionDb = PublicationStateDb & Pick<TenantDb, "audit" | "transaction">;

/**
 * mark_ready (admin), approve or return (hq, a comment required to return). `expectedVersion`: the version the page
 * showed (null when no row existed), so two people acting at once cannot both succeed. `confirmGaps`: the person saw
 * the list of empty or missing parts (PublicationView.gaps) and marks ready / approves anyway; required when there
 * are gaps, and the gaps acknowledged go to the audit entry.
 * Throws forbidden (role), invalid_input (comment; gaps not confirmed, details.gaps listing them), conflict (state
 * moved on, or not allowed from the current state).
 */
export async function takePublicationAction(
  tenant: TakePublicationActionDb,
  actor: Actor,
  municipality: PublishingMunicipality,
  props: { fiscalYear: number; action: PublicationAction; comment?: string; expectedVersion: number | null; confirmGaps?: boolean },
): Promise<PublicationView> {
  const label = PUBLICATION_ACTION_LABELS[props.action];
  if (!canTakePublicationAction(actor, props.action)) {
    throw new GyokakuError("forbidden", props.action === "mark_ready" ? "公表準備完了にできるのは行政管理課(管理者)です" : "公表の承認・差戻しは行政改革推進本部が行います");
  }
  const comment = (props.comment ?? "").trim();
  if (props.action === "return") {
    const problem = returnCommentProblem(comment);
    if (problem) throw new GyokakuError("invalid_input", problem);
  }
  return tenant.transaction(async (tx) => {
    const { row, fingerprint, status, content } = await currentStatus(tx, municipality, props.fiscalYear);
    if ((row?.version ?? null) !== props.expectedVersion) {
      throw new GyokakuError("conflict", `他の人が先に公表の状態を変更しました(現在: ${PUBLICATION_STATUS_LABELS[status]})。画面を再読み込みしてください`);
    }
    const next = nextPublicationState(status, props.action);
    if (next === null) throw new GyokakuError("conflict", `「${PUBLICATION_STATUS_LABELS[status]}」の版に「${label}」はできません`);
    if (props.action !== "return") refuseFormatCharacters(content, props.fiscalYear);
    const gaps = documentGaps(content.document);
    const acknowledged = props.action === "return" ? [] : gaps;
    if (acknowledged.length > 0 && props.confirmGaps !== true) {
      throw new GyokakuError(
        "invalid_input",
        `${formatFiscalYear(props.fiscalYear)}の基本方針には空欄・未登録の箇所が${gaps.length}件あります(${gaps.map((g) => g.place).join("、")})。一覧を確認し、「空欄があることを確認しました」にチェックしてから「${label}」してください`,
        { gaps },
      );
    }
    const now = new Date().toISOString();
    const fields = {
      state: next,
      comment: props.action === "return" ? comment : props.action === "approve" ? "" : (row?.comment ?? ""),
      fingerprint: next === "approved" ? fingerprint : (row?.fingerprint ?? null),
      fingerprintVersion: next === "approved" ? FINGERPRINT_DEFINITION : (row?.fingerprint_version ?? null),
      readyBy: props.action === "mark_ready" ? actor.username : (row?.ready_by ?? null),
      readyAt: props.action === "mark_ready" ? now : (row?.ready_at ?? null),
      decidedBy: props.action === "mark_ready" ? (row?.decided_by ?? null) : actor.username,
      decidedAt: props.action === "mark_ready" ? (row?.decided_at ?? null) : now,
    };
    if (!row) await tx.publications.create(props.fiscalYear, fields);
    else if (!(await tx.publications.update(props.fiscalYear, row.version, fields))) {
      throw new GyokakuError("conflict", "他の人が先に公表の状態を変更しました。画面を再読み込みしてください");
    }
    await recordChange(tx, actor, {
      action: row ? "update" : "create",
      entity: "publication",
      entityId: props.fiscalYear,
      summary: `公表: ${formatFiscalYear(props.fiscalYear)} — ${label} (${PUBLICATION_STATUS_LABELS[status]} → ${PUBLICATION_STATUS_LABELS[next]})`,
      before: { 状態: PUBLICATION_STATUS_LABELS[status] },
      after: {
        状態: PUBLICATION_STATUS_LABELS[next],
        ...(props.action === "return" ? { 差戻し理由: comment } : {}),
        ...(next === "approved" ? { 指紋: fingerprint } : {}),
        ...(acknowledged.length > 0 ? { 確認済みの空欄: acknowledged.map((g) => `${g.place}: ${g.problem}`) } : {}),
      },
    });
    return viewOf(props.fiscalYear, await tx.publications.get(props.fiscalYear), next, actor, gaps);
  });
}

/**
 * Refuses content holding an invisible format character (published-content.ts formatCharacterInContent): marking it
 * ready, approving it and publishing it. Throws invalid_input with the character and the text around it.
 */
function refuseFormatCharacters(content: PublishedContent, fiscalYear: number): void {
  const found = formatCharacterInContent(content);
  if (!found) return;
  throw new GyokakuError(
    "invalid_input",
    `${formatFiscalYear(fiscalYear)}の公表内容に、表示の向きを変えたり見えなかったりする書式制御文字(${found.character})を含む文があります:「${found.excerpt}」。該当する事業・本文・組織名などを編集して取り除いてください`,
    { character: found.character, excerpt: found.excerpt },
  );
}

/**
 * Everything an edition publishes, when it may go out now (its fingerprint is what headquarters approved). Throws
 * conflict naming the state otherwise (未申請 / 承認待ち / 差戻し / 公表後に変更あり / 要再承認): only what
 * headquarters approved is ever published.
 */
export async function requirePublishableContent(tenant: PublicationStateDb, municipality: PublishingMunicipality, fiscalYear: number): Promise<PublishedContent & { fingerprint: string }> {
  const { content, fingerprint, status } = await currentStatus(tenant, municipality, fiscalYear);
  if (!isPublishable(status)) {
    const why =
      status === "changed"
        ? "承認後に公表データが変更されています(公表後に変更あり)。行政改革推進本部の再承認が必要です"
        : status === "recheck"
          ? RECHECK_EXPLANATION
          : `公表の状態が「${PUBLICATION_STATUS_LABELS[status]}」です。行政改革推進本部の承認が必要です`;
    throw new GyokakuError("conflict", `${formatFiscalYear(fiscalYear)}の基本方針は公表できません: ${why}`, { status });
  }
  refuseFormatCharacters(content, fiscalYear);
  return { ...content, fingerprint };
}

/** The public dataset of an edition that may go out now (requirePublishableContent). */
export async function requirePublishableDataset(tenant: PublicationStateDb, municipality: PublishingMunicipality, fiscalYear: number): Promise<PublicDataset> {
  return (await requirePublishableContent(tenant, municipality, fiscalYear)).dataset;
}

/** One step of an approval made before gyokaku kept the edition: who took it and when (ISO 8601). */
export interface PastPublicationStep {
  author: Author;
  at: string;
}

/** What recordExistingApproval reads and writes of the municipality's repositories (a type error to reach another). */
export type RecordExistingApprovalDb = LoadPublishedContentDb & Pick<TenantDb, "audit" | "publications">;

/**
 * Records an edition as already approved with its current data, as it happened outside gyokaku (the demo: the seed
 * was marked ready by the secretariat and approved by headquarters before it was published in September 2025): the
 * state row and the audit log carry the same people and dates (`ready`: 公表準備完了, `approved`: 公表を承認), each
 * audit entry with `note`. Does nothing when the edition has a publication state already; returns whether it wrote.
 */
export async function recordExistingApproval(
  tenant: RecordExistingApprovalDb,
  municipality: PublishingMunicipality,
  fiscalYear: number,
  past: { ready: PastPublicationStep; approved: PastPublicationStep; note: string },
): Promise<boolean> {
  if (await tenant.publications.get(fiscalYear)) return false;
  const fingerprint = contentFingerprints(await loadPublishedContent(tenant, municipality, fiscalYear))[FINGERPRINT_DEFINITION] as string;
  const { ready, approved, note } = past;
  await tenant.publications.create(fiscalYear, {
    state: "approved",
    comment: "",
    fingerprint,
    fingerprintVersion: FINGERPRINT_DEFINITION,
    readyBy: ready.author.username,
    readyAt: ready.at,
    decidedBy: approved.author.username,
    decidedAt: approved.at,
  });
  const edition = formatFiscalYear(fiscalYear);
  const [draft, waiting, done] = [PUBLICATION_STATUS_LABELS.draft, PUBLICATION_STATUS_LABELS.ready, PUBLICATION_STATUS_LABELS.approved];
  await recordChange(
    tenant,
    ready.author,
    { action: "create", entity: "publication", entityId: fiscalYear, summary: `公表: ${edition} — ${PUBLICATION_ACTION_LABELS.mark_ready} (${draft} → ${waiting}) ${note}`, before: { 状態: draft }, after: { 状態: waiting } },
    new Date(ready.at),
  );
  await recordChange(
    tenant,
    approved.author,
    { action: "update", entity: "publication", entityId: fiscalYear, summary: `公表: ${edition} — ${PUBLICATION_ACTION_LABELS.approve} (${waiting} → ${done}) ${note}`, before: { 状態: waiting }, after: { 状態: done, 指紋: fingerprint } },
    new Date(approved.at),
  );
  return true;
}
