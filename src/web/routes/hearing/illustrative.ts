/** A round is illustrative demo data when its title says 例示 (services/hearing/demo.ts); every page of it says so. */
export function isIllustrative(title: string): boolean {
  return title.includes("例示");
}
