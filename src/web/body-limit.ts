import type { MiddlewareHandler } from "hono";
import { GyokakuError } from "../domain/errors.js";
import type { Actor } from "../domain/roles.js";
import { requireAdmin, requireHearingDepartmentEditor } from "../services/authorization.js";
import { authorizeComparisonImport } from "../services/comparison-import.js";
import type { AppEnv } from "./env.js";

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest file any import accepts (類似団体比較 MIC files: 20MB); other imports check their own smaller limit. */
export const MAX_IMPORT_FILE_BYTES = 20 * MiB;

/**
 * The largest file each upload form accepts, the one place they are set: 類似団体比較 MIC files (the nationwide rosters
 * are large) MAX_IMPORT_FILE_BYTES; 職員数, 年齢構成 and 改革項目 files 10MB; a hearing workbook (ヒアリング様式) 5MB;
 * an image (公表資料, 重点推進項目) 2MB.
 */
export const MAX_UPLOAD_BYTES = { mic: MAX_IMPORT_FILE_BYTES, table: 10 * MiB, workbook: 5 * MiB, image: 2 * MiB } as const;

/** Bytes of `n` bytes written in base64 (the apply step carries the checked file back in a form field). */
export function base64Length(n: number): number {
  return Math.ceil(n / 3) * 4;
}

/** One route that takes a file: its path, its largest file and the role check it runs before any of the body is read. */
interface UploadRoute {
  path: string;
  fileBytes: number;
  /**
   * The route's own role guard (services/authorization.ts, the same call the route and the service make), given the
   * path's parameters by name (texts as sent): run by {@link limitRequestBody} before the CSRF check reads the body, so
   * a wrong role's upload is a 403 without being received (issue 14 point 2, tester t14 F7). @throws GyokakuError forbidden
   */
  authorize: (actor: Actor, params: Readonly<Record<string, string>>) => void;
}

