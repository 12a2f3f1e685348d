import type { Hono } from "hono";
import type { AppEnv } from "../env.js";

/** 定年引上げ: cohort table (図表6), age profiles, projection and levelled hiring, scenarios. */
export function registerRetirementRoutes(app: Hono<AppEnv>): void {
  void app;
}
