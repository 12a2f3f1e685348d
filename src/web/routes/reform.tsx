import type { Hono } from "hono";
import type { AppEnv } from "../env.js";
import { AreaPage } from "../pages/areas.js";
import { requireSession } from "../request.js";

/** 業務改革: editions, items, the yearly update round, verification, subcommittees, indicators. */
export function registerReformRoutes(app: Hono<AppEnv>): void {
  app.get("/reform", (c) => c.html(<AreaPage path="/reform" session={requireSession(c)} csrfToken={c.var.csrfToken} />));
}
