import type { Hono } from "hono";
import type { AppEnv } from "../../env.js";
import { registerEditionRoutes } from "./editions.js";
import { registerIndicatorRoutes } from "./indicators.js";
import { registerItemRoutes } from "./items.js";
import { registerRoundRoutes } from "./rounds.js";
import { registerReformImportRoutes, registerReformTransferRoutes } from "./transfer.js";
import { registerVerificationRoutes } from "./verification.js";

/** 業務改革: editions, items, the yearly update round, verification, subcommittees, indicators, import and export. */
export function registerReformRoutes(app: Hono<AppEnv>): void {
  registerEditionRoutes(app);
  registerReformTransferRoutes(app);
  registerItemRoutes(app);
  registerRoundRoutes(app);
  registerVerificationRoutes(app);
  registerIndicatorRoutes(app);
  registerReformImportRoutes(app);
}
