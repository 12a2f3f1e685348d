import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { setUserPassword } from "../../src/services/users.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality, buildUser, TEST_PASSWORD } from "../support/factories.js";

describeEachDatabase("accounts and sessions", (get) => {
  it("logs in with the right password and sets a Secure, HttpOnly, SameSite session cookie", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.get("/login");
    const response = await client.post("/login", { municipality: String(m.id), username: user.username, password: TEST_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gyokaku_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const dashboard = await client.get("/");
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain(m.name);
  });

  it("keeps sessions in the database, so a second server process accepts the same cookie", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const first = new BrowserClient(createApp({ database: get().database }));
    await first.login(m.id, user.username);
    const token = first.cookie("gyokaku_session");
    expect(token).toBeDefined();
    const stored = await db.selectFrom("sessions").select(["id", "municipality_id"]).where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(token); // only the hash is stored

    const second = new BrowserClient(createApp({ database: get().database }));
    second.setCookie("gyokaku_session", token ?? "");
    const me = await second.get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: user.username, role: "viewer", municipality: { code: m.code } });
  });

  it("logs out: the session row is deleted and the old cookie no longer works", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, user.username);
    const token = client.cookie("gyokaku_session") ?? "";
    await client.get("/");
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(0);
    const replay = new BrowserClient(createApp({ database: get().database }));
    replay.setCookie("gyokaku_session", token);
    expect((await replay.get("/api/v1/me")).status).toBe(401);
  });

  it("ends the user's sessions when the password is reset, and sweeps expired sessions at login", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, user.username);
    expect((await client.get("/api/v1/me")).status).toBe(200);
    await db
      .insertInto("sessions")
      .values({ id: "expired-session", municipality_id: m.id, user_id: user.id, csrf_token: "x", created_at: "2020-01-01T00:00:00.000Z", last_seen_at: "2020-01-01T00:00:00.000Z", expires_at: "2020-01-01T08:00:00.000Z" })
      .execute();
    await setUserPassword(new TenantDb(db, m.id), user.username, "a-brand-new-password", CLI_ACTOR);
    expect((await client.get("/api/v1/me")).status).toBe(401);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    const other = await buildUser(db, m, "viewer");
    await db
      .insertInto("sessions")
      .values({ id: "expired-session-2", municipality_id: m.id, user_id: other.id, csrf_token: "x", created_at: "2020-01-01T00:00:00.000Z", last_seen_at: "2020-01-01T00:00:00.000Z", expires_at: "2020-01-01T08:00:00.000Z" })
      .execute();
    await new BrowserClient(createApp({ database: get().database })).login(m.id, user.username, "a-brand-new-password");
    expect(await db.selectFrom("sessions").select("id").where("id", "=", "expired-session-2").execute()).toEqual([]);
  });

  it("rejects a wrong password with a message that does not say which part was wrong", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    const wrong = await client.login(m.id, user.username, "not-the-password");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("ユーザー名またはパスワードが違います");
    const unknown = await client.login(m.id, "nobody-here", TEST_PASSWORD);
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain("ユーザー名またはパスワードが違います");
  });

  it("slows down a wrong password five times in a row: the next attempt, even with the right password, is refused with Retry-After", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.login(m.id, user.username, `wrong-${i}-password`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const sixth = await client.login(m.id, user.username, TEST_PASSWORD);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await sixth.text()).toContain("ログインの失敗が続いたため");
    expect(client.cookie("gyokaku_session")).toBeUndefined();
  });

  it("counts failures per account: another user of the same municipality can still log in", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const victim = await buildUser(db, m, "admin");
    const other = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    for (let i = 0; i < 6; i++) await client.login(m.id, victim.username, "wrong-password!");
    expect((await client.login(m.id, other.username)).status).toBe(302);
  });

  it("shows unauthenticated visitors only the login page and published material", async () => {
    const client = new BrowserClient(createApp({ database: get().database }));
    for (const path of ["/", "/units", "/audit", "/users", "/reform", "/staffing"]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login/);
    }
    expect((await client.get("/login")).status).toBe(200);
    expect((await client.get("/public")).status).toBe(200);
    const api = await client.get("/api/v1/me");
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("answers /healthz with the database kind", async () => {
    const response = await createApp({ database: get().database }).request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: get().database.kind });
  });
});

describeEachDatabase("CSRF protection", (get) => {
  it("refuses a POST without the CSRF token and changes nothing", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const admin = await buildUser(db, m, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, admin.username);
    const response = await client.post("/users", { username: "intruder", role: "admin", password: "forged-password-1" }, { csrf: null });
    expect(response.status).toBe(403);
    expect(await db.selectFrom("users").select("id").where("username", "=", "intruder").execute()).toHaveLength(0);
  });

  it("refuses a POST with another session's token", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const admin = await buildUser(db, m, "admin");
    const alice = new BrowserClient(createApp({ database: get().database }));
    const mallory = new BrowserClient(createApp({ database: get().database }));
    await alice.login(m.id, admin.username);
    await mallory.get("/login");
    const response = await alice.post("/users", { username: "intruder", role: "admin", password: "forged-password-1" }, { csrf: mallory.csrfToken });
    expect(response.status).toBe(403);
  });

  it("refuses a POST whose Origin is another site even with a valid token", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const admin = await buildUser(db, m, "admin");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, admin.username);
    await client.get("/users");
    const response = await client.post(
      "/users",
      { username: "intruder", role: "viewer", password: "forged-password-1" },
      { headers: { origin: "https://evil.example" } },
    );
    expect(response.status).toBe(403);
  });

  it("protects the login form too (login CSRF)", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "viewer");
    const client = new BrowserClient(createApp({ database: get().database }));
    const response = await client.post("/login", { municipality: String(m.id), username: user.username, password: TEST_PASSWORD }, { csrf: "forged" });
    expect(response.status).toBe(403);
    expect(client.cookie("gyokaku_session")).toBeUndefined();
  });
});

describeEachDatabase("login throttle across server processes", (get) => {
  it("counts failures in the database, so spreading attempts over several server processes does not help", async () => {
    const { db } = get().database;
    const m = await buildMunicipality(db);
    const user = await buildUser(db, m, "admin");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A new app instance (as another process behind a load balancer would be) for every attempt.
      const client = new BrowserClient(createApp({ database: get().database }));
      statuses.push((await client.login(m.id, user.username, `wrong-${i}-password`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
