/** OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Kept beside the routes it describes. */
const counts = {
  type: "object",
  description: "未記録の区分は省略 (0 とは区別する)",
  properties: {
    staff: { type: "integer", minimum: 0, description: "職員数 (派遣・休職・休業を含み、育児休業代替任期付職員を含まない)" },
    seconded: { type: "integer", minimum: 0, description: "うち派遣職員 (定数外)" },
    fixedTerm: { type: "integer", minimum: 0, description: "うち特定任期付・再任用フルタイム勤務職員" },
    onLeave: { type: "integer", minimum: 0, description: "うち休職・休業 (定数外)" },
    childcareSubstitutes: { type: "integer", minimum: 0, description: "育児休業代替任期付職員 (職員数の外数、定数内)" },
  },
} as const;

const compliance = {
  type: ["object", "null"],
  properties: {
    counted: { type: "integer", description: "定数内の職員数 (一般職(定数合計))" },
    quota: { type: "integer", description: "条例定数" },
    cap: { type: "integer", description: "上限 = floor(定数 × (1 + 許容率))" },
    overQuota: { type: "integer" },
    overCap: { type: "integer" },
    status: { type: "string", enum: ["within_quota", "within_cap", "over_cap"] },
  },
} as const;

const error = {
  description: "エラー",
  content: {
    "application/json": {
      schema: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } } },
    },
  },
} as const;

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "gyokaku API",
    version: "1",
    description: "行政改革・定数管理 gyokaku の JSON API。ログインしたセッションの団体のデータだけを扱う。書き込みには X-CSRF-Token ヘッダー(セッションのトークン)が必要。",
  },
  servers: [{ url: "/api/v1" }],
  components: {
    securitySchemes: { session: { type: "apiKey", in: "cookie", name: "gyokaku_session" } },
  },
  security: [{ session: [] }],
  paths: {
    "/me": {
      get: { summary: "ログイン中のユーザー", responses: { "200": { description: "ユーザーと団体" }, "401": error } },
    },
    "/users": {
      get: {
        summary: "ユーザーの一覧 (管理者のみ。役割・担当組織・無効・最終ログイン。パスワードは含まない)",
        responses: { "200": { description: "{ users: [{ id, username, displayName, role, roleLabel, units, disabled, lastLoginAt, createdAt }] }" }, "401": error, "403": error },
      },
    },
    "/users/{id}": {
      get: { summary: "ユーザー1件 (管理者のみ)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }], responses: { "200": { description: "ユーザー" }, "401": error, "403": error, "404": error } },
    },
    "/units": {
      get: {
        summary: "組織の一覧 (存続期間・部門つき)",
        responses: {
          "200": {
            description: "組織",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    units: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          id: { type: "integer" },
                          code: { type: "string" },
                          name: { type: "string" },
                          kind: { type: "string", enum: ["special", "group", "authority", "department", "division"] },
                          parentId: { type: ["integer", "null"] },
                          validFrom: { type: ["integer", "null"], description: "最初の年度" },
                          validTo: { type: ["integer", "null"], description: "最後の年度" },
                          sector: { type: ["object", "null"], properties: { code: { type: "string" }, name: { type: "string" } } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "401": error,
        },
      },
    },
    "/quotas": {
      get: { summary: "条例定数 (有効年度つき)", responses: { "200": { description: "定数" }, "401": error } },
    },
    "/headcounts": {
      get: {
        summary: "職員数 (組織×年度)",
        parameters: [
          { name: "from", in: "query", schema: { type: "integer" }, description: "最初の年度 (西暦)" },
          { name: "to", in: "query", schema: { type: "integer" }, description: "最後の年度 (西暦)" },
        ],
        responses: {
          "200": {
            description: "記録された職員数",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    headcounts: { type: "array", items: { type: "object", properties: { unitId: { type: "integer" }, fiscalYear: { type: "integer" }, counts } } },
                  },
                },
              },
            },
          },
          "401": error,
        },
      },
    },
    "/headcounts/{year}": {
      put: {
        summary: "ある年度の職員数を保存 (全件成功か、何も書かないか)",
        parameters: [
          { name: "year", in: "path", required: true, schema: { type: "integer" } },
          { name: "X-CSRF-Token", in: "header", required: true, schema: { type: "string" } },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["rows"],
                properties: {
                  rows: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["unitId", "counts", "expected"],
                      properties: {
                        unitId: { type: "integer" },
                        counts,
                        expected: { ...counts, description: "読み込んだときの値 (GET /headcounts の counts、記録なしは {})。これと違う区分だけを書き、読み込んだ後に他の人が変えた区分は 409" },
                      },
                    },
                  },
                  confirm: { type: "boolean", description: "前年度から大きく変わる値(422 confirmation_required で示された警告)を確認済みとして保存する" },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "変更した行の数" },
          "400": error,
          "401": error,
          "403": error,
          "409": { description: "読み込んだ後に他の人が変更した区分 (conflicts: 読み込んだ値・現在の値・送った値)" },
          "422": { ...error, description: "前年度から大きく変わる値があり、確認が必要 (error.warnings に一覧; confirm: true で再送)" },
        },
      },
    },
    "/compliance": {
      get: {
        summary: "条例定数と上限に対する職員数の判定",
        parameters: [{ name: "year", in: "query", schema: { type: "integer" }, description: "年度 (省略時は記録のある最新年度)" }],
        responses: {
          "200": {
            description: "判定",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    fiscalYear: { type: "integer" },
                    label: { type: "string", examples: ["令和7年度(2025年度)"] },
                    allowancePercent: { type: "number" },
                    generalTotal: { type: ["integer", "null"], description: "一般職(合計)" },
                    quotaTotal: { type: ["integer", "null"], description: "一般職(定数合計)。休職・育休代替が未記録の年度は null" },
                    quotaSum: { type: "integer" },
                    cap: { type: "integer" },
                    total: compliance,
                    units: { type: "array", items: { type: "object", properties: { unitId: { type: "integer" }, name: { type: "string" }, compliance } } },
                  },
                },
              },
            },
          },
          "401": error,
        },
      },
    },
  },
} as const;
