import type { Context, Hono } from "hono";
import { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../domain/errors.js";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { changeOwnPassword, disableUser, editUser, enableUser, getPresentedUser, listPresentedUsers, resetUserPassword } from "../../services/user-maintenance.js";
import { unitChoices } from "../../services/organisation.js";
import { addUser } from "../../services/users.js";
import type { AppEnv } from "../env.js";
import { formText, idParam, parseInput, parseWithin, pathParams, textField } from "../input.js";
import { PasswordPage, UserEditPage, UsersPage } from "../pages/users.js";
import { clientAddress, requireSession, STATUS, tenantOf } from "../request.js";
import { requireAdmin } from "../../services/authorization.js";

/** The 担当組織 check boxes (name="unit", one value per code ticked): the codes, blanks left out; each a code naming the field. */
const unitCodesField = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const codes: string[] = [];
    for (const v of values) {
      const code = parseWithin(textField("担当組織", TEXT_LIMITS.code), v, ctx);
      if (code) codes.push(code);
    }
    return codes;
  });

/** POST /users: a new user (the service checks the name, the role and the password's strength). */
const UserForm = z.object({
  username: textField("ユーザー名", TEXT_LIMITS.username),
  displayName: textField("表示名", TEXT_LIMITS.name),
  role: textField("役割", 16),
  password: textField("パスワード", TEXT_LIMITS.password, { trim: false }),
  unit: unitCodesField,
});

/**
 * POST /users/:id: the fields typed and (hidden) as the form read them: readDisplayName, readRole and readUnits (the
 * codes joined by ","). Without readRole the values read are null: the service refuses the post (never a blind write).
 */
const EditForm = z
  .object({
    displayName: textField("表示名", TEXT_LIMITS.name),
    role: textField("役割", 16),
    unit: unitCodesField,
    readDisplayName: textField("開いたときの表示名", TEXT_LIMITS.name),
    readRole: textField("開いたときの役割", 16).optional(),
    readUnits: formText("開いたときの担当組織"),
  })
  .transform(({ readDisplayName, readRole, readUnits, ...typed }) => ({
    ...typed,
    expected: readRole === undefined ? null : { displayName: readDisplayName, role: readRole, unitCodes: readUnits.split(",").filter((code) => code !== "") },
  }));

/** POST /account/password: the current password, the new one and its confirmation (compared by the route). */
const PasswordForm = z.object({
  current: textField("現在のパスワード", TEXT_LIMITS.password, { trim: false, required: true }),
  next: textField("新しいパスワード", TEXT_LIMITS.password, { trim: false, required: true }),
  confirm: textField("新しいパスワード(確認)", TEXT_LIMITS.password, { trim: false }),
});

/** Errors a user can fix on the same page: shown there with the form, not on an error page. */
function isFormError(error: unknown): error is GyokakuError {
  return isGyokakuError(error) && (error.code === "invalid_input" || error.code === "conflict");
}

const userId = (c: Context<AppEnv>) => pathParams(c, { id: idParam("ユーザー") }).id;

async function renderList(c: Context<AppEnv>, extra: { notice?: string; error?: string }, status: 200 | 400 | 409 = 200) {
  const session = requireSession(c);
  const tenant = tenantOf(c, session);
  const [users, units] = await Promise.all([listPresentedUsers(tenant, session.actor), unitChoices(tenant)]);
  return c.html(<UsersPage session={session} csrfToken={c.var.csrfToken} users={users} units={units} {...extra} />, status);
}

async function renderEdit(
  c: Context<AppEnv>,
  id: number,
  extra: { notice?: string; error?: string; newPassword?: string },
  status: 200 | 400 | 409 = 200,
) {
  const session = requireSession(c);
  const tenant = tenantOf(c, session);
  const [user, units] = await Promise.all([getPresentedUser(tenant, session.actor, { id }), unitChoices(tenant)]);
  // A page that shows a password must never be kept by a browser or proxy cache.
  if (extra.newPassword) c.header("cache-control", "no-store");
  return c.html(<UserEditPage session={session} csrfToken={c.var.csrfToken} user={user} units={units} {...extra} />, status);
}

