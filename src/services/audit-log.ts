/**
 * 変更履歴 (the audit log) as the pages show it: who changed what, with the fields that differ. The pages receive
 * presented entries (presentAuditEntry), never audit_log rows: the stored before/after JSON is read here, through
 * db/stored-json.ts, so a page neither parses JSON nor sees a column it does not show.
 */
import { z } from "zod";
import type { AuditRow } from "../db/schema.js";
import { readStoredJson } from "../db/stored-json.js";
import type { TenantDb } from "../db/tenant.js";
import { type Actor, canReadAuditLog } from "../domain/roles.js";
import { requireAuditReader } from "./authorization.js";

const ACTION_LABELS: Record<string, string> = {
  create: "作成",
  update: "更新",
  delete: "削除",
  login: "ログイン",
  logout: "ログアウト",
  password: "パスワード",
  download: "ダウンロード",
};

/** One field that differs between the stored before and after: each side as shown, null when that side was not recorded. */
export interface AuditFieldChange {
  field: string;
  /** The value before, as text (「(なし)」 missing, 「(空)」 empty); null when the entry recorded no before (a creation). */
  before: string | null;
  /** The value after, as text; null when the entry recorded no after (a deletion). */
  after: string | null;
}

/** An audit log entry as the pages show it. */
export interface PresentedAuditEntry {
  id: number;
  /** ISO-8601 UTC timestamp. */
  at: string;
  /** The user name (or 「(CLI)」) as recorded. */
  actor: string;
  /** 作成, 更新 … (the stored action when it has no label). */
  actionLabel: string;
  entity: string;
  entityId: string;
  summary: string;
  /** The fields that differ, or every field of a creation or deletion; empty when no values were recorded. */
  changes: AuditFieldChange[];
}

function storedObject(json: string | null, where: string): Record<string, unknown> | null {
  if (json === null) return null;
  const value = readStoredJson(z.unknown(), json, where);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { 値: value };
}

function shown(value: unknown): string {
  if (value === undefined) return "(なし)";
  if (typeof value === "string") return value === "" ? "(空)" : value;
  return JSON.stringify(value);
}

/**
 * An audit_log row as the pages show it: the action's label and the fields that differ, field by field.
 * @throws GyokakuError stored_data_invalid when before_json or after_json is not JSON.
 */
export function presentAuditEntry(row: AuditRow): PresentedAuditEntry {
  const before = storedObject(row.before_json, `audit_log.before_json (#${row.id})`);
  const after = storedObject(row.after_json, `audit_log.after_json (#${row.id})`);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes = keys
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]))
    .map((field) => ({ field, before: before ? shown(before[field]) : null, after: after ? shown(after[field]) : null }));
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actionLabel: ACTION_LABELS[row.action] ?? row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: row.summary,
    changes,
  };
}

/** A page of the audit log, newest first, with the filter's total and the entity names to filter by. */
export interface AuditLogPage {
  entries: PresentedAuditEntry[];
  total: number;
  entities: string[];
}

/**
 * Page `page` (1-based) of `pageSize` entries of the audit log, filtered by entity and actor.
 * @throws GyokakuError forbidden when the actor may not read the audit log (canReadAuditLog).
 */
export async function auditLogPage(
  tenant: Pick<TenantDb, "audit">,
  actor: Actor,
  query: { page: number; pageSize: number; entity?: string | undefined; actor?: string | undefined },
): Promise<AuditLogPage> {
  requireAuditReader(actor);
  const filter = { entity: query.entity, actor: query.actor };
  const [rows, total, entities] = await Promise.all([
    tenant.audit.list({ ...filter, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    tenant.audit.count(filter),
    tenant.audit.entities(),
  ]);
  return { entries: rows.map(presentAuditEntry), total, entities };
}

/** The latest `limit` changes for the dashboard; null when the actor may not read the audit log. */
export async function recentChanges(tenant: Pick<TenantDb, "audit">, actor: Actor, limit = 10): Promise<PresentedAuditEntry[] | null> {
  if (!canReadAuditLog(actor)) return null;
  return (await tenant.audit.list({ limit, offset: 0 })).map(presentAuditEntry);
}
