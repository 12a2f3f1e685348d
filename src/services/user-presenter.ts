import { z } from "zod";
import type { OrgUnitRow, UserRow } from "../db/schema.js";
import { isRole, type Role, ROLE_LABELS, ROLES } from "../domain/roles.js";

/**
 * A user as pages, the API and the CLI show it: never the stored row (no password hash).
 * lastLoginAt and createdAt are ISO 8601 instants (UTC); lastLoginAt is null when the user never signed in.
 * The API's document (GET /api/v1/users) is generated from this schema.
 */
export const PresentedUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().describe("表示名"),
  role: z.enum(ROLES),
  roleLabel: z.string().describe("役割の表示名 (管理者(行政管理課) …)"),
  units: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })).describe("担当組織 (編集者のみ。ほかの役割は空)"),
  disabled: z.boolean().describe("無効 (ログインできない)"),
  lastLoginAt: z.string().nullable().describe("最終ログイン (ISO 8601, UTC)。一度もなければ null"),
  createdAt: z.string().describe("登録日時 (ISO 8601, UTC)"),
});
/** A user as pages, the API and the CLI show it. */
export type PresentedUser = z.output<typeof PresentedUserSchema>;

/** Maps a stored user and its units to what may be shown. A role no longer known reads as viewer (least rights). */
export function presentUser(row: UserRow, units: readonly OrgUnitRow[]): PresentedUser {
  const role: Role = isRole(row.role) ? row.role : "viewer";
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    roleLabel: ROLE_LABELS[role],
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
    disabled: row.disabled !== 0,
    lastLoginAt: row.last_login_at ?? null,
    createdAt: row.created_at,
  };
}
