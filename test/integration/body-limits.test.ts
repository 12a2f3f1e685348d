import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/cli/server.js";
import { login } from "../../src/services/auth.js";
import { createApp } from "../../src/web/app.js";
import { base64Length, BODY_LIMITS, MAX_UPLOAD_BYTES } from "../../src/web/body-limit.js";
import { BrowserClient } from "../support/browser-client.js";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { buildMunicipality, buildUser, TEST_PASSWORD } from "../support/factories.js";

const MiB = 1024 * 1024;

interface Sent {
  status: number;
  /** Bytes the client had written when the answer came. */
  bytesSent: number;
  ms: number;
  body: string;
}

/**
 * Streams up to `total` bytes to the real server in 1MB chunks and stops as soon as the answer comes: with a
 * Content-Length (the server can refuse from the header) or chunked (it must count while reading).
 */
function streamBody(port: number, options: { path: string; total: number; contentType: string; chunked: boolean; cookie?: string; first?: Buffer }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytesSent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { "content-type": options.contentType, ...(options.cookie ? { cookie: options.cookie } : {}) };
    if (!options.chunked) headers["content-length"] = options.total;
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: options.path, headers }, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      const sentAtAnswer = bytesSent;
      const ms = performance.now() - started;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status, bytesSent: sentAtAnswer, ms, body });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(MiB, "a");
    if (options.first) {
      req.write(options.first);
      bytesSent += options.first.length;
    }
    const pump = () => {
      while (!answered && bytesSent < options.total) {
        bytesSent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function healthz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
}

describeEachDatabase("request bodies: one limit per kind, refused while streaming", (get: () => TestDatabase) => {
  it("a body over its kind's limit is a 413 with a Japanese message (anonymous form, signed-in form, JSON); within it passes on", async () => {
    const site = await demoSite(get);
    const anonymous = new BrowserClient(createApp({ database: site.database }));
    await anonymous.get("/login");
    const big = "x".repeat(BODY_LIMITS.anonymous.bytes + 1);
    const refused = await anonymous.post("/login", { municipality: String(site.municipality.id), username: big, password: "p" });
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("送信された内容が大きすぎます");

    const admin = await site.client("admin");
    const form = await admin.post("/units", { name: "y".repeat(BODY_LIMITS.form.bytes + 1) });
    expect(form.status).toBe(413);
    const json = await admin.app.request("/api/v1/headcounts/2025", {
      method: "PUT",
      body: JSON.stringify({ records: [], pad: "z".repeat(BODY_LIMITS.json.bytes + 1) }),
      headers: { host: "localhost", "content-type": "application/json", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}`, "x-csrf-token": admin.csrfToken },
    });
    expect(json.status).toBe(413);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("too_large");
    // Within its limit a body reaches the route as before.
    expect((await admin.post("/units", { name: "" })).status).not.toBe(413);
  });

  it("the carried copy of an import file (base64 at the apply step) has the upload's limit: the reform import refuses 11MB with a 413 naming the file limit", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get("/reform/import");
    const data = Buffer.alloc(11 * MiB, 1).toString("base64");
    const body = new FormData();
    for (const [k, v] of Object.entries({ _csrf: admin.csrfToken, step: "apply", year: "2025", filename: "x.xlsx", data })) body.append(k, v);
    const response = await admin.app.request("/reform/import", { method: "POST", body, headers: { host: "localhost", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}` } });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("ファイルが大きすぎます (10MBまで)");
    // Just over the file's limit (under the body's, which leaves room for the other fields): the same 413, not a 400.
    const justOver = new FormData();
    for (const [k, v] of Object.entries({ _csrf: admin.csrfToken, step: "apply", year: "2025", filename: "x.xlsx", data: "A".repeat(base64Length(MAX_UPLOAD_BYTES.table) + 4) })) justOver.append(k, v);
    const over = await admin.app.request("/reform/import", { method: "POST", body: justOver, headers: { host: "localhost", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}` } });
    expect(over.status).toBe(413);
    expect(await over.text()).toContain("ファイルが大きすぎます (10MBまで)");
    expect(await site.tenant.audit.list({ limit: 5, offset: 0 })).not.toContainEqual(expect.objectContaining({ entity: "reform_item" }));
  });

  it("limits are chosen by route, not by the declared type: a signed-in multipart to a form route gets the form's 1MB, no file and 20,000 fields", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get("/units");
    const headers = { host: "localhost", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}` };
    const multipart = (entries: [string, string | File][]) => {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      return form;
    };
    // 2MB as multipart to /units: before, any signed-in multipart got the upload limit (27MB) and was read whole.
    const big = await admin.app.request("/units", { method: "POST", body: multipart([["_csrf", admin.csrfToken], ["name", "y".repeat(2 * MiB)]]), headers });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("送信された内容が大きすぎます (1MBまで)");
    // A file to a route that takes none.
    const file = await admin.app.request("/units", { method: "POST", body: multipart([["_csrf", admin.csrfToken], ["file", new File(["x"], "x.csv")]]), headers });
    expect(file.status).toBe(413);
    expect(await file.text()).toContain("この画面にはファイルを送れません");
    // Many empty fields under the byte limit, urlencoded: refused by count.
    const many = await admin.post("/units", Object.fromEntries(Array.from({ length: BODY_LIMITS.form.fields + 1 }, (_, i) => [`f${i}`, ""])));
    expect(many.status).toBe(413);
    expect(await many.text()).toContain("送信された項目が多すぎます (20,000項目まで)");
    // An upload route takes its file, but only a few fields besides: the tester's 539,215 empty fields stop at the 51st.
    const fields: [string, string][] = [["_csrf", admin.csrfToken], ...Array.from({ length: 60 }, (_, i): [string, string] => [`f${i}`, ""])];
    const upload = await admin.app.request("/staffing/import", { method: "POST", body: multipart(fields), headers });
    expect(upload.status).toBe(413);
    expect(await upload.text()).toContain("送信された項目が多すぎます (50項目まで)");
  });

  it("a wrong _csrf stops a multipart body at once, and a file sent before any token is refused unread (403)", async () => {
    const site = await demoSite(get);
    const admin = await site.client("admin");
    await admin.get("/staffing/import");
    const headers = { host: "localhost", cookie: `gyokaku_session=${admin.cookie("gyokaku_session")}` };
    const wrong = new FormData();
    wrong.append("_csrf", "x".repeat(43));
    wrong.append("file", new File([new Uint8Array(5 * MiB)], "a.csv"));
    const refused = await admin.app.request("/staffing/import", { method: "POST", body: wrong, headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("フォームの有効期限が切れたか");
    const fileFirst = new FormData();
    fileFirst.append("file", new File([new Uint8Array(5 * MiB)], "a.csv"));
    fileFirst.append("_csrf", admin.csrfToken);
    const unread = await admin.app.request("/staffing/import", { method: "POST", body: fileFirst, headers });
    expect(unread.status).toBe(403);
    // The right token first: the route reads the file (here an empty CSV → its own Japanese 400, not a 403 or 413).
    const right = new FormData();
    right.append("_csrf", admin.csrfToken);
    right.append("file", new File([""], "a.csv"));
    expect((await admin.app.request("/staffing/import", { method: "POST", body: right, headers })).status).toBe(400);
  });
});

// The real server: a body of hundreds of megabytes is refused after reading at most its limit, and the server keeps answering.
let server: RunningServer | undefined;
let database: TestDatabase | undefined;
let cookie = "";
let adminCookie = "";
beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  const municipality = await buildMunicipality(database.database.db);
  const viewer = await buildUser(database.database.db, municipality, "viewer");
  const { token } = await login(database.database.db, { municipalityId: municipality.id, username: viewer.username, password: TEST_PASSWORD });
  cookie = `gyokaku_session=${token}`;
  const admin = await buildUser(database.database.db, municipality, "admin");
  adminCookie = `gyokaku_session=${(await login(database.database.db, { municipalityId: municipality.id, username: admin.username, password: TEST_PASSWORD })).token}`;
  server = await startServer({ database: database.database, port: 0, host: "127.0.0.1", secureCookies: false });
});
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});

