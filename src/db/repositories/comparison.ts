import type {
  ComparisonDiagnosisRow,
  ComparisonGroupAverageRow,
  ComparisonLaspeyresRow,
  ComparisonProfileRow,
  ComparisonRegressionRow,
  ComparisonRosterRow,
  DbOrTx,
} from "../schema.js";

/** Rows per INSERT: keeps the bound parameters far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function distinctYears(db: DbOrTx, table: "comparison_group_averages" | "comparison_roster" | "comparison_diagnosis" | "comparison_laspeyres" | "comparison_regression" | "comparison_profiles", municipalityId: number): Promise<number[]> {
  const rows = await db.selectFrom(table).select("fiscal_year").distinct().where("municipality_id", "=", municipalityId).orderBy("fiscal_year").execute();
  return rows.map((r) => r.fiscal_year);
}

/** 類似団体区分の判定 inputs of one municipality, per fiscal year. */
export class ComparisonProfileRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<ComparisonProfileRow[]> {
    return this.db.selectFrom("comparison_profiles").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").execute();
  }

  get(fiscalYear: number): Promise<ComparisonProfileRow | undefined> {
    return this.db
      .selectFrom("comparison_profiles")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
  }

  async upsert(values: { fiscalYear: number; kind: string; population: number; secondaryPercent: number; tertiaryPercent: number; areaKm2: number | null; source: string; now: string }): Promise<void> {
    const row = {
      kind: values.kind,
      population: values.population,
      secondary_percent: values.secondaryPercent,
      tertiary_percent: values.tertiaryPercent,
      area_km2: values.areaKm2,
      source: values.source,
      updated_at: values.now,
    };
    await this.db
      .insertInto("comparison_profiles")
      .values({ municipality_id: this.municipalityId, fiscal_year: values.fiscalYear, ...row })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year"]).doUpdateSet(row))
      .execute();
  }
}

export interface GroupAverageValues {
  groupKey: string;
  sector: string;
  members: number | null;
  population: number | null;
  staff: number | null;
  simplePer10k: number | null;
  correctedPer10k: number | null;
  correctedMembers: number | null;
}

/** MIC's similar-group averages, as imported by one municipality. */
export class GroupAverageRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  years(): Promise<number[]> {
    return distinctYears(this.db, "comparison_group_averages", this.municipalityId);
  }

  list(fiscalYear: number, groupKey?: string): Promise<ComparisonGroupAverageRow[]> {
    let q = this.db.selectFrom("comparison_group_averages").selectAll().where("municipality_id", "=", this.municipalityId).where("fiscal_year", "=", fiscalYear);
    if (groupKey !== undefined) q = q.where("group_key", "=", groupKey);
    return q.orderBy("group_key").orderBy("sector").execute();
  }

  /**
   * Stores figures of one year by group and sector. A figure the file leaves blank (null) keeps the stored one, so a
   * 図表8 total row (Σ population and staff) and MIC's averages table can each add what the other lacks.
   */
  async merge(fiscalYear: number, rows: readonly GroupAverageValues[], source: string): Promise<void> {
    const values = rows.map((r) => ({
      municipality_id: this.municipalityId,
      fiscal_year: fiscalYear,
      group_key: r.groupKey,
      sector: r.sector,
      members: r.members,
      population: r.population,
      staff: r.staff,
      simple_per10k: r.simplePer10k,
      corrected_per10k: r.correctedPer10k,
      corrected_members: r.correctedMembers,
      source,
    }));
    for (const part of chunks(values, 200)) {
      await this.db
        .insertInto("comparison_group_averages")
        .values(part)
        .onConflict((oc) =>
          oc.columns(["municipality_id", "fiscal_year", "group_key", "sector"]).doUpdateSet((eb) => ({
            members: eb.fn.coalesce(eb.ref("excluded.members"), eb.ref("comparison_group_averages.members")),
            population: eb.fn.coalesce(eb.ref("excluded.population"), eb.ref("comparison_group_averages.population")),
            staff: eb.fn.coalesce(eb.ref("excluded.staff"), eb.ref("comparison_group_averages.staff")),
            simple_per10k: eb.fn.coalesce(eb.ref("excluded.simple_per10k"), eb.ref("comparison_group_averages.simple_per10k")),
            corrected_per10k: eb.fn.coalesce(eb.ref("excluded.corrected_per10k"), eb.ref("comparison_group_averages.corrected_per10k")),
            corrected_members: eb.fn.coalesce(eb.ref("excluded.corrected_members"), eb.ref("comparison_group_averages.corrected_members")),
            source: eb.ref("excluded.source"),
          })),
        )
        .execute();
    }
  }
}

