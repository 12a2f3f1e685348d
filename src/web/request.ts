import type { Context } from "hono";
import { TenantDb } from "../db/tenant.js";
import { type ErrorCode, GyokakuError } from "../domain/errors.js";
import type { SessionContext } from "../services/auth.js";
import type { AppEnv } from "./env.js";

/** HTTP status for each domain error code. */
export const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 500> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  migration_failed: 500,
};

/** The signed-in session, or a 401 error (pages redirect to the login form, the API answers JSON). */
export function requireSession(c: Context<AppEnv>): SessionContext {
  const session = c.var.session;
  if (!session) throw new GyokakuError("unauthenticated", "ログインしてください");
  return session;
}

/** The repositories of the signed-in user's municipality: the only way routes reach data. */
export function tenantOf(c: Context<AppEnv>, session: SessionContext): TenantDb {
  return new TenantDb(c.var.database.db, session.municipality.id);
}

/** A text field of a parsed form body ("" when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}

/** An integer query or form value, or the fallback when it is absent; a malformed value is a 400 naming the field. */
export function intParam(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value.normalize("NFKC"));
  if (!Number.isInteger(n)) throw new GyokakuError("invalid_input", `${name}は整数で指定してください: ${value}`);
  return n;
}
