/**
 * The zod shapes of the JSON kept in text columns, read back through readStoredJson (db/stored-json.ts): a value that
 * is not JSON or not of the shape fails as GyokakuError stored_data_invalid naming the table, column and row, instead
 * of flowing on as a wrongly typed value and crashing deep inside a page.
 */
import { z } from "zod";
import { readStoredJson } from "../db/stored-json.js";
import type { OrgUnitRow } from "../db/schema.js";
import type { StaffingPlanRow } from "../db/schema-hearing.js";
import { type FormContent, Form1Schema, Form2Schema, form3Schema } from "../domain/hearing-forms.js";
import { type FormNumber, type LineDecision, OUTCOMES } from "../domain/hearing.js";
import { BlockSchema, PlanCellSchema, toBlocks, toPlanCell } from "../domain/reform-json.js";
import type { Block, PlanCell } from "../domain/reform.js";

const Strings = z.array(z.string());

/** A JSON list of strings (lines of a cell, unit labels, lineage keys, 職種). @throws GyokakuError stored_data_invalid */
export function storedStrings(json: string, where: string): string[] {
  return readStoredJson(Strings, json, where);
}

// The blocks of the JSON export plus the images the secretariat places (![説明](番号)), which are stored but not exported.
const Blocks = z.array(z.union([BlockSchema, z.object({ type: z.literal("image"), attachmentId: z.number().int(), alt: z.string() })]));

/** Rich text blocks (content_json, effect_json, remarks_json of reform_items). @throws GyokakuError stored_data_invalid */
export function storedBlocks(json: string, where: string): Block[] {
  return readStoredJson(Blocks, json, where).map((b) => (b.type === "image" ? b : (toBlocks([b])[0] as Block)));
}

const Draft = z.object({ result: PlanCellSchema, plans: z.record(z.string().regex(/^\d+$/), PlanCellSchema) });

/** reform_updates.draft_json: the 取組実績 and 取組計画 cells a division is writing. @throws GyokakuError stored_data_invalid */
export function storedDraft(json: string, where: string): { result: PlanCell; plans: Record<number, PlanCell> } {
  const draft = readStoredJson(Draft, json, where);
  return { result: toPlanCell(draft.result), plans: Object.fromEntries(Object.entries(draft.plans).map(([fy, cell]) => [Number(fy), toPlanCell(cell)])) };
}

const Diff = z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }));

/** reform_revisions.diff_json: the fields a revision changed. @throws GyokakuError stored_data_invalid */
export function storedDiff(json: string, where: string): { field: string; before: unknown; after: unknown }[] {
  return readStoredJson(Diff, json, where);
}

const Decisions = z.record(
  z.string(),
  z.object({
    outcome: z.enum(OUTCOMES),
    approvedChange: z
      .number()
      .nullish()
      .transform((v) => v ?? undefined),
    reason: z.string(),
  }),
);

/** hearing_forms.decisions_json: the secretariat's decision per request line id. @throws GyokakuError stored_data_invalid */
export function storedDecisions(json: string, where: string): Record<string, LineDecision> {
  const decisions = readStoredJson(Decisions, json, where);
  return Object.fromEntries(Object.entries(decisions).map(([id, d]) => [id, { outcome: d.outcome, reason: d.reason, ...(d.approvedChange === undefined ? {} : { approvedChange: d.approvedChange }) }]));
}

// Stored content was checked by the same schemas when it was saved; the year only names years in messages, which a
// stored value never shows, so one 様式3 schema serves every round.
const FORM_SCHEMAS = { 1: Form1Schema, 2: Form2Schema, 3: form3Schema(2000) } as const;

/** Names a hearing_forms row in a stored_data_invalid message: 「hearing_forms.content_json (ヒアリング #3, 組織 #12, 様式3)」. */
export function formWhere(row: { round_id: number; unit_id: number; form: number }, column: "content_json" | "decisions_json"): string {
  return `hearing_forms.${column} (ヒアリング #${row.round_id}, 組織 #${row.unit_id}, 様式${row.form})`;
}

/** hearing_forms.content_json of form 1, 2 or 3. @throws GyokakuError stored_data_invalid */
export function storedFormContent<F extends FormNumber>(form: F, json: string, where: string): FormContent[F] {
  return readStoredJson(FORM_SCHEMAS[form] as unknown as z.ZodType<FormContent[F]>, json, where);
}

const rowWith = <T>(key: string) => z.custom<T>((v) => typeof v === "object" && v !== null && typeof (v as Record<string, unknown>)[key] === "number");
const SnapshotState = z.object({ units: z.array(rowWith<OrgUnitRow>("id")), eventIds: z.array(z.number().int()), plans: z.array(rowWith<StaffingPlanRow>("unit_id")) });
// The approved lines the secretariat applied the round without (domain/hearing-applicable.ts UnapplicableLine).
const Skipped = z.array(z.object({ key: z.string(), form: z.union([z.literal(2), z.literal(3)]), departmentId: z.number().int(), departmentName: z.string(), lineId: z.string(), line: z.string(), reason: z.string() }));
const Snapshot = SnapshotState.extend({ after: SnapshotState.optional(), skipped: Skipped.optional() });

/** hearing_rounds.apply_snapshot_json: the units, reorganisation events and plans before (and after) applying, and the lines left out. @throws GyokakuError stored_data_invalid */
export function storedApplySnapshot(json: string, where: string): z.output<typeof Snapshot> {
  return readStoredJson(Snapshot, json, where);
}
