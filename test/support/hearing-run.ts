import type { TenantDb } from "../../src/db/tenant.js";
import type { LineDecision } from "../../src/domain/hearing.js";
import { requestLines } from "../../src/domain/hearing-forms.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { departmentForms, saveForm, stepForm } from "../../src/services/hearing/forms.js";

/** Saves `content` (if given), then submits, hears and decides one form of a round with the decisions `decide` gives per line (as the CLI actor). */
export async function runForm(tenant: TenantDb, roundId: number, unitId: number, form: number, content: unknown, decide: (id: string) => LineDecision): Promise<void> {
  let view = (await departmentForms(tenant, CLI_ACTOR, roundId, unitId)).forms[form - 1];
  if (!view) throw new Error("form missing");
  if (content !== undefined) view = await saveForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, content });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "submit" });
  view = await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "hear", heardOn: "2025-08-01" });
  const decisions = Object.fromEntries(requestLines(view.form, view.content).map((l) => [l.id, decide(l.id)]));
  await stepForm(tenant, CLI_ACTOR, { roundId, unitId, form, version: view.version, action: "decide", decisions });
}

/** The first prefilled 様式3 line of a department, asking `increase` more people in the target year. */
export async function staffLine(tenant: TenantDb, roundId: number, unitId: number, increase: number): Promise<Record<string, unknown>> {
  const content = (await departmentForms(tenant, CLI_ACTOR, roundId, unitId)).forms[2]?.content as { lines: Record<string, unknown>[] };
  return { ...content.lines[0], years: [{ increase, decrease: 0 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "業務増" };
}