it("a 400MB form post without login is refused from its Content-Length before the server reads it, and /healthz still answers", async () => {
  const port = server?.port ?? 0;
  const sent = await streamBody(port, { path: "/login", total: 400 * MiB, contentType: "application/x-www-form-urlencoded", chunked: false });
  console.log(`400MB form post with Content-Length, no login: ${sent.status} after ${sent.ms.toFixed(0)} ms, ${(sent.bytesSent / MiB).toFixed(0)}MB sent`);
  expect(sent.status).toBe(413);
  expect(sent.bytesSent).toBeLessThan(100 * MiB);
  expect(await healthz(port)).toBe(200);
});

it("a wrong _csrf ahead of a large file: the answer comes before the client has sent the file", async () => {
  const port = server?.port ?? 0;
  const boundary = "----gyokaku";
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${"x".repeat(43)}\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`);
  const sent = await streamBody(port, { path: "/staffing/import", total: 12 * MiB, contentType: `multipart/form-data; boundary=${boundary}`, chunked: true, cookie, first: head });
  console.log(`wrong _csrf ahead of a 12MB file: ${sent.status} after ${sent.ms.toFixed(0)} ms, ${(sent.bytesSent / MiB).toFixed(0)}MB sent`);
  expect(sent.status).toBe(403);
  expect(sent.bytesSent).toBeLessThan(8 * MiB);
});

it("a chunked body without a length is counted while it streams: a viewer's 400MB JSON stops at the JSON limit", async () => {
  const port = server?.port ?? 0;
  const sent = await streamBody(port, { path: "/api/v1/headcounts/2025", total: 400 * MiB, contentType: "application/json", chunked: true, cookie });
  console.log(`400MB chunked JSON, viewer: ${sent.status} after ${sent.ms.toFixed(0)} ms, ${(sent.bytesSent / MiB).toFixed(0)}MB sent`);
  expect(sent.status).toBe(413);
  expect(sent.bytesSent).toBeLessThan(100 * MiB);
  expect(await healthz(port)).toBe(200);
  // Chunked uploads count too: a multipart body over the upload limit (an admin's: a viewer's is refused unread, below).
  const upload = await streamBody(port, { path: "/staffing/import", total: 400 * MiB, contentType: "multipart/form-data; boundary=x", chunked: true, cookie: adminCookie });
  console.log(`400MB chunked multipart, admin: ${upload.status} after ${upload.ms.toFixed(0)} ms, ${(upload.bytesSent / MiB).toFixed(0)}MB sent`);
  expect(upload.status).toBe(413);
  expect(await healthz(port)).toBe(200);
});

it("an upload by a role that may not import is refused (403, the route's own message) before its body is read: the answer comes before the client has sent the file, and nothing is written", async () => {
  const port = server?.port ?? 0;
  const boundary = "----gyokaku";
  const routes: [string, string][] = [
    ["/comparison/import", "類似団体比較のデータを取り込む権限がありません"],
    ["/staffing/import", "職員数ファイルを取り込む権限がありません"],
    ["/staffing/age-profile/import", "年齢構成ファイルを取り込む権限がありません"],
    ["/reform/import", "重点推進項目のファイルを取り込む権限がありません"],
    ["/hearings/1/departments/1/workbook", "この部局の様式を編集する権限がありません"],
    ["/publication/document/2025/images/ppp", "基本方針の図を登録する権限がありません"],
    ["/reform/items/1/attachments", "画像を登録する権限がありません"],
  ];
  const audited = async () => (await database?.database.db.selectFrom("audit_log").select("id").execute())?.length;
  const before = await audited();
  for (const [path, message] of routes) {
    // A 19MB body announced by its Content-Length (under the comparison import's limit): the viewer never sends the rest.
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`);
    const sent = await streamBody(port, { path, total: 19 * MiB, contentType: `multipart/form-data; boundary=${boundary}`, chunked: false, cookie, first: head });
    console.log(`viewer's 19MB upload to ${path}: ${sent.status} after ${sent.ms.toFixed(0)} ms, ${(sent.bytesSent / MiB).toFixed(0)}MB sent`);
    expect(sent.status).toBe(403);
    expect(sent.body).toContain(message);
    expect(sent.bytesSent).toBeLessThan(8 * MiB);
  }
  expect(await audited()).toBe(before);
  expect(await healthz(port)).toBe(200);
});
