import type { Hono } from "hono";
import { z } from "zod";
import { GyokakuError } from "../../domain/errors.js";
import { MAX_STORED_INTEGER } from "../../domain/input-limits.js";
import { CATEGORY_KEYS, type HeadcountCategory } from "../../domain/headcount.js";
import { canWriteAnyUnit } from "../../domain/roles.js";
import { apiCompliance, apiHeadcounts, apiQuotas, apiUnits } from "../../services/api-views.js";
import { saveHeadcounts } from "../../services/staffing.js";
import type { AppEnv } from "../env.js";
import { currentFiscalYear, intParam, requireSession, tenantOf } from "../request.js";
import { OPENAPI_DOCUMENT } from "./openapi.js";

const count = z.number().int().min(0).max(MAX_STORED_INTEGER, { error: `職員数が大きすぎます。${MAX_STORED_INTEGER.toLocaleString("ja-JP")}以下にしてください` }).nullable().optional();
const HeadcountPut = z.object({
  rows: z
    .array(
      z.object({
        unitId: z.number().int().min(1).max(MAX_STORED_INTEGER),
        counts: z.object({ staff: count, seconded: count, fixedTerm: count, onLeave: count, childcareSubstitutes: count }).strict(),
        /** The figures as the client read them (GET /api/v1/headcounts; {} when none): only the categories that differ from them are written, and one changed meanwhile is a 409. */
        expected: z.object({ staff: count, seconded: count, fixedTerm: count, onLeave: count, childcareSubstitutes: count }).strict(),
      }),
    )
    .min(1),
  /** The caller has shown the plausibility warnings of an earlier attempt (422 confirmation_required) and saves anyway. */
  confirm: z.boolean().optional(),
});

/** JSON API under /api/v1 (described by /api/v1/openapi.json). Writes need the session's X-CSRF-Token header. */
export function registerApiRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/openapi.json", (c) => c.json(OPENAPI_DOCUMENT));

  app.get("/api/v1/units", async (c) => {
    const session = requireSession(c);
    return c.json({ units: await apiUnits(tenantOf(c, session)) });
  });

  app.get("/api/v1/quotas", async (c) => {
    const session = requireSession(c);
    return c.json({ quotas: await apiQuotas(tenantOf(c, session)) });
  });

  app.get("/api/v1/headcounts", async (c) => {
    const session = requireSession(c);
    const from = intParam(c.req.query("from"), "from", 1868);
    const to = intParam(c.req.query("to"), "to", 9999);
    return c.json({ headcounts: await apiHeadcounts(tenantOf(c, session), { from, to }) });
  });

  app.put("/api/v1/headcounts/:year", async (c) => {
    // The role first, before the body is read: an administrator or an editor of some unit (the service authorizes
    // each unit in full).
    const session = requireSession(c);
    if (!canWriteAnyUnit(session.actor, session.actor.unitIds)) throw new GyokakuError("forbidden", "職員数を書き込む権限がありません");
    const year = intParam(c.req.param("year"), "year", NaN);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new GyokakuError("invalid_input", "JSONとして読めません");
    }
    const parsed = HeadcountPut.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GyokakuError("invalid_input", `入力が不正です: ${issue?.path.join(".")}: ${issue?.message}`, { issues: parsed.error.issues });
    }
    const countsFrom = (given: Partial<Record<HeadcountCategory, number | null | undefined>>) => {
      const counts: Partial<Record<HeadcountCategory, number>> = {};
      for (const key of CATEGORY_KEYS) {
        const value = given[key];
        if (value !== null && value !== undefined) counts[key] = value;
      }
      return counts;
    };
    const rows = parsed.data.rows.map((r) => ({ unitId: r.unitId, counts: countsFrom(r.counts), expected: countsFrom(r.expected) }));
    try {
      const changed = await saveHeadcounts(tenantOf(c, session), session.actor, year, rows, { confirmed: parsed.data.confirm === true });
      return c.json({ changed });
    } catch (error) {
      if (!(error instanceof GyokakuError) || error.code !== "conflict") throw error;
      // 409 with every value: as read, as stored now, as sent.
      return c.json({ error: { code: "conflict", message: error.message, conflicts: error.details["conflicts"] } }, 409);
    }
  });

  app.get("/api/v1/compliance", async (c) => {
    const session = requireSession(c);
    const year = intParam(c.req.query("year"), "year", NaN);
    return c.json(await apiCompliance(tenantOf(c, session), Number.isNaN(year) ? null : year, currentFiscalYear()));
  });

}
