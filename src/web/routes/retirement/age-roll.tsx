/** 年齢構成の年度更新: roll a unit's age profile into the next year, with a preview before anything is written. */
import type { Hono } from "hono";
import { GyokakuError, isGyokakuError, isInvalidInput } from "../../../domain/errors.js";
import type { CohortCount } from "../../../domain/projection.js";
import { retirementYearOfCohort } from "../../../domain/retirement.js";
import { parseAgeCount } from "../../../io/age-profile.js";
import { type AgeRollPreview, type AgeRollRequest, applyAgeRoll, previewAgeRoll } from "../../../services/age-profile-roll.js";
import type { SessionContext } from "../../../services/auth.js";
import { schedulesOf } from "../../../services/retirement-planning.js";
import { unitAgeProfile } from "../../../services/retirement-views.js";
import type { AppEnv } from "../../env.js";
import { AgeRollPage, HIRE_ROWS } from "../../pages/retirement-age-roll.js";
import type { RowProblemView } from "../../pages/staffing-common.js";
import { countCell, postedGrid, readPostedGrid } from "../../posted-grid.js";
import { intParam, requireSession, tenantOf, fiscalYearOr } from "../../request.js";
import { categoryColumns, type Ctx } from "./common.js";
import { AgeRollFields, hireRows } from "./schemas.js";
import { parseInput } from "../../input.js";
import { unitOf } from "../../../services/units.js";

const LEAVER_FIELD = /^l\.(\d{4})\.([A-Za-z0-9_-]{1,32})$/;

/** The leavers' cells (l.<cohort>.<category>): a posted grid whose bad cells come back with their field names. */
const LeaverGrid = postedGrid({
  prefix: "l.",
  pattern: LEAVER_FIELD,
  key: (m) => ({ cohort: Number(m[1]), category: m[2] ?? "" }),
  cell: (key) => countCell(`退職者(${key.cohort}年度生まれ)`, parseAgeCount),
});

/** The leavers and hires of the form; problems name the row in Japanese. */
function readRollForm(body: Record<string, unknown>, baseYear: number): { request: Omit<AgeRollRequest, "unitId" | "baseYear">; entered: Record<string, string>; problems: RowProblemView[] } {
  const grid = readPostedGrid(LeaverGrid, body, ["l.", "h."]);
  const { entered } = grid;
  const problems: RowProblemView[] = [...grid.problems];
  const leavers: CohortCount[] = grid.cells.filter((cell) => cell.value > 0).map(({ key, value }) => ({ ...key, count: value }));
  const hireRead = hireRows(HIRE_ROWS, baseYear).safeParse(body);
  if (!hireRead.success) problems.push(...hireRead.error.issues.map((issue) => ({ message: issue.message })));
  const hires = hireRead.success ? hireRead.data : [];
  return { request: { leavers, hires }, entered, problems };
}

async function render(c: Ctx, session: SessionContext, view: { unitId: number; baseYear: number; entered?: Record<string, string>; problems?: RowProblemView[]; preview?: AgeRollPreview }, status: 200 | 400 | 409 = 200) {
  const tenant = tenantOf(c, session);
  const [unit, profile, schedules] = await Promise.all([unitOf(tenant, view.unitId), unitAgeProfile(tenant, view.unitId, view.baseYear), schedulesOf(tenant)]);
  const retiresIn = new Map<string, number>();
  for (const r of profile) {
    try {
      retiresIn.set(`${r.cohort}/${r.category}`, retirementYearOfCohort(r.cohort, r.category, schedules));
    } catch (error) {
      // A category without a schedule: the preview names it. Anything else is a bug.
      if (!isInvalidInput(error)) throw error;
    }
  }
  return c.html(
    <AgeRollPage
      session={session}
      csrfToken={c.var.csrfToken}
      unit={{ id: unit.id, name: unit.name }}
      baseYear={view.baseYear}
      profile={profile}
      retiresIn={retiresIn}
      categories={categoryColumns(schedules)}
      entered={view.entered ?? {}}
      {...(view.problems ? { problems: view.problems } : {})}
      {...(view.preview ? { preview: view.preview } : {})}
    />,
    status,
  );
}

function problemsOf(error: GyokakuError): RowProblemView[] {
  const list = error.details["problems"];
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string").map((message) => ({ message })) : [{ message: error.message }];
}

export function registerAgeRollRoutes(app: Hono<AppEnv>): void {
  app.get("/staffing/age-profile/roll", async (c) => {
    const session = requireSession(c);
    const unitId = intParam(c.req.query("unit") ?? "", "組織", 0);
    const baseYear = fiscalYearOr(c.req.query("year"), "基準年度", NaN);
    return render(c, session, { unitId, baseYear });
  });

  app.post("/staffing/age-profile/roll", async (c) => {
    const session = requireSession(c);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    const { unit: unitId, year: baseYear, action, replace } = parseInput(AgeRollFields, body);
    const form = readRollForm(body, baseYear);
    const view = { unitId, baseYear, entered: form.entered };
    if (form.problems.length > 0) return render(c, session, { ...view, problems: form.problems }, 400);
    const request = { unitId, baseYear, ...form.request };
    try {
      if (action === "apply") {
        const done = await applyAgeRoll(tenant, session.actor, { ...request, replace });
        return c.redirect(`/staffing/age-profile?unit=${unitId}&year=${done.roll.nextYear}&saved=1`);
      }
      return render(c, session, { ...view, preview: await previewAgeRoll(tenant, session.actor, request) });
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      const preview = error.code === "conflict" ? await previewAgeRoll(tenant, session.actor, request) : undefined;
      return render(c, session, { ...view, problems: problemsOf(error), ...(preview ? { preview } : {}) }, error.code === "conflict" ? 409 : 400);
    }
  });
}
