import type { Context } from "hono";
import type { RetirementSchedule } from "../../../domain/retirement.js";
import { effectiveSchedules } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import type { CategoryColumn } from "../../pages/retirement-age-profile.js";

export type Ctx = Context<AppEnv>;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The job categories (職種) with a retirement schedule in force, as columns of the age grid and choices of the forms. */
export function categoryColumns(schedules: readonly RetirementSchedule[]): CategoryColumn[] {
  return effectiveSchedules(schedules).map(({ schedule }) => ({ code: schedule.category, label: schedule.label }));
}
