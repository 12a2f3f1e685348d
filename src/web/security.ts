import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { DataVersionWatch } from "../db/data-version-watch.js";
import { DataVersionRepository } from "../db/repositories/data-versions.js";
import { GyokakuError } from "../domain/errors.js";
import { randomToken } from "../services/password.js";
import type { AppEnv } from "./env.js";
import { isFormType, readFormBody } from "./multipart.js";

export const SESSION_COOKIE = "gyokaku_session";
/** Before login there is no session to hold a CSRF token, so the login form's token lives in its own cookie. */
export const PRELOGIN_COOKIE = "gyokaku_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    secure,
    sameSite: "Lax" as const,
    path: "/",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * Loads the session from the cookie (through the app's session cache, which also reads the municipality's data
 * version for the page cache) and decides which CSRF token this request's forms carry.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookies = getCookie(c);
  const token = cookies[SESSION_COOKIE];
  const watch = c.var.database.versionWatch;
  if (watch) forgetOlderThanSeen(watch, cookies[VERSION_COOKIE]);
  const { session, dataVersion } = token ? await c.get("sessionCache").resolve(token) : { session: null, dataVersion: undefined };
  c.set("session", session);
  c.set("dataVersion", dataVersion);
  if (session) {
    c.set("csrfToken", session.csrfToken);
    if (watch && !SAFE_METHODS.has(c.req.method)) {
      await next();
      await handOutVersion(c, watch, session.municipality.id);
      return;
    }
  } else {
    let prelogin = cookies[PRELOGIN_COOKIE];
    if (!prelogin || !/^[A-Za-z0-9_-]{43}$/.test(prelogin)) {
      prelogin = randomToken();
      setCookie(c, PRELOGIN_COOKIE, prelogin, { ...cookieOptions(c.var.secureCookies), sameSite: "Strict" });
    }
    c.set("csrfToken", prelogin);
  }
  await next();
};

/**
 * PostgreSQL with several server processes (db/data-version-watch.ts): the data version this browser's last write
 * left, as "<municipality id>.<version>". A process that has not yet heard of that version reads the database instead
 * of its own, so whoever saved sees the save on the next page from any process.
 */
export const VERSION_COOKIE = "gyokaku_dv";

function forgetOlderThanSeen(watch: DataVersionWatch, seen: string | undefined): void {
  const match = /^(\d{1,9})\.(\d{1,15})$/.exec(seen ?? "");
  if (!match) return;
  const municipalityId = Number(match[1]);
  const known = watch.known(municipalityId);
  if (known !== undefined && known < Number(match[2])) watch.forget(municipalityId);
}

/** After a signed-in write: this process reads the version again, and the browser keeps it (see VERSION_COOKIE). */
async function handOutVersion(c: Context<AppEnv>, watch: DataVersionWatch, municipalityId: number): Promise<void> {
  watch.forget(municipalityId);
  const version = await DataVersionRepository.current(c.var.database, municipalityId);
  setCookie(c, VERSION_COOKIE, `${municipalityId}.${version}`, cookieOptions(c.var.secureCookies));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function csrfRefused(): GyokakuError {
  return new GyokakuError("forbidden", "フォームの有効期限が切れたか、不正な要求です。画面を再読み込みしてからもう一度操作してください", { csrf: true });
}

/**
 * CSRF protection for every state-changing request: the request must come from our own origin (when the
 * browser says where it comes from) and carry the token of its session (or of the login form). Checked as early as
 * the request allows: the origin and an X-CSRF-Token header before any of the body is read; a form's `_csrf` field
 * while the form streams in (multipart/multipart.ts: a wrong token, or a file before the token, stops reading at
 * once), under the route's body rule (body-limit.ts, which has already refused a body over its byte limit).
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header("origin");
  if (origin && origin !== "null") {
    const host = c.req.header("host");
    let originHost = "";
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = "";
    }
    if (!host || originHost !== host) throw new GyokakuError("forbidden", "別のサイトから送られた要求は受け付けません", { csrf: true });
  }
  const expected = c.var.csrfToken;
  const header = c.req.header("x-csrf-token");
  if (header) {
    if (!sameToken(header, expected)) throw csrfRefused();
    // The token is right: a form body is still read under the route's limits before the route sees it.
    await readFormBody(c, undefined);
    return next();
  }
  await readFormBody(c, { matches: (given) => given !== "" && sameToken(given, expected), refused: csrfRefused });
  let given = "";
  if (isFormType(c.req.header("content-type") ?? "")) {
    const value = (await c.req.parseBody())["_csrf"];
    given = typeof value === "string" ? value : "";
  }
  if (!given || !sameToken(given, expected)) throw csrfRefused();
  await next();
};
