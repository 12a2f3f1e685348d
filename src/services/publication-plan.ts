/**
 * 公表予定日 (planned publication date) of an edition: set by the secretariat on the 公表 page, shown there and on
 * the dashboard calendar of the secretariat and headquarters (services/dashboard.ts). Internal planning: never
 * published, not part of what headquarters approves (published-content.ts).
 */
import type { TenantDb } from "../db/tenant.js";
import { isValidIsoDate } from "../domain/calendar.js";
import { fiscalYearOf, formatDateBoth, formatFiscalYear } from "../domain/era.js";
import { GyokakuError } from "../domain/errors.js";
import type { Actor } from "../domain/roles.js";
import { recordChange } from "./audit.js";
import { requireAdmin } from "./authorization.js";

/** The planned dates by edition year (YYYY-MM-DD); an edition without one is absent. */
export async function plannedPublicationDates(tenant: Pick<TenantDb, "publicationPlans">): Promise<Map<number, string>> {
  return new Map((await tenant.publicationPlans.list()).map((r) => [r.fiscal_year, r.planned_date]));
}

/**
 * Sets (YYYY-MM-DD) or clears ("" or null) the planned publication date of edition `fiscalYear`. The date must lie
 * between the start of the fiscal year before the edition's and the end of the one after it (an edition is published
 * during or around its own year: 令和7年度 in 令和7年(2025年)9月).
 * Throws forbidden (not the secretariat), not_found (no such edition), invalid_input (not a date, out of range).
 */
export async function setPlannedPublicationDate(
  tenant: Pick<TenantDb, "audit" | "publicationPlans" | "reformEditions" | "transaction">,
  actor: Actor,
  fiscalYear: number,
  date: string | null,
  /** The date as the form showed it (null or "" for 未定); when given, a date changed since by someone else is a conflict. */
  read?: string | null,
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
    if (before === after) return;
    const expected = read === undefined ? undefined : (read ?? "").trim() === "" ? null : (read ?? "").trim();
    if (expected !== undefined && before !== expected) {
      const shown = (d: string | null) => (d === null ? "未定" : formatDateBoth(d));
      throw new GyokakuError(
        "conflict",
        `${edition}の公表予定日は、画面を開いた後に別の人が「${shown(expected)}」→「${shown(before)}」に変更しています(あなたの入力:「${shown(after)}」)。最新の予定日を確認してから、もう一度保存してください`,
        { read: expected, current: before, yours: after },
      );
    }
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