export interface RosterValues {
  code: string;
  name: string;
  prefecture: string;
  groupKey: string;
  population: number;
  areaKm2: number | null;
  /** comparison code → 職員数 */
  staff: Readonly<Record<string, number>>;
}

/** MIC's roster of municipalities with staff by sector, as imported by one municipality. */
export class RosterRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  years(): Promise<number[]> {
    return distinctYears(this.db, "comparison_roster", this.municipalityId);
  }

  list(fiscalYear: number, codes?: readonly string[]): Promise<ComparisonRosterRow[]> {
    if (codes && codes.length === 0) return Promise.resolve([]);
    let q = this.db.selectFrom("comparison_roster").selectAll().where("municipality_id", "=", this.municipalityId).where("fiscal_year", "=", fiscalYear);
    if (codes) q = q.where("code", "in", codes);
    return q.orderBy("code").execute();
  }

  /** One municipality's roster rows in several years at once (a page over years reads them in one query). */
  listOfCode(code: string, fiscalYears: readonly number[]): Promise<ComparisonRosterRow[]> {
    if (fiscalYears.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("comparison_roster")
      .selectAll()
      .where("municipality_id", "=", this.municipalityId)
      .where("code", "=", code)
      .where("fiscal_year", "in", fiscalYears)
      .orderBy("fiscal_year")
      .execute();
  }

  /** One municipality's staff by sector in several years at once. */
  listStaffOfCode(code: string, fiscalYears: readonly number[]): Promise<{ fiscal_year: number; sector: string; staff: number }[]> {
    if (fiscalYears.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("comparison_roster_staff")
      .select(["fiscal_year", "sector", "staff"])
      .where("municipality_id", "=", this.municipalityId)
      .where("code", "=", code)
      .where("fiscal_year", "in", fiscalYears)
      .execute();
  }

  listStaff(fiscalYear: number, codes?: readonly string[]): Promise<{ code: string; sector: string; staff: number }[]> {
    if (codes && codes.length === 0) return Promise.resolve([]);
    let q = this.db
      .selectFrom("comparison_roster_staff")
      .select(["code", "sector", "staff"])
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear);
    if (codes) q = q.where("code", "in", codes);
    return q.execute();
  }

  async count(fiscalYear: number): Promise<number> {
    const row = await this.db
      .selectFrom("comparison_roster")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("municipality_id", "=", this.municipalityId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Inserts or replaces the given municipalities (and all their staff figures) for one year; others stay. */
  async replaceMembers(fiscalYear: number, members: readonly RosterValues[]): Promise<void> {
    for (const part of chunks(members.map((m) => m.code))) {
      for (const table of ["comparison_roster_staff", "comparison_roster"] as const) {
        await this.db
          .deleteFrom(table)
          .where("municipality_id", "=", this.municipalityId)
          .where("fiscal_year", "=", fiscalYear)
          .where("code", "in", part)
          .execute();
      }
    }
    const rows = members.map((m) => ({
      municipality_id: this.municipalityId,
      fiscal_year: fiscalYear,
      code: m.code,
      name: m.name,
      prefecture: m.prefecture,
      group_key: m.groupKey,
      population: m.population,
      area_km2: m.areaKm2,
    }));
    for (const part of chunks(rows)) await this.db.insertInto("comparison_roster").values(part).execute();
    const staff = members.flatMap((m) =>
      Object.entries(m.staff).map(([sector, value]) => ({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, code: m.code, sector, staff: value })),
    );
    for (const part of chunks(staff, 1000)) await this.db.insertInto("comparison_roster_staff").values(part).execute();
  }
}

export interface OwnDiagnosisValues {
  sector: string;
  actual: number | null;
  simpleReference: number | null;
  correctedReference: number | null;
}

/** The municipality's own 定員管理診断表 as MIC gives it. */
export class OwnDiagnosisRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  years(): Promise<number[]> {
    return distinctYears(this.db, "comparison_diagnosis", this.municipalityId);
  }

  list(fiscalYears?: readonly number[]): Promise<ComparisonDiagnosisRow[]> {
    if (fiscalYears && fiscalYears.length === 0) return Promise.resolve([]);
    let q = this.db.selectFrom("comparison_diagnosis").selectAll().where("municipality_id", "=", this.municipalityId);
    if (fiscalYears) q = q.where("fiscal_year", "in", fiscalYears);
    return q.orderBy("fiscal_year").orderBy("sector").execute();
  }

  /** Stores a year's figures: the sectors in `rows` are replaced whole, a year's other sectors stay. */
  async upsertYear(fiscalYear: number, rows: readonly OwnDiagnosisValues[], source: string): Promise<void> {
    for (const r of rows) {
      const values = { actual: r.actual, simple_reference: r.simpleReference, corrected_reference: r.correctedReference, source };
      await this.db
        .insertInto("comparison_diagnosis")
        .values({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, sector: r.sector, ...values })
        .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "sector"]).doUpdateSet(values))
        .execute();
    }
  }

  /**
   * Sets only the actual staff of a year (the previous year's column A of a 診断表): reference counts stored for
   * that year by its own 診断表 stay as they are.
   */
  async setActuals(fiscalYear: number, rows: readonly { sector: string; actual: number | null }[], source: string): Promise<void> {
    for (const r of rows) {
      await this.db
        .insertInto("comparison_diagnosis")
        .values({ municipality_id: this.municipalityId, fiscal_year: fiscalYear, sector: r.sector, actual: r.actual, simple_reference: null, corrected_reference: null, source })
        .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "sector"]).doUpdateSet({ actual: r.actual }))
        .execute();
    }
  }
}

