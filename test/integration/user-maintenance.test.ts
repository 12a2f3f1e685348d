import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { serve } from "../../src/cli/commands/serve.js";
import { MunicipalityRepository } from "../../src/db/repositories/municipalities.js";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { verifyPassword } from "../../src/services/password.js";
import { disableUser, editUser } from "../../src/services/user-maintenance.js";
import { createApp } from "../../src/web/app.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { buildMunicipality, buildUnit, buildUser, TEST_PASSWORD } from "../support/factories.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

async function adminClient(t: TestDatabase) {
  const { db } = t.database;
  const m = await buildMunicipality(db);
  const admin = await buildUser(db, m, "admin");
  const client = new BrowserClient(createApp({ database: t.database }));
  await client.login(m.id, admin.username);
  return { db, m, admin, client, tenant: new TenantDb(db, m.id) };
}

/** The hidden fields of a user's edit page: what the form read (readDisplayName, readRole, readUnits). */
async function readFields(client: BrowserClient, userId: number): Promise<Record<string, string>> {
  const html = await (await client.get(`/users/${userId}`)).text();
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(read[A-Za-z]+)" value="([^"]*)"/g)) if (m[1]) fields[m[1]] = (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return fields;
}

describeEachDatabase("user maintenance (issue 13 point 10)", (get) => {
  it("an April transfer: the admin changes an editor's units, role and display name, and the audit log has before and after", async () => {
    const { db, m, client, tenant } = await adminClient(get());
    const soumu = await buildUnit(db, m, { name: "総務部", code: "S1" });
    const kikaku = await buildUnit(db, m, { name: "企画部", code: "K1" });
    const editor = await buildUser(db, m, "editor", [soumu]);
    const saved = await client.post(`/users/${editor.id}`, { ...(await readFields(client, editor.id)), displayName: "企画 太郎", role: "editor", unit: ["K1"] });
    expect(saved.status).toBe(302);
    expect(await tenant.users.unitIdsOf(editor.id)).toEqual([kikaku.id]);
    const page = await (await client.get(`/users/${editor.id}?done=saved`)).text();
    expect(page).toContain("保存しました");
    expect(page).toContain('value="企画 太郎"');
    const [entry] = await tenant.audit.list({ entity: "user", limit: 1, offset: 0 });
    expect(entry?.summary).toBe(`ユーザーを変更: ${editor.username}`);
    expect(JSON.parse(entry?.before_json ?? "{}")).toMatchObject({ units: ["S1"], displayName: editor.username });
    expect(JSON.parse(entry?.after_json ?? "{}")).toMatchObject({ units: ["K1"], displayName: "企画 太郎" });

    // Made hq: the units go, since only editors have them.
    expect((await client.post(`/users/${editor.id}`, { ...(await readFields(client, editor.id)), displayName: "企画 太郎", role: "hq" })).status).toBe(302);
    expect((await tenant.users.get(editor.id))?.role).toBe("hq");
    expect(await tenant.users.unitIdsOf(editor.id)).toEqual([]);
  });

  it("an editor without units is refused on the same page with a Japanese message, and nothing changes", async () => {
    const { db, m, client, tenant } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const refused = await client.post(`/users/${viewer.id}`, { ...(await readFields(client, viewer.id)), displayName: "x", role: "editor" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("編集者(editor)には担当する組織を1つ以上指定してください");
    expect((await tenant.users.get(viewer.id))?.role).toBe("viewer");
  });

  it("the user forms are read by schemas: a field posted twice or a too long unit code is a 400 naming the field on the same page, nothing written", async () => {
    const { db, m, client, tenant } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const before = await tenant.users.get(viewer.id);
    const alertOf = (html: string) => /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    const twice = await client.post(`/users/${viewer.id}`, { ...(await readFields(client, viewer.id)), displayName: ["x", "y"], role: "viewer" });
    expect(twice.status).toBe(400);
    expect(alertOf(await twice.text())).toBe("表示名は文字で入力してください");
    const longCode = await client.post(`/users/${viewer.id}`, { ...(await readFields(client, viewer.id)), displayName: "x", role: "editor", unit: ["K".repeat(65)] });
    expect(longCode.status).toBe(400);
    expect(alertOf(await longCode.text())).toBe("担当組織は64文字以内で入力してください(65文字)");
    expect(await tenant.users.get(viewer.id)).toEqual(before);
    const added = await client.post("/users", { username: "newcomer", displayName: "新人", role: "viewer", password: TEST_PASSWORD, unit: ["K".repeat(65)] });
    expect(added.status).toBe(400);
    expect(alertOf(await added.text())).toBe("担当組織は64文字以内で入力してください(65文字)");
    expect((await tenant.users.list()).some((u) => u.username === "newcomer")).toBe(false);
  });

  it("the last enabled administrator can be neither demoted nor disabled", async () => {
    const { tenant, admin } = await adminClient(get());
    await expect(editUser(tenant, CLI_ACTOR, { user: { id: admin.id }, role: "viewer" })).rejects.toThrow("最後の管理者");
    await expect(disableUser(tenant, CLI_ACTOR, { id: admin.id })).rejects.toThrow("最後の管理者");
    expect((await tenant.users.get(admin.id))?.role).toBe("admin");
  });

  it("disabling a user ends their sessions at once and refuses their login; enabling lets them in again", async () => {
    const { db, m, client, tenant } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const theirs = new BrowserClient(createApp({ database: get().database }));
    await theirs.login(m.id, viewer.username);
    expect((await theirs.get("/api/v1/me")).status).toBe(200);

    await client.get(`/users/${viewer.id}`);
    expect((await client.post(`/users/${viewer.id}/disable`, {})).status).toBe(302);
    expect((await theirs.get("/api/v1/me")).status).toBe(401);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", viewer.id).execute()).toEqual([]);
    const again = new BrowserClient(createApp({ database: get().database }));
    expect((await again.login(m.id, viewer.username)).status).toBe(401);
    expect(await (await client.get("/users")).text()).toContain("無効");

    await client.get(`/users/${viewer.id}`);
    expect((await client.post(`/users/${viewer.id}/enable`, {})).status).toBe(302);
    const back = new BrowserClient(createApp({ database: get().database }));
    await tenant.loginThrottles.clearAccount(viewer.username);
    expect((await back.login(m.id, viewer.username)).status).toBe(302);
    const summaries = (await tenant.audit.list({ entity: "user", limit: 10, offset: 0 })).map((r) => r.summary);
    expect(summaries).toEqual(expect.arrayContaining([`ユーザーを無効化: ${viewer.username}`, `ユーザーを有効化: ${viewer.username}`]));
  });

  it("a reset password is shown once, never cached, works, and the old one and the user's sessions end", async () => {
    const { db, m, client, tenant } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const theirs = new BrowserClient(createApp({ database: get().database }));
    await theirs.login(m.id, viewer.username);
    await client.get(`/users/${viewer.id}`);
    const reset = await client.post(`/users/${viewer.id}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(reset.headers.get("cache-control")).toBe("no-store");
    const password = /data-testid="new-password">([^<]+)</.exec(await reset.text())?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await theirs.get("/api/v1/me")).status).toBe(401);
    const stored = await tenant.users.get(viewer.id);
    expect(await verifyPassword(password, stored?.password_hash ?? "")).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, stored?.password_hash ?? "")).toBe(false);
    // Shown once: the user's page afterwards does not carry it.
    expect(await (await client.get(`/users/${viewer.id}`)).text()).not.toContain(password);
    const [entry] = await tenant.audit.list({ entity: "user", limit: 1, offset: 0 });
    expect(entry?.summary).toBe(`パスワードを再発行: ${viewer.username}`);
    expect(JSON.stringify(entry)).not.toContain(password);
  });

  it("a user changes their own password: the current one is checked, the policy applies, other sessions end, this one stays", async () => {
    const { db, m, tenant } = await adminClient(get());
    const editorUnit = await buildUnit(db, m);
    const editor = await buildUser(db, m, "editor", [editorUnit]);
    const here = new BrowserClient(createApp({ database: get().database }));
    const elsewhere = new BrowserClient(createApp({ database: get().database }));
    await here.login(m.id, editor.username);
    await elsewhere.login(m.id, editor.username);
    expect(await (await here.get("/")).text()).toContain('href="/account/password"');
    await here.get("/account/password");
    const wrong = await here.post("/account/password", { current: "not-my-password", next: "a-new-password-2026", confirm: "a-new-password-2026" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<p class="alert error" role="alert">現在のパスワードが違います</p>');
    const short = await here.post("/account/password", { current: TEST_PASSWORD, next: "short", confirm: "short" });
    expect(await short.text()).toContain('<p class="alert error" role="alert">パスワードは10文字以上にしてください</p>');
    const mismatch = await here.post("/account/password", { current: TEST_PASSWORD, next: "a-new-password-2026", confirm: "a-new-password-2027" });
    expect(await mismatch.text()).toContain('<p class="alert error" role="alert">新しいパスワードと確認の入力が一致しません</p>');
    const ok = await here.post("/account/password", { current: TEST_PASSWORD, next: "a-new-password-2026", confirm: "a-new-password-2026" });
    expect(ok.status).toBe(302);
    expect((await here.get("/api/v1/me")).status).toBe(200);
    expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
    expect(await verifyPassword("a-new-password-2026", (await tenant.users.get(editor.id))?.password_hash ?? "")).toBe(true);
    const [entry] = await tenant.audit.list({ entity: "user", limit: 1, offset: 0 });
    expect(entry?.summary).toBe(`パスワードを変更(本人): ${editor.username}`);
  });

  it("a new password holding the municipality's name or 団体コード, the username, or a year and a common word is refused, naming the rule", async () => {
    const { db, m, tenant } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const here = new BrowserClient(createApp({ database: get().database }));
    await here.login(m.id, viewer.username);
    await here.get("/account/password");
    const attempt = async (next: string) => (await here.post("/account/password", { current: TEST_PASSWORD, next, confirm: next })).text();
    expect(await attempt(`${m.name}の職員ですよろしく`)).toContain("パスワードに団体名を含めることはできません");
    const fullWidthCode = m.code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await attempt(`key-${fullWidthCode}-office`)).toContain("パスワードに団体コードを含めることはできません");
    expect(await attempt(`${viewer.username.toUpperCase()}-horse`)).toContain("パスワードにユーザー名を含めることはできません");
    expect(await attempt("Spring2025!")).toContain("年(2025、R7など)とよく使われる語を組み合わせただけ");
    expect(await verifyPassword(TEST_PASSWORD, (await tenant.users.get(viewer.id))?.password_hash ?? "")).toBe(true);
  });

  it("wrong current passwords are throttled like logins of the account and written to the security log", async () => {
    const { db, m } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const here = new BrowserClient(createApp({ database: get().database }));
    await here.login(m.id, viewer.username);
    await here.get("/account/password");
    const guess = (current: string) => here.post("/account/password", { current, next: "a-new-password-2026", confirm: "a-new-password-2026" });
    // The account's allowance from one address (5) is answered as before …
    for (let i = 0; i < 4; i++) expect((await guess(`guess-${i}`)).status).toBe(400);
    // … the failure that uses it up says how long to wait …
    const last = await guess("guess-4");
    expect(last.status).toBe(429);
    expect(await last.text()).toContain("現在のパスワードが違います。現在のパスワードの誤りが続いたため、30秒後までパスワードの変更を受け付けません");
    // … and then even the right password waits (nothing is checked), with Retry-After.
    const right = await guess(TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await verifyPassword(TEST_PASSWORD, (await new TenantDb(db, m.id).users.get(viewer.id))?.password_hash ?? "")).toBe(true);
    // The same throttle as login: the account cannot be guessed at through the login form meanwhile either.
    expect((await new BrowserClient(createApp({ database: get().database })).login(m.id, viewer.username)).status).toBe(429);
    const events = await db.selectFrom("security_events").select(["kind", "username", "path", "detail"]).where("municipality_id", "=", m.id).where("path", "=", "/account/password").orderBy("id").execute();
    expect(events.filter((e) => e.kind === "login_failed")).toHaveLength(5);
    expect(events[0]).toEqual({ kind: "login_failed", username: viewer.username, path: "/account/password", detail: "現在のパスワードが違います (パスワード変更)" });
    expect(events.some((e) => e.kind === "login_throttled")).toBe(true);
  });

  it("the admin sees each user's last login; pages and the API get presented users, never a password hash", async () => {
    const { db, m, client } = await adminClient(get());
    const viewer = await buildUser(db, m, "viewer");
    const never = await buildUser(db, m, "viewer");
    await new BrowserClient(createApp({ database: get().database })).login(m.id, viewer.username);
    const list = await (await client.get("/users")).text();
    expect(list).not.toContain("scrypt$");
    const row = (name: string) => new RegExp(`<td>${name}</td>[\\s\\S]*?</tr>`).exec(list)?.[0] ?? "";
    expect(row(viewer.username)).toMatch(/令和\d+年\(\d{4}年\)\d+月\d+日 \d\d:\d\d/);
    expect(row(never.username)).toContain("<td>なし</td>");
    const api = await client.get("/api/v1/users", { accept: "application/json" });
    const text = await api.text();
    expect(text).not.toMatch(/password|scrypt/i);
    const users = (JSON.parse(text) as { users: { username: string; lastLoginAt: string | null; roleLabel: string }[] }).users;
    expect(users.find((u) => u.username === viewer.username)?.lastLoginAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(users.find((u) => u.username === never.username)).toMatchObject({ lastLoginAt: null, roleLabel: "閲覧者" });
  });

  it("only the administrator maintains users: headquarters gets 403 on every user page and the API", async () => {
    const { db, m, admin } = await adminClient(get());
    const hq = await buildUser(db, m, "hq");
    const client = new BrowserClient(createApp({ database: get().database }));
    await client.login(m.id, hq.username);
    expect((await client.get("/users")).status).toBe(403);
    expect((await client.get(`/users/${admin.id}`)).status).toBe(403);
    await client.get("/account/password");
    expect((await client.post(`/users/${admin.id}/reset-password`, {})).status).toBe(403);
    expect((await client.post(`/users/${admin.id}/disable`, {})).status).toBe(403);
    expect((await client.get("/api/v1/users", { accept: "application/json" })).status).toBe(403);
  });

  it("gyokaku user list|edit|disable|enable|reset-password do the same from the command line, audited as (CLI)", async () => {
    const t = get();
    const { db, m, tenant } = await adminClient(t);
    const unit = await buildUnit(db, m, { name: "市民環境部", code: "C9" });
    const viewer = await buildUser(db, m, "viewer");
    const args = ["--municipality", m.code, "--database", databaseArg(t)];

    const list = captureIo();
    expect(await runCli(["user", "list", ...args], list)).toBe(0);
    expect(list.stdout[0]).toBe("ユーザー名\t表示名\t役割\t担当組織\t状態\t最終ログイン");
    expect(list.stdout.join("\n")).toContain(`${viewer.username}\t${viewer.username}\tviewer\t\t有効\tなし`);
    const json = captureIo();
    expect(await runCli(["user", "list", "--format", "json", ...args], json)).toBe(0);
    expect(json.stdout.join("\n")).not.toMatch(/password|scrypt/i);

    const edit = captureIo();
    expect(await runCli(["user", "edit", "--username", viewer.username, "--role", "editor", "--unit", "市民環境部", "--display-name", "環境 花子", ...args], edit)).toBe(0);
    expect(edit.stdout[0]).toBe(`ユーザーを変更しました: ${viewer.username} (editor) 環境 花子 担当: 市民環境部`);
    expect(await tenant.users.unitIdsOf(viewer.id)).toEqual([unit.id]);

    const disable = captureIo();
    expect(await runCli(["user", "disable", "--username", viewer.username, ...args], disable)).toBe(0);
    expect((await tenant.users.get(viewer.id))?.disabled).toBe(1);
    const enable = captureIo();
    expect(await runCli(["user", "enable", "--username", viewer.username, ...args], enable)).toBe(0);
    expect((await tenant.users.get(viewer.id))?.disabled).toBe(0);

    const reset = captureIo();
    expect(await runCli(["user", "reset-password", "--username", viewer.username, ...args], reset)).toBe(0);
    const password = /^新しいパスワード: (\S+)$/.exec(reset.stdout[1] ?? "")?.[1] ?? "";
    expect(await verifyPassword(password, (await tenant.users.get(viewer.id))?.password_hash ?? "")).toBe(true);
    const chosen = captureIo("chosen-password-2026\n");
    expect(await runCli(["user", "reset-password", "--username", viewer.username, "--password-stdin", ...args], chosen)).toBe(0);
    expect(chosen.stdout.join("\n")).not.toContain("chosen-password-2026");
    expect(await verifyPassword("chosen-password-2026", (await tenant.users.get(viewer.id))?.password_hash ?? "")).toBe(true);

    const unknown = captureIo();
    expect(await runCli(["user", "disable", "--username", "nobody", ...args], unknown)).toBe(3); // not_found (cli/exit-codes.ts)
    expect(unknown.stderr[0]).toBe("gyokaku: エラー: ユーザー「nobody」はいません");

    const audit = await tenant.audit.list({ entity: "user", actor: "(CLI)", limit: 20, offset: 0 });
    expect(audit.map((r) => r.summary)).toEqual(
      expect.arrayContaining([`ユーザーを変更: ${viewer.username}`, `ユーザーを無効化: ${viewer.username}`, `ユーザーを有効化: ${viewer.username}`, `パスワードを再発行: ${viewer.username}`]),
    );
  });
});

describeEachDatabase("serve (issue 13 point 11)", (get) => {
  it("serve --demo listens on 127.0.0.1 unless --host is given, and prints the demo password", async () => {
    const io = captureIo();
    const server = await serve(io, { port: "0", demo: true, database: databaseArg(get()) });
    try {
      expect(server.address).toBe("127.0.0.1");
      expect(io.stdout.join("\n")).toMatch(/ログイン: ユーザー名 admin \/ パスワード [A-Za-z0-9]{20}/);
      expect(io.stdout[0]).toContain("http://localhost:");
    } finally {
      await server.close();
    }
  });

  it("serve without --demo never resets or prints a password, and listens on 127.0.0.1 by default", async () => {
    const t = get();
    await loadDemo(t.database.db);
    const m = await new MunicipalityRepository(t.database.db).getByCode("012246");
    const before = await new TenantDb(t.database.db, m?.id ?? 0).users.getByUsername("admin");
    const io = captureIo();
    const server = await serve(io, { port: "0", database: databaseArg(t) });
    try {
      expect(server.address).toBe("127.0.0.1");
      expect(io.stdout.join("\n")).not.toMatch(/パスワード [A-Za-z0-9]/);
      const after = await new TenantDb(t.database.db, m?.id ?? 0).users.getByUsername("admin");
      expect(after?.password_hash).toBe(before?.password_hash);
    } finally {
      await server.close();
    }
  });
});
