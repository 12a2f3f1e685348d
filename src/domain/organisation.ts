import { GyokakuError } from "./errors.js";

/**
 * 組織 (organisation) over time. Units are 任命権者 (appointing authorities), groups of them (行政委員会等),
 * 部 (departments) and 課 (divisions); each exists for a span of fiscal years, so history tables can leave
 * a blank (not a zero) where a unit did not exist.
 */
export const UNIT_KINDS = ["special", "group", "authority", "department", "division"] as const;
/** Kind of an organisational unit: 特別職, a group of 任命権者 (行政委員会等), 任命権者, 部局 (department) or 課 (division). */
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The Japanese label of each UnitKind, as the organisation pages print it. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  special: "特別職",
  group: "任命権者のまとまり",
  authority: "任命権者",
  department: "部局",
  division: "課",
};

/** True when `value` is a UnitKind (a posted or imported kind is checked before use). Never throws. */
export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

/**
 * The kind of a stored unit — the one reader of org_units.kind, so every page and the API treat a bad value alike.
 * The database refuses any other value (migration 20261204T0000-check-constraints), so this fails only on a database
 * changed by hand.
 * @throws GyokakuError stored_data_invalid naming the unit and the value when it is none of UNIT_KINDS.
 */
export function storedUnitKind(unit: { kind: string; name: string }): UnitKind {
  if (!isUnitKind(unit.kind)) throw new GyokakuError("stored_data_invalid", `組織「${unit.name}」の種別「${unit.kind}」が正しくありません (org_units.kind)`);
  return unit.kind;
}

/**
 * A unit in the organisation tree: its parent, kind, order among its siblings and the fiscal years (年度) it exists in.
 */
export interface OrgNode {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  sortOrder: number;
  /** First fiscal year the unit exists (null: since before any record). */
  validFrom: number | null;
  /** Last fiscal year the unit exists (null: still exists). */
  validTo: number | null;
}

/**
 * Does the unit exist in `fiscalYear` (年度)? validFrom and validTo are both included; null means open-ended.
 * A unit that did not exist shows a blank, not a 0, in history tables. Never throws.
 */
export function existsIn(unit: Pick<OrgNode, "validFrom" | "validTo">, fiscalYear: number): boolean {
  return (unit.validFrom === null || unit.validFrom <= fiscalYear) && (unit.validTo === null || fiscalYear <= unit.validTo);
}

/** 特別職 (mayor, deputy mayor, …) are shown in 図表4 but are not 一般職 and hold no quota. */
export function isGeneralService(unit: Pick<OrgNode, "kind">): boolean {
  return unit.kind !== "special";
}

/** Units in display order: each parent followed by its children (depth-first, by sortOrder). */
export function orderTree<T extends OrgNode>(units: readonly T[]): { unit: T; depth: number }[] {
  const children = new Map<number | null, T[]>();
  for (const u of units) {
    const key = u.parentId !== null && units.some((p) => p.id === u.parentId) ? u.parentId : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const out: { unit: T; depth: number }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth });
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** 組織改正 (reorganisation) kinds, recorded as events so that history stays comparable. */
export const REORG_KINDS = ["create", "abolish", "rename", "split", "merge"] as const;
/** Kind of a 組織改正 event: 新設, 廃止, 名称変更, 分割 or 統合. */
export type ReorgKind = (typeof REORG_KINDS)[number];

/** The Japanese label of each ReorgKind, as the organisation history and 様式2 print it. */
export const REORG_KIND_LABELS: Record<ReorgKind, string> = {
  create: "新設",
  abolish: "廃止",
  rename: "名称変更",
  split: "分割",
  merge: "統合",
};

/** How many units an event takes from and gives to; checked before anything is written. */
export function reorgShapeProblem(kind: ReorgKind, from: number, to: number): string | null {
  switch (kind) {
    case "create":
      return from === 0 && to >= 1 ? null : "新設は、新しい組織を1つ以上指定し、元の組織は指定しません";
    case "abolish":
      return from >= 1 && to === 0 ? null : "廃止は、廃止する組織を1つ以上指定し、新しい組織は指定しません";
    case "rename":
      return from === 1 && to === 1 ? null : "名称変更は、組織1つと新しい名称1つを指定します";
    case "split":
      return from === 1 && to >= 2 ? null : "分割は、元の組織1つと分割後の組織2つ以上を指定します";
    case "merge":
      return from >= 2 && to === 1 ? null : "統合は、元の組織2つ以上と統合後の組織1つを指定します";
  }
}

/**
 * Recorded years a unit's new validity would leave out (issue 13 point 1: figures must not drop out of totals silently).
 * A unit's 職員数 of a year outside its validity is kept in the database but counted nowhere, so ending a unit (最終年度,
 * 組織改正の廃止・統合・分割) or moving its first year (設置年度) past a year that has figures would silently lower its
 * parent's total, 市長部局 and 定数合計. `recordedYears`: the fiscal years with a stored row for the unit; `span`: the
 * validity after the change. Returns the years left out, ascending (empty: the change loses nothing). Pure, never throws.
 */
export function yearsLeftOutByValidity(span: Pick<OrgNode, "validFrom" | "validTo">, recordedYears: readonly number[]): number[] {
  return [...new Set(recordedYears)].filter((fy) => !existsIn(span, fy)).sort((a, b) => a - b);
}
