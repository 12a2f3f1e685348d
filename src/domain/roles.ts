/**
 * Roles and what each may do. Pure: callers pass the acting user's role and bound units.
 * admin  = 行政管理課 (secretariat): everything within its municipality
 * hq     = 行政改革推進本部 (reform headquarters): reads all, verifies, approves publication
 * editor = 各部・担当課 (department/division editor): writes only the units it is bound to
 * viewer = 閲覧者: reads only
 */
export const ROLES = ["admin", "hq", "editor", "viewer"] as const;
/** A user's role: admin (行政管理課, the secretariat), hq (推進本部), editor (各部・担当課, bound to units), viewer. */
export type Role = (typeof ROLES)[number];

/** The Japanese name of each role, as the users page and the audit log print it. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理者(行政管理課)",
  hq: "推進本部",
  editor: "編集者(各部・担当課)",
  viewer: "閲覧者",
};

/** True when `value` is one of ROLES (a stored or posted role is checked before use). Never throws. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Who acts: the signed-in user (or the CLI, as the municipality's administrator), with the role and, for an
 * editor, the units (組織 ids) the user may write. Services authorize against it (canWriteUnit and the rules of each area).
 */
export interface Actor {
  /** null for a command run on the server (the CLI acts as the municipality's administrator). */
  userId: number | null;
  username: string;
  role: Role;
  /** Units an editor is bound to; ignored for other roles. */
  unitIds: readonly number[];
}

/** May this actor change data that belongs to the given organisational unit? */
export function canWriteUnit(actor: Actor, unitId: number): boolean {
  if (actor.role === "admin") return true;
  if (actor.role === "editor") return actor.unitIds.includes(unitId);
  return false;
}

/** May this actor change something several units share (a reform item of several 担当課)? One of them is enough. */
export function canWriteAnyUnit(actor: Actor, unitIds: readonly number[]): boolean {
  return actor.role === "admin" || unitIds.some((id) => canWriteUnit(actor, id));
}

/**
 * May this actor write any unit at all (an administrator, or an editor bound to at least one unit)? Which units is
 * canWriteUnit's to say; this is the first check of a form that writes units (職員数, 年齢構成).
 */
export function canWriteSomeUnit(actor: Actor): boolean {
  return canWriteAnyUnit(actor, actor.unitIds);
}

/** 推進本部 records the yearly verification (検証) of each item. */
export function canVerify(actor: Actor): boolean {
  return actor.role === "hq";
}

/** Municipality-wide administration: users, organisation structure, settings. */
export function canAdminister(actor: Actor): boolean {
  return actor.role === "admin";
}

/**
 * The material before publication — the 公表用サイト一式 (zip) and the 基本方針 PDF of an edition — goes out only through
 * the secretariat (行政管理課, admin) and headquarters (推進本部, hq): a copy downloaded by anyone else could be passed on
 * as if published before headquarters approved it. Viewers and editors read the document on its pages.
 */
export function canDownloadPrepublication(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "hq";
}

/** The audit log shows every change with before/after values: the secretariat and headquarters only. */
export function canReadAuditLog(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "hq";
}
