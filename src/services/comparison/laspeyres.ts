/** 図表9 ラスパイレス指数: the imported series by year, the municipality's own first. */
import type { TenantDb } from "../../db/tenant.js";
import type { OwnMunicipality } from "./own-figures.js";

export interface LaspeyresSeries {
  subject: string;
  label: string;
  values: (number | null)[];
}

export interface LaspeyresView {
  years: number[];
  series: LaspeyresSeries[];
}

const SUBJECT_ORDER = ["own", "group", "cities", "towns", "national", "prefecture"];

/** Subjects that are averages a municipality is compared with (not itself, not a named peer). */
export const COMPARATOR_SUBJECTS: readonly string[] = ["group", "cities", "towns", "national", "prefecture"];

export async function laspeyresView(tenant: Pick<TenantDb, "laspeyres">, own: OwnMunicipality): Promise<LaspeyresView> {
  const rows = await tenant.laspeyres.list();
  const years = [...new Set(rows.map((r) => r.fiscal_year))].sort((a, b) => a - b);
  const subjects = [...new Set(rows.map((r) => r.subject))].sort((a, b) => {
    const ia = SUBJECT_ORDER.indexOf(a);
    const ib = SUBJECT_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const series = subjects
    .filter((s) => s !== own.code)
    .map((subject) => ({
      subject,
      label: subject === "own" ? own.name : (rows.find((r) => r.subject === subject)?.label ?? subject),
      values: years.map((y) => rows.find((r) => r.subject === subject && r.fiscal_year === y)?.value ?? null),
    }));
  return { years, series };
}
