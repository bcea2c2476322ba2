// The decision clock's queries: settings and closure days, the inputs of each application's clock, the
// stored clock, holding updates (slips). Every function takes the organisation.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';
import { type Closure, defaultDecisionWorkingDays } from '../../domain/decision-clock.ts';
import type { Stage } from '../../domain/lifecycle.ts';
import { undecidedStages } from '../applications/applications.repository.ts';
import { refreshApplication, refreshIfDecided } from '../reputation/rollup.repository.ts';
import type { HoldingUpdate } from './decision-clock.schema.ts';

/** Stages whose clock follows the interviews; a decided application keeps the deadline it had. */
export const clockStages = [
  'applied',
  'interviewing',
  'awaiting_decision',
] as const satisfies readonly Stage[];
/** Stages in which a decision is still to be made once the last interview has ended. */
export { undecidedStages };

const nations: readonly string[] = ['england-and-wales', 'scotland', 'northern-ireland'];

export interface OrganisationClockSettings {
  workingDays: number;
  automaticHoldingUpdates: boolean;
  closures: Closure[];
  updatedAt: string | null;
}

export async function findClosures(db: Kysely<Database>, organisationId: string): Promise<Closure[]> {
  const rows = await db
    .selectFrom('organisation_closure')
    .select(['date', 'label'])
    .where('organisation_id', '=', organisationId)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, label: r.label }));
}

/** Closure dates from `from` (a local date) on, for the sending window of an email. */
export async function findClosureDatesFrom(
  db: Kysely<Database>,
  organisationId: string,
  from: string,
  limit = 100,
): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_closure')
    .select(['date'])
    .where('organisation_id', '=', organisationId)
    .where('date', '>=', from)
    .orderBy('date')
    .limit(limit)
    .execute();
  return rows.map((r) => r.date);
}

