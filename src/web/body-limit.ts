import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { GyokakuError } from "../domain/errors.js";
import type { AppEnv } from "./env.js";

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest file any import accepts (類似団体比較 MIC files: 20MB); other imports check their own smaller limit. */
export const MAX_IMPORT_FILE_BYTES = 20 * MiB;

/**
 * The largest file each import form accepts, the one place they are set: 類似団体比較 MIC files (the nationwide rosters
 * are large) MAX_IMPORT_FILE_BYTES; 職員数, 年齢構成 and 改革項目 files 10MB.
 */
export const MAX_UPLOAD_BYTES = { mic: MAX_IMPORT_FILE_BYTES, table: 10 * MiB } as const;

/** Bytes of `n` bytes written in base64 (the apply step carries the checked file back in a form field). */
export function base64Length(n: number): number {
  return Math.ceil(n / 3) * 4;
}

/**
 * The body limit of each kind of request, in bytes. A request over its kind's limit is answered 413 while it streams in
 * (from Content-Length before reading anything, or by counting chunks), before the CSRF check or any route parses it.
 * - `anonymous`: any body without a session (only the login form has one): a few short fields.
 * - `form`: application/x-www-form-urlencoded and anything else signed in: the longest text areas of a reform item.
 * - `json`: the JSON API (/api/v1).
 * - `upload`: multipart/form-data signed in: the largest import file, or the same file carried back in base64.
 */
export const BODY_LIMITS = {
  anonymous: 64 * KiB,
  form: 1 * MiB,
  json: 1 * MiB,
  upload: base64Length(MAX_IMPORT_FILE_BYTES) + 1 * MiB,
} as const;

export type BodyKind = keyof typeof BODY_LIMITS;

/** Which limit a request falls under: by session and Content-Type (the upload routes' forms are multipart). */
export function bodyKindOf(contentType: string, signedIn: boolean): BodyKind {
  if (!signedIn) return "anonymous";
  const type = contentType.toLowerCase();
  if (type.startsWith("multipart/form-data")) return "upload";
  if (type.startsWith("application/json") || /^application\/[\w.+-]*\+json/.test(type)) return "json";
  return "form";
}

function megabytes(bytes: number): string {
  return bytes >= MiB ? `${Math.floor(bytes / MiB)}MB` : `${Math.floor(bytes / KiB)}KB`;
}

const limiters = Object.fromEntries(
  (Object.keys(BODY_LIMITS) as BodyKind[]).map((kind) => [
    kind,
    bodyLimit({
      maxSize: BODY_LIMITS[kind],
      onError: () => {
        throw new GyokakuError("too_large", `送信された内容が大きすぎます (${megabytes(BODY_LIMITS[kind])}まで)`, { limitBytes: BODY_LIMITS[kind], kind });
      },
    }),
  ]),
) as Record<BodyKind, MiddlewareHandler>;

/** Enforces {@link BODY_LIMITS}; runs after the session is known and before anything reads the body (CSRF included). */
export const limitRequestBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const kind = bodyKindOf(c.req.header("content-type") ?? "", c.get("session") !== null);
  return limiters[kind](c, next);
};
