import type { Generated, Selectable } from "kysely";

/** 組織・業務改革ヒアリング of one target fiscal year (held in the year before). */
export interface HearingRoundsTable {
  id: Generated<number>;
  municipality_id: number;
  /** The fiscal year the hearing prepares (令和8年度に向けたヒアリング → 2026). */
  target_year: number;
  title: string;
  due_date: string;
  /** domain/hearing.ts RoundStatus */
  status: string;
  /** JSON string[]: 職種 of 様式3, edited by the secretariat. */
  job_categories_json: string;
  applied_at: string | null;
  applied_by: string | null;
  /** JSON: what applying changed, so that undo restores exactly the earlier state. */
  apply_snapshot_json: string | null;
  version: Generated<number>;
  opened_by: string;
  created_at: string;
  updated_at: string;
}

/** A department (部, or a 任命権者 outside 市長部局) heard in a round, with its hearing slot. */
export interface HearingDepartmentsTable {
  municipality_id: number;
  round_id: number;
  unit_id: number;
  slot_date: string | null;
  slot_time: string | null;
  slot_place: Generated<string>;
  sort_order: Generated<number>;
}

/** One form (様式1–3) of a department in a round. */
export interface HearingFormsTable {
  municipality_id: number;
  round_id: number;
  unit_id: number;
  form: number;
  /** domain/hearing.ts FormStatus */
  status: string;
  /** JSON of the form (domain/hearing-forms.ts). */
  content_json: string;
  /** JSON Record<lineId, LineDecision>. */
  decisions_json: string;
  return_comment: Generated<string>;
  heard_on: string | null;
  heard_notes: Generated<string>;
  submitted_at: string | null;
  /** Optimistic locking: bumped on every change. */
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** 配置計画: planned headcount (人) of a unit for a fiscal year, from applied hearing decisions. */
export interface StaffingPlansTable {
  municipality_id: number;
  unit_id: number;
  fiscal_year: number;
  planned_staff: number;
  source: Generated<string>;
  updated_at: string;
}

export interface HearingSchema {
  hearing_rounds: HearingRoundsTable;
  hearing_departments: HearingDepartmentsTable;
  hearing_forms: HearingFormsTable;
  staffing_plans: StaffingPlansTable;
}

export type HearingRoundRow = Selectable<HearingRoundsTable>;
export type HearingDepartmentRow = Selectable<HearingDepartmentsTable>;
export type HearingFormRow = Selectable<HearingFormsTable>;
export type StaffingPlanRow = Selectable<StaffingPlansTable>;