export async function findClockSettings(
  db: Kysely<Database>,
  organisationId: string,
): Promise<OrganisationClockSettings> {
  const row = await db
    .selectFrom('decision_clock_settings')
    .select(['working_days', 'automatic_holding_updates', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    workingDays: row ? Number(row.working_days) : defaultDecisionWorkingDays,
    automaticHoldingUpdates: row ? Number(row.automatic_holding_updates) === 1 : false,
    closures: await findClosures(db, organisationId),
    updatedAt: row?.updated_at ?? null,
  };
}

export async function saveClockSettings(
  db: Kysely<Database>,
  organisationId: string,
  settings: { workingDays: number; automaticHoldingUpdates: boolean },
  closures: Closure[] | undefined,
  updatedBy: string | null,
  now: Date,
): Promise<void> {
  const values = {
    working_days: settings.workingDays,
    automatic_holding_updates: settings.automaticHoldingUpdates ? 1 : 0,
    updated_by: updatedBy,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('decision_clock_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
  if (closures === undefined) return;
  await db.deleteFrom('organisation_closure').where('organisation_id', '=', organisationId).execute();
  if (closures.length > 0) {
    await db
      .insertInto('organisation_closure')
      .values(closures.map((c) => ({ organisation_id: organisationId, date: c.date, label: c.label })))
      .execute();
  }
}

/** What an application's clock is computed from, and what is stored now. */
export interface ClockInputs {
  id: string;
  organisationId: string;
  stage: Stage;
  roleId: string;
  roleWorkingDays: number | null;
  venueName: string;
  calendar: WorkingCalendar;
  hiringManagerId: string | null;
  /** The latest interview end, from the interviews themselves. */
  lastInterviewEnd: string | null;
  promisedDate: string | null;
  slips: number;
  stored: {
    lastInterviewEndedAt: string | null;
    dueDate: string | null;
    dueAt: string | null;
    remindAt: string | null;
  };
}

/** Timestamps are compared as text on SQLite: always store and compare UTC ISO strings. */
function iso(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export type ClockScope =
  | { applicationIds: readonly string[] }
  | { roleId: string }
  | { venueId: string }
  | { organisation: true };

/** The clock inputs of the organisation's applications in scope whose clock follows their interviews. */
export async function findClockInputs(
  db: Kysely<Database>,
  organisationId: string,
  scope: ClockScope,
): Promise<ClockInputs[]> {
  if ('applicationIds' in scope && scope.applicationIds.length === 0) return [];
  let q = db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select((eb) => [
      'application.id as id',
      'application.organisation_id as organisation_id',
      'application.stage as stage',
      'role.id as role_id',
      'role.decision_working_days as role_working_days',
      'role.hiring_manager_id as hiring_manager_id',
      'venue.name as venue_name',
      'venue.region as region',
      'venue.timezone as timezone',
      'application.decision_promised_date as promised_date',
      'application.decision_slips as slips',
      'application.last_interview_ended_at as stored_last_end',
      'application.decision_due_date as stored_due_date',
      'application.decision_due_at as stored_due_at',
      'application.decision_remind_at as stored_remind_at',
      eb
        .selectFrom('interview')
        .select((sub) => sub.fn.max('interview.ends_at').as('m'))
        .whereRef('interview.application_id', '=', 'application.id')
        .as('last_end'),
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.stage', 'in', clockStages);
  if ('applicationIds' in scope) q = q.where('application.id', 'in', scope.applicationIds);
  if ('roleId' in scope) q = q.where('role.id', '=', scope.roleId);
  if ('venueId' in scope) q = q.where('venue.id', '=', scope.venueId);
  const rows = await q.orderBy('application.id').execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    stage: r.stage as Stage,
    roleId: r.role_id,
    roleWorkingDays: r.role_working_days === null ? null : Number(r.role_working_days),
    venueName: r.venue_name,
    calendar: {
      nation: (nations.includes(r.region) ? r.region : 'england-and-wales') as Nation,
      timezone: r.timezone,
    },
    hiringManagerId: r.hiring_manager_id,
    lastInterviewEnd: iso((r.last_end as string | null) ?? null),
    promisedDate: r.promised_date,
    slips: Number(r.slips),
    stored: {
      lastInterviewEndedAt: iso(r.stored_last_end),
      dueDate: r.stored_due_date,
      dueAt: iso(r.stored_due_at),
      remindAt: iso(r.stored_remind_at),
    },
  }));
}

export interface StoredClock {
  lastInterviewEndedAt: string | null;
  dueDate: string | null;
  dueAt: string | null;
  remindAt: string | null;
}

export async function writeClock(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  clock: StoredClock,
  now: Date,
): Promise<void> {
  await db
    .updateTable('application')
    .set({
      last_interview_ended_at: clock.lastInterviewEndedAt,
      decision_due_date: clock.dueDate,
      decision_due_at: clock.dueAt,
      decision_remind_at: clock.remindAt,
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  // Deadlines and the last interview count in the figures only once the candidate is decided or told.
  await refreshIfDecided(db, organisationId, id);
}

/**
 * Records a slip on the application: the promised date, the moved deadline and the count, only while
 * the application is undecided and nobody else slipped it meanwhile (false otherwise).
 */
export async function writeSlip(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  slip: { expectSlips: number; promisedDate: string; clock: StoredClock },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('application')
    .set({
      decision_promised_date: slip.promisedDate,
      decision_slips: slip.expectSlips + 1,
      last_interview_ended_at: slip.clock.lastInterviewEndedAt,
      decision_due_date: slip.clock.dueDate,
      decision_due_at: slip.clock.dueAt,
      decision_remind_at: slip.clock.remindAt,
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('decision_slips', '=', slip.expectSlips)
    .where('stage', 'in', undecidedStages)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) await refreshIfDecided(db, organisationId, id);
  return Number(result.numUpdatedRows) > 0;
}

export async function insertSlipRecord(
  db: Kysely<Database>,
  organisationId: string,
  record: Omit<HoldingUpdate, 'createdAt'> & { createdBy: string | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto('decision_slip')
    .values({
      id: record.id,
      organisation_id: organisationId,
      application_id: record.applicationId,
      number: record.number,
      from_due_date: record.fromDueDate,
      to_due_date: record.toDueDate,
      automatic: record.automatic ? 1 : 0,
      reason: record.reason,
      message_id: record.messageId,
      created_by: record.createdBy,
      created_at: now.toISOString(),
    })
    .execute();
  await refreshApplication(db, organisationId, record.applicationId);
}

export async function listSlips(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<HoldingUpdate[]> {
  const rows = await db
    .selectFrom('decision_slip')
    .select([
      'id',
      'application_id',
      'number',
      'from_due_date',
      'to_due_date',
      'automatic',
      'reason',
      'message_id',
      'created_at',
    ])
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    number: Number(r.number),
    fromDueDate: r.from_due_date,
    toDueDate: r.to_due_date,
    automatic: Number(r.automatic) === 1,
    reason: r.reason,
    messageId: r.message_id,
    createdAt: r.created_at,
  }));
}

/** The user ids of the organisation's admins, for escalations. */
export async function findAdminUserIds(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member')
    .select('userId')
    .where('organizationId', '=', organisationId)
    .where('role', '=', 'admin')
    .orderBy('userId')
    .execute();
  return rows.map((r) => r.userId);
}

/** Whether the user is a member of the organisation (emails and notifications go to members only). */
export async function isMember(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('member')
    .select('id')
    .where('organizationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
