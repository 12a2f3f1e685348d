import type { Context } from "hono";
import type { AppEnv } from "../../env.js";

export type Ctx = Context<AppEnv>;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export { categoryColumns } from "../../../services/retirement-views.js";
