import { PostgresAdapter, sql, Transaction } from "kysely";
import {
  ComparisonProfileRepository,
  GroupAverageRepository,
  LaspeyresRepository,
  OwnDiagnosisRepository,
  RegressionRepository,
  RosterRepository,
} from "./repositories/comparison.js";
import { AuditLogRepository } from "./repositories/audit-log.js";
import { HeadcountRepository } from "./repositories/headcounts.js";
import { HearingFormRepository, HearingRoundRepository, StaffingPlanRepository } from "./repositories/hearing.js";
import { PolicyFigureImageRepository, PolicyNarrativeRepository } from "./repositories/policy-document.js";
import { PublicationPdfRepository, PublicationPlanRepository, PublicationRepository } from "./repositories/publications.js";
import { PopulationRepository } from "./repositories/populations.js";
import { StaffingPolicyRepository } from "./repositories/policies.js";
import { QuotaRepository } from "./repositories/quotas.js";
import {
  ReformAttachmentRepository,
  ReformEditionRepository,
  ReformIndicatorRepository,
  ReformItemRepository,
  ReformRoundRepository,
  ReformSubcommitteeRepository,
  ReformVerificationRepository,
} from "./repositories/reform.js";
import { ReorgEventRepository } from "./repositories/reorg-events.js";
import { AgeProfileRepository, RetirementScheduleRepository, ScenarioRepository } from "./repositories/retirement.js";
import { SettingsRepository } from "./repositories/settings.js";
import { LoginThrottleRepository } from "./repositories/login-attempts.js";
import { SecurityEventRepository } from "./repositories/security-events.js";
import { OrgUnitRepository } from "./repositories/org-units.js";
import { UserRepository } from "./repositories/users.js";
import { UserSessionRepository } from "./repositories/sessions.js";
import { OwnMunicipalityRepository } from "./repositories/municipalities.js";
import { NotificationRepository } from "./repositories/notifications.js";
import type { DbOrTx } from "./schema.js";

/**
 * The repositories of one municipality (tenant). Code that has a TenantDb can only reach that
 * municipality's rows: every repository it hands out carries the municipality id into each query.
 */
export class TenantDb {
  constructor(
    readonly db: DbOrTx,
    readonly municipalityId: number,
  ) {}

  get users() {
    return new UserRepository(this.db, this.municipalityId);
  }
  /** The sessions of this municipality's users, to end them. */
  get userSessions() {
    return new UserSessionRepository(this.db, this.municipalityId);
  }
  /** This municipality's own row, read only. */
  get municipality() {
    return new OwnMunicipalityRepository(this.db, this.municipalityId);
  }
  get notifications() {
    return new NotificationRepository(this.db, this.municipalityId);
  }
  get units() {
    return new OrgUnitRepository(this.db, this.municipalityId);
  }
  get audit() {
    return new AuditLogRepository(this.db, this.municipalityId);
  }
  get loginThrottles() {
    return new LoginThrottleRepository(this.db, this.municipalityId);
  }
  get securityEvents() {
    return new SecurityEventRepository(this.db, this.municipalityId);
  }
  get headcounts() {
    return new HeadcountRepository(this.db, this.municipalityId);
  }
  get quotas() {
    return new QuotaRepository(this.db, this.municipalityId);
  }
  get populations() {
    return new PopulationRepository(this.db, this.municipalityId);
  }
  get settings() {
    return new SettingsRepository(this.db, this.municipalityId);
  }
  get policies() {
    return new StaffingPolicyRepository(this.db, this.municipalityId);
  }
  get reorgEvents() {
    return new ReorgEventRepository(this.db, this.municipalityId);
  }
  get ageProfiles() {
    return new AgeProfileRepository(this.db, this.municipalityId);
  }
  get retirementSchedules() {
    return new RetirementScheduleRepository(this.db, this.municipalityId);
  }
  get scenarios() {
    return new ScenarioRepository(this.db, this.municipalityId);
  }
  get policyNarratives() {
    return new PolicyNarrativeRepository(this.db, this.municipalityId);
  }
  get policyFigureImages() {
    return new PolicyFigureImageRepository(this.db, this.municipalityId);
  }
  get reformEditions() {
    return new ReformEditionRepository(this.db, this.municipalityId);
  }
  get reformItems() {
    return new ReformItemRepository(this.db, this.municipalityId);
  }
  get reformSubcommittees() {
    return new ReformSubcommitteeRepository(this.db, this.municipalityId);
  }
  get reformIndicators() {
    return new ReformIndicatorRepository(this.db, this.municipalityId);
  }
  get reformRounds() {
    return new ReformRoundRepository(this.db, this.municipalityId);
  }
  get reformVerifications() {
    return new ReformVerificationRepository(this.db, this.municipalityId);
  }
  get reformAttachments() {
    return new ReformAttachmentRepository(this.db, this.municipalityId);
  }
  get publications() {
    return new PublicationRepository(this.db, this.municipalityId);
  }
  get publicationPdfs() {
    return new PublicationPdfRepository(this.db, this.municipalityId);
  }
  get publicationPlans() {
    return new PublicationPlanRepository(this.db, this.municipalityId);
  }

  get comparisonProfiles() {
    return new ComparisonProfileRepository(this.db, this.municipalityId);
  }
  get groupAverages() {
    return new GroupAverageRepository(this.db, this.municipalityId);
  }
  get roster() {
    return new RosterRepository(this.db, this.municipalityId);
  }
  get ownDiagnosis() {
    return new OwnDiagnosisRepository(this.db, this.municipalityId);
  }
  get laspeyres() {
    return new LaspeyresRepository(this.db, this.municipalityId);
  }
  get regression() {
    return new RegressionRepository(this.db, this.municipalityId);
  }

  get hearingRounds() {
    return new HearingRoundRepository(this.db, this.municipalityId);
  }
  get hearingForms() {
    return new HearingFormRepository(this.db, this.municipalityId);
  }
  get staffingPlans() {
    return new StaffingPlanRepository(this.db, this.municipalityId);
  }

  /**
   * Runs fn in one transaction (or inside the current one), so a change and its audit entry land together or not at all.
   * The handle fn gets has the caller's type: a service given `Pick<TenantDb, "units" | "audit" | "transaction">`
   * reaches only those repositories inside its transaction too (a TenantDb is every such Pick, so the cast is sound).
   *
   * Transactions of one municipality run one at a time, on both databases, in every server process: SQLite's begin
   * with BEGIN IMMEDIATE (db/connection.ts); on PostgreSQL the first statement takes a transaction-scoped advisory
   * lock keyed by the schema and the municipality (`pg_advisory_xact_lock(hashtext(current_schema()), id)`, released
   * at commit or rollback). So a check made inside the transaction (a value as read: domain/read-values.ts
   * requireUnchanged; a version; a duplicate name) still holds when it writes: under PostgreSQL's READ COMMITTED two
   * saves that both read before either committed would otherwise both pass (issue 14, "no lost update, on any path").
   * Other municipalities are not held up.
   */
  transaction<T, S extends Partial<TenantDb> = TenantDb>(this: S, fn: (tx: S) => Promise<T>): Promise<T> {
    const self = this as unknown as TenantDb;
    if (self.db instanceof Transaction) return fn(this);
    const postgres = self.db.getExecutor().adapter instanceof PostgresAdapter;
    return self.db.transaction().execute(async (trx) => {
      if (postgres) await sql`select pg_advisory_xact_lock(hashtext(current_schema()), ${self.municipalityId}::int4)`.execute(trx);
      return fn(new TenantDb(trx, self.municipalityId) as unknown as S);
    });
  }
}
