import type { Kysely } from 'kysely';
import { pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { Page } from '../common.schema.ts';
import { refreshApplication, refreshInterview } from '../reputation/rollup.repository.ts';
import {
  type Interview,
  type InterviewKind,
  type InterviewListQuery,
  interviewKindLabels,
} from './interviews.schema.ts';

const columns = [
  'interview.id as id',
  'interview.application_id as application_id',
  'interview.kind as kind',
  'interview.starts_at as starts_at',
  'interview.ends_at as ends_at',
  'interview.location as location',
  'interview.created_at as created_at',
  'interview.updated_at as updated_at',
  'candidate.id as candidate_id',
  'candidate.name as candidate_name',
  'role.id as role_id',
  'role.title as role_title',
] as const;

interface InterviewRow {
  id: string;
  application_id: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  location: string | null;
  created_at: string;
  updated_at: string;
  candidate_id: string;
  candidate_name: string;
  role_id: string;
  role_title: string;
}

interface Interviewer {
  id: string;
  name: string;
  email: string;
}

/** The times an interview keeps, as stored. */
export interface InterviewTimes {
  startsAt: string;
  endsAt: string;
}

/** Timestamps are compared as text on SQLite: always store and compare UTC ISO strings. */
function utc(value: string): string {
  return new Date(value).toISOString();
}

function toInterview(row: InterviewRow, interviewers: Interviewer[]): Interview {
  const kind = row.kind as InterviewKind;
  return {
    id: row.id,
    applicationId: row.application_id,
    kind,
    kindLabel: interviewKindLabels[kind],
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    location: row.location,
    interviewers,
    candidate: { id: row.candidate_id, name: row.candidate_name },
    role: { id: row.role_id, title: row.role_title },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectInterviews(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('interview')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .select(columns)
    .where('interview.organisation_id', '=', organisationId);
}

async function withInterviewers(
  db: Kysely<Database>,
  organisationId: string,
  rows: InterviewRow[],
): Promise<Interview[]> {
  if (rows.length === 0) return [];
  const people = await db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .innerJoin('user', 'user.id', 'interview_interviewer.user_id')
    .select([
      'interview_interviewer.interview_id as interview_id',
      'user.id as id',
      'user.name as name',
      'user.email as email',
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where(
      'interview_interviewer.interview_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('user.name')
    .orderBy('user.id')
    .execute();
  const byInterview = new Map<string, Interviewer[]>();
  for (const p of people) {
    const list = byInterview.get(p.interview_id) ?? [];
    list.push({ id: p.id, name: p.name, email: p.email });
    byInterview.set(p.interview_id, list);
  }
  return rows.map((row) => toInterview(row, byInterview.get(row.id) ?? []));
}

/** Which of these users are members of the organisation. */
export async function findMemberUserIds(
  db: Kysely<Database>,
  organisationId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('member')
    .select(['userId'])
    .where('organizationId', '=', organisationId)
    .where('userId', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

export async function insertInterview(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: {
    applicationId: string;
    kind: InterviewKind;
    startsAt: string;
    endsAt: string;
    location?: string | null | undefined;
  },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('interview')
    .values({
      id,
      organisation_id: organisationId,
      application_id: input.applicationId,
      kind: input.kind,
      starts_at: utc(input.startsAt),
      ends_at: utc(input.endsAt),
      location: input.location ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await refreshApplication(db, organisationId, input.applicationId);
}

/** Replaces who interviews; only for an interview of the organisation. */
export async function replaceInterviewers(
  db: Kysely<Database>,
  organisationId: string,
  interviewId: string,
  userIds: readonly string[],
): Promise<void> {
  const owned = await db
    .selectFrom('interview')
    .select(['id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', interviewId)
    .executeTakeFirst();
  if (!owned) return;
  await db.deleteFrom('interview_interviewer').where('interview_id', '=', interviewId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('interview_interviewer')
      .values(userIds.map((userId) => ({ interview_id: interviewId, user_id: userId })))
      .execute();
  }
  // Scorecards owed follow the interviewers.
  await refreshInterview(db, organisationId, interviewId);
}

export async function findInterview(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<Interview | undefined> {
  const row = await selectInterviews(db, organisationId).where('interview.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [interview] = await withInterviewers(db, organisationId, [row]);
  return interview;
}

/** The interview's application and stored times, for rules about changing it. */
export async function findInterviewTimes(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<(InterviewTimes & { applicationId: string }) | undefined> {
  const row = await db
    .selectFrom('interview')
    .select(['application_id', 'starts_at', 'ends_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { applicationId: row.application_id, startsAt: row.starts_at, endsAt: row.ends_at }
    : undefined;
}

export async function listInterviews(
  db: Kysely<Database>,
  organisationId: string,
  query: InterviewListQuery,
): Promise<Page<Interview>> {
  let q = selectInterviews(db, organisationId);
  if (query.cursor) q = q.where('interview.id', '<', query.cursor);
  if (query.applicationId) q = q.where('interview.application_id', '=', query.applicationId);
  if (query.from) q = q.where('interview.starts_at', '>=', utc(query.from));
  if (query.to) q = q.where('interview.starts_at', '<', utc(query.to));
  if (query.interviewerId) {
    const userId = query.interviewerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('interview_interviewer')
          .select('interview_interviewer.user_id')
          .whereRef('interview_interviewer.interview_id', '=', 'interview.id')
          .where('interview_interviewer.user_id', '=', userId),
      ),
    );
  }
  const rows = await q
    .orderBy('interview.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: await withInterviewers(db, organisationId, page.rows), nextCursor: page.nextCursor };
}

export async function updateInterview(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: {
    kind?: InterviewKind | undefined;
    startsAt?: string | undefined;
    endsAt?: string | undefined;
    location?: string | null | undefined;
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('interview')
    .set({
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.startsAt !== undefined && { starts_at: utc(input.startsAt) }),
      ...(input.endsAt !== undefined && { ends_at: utc(input.endsAt) }),
      ...(input.location !== undefined && { location: input.location }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) await refreshInterview(db, organisationId, id);
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the interview; its interviewers go with it (foreign keys cascade). */
export async function deleteInterview(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const times = await findInterviewTimes(db, organisationId, id);
  const result = await db
    .deleteFrom('interview')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (times) await refreshApplication(db, organisationId, times.applicationId);
  return Number(result.numDeletedRows) > 0;
}

/** When the application's latest interview ends (the decision clock starts there); null without interviews. */
export async function lastInterviewEnd(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('interview')
    .select((eb) => eb.fn.max('ends_at').as('last_ends_at'))
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  const last = row?.last_ends_at ?? null;
  return last === null ? null : utc(last);
}
