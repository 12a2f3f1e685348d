/**
 * /api/v1/openapi.json cannot drift from the code (issue 9, "Thin routes, validated edges"): every route the Hono app
 * registers under /api/v1 (read from app.routes, as the route × role matrix does) is in the document with its method
 * and nothing else is; each request schema in the document is exactly z.toJSONSchema of the zod schema the route
 * parses with; each answer of the app's GETs passes the documented answer schema with nothing left over; and a body
 * or query the schema refuses is a 400 whose Japanese message names the field.
 */
import { expect, it } from "vitest";
import { z } from "zod";
import { ApiComplianceSchema, ApiUnitSchema } from "../../src/services/api-views.js";
import { PresentedUserSchema } from "../../src/services/user-presenter.js";
import { API, type ApiRoute, HeadcountPutBody } from "../../src/web/routes/api-contract.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: unknown } } }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** What zod itself says the schema is, without the dialect line (OpenAPI 3.1's dialect is draft 2020-12). */
function zodJsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { io }) };
  expect(json["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
  delete json["$schema"];
  return json;
}

const toDocumentPath = (path: string) => path.replace(/^\/api\/v1/, "").replace(/:(\w+)/g, "{$1}");

describeEachDatabase("OpenAPI document generated from the routes' zod schemas", (get) => {
  async function setup() {
    const site = await demoSite(get, { planning: "110" });
    const admin = await site.client("admin");
    await admin.get("/");
    const doc = (await (await admin.get("/api/v1/openapi.json")).json()) as Document;
    return { ...site, admin, doc };
  }

  it("lists every route registered under /api/v1 with its method, and no route the app does not have", async () => {
    const { admin, doc } = await setup();
    expect(doc.openapi).toBe("3.1.0");
    const registered = admin.app.routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/")).map((r) => `${r.method.toLowerCase()} ${toDocumentPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(registered.length).toBeGreaterThanOrEqual(10);
    expect([...new Set(registered)].sort()).toEqual([...documented].sort());
    // Today's paths are all still there.
    expect(documented).toEqual(
      expect.arrayContaining(["get /me", "get /users", "get /users/{id}", "get /units", "get /quotas", "get /headcounts", "put /headcounts/{year}", "get /compliance", "get /openapi.json", "get /notifications"]),
    );
  });

  it("documents each write's body as exactly the JSON schema of the zod schema the route parses it with", async () => {
    const { doc } = await setup();
    const put = doc.paths["/headcounts/{year}"]?.["put"];
    expect(put?.requestBody?.content["application/json"].schema).toEqual(zodJsonSchema(HeadcountPutBody, "input"));
    // The route's table entry is that very schema (api.ts parses with API.putHeadcounts.body).
    expect(API.putHeadcounts.body).toBe(HeadcountPutBody);
    for (const route of Object.values(API) as ApiRoute[]) {
      const operation = doc.paths[toDocumentPath(route.path)]?.[route.method.toLowerCase()];
      if (route.body) expect(operation?.requestBody?.content["application/json"].schema, route.path).toEqual(zodJsonSchema(route.body, "input"));
      else expect(operation?.requestBody, route.path).toBeUndefined();
      for (const [where, schema] of [["path", route.params], ["query", route.query]] as const) {
        const documented = (operation?.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
        expect(documented, `${route.path} ${where}`).toEqual(Object.keys(schema?.shape ?? {}));
      }
      if (route.method !== "GET") expect(operation?.parameters?.some((p) => p.in === "header" && p.name === "X-CSRF-Token" && p.required), route.path).toBe(true);
    }
    // The Japanese descriptions moved into the schemas and come out in the document.
    const body = JSON.stringify(put?.requestBody);
    expect(body).toContain("読み込んだときの値 (GET /headcounts の counts、記録なしは {})");
    expect(body).toContain("うち派遣職員 (定数外)");
    expect(put?.responses["409"]?.description).toContain("読み込んだ後に他の人が変更した区分");
  });

  it("documents the answers with the presenters' schemas, and every GET's answer passes its schema with nothing left over", async () => {
    const { admin, doc, db, municipality } = await setup();
    const answer = (path: string, method = "get") => doc.paths[path]?.[method]?.responses["200"]?.content?.["application/json"].schema;
    expect(answer("/units")).toEqual(zodJsonSchema(z.object({ units: z.array(ApiUnitSchema) }), "output"));
    expect(answer("/compliance")).toEqual(zodJsonSchema(ApiComplianceSchema, "output"));
    expect(answer("/users/{id}")).toEqual(zodJsonSchema(PresentedUserSchema, "output"));
    const someone = await db.selectFrom("users").select("id").where("municipality_id", "=", municipality.id).executeTakeFirstOrThrow();
    let checked = 0;
    for (const route of Object.values(API) as ApiRoute[]) {
      const schema = route.responses["200"]?.schema;
      if (route.method !== "GET" || !schema) continue;
      const path = route.path.replace(":id", String(someone.id)) + (route.path.endsWith("/headcounts") ? "?from=2024&to=2025" : "");
      const response = await admin.get(path);
      expect(response.status, path).toBe(200);
      const json: unknown = await response.json();
      const parsed = schema.safeParse(json);
      expect(parsed.error?.issues, path).toBeUndefined();
      // zod objects drop keys they do not know: equal after parsing means the answer has no undocumented field.
      expect(parsed.data, path).toEqual(json);
      checked++;
    }
    expect(checked).toBe(8); // all but the document itself
  });

  it("refuses a body the schema refuses with 400 and a Japanese message naming the field, writing nothing", async () => {
    const { admin, tenant, planning } = await setup();
    const before = await tenant.headcounts.get(planning.id, 2025);
    const put = (body: unknown) =>
      admin.app.request("/api/v1/headcounts/2025", {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
      });
    const cases: { body: unknown; field: string; says: string }[] = [
      { body: { rows: [{ unitId: planning.id, counts: { staff: "六十八" }, expected: {} }] }, field: "rows.0.counts.staff", says: "職員数は0以上の整数で指定してください" },
      { body: { rows: [{ unitId: planning.id, counts: { seconded: 1.5 }, expected: {} }] }, field: "rows.0.counts.seconded", says: "派遣職員は0以上の整数" },
      { body: { rows: [{ unitId: 0, counts: {}, expected: {} }] }, field: "rows.0.unitId", says: "組織IDは1以上の整数" },
      { body: { rows: [{ unitId: planning.id, counts: { staf: 3 }, expected: {} }] }, field: "rows.0.counts", says: "送る値" },
      { body: { rows: [{ unitId: planning.id, counts: {} }] }, field: "rows.0.expected", says: "読み込んだときの値" },
      { body: { rows: [{ unitId: planning.id, counts: { onLeave: 2_147_483_648 }, expected: {} }] }, field: "rows.0.counts.onLeave", says: "休職・休業が大きすぎます。2,147,483,647以下" },
      { body: { rows: [] }, field: "rows", says: "行(rows)を1つ以上" },
      { body: { rows: [{ unitId: planning.id, counts: {}, expected: {} }], confirm: "yes" }, field: "confirm", says: "確認済み(confirm)は true か false" },
    ];
    for (const { body, field, says } of cases) {
      expect(HeadcountPutBody.safeParse(body).success, field).toBe(false);
      const response = await put(body);
      expect(response.status, field).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string; problems?: { field?: string; message: string }[] } };
      expect(error.code).toBe("invalid_input");
      expect(error.message, field).toContain(`${field}: `);
      expect(error.message, field).toContain(says);
      expect(error.message, field).not.toMatch(/Invalid input|expected [a-z]+, received|Unrecognized key/i);
      expect(error.problems?.[0]?.field, field).toBe(field);
    }
    expect(await tenant.headcounts.get(planning.id, 2025)).toEqual(before);
  });

  it("refuses a malformed query or path parameter with 400 naming it in Japanese", async () => {
    const { admin } = await setup();
    for (const [path, says] of [
      ["/api/v1/headcounts?from=abc", "from: 最初の年度は整数で指定してください: 「abc」"],
      ["/api/v1/headcounts?to=1e309", "to: 最後の年度は整数で指定してください"],
      ["/api/v1/compliance?year=R7", "year: 年度は整数で指定してください"],
      ["/api/v1/users/x", "id: ユーザーの番号が正しくありません"],
    ] as const) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, path).toContain(says);
    }
    // Full-width digits and a blank value are read as before (blank = the default).
    expect((await admin.get("/api/v1/headcounts?from=２０２５&to=")).status).toBe(200);
  });
});
