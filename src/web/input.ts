/**
 * The edge: every path parameter, query parameter and form/API field is parsed here with zod before a service
 * sees it. A malformed value is a 400 with a Japanese message naming the field, never a 500 and never a value
 * the database would refuse (limits in src/domain/input-limits.ts).
 *
 * Routes: `const { id } = pathParams(c, { id: idParam("組織") })`,
 *         `const { page } = queryParams(c, { page: pageParam() })`,
 *         `const form = parseInput(z.object({ name: textField("組織名", TEXT_LIMITS.name) }), body)`.
 */
import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";
import { parseFiscalYear } from "../domain/era.js";
import { GyokakuError, isGyokakuError } from "../domain/errors.js";
import { MAX_STORED_INTEGER, TEXT_LIMITS, textProblem } from "../domain/input-limits.js";
import { parseTypedCount } from "../domain/typed-count.js";
import type { TextEncodingName } from "../io/text-encoding.js";
import type { AppEnv } from "./env.js";
import { fieldLabel } from "./field-labels.js";

/** Parses `data` with `schema`; the first problems (with the field's label in each message) become one 400. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => i.message);
  throw new GyokakuError("invalid_input", problems.slice(0, 3).join(" / "), { problems });
}

/** The `title` (the field's Japanese name) given with .meta() to the field of `schema` at `path`, or to the nearest field above it. */
function titleAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let title: string | undefined;
  let current: z.ZodType | undefined = schema;
  const visit = (s: z.ZodType): z.ZodType => {
    let inner = s;
    for (;;) {
      const own = inner.meta()?.title;
      if (typeof own === "string") title = own;
      if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
      else if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
      else return inner;
    }
  };
  for (const key of path) {
    if (!current) break;
    const inner = visit(current);
    if (inner instanceof z.ZodObject && typeof key === "string") current = inner.shape[key] as z.ZodType | undefined;
    else if (inner instanceof z.ZodArray) current = inner.element as z.ZodType;
    else current = undefined;
  }
  if (current) visit(current);
  return title;
}

/**
 * Parses a JSON API request's path parameters, query or body with `schema` (web/routes/api-contract.ts). A refusal is
 * one 400 whose message names each field by its JSON path and its Japanese title (.meta({ title })), the title put
 * before zod's own (Japanese) wording when our message does not already say it; details.problems has every problem
 * with its `field` (the path), so an API client can point at each.
 */
export function parseApiInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    const title = titleAt(schema, issue.path);
    const message = title && !issue.message.includes(title) ? `${title}: ${issue.message}` : issue.message;
    return { field, message: field === "" ? message : `${field}: ${message}` };
  });
  const more = problems.length > 3 ? ` ほか${problems.length - 3}件` : "";
  throw new GyokakuError("invalid_input", `入力が不正です: ${problems.slice(0, 3).map((p) => p.message).join(" / ")}${more}`, { problems });
}

/** A text field of at most `max` characters without control characters (NUL…); absent is "". Trimmed unless asked not to. */
export function textField(label: string, max: number, options: { trim?: boolean; required?: boolean } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const raw = typeof value === "string" ? value : value === undefined || value === null ? "" : null;
      if (raw === null) {
        ctx.addIssue({ code: "custom", message: `${label}は文字で入力してください` });
        return z.NEVER;
      }
      const text = options.trim === false ? raw : raw.trim();
      const problem = textProblem(label, text, max);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      else if (options.required && text === "") ctx.addIssue({ code: "custom", message: `${label}を入力してください` });
      return text;
    });
}

/** A whole number typed in a form (full-width digits and thousands separators allowed) or given in JSON, from `min` to 2,147,483,647: domain/typed-count.ts parseTypedCount. */
export function wholeNumberField(label: string, options: { min?: number; max?: number } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const read = parseTypedCount(value ?? "", label, options);
      if (read.ok && read.value !== null) return read.value;
      ctx.addIssue({ code: "custom", message: read.ok ? `${label}を入力してください` : read.message });
      return z.NEVER;
    });
}

/**
 * An integer as typed in a query or form ("2025", full-width digits, a sign), ±2,147,483,647; blank or absent is
 * undefined (the caller's default). Documented in JSON Schema as an integer, with `doc` (the API's description).
 */
export function integerText(label: string, doc: { description?: string; default?: number } = {}) {
  return z
    .string()
    .optional()
    // On the text, not on the transform: zod leaves a transform's default out of the input's JSON Schema.
    .meta({ type: "integer", title: label, ...doc })
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return undefined;
      const text = value.normalize("NFKC").trim();
      const n = /^[+-]?\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isInteger(n) && Math.abs(n) <= MAX_STORED_INTEGER) return n;
      ctx.addIssue({ code: "custom", message: `${label}は整数で指定してください: 「${value.slice(0, 40)}」` });
      return z.NEVER;
    });
}

