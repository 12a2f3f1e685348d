import busboy from "busboy";
import type { Context } from "hono";
import { GyokakuError } from "../domain/errors.js";
import { type BodyRule, tooLargeError } from "./body-limit.js";
import type { AppEnv } from "./env.js";

/** How the form reader checks the CSRF token as soon as the `_csrf` field arrives (security.ts). */
export interface EarlyTokenCheck {
  /** True when the posted token is the expected one. */
  matches(given: string): boolean;
  /** The refusal (a 403) of a wrong token, or of a file part sent before any token. */
  refused(): GyokakuError;
}

/**
 * A form body (multipart/form-data or application/x-www-form-urlencoded) read as it streams in (busboy), chunk by
 * chunk between other requests, instead of buffered whole and parsed in one synchronous stretch (Request.formData:
 * copies of the whole body, a utf-8 decode of every part and the garbage of both, 150–400 ms for a 5.8MB upload or an
 * 11MB base64 field with every other user waiting; issue 14). Gives the same FormData the route would have got: text
 * fields as strings (utf-8), parts with a filename as Files (name in utf-8, as browsers send it).
 * - `rule` (body-limit.ts): more text fields or file parts than it allows, a field value or file over its size, is a
 *   413 `too_large` as soon as it is seen; reading stops there (the tester's 539,215 empty fields: refused at the
 *   first one over the limit).
 * - `token`: a `_csrf` field that does not match stops reading with its 403 at once; in a multipart body the token
 *   must come before the first file part (our forms put it first), so no file is read for a forged request.
 * Errors: a body that is not of the type and boundary it declares is a 400 `invalid_input`.
 */
export async function streamFormData(body: ReadableStream<Uint8Array>, contentType: string, options: { rule?: BodyRule; token?: EarlyTokenCheck } = {}): Promise<FormData> {
  const form = new FormData();
  const rule = options.rule;
  const token = options.token;
  const valueLimit = rule ? Math.max(rule.bytes, 1) : Infinity;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        fieldSize: valueLimit,
        fileSize: rule ? rule.fileBytes : Infinity,
        fieldNameSize: 200,
        ...(rule ? { fields: rule.fields, files: rule.files, parts: rule.fields + rule.files } : {}),
      },
    });
  } catch {
    throw unreadable();
  }
  let failure: GyokakuError | undefined;
  let rejectDone: (error: GyokakuError) => void = () => undefined;
  const fail = (error: GyokakuError) => {
    if (failure) return;
    failure = error;
    rejectDone(error);
  };
  let tokenSeen = false;
  const done = new Promise<void>((resolve, reject) => {
    rejectDone = reject;
    parser.on("field", (name, value, info) => {
      if (failure) return;
      if (info.valueTruncated && rule) return fail(tooLargeError(rule, "bytes"));
      if (name === "_csrf" && token) {
        if (!token.matches(value)) return fail(token.refused());
        tokenSeen = true;
      }
      form.append(name, value);
    });
    parser.on("file", (name, stream, info) => {
      stream.on("error", () => undefined);
      if (failure) return void stream.resume();
      // A part without a filename (busboy makes a part of type application/octet-stream a file even so): a file
      // input left empty (filename="") or a text part; either way a text field, so "no file chosen" reads as blank.
      if (token && !tokenSeen && info.filename !== undefined) {
        stream.resume();
        return fail(token.refused());
      }
      const chunks: Buffer[] = [];
      // A body cut off (or abandoned after a refusal) ends the part with an error: the request's error is the refusal.
      stream.on("error", () => fail(unreadable()));
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        if (rule) fail(tooLargeError(rule, "bytes"));
      });
      stream.on("end", () => {
        if (failure) return;
        if (info.filename === undefined) form.append(name, Buffer.concat(chunks).toString("utf8"));
        else form.append(name, new File(chunks, info.filename, info.mimeType ? { type: info.mimeType } : {}));
      });
    });
    if (rule) {
      parser.on("fieldsLimit", () => fail(tooLargeError(rule, "fields")));
      parser.on("partsLimit", () => fail(tooLargeError(rule, "fields")));
      parser.on("filesLimit", () => fail(tooLargeError(rule, "files")));
    }
    parser.on("close", resolve);
    parser.on("error", () => fail(unreadable()));
  });
  // Keep the rejection observed while the body is still being written.
  done.catch(() => undefined);
  const reader = body.getReader();
  try {
    while (!failure) {
      const { done: finished, value } = await reader.read();
      if (finished) break;
      // Wait for busboy to take the chunk (or to fail: then `done` rejects and so does this).
      if (!parser.write(value) && !failure) await Promise.race([new Promise<void>((resolve) => parser.once("drain", () => resolve())), done]);
    }
  } catch (error) {
    parser.destroy();
    throw error instanceof GyokakuError ? error : (failure ?? unreadable());
  }
  if (failure) {
    // Nothing more of this body is read: the answer goes out now, and the server discards the rest.
    parser.destroy();
    reader.releaseLock();
    throw failure;
  }
  parser.end();
  await done;
  return form;
}

function unreadable(): GyokakuError {
  return new GyokakuError("invalid_input", "送信された内容を読み取れませんでした。画面を再読み込みしてからもう一度送信してください");
}

/** The form types read by {@link readFormBody}. */
export function isFormType(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

/**
 * For a form request (multipart or urlencoded), parses the body with {@link streamFormData} under the request's body
 * rule and hands the result to Hono's body cache, so `c.req.parseBody()` (the rest of the CSRF check and the route)
 * gets it without parsing again. Called by the CSRF check (security.ts) after the byte limit (which answers 413
 * before anything is read). Errors: those of streamFormData.
 */
export async function readFormBody(c: Context<AppEnv>, token: EarlyTokenCheck | undefined): Promise<void> {
  // The type first: reading `c.req.raw.body` makes @hono/node-server build a whole fetch Request (with its
  // AbortController), which was a sixth of a cached page view's time.
  const type = c.req.header("content-type") ?? "";
  if (!isFormType(type)) return;
  const body = c.req.raw.body;
  if (!body) return;
  const parsed = streamFormData(body, type, { rule: c.get("bodyRule"), ...(token ? { token } : {}) });
  parsed.catch(() => undefined);
  (c.req.bodyCache as { formData?: Promise<FormData> }).formData = parsed;
  await parsed;
}
