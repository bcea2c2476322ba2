// Tables of the talent network (migration 0013); part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC; dates are YYYY-MM-DD; booleans are 0/1.

/** A member's current profile: one per candidate, kept (status `left`) after they leave. */
export interface NetworkProfileTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  /** member | left */
  status: string;
  joined_at: string;
  consent_version: string;
  consent_expires_at: string;
  left_at: string | null;
  region: string | null;
  travel_miles: number | null;
  available_permanent: number;
  /** Freelance or casual shifts. */
  available_freelance: number;
  /** Opted in to the casual-crew bench. */
  casual_crew: number;
  notice_weeks: number | null;
  last_contact_at: string | null;
  /** Set by one-click unsubscribe: no network emails until they opt back in. */
  unsubscribed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A skill, certification or interest (kind of role, venue) of a member; `value_key` is lower case. */
export interface NetworkTagTable {
  organisation_id: string;
  candidate_id: string;
  /** skill | certification | role_kind | venue */
  kind: string;
  value: string;
  value_key: string;
}

/** Consent given, renewed or withdrawn, with the version of the text and where. */
export interface NetworkConsentTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  /** given | renewed | withdrawn */
  kind: string;
  text_version: string;
  /** candidate_page | email | import */
  source: string;
  expires_at: string | null;
  created_at: string;
}

/** What happened to a membership, in words, for the candidate's profile. */
export interface NetworkHistoryTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  kind: string;
  summary: string;
  created_at: string;
}

/** "Future fit for <for_role> after <after>", with the day to re-engage. */
export interface NetworkFutureFitTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  manager_id: string | null;
  for_role: string;
  after: string;
  reengage_on: string;
  reminded_at: string | null;
  created_at: string;
}

/** A suggested training a member marked done. */
export interface NetworkTrainingTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  criterion_key: string;
  title: string;
  certificate_number: string | null;
  completed_on: string | null;
  created_at: string;
}

/** A one-click unsubscribe link minted as an email went: only the SHA-256 (hex) of the token. */
export interface NetworkUnsubscribeTokenTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

/** An opportunity offered to a member for a role: one per member per role. */
export interface NetworkOpportunityTable {
  id: string;
  organisation_id: string;
  role_id: string;
  candidate_id: string;
  note: string | null;
  job_id: string | null;
  message_id: string | null;
  /** sent | skipped */
  status: string;
  created_at: string;
}

/** A candidate's email change waiting for the new address to confirm it (0032). */
export interface CandidateEmailChangeTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  new_email: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
}

/**
 * The fit summary matching reads (0036): per member and criterion the level reached on submitted
 * scorecards and whether training was done on it; `assessed_ms` is the member's latest assessment.
 */
export interface NetworkFitTable {
  organisation_id: string;
  candidate_id: string;
  criterion_key: string;
  level: number;
  trained: number;
  assessed_ms: number;
}

export interface NetworkTables {
  network_fit: NetworkFitTable;
  candidate_email_change: CandidateEmailChangeTable;
  network_profile: NetworkProfileTable;
  network_tag: NetworkTagTable;
  network_consent: NetworkConsentTable;
  network_history: NetworkHistoryTable;
  network_future_fit: NetworkFutureFitTable;
  network_training: NetworkTrainingTable;
  network_unsubscribe_token: NetworkUnsubscribeTokenTable;
  network_opportunity: NetworkOpportunityTable;
}
