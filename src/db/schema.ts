import type { Generated } from 'kysely';
import type { AccountTables } from './schema-account.ts';
import type { AssessmentTables } from './schema-assessment.ts';
import type { BounceTables } from './schema-bounces.ts';
import type { ApplicationClosureColumns, ClosureTables } from './schema-closure.ts';
import type { ApplicationDecisionColumns, DecisionTables, RoleDecisionColumns } from './schema-decisions.ts';
import type { FeedbackTables } from './schema-feedback.ts';
import type { IdempotencyTables } from './schema-idempotency.ts';
import type { JobTables } from './schema-jobs.ts';
import type { MessagingTables } from './schema-messaging.ts';
import type { NetworkTables } from './schema-network.ts';
import type { PortalTables } from './schema-portal.ts';
import type { PrivacyTables } from './schema-privacy.ts';
import type { ReferralTables } from './schema-referrals.ts';
import type { ReputationTables } from './schema-reputation.ts';
import type { WebhookTables } from './schema-webhooks.ts';

// Timestamps are ISO-8601 strings in UTC on both databases; flags are 0/1 integers.

/** better-auth's tables (camelCase columns, as its adapter writes them). Read-only to our code. */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: number | boolean;
  image: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  password: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface OrganizationTable {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  createdAt: string;
  metadata: string | null;
}
export interface MemberTable {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  createdAt: string;
}
export interface InvitationTable {
  id: string;
  organizationId: string;
  email: string;
  role: string | null;
  status: string;
  expiresAt: string;
  createdAt: string;
  inviterId: string;
}

export interface VenueTable {
  id: string;
  organisation_id: string;
  name: string;
  region: string;
  timezone: string;
  city: string | null;
  postcode: string | null;
  working_hours_start: string | null;
  working_hours_end: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface RoleTable extends RoleDecisionColumns {
  id: string;
  organisation_id: string;
  venue_id: string;
  title: string;
  level: string;
  status: string;
  hiring_manager_id: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}
export interface CandidateTable {
  id: string;
  organisation_id: string;
  name: string;
  email: string;
  phone: string | null;
  location: string | null;
  source: string | null;
  created_at: string;
  updated_at: string;
  /** When their personal data was replaced and free text removed (erasure or retention, 0021). */
  anonymised_at: string | null;
  /** A legal hold (a claim in progress) pauses retention while set (0021). */
  legal_hold_at: string | null;
  legal_hold_reason: string | null;
}
export interface ApplicationTable extends ApplicationDecisionColumns, ApplicationClosureColumns {
  id: string;
  organisation_id: string;
  candidate_id: string;
  role_id: string;
  stage: string;
  stage_changed_at: string;
  created_at: string;
  updated_at: string;
}
export interface InterviewTable {
  id: string;
  organisation_id: string;
  application_id: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  location: string | null;
  created_at: string;
  updated_at: string;
}
export interface InterviewInterviewerTable {
  interview_id: string;
  user_id: string;
}
export interface ApiKeyTable {
  id: string;
  organisation_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface AuditEventTable {
  id: string;
  organisation_id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string | null;
  created_at: string;
}
export interface MigrationRow {
  name: string;
  timestamp: Generated<string>;
}

export interface Database
  extends MessagingTables,
    AssessmentTables,
    DecisionTables,
    FeedbackTables,
    ClosureTables,
    PortalTables,
    PrivacyTables,
    JobTables,
    NetworkTables,
    ReputationTables,
    ReferralTables,
    WebhookTables,
    IdempotencyTables,
    BounceTables,
    AccountTables {
  user: UserTable;
  account: AccountTable;
  organization: OrganizationTable;
  member: MemberTable;
  invitation: InvitationTable;
  venue: VenueTable;
  role: RoleTable;
  candidate: CandidateTable;
  application: ApplicationTable;
  interview: InterviewTable;
  interview_interviewer: InterviewInterviewerTable;
  api_key: ApiKeyTable;
  audit_event: AuditEventTable;
}
