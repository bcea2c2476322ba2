// Tables of the candidate's own page (migration 0008); part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC.
import type { Generated } from 'kysely';

/** A personal link: only the SHA-256 (hex) of the token is stored. */
export interface CandidateLinkTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  token_hash: string;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
  /** Set when the link stops working before its expiry (a fresh link was sent, or it was exposed). */
  revoked_at: string | null;
}

/** A link to an invitation minted as its email was sent (the admin's own copy is the invitation id). */
export interface InvitationLinkTable {
  id: string;
  organisation_id: string;
  invitation_id: string;
  token_hash: string;
  created_at: string;
}

/** A candidate's request for a feedback call; one per application. */
export interface FeedbackCallRequestTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  application_id: string;
  note: string | null;
  preferred_times: string | null;
  created_at: string;
}

/** A period of talent-network membership, with the version of the consent text agreed to. */
export interface TalentNetworkMemberTable {
  id: string;
  organisation_id: string;
  candidate_id: string;
  consent_version: string;
  joined_at: string;
  expires_at: string;
  left_at: string | null;
  /** How consent was given: candidate_page | email | import (0013). */
  source: Generated<string>;
}

/** A candidate's rating of the process; one per application, reported without names. */
export interface SurveyResponseTable {
  id: string;
  organisation_id: string;
  application_id: string;
  /** 0–10: how likely to recommend applying here. */
  recommend: number;
  /** 1–5 agree scales. */
  told_when_promised: number;
  feedback_useful: number;
  treated_with_respect: number;
  comment: string | null;
  created_at: string;
}

/** A data-protection request (UK GDPR): deletion, due within one month. */
export interface DataRequestTable {
  id: string;
  organisation_id: string;
  /** Null once the candidate has been erased. */
  candidate_id: string | null;
  /** deletion */
  kind: string;
  /** open | done | refused */
  status: string;
  requested_at: string;
  due_at: string;
  closed_at: string | null;
}

export interface PortalTables {
  candidate_link: CandidateLinkTable;
  invitation_link: InvitationLinkTable;
  feedback_call_request: FeedbackCallRequestTable;
  talent_network_member: TalentNetworkMemberTable;
  survey_response: SurveyResponseTable;
  data_request: DataRequestTable;
}
