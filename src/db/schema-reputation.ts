// Tables of reputation (migration 0017); part of the Database interface in schema.ts.

/** One row per organisation, created on first save. */
export interface ReputationSettingsTable {
  organisation_id: string;
  /** Working days after a candidate is told before they are asked to rate their experience (0–30). */
  survey_working_days: number;
  /** When an admin published the public response promise; null while it is off. */
  promise_published_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** An application whose candidate was asked (or deliberately not asked) to rate their experience. */
export interface SurveyRequestTable {
  application_id: string;
  organisation_id: string;
  /** sent | skipped */
  status: string;
  created_at: string;
}

/**
 * The dashboard's rollup (migration 0035): one row per organisation, scope ('org', 'venue:<id>',
 * 'manager:<id>', 'role:<id>') and UTC month 'YYYY-MM'; each count is of facts dated in that month.
 */
export interface ReputationMonthTable {
  organisation_id: string;
  scope: string;
  month: string;
  /** Role rows only: the role's venue and hiring manager when they were counted. */
  venue_id: string | null;
  hiring_manager_id: string | null;
  decided: number;
  decided_told: number;
  decided_on_time: number;
  decided_with_deadline: number;
  decided_held: number;
  untold: number;
  told: number;
  told_on_time: number;
  told_with_deadline: number;
  unsuccessful: number;
  checked_feedback: number;
  told_not_hired: number;
  joined_network: number;
  holding_updates: number;
  first_drafts: number;
  first_drafts_passed: number;
  asked: number;
  responses: number;
  promoters: number;
  detractors: number;
  told_sum: number;
  useful_sum: number;
  respect_sum: number;
  reengaged: number;
  hires_from_network: number;
  referrals: number;
  referrals_hired: number;
}

/** Candidates told in the month whose last interview was `days` working days before. */
export interface ReputationMonthDaysTable {
  organisation_id: string;
  scope: string;
  month: string;
  days: number;
  n: number;
}

/** Scorecards owed for interviews that ended in the month, per interviewer. */
export interface ReputationMonthInterviewerTable {
  organisation_id: string;
  scope: string;
  month: string;
  interviewer_id: string;
  due: number;
  submitted: number;
  on_time: number;
}

/** A role whose rollup rows are recounted before the next read (marked by each write). */
export interface ReputationStaleRoleTable {
  organisation_id: string;
  role_id: string;
  marked_at: string;
}

export interface ReputationTables {
  reputation_settings: ReputationSettingsTable;
  survey_request: SurveyRequestTable;
  reputation_month: ReputationMonthTable;
  reputation_month_days: ReputationMonthDaysTable;
  reputation_month_interviewer: ReputationMonthInterviewerTable;
  reputation_stale_role: ReputationStaleRoleTable;
}
