import { readFileSync } from "node:fs";
import { z } from "zod";
import { MunicipalityRepository } from "../db/repositories/municipalities.js";
import type { Db, MunicipalityRow } from "../db/schema.js";
import { TenantDb } from "../db/tenant.js";
import { CATEGORY_KEYS, type HeadcountCategory, type HeadcountCounts } from "../domain/headcount.js";
import { CLI_ACTOR, recordChange } from "./audit.js";
import { loadComparisonDemo } from "./comparison-demo.js";
import { loadHearingDemo } from "./hearing/demo.js";
import { createMunicipality } from "./municipalities.js";
import { generatePassword } from "./password.js";
import { loadPolicyDocumentDemo } from "./policy-document-demo.js";
import { recordExistingApproval } from "./publication.js";
import { loadReformDemo } from "./reform-demo.js";
import { valuesOf } from "./staffing.js";
import { addUser, setUserPassword } from "./users.js";

/** The demo data ships as files under demo/ at the package root (beside dist/ and src/). */
const DEMO_DIR = new URL("../../demo/chitose/", import.meta.url);

const MunicipalityFile = z.object({ code: z.string(), name: z.string(), romaji: z.string(), prefecture: z.string() });
const OrgUnitsFile = z.object({
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      parent: z.string().optional(),
      sector: z.string().optional(),
      validFrom: z.number().int().optional(),
      validTo: z.number().int().optional(),
    }),
  ),
  reorganisations: z.array(
    z.object({ fiscalYear: z.number().int(), kind: z.string(), from: z.array(z.string()), to: z.array(z.string()), note: z.string() }),
  ),
});

const HeadcountsFile = z.object({
  years: z.array(z.number().int()),
  rows: z.array(z.object({ unit: z.string(), category: z.enum(CATEGORY_KEYS as [HeadcountCategory, ...HeadcountCategory[]]), values: z.array(z.number().int().nullable()) })),
  quotas: z.array(z.object({ unit: z.string(), quota: z.number().int() })),
  allowancePercent: z.number(),
  populations: z.array(z.object({ fiscalYear: z.number().int(), population: z.number().int(), referenceDate: z.string(), source: z.string() })),
});

const AgeProfileFile = z.object({
  baseYear: z.number().int(),
  weightsByAge: z.record(z.string(), z.number()),
  units: z.array(z.object({ unit: z.string(), category: z.string(), total: z.number().int() })),
});

/** Splits `total` over ages by weight, whole people by largest remainder. */
function spread(total: number, weights: [number, number][]): [number, number][] {
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  const exact = weights.map(([age, w]) => [age, (total * w) / sum] as [number, number]);
  const counts = exact.map(([age, e]) => [age, Math.floor(e)] as [number, number]);
  let left = total - counts.reduce((s, [, c]) => s + c, 0);
  const order = exact.map(([, e], i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    const entry = counts[i];
    if (entry) entry[1] += 1;
  }
  return counts;
}

function readDemo<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(new URL(file, DEMO_DIR), "utf8")));
}

export const DEMO_ADMIN = "admin";

/**
 * How the demo's 令和7年度 edition was approved before it was published in 令和7年(2025年)9月 (the seed's 発行年月):
 * marked ready by the secretariat, approved by headquarters, both named roles of the demo (not accounts; userId null)
 * and dated then, so the 公表 page and the audit log show the same people and dates. 10:00 in Japan.
 */
export const DEMO_APPROVAL = {
  ready: { author: { userId: null, username: "行政管理課(デモ)" }, at: "2025-09-12T01:00:00.000Z" },
  approved: { author: { userId: null, username: "行政改革推進本部(デモ)" }, at: "2025-09-30T01:00:00.000Z" },
  note: "(デモ: 令和7年(2025年)9月公表済みの版)",
} as const;

export interface DemoResult {
  municipality: MunicipalityRow;
  adminUsername: string;
  /** Set when the admin was created or its password was reset in this run. */
  adminPassword: string | null;
  created: boolean;
}

/**
 * Creates the demo city (千歳市, from the seed document) and its data. Idempotent: running it again
 * adds only what is missing. The admin gets a freshly generated password, never a fixed one.
 */
