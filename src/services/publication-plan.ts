/**
 * 公表予定日 (planned publication date) of an edition: set by the secretariat on the 公表 page, shown there and on
 * the dashboard calendar of the secretariat and headquarters (services/dashboard.ts). Internal planning: never
 * published, not part of what headquarters approves (published-content.ts).
 */
import type { TenantDb } from "../db/tenant.js";
import { isValidIsoDate } from "../domain/calendar.js";
import { fiscalYearOf, formatDateBoth, formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import { type ReadValues, requireUnchanged } from "../domain/read-values.js";
import type { Actor } from "../domain/roles.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

/** The planned dates by edition year (YYYY-MM-DD); an edition without one is absent. */
export async function plannedPublicationDates(tenant: Pick<TenantDb, "publicationPlans">): Promise<Map<number, string>> {
  return new Map((await tenant.publicationPlans.list()).map((r) => [r.fiscal_year, r.planned_date]));
}

/** A planned date as the form shows it: 「令和7年(2025年)9月30日」, or 未定. */
export function plannedDateText(date: string | null): string {
  return date === null ? "未定" : formatDateBoth(date);
}

/** The 公表予定日 form's hidden values read for edition `fiscalYear` (domain/read-values.ts): its date as shown, by year. */
export function plannedDateReadValues(fiscalYear: number, date: string | null): ReadValues {
  return { [String(fiscalYear)]: plannedDateText(date) };
}

/**
 * Sets (YYYY-MM-DD) or clears ("" or null) the planned publication date of edition `fiscalYear`. The date must lie
 * between the start of the fiscal year before the edition's and the end of the one after it (an edition is published
 * during or around its own year: 令和7年度 in 令和7年(2025年)9月).
 * `read`: the date the form showed (plannedDateReadValues); a date changed since by someone else is a conflict naming
 * both dates, nothing written (domain/read-values.ts requireUnchanged, issue 14 point 6). Without it no check.
 * @throws GyokakuError forbidden (not the secretariat), not_found (no such edition), invalid_input (not a date, out of range), conflict
 */
export async function setPlannedPublicationDate(
  tenant: Pick<TenantDb, "audit" | "publicationPlans" | "reformEditions" | "transaction">,
  actor: Actor,
  fiscalYear: number,
  date: string | null,
  read?: ReadValues,
): Promise<void> {
  requireAdmin(actor, "公表予定日を設定する", "公表予定日を設定できるのは行政管理課(管理者)です");
  const value = (date ?? "").trim();
  const edition = formatFiscalYear(fiscalYear);
  if (value !== "") {
    if (!isValidIsoDate(value)) throw new GyokakuError("invalid_input", `${edition}の公表予定日は実在する日付で入力してください: 「${value}」`);
    const fy = fiscalYearOf(value);
    if (fy < fiscalYear - 1 || fy > fiscalYear + 1) {
      throw new GyokakuError("invalid_input", `${edition}の公表予定日は${formatFiscalYear(fiscalYear - 1)}から${formatFiscalYear(fiscalYear + 1)}までの日付にしてください: 「${formatDateBoth(value)}」`);
    }
  }
  await tenant.transaction(async (tx) => {
    if (!(await tx.reformEditions.getByYear(fiscalYear))) throw new GyokakuError("not_found", `${edition}の基本方針(版)はありません`);
    const before = (await tx.publicationPlans.get(fiscalYear))?.planned_date ?? null;
    const after = value === "" ? null : value;
    requireUnchanged(read, [{ key: String(fiscalYear), label: `${edition}の公表予定日`, stored: plannedDateText(before), yours: plannedDateText(after) }]);
    if (before === after) return;
    await tx.publicationPlans.set(fiscalYear, after, actor.username, new Date().toISOString());
    await recordChange(tx, actor, {
      action: "update",
      entity: "publication",
      entityId: fiscalYear,
      summary: `公表: ${edition} — 公表予定日を${after === null ? "取り消し" : `${formatDateBoth(after)}に設定`}`,
      before: { 公表予定日: before },
      after: { 公表予定日: after },
    });
  });
}
