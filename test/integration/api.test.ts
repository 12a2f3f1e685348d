import { expect, it } from "vitest";
import { loadDemo } from "../../src/services/demo.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality, buildUser } from "../support/factories.js";

describeEachDatabase("JSON API /api/v1", (get) => {
  async function setup(role: "admin" | "editor" | "viewer") {
    const { tenant, client: login, planning } = await demoSite(get, { planning: "110" });
    const client = await login(role, role === "editor" ? [planning] : []);
    await client.get("/");
    return { tenant, client, app: client.app, planning };
  }

  it("describes itself in an OpenAPI 3.1 document listing every endpoint", async () => {
    const { client } = await setup("viewer");
    const doc = (await (await client.get("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/units", "/headcounts", "/headcounts/{year}", "/quotas", "/compliance"]));
  });

  it("answers units, quotas, headcounts and compliance for the demo city", async () => {
    const { client } = await setup("viewer");
    const units = (await (await client.get("/api/v1/units")).json()) as { units: { name: string; validFrom: number | null; sector: { name: string } | null }[] };
    expect(units.units.find((u) => u.name === "こども福祉部")).toMatchObject({ validFrom: 2019, sector: { name: "民生" } });
    const quotas = (await (await client.get("/api/v1/quotas")).json()) as { quotas: { quota: number }[] };
    expect(quotas.quotas.reduce((s, q) => s + q.quota, 0)).toBe(1061);
    const headcounts = (await (await client.get("/api/v1/headcounts?from=2025&to=2025")).json()) as { headcounts: { counts: { staff?: number } }[] };
    expect(headcounts.headcounts.reduce((s, h) => s + (h.counts.staff ?? 0), 0)).toBe(1109); // 1,104 一般職 + 5 特別職
    const result = (await (await client.get("/api/v1/compliance?year=2025")).json()) as Record<string, unknown>;
    expect(result).toMatchObject({ fiscalYear: 2025, label: "令和7年度(2025年度)", generalTotal: 1104, quotaTotal: 1066, quotaSum: 1061, cap: 1092, total: { status: "within_cap" } });
  });

  it("lets an editor PUT its own unit's figures with the CSRF header, and refuses another unit's", async () => {
    const { tenant, client, app, planning } = await setup("editor");
    const general = await tenant.units.getByCode("120");
    const put = (rows: unknown, token: string | null) =>
      app.request("/api/v1/headcounts/2025", {
        method: "PUT",
        body: JSON.stringify({ rows }),
        headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${client.cookie("gyokaku_session")}`, ...(token ? { "x-csrf-token": token } : {}) },
      });
    expect((await put([{ unitId: planning?.id, counts: { staff: 68 }, expected: { staff: 67 } }], null)).status).toBe(403);
    const ok = await put([{ unitId: planning?.id, counts: { staff: 68 }, expected: { staff: 67 } }], client.csrfToken);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ changed: 1 });
    expect((await tenant.headcounts.get(planning?.id ?? 0, 2025))?.staff).toBe(68);
    const denied = await put([{ unitId: general?.id, counts: { staff: 1 }, expected: { staff: 94 } }], client.csrfToken);
    expect(denied.status).toBe(403);
    expect((await tenant.headcounts.get(general?.id ?? 0, 2025))?.staff).toBe(94);
    const negative = await put([{ unitId: planning?.id, counts: { staff: -3 }, expected: { staff: 68 } }], client.csrfToken);
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { error: { message: string } }).error.message).toBe("入力が不正です: rows.0.counts.staff: 職員数は0以上の整数で指定してください");
    // A check the schema does not word itself still answers in Japanese (zod's ja locale), never 「Invalid input」.
    const missing = await put([{ unitId: planning?.id, counts: { staff: 69 } }], client.csrfToken);
    expect(missing.status).toBe(400);
    const message = ((await missing.json()) as { error: { message: string } }).error.message;
    expect(message).toBe(
      "入力が不正です: rows.0.expected: 読み込んだときの値(expected)がありません。GET /api/v1/headcounts で読んだ counts を expected に入れて送ってください(記録がなければ {})。読まずに上書きすることはできません",
    );
    expect(message).not.toMatch(/Invalid|expected object/);
    // Neither refused body wrote anything: 企画部 keeps the 68 written above.
    expect((await tenant.headcounts.get(planning?.id ?? 0, 2025))?.staff).toBe(68);
  });

  it("a refused PUT lists every problem with its unit, not only the first (「ほか1件」)", async () => {
    const { tenant, client, app } = await setup("admin");
    const planning = await tenant.units.getByCode("110");
    const general = await tenant.units.getByCode("120");
    const before = (await tenant.headcounts.get(planning?.id ?? 0, 2025))?.staff;
    const response = await app.request("/api/v1/headcounts/2025", {
      method: "PUT",
      body: JSON.stringify({ rows: [planning, general].map((u) => ({ unitId: u?.id, counts: { staff: 2_000_000_000 }, expected: {} })) }),
      headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${client.cookie("gyokaku_session")}`, "x-csrf-token": client.csrfToken },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; problems?: { unitName?: string; message: string }[] } };
    expect(error.message).toContain("ほか1件");
    expect(error.problems?.map((p) => p.unitName)).toEqual(["企画部", "総務部"]);
    expect((await tenant.headcounts.get(planning?.id ?? 0, 2025))?.staff).toBe(before);
  });

  it("shows nothing of another municipality", async () => {
    const { db } = get().database;
    const other = await buildMunicipality(db);
    const viewer = await buildUser(db, other, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    await loadDemo(db);
    await client.login(other.id, viewer.username);
    expect(await (await client.get("/api/v1/units")).json()).toEqual({ units: [] });
    expect(await (await client.get("/api/v1/headcounts")).json()).toEqual({ headcounts: [] });
  });
});
