/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json, generated from the route table
 * (api-contract.ts) with zod's own z.toJSONSchema: the request schemas are the ones the routes parse with, the answer
 * schemas the ones the presenters' types come from, so the document cannot drift from the code.
 */
import { z } from "zod";
import { API, ApiErrorSchema, type ApiRoute } from "./api-contract.js";

type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) of `schema` as a client sends it or as the API answers it. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = { ...(z.toJSONSchema(schema, { io }) as JsonSchema) };
  delete json["$schema"];
  return json;
}

/** "/api/v1/headcounts/:year" → "/headcounts/{year}" (the document's servers entry is /api/v1). */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/^\/api\/v1/, "").replace(/:([A-Za-z_]\w*)/g, "{$1}");
}

/** The parameters of `shape`'s object schema, each with its description lifted from its schema. */
function parametersOf(where: "path" | "query", schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      ...(where === "path" || object.required?.includes(name) ? { required: true } : {}),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function operationOf(route: ApiRoute): JsonSchema {
  const write = route.method !== "GET";
  const parameters = [
    ...parametersOf("path", route.params),
    ...parametersOf("query", route.query),
    // Every write is checked against the session's CSRF token (web/security.ts).
    ...(write ? [{ name: "X-CSRF-Token", in: "header", required: true, schema: { type: "string" } }] : []),
  ];
  const responses: Record<string, JsonSchema> = {};
  const answer = (a: { description: string; schema?: z.ZodType }) => ({
    description: a.description,
    ...(a.schema ? { content: { "application/json": { schema: jsonSchemaOf(a.schema, "output") } } } : {}),
  });
  const refusable = route.params !== undefined || route.query !== undefined || route.body !== undefined;
  for (const [status, a] of Object.entries(route.responses)) {
    responses[status] = answer(a);
    if (status === "200" && refusable) responses["400"] = answer({ description: "入力が不正 (error.message が項目を名指しする。error.problems に項目ごと)", schema: ApiErrorSchema });
  }
  return {
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(route.body, "input") } } } } : {}),
    responses,
  };
}

/** The whole document, from every route of API. */
export function buildOpenApiDocument(routes: readonly ApiRoute[] = Object.values(API)): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
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
    paths,
  };
}

let built: JsonSchema | undefined;

/** The document served at /api/v1/openapi.json (built once, on first request). */
export function openApiDocument(): JsonSchema {
  built ??= buildOpenApiDocument();
  return built;
}
