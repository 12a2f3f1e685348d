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
export { GyokakuError } from "./domain/errors.js";
export type { ErrorCode } from "./domain/errors.js";
