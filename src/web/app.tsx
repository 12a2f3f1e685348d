import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import "../zod-japanese.js";
import { z } from "zod";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import { GyokakuError, isGyokakuError } from "../domain/errors.js";
import { TEXT_LIMITS } from "../domain/input-limits.js";
import { auditLogPage, recentChanges } from "../services/audit-log.js";
import { dashboardFor, organisationCounts } from "../services/dashboard.js";
import { knownMunicipalityId, listMunicipalities, probeDatabase } from "../services/municipalities.js";
import { login, logout, SESSION_IDLE_MS } from "../services/auth.js";
import { recordSecurityEvent } from "../services/security-log.js";
import { SessionCache } from "../services/session-cache.js";
import { limitRequestBody } from "./body-limit.js";
import { asUploader } from "../io/xlsx-worker-pool.js";
import { PageCache } from "./page-cache.js";
import { guardInput, idParam, pageParam, parseInput, queryParams, textField } from "./input.js";
import type { AppEnv, AppOptions } from "./env.js";
import { todayInJapan } from "./format.js";
import { AuditPage } from "./pages/audit.js";
import { DashboardPage } from "./pages/dashboard.js";
import { ErrorPage } from "./pages/error.js";
import { LoginPage } from "./pages/login.js";
import { PublicIndexPage } from "./pages/public.js";
import { safeNextPath } from "./next-path.js";
import { clientAddress, currentFiscalYear, field, requireSession, STATUS, tenantOf } from "./request.js";
import { registerSecurityRoutes } from "./routes/security.js";
import { registerApiRoutes } from "./routes/api.js";
import { registerComparisonRoutes } from "./routes/comparison.js";
import { registerHearingRoutes } from "./routes/hearing/index.js";
import { registerOrganisationRoutes } from "./routes/organisation.js";
import { registerPublicationApprovalRoutes } from "./routes/publication/approval.js";
import { registerPublicationSiteRoutes } from "./routes/publication/site.js";
import { registerPublicationDocumentRoutes } from "./routes/publication/document.js";
import { registerReformRoutes } from "./routes/reform/index.js";
import { registerRetirementRoutes } from "./routes/retirement/index.js";
import { registerStaffingRoutes } from "./routes/staffing.js";
import { registerStaffingTransferRoutes } from "./routes/staffing-transfer.js";
import { registerUserRoutes } from "./routes/users.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { cookieOptions, csrfProtection, loadSession, PRELOGIN_COOKIE, SESSION_COOKIE } from "./security.js";
import { APP_CSS } from "./styles.js";
import { HEADCOUNT_ENTRY_JS } from "./entry-script.js";

const TOKENS_CSS = readFileSync(createRequire(import.meta.url).resolve("@digital-go-jp/design-tokens/dist/tokens.css"), "utf8");

const LoginForm = z.object({
  municipality: idParam("自治体"),
  username: textField("ユーザー名", TEXT_LIMITS.username, { required: true }),
  password: textField("パスワード", TEXT_LIMITS.password, { trim: false, required: true }),
}).transform((f) => ({ municipalityId: f.municipality, username: f.username, password: f.password }));

