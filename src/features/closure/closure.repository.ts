// All Kysely of closure: how a candidate was told, the "close the rest" queue, the closure report and
// the candidate timeline. Every function takes the organisation (or, for the worker's hook, reads it
// from the message it was given).

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ToldVia } from '../../db/schema-closure.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';
import type { Stage } from '../../domain/lifecycle.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { refreshApplication } from '../reputation/rollup.repository.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';

export interface ClosureFacts {
  id: string;
  stage: Stage;
  outcome: string | null;
  roleId: string;
  candidateId: string;
  candidateName: string;
  toldAt: string | null;
  decidedAt: string | null;
}

export async function findClosureFacts(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<ClosureFacts | undefined> {
  const row = await db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .select([
      'application.id',
      'application.stage',
      'application.outcome',
      'application.role_id',
      'application.candidate_id',
      'candidate.name',
      'application.told_at',
      'application.decided_at',
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    stage: row.stage as Stage,
    outcome: row.outcome,
    roleId: row.role_id,
    candidateId: row.candidate_id,
    candidateName: row.name,
    toldAt: row.told_at,
    decidedAt: row.decided_at,
  };
}

/** Records the outcome reached and, the first time, when the decision was made. */
export async function setOutcome(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  outcome: Stage,
  now: Date,
): Promise<void> {
  await db
    .updateTable('application')
    .set((eb) => ({
      outcome,
      decided_at: eb.fn.coalesce('decided_at', eb.val(now.toISOString())),
    }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .execute();
  await refreshApplication(db, organisationId, applicationId);
}

/** Records how and when the candidate was told; the first telling stands. */
export async function markTold(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  told: { at: Date; via: ToldVia; note: string | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('application')
    .set({ told_at: told.at.toISOString(), told_via: told.via, told_note: told.note })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .where('told_at', 'is', null)
    .executeTakeFirst();
  const done = Number(result.numUpdatedRows) > 0;
  if (done) await refreshApplication(db, organisationId, applicationId);
  if (done)
    await emitEvent(
      db,
      organisationId,
      'candidate.told',
      {
        applicationId,
        via: told.via,
        toldAt: told.at.toISOString(),
      },
      now,
    );
  return done;
}

/** The outcome emails whose delivery tells the candidate. */
export const outcomeTemplates = ['offer', 'not_progressing', 'not_progressing_screening'] as const;
/** The not-progressing emails (feedback from scorecards, or a screening reason): sent, the application closes. */
export const notProgressingTemplates: readonly string[] = ['not_progressing', 'not_progressing_screening'];

/**
 * The outbox worker's hook, called in the transaction that marks the message sent: an outcome email
 * that reached `sent` tells the candidate, and a not-progressing application closes.
 */
export async function recordToldByEmail(
  tx: Kysely<Database>,
  message: {
    id: string;
    organisationId: string;
    applicationId: string | null;
    templateKey: string;
    sentAt: Date;
  },
  now: Date,
): Promise<void> {
  // The worker passes what it claimed, so the common case (not an outcome email) reads nothing.
  if (!message.applicationId) return;
  if (!(outcomeTemplates as readonly string[]).includes(message.templateKey)) return;
  const { organisationId, applicationId, id: messageId } = message;
  const at = message.sentAt;
  const told = await markTold(tx, organisationId, applicationId, { at, via: 'email', note: null }, now);
  if (told) {
    await recordAudit(
      tx,
      organisationId,
      'system',
      {
        action: 'application.told',
        subjectType: 'application',
        subjectId: applicationId,
        detail: { via: 'email', messageId, template: message.templateKey },
      },
      now,
    );
  }
  if (!notProgressingTemplates.includes(message.templateKey)) return;
  const closed = await tx
    .updateTable('application')
    .set({ stage: 'closed', stage_changed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .where('stage', '=', 'not_progressing')
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) > 0) {
    await emitEvent(
      tx,
      organisationId,
      'application.closed',
      { applicationId, from: 'not_progressing', to: 'closed' },
      now,
    );
    await recordAudit(
      tx,
      organisationId,
      'system',
      {
        action: 'application.closed',
        subjectType: 'application',
        subjectId: applicationId,
        detail: { from: 'not_progressing', via: 'email', messageId },
      },
      now,
    );
  }
}

// ---- The role guard ---------------------------------------------------------------------------

export interface UnclosedApplication {
  applicationId: string;
  candidateName: string;
  stage: Stage;
  /** The latest outcome email, if any. */
  message: { status: string; sendAfter: string } | null;
  timezone: string;
}

/** The role's applications that are not closed, by candidate name, with their latest outcome email. */
export async function listUnclosedApplications(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<UnclosedApplication[]> {
  const rows = await db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select(['application.id', 'candidate.name', 'application.stage', 'venue.timezone'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', '=', roleId)
    .where('application.stage', '!=', 'closed')
    .orderBy('candidate.name', 'asc')
    .orderBy('application.id', 'asc')
    .execute();
  const ids = rows.map((r) => r.id);
  const messages = new Map<string, { status: string; sendAfter: string }>();
  if (ids.length > 0) {
    const found = await db
      .selectFrom('message')
      .select(['application_id', 'status', 'send_after', 'id'])
      .where('organisation_id', '=', organisationId)
      .where('application_id', 'in', ids)
      .where('template_key', 'in', outcomeTemplates)
      .orderBy('id', 'asc')
      .execute();
    for (const m of found) {
      if (m.application_id) messages.set(m.application_id, { status: m.status, sendAfter: m.send_after });
    }
  }
  return rows.map((row) => ({
    applicationId: row.id,
    candidateName: row.name,
    stage: row.stage as Stage,
    message: messages.get(row.id) ?? null,
    timezone: row.timezone,
  }));
}

// ---- Close the rest ----------------------------------------------------------------------------

export async function roleExists(db: Kysely<Database>, organisationId: string, roleId: string) {
  const row = await db
    .selectFrom('role')
    .select(['id', 'title'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roleId)
    .executeTakeFirst();
  return row;
}

/** The role's applications still undecided (applied, interviewing, awaiting a decision). */
export async function listUndecided(db: Kysely<Database>, organisationId: string, roleId: string) {
  return db
    .selectFrom('application')
    .select(['application.id'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', '=', roleId)
    .where('application.stage', 'in', ['applied', 'interviewing', 'awaiting_decision'])
    .orderBy('application.id', 'asc')
    .execute();
}

export type QueueKind = 'feedback' | 'screening' | 'without_scorecards';

export interface QueueItemValues {
  roleId: string;
  applicationId: string;
  kind: QueueKind;
  problem: string | null;
  /** JSON { reasons, note? } for screening and without_scorecards items. */
  screening: string | null;
  checkResult: string | null;
}

/** Writes (or recomposes) an item; a recomposed item is no longer approved. */
export async function upsertQueueItem(
  db: Kysely<Database>,
  organisationId: string,
  item: QueueItemValues,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const values = {
    kind: item.kind,
    problem: item.problem,
    screening: item.screening,
    check_result: item.checkResult,
    approved_at: null,
    approved_by: null,
    updated_at: at,
  };
  await db
    .insertInto('closure_queue_item')
    .values({
      organisation_id: organisationId,
      role_id: item.roleId,
      application_id: item.applicationId,
      without_scorecards_note: null,
      created_at: at,
      ...values,
    })
    .onConflict((oc) => oc.column('application_id').doUpdateSet(values))
    .execute();
}

/** Edits a screening item in place: its message, check and note; approval is cleared. */
export async function updateQueueItem(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  values: {
    screening: string;
    checkResult: string;
    withoutScorecardsNote: string | null;
    problem: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('closure_queue_item')
    .set({
      screening: values.screening,
      check_result: values.checkResult,
      without_scorecards_note: values.withoutScorecardsNote,
      problem: values.problem,
      approved_at: null,
      approved_by: null,
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .execute();
}

export async function approveQueueItem(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  approvedBy: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('closure_queue_item')
    .set({ approved_at: now.toISOString(), approved_by: approvedBy, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .execute();
}

export async function removeQueueItem(db: Kysely<Database>, organisationId: string, applicationId: string) {
  await db
    .deleteFrom('closure_queue_item')
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .execute();
}

export interface QueueRow {
  applicationId: string;
  candidateId: string;
  candidateName: string;
  stage: Stage;
  problem: string | null;
  kind: QueueKind;
  screening: string | null;
  withoutScorecardsNote: string | null;
  queueCheckResult: string | null;
  approvedAt: string | null;
  feedbackStatus: string | null;
  feedbackText: string | null;
  checkResult: string | null;
}

/** The role's review queue, or only these applications' items (a job's batch). */
export async function listQueue(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
  applicationIds?: readonly string[],
): Promise<QueueRow[]> {
  if (applicationIds?.length === 0) return [];
  // A long selection reads the role's queue and keeps its items (no list of thousands of parameters).
  const only = applicationIds && applicationIds.length <= 500 ? applicationIds : undefined;
  const rows = await db
    .selectFrom('closure_queue_item as q')
    .innerJoin('application', 'application.id', 'q.application_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .leftJoin('feedback', 'feedback.application_id', 'q.application_id')
    .select([
      'q.application_id',
      'candidate.id as candidate_id',
      'candidate.name',
      'application.stage',
      'q.problem',
      'q.kind',
      'q.screening',
      'q.without_scorecards_note',
      'q.check_result as queue_check_result',
      'q.approved_at',
      'feedback.status as feedback_status',
      'feedback.text as feedback_text',
      'feedback.check_result',
    ])
    .where('q.organisation_id', '=', organisationId)
    .where('q.role_id', '=', roleId)
    // Decided another way meanwhile (withdrawn, offered…): no longer the queue's to close.
    .where('application.stage', 'in', ['applied', 'interviewing', 'awaiting_decision'])
    .$if(only !== undefined, (qb) => qb.where('q.application_id', 'in', only!))
    .orderBy('candidate.name', 'asc')
    .orderBy('q.application_id', 'asc')
    .execute();
  const kept = applicationIds && !only ? new Set(applicationIds) : undefined;
  return rows
    .filter((r) => !kept || kept.has(r.application_id))
    .map((r) => ({
      applicationId: r.application_id,
      candidateId: r.candidate_id,
      candidateName: r.name,
      stage: r.stage as Stage,
      problem: r.problem,
      kind: r.kind as QueueKind,
      screening: r.screening,
      withoutScorecardsNote: r.without_scorecards_note,
      queueCheckResult: r.queue_check_result,
      approvedAt: r.approved_at,
      feedbackStatus: r.feedback_status,
      feedbackText: r.feedback_text,
      checkResult: r.check_result,
    }));
}

// ---- Closure report ----------------------------------------------------------------------------

export async function findRoleCalendar(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<{ title: string; calendar: WorkingCalendar } | undefined> {
  const row = await db
    .selectFrom('role')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select(['role.title', 'venue.region', 'venue.timezone'])
    .where('role.organisation_id', '=', organisationId)
    .where('role.id', '=', roleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const closures = await db
    .selectFrom('organisation_closure')
    .select(['date'])
    .where('organisation_id', '=', organisationId)
    .orderBy('date')
    .execute();
  const calendar: WorkingCalendar = {
    nation: row.region as Nation,
    timezone: row.timezone,
    ...(closures.length > 0 && { closures: closures.map((c) => c.date) }),
  };
  return { title: row.title, calendar };
}

export async function listReportRows(db: Kysely<Database>, organisationId: string, roleId: string) {
  return db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .leftJoin('feedback', 'feedback.application_id', 'application.id')
    .select([
      'application.id',
      'candidate.id as candidate_id',
      'candidate.name',
      'application.stage',
      'application.outcome',
      'application.told_at',
      'application.told_via',
      'application.last_interview_ended_at',
      'feedback.check_result',
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', '=', roleId)
    .orderBy('candidate.name', 'asc')
    .orderBy('application.id', 'asc')
    .execute();
}

/** The latest talent-network membership of each of these candidates, in words for the report. */
export async function networkStatuses(
  db: Kysely<Database>,
  organisationId: string,
  candidateIds: string[],
  now: Date,
): Promise<Map<string, 'joined' | 'left' | 'expired'>> {
  const statuses = new Map<string, 'joined' | 'left' | 'expired'>();
  if (candidateIds.length === 0) return statuses;
  const rows = await db
    .selectFrom('talent_network_member')
    .select(['candidate_id', 'joined_at', 'expires_at', 'left_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', 'in', candidateIds)
    .orderBy('joined_at', 'asc')
    .execute();
  // Later memberships overwrite earlier ones: the newest decides.
  for (const row of rows) {
    statuses.set(
      row.candidate_id,
      row.left_at ? 'left' : row.expires_at <= now.toISOString() ? 'expired' : 'joined',
    );
  }
  return statuses;
}

/** The stage a report shows as the outcome: the recorded one, else an outcome stage, else the stage. */
export function outcomeOf(stage: Stage, outcome: string | null): string {
  return outcome ?? stage;
}

/** The time zone of the application's venue, to write a call's time as the candidate reads it. */
export async function findApplicationTimezone(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select(['venue.timezone'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  return row?.timezone;
}

// ---- Interviews and scorecards, as closure reads them ---------------------------------------------

export interface InterviewFacts {
  /** When the last interview that has ended ended; null when none has (never interviewed). */
  lastInterviewEndedAt: string | null;
  submittedScorecards: number;
}

/** For each application: whether it has had an interview and how many scorecards are in (two queries). */
export async function listInterviewFacts(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
  now: Date,
): Promise<Map<string, InterviewFacts>> {
  const facts = new Map<string, InterviewFacts>(
    applicationIds.map((id) => [id, { lastInterviewEndedAt: null, submittedScorecards: 0 }]),
  );
  for (let i = 0; i < applicationIds.length; i += 500) {
    const ids = applicationIds.slice(i, i + 500);
    const [interviews, scorecards] = await Promise.all([
      db
        .selectFrom('interview')
        .select(['application_id', (eb) => eb.fn.max('ends_at').as('last_end')])
        .where('organisation_id', '=', organisationId)
        .where('application_id', 'in', ids)
        .where('ends_at', '<=', now.toISOString())
        .groupBy('application_id')
        .execute(),
      db
        .selectFrom('scorecard')
        .select(['application_id', (eb) => eb.fn.countAll<string | number>().as('submitted')])
        .where('organisation_id', '=', organisationId)
        .where('application_id', 'in', ids)
        .where('status', '=', 'submitted')
        .groupBy('application_id')
        .execute(),
    ]);
    for (const row of interviews) {
      const f = facts.get(row.application_id);
      if (f && row.last_end) f.lastInterviewEndedAt = new Date(row.last_end as string | Date).toISOString();
    }
    for (const row of scorecards) {
      const f = facts.get(row.application_id);
      if (f) f.submittedScorecards = Number(row.submitted);
    }
  }
  return facts;
}

// ---- Decision emails, re-sent ---------------------------------------------------------------------

export interface DecisionEmail {
  id: string;
  templateKey: string;
  status: string;
  idempotencyKey: string;
  /** The context it was rendered with (JSON), to send the same again. */
  variables: string;
}

/** The application's latest decision email (offer or not progressing), if any. */
export async function findLatestDecisionEmail(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<DecisionEmail | undefined> {
  const row = await db
    .selectFrom('message')
    .select(['id', 'template_key', 'status', 'idempotency_key', 'variables'])
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .where('template_key', 'in', outcomeTemplates)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    templateKey: row.template_key,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    variables: row.variables,
  };
}

/**
 * How many emails were written under a decision's key or its later attempts. Every one is the
 * application's email, so the application's index narrows the search (a LIKE uses no index: it read
 * every email of the organisation for each decision).
 */
export async function countDecisionAttempts(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  baseKey: string,
): Promise<number> {
  const row = await db
    .selectFrom('message')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('application_id', '=', applicationId)
    .where((eb) =>
      eb.or([eb('idempotency_key', '=', baseKey), eb('idempotency_key', 'like', `${baseKey}:attempt-%`)]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open applications of the role at an offer, and whether anyone has been hired. */
export async function offersOut(db: Kysely<Database>, organisationId: string, roleId: string) {
  const rows = await db
    .selectFrom('application')
    .select(['stage', 'outcome'])
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .where((eb) => eb.or([eb('stage', 'in', ['offer', 'hired']), eb('outcome', '=', 'hired')]))
    .execute();
  return {
    offers: rows.filter((r) => r.stage === 'offer').length,
    hired: rows.some((r) => r.stage === 'hired' || r.outcome === 'hired'),
  };
}

/**
 * The inverse of recordToldByEmail, for an outcome email that bounced: the candidate was not told
 * after all, so the application is to tell again (and a not-progressing one it closed reopens).
 * True when the application changed.
 */
export async function undoToldByEmail(
  tx: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  templateKey: string,
  now: Date,
): Promise<boolean> {
  if (!(outcomeTemplates as readonly string[]).includes(templateKey)) return false;
  const untold = await tx
    .updateTable('application')
    .set({ told_at: null, told_via: null, told_note: null, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .where('told_via', '=', 'email')
    .executeTakeFirst();
  if (notProgressingTemplates.includes(templateKey)) {
    await tx
      .updateTable('application')
      .set({ stage: 'not_progressing', stage_changed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', applicationId)
      .where('stage', '=', 'closed')
      .where('outcome', '=', 'not_progressing')
      .execute();
  }
  if (Number(untold.numUpdatedRows) > 0) await refreshApplication(tx, organisationId, applicationId);
  return Number(untold.numUpdatedRows) > 0;
}
