import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the check needs to know about an application: who it is about and who interviewed. */
export interface FeedbackContextRow {
  candidateName: string;
  interviewerNames: string[];
  privateNotes: string[];
}

/** The candidate's name, or undefined when the application is not the organisation's. */
export async function findCandidateName(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .select(['candidate.name'])
    .where('application.organisation_id', '=', organisationId)
    .where('candidate.organisation_id', '=', organisationId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  return row?.name;
}

/** Names of everyone on the application's interviews, and of everyone who wrote a scorecard for it. */
export async function listInterviewerNames(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string[]> {
  const onPanel = await db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .innerJoin('user', 'user.id', 'interview_interviewer.user_id')
    .select(['user.name'])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.application_id', '=', applicationId)
    .execute();
  const scoring = await db
    .selectFrom('scorecard')
    .innerJoin('user', 'user.id', 'scorecard.interviewer_id')
    .select(['user.name'])
    .where('scorecard.organisation_id', '=', organisationId)
    .where('scorecard.application_id', '=', applicationId)
    .execute();
  return [...new Set([...onPanel, ...scoring].map((r) => r.name.trim()).filter((n) => n !== ''))].sort();
}

/** The private notes of the application's scorecards, drafts included: never candidate-facing. */
export async function listPrivateNotes(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('scorecard')
    .select(['private_notes'])
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .where('private_notes', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.private_notes ?? '').filter((n) => n.trim() !== '');
}

/** Everything the check is given for an application, or undefined when it is not the organisation's. */
export async function findFeedbackContext(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<FeedbackContextRow | undefined> {
  const candidateName = await findCandidateName(db, organisationId, applicationId);
  if (candidateName === undefined) return undefined;
  const [interviewerNames, privateNotes] = await Promise.all([
    listInterviewerNames(db, organisationId, applicationId),
    listPrivateNotes(db, organisationId, applicationId),
  ]);
  return { candidateName, interviewerNames, privateNotes };
}
