import type { Context, Hono } from "hono";
import { isInvalidInput } from "../../domain/errors.js";
import { parseReadValues, READ_VALUES_FIELD } from "../../domain/read-values.js";
import { createUnit, organisationPage, presentedUnits, reorganise, setSectors, unitForEdit, updateUnit } from "../../services/organisation.js";
import { updateUnitContact } from "../../services/units.js";
import type { AppEnv } from "../env.js";
import { SectorsPage, UnitEditPage, UnitsPage, type UnitsPageProps } from "../pages/units.js";
import { idParam, parseInput, pathParams, textField } from "../input.js";
import { NewUnitForm, ReorganisationForm, UnitContactForm, UnitStructureForm } from "./organisation-schemas.js";
import { requireSession, tenantOf } from "../request.js";
import { requireAdmin } from "../../services/authorization.js";

const unitId = (c: Context<AppEnv>) => pathParams(c, { id: idParam("組織") }).id;

async function renderUnits(c: Context<AppEnv>, extra: Pick<UnitsPageProps, "notice" | "error" | "entered"> = {}, status: 200 | 400 | 403 | 409 = 200) {
  const session = requireSession(c);
  const tenant = tenantOf(c, session);
  const { units, events } = await organisationPage(tenant);
  return c.html(<UnitsPage session={session} csrfToken={c.var.csrfToken} units={units} events={events} {...extra} />, status);
}

/**
 * Runs `write`; a refusal of what was typed (invalid_input) is the 組織 page again with its message and the `form`'s
 * fields as posted in `body`, at 400, nothing written. Undefined when written.
 */
async function refusedAsPage(c: Context<AppEnv>, form: "reorganisation" | "unit", body: Record<string, unknown>, write: () => Promise<void>): Promise<Response | undefined> {
  try {
    await write();
    return undefined;
  } catch (error) {
    if (!isInvalidInput(error)) throw error;
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === "string") fields[name] = value;
      else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === "string");
    }
    return renderUnits(c, { error: error.message, entered: { form, fields } }, 400);
  }
}

/** 組織: units, their validity and sectors, reorganisation events, and 図表11. */
export function registerOrganisationRoutes(app: Hono<AppEnv>): void {
  app.get("/units", (c) => renderUnits(c, { notice: c.req.query("saved") ? "保存しました" : undefined }));

  app.post("/units", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const form = await refusedAsPage(c, "unit", body, async () => {
      const unit = parseInput(NewUnitForm, body);
      const { parent, ...rest } = unit;
      await createUnit(tenantOf(c, session), session.actor, { ...rest, parentId: parent, validTo: null });
    });
    return form ?? c.redirect("/units?saved=1");
  });

  app.post("/units/reorganisations", async (c) => {
    // The role first, before the form is read (the service authorizes in full).
    const session = requireSession(c);
    requireAdmin(session.actor, "組織改正を登録する");
    const body = await c.req.parseBody({ all: true });
    const form = await refusedAsPage(c, "reorganisation", body, async () => {
      const { from, continuing, parent, ...rest } = parseInput(ReorganisationForm, body);
      await reorganise(tenantOf(c, session), session.actor, { ...rest, fromUnitIds: from, continuingUnitId: continuing, ...(parent === null ? {} : { parentId: parent }) });
    });
    return form ?? c.redirect("/units?saved=1");
  });

  app.get("/units/sectors", async (c) => {
    const session = requireSession(c);
    const units = await presentedUnits(tenantOf(c, session));
    return c.html(<SectorsPage session={session} csrfToken={c.var.csrfToken} units={units} notice={c.req.query("saved") ? "保存しました" : undefined} />);
  });

  app.post("/units/sectors", async (c) => {
    const session = requireSession(c);
    // The role before the form is read (the service checks it again).
    requireAdmin(session.actor, "組織を変更する");
    const body = await c.req.parseBody();
    const mapping = new Map<number, string | null>();
    for (const [key, value] of Object.entries(body)) {
      const match = /^sector\.(\d+)$/.exec(key);
      if (match?.[1] && typeof value === "string") mapping.set(parseInput(idParam("組織"), match[1]), value === "" ? null : parseInput(textField("部門", 16), value));
    }
    // The sectors the form showed: without them a stale form would revert sectors changed meanwhile unseen.
    await setSectors(tenantOf(c, session), session.actor, mapping, parseReadValues(body[READ_VALUES_FIELD]));
    return c.redirect("/units/sectors?saved=1");
  });

  app.get("/units/:id/edit", async (c) => {
    const session = requireSession(c);
    const unit = await unitForEdit(tenantOf(c, session), unitId(c));
    return c.html(<UnitEditPage session={session} csrfToken={c.var.csrfToken} unit={unit} />);
  });

  app.post("/units/:id", async (c) => {
    const session = requireSession(c);
    const form = parseInput(UnitContactForm, await c.req.parseBody());
    await updateUnitContact(tenantOf(c, session), session.actor, { unitId: unitId(c), ...form });
    return c.redirect("/units?saved=1");
  });

  app.post("/units/:id/structure", async (c) => {
    const session = requireSession(c);
    // The fields as the form read them (hidden): only the fields changed from them are written; one changed meanwhile is a 409.
    const form = parseInput(UnitStructureForm, await c.req.parseBody());
    await updateUnit(tenantOf(c, session), session.actor, unitId(c), form);
    return c.redirect("/units?saved=1");
  });
}
