import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { containsText, pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { type Stage, stageLabels } from '../../domain/lifecycle.ts';
import { outcomeTemplates } from '../closure/closure.repository.ts';
import type { Page } from '../common.schema.ts';
import { refreshApplication, refreshRole } from '../reputation/rollup.repository.ts';
import type { Application, ApplicationListQuery } from './applications.schema.ts';

const columns = [
  'application.id as id',
  'application.stage as stage',
  'application.stage_changed_at as stage_changed_at',
  'application.created_at as created_at',
  'application.updated_at as updated_at',
  'application.last_interview_ended_at as last_interview_ended_at',
  'application.decision_due_date as decision_due_date',
  'application.decision_due_at as decision_due_at',
  'application.decision_remind_at as decision_remind_at',
  'application.decision_slips as decision_slips',
  'application.decided_at as decided_at',
  'application.told_at as told_at',
  'candidate.id as candidate_id',
  'candidate.name as candidate_name',
  'candidate.email as candidate_email',
  'role.id as role_id',
  'role.title as role_title',
  'venue.id as venue_id',
  'venue.name as venue_name',
] as const;

interface ApplicationRow {
  id: string;
  stage: string;
  stage_changed_at: string;
  created_at: string;
  updated_at: string;
  last_interview_ended_at: string | null;
  decision_due_date: string | null;
  decision_due_at: string | null;
  decision_remind_at: string | null;
  decision_slips: number;
  decided_at: string | null;
  told_at: string | null;
  to_tell: number | boolean | string;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  role_id: string;
  role_title: string;
  venue_id: string;
  venue_name: string;
}

interface InterviewSummary {
  count: number;
  nextStartsAt: string | null;
  lastEndsAt: string | null;
}
const noInterviews: InterviewSummary = { count: 0, nextStartsAt: null, lastEndsAt: null };

type OwedScorecard = Application['scorecardsOwed'][number];

/** Stages in which a decision is still to be made (the clock runs once the last interview has ended). */
export const undecidedStages = ['interviewing', 'awaiting_decision'] as const satisfies readonly Stage[];

function toApplication(
  row: ApplicationRow,
  interviews: InterviewSummary,
  owed: OwedScorecard[],
  now: Date,
): Application {
  const stage = row.stage as Stage;
  // The clock starts when the last interview has ended: before that there is no deadline to show.
  const lastEnd = iso(row.last_interview_ended_at);
  const started = lastEnd !== null && Date.parse(lastEnd) <= now.getTime();
  const undecided = (undecidedStages as readonly Stage[]).includes(stage);
  const remindAt = iso(row.decision_remind_at);
  return {
    id: row.id,
    stage,
    stageLabel: stageLabels[stage],
    stageChangedAt: row.stage_changed_at,
    candidate: { id: row.candidate_id, name: row.candidate_name, email: row.candidate_email },
    role: { id: row.role_id, title: row.role_title, venueId: row.venue_id, venueName: row.venue_name },
    interviews,
    decisionDueDate: started ? row.decision_due_date : null,
    decisionDueAt: started ? iso(row.decision_due_at) : null,
    lastInterviewEndedAt: started ? lastEnd : null,
    holdingUpdates: Number(row.decision_slips),
    holdingUpdateSuggested:
      started && undecided && remindAt !== null && Date.parse(remindAt) <= now.getTime(),
    decidedAt: iso(row.decided_at),
    toldAt: iso(row.told_at),
    scorecardsOwed: undecided ? owed : [],
    toTell: toTellOf(row),
    toTellReason: toTellOf(row) ? (toTellReasons[stage] ?? null) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Outcomes a candidate is told of (the application is "to tell" until they are). */
export const toTellStages = [
  'offer',
  'hired',
  'offer_declined',
  'not_progressing',
  'withdrawn',
] as const satisfies readonly Stage[];

/** Outbox statuses of an email that is on its way or has gone (failed and cancelled ones tell nobody). */
const liveStatuses = ['held', 'queued', 'sending', 'sent'];

/** What to do for an application that is to tell, in the hiring manager's words. */
const toTellReasons: Partial<Record<Stage, string>> = {
  offer:
    'The offer was recorded without its email: send the offer (decision) or log the call or meeting in which you made it',
  hired: 'Hired without a record of how they were told: log the call or meeting',
  offer_declined: 'The candidate declined without a record of how: log the call or meeting',
  not_progressing:
    'Not progressing, and nobody has told the candidate: send the decision email or log the call or meeting',
  withdrawn: 'Withdrawn without a record of how the candidate told you: log the call or meeting',
};

function toTellOf(row: ApplicationRow): boolean {
  return row.to_tell === true || Number(row.to_tell) === 1;
}

/**
 * "To tell": an outcome was reached (by PATCH, a decision or an import) but the candidate has not been
 * told and no outcome email is on its way or sent. A failed or cancelled email leaves it to tell.
 */
export function toTell(eb: ExpressionBuilder<Database, 'application'>): Expression<SqlBool> {
  return eb.and([
    eb('application.stage', 'in', toTellStages),
    eb('application.told_at', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('message as told_by')
          .select('told_by.id')
          .whereRef('told_by.application_id', '=', 'application.id')
          .whereRef('told_by.organisation_id', '=', 'application.organisation_id')
          .where('told_by.template_key', 'in', outcomeTemplates)
          .where('told_by.status', 'in', liveStatuses),
      ),
    ),
  ]);
}

/** Whether the application is to tell (an outcome nobody has told the candidate of). */
export async function isToTell(db: Kysely<Database>, organisationId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('application')
    .select('application.id')
    .where('application.organisation_id', '=', organisationId)
    .where('application.id', '=', id)
    .where((eb) => toTell(eb))
    .executeTakeFirst();
  return row !== undefined;
}

/** Timestamps are compared as text on SQLite: always store and compare UTC ISO strings. */
function iso(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function selectApplications(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select(columns)
    .select((eb) => sql<number | boolean>`case when ${toTell(eb)} then 1 else 0 end`.as('to_tell'))
    .where('application.organisation_id', '=', organisationId);
}

/** Count, next start (after `now`) and last end of each application's interviews. */
async function interviewSummaries(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
  now: Date,
): Promise<Map<string, InterviewSummary>> {
  const summaries = new Map<string, InterviewSummary>();
  if (applicationIds.length === 0) return summaries;
  const at = now.toISOString();
  const rows = await db
    .selectFrom('interview')
    .select((eb) => [
      'application_id',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.max('ends_at').as('last_ends_at'),
      eb.fn.min(eb.case().when('starts_at', '>', at).then(eb.ref('starts_at')).end()).as('next_starts_at'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('application_id', 'in', applicationIds)
    .groupBy('application_id')
    .execute();
  for (const row of rows) {
    summaries.set(row.application_id, {
      count: Number(row.count),
      nextStartsAt: iso(row.next_starts_at),
      lastEndsAt: iso(row.last_ends_at),
    });
  }
  return summaries;
}

/** Scorecards not yet submitted for ended interviews, by application: who owes them and since when. */
export async function owedScorecards(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
  now: Date,
): Promise<Map<string, OwedScorecard[]>> {
  const owed = new Map<string, OwedScorecard[]>();
  if (applicationIds.length === 0) return owed;
  const rows = await db
    .selectFrom('interview_interviewer as owes')
    .innerJoin('interview', 'interview.id', 'owes.interview_id')
    .innerJoin('user', 'user.id', 'owes.user_id')
    .leftJoin('scorecard', (join) =>
      join
        .onRef('scorecard.interview_id', '=', 'interview.id')
        .onRef('scorecard.interviewer_id', '=', 'owes.user_id'),
    )
    .select([
      'interview.application_id as application_id',
      'interview.id as interview_id',
      'interview.ends_at as ends_at',
      'owes.user_id as interviewer_id',
      'user.name as interviewer_name',
      'scorecard.id as scorecard_id',
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.application_id', 'in', applicationIds)
    .where('interview.ends_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('scorecard.id', 'is', null), eb('scorecard.status', '!=', 'submitted')]))
    .orderBy('interview.ends_at')
    .orderBy('owes.user_id')
    .execute();
  for (const r of rows) {
    const list = owed.get(r.application_id) ?? [];
    list.push({
      interviewId: r.interview_id,
      interviewerId: r.interviewer_id,
      interviewerName: r.interviewer_name,
      since: new Date(r.ends_at).toISOString(),
      started: r.scorecard_id !== null,
    });
    owed.set(r.application_id, list);
  }
  return owed;
}

async function withInterviews(
  db: Kysely<Database>,
  organisationId: string,
  rows: ApplicationRow[],
  now: Date,
): Promise<Application[]> {
  const ids = rows.map((r) => r.id);
  const summaries = await interviewSummaries(db, organisationId, ids, now);
  const owed = await owedScorecards(db, organisationId, ids, now);
  return rows.map((row) =>
    toApplication(row, summaries.get(row.id) ?? noInterviews, owed.get(row.id) ?? [], now),
  );
}

/** The role's status, or undefined when the organisation has no such role. */
export async function findRoleStatus(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('role')
    .select(['status'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status;
}

export async function candidateExists(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('candidate')
    .select(['id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The id of the candidate's application for the role, if they have applied. */
export async function findApplicationIdFor(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
  candidateId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('application')
    .select(['id'])
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  return row?.id;
}

export async function insertApplication(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: { candidateId: string; roleId: string; stage: Stage },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('application')
    .values({
      id,
      organisation_id: organisationId,
      candidate_id: input.candidateId,
      role_id: input.roleId,
      stage: input.stage,
      stage_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await refreshApplication(db, organisationId, id);
}

/** An application with its candidate, role and interview summary; `now` splits past from future. */
export async function findApplication(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<Application | undefined> {
  const row = await selectApplications(db, organisationId)
    .where('application.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [application] = await withInterviews(db, organisationId, [row], now);
  return application;
}

/** Just the stage, for rules that depend on it. */
export async function findApplicationStage(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<Stage | undefined> {
  const row = await db
    .selectFrom('application')
    .select(['stage'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (row.stage as Stage) : undefined;
}

// Named queues (principle: the queries the list offers are named here, so the sweep, digests and the API
// agree on what they mean). `now` is an instant; timestamps compare as UTC ISO text on both databases.

/** A decision is still to be made and the last interview has ended: the clock is running. */
export function clockRunning(eb: ExpressionBuilder<Database, 'application'>, now: Date): Expression<SqlBool> {
  return eb.and([
    eb('application.stage', 'in', undecidedStages),
    eb('application.decision_due_at', 'is not', null),
    eb('application.last_interview_ended_at', '<=', now.toISOString()),
  ]);
}

/** Some interviewer of an ended interview of the application has not submitted their scorecard. */
function scorecardOwed(eb: ExpressionBuilder<Database, 'application'>, at: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('interview_interviewer as owed')
      .innerJoin('interview as ended', 'ended.id', 'owed.interview_id')
      .leftJoin('scorecard as done', (join) =>
        join
          .onRef('done.interview_id', '=', 'ended.id')
          .onRef('done.interviewer_id', '=', 'owed.user_id')
          .on('done.status', '=', 'submitted'),
      )
      .select('owed.user_id')
      .whereRef('ended.application_id', '=', 'application.id')
      .where('ended.ends_at', '<=', at)
      .where('done.id', 'is', null),
  );
}

/**
 * Undecided and past its last interview (none still to come). Awaiting a decision without any
 * interview counts too: someone moved it there to decide.
 */
function pastLastInterview(eb: ExpressionBuilder<Database, 'application'>, at: string): Expression<SqlBool> {
  return eb.or([
    eb.and([
      eb('application.stage', 'in', undecidedStages),
      eb('application.last_interview_ended_at', '<=', at),
    ]),
    eb.and([
      eb('application.stage', '=', 'awaiting_decision'),
      eb('application.last_interview_ended_at', 'is', null),
    ]),
  ]);
}

/**
 * "Needs decision" (ready to decide): past the last interview, no decision yet, and every scorecard
 * in — no interviewer of an ended interview is without a submitted scorecard. Overdue ones included.
 */
export function needsDecision(
  eb: ExpressionBuilder<Database, 'application'>,
  now: Date,
): Expression<SqlBool> {
  const at = now.toISOString();
  return eb.and([pastLastInterview(eb, at), eb.not(scorecardOwed(eb, at))]);
}

/** "Waiting on scorecards": past the last interview, no decision yet, a scorecard still owed. */
export function waitingOnScorecards(
  eb: ExpressionBuilder<Database, 'application'>,
  now: Date,
): Expression<SqlBool> {
  const at = now.toISOString();
  return eb.and([pastLastInterview(eb, at), scorecardOwed(eb, at)]);
}

/** "Overdue": past the deadline and still waiting for a decision. */
export function overdue(eb: ExpressionBuilder<Database, 'application'>, now: Date): Expression<SqlBool> {
  return eb.and([
    eb('application.stage', 'in', undecidedStages),
    eb('application.decision_due_at', '<', now.toISOString()),
  ]);
}

/** Sorts applications without a deadline after every real one. */
const noDeadline = '9999-12-31T23:59:59.999Z';

/** A queue's cursor: the last item's deadline and id, as '<deadline>~<id>'. */
export function parseDeadlineCursor(cursor: string): { due: string; id: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(.+)$/.exec(cursor);
  return match ? { due: match[1]!, id: match[2]! } : undefined;
}

export async function listApplications(
  db: Kysely<Database>,
  organisationId: string,
  query: Omit<ApplicationListQuery, 'cursor'> & { hiringManagerId?: string | undefined },
  cursor: { id: string } | { due: string; id: string } | undefined,
  now: Date,
): Promise<Page<Application>> {
  let q = selectApplications(db, organisationId);
  if (query.roleId) q = q.where('application.role_id', '=', query.roleId);
  if (query.candidateId) q = q.where('application.candidate_id', '=', query.candidateId);
  if (query.stage) q = q.where('application.stage', 'in', query.stage);
  if (query.hiringManagerId) q = q.where('role.hiring_manager_id', '=', query.hiringManagerId);
  if (query.toTell !== undefined) {
    q = q.where((eb) => (query.toTell ? toTell(eb) : eb.not(toTell(eb))));
  }
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      eb.or([containsText(eb, 'candidate.name', text), containsText(eb, 'candidate.email', text)]),
    );
  }
  if (!query.view) {
    if (cursor) q = q.where('application.id', '<', cursor.id);
    const rows = await q
      .orderBy('application.id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = pageFrom(rows, query.limit);
    return { data: await withInterviews(db, organisationId, page.rows, now), nextCursor: page.nextCursor };
  }

  // A queue: sorted by deadline, soonest first (ties by id), paged by (deadline, id).
  const view = query.view;
  q = q.where((eb) => {
    switch (view) {
      case 'overdue':
        return overdue(eb, now);
      case 'needs-decision':
        return needsDecision(eb, now);
      case 'waiting-on-scorecards':
        return waitingOnScorecards(eb, now);
    }
  });
  if (cursor && 'due' in cursor) {
    const { due, id } = cursor;
    q = q.where((eb) => {
      const deadline = eb.fn.coalesce('application.decision_due_at', eb.val(noDeadline));
      return eb.or([eb(deadline, '>', due), eb.and([eb(deadline, '=', due), eb('application.id', '>', id)])]);
    });
  }
  const rows = await q
    .orderBy((eb) => eb.fn.coalesce('application.decision_due_at', eb.val(noDeadline)))
    .orderBy('application.id', 'asc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? `${last.decision_due_at ? new Date(last.decision_due_at).toISOString() : noDeadline}~${last.id}`
      : null;
  return { data: await withInterviews(db, organisationId, page, now), nextCursor };
}

/** Records when the decision was made (the stage left interviewing or awaiting a decision for one). */
export async function setDecidedAt(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('application')
    .set({ decided_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  await refreshApplication(db, organisationId, id);
}

/**
 * Moves the application from `from` to `to`; false when it is not (or no longer) at `from`, so
 * two concurrent moves cannot both succeed.
 */
export async function updateApplicationStage(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  from: Stage,
  to: Stage,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('application')
    .set({ stage: to, stage_changed_at: at, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('stage', '=', from)
    .executeTakeFirst();
  const moved = Number(result.numUpdatedRows) > 0;
  // Every way of withdrawing moves the stage here, so no interviewer is chased for this candidate.
  if (moved && to === 'withdrawn') await stopChasingScorecards(db, organisationId, id, now);
  return moved;
}

/** Emails that chase the team about an application: they mean nothing once the candidate withdrew. */
export const chaserTemplates = ['scorecard_reminder', 'decision_reminder', 'escalation'] as const;

/**
 * The candidate withdrew: cancels the unsent scorecard reminders, decision reminders and escalations
 * about the application and marks their notifications read. Owed scorecards stop being owed because
 * listOwedBy and the sweep leave withdrawn applications out.
 */
export async function stopChasingScorecards(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const cancelled = await db
    .updateTable('message')
    .set({ status: 'cancelled', cancelled_at: at, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .where('template_key', 'in', chaserTemplates)
    .where('status', 'in', ['held', 'queued'])
    .executeTakeFirst();
  const scorecards = db
    .selectFrom('scorecard')
    .select(sql<string>`'/scorecards/' || scorecard.id`.as('path'))
    .where('scorecard.organisation_id', '=', organisationId)
    .where('scorecard.application_id', '=', applicationId);
  await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('organisation_id', '=', organisationId)
    .where('read_at', 'is', null)
    .where('kind', 'in', chaserTemplates)
    .where((eb) =>
      eb.or([eb('link_path', '=', `/applications/${applicationId}`), eb('link_path', 'in', scorecards)]),
    )
    .execute();
  return Number(cancelled.numUpdatedRows);
}

/** The candidate withdrew (the stage says so, or the application closed with that outcome). */
export function withdrew(eb: ExpressionBuilder<Database, 'application'>): Expression<SqlBool> {
  // Outcome is null until decided: keep the comparison out of three-valued logic under NOT.
  return eb.or([
    eb('application.stage', '=', 'withdrawn'),
    eb.and([eb('application.outcome', 'is not', null), eb('application.outcome', '=', 'withdrawn')]),
  ]);
}

/** Deletes the application; its interviews go with it (foreign keys cascade). */
export async function deleteApplication(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const role = await db
    .selectFrom('application')
    .select(['role_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  const result = await db
    .deleteFrom('application')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (role) await refreshRole(db, organisationId, role.role_id);
  return Number(result.numDeletedRows) > 0;
}

/** A unique constraint refused the row (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