/** The path and query asked for, to come back to after login. */
function pathWithQuery(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * A 403 goes to the security log of the user's municipality (a CSRF refusal as such). Before login there is no
 * municipality but the one the login form names.
 */
async function logRefusal(c: Context<AppEnv>, error: GyokakuError): Promise<void> {
  const session = c.var.session;
  let municipalityId = session?.municipality.id;
  if (municipalityId === undefined && c.req.path === "/login" && c.req.method === "POST") {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const id = Number(body["municipality"]);
    municipalityId = await knownMunicipalityId(c.var.database.db, id);
  }
  if (municipalityId === undefined) return;
  await recordSecurityEvent(c.var.database.db, municipalityId, {
    kind: error.details["csrf"] === true ? "csrf_refused" : "forbidden",
    username: session?.actor.username ?? "",
    address: clientAddress(c),
    path: `${c.req.method} ${c.req.path}`,
    detail: error.message,
  });
}

function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").includes("application/json");
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const secureCookies = options.secureCookies ?? true;
  // Per app, so a cache never outlives the database it was filled from.
  const sessionCache = new SessionCache(options.database);
  const pageCache = new PageCache();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(async (c, next) => {
    c.set("database", options.database);
    c.set("secureCookies", secureCookies);
    c.set("mailer", options.mailer ?? null);
    c.set("pdfWarmer", options.pdfWarmer ?? null);
    c.set("sessionCache", sessionCache);
    c.set("pageCache", pageCache);
    c.set("trustProxy", options.trustProxy ?? false);
    await next();
  });

  app.get("/healthz", async (c) => {
    await probeDatabase(options.database.db);
    return c.json({ status: "ok", database: options.database.kind });
  });
  app.get("/assets/tokens.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=86400");
    return c.body(TOKENS_CSS);
  });
  app.get("/assets/app.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(APP_CSS);
  });

  app.get("/assets/headcount-entry.js", (c) => {
    c.header("content-type", "text/javascript; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(HEADCOUNT_ENTRY_JS);
  });

  app.use(loadSession);
  // What a signed-in user sees (pages, exports, API answers) is never kept by a browser or a shared cache.
  app.use(async (c, next) => {
    await next();
    if (c.get("session") && !c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });
  app.use(limitRequestBody);
  app.use(csrfProtection);
  // The files a signed-in write reads go to the shared upload readers under its user and municipality (fair queue).
  app.use(async (c, next) => {
    const session = c.get("session");
    if (!session || session.actor.userId === null || c.req.method === "GET" || c.req.method === "HEAD") return next();
    return asUploader({ municipalityId: session.municipality.id, userId: session.actor.userId }, () => next());
  });
  app.use(guardInput);

  app.onError(async (error, c) => {
    const known = isGyokakuError(error);
    if (!known) console.error(error);
    const status = known ? STATUS[error.code] : 500;
    if (known && error.code === "forbidden") await logRefusal(c, error);
    const message = known ? error.message : "サーバーで予期しないエラーが起きました。管理者に連絡してください";
    if (known && (error.code === "rate_limited" || error.code === "unavailable")) c.header("retry-after", String(error.details["retryAfterSeconds"] ?? 60));
    // A confirmation names what to confirm, so an API client can show it and send again with "confirm": true.
    const warnings = known && error.code === "confirmation_required" ? { warnings: error.details["warnings"] } : {};
    // Every problem a service found (the message says 「ほか2件」): an API client gets them all, with where each is.
    const problems = known && (error.code === "invalid_input" || error.code === "forbidden" || error.code === "conflict") ? apiProblems(error.details["problems"]) : {};
    if (wantsJson(c)) return c.json({ error: { code: known ? error.code : "internal", message, ...warnings, ...problems } }, status);
    if (status === 401 && c.req.method === "GET") return c.redirect(`/login?next=${encodeURIComponent(pathWithQuery(c))}`);
    return c.html(<ErrorPage status={status} message={message} session={c.var.session} csrfToken={c.var.csrfToken} />, status);
  });
  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: "not_found", message: "見つかりません" } }, 404);
    return c.html(<ErrorPage status={404} message="お探しのページは見つかりませんでした" session={c.var.session} csrfToken={c.var.csrfToken} />, 404);
  });

  // ---- login / logout ----
  app.get("/login", async (c) => {
    if (c.var.session) return c.redirect(safeNextPath(c.req.query("next")));
    const municipalities = await listMunicipalities(options.database.db);
    const next = safeNextPath(c.req.query("next"));
    return c.html(<LoginPage csrfToken={c.var.csrfToken} municipalities={municipalities} next={next} notice={c.req.query("loggedout") ? "ログアウトしました" : undefined} />);
  });

  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const municipalityId = Number(field(body, "municipality"));
    const username = field(body, "username");
    const next = safeNextPath(c.req.query("next"));
    try {
      // Bounded before anything is looked up or recorded (login_attempts keeps the name typed).
      const typed = parseInput(LoginForm, body);
      const { token } = await login(options.database.db, { ...typed, address: clientAddress(c) });
      setCookie(c, SESSION_COOKIE, token, cookieOptions(secureCookies, SESSION_IDLE_MS / 1000));
      deleteCookie(c, PRELOGIN_COOKIE, { path: "/" });
      // Only local paths (safeNextPath), so the login form cannot be used to send people elsewhere.
      return c.redirect(next);
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "unauthenticated" && error.code !== "rate_limited" && error.code !== "invalid_input")) throw error;
      if (error.code === "rate_limited") c.header("retry-after", String(error.details["retryAfterSeconds"]));
      const municipalities = await listMunicipalities(options.database.db);
      return c.html(
        <LoginPage csrfToken={c.var.csrfToken} municipalities={municipalities} next={next} selectedMunicipalityId={municipalityId} username={username.slice(0, TEXT_LIMITS.username)} error={error.message} />,
        STATUS[error.code],
      );
    }
  });

  app.post("/logout", async (c) => {
    const session = c.var.session;
    if (session) await logout(options.database.db, session);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) sessionCache.forget(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login?loggedout=1");
  });

  // ---- published material (no login) ----
  app.get("/public", async (c) => {
    const municipalities = await listMunicipalities(options.database.db);
    return c.html(<PublicIndexPage municipalities={municipalities} csrfToken={c.var.csrfToken} />);
  });

  // ---- signed-in pages ----
  app.get("/", async (c) => {
    if (!c.var.session) return c.redirect("/login");
    const session = c.var.session;
    const tenant = tenantOf(c, session);
    const [counts, recent, dashboard] = await Promise.all([
      organisationCounts(tenant),
      recentChanges(tenant, session.actor),
      dashboardFor(tenant, session.actor, todayInJapan()),
    ]);
    return c.html(
      <DashboardPage
        session={session}
        csrfToken={c.var.csrfToken}
        fiscalYear={currentFiscalYear()}
        unitCount={counts.units}
        userCount={counts.users}
        recentChanges={recent}
        dashboard={dashboard}
      />,
    );
  });

  registerOrganisationRoutes(app);
  registerApiRoutes(app);
  registerStaffingTransferRoutes(app);
  registerSecurityRoutes(app);
  registerRetirementRoutes(app);
  registerComparisonRoutes(app);
  registerReformRoutes(app);
  registerStaffingRoutes(app);
  registerHearingRoutes(app);
  registerPublicationApprovalRoutes(app);
  registerPublicationSiteRoutes(app);
  registerPublicationDocumentRoutes(app);
  registerUserRoutes(app);
  registerNotificationRoutes(app);

  app.get("/audit", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const pageSize = 50;
    const query = queryParams(c, { page: pageParam(), entity: textField("対象", TEXT_LIMITS.code), actor: textField("変更者", TEXT_LIMITS.username) });
    const page = query.page;
    const filter = { entity: query.entity || undefined, actor: query.actor || undefined };
    const { entries, total, entities } = await auditLogPage(tenant, session.actor, { ...filter, page, pageSize });
    return c.html(
      <AuditPage session={session} csrfToken={c.var.csrfToken} entries={entries} total={total} page={page} pageSize={pageSize} entities={entities} filter={filter} />,
    );
  });

  return app;
}

const PROBLEM_KEYS = ["message", "unitId", "unitName", "field", "sheet", "cell", "row", "column"] as const;

/** A service's per-row problems as the API shows them (only these keys; nothing else of the error's details). */
function apiProblems(list: unknown): { problems?: Record<string, unknown>[] } {
  if (!Array.isArray(list)) return {};
  const problems = list.flatMap((p: unknown) => {
    if (typeof p !== "object" || p === null || typeof (p as Record<string, unknown>)["message"] !== "string") return [];
    const source = p as Record<string, unknown>;
    return [Object.fromEntries(PROBLEM_KEYS.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]))];
  });
  return problems.length > 0 ? { problems } : {};
}
