import type { Context, Hono } from "hono";
import { GyokakuError } from "../../domain/errors.js";
import { createUnit, reorganise, setSectors, updateUnit } from "../../services/organisation.js";
import { updateUnitContact } from "../../services/units.js";
import type { AppEnv } from "../env.js";
import { SectorsPage, UnitEditPage, UnitsPage } from "../pages/units.js";
import { field, requireSession, tenantOf, yearInput } from "../request.js";

/** A fiscal-year form field: blank → null, otherwise any label parseFiscalYear reads (令和8年度, R8, 2026). */
function yearField(body: Record<string, unknown>, name: string, label: string): number | null {
  return yearInput(field(body, name).trim(), label, null);
}

function idField(value: string): number | null {
  return value === "" ? null : Number(value);
}

function listField(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

async function renderUnits(c: Context<AppEnv>, extra: { notice?: string; error?: string } = {}, status: 200 | 400 | 403 | 409 = 200) {
  const session = requireSession(c);
  const tenant = tenantOf(c, session);
  const [units, events] = await Promise.all([tenant.units.list(), tenant.reorgEvents.list()]);
  return c.html(<UnitsPage session={session} csrfToken={c.var.csrfToken} units={units} events={events} {...extra} />, status);
}

/** 組織: units, their validity and sectors, reorganisation events, and 図表11. */
export function registerOrganisationRoutes(app: Hono<AppEnv>): void {
  app.get("/units", (c) => renderUnits(c, { notice: c.req.query("saved") ? "保存しました" : undefined }));

  app.post("/units", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    await createUnit(tenantOf(c, session), session.actor, {
      code: field(body, "code"),
      name: field(body, "name"),
      kind: field(body, "kind"),
      parentId: idField(field(body, "parent")),
      sector: field(body, "sector") || null,
      validFrom: yearField(body, "validFrom", "設置年度"),
      validTo: null,
    });
    return c.redirect("/units?saved=1");
  });

  app.post("/units/reorganisations", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody({ all: true });
    const fiscalYear = yearField(body, "fiscalYear", "年度");
    if (fiscalYear === null) throw new GyokakuError("invalid_input", "年度を入力してください");
    const newUnits = field(body, "newUnits")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .map((line, i) => {
        const match = /^(\S+)[\s\u3000]+(.+)$/.exec(line);
        if (!match?.[1] || !match[2]) throw new GyokakuError("invalid_input", `新しい組織の${i + 1}行目「${line}」は「コード 名称」の形で書いてください`);
        return { code: match[1], name: match[2].trim(), sector: null };
      });
    const parent = field(body, "parent");
    await reorganise(tenantOf(c, session), session.actor, {
      fiscalYear,
      kind: field(body, "kind"),
      fromUnitIds: listField(body, "from").map(Number),
      continuingUnitId: idField(field(body, "continuing")),
      ...(parent === "" ? {} : { parentId: Number(parent) }),
      newUnits,
      newName: field(body, "newName"),
      note: field(body, "note"),
    });
    return c.redirect("/units?saved=1");
  });

  app.get("/units/sectors", async (c) => {
    const session = requireSession(c);
    const units = await tenantOf(c, session).units.list();
    return c.html(<SectorsPage session={session} csrfToken={c.var.csrfToken} units={units} notice={c.req.query("saved") ? "保存しました" : undefined} />);
  });

  app.post("/units/sectors", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    const mapping = new Map<number, string | null>();
    for (const [key, value] of Object.entries(body)) {
      const match = /^sector\.(\d+)$/.exec(key);
      if (match?.[1] && typeof value === "string") mapping.set(Number(match[1]), value === "" ? null : value);
    }
    await setSectors(tenantOf(c, session), session.actor, mapping);
    return c.redirect("/units/sectors?saved=1");
  });

  app.get("/units/:id/edit", async (c) => {
    const session = requireSession(c);
    const unit = await tenantOf(c, session).units.get(Number(c.req.param("id")));
    if (!unit) throw new GyokakuError("not_found", "指定された組織はありません");
    return c.html(<UnitEditPage session={session} csrfToken={c.var.csrfToken} unit={unit} />);
  });

  app.post("/units/:id", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    await updateUnitContact(tenantOf(c, session), session.actor, {
      unitId: Number(c.req.param("id")),
      contact: field(body, "contact"),
      note: field(body, "note"),
    });
    return c.redirect("/units?saved=1");
  });

  app.post("/units/:id/structure", async (c) => {
    const session = requireSession(c);
    const body = await c.req.parseBody();
    await updateUnit(tenantOf(c, session), session.actor, Number(c.req.param("id")), {
      name: field(body, "name"),
      sector: field(body, "sector") || null,
      validFrom: yearField(body, "validFrom", "設置年度"),
      validTo: yearField(body, "validTo", "最終年度"),
    });
    return c.redirect("/units?saved=1");
  });
}
