/** Applying a decided round to next year's 配置計画 and organisation, with a preview and undo. */
import type { Context, Hono } from "hono";
import { formatFiscalYear } from "../../../domain/era.js";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import type { SessionContext } from "../../../services/auth.js";
import { applyDecisions, previewApply, undoApply } from "../../../services/hearing/apply.js";
import { roundOverview } from "../../../services/hearing/overview.js";
import { exportRoundWorkbook } from "../../../services/hearing/round-export.js";
import { getRound } from "../../../services/hearing/rounds.js";
import type { AppEnv } from "../../env.js";
import { roundPath } from "../../pages/hearing-common.js";
import { ApplyPage } from "../../pages/hearing-apply.js";
import { OverviewPage } from "../../pages/hearing-overview.js";
import { parseInput } from "../../input.js";
import { fileResponse, intParam, requireSession, STATUS, tenantOf } from "../../request.js";
import { isIllustrative } from "./illustrative.js";
import { ApplyForm, CloseRoundForm } from "./schemas.js";

type Ctx = Context<AppEnv>;

function roundId(c: Ctx): number {
  const n = intParam(c.req.param("round"), "ヒアリング", 0);
  if (n <= 0) throw new GyokakuError("not_found", "見つかりません");
  return n;
}

async function page(c: Ctx, session: SessionContext, id: number, options: { error?: string; done?: "applied" | "undone"; status?: 200 | 400 | 409 } = {}) {
  const tenant = tenantOf(c, session);
  const preview = await previewApply(tenant, session.actor, id);
  const round = await getRound(tenant, session.actor, id);
  const year = formatFiscalYear(preview.targetYear);
  // Said as it happened: what was written, and whether it can still be taken back.
  const notice =
    options.done === "applied" && preview.applied
      ? `決定を反映しました: ${year}の配置計画 ${preview.staffing.length}組織、組織改正 ${preview.orgChanges.length}件。${preview.unapplicable.length > 0 ? `適用できない行 ${preview.unapplicable.length}件は除きました(下の一覧)。` : ""}${preview.canUndo ? `${year}の4月1日職員数を入力するまでは取り消せます` : "取り消しはできません"}`
      : options.done === "undone" && !preview.applied
        ? `反映を取り消しました。${year}の配置計画と組織は反映前の状態に戻りました`
        : undefined;
  return c.html(
    <ApplyPage session={session} csrfToken={c.var.csrfToken} title={round.title} preview={preview} decided={round.status === "decided"} illustrative={isIllustrative(round.title)} error={options.error} notice={notice} />,
    options.status ?? 200,
  );
}

export function registerHearingApplyRoutes(app: Hono<AppEnv>): void {
  app.get("/hearings/:round/overview", async (c) => {
    const session = requireSession(c);
    const overview = await roundOverview(tenantOf(c, session), session.actor, roundId(c));
    return c.html(<OverviewPage session={session} csrfToken={c.var.csrfToken} overview={overview} illustrative={isIllustrative(overview.title)} />);
  });

  app.get("/hearings/:round/overview.xlsx", async (c) => {
    const session = requireSession(c);
    const file = await exportRoundWorkbook(tenantOf(c, session), session.actor, roundId(c));
    return fileResponse(c, { ...file, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  });

  app.get("/hearings/:round/apply", async (c) => {
    const session = requireSession(c);
    const done = c.req.query("applied") ? "applied" : c.req.query("undone") ? "undone" : undefined;
    return page(c, session, roundId(c), done ? { done } : {});
  });

  const action = (path: string, run: (c: Ctx, session: SessionContext, id: number, body: Record<string, unknown>) => Promise<unknown>, done: string) =>
    app.post(`/hearings/:round/${path}`, async (c) => {
      const session = requireSession(c);
      const id = roundId(c);
      const body = await c.req.parseBody();
      try {
        await run(c, session, id, body);
        return c.redirect(`${roundPath(id)}/apply?${done}=1`);
      } catch (error) {
        if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
        return page(c, session, id, { error: error.message, status: STATUS[error.code] as 400 | 409 });
      }
    });
  action(
    "apply",
    (c, session, id, body) =>
      applyDecisions(tenantOf(c, session), session.actor, { roundId: id, ...parseInput(ApplyForm, body) }),
    "applied",
  );
  action("apply/undo", (c, session, id, body) => undoApply(tenantOf(c, session), session.actor, { roundId: id, ...parseInput(CloseRoundForm, body) }), "undone");
}
