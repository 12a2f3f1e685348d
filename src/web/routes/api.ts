import type { Context, Hono } from "hono";
import type { z } from "zod";
import { GyokakuError } from "../../domain/errors.js";
import { CATEGORY_KEYS, type HeadcountCategory } from "../../domain/headcount.js";
import { apiCompliance, apiHeadcounts, apiQuotas, apiUnits, presentApiMe } from "../../services/api-views.js";
import { inboxOf } from "../../services/notifications.js";
import { saveHeadcounts } from "../../services/staffing.js";
import { getPresentedUser, listPresentedUsers } from "../../services/user-maintenance.js";
import type { AppEnv } from "../env.js";
import { parseApiInput } from "../input.js";
import { currentFiscalYear, requireSession, tenantOf } from "../request.js";
import { API } from "./api-contract.js";
import { openApiDocument } from "./openapi.js";
import { requireSomeUnitWriter } from "../../services/authorization.js";

/** The route's path parameters, parsed with its schema (api-contract.ts). */
function params<S extends z.ZodObject>(c: Context<AppEnv>, route: { params: S }): z.output<S> {
  return parseApiInput(route.params, c.req.param());
}

/** The route's query, parsed with its schema (api-contract.ts); other query parameters are ignored. */
function query<S extends z.ZodObject>(c: Context<AppEnv>, route: { query: S }): z.output<S> {
  return parseApiInput(route.query, c.req.query());
}

/** The route's JSON body, parsed with its schema (api-contract.ts). */
async function body<S extends z.ZodType>(c: Context<AppEnv>, route: { body: S }): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new GyokakuError("invalid_input", "JSONとして読めません");
  }
  return parseApiInput(route.body, json);
}

/** The recorded categories of a row as sent (null and absent both mean "not recorded"). */
function countsFrom(given: Partial<Record<HeadcountCategory, number | null | undefined>>): Partial<Record<HeadcountCategory, number>> {
  const counts: Partial<Record<HeadcountCategory, number>> = {};
  for (const key of CATEGORY_KEYS) {
    const value = given[key];
    if (value !== null && value !== undefined) counts[key] = value;
  }
  return counts;
}

/**
 * JSON API under /api/v1: every route of api-contract.ts's table, registered from it (method and path) and parsing
 * its input with the table's schemas; /api/v1/openapi.json is generated from the same table. Writes need the
 * session's X-CSRF-Token header.
 */
export function registerApiRoutes(app: Hono<AppEnv>): void {
  app.get(API.openapi.path, (c) => c.json(openApiDocument()));

  app.get(API.me.path, (c) => c.json(presentApiMe(requireSession(c))));

  app.get(API.users.path, async (c) => {
    const session = requireSession(c);
    return c.json({ users: await listPresentedUsers(tenantOf(c, session), session.actor) });
  });

  app.get(API.user.path, async (c) => {
    const session = requireSession(c);
    return c.json(await getPresentedUser(tenantOf(c, session), session.actor, { id: params(c, API.user).id }));
  });

  app.get(API.units.path, async (c) => {
    const session = requireSession(c);
    return c.json({ units: await apiUnits(tenantOf(c, session)) });
  });

  app.get(API.quotas.path, async (c) => {
    const session = requireSession(c);
    return c.json({ quotas: await apiQuotas(tenantOf(c, session)) });
  });

  app.get(API.headcounts.path, async (c) => {
    const session = requireSession(c);
    const { from, to } = query(c, API.headcounts);
    return c.json({ headcounts: await apiHeadcounts(tenantOf(c, session), { from, to }) });
  });

  app.put(API.putHeadcounts.path, async (c) => {
    // The role first, before the body is read: an administrator or an editor of some unit (the service authorizes
    // each unit in full).
    const session = requireSession(c);
    requireSomeUnitWriter(session.actor, "職員数を書き込む");
    const { year } = params(c, API.putHeadcounts);
    const sent = await body(c, API.putHeadcounts);
    const rows = sent.rows.map((r) => ({ unitId: r.unitId, counts: countsFrom(r.counts), expected: countsFrom(r.expected) }));
    try {
      const changed = await saveHeadcounts(tenantOf(c, session), session.actor, year, rows, { confirmed: sent.confirm === true });
      return c.json({ changed });
    } catch (error) {
      if (!(error instanceof GyokakuError) || error.code !== "conflict") throw error;
      // 409 with every value: as read, as stored now, as sent.
      return c.json({ error: { code: "conflict", message: error.message, conflicts: error.details["conflicts"] } }, 409);
    }
  });

  app.get(API.compliance.path, async (c) => {
    const session = requireSession(c);
    const { year } = query(c, API.compliance);
    return c.json(await apiCompliance(tenantOf(c, session), year, currentFiscalYear()));
  });

  app.get(API.notifications.path, async (c) => {
    const session = requireSession(c);
    const rows = await inboxOf(tenantOf(c, session), session.actor);
    return c.json({ unread: rows.filter((r) => !r.read).length, notifications: rows });
  });
}
