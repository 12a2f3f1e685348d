import { isIllustrativeRound } from "../../../domain/hearing.js";

/** A round is illustrative demo data when its title says 例示 (domain/hearing.ts); every page of it says so. */
export function isIllustrative(title: string): boolean {
  return isIllustrativeRound(title);
}
