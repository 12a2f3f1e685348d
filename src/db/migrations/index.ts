import type { Migration } from "kysely";
import * as foundation from "./20261125T1000-foundation.js";
import * as staffing from "./20261125T1200-staffing.js";
import * as retirement from "./20261125T1400-retirement.js";
import * as reform from "./20261125T1500-reform.js";
import * as comparison from "./20261125T1600-comparison.js";
import * as policyDocument from "./20261130T1100-policy-document.js";
import * as hearing from "./20261130T1500-hearing.js";
import * as publication from "./20261130T1200-publication.js";
import * as policyPeriods from "./20261130T1600-policy-periods.js";
import * as userMaintenance from "./20261201T0000-user-maintenance.js";
import * as notifications from "./20261201T0200-notifications.js";
import * as security from "./20261201T0100-security.js";
import * as dataVersions from "./20261202T0000-data-versions.js";
import * as publicationPdf from "./20261202T0100-publication-pdf.js";
import * as publicationPlans from "./20261202T0300-publication-plans.js";
import * as dataVersionNotify from "./20261203T0000-data-version-notify.js";
import * as checkConstraints from "./20261204T0000-check-constraints.js";
import * as tenantLinks from "./20261204T0100-tenant-links.js";
import * as tenantLinksAll from "./20261204T0200-tenant-links-all.js";
import * as municipalityRomaji from "./20261205T0000-municipality-romaji.js";

/**
 * Every migration, in order. Listed by hand (not read from disk) so the compiled package and the tests
 * see the same list. Forward-only: never edit or remove an entry once it has landed.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "20261125T1000-foundation": foundation,
  "20261125T1200-staffing": staffing,
  "20261125T1400-retirement": retirement,
  "20261125T1500-reform": reform,
  "20261125T1600-comparison": comparison,
  "20261130T1500-hearing": hearing,
  // Landed after the hearing migration (its name carries the slot it was given): applied after it.
  "20261130T1100-policy-document": policyDocument,
  // Landed after the hearing and policy-document migrations: applied after them.
  "20261130T1200-publication": publication,
  "20261130T1600-policy-periods": policyPeriods,
  "20261201T0000-user-maintenance": userMaintenance,
  "20261201T0100-security": security,
  "20261201T0200-notifications": notifications,
  "20261202T0000-data-versions": dataVersions,
  "20261202T0100-publication-pdf": publicationPdf,
  "20261202T0300-publication-plans": publicationPlans,
  "20261203T0000-data-version-notify": dataVersionNotify,
  "20261204T0000-check-constraints": checkConstraints,
  "20261204T0100-tenant-links": tenantLinks,
  "20261204T0200-tenant-links-all": tenantLinksAll,
  "20261205T0000-municipality-romaji": municipalityRomaji,
};
