// Tables of privacy by default (migration 0021); part of the Database interface in schema.ts.

/** An organisation's retention periods; one row per organisation, created on first save. */
export interface PrivacySettingsTable {
  organisation_id: string;
  /** Candidates not in the talent network are anonymised this many months after their last application closed (1–72). */
  candidate_months: number;
  /** Email bodies are removed this many days after they were sent (1–3650). */
  message_body_days: number;
  updated_by: string | null;
  updated_at: string;
}

/** Which periods of the retention sweep have run (migration 0031): one row each, no personal data. */
export interface SweepRunTable {
  /** `retention:<period number>`: the first worker to insert it runs that period's sweep. */
  key: string;
  created_at: string;
}

export interface PrivacyTables {
  privacy_settings: PrivacySettingsTable;
  sweep_run: SweepRunTable;
}
