/**
 * What the JSON API's reads return (GET /api/v1/me, units, quotas, headcounts, compliance): presented objects in the
 * API's own camelCase shape, never stored rows, so a column added to a table (a note, a timestamp) does not appear
 * in the API until it is presented here on purpose. One presentX() per thing the API shows, and beside it the zod
 * schema of what it returns: the type is inferred from the schema and /api/v1/openapi.json is generated from it
 * (web/routes/openapi.ts), so the documented answer cannot drift from the presenter.
 */
import { z } from "zod";
import type { HeadcountRow, OrgUnitRow, QuotaRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import type { HeadcountCategory } from "../domain/headcount.js";
import { storedUnitKind, UNIT_KINDS } from "../domain/organisation.js";
import { ROLES } from "../domain/roles.js";
import { sectorByCode } from "../domain/sector.js";
import type { YearCompliance } from "../domain/staffing.js";
import type { SessionContext } from "./auth.js";
import { compliance, countsOf } from "./staffing.js";

const integer = () => z.number().int();
/** A fiscal year (年度, 西暦), or null. */
const yearOrNull = (description: string) => integer().nullable().describe(description);

/** The API's description of each 職員数 category (seed 図表4). */
export const COUNT_DESCRIPTIONS: Record<HeadcountCategory, string> = {
  staff: "職員数 (派遣・休職・休業を含み、育児休業代替任期付職員を含まない)",
  seconded: "うち派遣職員 (定数外)",
  fixedTerm: "うち特定任期付・再任用フルタイム勤務職員",
  onLeave: "うち休職・休業 (定数外)",
  childcareSubstitutes: "育児休業代替任期付職員 (職員数の外数、定数内)",
};
/** The description of a unit's figures: a category not recorded is left out. */
export const COUNTS_DESCRIPTION = "未記録の区分は省略 (0 とは区別する)";

const recorded = (key: HeadcountCategory) => integer().min(0).optional().describe(COUNT_DESCRIPTIONS[key]);

/** A unit's recorded figures (人) as the API answers them. */
export const ApiCountsSchema = z
  .object({ staff: recorded("staff"), seconded: recorded("seconded"), fixedTerm: recorded("fixedTerm"), onLeave: recorded("onLeave"), childcareSubstitutes: recorded("childcareSubstitutes") })
  .describe(COUNTS_DESCRIPTION);

/** The signed-in user and municipality (GET /api/v1/me). */
export const ApiMeSchema = z.object({
  username: z.string(),
  displayName: z.string().describe("表示名"),
  role: z.enum(ROLES),
  unitIds: z.array(integer()).describe("担当組織 (編集者のみ)"),
  municipality: z.object({ code: z.string().describe("団体コード"), name: z.string(), prefecture: z.string() }),
});
/** The signed-in user as the API shows it. */
export type ApiMe = z.output<typeof ApiMeSchema>;

/** The session's user and municipality, as the API shows them (no session id, no CSRF token). */
export function presentApiMe(session: SessionContext): ApiMe {
  return {
    username: session.actor.username,
    displayName: session.displayName,
    role: session.actor.role,
    unitIds: [...session.actor.unitIds],
    municipality: { code: session.municipality.code, name: session.municipality.name, prefecture: session.municipality.prefecture },
  };
}

/** An organisational unit (組織) as the API shows it; no contact or note. */
export const ApiUnitSchema = z.object({
  id: integer(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: integer().nullable(),
  validFrom: yearOrNull("最初の年度"),
  validTo: yearOrNull("最後の年度"),
  sector: z.object({ code: z.string(), name: z.string() }).nullable().describe("部門 (未設定は null)"),
});
/** An organisational unit as the API shows it; validFrom / validTo null = open-ended. */
export type ApiUnit = z.output<typeof ApiUnitSchema>;

/**
 * An org_units row as the API shows it.
 * @throws GyokakuError stored_data_invalid when the stored kind is none of UNIT_KINDS (the table's check forbids it).
 */
export function presentApiUnit(u: OrgUnitRow): ApiUnit {
  const kind = storedUnitKind(u);
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind,
    parentId: u.parent_id,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    sector: u.sector === null ? null : { code: u.sector, name: sectorByCode(u.sector)?.name ?? u.sector },
  };
}

/** A 条例定数 (人) as the API shows it, in force from validFrom to validTo (年度, both included). */
export const ApiQuotaSchema = z.object({
  unitId: integer(),
  quota: integer().describe("条例定数 (人)"),
  validFrom: yearOrNull("最初の年度 (null は期限なし)"),
  validTo: yearOrNull("最後の年度 (null は期限なし)"),
  note: z.string(),
});
/** A 条例定数 as the API shows it. */
export type ApiQuota = z.output<typeof ApiQuotaSchema>;

/** A quotas row as the API shows it. */
export function presentApiQuota(q: QuotaRow): ApiQuota {
  return { unitId: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to, note: q.note };
}

/** One unit's figures (人) of one fiscal year (年度); a category not recorded is left out. */
export const ApiHeadcountSchema = z.object({ unitId: integer(), fiscalYear: integer(), counts: ApiCountsSchema });
/** One unit's figures of one fiscal year as the API shows them. */
export type ApiHeadcount = z.output<typeof ApiHeadcountSchema>;

/** A headcounts row as the API shows it. */
export function presentApiHeadcount(r: HeadcountRow): ApiHeadcount {
  return { unitId: r.unit_id, fiscalYear: r.fiscal_year, counts: countsOf(r) };
}

/** The cap check of a unit or of the total (domain/quota.ts Compliance), or null when there is nothing to check. */
const ComplianceSchema = z
  .object({
    counted: integer().describe("定数内の職員数 (一般職(定数合計))"),
    quota: integer().describe("条例定数"),
    cap: integer().describe("上限 = floor(定数 × (1 + 許容率))"),
    overQuota: integer().describe("定数を超える人数 (負は定数までの余裕)"),
    overCap: integer().describe("上限を超える人数 (正は上限超過)"),
    status: z.enum(["within_quota", "within_cap", "over_cap"]),
  })
  .nullable();

/** The cap check of a fiscal year as the API shows it: totals (人), quota sum and cap (人), allowance (%), per-unit rows. */
export const ApiComplianceSchema = z.object({
  fiscalYear: integer(),
  label: z.string().meta({ examples: ["令和7年度(2025年度)"] }),
  allowancePercent: z.number(),
  generalTotal: integer().nullable().describe("一般職(合計)"),
  quotaTotal: integer().nullable().describe("一般職(定数合計)。休職・育休代替が未記録の年度は null"),
  quotaSum: integer(),
  cap: integer(),
  total: ComplianceSchema,
  units: z.array(z.object({ unitId: integer(), name: z.string(), compliance: ComplianceSchema })),
});
/** The cap check of a fiscal year as the API shows it. */
export type ApiCompliance = z.output<typeof ApiComplianceSchema>;

/** A year's compliance (domain/staffing.ts complianceForYear) as the API shows it. */
export function presentApiCompliance(r: YearCompliance): ApiCompliance {
  return {
    fiscalYear: r.fiscalYear,
    label: formatFiscalYear(r.fiscalYear),
    allowancePercent: r.allowancePercent,
    generalTotal: r.totals.generalTotal,
    quotaTotal: r.totals.quotaTotal,
    quotaSum: r.quotaSum,
    cap: r.cap,
    total: r.total,
    units: r.rows.map((row) => ({ unitId: row.unitId, name: row.name, compliance: row.compliance })),
  };
}

/** Every unit of the municipality, every year's, as the API shows them. */
export async function apiUnits(tenant: Pick<TenantDb, "units">): Promise<ApiUnit[]> {
  return (await tenant.units.list()).map(presentApiUnit);
}

/** Every 条例定数 of the municipality, as the API shows them. */
export async function apiQuotas(tenant: Pick<TenantDb, "quotas">): Promise<ApiQuota[]> {
  return (await tenant.quotas.list()).map(presentApiQuota);
}

/** The recorded figures of fiscal years `from` to `to` (年度, both included), as the API shows them. */
export async function apiHeadcounts(tenant: Pick<TenantDb, "headcounts">, range: { from: number; to: number }): Promise<ApiHeadcount[]> {
  return (await tenant.headcounts.list(range)).map(presentApiHeadcount);
}

/**
 * The cap check of `fiscalYear` (年度), as the API shows it; without a year, of the last year with recorded figures,
 * or `currentFiscalYear` (from the edge's clock) when nothing is recorded.
 * @throws GyokakuError invalid_input when the year is outside what the staffing pages accept (services/staffing.ts).
 */
export async function apiCompliance(tenant: Pick<TenantDb, "headcounts" | "policies" | "quotas" | "units">, fiscalYear: number | null, currentFiscalYear: number): Promise<ApiCompliance> {
  let year = fiscalYear;
  if (year === null) {
    const years = await tenant.headcounts.recordedYears();
    year = years[years.length - 1] ?? currentFiscalYear;
  }
  return presentApiCompliance(await compliance(tenant, year));
}
