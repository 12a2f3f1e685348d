/**
 * gyokaku's public domain library: the rules other systems may call.
 * Pure functions only; importing this module opens no database and starts no server.
 */
export {
  ERAS,
  fiscalYearOf,
  formatEraYear,
  formatFiscalYear,
  formatFiscalYearShort,
  formatWarekiDate,
  isValidIsoDate,
  parseFiscalYear,
} from "./domain/era.js";
export type { Era } from "./domain/era.js";
export {
  isValidMunicipalityCode,
  municipalityCheckDigit,
  normalizeMunicipalityCode,
  prefectureCodeOf,
} from "./domain/municipality-code.js";
export { PREFECTURES, prefectureByCode, prefectureByName } from "./domain/prefecture.js";
export type { Prefecture } from "./domain/prefecture.js";
export { canWriteUnit, ROLE_LABELS, ROLES } from "./domain/roles.js";
export type { Actor, Role } from "./domain/roles.js";
export {
  ageOn,
  cohortBirthRange,
  cohortLabel,
  cohortTable,
  dateOfReachingAge,
  GENERAL_SCHEDULE,
  NATIONAL_SCHEDULES,
  regularRetireesIn,
  retirementAgeFor,
  retirementOf,
  retirementYearOfCohort,
  scheduleProblems,
  schoolYearCohortOf,
} from "./domain/retirement.js";
export type { CohortTable, Retirement, RetirementSchedule, RetirementStep } from "./domain/retirement.js";
export {
  largestYearToYearChange,
  levelledHiringPlan,
  oneForOneHires,
  projectStaffing,
  unevenness,
} from "./domain/projection.js";
export type { CohortCount, LeaverRate, LevelledPlan, ProjectionInput, ProjectionYear } from "./domain/projection.js";
export { assessCompliance, COMPLIANCE_LABELS, quotaCap } from "./domain/quota.js";
export type { Compliance, ComplianceStatus } from "./domain/quota.js";
export { categoryFromLabel, HEADCOUNT_CATEGORIES, headcountProblems, quotaCountOf } from "./domain/headcount.js";
export type { HeadcountCategory, HeadcountCounts } from "./domain/headcount.js";
export { complianceForYear, unitTotalsForYear, yearTotals } from "./domain/staffing.js";
export type { HeadcountRecord, QuotaRecord, StaffingUnit } from "./domain/staffing.js";
export { buildHeadcountTable } from "./domain/headcount-table.js";
export type { HeadcountTable } from "./domain/headcount-table.js";
export { per10k, populationReferenceDate, roundHalfUp } from "./domain/population.js";
export { SECTORS, sectorByCode, sectorByName } from "./domain/sector.js";
export type { Sector } from "./domain/sector.js";
export { classifySimilarGroup, describeGroup, normalizeGroupCode, SINGLE_GROUPS } from "./domain/similar-group.js";
export type { ClassificationInput, MunicipalityKind } from "./domain/similar-group.js";
export { diagnoseAgainstReference, diagnoseSector, formatTriangle, parseTriangle, referenceCount } from "./domain/diagnosis.js";
export type { SectorDiagnosis } from "./domain/diagnosis.js";
export { laspeyres } from "./domain/laspeyres.js";
export type { LaspeyresCell } from "./domain/laspeyres.js";
export { GyokakuError } from "./domain/errors.js";
export type { ErrorCode } from "./domain/errors.js";
export {
  COMPARED_CODES,
  COMPARISON_CODES,
  comparisonCodeByName,
  comparisonName,
  DIAGNOSIS_ROWS,
  groupKey,
  groupLabel,
  isTotalCode,
  KIND_LABELS,
  kindFromName,
  parseGroupKey,
  readGroup,
  readSurveyDate,
  statedOrSumOfParts,
  subtotalDisagreement,
  sumOfParts,
  TOTAL_NAMES,
  TOTAL_PARTS,
} from "./domain/comparison.js";
export type { ComparisonRow, SimilarGroup, StaffByCode, TotalCode } from "./domain/comparison.js";
export { buildDiagnosisTable } from "./domain/diagnosis-table.js";
export type { DiagnosisCell, DiagnosisTableInput, DiagnosisTableRow, ReferencePair } from "./domain/diagnosis-table.js";
export { averagesFromRoster, diagnoseAll, mergeAverages, rosterGroupTotal, staffOf } from "./domain/nationwide.js";
export type { AverageTable, Basis, GroupAverage, NationwideRow, RosterEntry } from "./domain/nationwide.js";
export { regressionEstimate, regressionIndex } from "./domain/regression.js";
export type { RegressionCoefficients } from "./domain/regression.js";
