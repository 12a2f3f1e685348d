import type { Generated, Selectable } from "kysely";

type Timestamp = string;

// ---- 業務改革 (reform items) ----

export interface ReformEditionsTable {
  id: Generated<number>;
  municipality_id: number;
  fiscal_year: number;
  title: string;
  created_at: Timestamp;
}

/** An item as it stands in one edition; lineage_key follows the same item across editions. */
export interface ReformItemsTable {
  id: Generated<number>;
  municipality_id: number;
  edition_id: number;
  lineage_key: string;
  number: number;
  name: string;
  state: string;
  /** JSON string[]: 担当課 as written (may name units that are not in the organisation, e.g. その他業務所管課). */
  unit_labels_json: string;
  /** JSON Block[] (domain/reform.ts) */
  content_json: string;
  effect_json: string;
  remarks_json: string;
  /** Optimistic locking: bumped on every save. */
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ReformItemUnitsTable {
  municipality_id: number;
  item_id: number;
  unit_id: number;
}

/** A plan (取組計画) or result (取組実績) cell of an item for one fiscal year. */
export interface ReformCellsTable {
  municipality_id: number;
  item_id: number;
  fiscal_year: number;
  kind: string;
  stage: string | null;
  lines_json: string;
  same_as_left: Generated<number>;
}

export interface ReformSubcommitteesTable {
  id: Generated<number>;
  municipality_id: number;
  code: string;
  name: string;
  role: string;
  from_year: number | null;
  to_year: number | null;
  lineage_keys_json: string;
}

export interface ReformIndicatorsTable {
  id: Generated<number>;
  municipality_id: number;
  lineage_key: string;
  name: string;
  unit: string;
  baseline_year: number | null;
  baseline_value: number | null;
  cumulative: Generated<number>;
  note: Generated<string>;
  sort_order: Generated<number>;
}

export interface ReformIndicatorValuesTable {
  municipality_id: number;
  indicator_id: number;
  fiscal_year: number;
  kind: string;
  value: number;
}

/** 更新依頼: the secretariat asks the responsible divisions for a year's results and next plans by a due date. */
export interface ReformRoundsTable {
  id: Generated<number>;
  municipality_id: number;
  edition_id: number;
  fiscal_year: number;
  title: string;
  due_date: string;
  status: string;
  opened_by: string;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReformUpdatesTable {
  municipality_id: number;
  round_id: number;
  item_id: number;
  status: string;
  /** JSON { result: PlanCell, plans: Record<year, PlanCell> } */
  draft_json: string;
  comment: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ReformVerificationsTable {
  municipality_id: number;
  lineage_key: string;
  fiscal_year: number;
  evaluation: string;
  opinion: string;
  decision: string;
  verified_by: string;
  verified_at: Timestamp;
  version: Generated<number>;
  /** 1: the opinion is an internal note of headquarters and is never published (services/publication-policy.ts). */
  opinion_internal: Generated<number>;
}

/** 公表 state of a reform edition (domain/publication.ts); fingerprint = SHA-256 of the public dataset when approved. */
export interface ReformPublicationsTable {
  municipality_id: number;
  fiscal_year: number;
  state: string;
  /** Headquarters' comment when it returned the edition (internal, never published). */
  comment: Generated<string>;
  fingerprint: string | null;
  ready_by: string | null;
  ready_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
  /** Which definition of the fingerprint the approval used (domain/publication.ts FINGERPRINT_DEFINITION); null = 1. */
  fingerprint_version: number | null;
}

/** The printed PDF of an edition's document, kept by the SHA-256 of the HTML it was printed from (a cache). */
export interface PublicationPdfsTable {
  municipality_id: number;
  fiscal_year: number;
  document_hash: string;
  pdf_base64: string;
  /** 目次 page numbers by heading id (JSON object). */
  pages_json: string;
  page_count: number;
  printed_at: Timestamp;
}

export interface ReformRevisionsTable {
  id: Generated<number>;
  municipality_id: number;
  item_id: number;
  at: Timestamp;
  actor: string;
  source: string;
  /** JSON [{ field, before, after }] */
  diff_json: string;
}

/** 公表: one editable narrative section of an edition's document (key: see report/document/narrative.ts). */
export interface PolicyNarrativesTable {
  municipality_id: number;
  fiscal_year: number;
  key: string;
  text: string;
  updated_by: string;
  updated_at: string;
}

/** 公表: an image the secretariat uploaded for a figure of an edition's document (図表1, 図表2). */
export interface PolicyFigureImagesTable {
  municipality_id: number;
  fiscal_year: number;
  key: string;
  filename: string;
  content_type: string;
  data_base64: string;
  updated_by: string;
  updated_at: string;
}

export interface ReformAttachmentsTable {
  id: Generated<number>;
  municipality_id: number;
  lineage_key: string;
  filename: string;
  content_type: string;
  data_base64: string;
  created_at: Timestamp;
}

/** 公表予定日 of an edition (one row per fiscal year; none: not planned). Internal: never published. */
export interface PublicationPlansTable {
  municipality_id: number;
  fiscal_year: number;
  /** YYYY-MM-DD */
  planned_date: string;
  updated_by: string;
  updated_at: string;
}

export interface ReformSchema {
  reform_editions: ReformEditionsTable;
  reform_items: ReformItemsTable;
  reform_item_units: ReformItemUnitsTable;
  reform_cells: ReformCellsTable;
  reform_subcommittees: ReformSubcommitteesTable;
  reform_indicators: ReformIndicatorsTable;
  reform_indicator_values: ReformIndicatorValuesTable;
  reform_rounds: ReformRoundsTable;
  reform_updates: ReformUpdatesTable;
  reform_verifications: ReformVerificationsTable;
  reform_revisions: ReformRevisionsTable;
  reform_attachments: ReformAttachmentsTable;
  policy_narratives: PolicyNarrativesTable;
  policy_figure_images: PolicyFigureImagesTable;
  publication_pdfs: PublicationPdfsTable;
  publication_plans: PublicationPlansTable;
  reform_publications: ReformPublicationsTable;
}

export type ReformEditionRow = Selectable<ReformEditionsTable>;
export type ReformItemRow = Selectable<ReformItemsTable>;
export type ReformCellRow = Selectable<ReformCellsTable>;
export type ReformSubcommitteeRow = Selectable<ReformSubcommitteesTable>;
export type ReformIndicatorRow = Selectable<ReformIndicatorsTable>;
export type ReformIndicatorValueRow = Selectable<ReformIndicatorValuesTable>;
export type ReformRoundRow = Selectable<ReformRoundsTable>;
export type ReformUpdateRow = Selectable<ReformUpdatesTable>;
export type ReformVerificationRow = Selectable<ReformVerificationsTable>;
export type ReformRevisionRow = Selectable<ReformRevisionsTable>;
export type ReformPublicationRow = Selectable<ReformPublicationsTable>;
export type PolicyNarrativeRow = Selectable<PolicyNarrativesTable>;
export type PolicyFigureImageRow = Selectable<PolicyFigureImagesTable>;
export type PublicationPdfRow = Selectable<PublicationPdfsTable>;
export type PublicationPlanRow = Selectable<PublicationPlansTable>;
