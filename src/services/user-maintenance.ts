import type { UserRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { TEXT_LIMITS, textProblem } from "../domain/input-limits.js";
import { passwordProblem } from "../domain/password-policy.js";
import { requireReadSent } from "../domain/read-values.js";
import { type Actor, isRole, type Role, ROLE_LABELS, ROLES } from "../domain/roles.js";
import { recordChange } from "./audit.js";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";
import { passwordContextOf } from "./users.js";

/** A role as the users page names it (「推進本部」), or the text as given when it is not a role. */
const roleName = (role: string): string => (isRole(role) ? ROLE_LABELS[role] : role);
import { type PresentedUser, presentUser } from "./user-presenter.js";
import { requireAdmin } from "./authorization.js";
import { type AttemptWording, rateLimited, throttledPasswordCheck } from "./password-throttle.js";

// User maintenance (issue 13 point 10): April's personnel changes move people between units and roles,
// people leave and come back, passwords are forgotten. Every change here is in the audit log.

/** A user named by id (pages) or by login name (CLI). */
export type UserRef = { id: number } | { username: string };

function describeRef(ref: UserRef): string {
  return "id" in ref ? `ID ${ref.id}` : `「${ref.username}」`;
}

async function requireUser(tenant: Pick<TenantDb, "users">, ref: UserRef): Promise<UserRow> {
  const user = "id" in ref ? await tenant.users.get(ref.id) : await tenant.users.getByUsername(ref.username.trim());
  if (!user) throw new GyokakuError("not_found", `ユーザー${describeRef(ref)}はいません`);
  return user;
}

/** Other enabled administrators than this user: the municipality must never be left without one. */
async function otherActiveAdmins(tenant: Pick<TenantDb, "users">, userId: number): Promise<number> {
  return (await tenant.users.list()).filter((u) => u.id !== userId && u.role === "admin" && u.disabled === 0).length;
}

/** Every user with their units, for the administrator (forbidden to others). */
export async function listPresentedUsers(tenant: Pick<TenantDb, "units" | "users">, actor: Actor): Promise<PresentedUser[]> {
  requireAdmin(actor, "ユーザー一覧を見る");
  const [users, units, byUser] = await Promise.all([tenant.users.list(), tenant.units.list(), tenant.users.unitIdsByUser()]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  return users.map((u) => presentUser(u, (byUser.get(u.id) ?? []).flatMap((id) => unitById.get(id) ?? [])));
}

/** One user for the administrator; not_found when the user is not in this municipality. */
export async function getPresentedUser(tenant: Pick<TenantDb, "units" | "users">, actor: Actor, ref: UserRef): Promise<PresentedUser> {
  requireAdmin(actor, "ユーザーを見る");
  const user = await requireUser(tenant, ref);
  const unitIds = await tenant.users.unitIdsOf(user.id);
  const units = (await tenant.units.list()).filter((u) => unitIds.includes(u.id));
  return presentUser(user, units);
}

export interface EditUserProps {
  user: UserRef;
  /** New role; unchanged when undefined. */
  role?: string;
  /** New 表示名; unchanged when undefined; blank means the login name. */
  displayName?: string;
  /** New units by code (editors only); unchanged when undefined. A role other than editor clears them. */
  unitCodes?: readonly string[];
  /**
   * The three fields as the writer read them (the edit form's hidden fields). With them a field left as read keeps
   * what is stored now, and a field changed here that someone else changed since it was read is a conflict (409).
   * null: a form post that left them out, refused (400) after the role and the user are checked.
   */
  expected?: { displayName: string; role: string; unitCodes: readonly string[] } | null;
}

/**
 * Changes a user's role, display name and units (e.g. April transfers). Refuses: an editor without units,
 * units for another role, and taking the admin role from the last enabled administrator.
 * Audited with the values before and after.
 */
/** props with the fields left as read dropped (they keep what is stored now). @throws GyokakuError conflict naming both values */
function mergeUserEdit(user: { username: string; display_name: string; role: string }, storedCodes: readonly string[], props: EditUserProps, read: NonNullable<EditUserProps["expected"]>): EditUserProps {
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
  const merged: EditUserProps = { user: props.user };
  const conflicts: string[] = [];
  const shown = (v: string) => (v === "" ? "(空欄)" : v);
  if (props.displayName !== undefined && props.displayName.trim() !== read.displayName.trim()) {
    const yours = props.displayName.trim();
    if (user.display_name !== read.displayName.trim() && user.display_name !== yours) conflicts.push(`表示名は、画面を開いた後に別の人が「${shown(read.displayName)}」→「${shown(user.display_name)}」に変更しています(あなたの入力:「${shown(yours)}」)`);
    merged.displayName = props.displayName;
  }
  if (props.role !== undefined && props.role !== read.role) {
    if (user.role !== read.role && user.role !== props.role) conflicts.push(`役割は、画面を開いた後に別の人が「${roleName(read.role)}」→「${roleName(user.role)}」に変更しています(あなたの入力:「${roleName(props.role)}」)`);
    merged.role = props.role;
  }
  if (props.unitCodes !== undefined && !sameSet(props.unitCodes, read.unitCodes)) {
    if (!sameSet(storedCodes, read.unitCodes) && !sameSet(storedCodes, props.unitCodes)) {
      conflicts.push(`担当組織は、画面を開いた後に別の人が「${read.unitCodes.join("、")}」→「${storedCodes.join("、")}」に変更しています(あなたの入力:「${props.unitCodes.join("、")}」)`);
    }
    merged.unitCodes = props.unitCodes;
  }
  if (conflicts.length > 0) throw new GyokakuError("conflict", `「${user.username}」の${conflicts.join(" / ")}。最新の内容を確認してから、もう一度保存してください`, { conflicts });
  return merged;
}

export async function editUser(tenant: Pick<TenantDb, "audit" | "transaction" | "units" | "users">, actor: Actor, props: EditUserProps): Promise<PresentedUser> {
  requireAdmin(actor, "ユーザーを変更する");
  if (props.role !== undefined && !isRole(props.role)) {
    throw new GyokakuError("invalid_input", `役割「${props.role}」はありません (${ROLES.join(" / ")} のいずれか)`);
  }
  const displayName = props.displayName?.trim();
  const displayNameProblem = displayName === undefined ? null : textProblem("表示名", displayName, TEXT_LIMITS.name);
  if (displayNameProblem) throw new GyokakuError("invalid_input", displayNameProblem);
  return tenant.transaction(async (tx) => {
    const user = await requireUser(tx, props.user);
    const beforeUnitIds = await tx.users.unitIdsOf(user.id);
    const allUnits = await tx.units.list();
    const beforeCodes = allUnits.filter((u) => beforeUnitIds.includes(u.id)).map((u) => u.code);
    const expected = requireReadSent(props.expected);
    if (expected) props = mergeUserEdit(user, beforeCodes, props, expected);
    const role: Role = (props.role as Role | undefined) ?? (isRole(user.role) ? user.role : "viewer");
    let codes = props.unitCodes !== undefined ? [...new Set(props.unitCodes)] : role === "editor" ? beforeCodes : [];
    if (role !== "editor" && props.unitCodes !== undefined && codes.length > 0) {
      throw new GyokakuError("invalid_input", `担当組織を指定できるのは編集者(editor)だけです (役割: ${role})`, { field: "unitCodes" });
    }
    if (role !== "editor") codes = [];
    if (role === "editor" && codes.length === 0) throw new GyokakuError("invalid_input", "編集者(editor)には担当する組織を1つ以上指定してください", { field: "unitCodes" });
    const missing = codes.filter((code) => !allUnits.some((u) => u.code === code));
    if (missing.length > 0) throw new GyokakuError("invalid_input", `組織コードが見つかりません: ${missing.join(", ")}`);
    if (user.role === "admin" && role !== "admin" && user.disabled === 0 && (await otherActiveAdmins(tx, user.id)) === 0) {
      throw new GyokakuError("conflict", `「${user.username}」は最後の管理者です。先に別の管理者を用意してください`);
    }
    // (props.displayName, not displayName: a field left as read was dropped above and keeps what is stored now)
    const typedName = props.displayName?.trim();
    const newName = typedName === undefined ? user.display_name : typedName || user.username;
    const before = { role: user.role, displayName: user.display_name, units: beforeCodes };
    const after = { role, displayName: newName, units: codes };
    if (JSON.stringify(before) === JSON.stringify(after)) return presentUser(user, allUnits.filter((u) => beforeUnitIds.includes(u.id)));
    await tx.users.update(user.id, { role, displayName: newName, now: new Date().toISOString() });
    const newUnits = allUnits.filter((u) => codes.includes(u.code));
    await tx.users.setUnits(user.id, newUnits.map((u) => u.id));
    await recordChange(tx, actor, { action: "update", entity: "user", entityId: user.id, summary: `ユーザーを変更: ${user.username}`, before, after });
    const updated = await tx.users.get(user.id);
    return presentUser(updated ?? user, newUnits);
  });
}

/**
 * Disables a user: they can no longer sign in and every session they have ends now. Refuses disabling oneself
 * and the last enabled administrator. Disabling a disabled user changes nothing.
 */
export async function disableUser(tenant: Pick<TenantDb, "audit" | "transaction" | "units" | "userSessions" | "users">, actor: Actor, ref: UserRef): Promise<PresentedUser> {
  requireAdmin(actor, "ユーザーを無効にする");
  return tenant.transaction(async (tx) => {
    const user = await requireUser(tx, ref);
    if (actor.userId !== null && actor.userId === user.id) throw new GyokakuError("conflict", "自分自身は無効にできません");
    if (user.disabled === 0) {
      if (user.role === "admin" && (await otherActiveAdmins(tx, user.id)) === 0) {
        throw new GyokakuError("conflict", `「${user.username}」は最後の管理者です。無効にする前に別の管理者を用意してください`);
      }
      await tx.users.update(user.id, { disabled: true, now: new Date().toISOString() });
      await recordChange(tx, actor, {
        action: "update",
        entity: "user",
        entityId: user.id,
        summary: `ユーザーを無効化: ${user.username}`,
        before: { disabled: false },
        after: { disabled: true },
      });
    }
    // Also when already disabled: a session can never outlive the disabling.
    await tx.userSessions.deleteForUser(user.id);
    return presentOne(tx, user.id);
  });
}

/** Enables a disabled user again (their old password still works; reset it if it may be known to others). */
export async function enableUser(tenant: Pick<TenantDb, "audit" | "transaction" | "units" | "users">, actor: Actor, ref: UserRef): Promise<PresentedUser> {
  requireAdmin(actor, "ユーザーを有効にする");
  return tenant.transaction(async (tx) => {
    const user = await requireUser(tx, ref);
    if (user.disabled !== 0) {
      await tx.users.update(user.id, { disabled: false, now: new Date().toISOString() });
      await recordChange(tx, actor, {
        action: "update",
        entity: "user",
        entityId: user.id,
        summary: `ユーザーを有効化: ${user.username}`,
        before: { disabled: true },
        after: { disabled: false },
      });
    }
    return presentOne(tx, user.id);
  });
}

async function presentOne(tenant: Pick<TenantDb, "units" | "users">, userId: number): Promise<PresentedUser> {
  const user = await tenant.users.get(userId);
  if (!user) throw new GyokakuError("not_found", `ユーザー ID ${userId} はいません`);
  const unitIds = await tenant.users.unitIdsOf(user.id);
  return presentUser(user, (await tenant.units.list()).filter((u) => unitIds.includes(u.id)));
}

/**
 * Gives a user a new password chosen by the administrator, or a generated one when none is given, ends the
 * user's sessions and clears the account's login throttle (its failures from every address). Returns the new password: the caller shows it once and never stores it.
 */
export async function resetUserPassword(
  tenant: Pick<TenantDb, "audit" | "transaction" | "units" | "userSessions" | "users" | "municipality" | "loginThrottles">,
  actor: Actor,
  ref: UserRef,
  chosen?: string,
): Promise<{ user: PresentedUser; password: string }> {
  requireAdmin(actor, "パスワードを再発行する");
  const user = await requireUser(tenant, ref);
  const password = chosen ?? generatePassword();
  const problem = passwordProblem(password, user.username, await passwordContextOf(tenant));
  if (problem) throw new GyokakuError("invalid_input", problem);
  const hash = await hashPassword(password);
  return tenant.transaction(async (tx) => {
    await tx.users.updatePassword(user.id, hash, new Date().toISOString());
    await tx.userSessions.deleteForUser(user.id);
    // The person gets in with the new password at once: the account's login failures are forgotten.
    const unlocked = await tx.loginThrottles.clearAccount(user.username);
    await recordChange(tx, actor, { action: "password", entity: "user", entityId: user.id, summary: `パスワードを再発行: ${user.username}${unlocked > 0 ? " (ログイン制限も解除)" : ""}` });
    return { user: await presentOne(tx, user.id), password };
  });
}

export interface ChangeOwnPasswordProps {
  /** The password in use now. */
  current: string;
  /** The new password (domain/password-policy.ts). */
  next: string;
  /** The session the change is made from: kept; every other session of the user ends. */
  keepSessionId?: string;
  /** The client's address as the server sees it (counted by the throttle and written to the security log). */
  address?: string;
  now?: Date;
}

const PASSWORD_CHANGE_WORDING: AttemptWording = { failures: "現在のパスワードの誤り", next: "パスワードの変更" };

/**
 * A signed-in user changes their own password after proving the current one. Audited (without the passwords). The
 * current password is checked under the login throttle of the account (services/password-throttle.ts: a wrong one
 * counts as a failed login and is in the security log, path /account/password), so it is no faster way to guess.
 * @throws GyokakuError invalid_input (wrong current password, new one refused), rate_limited (details.retryAfterSeconds).
 */
export async function changeOwnPassword(tenant: Pick<TenantDb, "audit" | "transaction" | "userSessions" | "users" | "db" | "municipalityId" | "municipality">, actor: Actor, props: ChangeOwnPasswordProps): Promise<void> {
  if (actor.userId === null) throw new GyokakuError("forbidden", "ログインしているユーザーだけが自分のパスワードを変更できます");
  const user = await requireUser(tenant, { id: actor.userId });
  const attempt = { municipalityId: tenant.municipalityId, username: user.username, address: props.address ?? "unknown", path: "/account/password", now: props.now ?? new Date() };
  const outcome = await throttledPasswordCheck(tenant.db, attempt, PASSWORD_CHANGE_WORDING, async () => ({
    ok: await verifyPassword(props.current, user.password_hash),
    detail: "現在のパスワードが違います (パスワード変更)",
  }));
  if (!outcome.ok) {
    if (outcome.nextWaitSeconds > 0) throw rateLimited(outcome.nextWaitSeconds, PASSWORD_CHANGE_WORDING, "現在のパスワードが違います");
    throw new GyokakuError("invalid_input", "現在のパスワードが違います");
  }
  await outcome.settle();
  if (props.next === props.current) throw new GyokakuError("invalid_input", "新しいパスワードが現在のものと同じです");
  const problem = passwordProblem(props.next, user.username, await passwordContextOf(tenant));
  if (problem) throw new GyokakuError("invalid_input", problem);
  const hash = await hashPassword(props.next);
  await tenant.transaction(async (tx) => {
    await tx.users.updatePassword(user.id, hash, new Date().toISOString());
    await tx.userSessions.deleteForUserExcept(user.id, props.keepSessionId ?? "");
    await recordChange(tx, actor, { action: "password", entity: "user", entityId: user.id, summary: `パスワードを変更(本人): ${user.username}` });
  });
}
