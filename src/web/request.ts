import type { Context } from "hono";
import { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { type ErrorCode, GyokakuError } from "../domain/errors.js";
import { decodeBase64InSlices } from "../io/base64.js";
import type { TextEncodingName } from "../io/text-encoding.js";
import type { SessionContext } from "../services/auth.js";
import { base64Length } from "./body-limit.js";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./env.js";
import { fiscalYearParam, integerText, parseInput, readEncodingChoice } from "./input.js";

/** HTTP status for each domain error code. */
export const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503> = {
  invalid_input: 400,
  confirmation_required: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
  migration_failed: 500,
  stored_data_invalid: 500,
};

/** The signed-in session, or a 401 error (pages redirect to the login form, the API answers JSON). */
export function requireSession(c: Context<AppEnv>): SessionContext {
  const session = c.get("session");
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

/** An integer query or form value (±2,147,483,647), or the fallback when it is absent; a malformed value is a 400 naming the field. */
export function intParam(value: string | undefined, name: string, fallback: number): number {
  return parseInput(integerText(name), value) ?? fallback;
}

/**
 * The fiscal year (年度) in a query value, path parameter or form field as typed (令和7年度, R7, 2025…), or `fallback`
 * (a year, null or undefined) when it is absent or blank. Not the text typed: YearSpan's fromInput / toInput are that.
 * @throws GyokakuError("invalid_input") naming the field `what` when the value is no readable fiscal year (a 400).
 */
export function fiscalYearOr<T extends number | null | undefined>(value: string | undefined, what: string, fallback: T): number | T {
  if (value === undefined || value.trim() === "") return fallback;
  return parseInput(fiscalYearParam(what), value);
}

export { currentFiscalYear } from "./format.js";

export interface YearSpan {
  from: number;
  to: number;
  /** The years as typed, or the years used when left blank (to show the form again). */
  fromInput: string;
  toInput: string;
}

/** ?from=&to= as typed, each blank taking its default (the start's may depend on the end); a start after the end is a 400. */
export function yearSpan(c: Context<AppEnv>, defaults: { from: number | ((to: number) => number); to: number }): YearSpan {
  const fromQuery = c.req.query("from") ?? "";
  const toQuery = c.req.query("to") ?? "";
  const fromTyped = fiscalYearOr(fromQuery, "開始年度", undefined);
  const to = fiscalYearOr(toQuery, "終了年度", defaults.to);
  const from = fromTyped ?? (typeof defaults.from === "function" ? defaults.from(to) : defaults.from);
  if (from > to) throw new GyokakuError("invalid_input", `開始年度(${formatFiscalYear(from)})が終了年度(${formatFiscalYear(to)})より後です`);
  return { from, to, fromInput: fromQuery.trim() === "" ? String(from) : fromQuery, toInput: toQuery.trim() === "" ? String(to) : toQuery };
}

/** ?encoding= / the encoding field of an upload form: auto, utf-8 or shift_jis. */
export function encodingParam(value: string): TextEncodingName | "auto" {
  const choice = readEncodingChoice(value);
  if (choice.ok) return choice.value;
  throw new GyokakuError("invalid_input", choice.message);
}

/**
 * The file of an import form: the uploaded file, or (at the apply step) the checked file carried back in base64
 * with its name. Empty or missing is a 400 (invalid_input); larger than maxBytes (either way) a 413 (too_large) with
 * 「ファイルが大きすぎます (…MBまで)」, as the body limit answers.
 */
export async function uploadedFile(body: Record<string, unknown>, maxBytes: number): Promise<{ filename: string; bytes: Uint8Array }> {
  // 413 like the body limit, for a file and for its carried base64 copy alike (issue 14 point 2).
  const tooLarge = () => new GyokakuError("too_large", `ファイルが大きすぎます (${maxBytes / (1024 * 1024)}MBまで)`);
  const upload = body["file"];
  if (upload instanceof File) {
    if (upload.size === 0) throw new GyokakuError("invalid_input", "ファイルが空です");
    if (upload.size > maxBytes) throw tooLarge();
    return { filename: upload.name || "upload", bytes: new Uint8Array(await upload.arrayBuffer()) };
  }
  const data = field(body, "data");
  if (data === "") throw new GyokakuError("invalid_input", "ファイルを選んでください");
  // The carried copy gets the same limit as an upload, checked before decoding.
  if (data.length > base64Length(maxBytes)) throw tooLarge();
  const bytes = await decodeBase64InSlices(data);
  if (!bytes) throw new GyokakuError("invalid_input", "確認したファイルの内容が壊れています。もう一度ファイルを選んでください");
  if (bytes.length > maxBytes) throw tooLarge();
  return { filename: field(body, "filename") || "upload", bytes };
}

/** A file as a download (a copy of exactly these bytes, never a larger pooled buffer). */
export function fileResponse(c: Context<AppEnv>, file: { filename: string; contentType: string; bytes: Uint8Array }) {
  c.header("content-type", file.contentType);
  c.header("content-disposition", `attachment; filename="${file.filename}"`);
  return c.body(file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer);
}

/**
 * The client's address as this server sees it: when the app trusts its proxy (GYOKAKU_TRUST_PROXY=1), the right-most
 * X-Forwarded-For entry — the address the one trusted reverse proxy in front of us saw and appended (nginx's
 * $proxy_add_x_forwarded_for); entries left of it are whatever the client sent and could be anything. Else the
 * socket's remote address; "unknown" when neither is known (e.g. in-process requests). At most 64 characters.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.trustProxy) {
    const forwarded = (c.req.header("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "").pop();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return (getConnInfo(c).remote.address ?? "unknown").slice(0, 64);
  } catch {
    return "unknown";
  }
}
