/**
 * The JSON API's contract, one entry per /api/v1 route: its method and path as registered, its summary, the zod
 * schemas its path parameters, query and body are parsed with (routes/api.ts reads them from here), and the zod
 * schemas of what it answers (kept beside the presenters in services/). /api/v1/openapi.json is generated from this
 * table (routes/openapi.ts), so the document cannot say something the code does not do.
 */
import { z } from "zod";
import { MAX_STORED_INTEGER } from "../../domain/input-limits.js";
import { CATEGORY_KEYS, categoryLabel, type HeadcountCategory } from "../../domain/headcount.js";
import { ApiComplianceSchema, ApiHeadcountSchema, ApiMeSchema, ApiQuotaSchema, ApiUnitSchema, COUNT_DESCRIPTIONS, COUNTS_DESCRIPTION } from "../../services/api-views.js";
import { PresentedNotificationSchema } from "../../services/notifications.js";
import { PresentedUserSchema } from "../../services/user-presenter.js";
import { idParam, integerText } from "../input.js";

const LIMIT = MAX_STORED_INTEGER.toLocaleString("ja-JP");

// ---- path and query parameters: strings in the URL, documented as the integers they must spell ----

/** A required integer in the path ("2025"; full-width digits too), ±2,147,483,647 (input.ts integerText). */
function integerParam(label: string, description: string) {
  return integerText(label, { description }).transform((n, ctx) => {
    if (n !== undefined) return n;
    ctx.addIssue({ code: "custom", message: `${label}を指定してください` });
    return z.NEVER;
  });
}

/** An optional integer in the query: `fallback` when absent or blank. */
function optionalIntegerParam<F extends number | null>(label: string, description: string, fallback: F) {
  return integerText(label, { description, ...(fallback === null ? {} : { default: fallback }) }).transform((n): number | F => n ?? fallback);
}

// ---- request bodies ----

/** An integer in a JSON body from `min` to 2,147,483,647, every refusal worded with the field's name. */
function bodyInteger(label: string, min: number) {
  const message = `${label}は${min}以上の整数で指定してください`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(MAX_STORED_INTEGER, { error: `${label}が大きすぎます。${LIMIT}以下にしてください` });
}

/** One category's figure as sent: a whole number of people, or null / absent for "not recorded". */
const sentCount = (key: HeadcountCategory) => bodyInteger(categoryLabel(key), 0).nullable().optional().meta({ title: categoryLabel(key), description: COUNT_DESCRIPTIONS[key] });
const countsShape = () => Object.fromEntries(CATEGORY_KEYS.map((key) => [key, sentCount(key)])) as Record<HeadcountCategory, ReturnType<typeof sentCount>>;

/** The refusal of a row without `expected`: no write without the values it was based on (no blind overwrite). */
const EXPECTED_REQUIRED = "読み込んだときの値(expected)がありません。GET /api/v1/headcounts で読んだ counts を expected に入れて送ってください(記録がなければ {})。読まずに上書きすることはできません";

/**
 * PUT /api/v1/headcounts/:year: the figures of several units of one fiscal year, all or nothing. Every row carries
 * `expected`, the values it was read with: only categories that differ from them are written, and one changed by
 * someone else since is a 409 with both values (services/staffing.ts saveHeadcounts).
 */
export const HeadcountPutBody = z.object({
  rows: z
    .array(
      z
        .object({
          unitId: bodyInteger("組織ID", 1).meta({ title: "組織ID" }),
          counts: z.object(countsShape()).strict().meta({ title: "送る値", description: COUNTS_DESCRIPTION }),
          expected: z
            .object(countsShape(), { error: EXPECTED_REQUIRED })
            .strict()
            .meta({
              title: "読み込んだときの値",
              description:
                "必須。読み込んだときの値 (GET /headcounts の counts、記録なしは {})。これと違う区分だけを書き、読み込んだ後に他の人が変えた区分は 409 (読み込んだ値・現在の値・送った値)。読まずに上書きする書き込みは受け付けない",
            }),
        })
        .meta({ title: "行" }),
    )
    .min(1, { error: "行(rows)を1つ以上指定してください" })
    .meta({ title: "行" }),
  confirm: z
    .boolean({ error: "確認済み(confirm)は true か false で指定してください" })
    .optional()
    .meta({ title: "確認済み", description: "前年度から大きく変わる値(422 confirmation_required で示された警告)を確認済みとして保存する" }),
});

// ---- answers ----

