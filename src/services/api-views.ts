/**
 * What the JSON API's reads return (GET /api/v1/units, quotas, headcounts, compliance): presented objects in the
 * API's own camelCase shape, never stored rows, so a column added to a table (a note, a timestamp) does not appear
 * in the API until it is presented here on purpose. One presentX() per thing the API shows.
 */
import type { HeadcountRow, OrgUnitRow, QuotaRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import type { HeadcountCounts } from "../domain/headcount.js";
import type { Compliance } from "../domain/quota.js";
import { sectorByCode } from "../domain/sector.js";
import type { YearCompliance } from "../domain/staffing.js";
import { compliance, countsOf } from "./staffing.js";

/** An organisational unit (組織) as the API shows it; no contact or note. */
export interface ApiUnit {
  id: number;
  code: string;
  name: string;
  /** UnitKind (domain/organisation.ts). */
  kind: string;
  parentId: number | null;
  /** First / last fiscal year (年度) the unit exists; null = open-ended. */
  validFrom: number | null;
  validTo: number | null;
  /** MIC 部門 (domain/sector.ts), or null when not yet mapped. */
  sector: { code: string; name: string } | null;
}

/** An org_units row as the API shows it. */
export function presentApiUnit(u: OrgUnitRow): ApiUnit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    sector: u.sector === null ? null : { code: u.sector, name: sectorByCode(u.sector)?.name ?? u.sector },
  };
}

/** A 条例定数 (人) as the API shows it, in force from validFrom to validTo (年度, both included). */
export interface ApiQuota {
  unitId: number;
  quota: number;
  validFrom: number | null;
  validTo: number | null;
  note: string;
}

/** A quotas row as the API shows it. */
export function presentApiQuota(q: QuotaRow): ApiQuota {
  return { unitId: q.unit_id, quota: q.quota, validFrom: q.valid_from, validTo: q.valid_to, note: q.note };
}

/** One unit's figures (人) of one fiscal year (年度); a category not recorded is left out. */
export interface ApiHeadcount {
  unitId: number;
  fiscalYear: number;
  counts: HeadcountCounts;
}

/** A headcounts row as the API shows it. */
export function presentApiHeadcount(r: HeadcountRow): ApiHeadcount {
  return { unitId: r.unit_id, fiscalYear: r.fiscal_year, counts: countsOf(r) };
}

/** The cap check of a fiscal year as the API shows it: totals (人), quota sum and cap (人), allowance (%), per-unit rows. */
export interface ApiCompliance {
  fiscalYear: number;
  /** 令和7年度(2025年度) */
  label: string;
  allowancePercent: number;
  generalTotal: number | null;
  quotaTotal: number | null;
  quotaSum: number;
  cap: number;
  total: Compliance | null;
  units: { unitId: number; name: string; compliance: Compliance | null }[];
}

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
export async function apiUnits(tenant: TenantDb): Promise<ApiUnit[]> {
  return (await tenant.units.list()).map(presentApiUnit);
}

/** Every 条例定数 of the municipality, as the API shows them. */
export async function apiQuotas(tenant: TenantDb): Promise<ApiQuota[]> {
  return (await tenant.quotas.list()).map(presentApiQuota);
}

/** The recorded figures of fiscal years `from` to `to` (年度, both included), as the API shows them. */
export async function apiHeadcounts(tenant: TenantDb, range: { from: number; to: number }): Promise<ApiHeadcount[]> {
  return (await tenant.headcounts.list(range)).map(presentApiHeadcount);
}

/**
 * The cap check of `fiscalYear` (年度), as the API shows it; without a year, of the last year with recorded figures,
 * or `currentFiscalYear` (from the edge's clock) when nothing is recorded.
 * @throws GyokakuError invalid_input when the year is outside what the staffing pages accept (services/staffing.ts).
 */
export async function apiCompliance(tenant: TenantDb, fiscalYear: number | null, currentFiscalYear: number): Promise<ApiCompliance> {
  let year = fiscalYear;
  if (year === null) {
    const years = await tenant.headcounts.recordedYears();
    year = years[years.length - 1] ?? currentFiscalYear;
  }
  return presentApiCompliance(await compliance(tenant, year));
}