export async function loadDemo(db: Db, options: { resetAdminPassword?: boolean } = {}): Promise<DemoResult> {
  const spec = readDemo("municipality.json", MunicipalityFile);
  const repo = new MunicipalityRepository(db);
  let municipality = await repo.getByCode(spec.code);
  const created = !municipality;
  municipality ??= await createMunicipality(db, spec, CLI_ACTOR);
  if (municipality.name_romaji === null) await repo.fillRomaji(municipality.id, spec.romaji);
  const tenant = new TenantDb(db, municipality.id);

  await tenant.transaction(async (tx) => {
    const organisation = readDemo("org-units.json", OrgUnitsFile);
    const staffing = readDemo("headcounts.json", HeadcountsFile);
    const now = new Date().toISOString();
    const added: string[] = [];
    for (const [index, unit] of organisation.units.entries()) {
      if (await tx.units.getByCode(unit.code)) continue;
      const parent = unit.parent ? await tx.units.getByCode(unit.parent) : undefined;
      await tx.units.create({
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: parent?.id ?? null,
        sortOrder: (index + 1) * 10,
        validFrom: unit.validFrom ?? null,
        validTo: unit.validTo ?? null,
        sector: unit.sector ?? null,
        now,
      });
      added.push(`組織 ${unit.name}`);
    }
    const idOf = new Map((await tx.units.list()).map((u) => [u.code, u.id]));
    const unitId = (code: string) => {
      const id = idOf.get(code);
      if (id === undefined) throw new Error(`demo data names an unknown unit code ${code}`);
      return id;
    };

    if ((await tx.reorgEvents.list()).length === 0) {
      for (const event of organisation.reorganisations) {
        await tx.reorgEvents.create({
          fiscalYear: event.fiscalYear,
          kind: event.kind,
          fromUnitIds: event.from.map(unitId),
          toUnitIds: event.to.map(unitId),
          oldName: null,
          newName: null,
          note: event.note,
          now,
        });
      }
    }

    // Only (unit, year) pairs with no figures yet: running the demo again never overwrites edits.
    const existing = new Set((await tx.headcounts.list()).map((r) => `${r.unit_id}/${r.fiscal_year}`));
    const merged = new Map<string, { unitId: number; fiscalYear: number; counts: HeadcountCounts }>();
    for (const row of staffing.rows) {
      row.values.forEach((value, i) => {
        const fiscalYear = staffing.years[i];
        if (value === null || fiscalYear === undefined) return;
        const key = `${unitId(row.unit)}/${fiscalYear}`;
        const entry = merged.get(key) ?? { unitId: unitId(row.unit), fiscalYear, counts: {} };
        entry.counts[row.category] = value;
        merged.set(key, entry);
      });
    }
    let headcounts = 0;
    for (const [key, entry] of merged) {
      if (existing.has(key)) continue;
      await tx.headcounts.upsert(entry.unitId, entry.fiscalYear, valuesOf(entry.counts), now);
      headcounts += 1;
    }
    if (headcounts > 0) added.push(`職員数 ${headcounts}件`);

    const quotaUnits = new Set((await tx.quotas.list()).map((q) => q.unit_id));
    for (const q of staffing.quotas) {
      if (quotaUnits.has(unitId(q.unit))) continue;
      await tx.quotas.create({ unitId: unitId(q.unit), quota: q.quota, validFrom: null, validTo: null, note: "千歳市職員定数条例 (基本方針 図表4の定数欄)", now });
      added.push(`定数 ${q.unit}`);
    }
    if (!(await tx.policies.list()).some((p) => p.kind === "allowance_percent")) {
      // 基本方針 (令和7年度): a temporary 3% during the retirement-age transition, as the city's decision.
      await tx.policies.create({ kind: "allowance_percent", validFrom: null, value: String(staffing.allowancePercent), note: "基本方針 (定年引上げ期間中の一時的な超過)", now });
      added.push(`許容率 ${staffing.allowancePercent}%`);
    }
    for (const p of staffing.populations) {
      if (await tx.populations.get(p.fiscalYear)) continue;
      await tx.populations.upsert(p);
      added.push(`人口 ${p.fiscalYear}`);
    }
    const ages = readDemo("age-profile.json", AgeProfileFile);
    const haveProfile = (await tx.ageProfiles.list(ages.baseYear)).length > 0;
    if (!haveProfile) {
      const weights = Object.entries(ages.weightsByAge).map(([age, w]) => [Number(age), w] as [number, number]);
      const byUnit = new Map<string, { cohort: number; category: string; count: number }[]>();
      for (const u of ages.units) {
        const rows = spread(u.total, weights).map(([age, count]) => ({ cohort: ages.baseYear - age, category: u.category, count }));
        byUnit.set(u.unit, [...(byUnit.get(u.unit) ?? []), ...rows]);
      }
      for (const [code, rows] of byUnit) await tx.ageProfiles.replaceUnit(unitId(code), ages.baseYear, rows);
      added.push(`年齢構成(例示) ${ages.baseYear}`);
    }
    added.push(...(await loadReformDemo(tx)));
    added.push(...(await loadComparisonDemo(tx)));
    added.push(...(await loadPolicyDocumentDemo(tx)));
    added.push(...(await loadHearingDemo(tx, CLI_ACTOR)));
    // The seed's 令和7年度 edition was published in September 2025: approved as it stands (by the demo's named
    // secretariat and headquarters, dated then, not today by the CLI), so report/publish work at once.
    if (await recordExistingApproval(tx, municipality, 2025, DEMO_APPROVAL)) added.push("公表承認 R7");
    if (added.length > 0) {
      await recordChange(tx, CLI_ACTOR, {
        action: "create",
        entity: "demo",
        entityId: municipality.code,
        summary: `デモデータを読み込み: ${added.length > 6 ? `${added.slice(0, 6).join("、")} ほか${added.length - 6}件` : added.join("、")}`,
      });
    }
  });

  let adminPassword: string | null = null;
  if (!(await tenant.users.getByUsername(DEMO_ADMIN))) {
    adminPassword = generatePassword();
    await addUser(tenant, { username: DEMO_ADMIN, displayName: "行政管理課 (デモ管理者)", role: "admin", password: adminPassword }, CLI_ACTOR);
  } else if (options.resetAdminPassword) {
    adminPassword = generatePassword();
    await setUserPassword(tenant, DEMO_ADMIN, adminPassword, CLI_ACTOR);
  }
  return { municipality, adminUsername: DEMO_ADMIN, adminPassword, created };
}
