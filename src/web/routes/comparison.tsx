import type { Hono } from "hono";
import type { AppEnv } from "../env.js";
import { AreaPage } from "../pages/areas.js";
import { requireSession } from "../request.js";

/** 類似団体比較: classification (図表7), peers (図表8), Laspeyres (図表9), diagnosis (図表10), nationwide mode. */
export function registerComparisonRoutes(app: Hono<AppEnv>): void {
  app.get("/comparison", (c) => c.html(<AreaPage path="/comparison" session={requireSession(c)} csrfToken={c.var.csrfToken} />));
}
