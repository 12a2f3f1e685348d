/**
 * The うち counts of a parent (部, 任命権者) against its rolled-up 職員数 (issue 13 points 1–2). A parent whose 職員数
 * comes from its children has no 職員数 field of its own, so the per-row check (domain/headcount.ts
 * headcountProblems) never saw its 派遣職員 or 休職・休業: 市長部局 派遣職員 1,000 beside a derived 534 was saved, and
 * 市長部局's 定数内職員数 became −564 (「定数内」). The rule, for every unit with children, the year as it would be
 * after a save or an import:
 *
 * - 派遣職員, 特定任期付・再任用 and 休職・休業 summed over the unit and those below it (as 図表4 prints the
 *   parent's (うち…) rows) may each not exceed its 職員数 by the roll-up rule, nor may 派遣 + 休職・休業 together;
 * - only a 職員数 that stands (the unit's own, or every child entered) is a bound: a partial sum while children are
 *   still being entered is not;
 * - only problems the change brings are reported, so figures already stored never block someone else's save.
 */
import { categoryLabel, type HeadcountCategory } from "./headcount.js";
import { existsIn } from "./organisation.js";
import { type HeadcountRecord, type StaffingUnit, unitTotalsForYear, type UnitYearTotals } from "./staffing.js";

/** A parent whose rolled-up うち counts exceed its 職員数 after the change: unit, and the message in Japanese. */
export interface RolledUpProblem {
  unitId: number;
  unitName: string;
  message: string;
}

const PARTS: readonly HeadcountCategory[] = ["seconded", "fixedTerm", "onLeave"];

function problemsOf(name: string, t: UnitYearTotals): { key: string; message: string }[] {
  if (t.staff === null || (t.source !== "own" && t.source !== "children")) return [];
  const staff = t.staff;
  const how = t.source === "children" ? "下位組織の合計" : "登録された職員数";
  const n = (v: number) => v.toLocaleString("ja-JP");
  const out: { key: string; message: string }[] = [];
  for (const key of PARTS) {
    const part = t[key as "seconded" | "fixedTerm" | "onLeave"];
    if (part !== null && part > staff) out.push({ key, message: `「${name}」: 下位組織を含む${categoryLabel(key)}(${n(part)})が職員数(${how} ${n(staff)})を超えています` });
  }
  const outside = (t.seconded ?? 0) + (t.onLeave ?? 0);
  if (out.length === 0 && outside > staff) out.push({ key: "outside", message: `「${name}」: 下位組織を含む派遣職員と休職・休業の合計(${n(outside)})が職員数(${how} ${n(staff)})を超えています` });
  return out;
}

/**
 * Problems of the rolled-up うち counts that `after` has and `before` had not, for the units with children that exist
 * in `fiscalYear` (年度). Records are the whole year's (stored rows, with the change in `after`). Pure; counts in 人.
 */
export function rolledUpProblems(
  units: readonly StaffingUnit[],
  before: readonly HeadcountRecord[],
  after: readonly HeadcountRecord[],
  fiscalYear: number,
): RolledUpProblem[] {
  const hasChildren = new Set(units.filter((u) => u.parentId !== null && existsIn(u, fiscalYear)).map((u) => u.parentId));
  const was = unitTotalsForYear(units, before, fiscalYear);
  const now = unitTotalsForYear(units, after, fiscalYear);
  const found: RolledUpProblem[] = [];
  for (const unit of units) {
    if (!hasChildren.has(unit.id) || !existsIn(unit, fiscalYear)) continue;
    const t = now.get(unit.id);
    if (!t) continue;
    const before = was.get(unit.id);
    const old = new Set(before ? problemsOf(unit.name, before).map((p) => p.key) : []);
    for (const p of problemsOf(unit.name, t)) if (!old.has(p.key)) found.push({ unitId: unit.id, unitName: unit.name, message: p.message });
  }
  return found;
}
