/**
 * The demo city's comparison data (demo/chitose/comparison.json): the seed's 図表7–10 as given. Idempotent: only
 * what is missing is added, so running `gyokaku demo` again never overwrites an edit or an import.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { TenantDb } from "../db/tenant.js";
import { comparisonCodeByName, readGroup } from "../domain/comparison.js";
import { isValidMunicipalityCode } from "../domain/municipality-code.js";
import { classifySimilarGroup } from "../domain/similar-group.js";
import { LASPEYRES_SUBJECT_LABELS } from "../io/mic-laspeyres.js";
import { PEERS_SETTING } from "./comparison/peers.js";

const DEMO_FILE = new URL("../../demo/chitose/comparison.json", import.meta.url);
const SOURCE = "デモ: 千歳市 行政改革基本方針 令和7年度 図表7～10";

const Code = z.string().refine(isValidMunicipalityCode, "団体コードの検査数字が正しくありません");
const Staff = z.record(z.string(), z.number().int().nonnegative());
const ComparisonFile = z.object({
  profile: z.object({
    fiscalYear: z.number().int(),
    kind: z.enum(["city", "town", "designated", "core", "former-special", "ward"]),
    population: z.number().int().positive(),
    secondaryPercent: z.number(),
    tertiaryPercent: z.number(),
    areaKm2: z.number().positive().optional(),
    source: z.string(),
  }),
  peers: z.array(Code),
  roster: z.object({
    fiscalYear: z.number().int(),
    members: z.array(z.object({ code: Code, name: z.string(), prefecture: z.string(), group: z.string(), population: z.number().int().positive(), staff: Staff })),
    groupTotals: z.array(z.object({ group: z.string(), members: z.number().int(), population: z.number().int(), staff: Staff })),
  }),
  diagnosis: z.object({
    previousYear: z.number().int(),
    fiscalYear: z.number().int(),
    rows: z.array(
      z.object({
        sector: z.string(),
        a: z.number().int().nullable(),
        b: z.number().int().nullable(),
        simple: z.number().int().optional(),
        corrected: z.number().int().optional(),
      }),
    ),
  }),
  laspeyres: z.array(z.object({ fiscalYear: z.number().int(), own: z.number(), group: z.number(), cities: z.number() })),
});

function sectorCode(name: string): string {
  const code = comparisonCodeByName(name);
  if (!code) throw new Error(`demo comparison data names an unknown sector ${name}`);
  return code;
}

function staffCodes(staff: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(staff).map(([k, v]) => [sectorCode(k), v]));
}

/** What loadComparisonDemo reads and writes of the municipality's repositories (a type error to reach another). */
export type LoadComparisonDemoDb = Pick<TenantDb, "comparisonProfiles" | "groupAverages" | "laspeyres" | "ownDiagnosis" | "roster" | "settings">;

/** Adds what is missing of the demo's comparison data; returns what was added, for the demo's audit entry. */
export async function loadComparisonDemo(tx: LoadComparisonDemoDb): Promise<string[]> {
  const spec = ComparisonFile.parse(JSON.parse(readFileSync(DEMO_FILE, "utf8")));
  const added: string[] = [];
  const now = new Date().toISOString();

  const p = spec.profile;
  if (!(await tx.comparisonProfiles.get(p.fiscalYear))) {
    // Classify first: demo inputs that do not give the seed's group are a broken demo, not data to store.
    classifySimilarGroup({ kind: p.kind, population: p.population, secondaryPercent: p.secondaryPercent, tertiaryPercent: p.tertiaryPercent });
    await tx.comparisonProfiles.upsert({ ...p, areaKm2: p.areaKm2 ?? null, now });
    added.push(`類似団体区分の判定 ${p.fiscalYear}`);
  }
  if ((await tx.settings.get(PEERS_SETTING)) === undefined) {
    await tx.settings.set(PEERS_SETTING, JSON.stringify(spec.peers));
    added.push("比較する団体(図表8)");
  }

  const fy = spec.roster.fiscalYear;
  const listed = new Set((await tx.roster.list(fy)).map((r) => r.code));
  const missing = spec.roster.members.filter((m) => !listed.has(m.code));
  if (missing.length > 0) {
    await tx.roster.replaceMembers(
      fy,
      missing.map((m) => ({ code: m.code, name: m.name, prefecture: m.prefecture, groupKey: readGroup(m.group), population: m.population, areaKm2: null, staff: staffCodes(m.staff) })),
    );
    added.push(`団体別職員数 ${missing.length}団体`);
  }
  const averages = await tx.groupAverages.list(fy);
  for (const t of spec.roster.groupTotals) {
    const key = readGroup(t.group);
    const rows = Object.entries(staffCodes(t.staff))
      .filter(([sector]) => !averages.some((a) => a.group_key === key && a.sector === sector))
      .map(([sector, staff]) => ({ groupKey: key, sector, members: t.members, population: t.population, staff, simplePer10k: null, correctedPer10k: null, correctedMembers: null }));
    if (rows.length === 0) continue;
    await tx.groupAverages.merge(fy, rows, SOURCE);
    added.push(`類似団体 ${t.group} の合計`);
  }

  const d = spec.diagnosis;
  if ((await tx.ownDiagnosis.list([d.fiscalYear])).length === 0) {
    await tx.ownDiagnosis.upsertYear(
      d.fiscalYear,
      d.rows.map((r) => ({ sector: sectorCode(r.sector), actual: r.b, simpleReference: r.simple ?? null, correctedReference: r.corrected ?? null })),
      SOURCE,
    );
    added.push(`定員管理診断表 ${d.fiscalYear}`);
  }
  if ((await tx.ownDiagnosis.list([d.previousYear])).length === 0) {
    await tx.ownDiagnosis.setActuals(d.previousYear, d.rows.filter((r) => r.a !== null).map((r) => ({ sector: sectorCode(r.sector), actual: r.a })), SOURCE);
    added.push(`定員管理診断表 ${d.previousYear} (職員数のみ)`);
  }

  const stored = new Set((await tx.laspeyres.list()).map((l) => `${l.fiscal_year}/${l.subject}`));
  for (const l of spec.laspeyres) {
    for (const subject of ["own", "group", "cities"] as const) {
      if (stored.has(`${l.fiscalYear}/${subject}`)) continue;
      await tx.laspeyres.upsert({ fiscalYear: l.fiscalYear, subject, label: LASPEYRES_SUBJECT_LABELS[subject] ?? subject, value: l[subject], source: SOURCE });
      added.push(`ラスパイレス指数 ${l.fiscalYear} ${LASPEYRES_SUBJECT_LABELS[subject]}`);
    }
  }
  return added;
}
