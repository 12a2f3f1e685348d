import type { OrgUnitRow, UserRow } from "../db/schema.js";
import { isRole, type Role, ROLE_LABELS } from "../domain/roles.js";

/**
 * A user as pages, the API and the CLI show it: never the stored row (no password hash).
 * lastLoginAt and createdAt are ISO 8601 instants (UTC); lastLoginAt is null when the user never signed in.
 */
export interface PresentedUser {
  id: number;
  username: string;
  /** 表示名 */
  displayName: string;
  role: Role;
  /** 役割の表示名 (管理者(行政管理課) …) */
  roleLabel: string;
  /** 担当組織 (an editor's units; empty for other roles) */
  units: { id: number; code: string; name: string }[];
  /** 無効 (cannot sign in) */
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

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
