import { readFileSync } from "node:fs";
import { z } from "zod";
import type { TenantDb } from "../db/tenant.js";
import { ItemJsonFields, PlanCellSchema, toBlocks } from "../domain/reform-json.js";
import { unitIdsNamed } from "../domain/reform.js";
import { CLI_ACTOR } from "./audit.js";

const DEMO_FILE = new URL("../../demo/chitose/reform.json", import.meta.url);

const Cell = PlanCellSchema;
const ReformFile = z.object({
  edition: z.number().int(),
  subcommittees: z.array(
    z.object({ code: z.string(), name: z.string(), role: z.string(), fromYear: z.number().int().nullable(), toYear: z.number().int().nullable(), items: z.array(z.number().int()) }),
  ),
  items: z.array(
    ItemJsonFields.extend({
      plans: z.record(z.string(), Cell),
      history: z.array(z.object({ fiscalYear: z.number().int(), plan: Cell.optional(), result: Cell.optional() })),
    }),
  ),
  indicators: z.array(
    z.object({
      item: z.number().int(),
      name: z.string(),
      unit: z.string(),
      baseline: z.object({ fiscalYear: z.number().int(), value: z.number() }).nullable().optional(),
      targets: z.array(z.object({ fiscalYear: z.number().int(), value: z.number() })).optional(),
      actuals: z.array(z.object({ fiscalYear: z.number().int(), value: z.number() })).optional(),
      cumulative: z.boolean().optional(),
      note: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});

const blocks = toBlocks;

/** Demo items keep a readable lineage key so the loader can tell which ones exist. */
const lineageOf = (number: number) => `chitose-r7-${String(number).padStart(2, "0")}`;

/** The R7 edition of the seed: ten items, six subcommittees, the indicators it gives figures for. Idempotent. */
export async function loadReformDemo(tx: Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems" | "reformSubcommittees" | "units">): Promise<string[]> {
  const data = ReformFile.parse(JSON.parse(readFileSync(DEMO_FILE, "utf8")));
  const added: string[] = [];
  const now = new Date().toISOString();
  let edition = await tx.reformEditions.getByYear(data.edition);
  if (!edition) {
    edition = await tx.reformEditions.create({ fiscalYear: data.edition, title: "行政改革基本方針 令和7年度(2025年度) 業務改革・定数管理", now });
    added.push("基本方針 R7");
  }
  const units = await tx.units.list();
  const existing = new Set((await tx.reformItems.listByEdition(edition.id)).map((i) => i.lineage_key));
  for (const item of data.items) {
    const lineageKey = lineageOf(item.number);
    if (existing.has(lineageKey)) continue;
    const row = await tx.reformItems.create({
      editionId: edition.id,
      lineageKey,
      number: item.number,
      name: item.name,
      state: item.state,
      unit_labels_json: JSON.stringify(item.units),
      content_json: JSON.stringify(blocks(item.content)),
      effect_json: JSON.stringify(blocks(item.effect)),
      remarks_json: JSON.stringify(blocks(item.remarks)),
      updatedBy: CLI_ACTOR.username,
      now,
    });
    await tx.reformItems.setUnits(row.id, unitIdsNamed(units, item.units));
    const setCell = (fy: number, kind: "plan" | "result", cell: z.infer<typeof Cell> | undefined) =>
      cell ? tx.reformItems.setCell(row.id, fy, kind, { stage: cell.stage ?? null, linesJson: JSON.stringify(cell.lines ?? []), sameAsLeft: cell.sameAsLeft === true }) : Promise.resolve();
    for (const [fy, cell] of Object.entries(item.plans)) await setCell(Number(fy), "plan", cell);
    for (const h of item.history) {
      await setCell(h.fiscalYear, "plan", h.plan);
      await setCell(h.fiscalYear, "result", h.result);
    }
    added.push(`重点推進項目(${item.number})`);
  }
  for (const s of data.subcommittees) {
    if (await tx.reformSubcommittees.getByCode(s.code)) continue;
    await tx.reformSubcommittees.upsert({ code: s.code, name: s.name, role: s.role, fromYear: s.fromYear, toYear: s.toYear, lineageKeys: s.items.map(lineageOf) });
    added.push(`専門部会 ${s.name}`);
  }
  const indicators = await tx.reformIndicators.list();
  for (const [i, ind] of data.indicators.entries()) {
    const lineageKey = lineageOf(ind.item);
    if (indicators.some((x) => x.lineage_key === lineageKey && x.name === ind.name)) continue;
    const row = await tx.reformIndicators.create({
      lineageKey,
      name: ind.name,
      unit: ind.unit,
      baselineYear: ind.baseline?.fiscalYear ?? null,
      baselineValue: ind.baseline?.value ?? null,
      cumulative: ind.cumulative ?? false,
      note: [ind.note, ind.source ? `出典: ${ind.source}` : ""].filter(Boolean).join(" / "),
      sortOrder: i,
    });
    for (const t of ind.targets ?? []) await tx.reformIndicators.setValue(row.id, t.fiscalYear, "target", t.value);
    for (const a of ind.actuals ?? []) await tx.reformIndicators.setValue(row.id, a.fiscalYear, "actual", a.value);
    added.push(`指標 ${ind.name}`);
  }
  return added;
}
