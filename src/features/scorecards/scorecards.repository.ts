import type { ExpressionBuilder, Kysely } from 'kysely';
import { pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { Recommendation, SubmittedScorecard } from '../../domain/aggregation.ts';
import type { Level } from '../../domain/frameworks/types.ts';
import type { ScorecardStatus } from '../../domain/scorecards.ts';
import { withdrew } from '../applications/applications.repository.ts';
import { refreshInterview } from '../reputation/rollup.repository.ts';
import type { ScorecardListItem } from './scorecards.schema.ts';

/** An interview as scorecards need it. */
export interface InterviewForScorecard {
  id: string;
  applicationId: string;
  roleId: string;
  roleTitle: string;
  candidateId: string;
  candidateName: string;
  kind: string;
  startsAt: string;
  endsAt: string;
}

export interface RatingRecord {
  criterionKey: string;
  rating: Level | null;
  evidence: string | null;
  notAssessed: boolean;
}

/** A scorecard as stored, private notes included: present it before it leaves the server. */
export interface ScorecardRecord {
  id: string;
  interviewId: string;
  applicationId: string;
  interviewerId: string;
  /** Null when the interviewer is no longer a member of the organisation. */
  interviewerName: string | null;
  frameworkId: string;
  frameworkVersionId: string;
  status: ScorecardStatus;
  recommendation: Recommendation | null;
  privateNotes: string | null;
  submittedAt: string | null;
  amendedAt: string | null;
  createdAt: string;
  updatedAt: string;
  interview: InterviewForScorecard;
  ratings: RatingRecord[];
}

export async function findInterviewForScorecard(
  db: Kysely<Database>,
  organisationId: string,
  interviewId: string,
): Promise<InterviewForScorecard | undefined> {
  const row = await db
    .selectFrom('interview')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .select([
      'interview.id as id',
      'interview.application_id as application_id',
      'role.id as role_id',
      'role.title as role_title',
      'candidate.id as candidate_id',
      'candidate.name as candidate_name',
      'interview.kind as kind',
      'interview.starts_at as starts_at',
      'interview.ends_at as ends_at',
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.id', '=', interviewId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        applicationId: row.application_id,
        roleId: row.role_id,
        roleTitle: row.role_title,
        candidateId: row.candidate_id,
        candidateName: row.candidate_name,
        kind: row.kind,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
      }
    : undefined;
}

export async function isInterviewerOf(
  db: Kysely<Database>,
  organisationId: string,
  interviewId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .select('interview_interviewer.user_id')
    .where('interview.organisation_id', '=', organisationId)
    .where('interview_interviewer.interview_id', '=', interviewId)
    .where('interview_interviewer.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findApplicationForSummary(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<{ id: string; roleId: string } | undefined> {
  const row = await db
    .selectFrom('application')
    .select(['id', 'role_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .executeTakeFirst();
  return row ? { id: row.id, roleId: row.role_id } : undefined;
}

/** The interviewer's name, but only while they are a member of the organisation. */
function interviewerName(eb: ExpressionBuilder<Database, 'scorecard'>) {
  return eb
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.userId')
    .select('user.name')
    .whereRef('member.userId', '=', 'scorecard.interviewer_id')
    .whereRef('member.organizationId', '=', 'scorecard.organisation_id')
    .limit(1)
    .as('interviewer_name');
}

function selectScorecards(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('scorecard')
    .innerJoin('interview', 'interview.id', 'scorecard.interview_id')
    .innerJoin('application', 'application.id', 'scorecard.application_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .select((eb) => [
      'scorecard.id as id',
      'scorecard.interview_id as interview_id',
      'scorecard.application_id as application_id',
      'scorecard.interviewer_id as interviewer_id',
      interviewerName(eb),
      'scorecard.framework_id as framework_id',
      'scorecard.framework_version_id as framework_version_id',
      'scorecard.status as status',
      'scorecard.recommendation as recommendation',
      'scorecard.private_notes as private_notes',
      'scorecard.submitted_at as submitted_at',
      'scorecard.amended_at as amended_at',
      'scorecard.created_at as created_at',
      'scorecard.updated_at as updated_at',
      'role.id as role_id',
      'role.title as role_title',
      'candidate.id as candidate_id',
      'candidate.name as candidate_name',
      'interview.kind as interview_kind',
      'interview.starts_at as interview_starts_at',
      'interview.ends_at as interview_ends_at',
    ])
    .where('scorecard.organisation_id', '=', organisationId);
}
type ScorecardRow = Awaited<ReturnType<ReturnType<typeof selectScorecards>['executeTakeFirstOrThrow']>>;

function toRecord(row: ScorecardRow, ratings: RatingRecord[]): ScorecardRecord {
  return {
    id: row.id,
    interviewId: row.interview_id,
    applicationId: row.application_id,
    interviewerId: row.interviewer_id,
    interviewerName: row.interviewer_name ?? null,
    frameworkId: row.framework_id,
    frameworkVersionId: row.framework_version_id,
    status: row.status as ScorecardStatus,
    recommendation: row.recommendation as Recommendation | null,
    privateNotes: row.private_notes,
    submittedAt: row.submitted_at,
    amendedAt: row.amended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    interview: {
      id: row.interview_id,
      applicationId: row.application_id,
      roleId: row.role_id,
      roleTitle: row.role_title,
      candidateId: row.candidate_id,
      candidateName: row.candidate_name,
      kind: row.interview_kind,
      startsAt: row.interview_starts_at,
      endsAt: row.interview_ends_at,
    },
    ratings,
  };
}

async function ratingsOf(db: Kysely<Database>, scorecardIds: string[]): Promise<Map<string, RatingRecord[]>> {
  const byScorecard = new Map<string, RatingRecord[]>();
  if (scorecardIds.length === 0) return byScorecard;
  const rows = await db
    .selectFrom('scorecard_rating')
    .select(['scorecard_id', 'criterion_key', 'rating', 'evidence', 'not_assessed'])
    .where('scorecard_id', 'in', scorecardIds)
    .orderBy('scorecard_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byScorecard.get(r.scorecard_id) ?? [];
    list.push({
      criterionKey: r.criterion_key,
      rating: r.rating === null ? null : (Number(r.rating) as Level),
      evidence: r.evidence,
      notAssessed: Number(r.not_assessed) === 1,
    });
    byScorecard.set(r.scorecard_id, list);
  }
  return byScorecard;
}

export async function findScorecard(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<ScorecardRecord | undefined> {
  const row = await selectScorecards(db, organisationId).where('scorecard.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toRecord(row, (await ratingsOf(db, [row.id])).get(row.id) ?? []);
}

export async function findScorecardOf(
  db: Kysely<Database>,
  organisationId: string,
  interviewId: string,
  interviewerId: string,
): Promise<ScorecardRecord | undefined> {
  const row = await selectScorecards(db, organisationId)
    .where('scorecard.interview_id', '=', interviewId)
    .where('scorecard.interviewer_id', '=', interviewerId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toRecord(row, (await ratingsOf(db, [row.id])).get(row.id) ?? []);
}

/** A new draft with one empty rating per criterion, in order. */
export async function insertScorecard(
  db: Kysely<Database>,
  organisationId: string,
  scorecard: {
    id: string;
    interviewId: string;
    applicationId: string;
    interviewerId: string;
    frameworkId: string;
    frameworkVersionId: string;
    criterionKeys: string[];
  },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('scorecard')
    .values({
      id: scorecard.id,
      organisation_id: organisationId,
      interview_id: scorecard.interviewId,
      application_id: scorecard.applicationId,
      interviewer_id: scorecard.interviewerId,
      framework_id: scorecard.frameworkId,
      framework_version_id: scorecard.frameworkVersionId,
      status: 'draft',
      recommendation: null,
      private_notes: null,
      submitted_at: null,
      amended_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (scorecard.criterionKeys.length > 0) {
    await db
      .insertInto('scorecard_rating')
      .values(
        scorecard.criterionKeys.map((key, position) => ({
          scorecard_id: scorecard.id,
          criterion_key: key,
          position,
          rating: null,
          evidence: null,
          not_assessed: 0,
        })),
      )
      .execute();
  }
}

/** Replaces the content of a scorecard (every rating row is written; keys are those it was created with). */
export async function writeScorecardContent(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  content: {
    ratings: RatingRecord[];
    recommendation: Recommendation | null;
    privateNotes: string | null;
  },
  change: { status?: 'submitted'; submittedAt?: string; amendedAt?: string; expectStatus: ScorecardStatus },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('scorecard')
    .set({
      recommendation: content.recommendation,
      private_notes: content.privateNotes,
      ...(change.status && { status: change.status }),
      ...(change.submittedAt && { submitted_at: change.submittedAt }),
      ...(change.amendedAt && { amended_at: change.amendedAt }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', change.expectStatus)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  for (const r of content.ratings) {
    await db
      .updateTable('scorecard_rating')
      .set({ rating: r.rating, evidence: r.evidence, not_assessed: r.notAssessed ? 1 : 0 })
      .where('scorecard_id', '=', id)
      .where('criterion_key', '=', r.criterionKey)
      .execute();
  }
  if (change.status || change.submittedAt) await refreshScorecard(db, organisationId, id);
  return true;
}

/** Whether the user has submitted a scorecard for any interview of the application. */
export async function hasSubmittedForApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('scorecard')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .where('interviewer_id', '=', userId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return row !== undefined;
}

/** Who may see which scorecards in a list: everything, or an interviewer's own plus independence. */
export type ListVisibility = { kind: 'all' } | { kind: 'interviewer'; userId: string };

export async function listScorecards(
  db: Kysely<Database>,
  organisationId: string,
  query: {
    applicationId?: string;
    interviewId?: string;
    interviewerId?: string;
    status?: ScorecardStatus;
    cursor?: string;
    limit: number;
  },
  visibility: ListVisibility,
  now: Date,
): Promise<{ data: ScorecardListItem[]; nextCursor: string | null }> {
  let q = selectScorecards(db, organisationId);
  if (query.applicationId) q = q.where('scorecard.application_id', '=', query.applicationId);
  if (query.interviewId) q = q.where('scorecard.interview_id', '=', query.interviewId);
  if (query.interviewerId) q = q.where('scorecard.interviewer_id', '=', query.interviewerId);
  if (query.status) q = q.where('scorecard.status', '=', query.status);
  if (query.cursor) q = q.where('scorecard.id', '<', query.cursor);
  if (visibility.kind === 'interviewer') {
    const userId = visibility.userId;
    // Independence: others' scorecards only once submitted, and only for applications the
    // interviewer has submitted their own scorecard for.
    q = q.where((eb) =>
      eb.or([
        eb('scorecard.interviewer_id', '=', userId),
        eb.and([
          eb('scorecard.status', '=', 'submitted'),
          eb(
            'scorecard.application_id',
            'in',
            eb
              .selectFrom('scorecard as own')
              .select('own.application_id')
              .where('own.organisation_id', '=', organisationId)
              .where('own.interviewer_id', '=', userId)
              .where('own.status', '=', 'submitted'),
          ),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy('scorecard.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return {
    data: page.rows.map((row) => ({
      id: row.id,
      interviewId: row.interview_id,
      applicationId: row.application_id,
      interviewer: { id: row.interviewer_id, name: row.interviewer_name ?? null },
      candidate: { id: row.candidate_id, name: row.candidate_name },
      role: { id: row.role_id, title: row.role_title },
      interviewEndsAt: row.interview_ends_at,
      status: row.status as ScorecardStatus,
      recommendation: row.recommendation as Recommendation | null,
      dueSince:
        row.status !== 'submitted' && Date.parse(row.interview_ends_at) <= now.getTime()
          ? row.interview_ends_at
          : null,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
    })),
    nextCursor: page.nextCursor,
  };
}

/** What an interviewer still owes: ended interviews of theirs without a submitted scorecard, oldest first. */
export async function listOwedBy(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  now: Date,
): Promise<ScorecardListItem[]> {
  const rows = await db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('user', 'user.id', 'interview_interviewer.user_id')
    .leftJoin('scorecard', (join) =>
      join
        .onRef('scorecard.interview_id', '=', 'interview.id')
        .onRef('scorecard.interviewer_id', '=', 'interview_interviewer.user_id'),
    )
    .select([
      'interview.id as interview_id',
      'interview.application_id as application_id',
      'interview.ends_at as ends_at',
      'user.name as interviewer_name',
      'candidate.id as candidate_id',
      'candidate.name as candidate_name',
      'role.id as role_id',
      'role.title as role_title',
      'scorecard.id as scorecard_id',
      'scorecard.status as status',
      'scorecard.recommendation as recommendation',
      'scorecard.updated_at as updated_at',
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview_interviewer.user_id', '=', userId)
    .where('interview.ends_at', '<=', now.toISOString())
    .where((eb) => eb.not(withdrew(eb)))
    .where((eb) => eb.or([eb('scorecard.id', 'is', null), eb('scorecard.status', '!=', 'submitted')]))
    .orderBy('interview.ends_at')
    .orderBy('interview.id')
    .execute();
  return rows.map((row) => ({
    id: row.scorecard_id,
    interviewId: row.interview_id,
    applicationId: row.application_id,
    interviewer: { id: userId, name: row.interviewer_name },
    candidate: { id: row.candidate_id, name: row.candidate_name },
    role: { id: row.role_id, title: row.role_title },
    interviewEndsAt: row.ends_at,
    status: row.scorecard_id ? 'draft' : 'not_started',
    recommendation: row.recommendation as Recommendation | null,
    dueSince: row.ends_at,
    submittedAt: null,
    updatedAt: row.updated_at,
  }));
}

/**
 * The submitted scorecards of an application, as aggregation reads them. Private notes are not
 * selected: they cannot reach the summary or anything built from it.
 */
export async function listSubmittedForApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<SubmittedScorecard[]> {
  const rows = await db
    .selectFrom('scorecard')
    .select((eb) => [
      'scorecard.id as id',
      'scorecard.interview_id as interview_id',
      'scorecard.interviewer_id as interviewer_id',
      interviewerName(eb),
      'scorecard.framework_version_id as framework_version_id',
      'scorecard.recommendation as recommendation',
      'scorecard.submitted_at as submitted_at',
    ])
    .where('scorecard.organisation_id', '=', organisationId)
    .where('scorecard.application_id', '=', applicationId)
    .where('scorecard.status', '=', 'submitted')
    .orderBy('scorecard.submitted_at')
    .orderBy('scorecard.id')
    .execute();
  const ratings = await ratingsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    scorecardId: row.id,
    interviewId: row.interview_id,
    interviewerId: row.interviewer_id,
    interviewerName: row.interviewer_name ?? null,
    frameworkVersionId: row.framework_version_id,
    recommendation: row.recommendation as Recommendation,
    submittedAt: row.submitted_at!,
    ratings: (ratings.get(row.id) ?? []).flatMap((r) =>
      r.rating === null ? [] : [{ criterionKey: r.criterionKey, rating: r.rating, evidence: r.evidence }],
    ),
    notAssessed: (ratings.get(row.id) ?? []).filter((r) => r.notAssessed).map((r) => r.criterionKey),
  }));
}

/**
 * Scorecard counts for an application or a role: expected is one per interviewer of every ended
 * interview, plus any scorecard submitted for an interview not yet ended; submitted counts those
 * with a submitted scorecard. So submitted ≤ expected.
 */
export async function countScorecards(
  db: Kysely<Database>,
  organisationId: string,
  scope: { applicationId: string } | { roleId: string },
  now: Date,
): Promise<{ expected: number; submitted: number }> {
  const at = now.toISOString();
  let pairs = db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .select(['interview.id as interview_id', 'interview_interviewer.user_id as user_id'])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.ends_at', '<=', at);
  let submitted = db
    .selectFrom('scorecard')
    .innerJoin('application', 'application.id', 'scorecard.application_id')
    .select(['scorecard.interview_id as interview_id', 'scorecard.interviewer_id as user_id'])
    .where('scorecard.organisation_id', '=', organisationId)
    .where('scorecard.status', '=', 'submitted');
  if ('applicationId' in scope) {
    pairs = pairs.where('application.id', '=', scope.applicationId);
    submitted = submitted.where('application.id', '=', scope.applicationId);
  } else {
    pairs = pairs.where('application.role_id', '=', scope.roleId);
    submitted = submitted.where('application.role_id', '=', scope.roleId);
  }
  const [due, done] = await Promise.all([pairs.execute(), submitted.execute()]);
  const expected = new Set(due.map((p) => `${p.interview_id}\u0000${p.user_id}`));
  for (const s of done) expected.add(`${s.interview_id}\u0000${s.user_id}`);
  return { expected: expected.size, submitted: done.length };
}

export interface DueScorecardReminder {
  organisationId: string;
  interviewId: string;
  interviewerId: string;
  /** When the scorecard became due: the interview's end. */
  dueSince: string;
  /** The draft, when the interviewer has started one. */
  scorecardId: string | null;
}

/**
 * Every scorecard due and not yet submitted, across organisations, oldest first: one row per
 * interviewer of an ended interview with no submitted scorecard. For the reminder sweep (the
 * messaging outbox keys each reminder, e.g. `scorecard-reminder:<interview>:<interviewer>`).
 */
export async function dueScorecardReminders(
  db: Kysely<Database>,
  now: Date,
  options: { limit?: number; endedSince?: Date } = {},
): Promise<DueScorecardReminder[]> {
  let q = db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .leftJoin('scorecard', (join) =>
      join
        .onRef('scorecard.interview_id', '=', 'interview.id')
        .onRef('scorecard.interviewer_id', '=', 'interview_interviewer.user_id'),
    )
    .select([
      'interview.organisation_id as organisation_id',
      'interview.id as interview_id',
      'interview_interviewer.user_id as interviewer_id',
      'interview.ends_at as ends_at',
      'scorecard.id as scorecard_id',
    ])
    .innerJoin('application', 'application.id', 'interview.application_id')
    .where('interview.ends_at', '<=', now.toISOString())
    .where((eb) => eb.not(withdrew(eb)))
    .where((eb) => eb.or([eb('scorecard.id', 'is', null), eb('scorecard.status', '!=', 'submitted')]))
    .orderBy('interview.ends_at')
    .orderBy('interview.id')
    .orderBy('interview_interviewer.user_id');
  if (options.endedSince) q = q.where('interview.ends_at', '>=', options.endedSince.toISOString());
  if (options.limit !== undefined) q = q.limit(options.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    interviewId: r.interview_id,
    interviewerId: r.interviewer_id,
    dueSince: r.ends_at,
    scorecardId: r.scorecard_id,
  }));
}

/** The role's applications (id, stage change) and its venue's calendar, for the pipeline. */
export async function findRolePipeline(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<{
  region: string;
  timezone: string;
  applications: { id: string; stageChangedAt: string }[];
} | null> {
  const venue = await db
    .selectFrom('role')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select(['venue.region as region', 'venue.timezone as timezone'])
    .where('role.organisation_id', '=', organisationId)
    .where('role.id', '=', roleId)
    .executeTakeFirst();
  if (!venue) return null;
  const rows = await db
    .selectFrom('application')
    .select(['application.id as id', 'application.stage_changed_at as stage_changed_at'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', '=', roleId)
    .orderBy('application.created_at')
    .orderBy('application.id')
    .execute();
  return {
    region: venue.region,
    timezone: venue.timezone,
    applications: rows.map((r) => ({ id: r.id, stageChangedAt: new Date(r.stage_changed_at).toISOString() })),
  };
}

/** Due and submitted scorecards of each application of a role (the rule of countScorecards). */
export async function countScorecardsByApplication(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
  now: Date,
): Promise<Map<string, { expected: number; submitted: number }>> {
  const at = now.toISOString();
  const [due, done] = await Promise.all([
    db
      .selectFrom('interview_interviewer')
      .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
      .innerJoin('application', 'application.id', 'interview.application_id')
      .select([
        'application.id as application_id',
        'interview.id as interview_id',
        'interview_interviewer.user_id as user_id',
      ])
      .where('interview.organisation_id', '=', organisationId)
      .where('application.role_id', '=', roleId)
      .where('interview.ends_at', '<=', at)
      .execute(),
    db
      .selectFrom('scorecard')
      .innerJoin('application', 'application.id', 'scorecard.application_id')
      .select([
        'application.id as application_id',
        'scorecard.interview_id as interview_id',
        'scorecard.interviewer_id as user_id',
      ])
      .where('scorecard.organisation_id', '=', organisationId)
      .where('application.role_id', '=', roleId)
      .where('scorecard.status', '=', 'submitted')
      .execute(),
  ]);
  const expected = new Map<string, Set<string>>();
  const submitted = new Map<string, number>();
  for (const p of [...due, ...done]) {
    const set = expected.get(p.application_id) ?? new Set<string>();
    set.add(`${p.interview_id}\u0000${p.user_id}`);
    expected.set(p.application_id, set);
  }
  for (const s of done) submitted.set(s.application_id, (submitted.get(s.application_id) ?? 0) + 1);
  return new Map(
    [...expected].map(([id, set]) => [id, { expected: set.size, submitted: submitted.get(id) ?? 0 }]),
  );
}

/** How many scorecards an interview has, submitted and still in draft (what deleting it would take). */
export async function countScorecardsOfInterview(
  db: Kysely<Database>,
  organisationId: string,
  interviewId: string,
): Promise<{ submitted: number; drafts: number }> {
  const rows = await db
    .selectFrom('scorecard')
    .select(['status'])
    .where('organisation_id', '=', organisationId)
    .where('interview_id', '=', interviewId)
    .execute();
  const submitted = rows.filter((r) => r.status === 'submitted').length;
  return { submitted, drafts: rows.length - submitted };
}

/** A submitted scorecard moves its interviewer's on-time figures. */
async function refreshScorecard(db: Kysely<Database>, organisationId: string, id: string) {
  const row = await db
    .selectFrom('scorecard')
    .select(['interview_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row) await refreshInterview(db, organisationId, row.interview_id);
}
