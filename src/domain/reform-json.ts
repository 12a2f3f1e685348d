/**
 * The shapes of 重点推進項目 data written as JSON (the demo file, `gyokaku export reform --format json`), checked
 * with zod wherever such JSON is read back, so a file edited by hand fails with a message instead of flowing on.
 */
import { z } from "zod";
import { type Block, type PlanCell, STAGES } from "./reform.js";

/** A plan or result cell: its stage (<継続実施> …), its lines, or 同左. */
export const PlanCellSchema = z.object({ stage: z.enum(STAGES).nullable().optional(), lines: z.array(z.string()).optional(), sameAsLeft: z.boolean().optional() });

/** A block of rich text (段落・見出し・箇条書き・表). */
export const BlockSchema = z.union([
  z.object({ type: z.literal("paragraph"), text: z.string() }),
  z.object({ type: z.literal("heading"), text: z.string() }),
  z.object({ type: z.literal("list"), items: z.array(z.string()) }),
  z.object({ type: z.literal("table"), header: z.array(z.string()).nullable(), rows: z.array(z.array(z.string())) }),
]);

/**
 * The fields an item has in every JSON form (the demo file and the edition export): number, name, 継続/新規, 担当課 and
 * the three rich-text fields. Each form adds its own plan and history cells (`.extend`).
 */
export const ItemJsonFields = z.object({
  number: z.number().int(),
  name: z.string(),
  state: z.string(),
  units: z.array(z.string()),
  content: z.array(BlockSchema),
  effect: z.array(BlockSchema),
  remarks: z.array(BlockSchema),
});

/** Checked blocks → the domain's blocks (a table without a header gets an empty one). */
export function toBlocks(list: readonly z.infer<typeof BlockSchema>[]): Block[] {
  return list.map((b) => (b.type === "table" ? { type: "table", header: b.header ?? [], rows: b.rows } : b));
}

/** A checked cell → the domain's cell. */
export function toPlanCell(cell: z.infer<typeof PlanCellSchema>): PlanCell {
  return { stage: cell.stage ?? null, lines: cell.lines ?? [], ...(cell.sameAsLeft ? { sameAsLeft: true } : {}) };
}
