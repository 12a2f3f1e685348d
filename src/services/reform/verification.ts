/** Verification by the 行政改革推進本部: the evaluation categories and one verdict per item and year. */
import type { ReformVerificationRow } from "../../db/schema.js";
import type { TenantDb } from "../../db/tenant.js";
import { formatFiscalYear } from "../../domain/era.js";
import { completionWithoutResult } from "../../domain/edition-carry.js";
import { GyokakuError } from "../../domain/errors.js";
import { DECISIONS, DEFAULT_EVALUATIONS } from "../../domain/reform.js";
import type { Actor } from "../../domain/roles.js";
import { recordChange } from "../audit.js";
import { requireAdmin, requireVerifier } from "../authorization.js";
import { getItem } from "./read-model.js";

export const EVALUATIONS_SETTING = "reform.evaluations";

/** A verification by the 行政改革推進本部 as the reform pages show it; no municipality id. */
export interface VerificationView {
  lineageKey: string;
  fiscalYear: number;
  evaluation: string;
  opinion: string;
  decision: string;
  /** The opinion is headquarters' internal note, never published. */
  opinionInternal: boolean;
  verifiedBy: string;
  /** ISO timestamp. */
  verifiedAt: string;
  /** Optimistic-lock version the form sends back. */
  version: number;
}

/** A reform_verifications row as the pages show it. */
export function presentVerification(row: ReformVerificationRow): VerificationView {
  return {
    lineageKey: row.lineage_key,
    fiscalYear: row.fiscal_year,
    evaluation: row.evaluation,
    opinion: row.opinion,
    decision: row.decision,
    opinionInternal: row.opinion_internal === 1,
    verifiedBy: row.verified_by,
    verifiedAt: row.verified_at,
    version: row.version,
  };
}

/** The verifications of `fiscalYear` (every year when omitted), presented. */
export async function verificationViews(tenant: Pick<TenantDb, "reformVerifications">, fiscalYear?: number): Promise<VerificationView[]> {
  return (await tenant.reformVerifications.list(fiscalYear)).map(presentVerification);
}

/** The verification stored for an item's lineage in `fiscalYear`, or undefined. @throws GyokakuError not_found for an unknown item. */
export async function storedVerification(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformVerifications">, itemId: number, fiscalYear: number): Promise<VerificationView | undefined> {
  const row = await tenant.reformVerifications.get((await getItem(tenant, itemId)).lineageKey, fiscalYear);
  return row ? presentVerification(row) : undefined;
}

export async function evaluationsOf(tenant: Pick<TenantDb, "settings">): Promise<string[]> {
  const raw = await tenant.settings.get(EVALUATIONS_SETTING);
  if (!raw) return [...DEFAULT_EVALUATIONS];
  const parsed = JSON.parse(raw) as unknown;
  return Array.isArray(parsed) && parsed.every((v) => typeof v === "string") ? (parsed as string[]) : [...DEFAULT_EVALUATIONS];
}

export async function setEvaluations(tenant: Pick<TenantDb, "audit" | "settings" | "transaction">, actor: Actor, evaluations: string[]): Promise<void> {
  requireAdmin(actor, "評価の区分を変更する");
  const list = evaluations.map((e) => e.trim()).filter((e) => e !== "");
  if (list.length < 2 || new Set(list).size !== list.length) throw new GyokakuError("invalid_input", "評価の区分は重複なく2つ以上指定してください");
  await tenant.transaction(async (tx) => {
    const before = await evaluationsOf(tx);
    await tx.settings.set(EVALUATIONS_SETTING, JSON.stringify(list));
    await recordChange(tx, actor, { action: "update", entity: "setting", entityId: EVALUATIONS_SETTING, summary: "評価の区分を変更", before, after: list });
  });
}

/** What verifyItem reads and writes of the municipality's repositories (a type error to reach another). */
export type VerifyItemDb = Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "reformVerifications" | "settings" | "transaction">;

export async function verifyItem(
  tenant: VerifyItemDb,
  actor: Actor,
  props: {
    itemId: number;
    fiscalYear: number;
    evaluation: string;
    opinion: string;
    decision: string;
    expectedVersion: number | null;
    /** The opinion is headquarters' internal note: never published (services/publication-policy.ts). Unchanged when omitted. */
    opinionInternal?: boolean;
    /** 完了 although the year has no approved 取組実績: asked for again (confirmation_required) unless true. */
    confirmWithoutResult?: boolean;
  },
): Promise<void> {
  requireVerifier(actor);
  const evaluations = await evaluationsOf(tenant);
  if (!evaluations.includes(props.evaluation)) throw new GyokakuError("invalid_input", `評価「${props.evaluation}」はありません (${evaluations.join("・")})`);
  if (!(DECISIONS as readonly string[]).includes(props.decision)) throw new GyokakuError("invalid_input", `次年度の方針「${props.decision}」はありません (${DECISIONS.join("・")})`);
  await tenant.transaction(async (tx) => {
    const item = await getItem(tx, props.itemId);
    if (props.decision === "完了" && !props.confirmWithoutResult) {
      const result = props.fiscalYear === item.editionYear ? item.currentResult : item.history.find((h) => h.fiscalYear === props.fiscalYear)?.result;
      const warning = completionWithoutResult(item.name, props.fiscalYear, result, formatFiscalYear(props.fiscalYear));
      if (warning) throw new GyokakuError("confirmation_required", `${warning}。それでも完了とする場合は確認の欄に印を付けてください`, { warnings: [warning] });
    }
    const existing = await tx.reformVerifications.get(item.lineageKey, props.fiscalYear);
    const now = new Date().toISOString();
    const values = { evaluation: props.evaluation, opinion: props.opinion.trim(), decision: props.decision, by: actor.username, now };
    if (!existing) {
      if (props.expectedVersion !== null) throw new GyokakuError("conflict", "検証の記録が見つかりません。画面を再読み込みしてください");
      await tx.reformVerifications.create({ lineageKey: item.lineageKey, fiscalYear: props.fiscalYear, ...values });
    } else if (props.expectedVersion === null || !(await tx.reformVerifications.update(item.lineageKey, props.fiscalYear, props.expectedVersion, values))) {
      throw new GyokakuError("conflict", `他の人(${existing.verified_by})が先に検証を保存しました。最新の内容を確認してください`, { theirs: presentVerification(existing) });
    }
    if (props.opinionInternal !== undefined) await tx.reformVerifications.setOpinionInternal(item.lineageKey, props.fiscalYear, props.opinionInternal);
    const publicity = (internal: boolean) => (internal ? "内部用(公表しない)" : "公表する");
    await recordChange(tx, actor, {
      action: existing ? "update" : "create",
      entity: "reform_verification",
      entityId: `${item.lineageKey}/${props.fiscalYear}`,
      summary: `検証: ${item.name} ${formatFiscalYear(props.fiscalYear)} — ${props.evaluation} / ${props.decision}`,
      before: existing ? { 評価: existing.evaluation, 意見: existing.opinion, 方針: existing.decision, 意見の扱い: publicity(existing.opinion_internal === 1) } : undefined,
      after: { 評価: props.evaluation, 意見: props.opinion, 方針: props.decision, 意見の扱い: publicity(props.opinionInternal ?? existing?.opinion_internal === 1) },
    });
  });
}
