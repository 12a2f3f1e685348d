import type { Db, UserRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { GyokakuError } from "../domain/errors.js";
import { TEXT_LIMITS, textProblem } from "../domain/input-limits.js";
import { type PasswordContext, passwordProblem } from "../domain/password-policy.js";
import { isRole, type Role, ROLES } from "../domain/roles.js";
import { type Author, recordChange } from "./audit.js";
import { hashPassword } from "./password.js";

export interface AddUserProps {
  /** Login name, unique within the municipality. */
  username: string;
  /** 表示名; defaults to the username. */
  displayName?: string;
  /** admin | hq | editor | viewer */
  role: string;
  /** Codes of the units an editor may write (required for editors, refused for others). */
  unitCodes?: readonly string[];
  password: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

/**
 * What a password of this municipality may not contain (domain/password-policy.ts): its 団体名, 団体コード and
 * the name in romaji when it was given at registration. Empty when the municipality's row cannot be read.
 */
export async function passwordContextOf(tenant: Pick<TenantDb, "municipality">): Promise<PasswordContext> {
  const own = await tenant.municipality.get();
  return own ? { municipalityName: own.name, municipalityCode: own.code, ...(own.name_romaji ? { municipalityRomaji: own.name_romaji } : {}) } : {};
}

export async function addUser(tenant: Pick<TenantDb, "audit" | "transaction" | "units" | "users" | "municipality">, props: AddUserProps, author: Author): Promise<UserRow> {
  const username = props.username.trim();
  if (!USERNAME.test(username)) {
    throw new GyokakuError("invalid_input", `ユーザー名「${props.username}」は使えません (半角英数字と . _ - で2～64文字)`);
  }
  const displayNameProblem = props.displayName === undefined ? null : textProblem("表示名", props.displayName.trim(), TEXT_LIMITS.name);
  if (displayNameProblem) throw new GyokakuError("invalid_input", displayNameProblem);
  if (!isRole(props.role)) {
    throw new GyokakuError("invalid_input", `役割「${props.role}」はありません (${ROLES.join(" / ")} のいずれか)`);
  }
  const role: Role = props.role;
  const unitCodes = [...new Set(props.unitCodes ?? [])];
  if (role === "editor" && unitCodes.length === 0) {
    throw new GyokakuError("invalid_input", "編集者(editor)には担当する組織を1つ以上指定してください", { field: "unitCodes" });
  }
  if (role !== "editor" && unitCodes.length > 0) {
    throw new GyokakuError("invalid_input", `担当組織を指定できるのは編集者(editor)だけです (役割: ${role})`, { field: "unitCodes" });
  }
  const problem = passwordProblem(props.password, username, await passwordContextOf(tenant));
  if (problem) throw new GyokakuError("invalid_input", problem);
  const passwordHash = await hashPassword(props.password);

  return tenant.transaction(async (tx) => {
    if (await tx.users.getByUsername(username)) {
      throw new GyokakuError("conflict", `ユーザー名「${username}」は既に使われています`);
    }
    const units = await tx.units.listByCodes(unitCodes);
    const missing = unitCodes.filter((code) => !units.some((u) => u.code === code));
    if (missing.length > 0) throw new GyokakuError("invalid_input", `組織コードが見つかりません: ${missing.join(", ")}`);
    const now = new Date().toISOString();
    const user = await tx.users.create({ username, displayName: props.displayName?.trim() || username, role, passwordHash, now });
    await tx.users.setUnits(user.id, units.map((u) => u.id));
    await recordChange(tx, author, {
      action: "create",
      entity: "user",
      entityId: user.id,
      summary: `ユーザーを追加: ${username} (${role})`,
      after: { username, displayName: user.display_name, role, units: unitCodes },
    });
    return user;
  });
}

export async function setUserPassword(tenant: Pick<TenantDb, "audit" | "transaction" | "userSessions" | "users" | "municipality">, username: string, password: string, author: Author): Promise<void> {
  const problem = passwordProblem(password, username, await passwordContextOf(tenant));
  if (problem) throw new GyokakuError("invalid_input", problem);
  const passwordHash = await hashPassword(password);
  await tenant.transaction(async (tx) => {
    const user = await tx.users.getByUsername(username);
    if (!user) throw new GyokakuError("not_found", `ユーザー「${username}」はいません`);
    await tx.users.updatePassword(user.id, passwordHash, new Date().toISOString());
    // A new password ends every session signed in with the old one.
    await tx.userSessions.deleteForUser(user.id);
    await recordChange(tx, author, { action: "password", entity: "user", entityId: user.id, summary: `パスワードを再設定: ${username}` });
  });
}


/**
 * Does any municipality in this database have an enabled administrator? Asked by `serve` at start (across
 * municipalities, before anyone signs in) to tell the operator how to create the first one.
 */
export async function hasAnyAdministrator(db: Db): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("role", "=", "admin").where("disabled", "=", 0).limit(1).executeTakeFirst();
  return row !== undefined;
}
