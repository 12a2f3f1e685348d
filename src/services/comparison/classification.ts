/** 図表7 類似団体区分の判定: the inputs of a year, the group they give, and saving them. */
import type { TenantDb } from "../../db/tenant.js";
import { groupLabel, KIND_LABELS, parseGroupKey } from "../../domain/comparison.js";
import { formatFiscalYear } from "../../domain/era.js";
import { GyokakuError, isInvalidInput } from "../../domain/errors.js";
import { roundHalfUp } from "../../domain/population.js";
import { NOT_SET, type ReadValues, requireUnchanged } from "../../domain/read-values.js";
import type { Actor } from "../../domain/roles.js";
import { describeGroup, isMunicipalityKind, type MunicipalityKind } from "../../domain/similar-group.js";
import { kindSchemeForYear, type SchemeGrid, schemeGrid, typeConditions } from "../../domain/similar-group-schemes.js";
import { recordChange } from "../audit.js";
import { requireAdmin } from "../authorization.js";
import { groupOfProfile, latest, type OwnMunicipality } from "./own-figures.js";

export interface ClassificationView {
  fiscalYear: number;
  /** Years with stored inputs. */
  years: number[];
  profile: {
    kind: MunicipalityKind;
    population: number;
    secondaryPercent: number;
    tertiaryPercent: number;
    industrialPercent: number;
    areaKm2: number | null;
    source: string;
  } | null;
  /** The group the inputs give ("city:II-3"); null without inputs. */
  groupKey: string | null;
  /** The type in words (一般市 and 町村 only). */
  description: string | null;
  /** The group MIC's roster gives this municipality in the same year, when imported. */
  rosterGroup: string | null;
  /**
   * The 類型 grid of the year's scheme (domain similar-group-schemes.ts) for the kind shown (町村 for a town, else
   * 一般市); null for a single group (指定都市 …) or when the year's table is not registered (then `gridNote` says so).
   */
  grid: { kind: "city" | "town"; layout: SchemeGrid } | null;
  /** Why no grid is drawn for the year, in Japanese; null when there is a grid or the group is a single one. */
  gridNote: string | null;
  /** The conditions of the type the inputs give, from the year's scheme (band, 2次+3次, 3次); null without a type. */
  conditions: { band: string; industrial: string | null; tertiary: string | null } | null;
  /** The inputs of every stored year as the form's hidden values read (key: the fiscal year; classificationText). */
  read: ReadValues;
}

/** The inputs of one year as stored or typed, for the values read of the form (domain/read-values.ts). */
type ProfileLike = { kind: string; population: number; secondaryPercent: number; tertiaryPercent: number; areaKm2: number | null; source: string };

/**
 * One year's inputs as one text, the same for the page's hidden field and for the check: 「一般市、人口97,999人、
 * 2次15%、3次80%、面積594.5km²、出典「…」」 (面積 未入力 when blank).
 */
export function classificationText(p: ProfileLike): string {
  const kind = (KIND_LABELS as Record<string, string>)[p.kind] ?? p.kind;
  const area = p.areaKm2 === null ? "未入力" : `${p.areaKm2.toLocaleString("ja-JP")}km²`;
  return `${kind}、人口${p.population.toLocaleString("ja-JP")}人、2次${p.secondaryPercent}%、3次${p.tertiaryPercent}%、面積${area}、出典「${p.source}」`;
}

type ProfileRow = { fiscal_year: number; kind: string; population: number; secondary_percent: number; tertiary_percent: number; area_km2: number | null; source: string };

function rowText(row: ProfileRow | undefined): string {
  return row
    ? classificationText({
        kind: row.kind,
        population: Number(row.population),
        secondaryPercent: Number(row.secondary_percent),
        tertiaryPercent: Number(row.tertiary_percent),
        areaKm2: row.area_km2 === null ? null : Number(row.area_km2),
        source: row.source,
      })
    : NOT_SET;
}

