import { MAX_UPLOAD_BYTES } from "../../body-limit.js";
/** Excel round trip of a department's forms: download prefilled, upload filled (all or nothing). */
import type { Hono } from "hono";
import { GyokakuError, isGyokakuError } from "../../../domain/errors.js";
import { canAdminister } from "../../../domain/roles.js";
import { departmentForms } from "../../../services/hearing/forms.js";
import { exportDepartmentWorkbook, importDepartmentWorkbook, WorkbookRejected } from "../../../services/hearing/workbook.js";
import type { AppEnv } from "../../env.js";
import { departmentPath } from "../../pages/hearing-common.js";
import { DepartmentPage } from "../../pages/hearing-form.js";
import { fileResponse, intParam, requireSession, STATUS, tenantOf, uploadedFile } from "../../request.js";
import { isIllustrative } from "./illustrative.js";
import { requireHearingDepartmentEditor } from "../../../services/authorization.js";


function ids(param: (name: string) => string | undefined) {
  const roundId = intParam(param("round"), "ヒアリング", 0);
  const unitId = intParam(param("unit"), "部局", 0);
  if (roundId <= 0 || unitId <= 0) throw new GyokakuError("not_found", "見つかりません");
  return { roundId, unitId };
}

export function registerHearingWorkbookRoutes(app: Hono<AppEnv>): void {
  app.get("/hearings/:round/departments/:unit/workbook", async (c) => {
    const session = requireSession(c);
    const { roundId, unitId } = ids((n) => c.req.param(n));
    const file = await exportDepartmentWorkbook(tenantOf(c, session), session.actor, roundId, unitId);
    return fileResponse(c, { ...file, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  });

  app.post("/hearings/:round/departments/:unit/workbook", async (c) => {
    const session = requireSession(c);
    const { roundId, unitId } = ids((n) => c.req.param(n));
    // The role first, before the upload is read (the service checks the round and the department in full).
    requireHearingDepartmentEditor(session.actor, unitId);
    const tenant = tenantOf(c, session);
    const body = await c.req.parseBody();
    try {
      const { bytes } = await uploadedFile(body, MAX_UPLOAD_BYTES.workbook);
      const result = await importDepartmentWorkbook(tenant, session.actor, { roundId, unitId, bytes });
      return c.redirect(`${departmentPath(roundId, unitId)}?uploaded=${result.saved.length}`);
    } catch (error) {
      if (!isGyokakuError(error) || (error.code !== "invalid_input" && error.code !== "conflict")) throw error;
      const dept = await departmentForms(tenant, session.actor, roundId, unitId);
      return c.html(
        <DepartmentPage
          session={session}
          csrfToken={c.var.csrfToken}
          dept={dept}
          illustrative={isIllustrative(dept.roundTitle)}
          admin={canAdminister(session.actor)}
          error={error.message}
          problems={error instanceof WorkbookRejected ? error.problems : []}
        />,
        STATUS[error.code] as 400 | 409,
      );
    }
  });
}