/** A number of 0 or more as typed ("2.5", "10%", "1,234", full-width digits); blank or absent is undefined. */
export function nonNegativeNumberText(label: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return undefined;
      const text = raw.normalize("NFKC").replace(/[,\s%]/g, "");
      if (/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
      ctx.addIssue({ code: "custom", message: `${label}は0以上の数で入力してください: 「${raw}」` });
      return z.NEVER;
    });
}

/** nonNegativeNumberText that must be filled in (「…を入力してください」). */
export function requiredNonNegativeNumber(label: string) {
  return nonNegativeNumberText(label).transform((n, ctx) => {
    if (n !== undefined) return n;
    ctx.addIssue({ code: "custom", message: `${label}を入力してください` });
    return z.NEVER;
  });
}

/** A record id in a path or query (1 to 2,147,483,647). */
export function idParam(label: string) {
  return z.string({ error: notGiven(label) }).transform((value, ctx) => {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > MAX_STORED_INTEGER) {
      ctx.addIssue({ code: "custom", message: `${label}の番号が正しくありません: 「${value.slice(0, 40)}」` });
      return z.NEVER;
    }
    return Number(value);
  });
}

/**
 * The refusal of a parameter that is not one text (absent, a file, posted twice), naming it in Japanese: zod's own
 * wording (「stringが期待されましたが、undefinedが入力されました」) never reaches a user.
 */
function notGiven(label: string): () => string {
  return () => `${label}を指定してください`;
}

/** A fiscal year (西暦, four digits) in a path, e.g. /publication/2025/approval. */
export function yearPathParam(label = "年度") {
  return z.string({ error: notGiven(label) }).transform((value, ctx) => {
    if (/^\d{4}$/.test(value)) return Number(value);
    ctx.addIssue({ code: "custom", message: `${label}が不正です: ${value.slice(0, 40)}` });
    return z.NEVER;
  });
}

/** ?page= : 1 when absent or blank, otherwise a whole number from 1 to 100,000. */
export function pageParam(label = "ページ") {
  return z
    .string({ error: notGiven(label) })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return 1;
      const text = value.normalize("NFKC").trim();
      if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > 100_000) {
        ctx.addIssue({ code: "custom", message: `${label}は1から100,000までの整数で指定してください: 「${value.slice(0, 40)}」` });
        return z.NEVER;
      }
      return Number(text);
    });
}

/** A fiscal year typed as 令和7年度, R7, 2025… (1868–2200). */
export function fiscalYearParam(label = "年度") {
  return z.string({ error: notGiven(label) }).transform((value, ctx) => {
    try {
      const year = parseFiscalYear(value.slice(0, 40));
      if (year < 1868 || year > 2200) throw new GyokakuError("invalid_input", `1868年度から2200年度までで指定してください: 「${value.slice(0, 40)}」`);
      return year;
    } catch (error) {
      // parseFiscalYear refuses an unreadable label with invalid_input; anything else is a bug and stays one.
      if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
      ctx.addIssue({ code: "custom", message: `${label}: ${error.message}` });
      return z.NEVER;
    }
  });
}

/** One of a fixed set of words (e.g. ?layout=table|long). */
export function choiceParam<const T extends readonly [string, ...string[]]>(label: string, choices: T) {
  return z.string({ error: notGiven(label) }).transform((value, ctx) => {
    if (!(choices as readonly string[]).includes(value)) {
      ctx.addIssue({ code: "custom", message: `${label}「${value.slice(0, 40)}」は指定できません (${choices.join(" / ")})` });
      return z.NEVER;
    }
    return value as T[number];
  });
}

/**
 * Parses `value` with `schema` inside another schema's transform (a field whose name or presence depends on fields
 * read before it, e.g. one row of a table), adding its problems to `ctx`: the value, or undefined when refused.
 */
export function parseWithin<S extends z.ZodType>(schema: S, value: unknown, ctx: z.core.$RefinementCtx): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return undefined;
}

type Shape = Record<string, z.ZodType>;
type Parsed<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/** The route's path parameters, each parsed by its schema; any malformed one is a 400. */
export function pathParams<S extends Shape>(c: Context<AppEnv>, shape: S): Parsed<S> {
  return parseInput(z.object(shape), c.req.param()) as Parsed<S>;
}

/** The query parameters named in `shape` (others are ignored), each parsed by its schema; any malformed one is a 400. */
export function queryParams<S extends Shape>(c: Context<AppEnv>, shape: S): Parsed<S> {
  return parseInput(z.object(shape), c.req.query()) as Parsed<S>;
}

function guardText(label: string, value: string, max: number, options: { formatCharacters?: boolean } = {}): void {
  const problem = textProblem(label, value, max, options);
  if (problem) throw new GyokakuError("invalid_input", problem);
}