/** `fiscalYear`: the year asked for; else the latest with inputs or a roster; else `currentYear`. */
export async function classificationView(tenant: Pick<TenantDb, "comparisonProfiles" | "roster">, own: OwnMunicipality, fiscalYear: number | undefined, currentYear: number): Promise<ClassificationView> {
  const profiles = await tenant.comparisonProfiles.list();
  const years = profiles.map((p) => p.fiscal_year);
  const fy = fiscalYear ?? years[years.length - 1] ?? latest(await tenant.roster.years()) ?? currentYear;
  const row = profiles.find((p) => p.fiscal_year === fy);
  const [rosterRow] = await tenant.roster.list(fy, [own.code]);
  let key: string | null = null;
  let description: string | null = null;
  const profile = row && isMunicipalityKind(row.kind)
    ? {
        kind: row.kind,
        population: row.population,
        secondaryPercent: row.secondary_percent,
        tertiaryPercent: row.tertiary_percent,
        industrialPercent: roundHalfUp(row.secondary_percent + row.tertiary_percent, 2),
        areaKm2: row.area_km2,
        source: row.source,
      }
    : null;
  if (profile) {
    try {
      key = groupOfProfile(profile.kind, profile.population, profile.secondaryPercent, profile.tertiaryPercent, fy);
      const group = parseGroupKey(key, fy);
      if (group.code !== null && (group.kind === "city" || group.kind === "town")) description = describeGroup(group.code, group.kind, fy);
    } catch (error) {
      // Inputs stored before a rule change can fail validation: no group is shown. Anything else is a bug.
      if (!isInvalidInput(error)) throw error;
      key = null;
    }
  }
  const group = key === null ? null : parseGroupKey(key, fy);
  const gridKind: "city" | "town" = group?.kind === "town" || profile?.kind === "town" ? "town" : "city";
  let grid: ClassificationView["grid"] = null;
  let gridNote: string | null = null;
  let conditions: ClassificationView["conditions"] = null;
  if (!group || group.code !== null) {
    try {
      const { table } = kindSchemeForYear(gridKind, fy);
      grid = { kind: gridKind, layout: schemeGrid(table) };
      if (group?.code) conditions = typeConditions(table, group.code) ?? null;
    } catch (error) {
      // A year before 1999, or a 町村 of a scheme whose table is not registered: say so instead of a wrong grid.
      if (!isInvalidInput(error)) throw error;
      gridNote = error instanceof Error ? error.message : null;
    }
  }
  const read = Object.fromEntries(profiles.map((p) => [String(p.fiscal_year), rowText(p)]));
  return { fiscalYear: fy, years, profile, groupKey: key, description, rosterGroup: rosterRow?.group_key ?? null, grid, gridNote, conditions, read };
}

export interface ClassificationInput {
  fiscalYear: number;
  kind: string;
  population: number;
  secondaryPercent: number;
  tertiaryPercent: number;
  areaKm2: number | null;
  source: string;
}

/**
 * Who may change the inputs of the 類似団体 classification: the secretariat only. saveClassification checks it; the
 * route asks it before it reads the form (role before input), so the rule and its message live here once.
 * @throws GyokakuError forbidden 「類似団体区分の判定の入力を変更する権限がありません」
 */
export function authorizeClassificationEdit(actor: Actor): void {
  requireAdmin(actor, "類似団体区分の判定の入力を変更する");
}

/**
 * Saves the inputs of a year after classifying them (a refused input is a clear message, nothing saved). `read`: the
 * inputs the form showed by year (ClassificationView.read); the year's inputs changed since by someone else are a
 * conflict naming both (issue 14 point 6). Without `read` (the CLI, imports) no check.
 * @throws GyokakuError forbidden, invalid_input, conflict (nothing written)
 */
export async function saveClassification(tenant: Pick<TenantDb, "audit" | "comparisonProfiles" | "transaction">, actor: Actor, input: ClassificationInput, read?: ReadValues): Promise<string> {
  authorizeClassificationEdit(actor);
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 1868 || input.fiscalYear > 9999) throw new GyokakuError("invalid_input", `年度が不正です: ${input.fiscalYear}`);
  if (!isMunicipalityKind(input.kind)) throw new GyokakuError("invalid_input", `団体の区分を選んでください: ${input.kind}`);
  if (input.areaKm2 !== null && !(input.areaKm2 > 0)) throw new GyokakuError("invalid_input", `面積は正の数で入力してください: ${input.areaKm2}`);
  // groupOfProfile refuses impossible inputs with GyokakuError("invalid_input") itself; anything else is a bug.
  const key = groupOfProfile(input.kind, input.population, input.secondaryPercent, input.tertiaryPercent, input.fiscalYear);
  return tenant.transaction(async (tx) => {
    const before = await tx.comparisonProfiles.get(input.fiscalYear);
    requireUnchanged(read, [{ key: String(input.fiscalYear), label: `${formatFiscalYear(input.fiscalYear)}の類似団体区分の判定の入力`, stored: rowText(before), yours: classificationText(input) }]);
    await tx.comparisonProfiles.upsert({ ...input, now: new Date().toISOString() });
    await recordChange(tx, actor, {
      action: before ? "update" : "create",
      entity: "comparison-profile",
      entityId: input.fiscalYear,
      summary: `類似団体区分の判定を保存: ${input.fiscalYear}年度 ${groupLabel(key)} (人口${input.population.toLocaleString("ja-JP")}、2次${input.secondaryPercent}%、3次${input.tertiaryPercent}%)`,
      before: before ? { kind: before.kind, population: before.population, secondaryPercent: before.secondary_percent, tertiaryPercent: before.tertiary_percent, areaKm2: before.area_km2 } : undefined,
      after: { kind: input.kind, population: input.population, secondaryPercent: input.secondaryPercent, tertiaryPercent: input.tertiaryPercent, areaKm2: input.areaKm2 },
    });
    return key;
  });
}
