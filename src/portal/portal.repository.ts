// All Kysely for the candidate's page. Every query takes the organisation AND the candidate of the
// link, so a link can only ever reach its own candidate's rows in its own organisation.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { refreshApplication } from '../features/reputation/rollup.repository.ts';
import { newId } from '../ids.ts';

export interface PortalCandidate {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  location: string | null;
  source: string | null;
  createdAt: string;
}

export async function findCandidate(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<PortalCandidate | undefined> {
  const row = await db
    .selectFrom('candidate')
    .select(['id', 'name', 'email', 'phone', 'location', 'source', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        location: row.location,
        source: row.source,
        createdAt: row.created_at,
      }
    : undefined;
}

export interface PortalApplication {
  id: string;
  stage: string;
  roleTitle: string;
  venueName: string;
  hiringManagerId: string | null;
  appliedAt: string;
  decidedAt: string | null;
  toldAt: string | null;
  decisionDueDate: string | null;
  /** The decision recorded before the application closed (hired, not progressing…). */
  outcome: string | null;
}

function applicationsQuery(db: Kysely<Database>, organisationId: string, candidateId: string) {
  return db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select([
      'application.id',
      'application.stage',
      'application.created_at',
      'application.decided_at',
      'application.told_at',
      'application.decision_due_date',
      'application.outcome',
      'role.title',
      'role.hiring_manager_id',
      'venue.name as venue_name',
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId);
}

type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationsQuery>['executeTakeFirstOrThrow']>>;

function toApplication(row: ApplicationRow): PortalApplication {
  return {
    id: row.id,
    stage: row.stage,
    roleTitle: row.title,
    venueName: row.venue_name,
    hiringManagerId: row.hiring_manager_id,
    appliedAt: row.created_at,
    decidedAt: row.decided_at,
    toldAt: row.told_at,
    decisionDueDate: row.decision_due_date,
    outcome: row.outcome,
  };
}

export async function listApplications(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<PortalApplication[]> {
  const rows = await applicationsQuery(db, organisationId, candidateId)
    .orderBy('application.id', 'desc')
    .execute();
  return rows.map(toApplication);
}

export async function findApplication(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  applicationId: string,
): Promise<PortalApplication | undefined> {
  const row = await applicationsQuery(db, organisationId, candidateId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

export async function listFeedbackCallRequests(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
) {
  return db
    .selectFrom('feedback_call_request')
    .select(['id', 'application_id', 'note', 'preferred_times', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
}

export async function insertFeedbackCallRequest(
  db: Kysely<Database>,
  row: {
    organisationId: string;
    candidateId: string;
    applicationId: string;
    note: string | null;
    preferredTimes: string | null;
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('feedback_call_request')
    .values({
      id: newId(now.getTime()),
      organisation_id: row.organisationId,
      candidate_id: row.candidateId,
      application_id: row.applicationId,
      note: row.note,
      preferred_times: row.preferredTimes,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listNetworkMemberships(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
) {
  return db
    .selectFrom('talent_network_member')
    .select(['id', 'consent_version', 'joined_at', 'expires_at', 'left_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
}

export async function insertNetworkMembership(
  db: Kysely<Database>,
  row: { organisationId: string; candidateId: string; consentVersion: string; expiresAt: string },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('talent_network_member')
    .values({
      id,
      organisation_id: row.organisationId,
      candidate_id: row.candidateId,
      consent_version: row.consentVersion,
      joined_at: now.toISOString(),
      expires_at: row.expiresAt,
      left_at: null,
    })
    .execute();
  return id;
}

export async function listSurveyResponses(db: Kysely<Database>, organisationId: string, candidateId: string) {
  return db
    .selectFrom('survey_response')
    .innerJoin('application', 'application.id', 'survey_response.application_id')
    .select([
      'survey_response.application_id',
      'survey_response.recommend',
      'survey_response.told_when_promised',
      'survey_response.feedback_useful',
      'survey_response.treated_with_respect',
      'survey_response.comment',
      'survey_response.created_at',
    ])
    .where('survey_response.organisation_id', '=', organisationId)
    .where('application.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .execute();
}

export interface SurveyAnswers {
  recommend: number;
  toldWhenPromised: number;
  feedbackUseful: number;
  treatedWithRespect: number;
  comment: string | null;
}

/** False when the application has a response already. */
export async function insertSurveyResponse(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  answers: SurveyAnswers,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('survey_response')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      application_id: applicationId,
      recommend: answers.recommend,
      told_when_promised: answers.toldWhenPromised,
      feedback_useful: answers.feedbackUseful,
      treated_with_respect: answers.treatedWithRespect,
      comment: answers.comment,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .executeTakeFirst();
  const answered = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (answered) await refreshApplication(db, organisationId, applicationId);
  return answered;
}

export async function listDataRequests(db: Kysely<Database>, organisationId: string, candidateId: string) {
  return db
    .selectFrom('data_request')
    .select(['id', 'kind', 'status', 'requested_at', 'due_at', 'closed_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
}

export async function insertDataRequest(
  db: Kysely<Database>,
  row: { organisationId: string; candidateId: string; dueAt: string },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('data_request')
    .values({
      id,
      organisation_id: row.organisationId,
      candidate_id: row.candidateId,
      kind: 'deletion',
      status: 'open',
      requested_at: now.toISOString(),
      due_at: row.dueAt,
      closed_at: null,
    })
    .execute();
  return id;
}

export async function listInterviews(db: Kysely<Database>, organisationId: string, candidateId: string) {
  return db
    .selectFrom('interview')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .select(['interview.application_id', 'interview.kind', 'interview.starts_at', 'interview.ends_at'])
    .where('interview.organisation_id', '=', organisationId)
    .where('application.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .orderBy('interview.starts_at')
    .execute();
}

/** Emails written to the candidate: subject and dates only. */
export async function listMessages(db: Kysely<Database>, organisationId: string, candidateId: string) {
  return db
    .selectFrom('message')
    .select(['application_id', 'subject', 'status', 'created_at', 'sent_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('recipient_kind', '=', 'candidate')
    .orderBy('id')
    .execute();
}

export async function listAdminIds(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member')
    .select('userId')
    .where('organizationId', '=', organisationId)
    .where('role', '=', 'admin')
    .execute();
  return rows.map((r) => r.userId);
}

/** Candidates (in any organisation) with this email address. */
export async function findCandidatesByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('candidate')
    .select(['id', 'organisation_id'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .limit(20)
    .execute();
}

/** An audit event whose actor is the candidate (through their personal link). */
export async function recordCandidateAudit(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  entry: { action: string; subjectType: string; subjectId: string | null; detail?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      actor_type: 'candidate',
      actor_id: candidateId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      detail: entry.detail ? JSON.stringify({ via: 'candidate_portal', ...entry.detail }) : null,
      created_at: now.toISOString(),
    })
    .execute();
}
