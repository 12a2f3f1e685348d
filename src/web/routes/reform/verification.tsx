/** Verification by the 行政改革推進本部. */
import type { Hono } from "hono";
import { GyokakuError } from "../../../domain/errors.js";
import type { SessionContext } from "../../../services/auth.js";
import { storedVerification, type VerificationView, verifyItem } from "../../../services/reform/verification.js";
import { normaliseText } from "../../../services/reform-transfer.js";
import { reformEditions, verificationSheet } from "../../../services/reform-views.js";
import type { AppEnv } from "../../env.js";
import { formatTimestamp } from "../../format.js";
import { type VerificationFormState, VerificationPage } from "../../pages/reform-verification.js";
import { parseInput } from "../../input.js";
import { requireSession, STATUS, tenantOf } from "../../request.js";
import { type Ctx, isKnown, yearOrLatest } from "./common.js";
import { VerificationForm } from "./schemas.js";

export function registerVerificationRoutes(app: Hono<AppEnv>): void {
  // ---- verification by the headquarters ----
  const verificationPage = async (c: Ctx, session: SessionContext, year: number, options: { notice?: string; form?: VerificationFormState; status?: 200 | 400 | 409 | 422 } = {}) => {
    const tenant = tenantOf(c, session);
    const [sheet, editions] = await Promise.all([verificationSheet(tenant, year), reformEditions(tenant)]);
    return c.html(<VerificationPage session={session} csrfToken={c.var.csrfToken} sheet={sheet} editions={editions} notice={options.notice} form={options.form} />, options.status ?? 200);
  };

  app.get("/reform/verification", async (c) => {
    const session = requireSession(c);
    const year = await yearOrLatest(c, session);
    if (year === null) throw new GyokakuError("not_found", "基本方針の版がまだありません");
    return verificationPage(c, session, year, c.req.query("done") ? { notice: "検証を記録しました" } : {});
  });

  app.post("/reform/verification", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const { itemId, year, evaluation, opinion, decision, version: expectedVersion, opinionInternal, confirmWithoutResult } = parseInput(VerificationForm, body);
    const entered = { evaluation, opinion, decision };
    // The version as read by the schema (blank: none), shown again with a refusal.
    const versionText = expectedVersion === null ? "" : String(expectedVersion);
    try {
      await verifyItem(tenantOf(c, session), session.actor, { itemId, fiscalYear: year, ...entered, expectedVersion, opinionInternal, confirmWithoutResult });
    } catch (error) {
      if (!isKnown(error, "invalid_input", "conflict", "confirmation_required")) throw error;
      const theirs = error.details["theirs"] as VerificationView | undefined;
      const stored = theirs ?? (await storedVerification(tenantOf(c, session), itemId, year));
      const form: VerificationFormState = {
        itemId,
        entered,
        version: error.code === "conflict" ? (stored?.version === undefined ? "" : String(stored.version)) : versionText,
      };
      if (error.code === "conflict" && theirs) {
        form.conflict = {
          message: error.message,
          theirsCaption: `記録されている最新の内容(${theirs.verifiedBy} ${formatTimestamp(theirs.verifiedAt)})`,
          rows: [
            { label: "評価", theirs: theirs.evaluation, mine: entered.evaluation },
            { label: "次年度の方針", theirs: theirs.decision, mine: entered.decision },
            { label: "意見", theirs: theirs.opinion, mine: entered.opinion },
          ].filter((r) => normaliseText(r.theirs) !== normaliseText(r.mine)),
        };
      } else {
        form.error = error.message;
        if (error.code === "confirmation_required") form.askConfirmWithoutResult = true;
      }
      return verificationPage(c, session, year, { form, status: STATUS[error.code] as 400 | 409 | 422 });
    }
    return c.redirect(`/reform/verification?year=${year}&done=${itemId}#item-${itemId}`);
  });
}
