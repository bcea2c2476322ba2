// The nudge ledger (principle 3 of DESIGN.md): background work is derived from state and keyed, and the
// unique key, written in the same transaction as the emails and notifications a nudge causes, makes it
// exactly-once however many workers run. A second worker's insert conflicts and does nothing.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';
import { undecidedStages } from '../applications/applications.repository.ts';

export type NudgeKind =
  | 'awaiting_decision'
  | 'decision_reminder'
  | 'escalation'
  | 'slip_escalation'
  | 'automatic_holding_update'
  | 'manager_digest'
  | 'scorecard_reminder'
  | 'network_reconsent'
  | 'network_invitation_reminder';

export interface Nudge {
  key: string;
  organisationId: string;
  kind: NudgeKind;
  applicationId?: string | null;
  /** What it was about besides the application: a due date, `<interview>:<interviewer>`… */
  subject?: string | null;
}

/**
 * Claims a nudge inside the caller's transaction: true when this transaction wrote its key (so it does
 * the work), false when it already happened. On PostgreSQL a concurrent claim of the same key waits for
 * the first transaction and then does nothing; if the first rolls back, the second claims it.
 */
export async function claimNudge(db: Kysely<Database>, nudge: Nudge, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('nudge')
    .values({
      key: nudge.key,
      organisation_id: nudge.organisationId,
      kind: nudge.kind,
      application_id: nudge.applicationId ?? null,
      subject: nudge.subject ?? null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these keys have happened already (to skip them without a transaction each). */
export async function existingNudgeKeys(db: Kysely<Database>, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db.selectFrom('nudge').select('key').where('key', 'in', chunk).execute();
    for (const r of rows) found.add(r.key);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// What the sweep looks for, across organisations (each row names its organisation, and everything done
// about it is done within that organisation). Each query leaves out what has already happened.

const nations: readonly string[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const undecided = undecidedStages;

export interface ClockRow {
  applicationId: string;
  organisationId: string;
  stage: string;
  candidateName: string;
  roleId: string;
  roleTitle: string;
  venueId: string;
  venueName: string;
  calendar: WorkingCalendar;
  hiringManagerId: string | null;
  hiringManagerName: string | null;
  lastInterviewEndedAt: string;
  dueDate: string;
  dueAt: string;
}

function utc(value: string): string {
  return new Date(value).toISOString();
}

/** Undecided applications whose last interview has ended: the clock is running. */
function runningClocks(db: Kysely<Database>, now: Date) {
  const at = now.toISOString();
  return db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .leftJoin('member as manager_member', (join) =>
      join
        .onRef('manager_member.userId', '=', 'role.hiring_manager_id')
        .onRef('manager_member.organizationId', '=', 'application.organisation_id'),
    )
    .leftJoin('user as manager', 'manager.id', 'manager_member.userId')
    .select([
      'application.id as application_id',
      'application.organisation_id as organisation_id',
      'application.stage as stage',
      'candidate.name as candidate_name',
      'role.id as role_id',
      'role.title as role_title',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.region as region',
      'venue.timezone as timezone',
      'manager.id as manager_id',
      'manager.name as manager_name',
      'application.last_interview_ended_at as last_end',
      'application.decision_due_date as due_date',
      'application.decision_due_at as due_at',
    ])
    .where('application.stage', 'in', undecided)
    .where('application.decision_due_at', 'is not', null)
    .where('application.decision_due_date', 'is not', null)
    .where('application.last_interview_ended_at', '<=', at);
}
type RunningRow = Awaited<ReturnType<ReturnType<typeof runningClocks>['execute']>>[number];

function toClockRow(r: RunningRow): ClockRow {
  return {
    applicationId: r.application_id,
    organisationId: r.organisation_id,
    stage: r.stage,
    candidateName: r.candidate_name,
    roleId: r.role_id,
    roleTitle: r.role_title,
    venueId: r.venue_id,
    venueName: r.venue_name,
    calendar: {
      nation: (nations.includes(r.region) ? r.region : 'england-and-wales') as Nation,
      timezone: r.timezone,
    },
    hiringManagerId: r.manager_id ?? null,
    hiringManagerName: r.manager_name ?? null,
    lastInterviewEndedAt: utc(r.last_end!),
    dueDate: r.due_date!,
    dueAt: utc(r.due_at!),
  };
}

/** Nothing of this kind has happened yet for the application's current due date. */
function notNudged(kind: NudgeKind) {
  return (eb: ExpressionBuilder<Database, 'application'>) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('nudge')
          .select('nudge.key')
          .where('nudge.kind', '=', kind)
          .whereRef('nudge.application_id', '=', 'application.id')
          .whereRef('nudge.subject', '=', 'application.decision_due_date'),
      ),
    );
}

/** Applications still at interviewing whose last interview has ended. */
export async function findEndedInterviewing(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<{ applicationId: string; organisationId: string; lastInterviewEndedAt: string }[]> {
  const rows = await db
    .selectFrom('application')
    .select(['id', 'organisation_id', 'last_interview_ended_at'])
    .where('stage', '=', 'interviewing')
    .where('last_interview_ended_at', '<=', now.toISOString())
    .orderBy('last_interview_ended_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    applicationId: r.id,
    organisationId: r.organisation_id,
    lastInterviewEndedAt: utc(r.last_interview_ended_at!),
  }));
}

/** Running clocks whose manager is to be reminded now (a working day before the deadline) and was not. */
export async function findRemindersDue(db: Kysely<Database>, now: Date, limit: number): Promise<ClockRow[]> {
  const at = now.toISOString();
  const rows = await runningClocks(db, now)
    .where('manager.id', 'is not', null)
    .where('application.decision_remind_at', '<=', at)
    .where('application.decision_due_at', '>', at)
    .where(notNudged('decision_reminder'))
    .orderBy('application.decision_due_at')
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map(toClockRow);
}

/** Running clocks past their deadline that have not been escalated for that deadline. */
export async function findEscalationsDue(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<ClockRow[]> {
  const rows = await runningClocks(db, now)
    .where('application.decision_due_at', '<=', now.toISOString())
    .where(notNudged('escalation'))
    .orderBy('application.decision_due_at')
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map(toClockRow);
}

/**
 * Running clocks of organisations with automatic holding updates whose deadline is within a day (the
 * exact moment is worked out on the venue's calendar), without an automatic update for that deadline.
 */
export async function findAutomaticHoldingCandidates(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<ClockRow[]> {
  const horizon = new Date(now.getTime() + 86_400_000).toISOString();
  const rows = await runningClocks(db, now)
    .innerJoin(
      'decision_clock_settings',
      'decision_clock_settings.organisation_id',
      'application.organisation_id',
    )
    .where('decision_clock_settings.automatic_holding_updates', '=', 1)
    .where('application.decision_due_at', '<=', horizon)
    .where(notNudged('automatic_holding_update'))
    .orderBy('application.decision_due_at')
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map(toClockRow);
}

/** Every running clock with a hiring manager who is a member, for the managers' digests. */
export async function findRunningClocksWithManager(db: Kysely<Database>, now: Date): Promise<ClockRow[]> {
  const rows = await runningClocks(db, now)
    .where('manager.id', 'is not', null)
    .orderBy('application.decision_due_at')
    .orderBy('application.id')
    .execute();
  return rows.map(toClockRow);
}

/** Scorecards still owed (ended interviews without a submitted scorecard) for a manager's undecided applications. */
export async function countScorecardsMissingFor(
  db: Kysely<Database>,
  organisationId: string,
  managerId: string,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('interview_interviewer')
    .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .leftJoin('scorecard', (join) =>
      join
        .onRef('scorecard.interview_id', '=', 'interview.id')
        .onRef('scorecard.interviewer_id', '=', 'interview_interviewer.user_id')
        .on('scorecard.status', '=', 'submitted'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('application.organisation_id', '=', organisationId)
    .where('role.hiring_manager_id', '=', managerId)
    .where('application.stage', 'in', undecided)
    .where('interview.ends_at', '<=', now.toISOString())
    .where('scorecard.id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InterviewFacts {
  interviewId: string;
  organisationId: string;
  applicationId: string;
  stage: string;
  startsAt: string;
  endsAt: string;
  calendar: WorkingCalendar;
}

/** What a scorecard reminder needs to know about its interviews. */
export async function findInterviewFacts(
  db: Kysely<Database>,
  interviewIds: readonly string[],
): Promise<Map<string, InterviewFacts>> {
  const facts = new Map<string, InterviewFacts>();
  for (let i = 0; i < interviewIds.length; i += 500) {
    const rows = await db
      .selectFrom('interview')
      .innerJoin('application', 'application.id', 'interview.application_id')
      .innerJoin('role', 'role.id', 'application.role_id')
      .innerJoin('venue', 'venue.id', 'role.venue_id')
      .select([
        'interview.id as id',
        'interview.organisation_id as organisation_id',
        'application.id as application_id',
        'application.stage as stage',
        'interview.starts_at as starts_at',
        'interview.ends_at as ends_at',
        'venue.region as region',
        'venue.timezone as timezone',
      ])
      .where('interview.id', 'in', interviewIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      facts.set(r.id, {
        interviewId: r.id,
        organisationId: r.organisation_id,
        applicationId: r.application_id,
        stage: r.stage,
        startsAt: utc(r.starts_at),
        endsAt: utc(r.ends_at),
        calendar: {
          nation: (nations.includes(r.region) ? r.region : 'england-and-wales') as Nation,
          timezone: r.timezone,
        },
      });
    }
  }
  return facts;
}

/** Applications whose clock was never computed though they have interviews (written before it existed). */
export async function findClocksToRepair(
  db: Kysely<Database>,
  limit: number,
): Promise<{ applicationId: string; organisationId: string }[]> {
  const rows = await db
    .selectFrom('application')
    .select(['application.id', 'application.organisation_id'])
    .where('application.stage', 'in', ['applied', ...undecided])
    .where('application.last_interview_ended_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('interview')
          .select('interview.id')
          .whereRef('interview.application_id', '=', 'application.id'),
      ),
    )
    .orderBy('application.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ applicationId: r.id, organisationId: r.organisation_id }));
}
