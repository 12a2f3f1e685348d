/**
 * Authorization checks of the use cases, once, here: services call these guards, and a route that must refuse before
 * it reads a body (an upload, a form) calls the same guard — routes never check roles with a rule of their own.
 * test/unit/authorization-guards.test.ts fails on a role check that throws 403 defined anywhere else (an admin check
 * in a service, any role check in src/web, a require… guard outside this file).
 */
import { GyokakuError } from "../domain/errors.js";
import { mayEverEditDepartment } from "../domain/hearing.js";
import { canTakeAnyPublicationAction } from "../domain/publication.js";
import { type Actor, canAdminister, canDownloadPrepublication, canReadAuditLog, canVerify, canWriteAnyUnit, canWriteSomeUnit } from "../domain/roles.js";

/**
 * Refuses anyone but the secretariat (行政管理課, role admin).
 * @param what what the user tried, ending in 「…する」 (the message reads 「…する権限がありません」).
 * @param refusal the whole message instead, when it does not read 「…する権限がありません」.
 * @throws GyokakuError forbidden
 */
export function requireAdmin(actor: Actor, what: string, refusal = `${what}権限がありません`): void {
  if (!canAdminister(actor)) throw new GyokakuError("forbidden", refusal);
}

/**
 * Refuses anyone who may write no unit at all: only an administrator or an editor bound to some unit passes (which
 * units may be written is the service's to decide, unit by unit). Routes call it before reading a headcount or
 * age-profile form, so a viewer's post is refused unread.
 * @param what what the user tried, ending in 「…する」.
 * @throws GyokakuError forbidden
 */
export function requireSomeUnitWriter(actor: Actor, what: string): void {
  if (!canWriteSomeUnit(actor)) throw new GyokakuError("forbidden", `${what}権限がありません`);
}

/**
 * Refuses anyone who writes none of a reform item's 担当課 (the administrator writes every item). The route of an
 * update calls it before reading the form; the service calls it again for every step that is not a review.
 * @throws GyokakuError forbidden
 */
export function requireItemWriter(actor: Actor, item: { name: string; unitIds: readonly number[] }): void {
  if (!canWriteAnyUnit(actor, item.unitIds)) throw new GyokakuError("forbidden", `「${item.name}」の担当ではないため編集できません`);
}

/**
 * Refuses anyone but the secretariat and headquarters (推進本部): the management pages of update rounds and the
 * overview of a hearing round.
 * @param refusal the message of the refusal.
 * @throws GyokakuError forbidden
 */
export function requireAdminOrHq(actor: Actor, refusal: string): void {
  if (!canAdminister(actor) && !canVerify(actor)) throw new GyokakuError("forbidden", refusal);
}

/**
 * Refuses anyone but the secretariat and headquarters the material before publication (domain/roles.ts
 * canDownloadPrepublication): the site zip and the 基本方針 PDF.
 * @param what what is downloaded (「公表用サイト一式」).
 * @throws GyokakuError forbidden
 */
export function requirePrepublicationDownloader(actor: Actor, what: string): void {
  if (!canDownloadPrepublication(actor)) {
    throw new GyokakuError("forbidden", `${what}をダウンロードできるのは行政管理課(管理者)と行政改革推進本部です。内容は基本方針の画面で見られます`);
  }
}

/**
 * Refuses anyone but headquarters (推進本部), who records the yearly verification (検証).
 * @throws GyokakuError forbidden
 */
export function requireVerifier(actor: Actor): void {
  if (!canVerify(actor)) throw new GyokakuError("forbidden", "検証は行政改革推進本部が行います");
}

/**
 * Refuses anyone who may not read the audit log (only the secretariat and headquarters may).
 * @throws GyokakuError forbidden
 */
export function requireAuditReader(actor: Actor): void {
  if (!canReadAuditLog(actor)) throw new GyokakuError("forbidden", "変更履歴を見る権限がありません");
}

/**
 * Refuses anyone who may take no publication action at all (the service checks the action itself in full); the
 * route calls it before reading the form.
 * @throws GyokakuError forbidden
 */
export function requireSomePublicationAction(actor: Actor): void {
  if (!canTakeAnyPublicationAction(actor)) throw new GyokakuError("forbidden", "公表の承認・差戻しを行う権限がありません");
}

/**
 * Refuses anyone who could never edit this department's hearing forms, whatever the round's state (the service checks
 * the round and the department in full); the route calls it before reading an upload.
 * @throws GyokakuError forbidden
 */
export function requireHearingDepartmentEditor(actor: Actor, departmentId: number): void {
  if (!mayEverEditDepartment(actor, departmentId)) throw new GyokakuError("forbidden", "この部局の様式を編集する権限がありません");
}
