/**
 * Roll-up of 職員数 (headcount) from 課 to 部 to 任命権者: when a parent's figure is the sum of its children and
 * when it keeps its own. Entered piecemeal over weeks (an editor per 課), a sum of only the children entered so far
 * would silently replace a department's real figure (issue 13 point 1), so the rule is:
 *
 * - a parent is derived from its children only when EVERY child that exists that year has a figure;
 * - otherwise the parent keeps its own figure, and the difference between it and the sum of the children that have
 *   figures is shown (a gap to explain, not an error);
 * - a parent with no own figure and only some children entered shows the partial sum, marked incomplete.
 */

/** Where a unit's 職員数 comes from in a year. */
export type StaffSource =
  /** Entered on the unit itself (a leaf, or a parent whose children are not all entered). */
  | "own"
  /** The sum of all its existing children (each has a figure). */
  | "children"
  /** Nothing of its own and only some children entered: the sum of those, known to be incomplete. */
  | "partial"
  | "none";

/**
 * A unit's 職員数 in a year by the roll-up rule (rollUpStaff), with what it was derived from and the gap to its children.
 */
export interface StaffRollUp {
  /** 職員数 as shown and counted (人); null when nothing is recorded. */
  staff: number | null;
  source: StaffSource;
  /** Sum of the children that have a figure (人); null when none has. */
  childrenSum: number | null;
  /** Children that exist this year but have no figure. */
  childrenWithout: number;
  /**
   * Own figure − sum of the children that have figures (人), when both exist. With children still missing it is
   * what they are expected to add up to; with every child entered a non-zero value means the stored parent figure
   * disagrees with its children (the children win).
   */
  difference: number | null;
}

/**
 * The roll-up rule for one unit. `own` is the figure entered on the unit (null: none); `children` holds the 職員数
 * of each child that exists in the year (null: no figure). Pure; amounts in 人.
 */
export function rollUpStaff(own: number | null, children: readonly (number | null)[]): StaffRollUp {
  const entered = children.filter((c): c is number => c !== null);
  const childrenSum = entered.length === 0 ? null : entered.reduce((s, c) => s + c, 0);
  const childrenWithout = children.length - entered.length;
  const difference = own !== null && childrenSum !== null ? own - childrenSum : null;
  if (children.length > 0 && childrenWithout === 0) return { staff: childrenSum, source: "children", childrenSum, childrenWithout, difference };
  if (own !== null) return { staff: own, source: "own", childrenSum, childrenWithout, difference };
  if (childrenSum !== null) return { staff: childrenSum, source: "partial", childrenSum, childrenWithout, difference };
  return { staff: null, source: "none", childrenSum, childrenWithout, difference };
}

/** A parent whose figure and children do not add up, or whose children are only partly entered: to be shown. */
export interface RollUpGap {
  unitId: number;
  name: string;
  fiscalYear: number;
  source: StaffSource;
  /** The parent's own figure (人), null when it has none. */
  own: number | null;
  childrenSum: number | null;
  /** own − childrenSum (人), when both exist. */
  difference: number | null;
  /** Names of the existing children without a figure. */
  missing: string[];
}

/** The gap in Japanese, for the grid, the import preview and the compliance panel alike. */
export function describeRollUpGap(gap: RollUpGap): string {
  const missing = gap.missing.length === 0 ? "" : `(未入力: ${gap.missing.slice(0, 5).join("、")}${gap.missing.length > 5 ? ` ほか${gap.missing.length - 5}組織` : ""})`;
  const n = (v: number) => v.toLocaleString("ja-JP");
  const sum = gap.childrenSum === null ? "0" : n(gap.childrenSum);
  if (gap.source === "partial") {
    return `「${gap.name}」は自身の職員数がなく、入力済みの下位組織の合計 ${sum}人は一部だけの合計です${missing}`;
  }
  if (gap.source === "children") {
    return `「${gap.name}」に登録された職員数 ${n(gap.own ?? 0)}人が、下位組織の合計 ${sum}人と ${signedNumber(gap.difference ?? 0)}人 食い違っています(合計の値を使います)`;
  }
  return `「${gap.name}」は下位組織の一部だけが入力済みのため、自身の職員数 ${n(gap.own ?? 0)}人を使います。入力済みの下位組織の合計 ${sum}人との差は ${signedNumber(gap.difference ?? 0)}人です${missing}`;
}

function signedNumber(value: number): string {
  return value > 0 ? `+${value.toLocaleString("ja-JP")}` : value.toLocaleString("ja-JP");
}

/** True when the roll-up should be shown to the user: a partly entered parent, or a stored figure that disagrees. */
export function isGap(rollUp: StaffRollUp): boolean {
  if (rollUp.childrenSum === null) return false;
  if (rollUp.source === "partial") return true;
  if (rollUp.source === "own") return true;
  return rollUp.source === "children" && rollUp.difference !== null && rollUp.difference !== 0;
}
