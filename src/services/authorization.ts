/**
 * Authorization checks of the use cases, once: routes never check roles themselves, they call a service that does.
 */
import { GyokakuError } from "../domain/errors.js";
import { type Actor, canAdminister } from "../domain/roles.js";

/**
 * Refuses anyone but the secretariat (行政管理課, role admin).
 * @param what what the user tried, ending in 「…する」 (the message reads 「…する権限がありません」).
 * @throws GyokakuError forbidden
 */
export function requireAdmin(actor: Actor, what: string): void {
  if (!canAdminister(actor)) throw new GyokakuError("forbidden", `${what}権限がありません`);
}