function guardJson(value: unknown, path: string, depth: number): void {
  if (depth > 32) throw new GyokakuError("invalid_input", "JSONの入れ子が深すぎます");
  if (typeof value === "string") guardText(`「${path}」`, value, TEXT_LIMITS.any);
  else if (typeof value === "number" && !Number.isFinite(value)) throw new GyokakuError("invalid_input", `「${path}」の数が正しくありません`);
  else if (Array.isArray(value)) value.forEach((v, i) => guardJson(v, `${path}[${i}]`, depth + 1));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) guardJson(v, path === "" ? k : `${path}.${k}`, depth + 1);
}

/**
 * The floor under every route's own checks: no query value, form field or JSON string holds a control character
 * (NUL…) or more than 20,000 characters, and no query value or JSON string an invisible format character (U+202E…;
 * a form's fields are checked for those by the route's schema, naming the field); a route's schema bounds its fields
 * further. Runs after the CSRF check.
 */
export const guardInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Named in Japanese (field-labels.ts), never by the field's HTML name.
  for (const [name, values] of Object.entries(c.req.queries())) {
    guardText("「項目名」", name, 200);
    for (const v of values) guardText(fieldLabel(name), v, TEXT_LIMITS.any);
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      const body = await c.req.parseBody({ all: true });
      for (const [name, value] of Object.entries(body)) {
        guardText("「項目名」", name, 200);
        for (const v of Array.isArray(value) ? value : [value]) {
          // A carried import file (base64) is bounded by the upload limit, not the text limit.
          // Format characters (U+202E…) are refused by the route's schema (textField, formText, validateNarrative), whose
          // message names the field in Japanese rather than by the form's name; publishing refuses any that got through.
          if (typeof v === "string" && name !== "data") guardText(fieldLabel(name), v, TEXT_LIMITS.any, { formatCharacters: false });
        }
      }
    } else if (type.startsWith("application/json")) {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw new GyokakuError("invalid_input", "JSONとして読めません");
      }
      guardJson(json, "", 0);
    }
  }
  await next();
};

/**
 * The action a form's button posted: one of `choices`. Anything else — a forged value, none, or several — is a 400
 * with `refusal(typed)` (the typed value cut to 40 characters), so an unknown action never reaches a service.
 */
export function actionField<const T extends readonly [string, ...string[]]>(choices: T, refusal: (typed: string) => string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T[number];
      ctx.addIssue({ code: "custom", message: refusal(typeof value === "string" ? value.slice(0, 40) : "") });
      return z.NEVER;
    });
}

/**
 * A free text posted as typed (not trimmed: the service trims and checks its own limits); absent is "". Anything but
 * one text (a file, the field posted twice) is a 400 naming `label`; the floor of guardInput bounds the length.
 */
export function formText(label: string) {
  return textField(label, TEXT_LIMITS.any, { trim: false });
}

/**
 * The text encoding chosen on an upload form or an export's ?encoding=: auto (blank too), utf-8 or shift_jis; with
 * the refusal of anything else, 「文字コード「…」には対応していません (utf-8 / shift_jis)」. The one rule for
 * encodingField (forms) and request.ts encodingParam (queries). Never throws.
 */
export function readEncodingChoice(text: string): { ok: true; value: TextEncodingName | "auto" } | { ok: false; message: string } {
  if (text === "" || text === "auto") return { ok: true, value: "auto" };
  if (text === "utf-8" || text === "shift_jis") return { ok: true, value: text };
  return { ok: false, message: `文字コード「${text}」には対応していません (utf-8 / shift_jis)` };
}

/**
 * Which step a two-step form's button asked for: 「apply」 (取り込む, 保存する) or, for anything else (absent, the
 * preview button, a forged value), 「preview」, which writes nothing. Never refuses.
 */
export function applyOrPreview() {
  return z
    .unknown()
    .optional()
    .transform((step): "apply" | "preview" => (step === "apply" ? "apply" : "preview"));
}

/** The encoding field of an upload form (readEncodingChoice); anything else is a 400 naming the text. */
export function encodingField() {
  return textField("文字コード", 40).transform((text, ctx): TextEncodingName | "auto" => {
    const choice = readEncodingChoice(text);
    if (choice.ok) return choice.value;
    ctx.addIssue({ code: "custom", message: choice.message });
    return z.NEVER;
  });
}

/** A check box posted as "1": true when ticked. */
export function checkBox() {
  return z
    .unknown()
    .optional()
    .transform((value) => value === "1");
}

/**
 * The version (版) a form was drawn from, posted back in a hidden field: an integer. Blank or absent is `missing`
 * when given (a 400 with that message, e.g. 「画面を再読み込みしてください」), otherwise 0 (the service then
 * refuses it as stale). Malformed or posted twice is a 400 naming `label`.
 */
export function versionField(label: string, missing?: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const read = typeof value === "string" || value === undefined ? integerText(label).safeParse(value) : null;
      if (read?.success && read.data !== undefined) return read.data;
      if (read?.success && missing === undefined) return 0;
      ctx.addIssue({ code: "custom", message: read?.success ? (missing ?? "") : (read?.error.issues[0]?.message ?? `${label}は整数で指定してください`) });
      return z.NEVER;
    });
}