/** A path parameter as a positive id, or undefined when it is none (the route then answers its own 400). */
function positiveId(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && /^[1-9][0-9]{0,9}$/.test(text) && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The routes that take a file (POST, paths as registered with Hono), the largest file each accepts and its role check.
 * Only these get a body the size of a file; every other signed-in form gets {@link BODY_LIMITS}.form. A route that reads
 * a file and is missing here refuses every upload with a 413 (its tests show it at once).
 */
export const UPLOAD_ROUTES: readonly UploadRoute[] = [
  { path: "/comparison/import", fileBytes: MAX_UPLOAD_BYTES.mic, authorize: (actor) => authorizeComparisonImport(actor) },
  { path: "/staffing/import", fileBytes: MAX_UPLOAD_BYTES.table, authorize: (actor) => requireAdmin(actor, "職員数ファイルを取り込む") },
  { path: "/staffing/age-profile/import", fileBytes: MAX_UPLOAD_BYTES.table, authorize: (actor) => requireAdmin(actor, "年齢構成ファイルを取り込む") },
  { path: "/reform/import", fileBytes: MAX_UPLOAD_BYTES.table, authorize: (actor) => requireAdmin(actor, "重点推進項目のファイルを取り込む") },
  {
    path: "/hearings/:round/departments/:unit/workbook",
    fileBytes: MAX_UPLOAD_BYTES.workbook,
    authorize: (actor, params) => {
      const unit = positiveId(params["unit"]);
      if (unit !== undefined) requireHearingDepartmentEditor(actor, unit);
    },
  },
  { path: "/publication/document/:year/images/:key", fileBytes: MAX_UPLOAD_BYTES.image, authorize: (actor) => requireAdmin(actor, "基本方針の図を登録する") },
  { path: "/reform/items/:id/attachments", fileBytes: MAX_UPLOAD_BYTES.image, authorize: (actor) => requireAdmin(actor, "画像を登録する") },
];

/**
 * The body limits of the kinds that are not uploads, in bytes, with the most fields (form fields or multipart parts)
 * a body may hold. A request over its limit is answered 413 while it streams in (from Content-Length before reading
 * anything, or by counting chunks), before the CSRF check or any route parses it.
 * - `anonymous`: any body without a session (only the login form has one): a few short fields.
 * - `form`: every signed-in route that is not an upload: the longest text areas of a reform item; the largest grid
 *   (headcounts or ages of every unit, each cell with its value as read) stays far under 20,000 fields.
 * - `json`: the JSON API (/api/v1).
 */
export const BODY_LIMITS = {
  anonymous: { bytes: 64 * KiB, fields: 20 },
  form: { bytes: 1 * MiB, fields: 20_000 },
  json: { bytes: 1 * MiB, fields: 0 },
} as const;

/** The fields an upload form may hold besides its file (the step, the carried file's name, year, encoding …). */
const UPLOAD_FIELDS = 50;

/** What a request may send: bytes, fields and files, and how a refusal names the limit. */
export interface BodyRule {
  kind: "anonymous" | "form" | "json" | "upload";
  bytes: number;
  /** Text fields (urlencoded or multipart). */
  fields: number;
  /** File parts (multipart parts with a filename). */
  files: number;
  /** The largest file (uploads), also the largest field's value for a file carried back in base64. */
  fileBytes: number;
  /** The Japanese refusal of a body over `bytes`. */
  tooLarge: string;
}

function sizeText(bytes: number): string {
  return bytes >= MiB ? `${Math.floor(bytes / MiB)}MB` : `${Math.floor(bytes / KiB)}KB`;
}

const uploadPatterns = UPLOAD_ROUTES.map((route) => ({
  pattern: new RegExp(`^${route.path.replace(/:([A-Za-z_]+)/g, "(?<$1>[^/]+)")}$`),
  fileBytes: route.fileBytes,
  authorize: route.authorize,
}));

/**
 * Runs the role check of the upload route `path` is (POST), before any of its body is read; nothing for other routes.
 * @throws GyokakuError forbidden, the route's own refusal
 */
export function authorizeUpload(method: string, path: string, actor: Actor): void {
  if (method !== "POST") return;
  for (const upload of uploadPatterns) {
    const match = upload.pattern.exec(path);
    if (match) return upload.authorize(actor, { ...match.groups });
  }
}

/**
 * The rule of one request, chosen by route (method and path) and whether it is signed in, never by the Content-Type the
 * client declares: without a session `anonymous`; a POST to an {@link UPLOAD_ROUTES} path `upload` (the file, or the
 * same file carried back in base64, plus 64KB of other fields); under /api/ `json`; any other `form`.
 */
export function bodyRuleOf(method: string, path: string, signedIn: boolean): BodyRule {
  const plain = (kind: keyof typeof BODY_LIMITS): BodyRule => ({
    kind,
    bytes: BODY_LIMITS[kind].bytes,
    fields: BODY_LIMITS[kind].fields,
    files: 0,
    fileBytes: 0,
    tooLarge: `送信された内容が大きすぎます (${sizeText(BODY_LIMITS[kind].bytes)}まで)`,
  });
  if (!signedIn) return plain("anonymous");
  const upload = method === "POST" ? uploadPatterns.find((u) => u.pattern.test(path)) : undefined;
  if (upload) {
    return {
      kind: "upload",
      bytes: base64Length(upload.fileBytes) + 64 * KiB,
      fields: UPLOAD_FIELDS,
      files: 1,
      fileBytes: upload.fileBytes,
      tooLarge: `ファイルが大きすぎます (${sizeText(upload.fileBytes)}まで)`,
    };
  }
  if (path.startsWith("/api/")) return plain("json");
  return plain("form");
}

/** The 413 of a body over its rule's limit (bytes, fields or files), in Japanese. */
export function tooLargeError(rule: BodyRule, what: "bytes" | "fields" | "files"): GyokakuError {
  const message =
    what === "fields" ? `送信された項目が多すぎます (${rule.fields.toLocaleString("en-US")}項目まで)` : what === "files" ? (rule.files === 0 ? "この画面にはファイルを送れません" : `ファイルは${rule.files}つまでです`) : rule.tooLarge;
  return new GyokakuError("too_large", message, { limitBytes: rule.bytes, kind: rule.kind });
}

function isForm(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

/** The body as a stream that fails with the rule's 413 once more than its bytes have come, holding nothing itself. */
function countedStream(body: ReadableStream<Uint8Array>, rule: BodyRule): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.length;
        if (size > rule.bytes) controller.error(tooLargeError(rule, "bytes"));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Enforces the request's {@link bodyRuleOf} byte limit and keeps the rule for the form reader (fields, files); runs
 * after the session is known and before anything reads the body (CSRF included). A signed-in upload's role is checked
 * first ({@link authorizeUpload}): a viewer's file is refused (403) unread. With a Content-Length the answer
 * comes from the header alone. Without one (chunked), a form body is counted as the form reader takes it (nothing is
 * held here: Hono's bodyLimit would buffer the whole body first); any other body (JSON) is read here up to the JSON
 * limit, which is small.
 */
export const limitRequestBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const session = c.get("session");
  const rule = bodyRuleOf(c.req.method, c.req.path, session !== null);
  c.set("bodyRule", rule);
  // An upload's role before anything of it is read (the route and the service check it again, in full).
  if (session && rule.kind === "upload") authorizeUpload(c.req.method, c.req.path, session.actor);
  const headers = c.req.raw.headers;
  if (headers.has("content-length") && !headers.has("transfer-encoding")) {
    if (Number.parseInt(headers.get("content-length") ?? "0", 10) > rule.bytes) throw tooLargeError(rule, "bytes");
    return next();
  }
  const body = c.req.raw.body;
  if (!body) return next();
  if (isForm(headers.get("content-type") ?? "")) {
    c.req.raw = new Request(c.req.raw, { body: countedStream(body, rule), duplex: "half" } as RequestInit);
    return next();
  }
  // Never the size of a file: only a form carries one.
  const limit = rule.kind === "upload" ? { ...rule, bytes: BODY_LIMITS.json.bytes, tooLarge: `送信された内容が大きすぎます (${sizeText(BODY_LIMITS.json.bytes)}まで)` } : rule;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit.bytes) throw tooLargeError(limit, "bytes");
    chunks.push(value);
  }
  c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
  return next();
};
