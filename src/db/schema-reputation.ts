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

export interface ReputationTables {
  reputation_settings: ReputationSettingsTable;
  survey_request: SurveyRequestTable;
}
