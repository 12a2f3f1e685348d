/** セキュリティ (administrators): login throttles with their unlock, and the security log. */
import type { Hono } from "hono";
import { z } from "zod";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { loginThrottles, securityLog, unlockLogin } from "../../services/security-log.js";
import type { AppEnv } from "../env.js";
import { pageParam, parseInput, queryParams, textField } from "../input.js";
import { SecurityPage } from "../pages/security.js";
import { requireSession, tenantOf } from "../request.js";
import { requireAdmin } from "../../services/authorization.js";

const UnlockForm = z.object({ key: textField("解除する対象", 200 + TEXT_LIMITS.username, { required: true }) });

export function registerSecurityRoutes(app: Hono<AppEnv>): void {
  app.get("/security", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const { page } = queryParams(c, { page: pageParam() });
    const [log, throttles] = await Promise.all([securityLog(tenant, session.actor, page), loginThrottles(tenant, session.actor)]);
    return c.html(
      <SecurityPage session={session} csrfToken={c.var.csrfToken} log={log} throttles={throttles} notice={c.req.query("unlocked") === "1" ? "ログインの制限を解除しました" : undefined} />,
    );
  });

  app.post("/security/unlock", async (c) => {
    // The role first, before the form is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "ログインの制限を解除する");
    const { key } = parseInput(UnlockForm, await c.req.parseBody());
    await unlockLogin(tenantOf(c, session), session.actor, key);
    return c.redirect("/security?unlocked=1");
  });
}
