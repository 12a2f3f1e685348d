import type { Hono } from "hono";
import type { AppEnv } from "../../env.js";
import { registerAgeProfileRoutes } from "./age-profile.js";
import { registerAgeRollRoutes } from "./age-roll.js";
import { registerCohortTableRoutes } from "./cohorts.js";
import { registerProjectionRoutes } from "./projection.js";
import { registerScenarioRoutes } from "./scenarios.js";

/** 定年引上げ: the 退職予定 cohort table, age profiles, projection and levelled hiring, scenarios. */
export function registerRetirementRoutes(app: Hono<AppEnv>): void {
  registerCohortTableRoutes(app);
  registerAgeRollRoutes(app);
  registerAgeProfileRoutes(app);
  registerProjectionRoutes(app);
  registerScenarioRoutes(app);
}
