import type { Hono } from "hono";
import { inboxOf, markAllRead } from "../../services/notifications.js";
import type { AppEnv } from "../env.js";
import { NotificationsPage } from "../pages/notifications.js";
import { requireSession, tenantOf } from "../request.js";

/** お知らせ (issue 13 point 13): the inbox and marking it read. */
export function registerNotificationRoutes(app: Hono<AppEnv>): void {
  app.get("/notifications", async (c) => {
    const session = requireSession(c);
    const notifications = await inboxOf(tenantOf(c, session), session.actor);
    return c.html(<NotificationsPage session={session} csrfToken={c.var.csrfToken} notifications={notifications} notice={c.req.query("read") ? "すべて既読にしました" : undefined} />);
  });

  app.post("/notifications/read", async (c) => {
    const session = requireSession(c);
    await markAllRead(tenantOf(c, session), session.actor);
    return c.redirect("/notifications?read=1");
  });
}