/** Every error answer: { error: { code, message, … } } (web/app.tsx onError; the 409 of PUT /headcounts/:year). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe("invalid_input, unauthenticated, forbidden, not_found, conflict, confirmation_required, too_large, internal …"),
    message: z.string().describe("日本語のメッセージ (項目・組織を名指しする)"),
    problems: z
      .array(
        z.object({
          message: z.string(),
          field: z.string().optional().describe("入力の項目 (JSON のパス、例 rows.0.counts.staff)"),
          unitId: z.number().int().optional(),
          unitName: z.string().optional(),
        }),
      )
      .optional()
      .describe("問題ごとの一覧 (メッセージは最初の数件だけを示す)"),
    warnings: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), message: z.string() })).optional().describe("確認が必要な警告 (422)"),
    conflicts: z
      .array(
        z.object({
          unitId: z.number().int(),
          unitName: z.string(),
          category: z.enum(CATEGORY_KEYS as [HeadcountCategory, ...HeadcountCategory[]]),
          label: z.string(),
          read: z.number().int().optional().describe("読み込んだ値 (なしは未記録)"),
          current: z.number().int().optional().describe("現在の値"),
          yours: z.number().int().optional().describe("送った値"),
        }),
      )
      .optional()
      .describe("読み込んだ後に他の人が変更した区分 (409)"),
  }),
});

/** An answer of a route: its description and, when it has a body, the schema of that body. */
export interface ApiAnswer {
  description: string;
  schema?: z.ZodType;
}

/** One route of the JSON API. */
export interface ApiRoute {
  method: "GET" | "PUT";
  /** As registered in Hono (":year"), under /api/v1. */
  path: `/api/v1/${string}`;
  summary: string;
  /** Answered without a session (the document itself). */
  public?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Partial<Record<"200" | "401" | "403" | "404" | "409" | "422", ApiAnswer>>;
}

const error = (description = "エラー"): ApiAnswer => ({ description, schema: ApiErrorSchema });

/** Every /api/v1 route, in the order the document lists them. */
export const API = {
  openapi: {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "この API の OpenAPI 3.1 文書 (ログイン不要)",
    public: true,
    responses: { "200": { description: "OpenAPI 3.1 文書" } },
  },
  me: {
    method: "GET",
    path: "/api/v1/me",
    summary: "ログイン中のユーザー",
    responses: { "200": { description: "ユーザーと団体", schema: ApiMeSchema }, "401": error() },
  },
  users: {
    method: "GET",
    path: "/api/v1/users",
    summary: "ユーザーの一覧 (管理者のみ。役割・担当組織・無効・最終ログイン。パスワードは含まない)",
    responses: { "200": { description: "ユーザーの一覧", schema: z.object({ users: z.array(PresentedUserSchema) }) }, "401": error(), "403": error() },
  },
  user: {
    method: "GET",
    path: "/api/v1/users/:id",
    summary: "ユーザー1件 (管理者のみ)",
    params: z.object({ id: idParam("ユーザー").meta({ type: "integer", minimum: 1, title: "ユーザー" }) }),
    responses: { "200": { description: "ユーザー", schema: PresentedUserSchema }, "401": error(), "403": error(), "404": error() },
  },
  units: {
    method: "GET",
    path: "/api/v1/units",
    summary: "組織の一覧 (存続期間・部門つき)",
    responses: { "200": { description: "組織", schema: z.object({ units: z.array(ApiUnitSchema) }) }, "401": error() },
  },
  quotas: {
    method: "GET",
    path: "/api/v1/quotas",
    summary: "条例定数 (有効年度つき)",
    responses: { "200": { description: "定数", schema: z.object({ quotas: z.array(ApiQuotaSchema) }) }, "401": error() },
  },
  headcounts: {
    method: "GET",
    path: "/api/v1/headcounts",
    summary: "職員数 (組織×年度)",
    query: z.object({
      from: optionalIntegerParam("最初の年度", "最初の年度 (西暦)", 1868),
      to: optionalIntegerParam("最後の年度", "最後の年度 (西暦)", 9999),
    }),
    responses: { "200": { description: "記録された職員数", schema: z.object({ headcounts: z.array(ApiHeadcountSchema) }) }, "401": error() },
  },
  putHeadcounts: {
    method: "PUT",
    path: "/api/v1/headcounts/:year",
    summary: "ある年度の職員数を保存 (全件成功か、何も書かないか)",
    params: z.object({ year: integerParam("年度", "年度 (西暦)") }),
    body: HeadcountPutBody,
    responses: {
      "200": { description: "変更した行の数", schema: z.object({ changed: z.number().int().describe("変更した行の数") }) },
      "401": error(),
      "403": error(),
      "404": error("指定された組織がない"),
      "409": error("読み込んだ後に他の人が変更した区分 (conflicts: 読み込んだ値・現在の値・送った値)"),
      "422": error("前年度から大きく変わる値があり、確認が必要 (error.warnings に一覧; confirm: true で再送)"),
    },
  },
  compliance: {
    method: "GET",
    path: "/api/v1/compliance",
    summary: "条例定数と上限に対する職員数の判定",
    query: z.object({ year: optionalIntegerParam("年度", "年度 (省略時は記録のある最新年度)", null) }),
    responses: { "200": { description: "判定", schema: ApiComplianceSchema }, "401": error() },
  },
  notifications: {
    method: "GET",
    path: "/api/v1/notifications",
    summary: "お知らせ (新しい順) と未読の数",
    responses: {
      "200": { description: "お知らせ", schema: z.object({ unread: z.number().int().describe("未読の数"), notifications: z.array(PresentedNotificationSchema) }) },
      "401": error(),
    },
  },
} as const satisfies Record<string, ApiRoute>;