/** ラスパイレス指数 of one municipality: its own, the group's and all cities' averages, and peers. */
export class LaspeyresRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<ComparisonLaspeyresRow[]> {
    return this.db.selectFrom("comparison_laspeyres").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").orderBy("subject").execute();
  }

  async upsert(row: { fiscalYear: number; subject: string; label: string; value: number; source: string }): Promise<void> {
    const values = { label: row.label, value: row.value, source: row.source };
    await this.db
      .insertInto("comparison_laspeyres")
      .values({ municipality_id: this.municipalityId, fiscal_year: row.fiscalYear, subject: row.subject, ...values })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "subject"]).doUpdateSet(values))
      .execute();
  }
}

/** 定員回帰指標 coefficients imported by one municipality. */
export class RegressionRepository {
  constructor(
    private readonly db: DbOrTx,
    private readonly municipalityId: number,
  ) {}

  list(): Promise<ComparisonRegressionRow[]> {
    return this.db.selectFrom("comparison_regression").selectAll().where("municipality_id", "=", this.municipalityId).orderBy("fiscal_year").orderBy("sector").execute();
  }

  async upsert(row: { fiscalYear: number; sector: string; constant: number; populationCoef: number; areaCoef: number; source: string }): Promise<void> {
    const values = { constant: row.constant, population_coef: row.populationCoef, area_coef: row.areaCoef, source: row.source };
    await this.db
      .insertInto("comparison_regression")
      .values({ municipality_id: this.municipalityId, fiscal_year: row.fiscalYear, sector: row.sector, ...values })
      .onConflict((oc) => oc.columns(["municipality_id", "fiscal_year", "sector"]).doUpdateSet(values))
      .execute();
  }
}
