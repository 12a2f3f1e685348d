/**
 * Loads the public dataset of one reform edition: live data read through the usual views, then passed through the
 * presenters of services/publication-policy.ts (the only place that decides what is public). The presenters build
 * objects in a fixed key order, so equal data gives equal JSON: the approval fingerprint (published-content.ts)
 * relies on it.
 */
import type { TenantDb } from "../db/tenant.js";
import { diagnosisView, type DiagnosisViewDb } from "./comparison/diagnosis.js";
import { laspeyresView } from "./comparison/laspeyres.js";
import { peersView } from "./comparison/peers.js";
import {
  type PublicDataset,
  presentDiagnosis,
  presentHeadcounts,
  presentIndicator,
  presentItem,
  presentLaspeyres,
  presentPeers,
  presentStaffPopulation,
  presentSubcommittee,
  presentVerification,
} from "./publication-policy.js";
import { editionItems, requireEdition } from "./reform/read-model.js";
import { indicatorViews, resolvedPlans, subcommitteeViews } from "./reform-views.js";
import { headcountTable } from "./staffing.js";
import { staffPopulationSeriesOf } from "./staffing-views.js";

export interface PublishingMunicipality {
  code: string;
  name: string;
  prefecture: string;
}

/** What loadPublicDataset reads and writes of the municipality's repositories (a type error to reach another). */
export type LoadPublicDatasetDb = DiagnosisViewDb &
  Pick<TenantDb, "reformEditions" | "reformIndicators" | "reformItems" | "reformSubcommittees" | "reformVerifications" | "reorgEvents" | "settings">;

/** The public dataset of edition `fiscalYear`. Throws not_found when the edition does not exist. */
export async function loadPublicDataset(tenant: LoadPublicDatasetDb, municipality: PublishingMunicipality, fiscalYear: number): Promise<PublicDataset> {
  const edition = await requireEdition(tenant, fiscalYear);
  const items = await editionItems(tenant, fiscalYear);
  const byLineage = new Map(items.map((i) => [i.lineageKey, i]));
  const recordedYears = await tenant.headcounts.recordedYears();
  const firstYear = recordedYears.filter((y) => y <= fiscalYear)[0] ?? fiscalYear;
  const span = { from: firstYear, to: fiscalYear };
  const own = { code: municipality.code, name: municipality.name };
  const [subcommittees, indicators, verifications, { headcounts, series }, peers, diagnosis, laspeyres] = await Promise.all([
    subcommitteeViews(tenant, byLineage),
    indicatorViews(tenant, items.map((i) => i.lineageKey), byLineage),
    // The edition reports the year before it (令和7年度の方針に令和6年度の実施状況).
    tenant.reformVerifications.list(fiscalYear - 1),
    // 図表5's series is 図表4's totals: the table is built once for both.
    headcountTable(tenant, span).then(async (headcounts) => ({ headcounts, series: await staffPopulationSeriesOf(tenant, headcounts) })),
    peersView(tenant, own),
    diagnosisView(tenant, own),
    laspeyresView(tenant, own),
  ]);
  return {
    municipality: { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture },
    edition: { fiscalYear: edition.fiscal_year, title: edition.title },
    items: [...items].sort((a, b) => a.number - b.number).map((i) => presentItem(i, resolvedPlans(i))),
    subcommittees: subcommittees.map(presentSubcommittee),
    indicators: indicators.map(presentIndicator),
    verifications: verifications
      .flatMap((v) => {
        const item = byLineage.get(v.lineage_key);
        return item ? [presentVerification(v, item)] : [];
      })
      .sort((a, b) => a.itemNumber - b.itemNumber),
    headcounts: presentHeadcounts(headcounts),
    staffPopulation: presentStaffPopulation(series),
    peers: presentPeers(peers),
    diagnosis: presentDiagnosis(diagnosis),
    laspeyres: presentLaspeyres(laspeyres),
  };
}
