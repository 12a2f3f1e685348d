/**
 * 版の引継ぎ (edition carry-over, issue 13 point 4): what the next year's edition of the 基本方針 carries, drops
 * and adds, decided once here for the preview, the creation and the verification form.
 */
import { type PlanCell, planYears } from "./reform.js";

/** Does a 取組実績 cell say anything (a stage tag or a line)? An empty cell is no result. */
export function hasResult(cell: PlanCell | undefined): boolean {
  return cell !== undefined && !cell.sameAsLeft && (cell.stage !== null || cell.lines.some((l) => l.trim() !== ""));
}

/**
 * Why 完了 (completed) should not be recorded for an item yet: it has no approved 取組実績 for the year, so nothing
 * would show what was completed once the next edition drops it. null when a result exists.
 */
export function completionWithoutResult(itemName: string, fiscalYear: number, result: PlanCell | undefined, yearLabel: string): string | null {
  if (hasResult(result)) return null;
  return `「${itemName}」には${yearLabel}の承認された取組実績がありません。完了とすると次年度の版から外れ、何を完了したかが残りません`;
}

/**
 * The plan columns of the next edition (fromYear+1 … fromYear+4) from the plan cells an item has now.
 * - A 同左 in the new first column has no column on its left any more: it becomes the content it stood for
 *   (resolved through the old row), keeping its own stage tag (「<継続実施> 同左」 → <継続実施> and the lines on its left).
 * - The new last column ("and later") reads 同左 when the item has nothing for it.
 * Returns the cells by fiscal year, with `resolved` naming the years whose 同左 was replaced.
 */
export function carriedPlanColumns(
  plans: Readonly<Record<number, PlanCell | undefined>>,
  fromYear: number,
): { cells: Record<number, PlanCell>; resolved: number[]; addedLast: number | null } {
  const nextYears = planYears(fromYear + 1);
  const first = nextYears[0] ?? fromYear + 1;
  const last = nextYears[nextYears.length - 1] ?? fromYear + 4;
  const cells: Record<number, PlanCell> = {};
  const resolved: number[] = [];
  // Resolve left to right over every column the item has, so a chain of 同左 reaches real content.
  const years = [...new Set([...Object.keys(plans).map(Number), ...planYears(fromYear), ...nextYears])].filter((fy) => fy <= last).sort((a, b) => a - b);
  let left: PlanCell | undefined;
  for (const fy of years) {
    const cell = plans[fy];
    const effective: PlanCell | undefined = cell?.sameAsLeft ? { stage: cell.stage ?? left?.stage ?? null, lines: left?.lines ?? [] } : cell;
    if (fy >= first && cell) {
      if (fy === first && cell.sameAsLeft) {
        cells[fy] = { stage: effective?.stage ?? null, lines: [...(effective?.lines ?? [])] };
        resolved.push(fy);
      } else {
        cells[fy] = cell;
      }
    }
    if (effective) left = effective;
  }
  let addedLast: number | null = null;
  if (!cells[last]) {
    cells[last] = { stage: null, lines: [], sameAsLeft: true };
    addedLast = last;
  }
  return { cells, resolved, addedLast };
}

/** One item as the carry-over sees it. */
export interface CarryCandidate {
  number: number;
  name: string;
  /** 継続 / 新規 / 完了 */
  state: string;
  /** 推進本部's decision for the edition year (継続 / 完了 / 見直し), if recorded. */
  decision: string | null;
  /** The approved 取組実績 of the edition year, if any. */
  result: PlanCell | undefined;
  plans: Readonly<Record<number, PlanCell | undefined>>;
}

/**
 * What creating the next year's edition (年度) of the 基本方針 would do, shown before it is created and applied as
 * shown: the items carried (by 番号) with their changes, those dropped as 完了, the plan columns (年度) added, and warnings.
 */
export interface CarryPreview {
  fromYear: number;
  toYear: number;
  /** Items the new edition carries, each with what changes on the way (新規 → 継続, 同左 resolved, new column). */
  carried: { number: number; name: string; changes: string[] }[];
  /** Items the new edition drops (完了), with the reason and a warning when no result was approved. */
  dropped: { number: number; name: string; reason: string; warning: string | null }[];
  /** Plan columns the new edition adds (its last column, "and later"). */
  addedYears: number[];
  /** Warnings to confirm before creating (a 完了 without a result). */
  warnings: string[];
}

/**
 * What starting the next edition from `fromYear` will do, before anything is written. `yearLabel` formats a
 * fiscal year (令和8年度(2026年度)); it is passed in so this stays free of presentation choices.
 */
export function previewCarryOver(items: readonly CarryCandidate[], fromYear: number, yearLabel: (fy: number) => string): CarryPreview {
  const carried: CarryPreview["carried"] = [];
  const dropped: CarryPreview["dropped"] = [];
  const added = new Set<number>();
  for (const item of items) {
    const completedByState = item.state === "完了";
    if (completedByState || item.decision === "完了") {
      const warning = hasResult(item.result) ? null : `「${item.name}」は完了として外れますが、${yearLabel(fromYear)}の承認された取組実績がありません`;
      dropped.push({ number: item.number, name: item.name, reason: completedByState ? "区分が「完了」" : "推進本部の方針が「完了」", warning });
      continue;
    }
    const { resolved, addedLast } = carriedPlanColumns(item.plans, fromYear);
    const changes: string[] = [];
    if (item.state === "新規") changes.push("区分: 新規 → 継続");
    for (const fy of resolved) changes.push(`${yearLabel(fy)}の「同左」を左の列の内容に置き換え(最初の列になるため)`);
    if (addedLast !== null) {
      changes.push(`${yearLabel(addedLast)}以降の列を追加(同左)`);
      added.add(addedLast);
    }
    carried.push({ number: item.number, name: item.name, changes });
  }
  return {
    fromYear,
    toYear: fromYear + 1,
    carried,
    dropped,
    addedYears: [...added].sort((a, b) => a - b),
    warnings: dropped.flatMap((d) => (d.warning ? [d.warning] : [])),
  };
}