/** ユーザー管理 (admin) and パスワード変更 (every signed-in user); JSON: GET /api/v1/users. */
export function registerUserRoutes(app: Hono<AppEnv>): void {
  app.get("/users", (c) => renderList(c, { notice: c.req.query("added") ? "ユーザーを追加しました" : undefined }));

  app.post("/users", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "ユーザーを追加する");
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody({ all: true });
    try {
      const { unit: unitCodes, ...typed } = parseInput(UserForm, body);
      await addUser(tenant, { ...typed, unitCodes }, session.actor);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderList(c, { error: error.message }, STATUS[error.code] as 400 | 409);
    }
    return c.redirect("/users?added=1");
  });

  app.get("/users/:id", (c) => {
    const notices: Record<string, string> = { saved: "保存しました", disabled: "無効にしました。ログイン中の画面も終了しました", enabled: "有効にしました" };
    const done = c.req.query("done") ?? "";
    return renderEdit(c, userId(c), { notice: notices[done] });
  });

  app.post("/users/:id", async (c) => {
    const session = requireSession(c);
    requireAdmin(session.actor, "ユーザーを変更する");
    const id = userId(c);
    const body = await c.req.parseBody({ all: true });
    try {
      // The fields as the form read them (hidden): only what changed from them is written; one changed meanwhile is a 409;
      // left out (null), the service refuses the post (400) once the user is found, never a blind overwrite.
      const typed = parseInput(EditForm, body);
      await editUser(tenantOf(c, session), session.actor, { user: { id }, role: typed.role, displayName: typed.displayName, unitCodes: typed.unit, expected: typed.expected });
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderEdit(c, id, { error: error.message }, STATUS[error.code] as 400 | 409);
    }
    return c.redirect(`/users/${id}?done=saved`);
  });

  for (const [path, run, done] of [
    ["disable", disableUser, "disabled"],
    ["enable", enableUser, "enabled"],
  ] as const) {
    app.post(`/users/:id/${path}`, async (c) => {
      const session = requireSession(c);
      const id = userId(c);
      try {
        await run(tenantOf(c, session), session.actor, { id });
      } catch (error) {
        if (!isFormError(error)) throw error;
        return renderEdit(c, id, { error: error.message }, STATUS[error.code] as 400 | 409);
      }
      return c.redirect(`/users/${id}?done=${done}`);
    });
  }

  app.post("/users/:id/reset-password", async (c) => {
    const session = requireSession(c);
    const id = userId(c);
    const { password } = await resetUserPassword(tenantOf(c, session), session.actor, { id });
    // Shown in this response only (no redirect: the password must not travel in a URL or be shown twice).
    return renderEdit(c, id, { newPassword: password });
  });

  app.get("/account/password", (c) => {
    const session = requireSession(c);
    return c.html(<PasswordPage session={session} csrfToken={c.var.csrfToken} notice={c.req.query("changed") ? "パスワードを変更しました" : undefined} />);
  });

  app.post("/account/password", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    try {
      const typed = parseInput(PasswordForm, body);
      if (typed.next !== typed.confirm) throw new GyokakuError("invalid_input", "新しいパスワードと確認の入力が一致しません");
      await changeOwnPassword(tenantOf(c, session), session.actor, { current: typed.current, next: typed.next, keepSessionId: session.sessionId, address: clientAddress(c) });
    } catch (error) {
      if (!isFormError(error)) throw error;
      return c.html(<PasswordPage session={session} csrfToken={c.var.csrfToken} error={error.message} />, STATUS[error.code] as 400 | 409);
    }
    return c.redirect("/account/password?changed=1");
  });
}
