import type { TenantDb } from "../db/tenant.js";
import type { Actor } from "../domain/roles.js";

/** Who made a change: a signed-in user, or a command run on the server (userId null). */
export interface Author {
  userId: number | null;
  username: string;
}

/** Commands run on the server act as the municipality's administrator. */
export const CLI_ACTOR: Actor = { userId: null, username: "(CLI)", role: "admin", unitIds: [] };

export interface Change {
  /** download: material taken out of gyokaku (the pre-publication zip or PDF), which changes nothing. */
  action: "create" | "update" | "delete" | "login" | "logout" | "password" | "download";
  entity: string;
  entityId: string | number;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export function recordChange(tenant: Pick<TenantDb, "audit">, author: Author, change: Change, at = new Date()): Promise<void> {
  return tenant.audit.append({
    at: at.toISOString(),
    userId: author.userId,
    actor: author.username,
    action: change.action,
    entity: change.entity,
    entityId: String(change.entityId),
    summary: change.summary,
    before: change.before,
    after: change.after,
  });
}
