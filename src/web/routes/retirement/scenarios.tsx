/** 推計シナリオ: saved projections, their list, comparison and deletion. */
import type { Hono } from "hono";
import { z } from "zod";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { canAdminister } from "../../../domain/roles.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../../domain/read-values.js";
import { requireAdmin } from "../../../services/authorization.js";
import { compareScenarios, deleteScenario, requireScenario, saveScenario } from "../../../services/retirement-scenarios.js";
import { listScenarios, unitOptions } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { CompareScenariosPage, ScenariosPage } from "../../pages/retirement-scenarios.js";
import { checkBox, formText, integerText, parseInput, queryParams } from "../../input.js";
import { intParam, requireSession, tenantOf } from "../../request.js";
import { projectionContext, projectionQuery, readProjection, renderProjection } from "./projection.js";

const MAX_COMPARED = 6;

/** Each name of `query` with its first value (as c.req.query() gives them). */
/** POST /staffing/scenarios: the scenario's name (the service checks it) and the projection's query it saves. */
const ScenarioForm = z.object({
  name: formText("シナリオ名"),
  query: formText("推計の条件").transform((text) => firstValues(new URLSearchParams(text))),
});

function firstValues(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of query) if (!(name in out)) out[name] = value;
  return out;
}

export function registerScenarioRoutes(app: Hono<AppEnv>): void {
  // ---- シナリオ ----
  app.post("/staffing/scenarios", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    // The role before the form is read (the service checks it again).
    requireAdmin(session.actor, "推計シナリオを保存する");
    const body = await c.req.parseBody();
    const { name, query } = parseInput(ScenarioForm, body);
    let id: number;
    try {
      const { params } = readProjection(query, await projectionContext(tenant));
      // The scenarios the page listed: without them a scenario saved meanwhile under the name would be replaced unseen.
      id = await saveScenario(tenant, session.actor, name, params, parseReadValues(body[READ_VALUES_FIELD]));
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      return renderProjection(c, session, query, { saveName: name, saveError: error.message }, error.code === "conflict" ? 409 : 400);
    }
    return c.redirect(`/staffing/scenarios?saved=${id}`);
  });

  app.get("/staffing/scenarios", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const [scenarios, units] = await Promise.all([listScenarios(tenant), unitOptions(tenant)]);
    // After a save (?saved=<scenario id>) or a delete (?deleted=1); a saved value that is no integer is a 400 naming it.
    const { saved: savedId, deleted } = queryParams(c, { saved: integerText("保存したシナリオ"), deleted: checkBox() });
    const savedName = scenarios.find((s) => s.id === savedId)?.name;
    const notice = savedName ? `シナリオ「${savedName}」を保存しました` : deleted ? "シナリオを削除しました" : undefined;
    return c.html(
      <ScenariosPage
        session={session}
        csrfToken={c.var.csrfToken}
        scenarios={scenarios}
        units={units}
        links={new Map(scenarios.map((s) => [s.id, projectionQuery(s.params)]))}
        isAdmin={canAdminister(session.actor)}
        notice={notice}
      />,
    );
  });

  app.get("/staffing/scenarios/compare", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const ids = [...new Set((c.req.queries("id") ?? []).map((v) => intParam(v, "シナリオ", 0)))];
    if (ids.length === 0) throw new GyokakuError("invalid_input", "比較するシナリオを選んでください");
    if (ids.length > MAX_COMPARED) throw new GyokakuError("invalid_input", `一度に比較できるのは${MAX_COMPARED}件までです`);
    const [compared, units] = await Promise.all([compareScenarios(tenant, ids), unitOptions(tenant)]);
    const entries = compared.map((e) => ({ ...e, link: projectionQuery(e.result.params) }));
    return c.html(<CompareScenariosPage session={session} csrfToken={c.var.csrfToken} entries={entries} units={units} />);
  });

  app.post("/staffing/scenarios/:id/delete", async (c) => {
    const session = requireSession(c);
    const id = intParam(c.req.param("id"), "シナリオ", 0);
    const tenant = tenantOf(c, session);
    // The role and the scenario before the form is read (the service checks both again); then the version the list
    // showed, without which a scenario saved again meanwhile would be deleted unseen (a lost update).
    requireAdmin(session.actor, "推計シナリオを削除する");
    await requireScenario(tenant, id);
    const read = parseReadValues((await c.req.parseBody())[READ_VALUES_FIELD]);
    await deleteScenario(tenant, session.actor, id, read);
    return c.redirect("/staffing/scenarios?deleted=1");
  });
}
