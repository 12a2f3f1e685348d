/**
 * The license line of the public site and open data (settings key publication.license; CC BY 4.0 by default). Read
 * here so the published-content fingerprint (published-content.ts) covers it; set in publish-site.ts.
 */
import type { TenantDb } from "../db/tenant.js";

export const LICENSE_SETTING = "publication.license";
/** CC BY 4.0 unless the municipality sets another line (settings key publication.license). */
export const DEFAULT_LICENSE = "このサイトの内容とオープンデータは、クリエイティブ・コモンズ 表示 4.0 国際 ライセンス(CC BY 4.0)の下に提供されています。";

/** The license line as published: the setting, or DEFAULT_LICENSE when it is blank. */
export async function publicationLicense(tenant: Pick<TenantDb, "settings">): Promise<string> {
  const value = (await tenant.settings.get(LICENSE_SETTING))?.trim();
  return value ? value : DEFAULT_LICENSE;
}
