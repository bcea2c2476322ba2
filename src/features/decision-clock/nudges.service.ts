// The decision clock's background steps, each derived from state and keyed (principle 3 of DESIGN.md):
// every nudge claims its key in the nudge table in the same transaction as the emails (outbox, same
// idempotency key) and in-app notifications it causes, so it happens exactly once however many workers
// run the sweep at the same time. Each step is safe to run concurrently; a failure of one item is
// logged and retried at the next sweep (its transaction rolled back, nothing half-done).
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import {
  defaultSendingWindow,
  isInSendingWindow,
  isWorkingDay,
  localDateOf,
  nextWorkingMorning,
  startOfLocalTime,
  type WorkingCalendar,
} from '../../domain/calendar.ts';
import {
  automaticHoldingDate,
  automaticHoldingUpdateAt,
  decisionWorkingDays,
  formatLocalDate,
  overdueText,
  timeLeftText,
} from '../../domain/decision-clock.ts';
import { updateApplicationStage } from '../applications/applications.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCandidateName } from '../feedback/feedback.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import { dueScorecardReminders } from '../scorecards/scorecards.repository.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import * as clockRepo from './decision-clock.repository.ts';
import {
  applicationPath,
  applyHoldingUpdate,
  appUrl,
  type ClockContext,
  escalateToAdmins,
  recomputeDecisionClocks,
  withClosures,
} from './decision-clock.service.ts';
import * as repo from './nudges.repository.ts';

export type SweepContext = ClockContext & Pick<AppContext, 'kysely'>;

export interface SweepLogger {
  error(obj: object, msg: string): void;
}

export interface StepResult {
  /** Nudges (or moves) this sweep made. */
  done: number;
  /** Items that failed (logged; tried again at the next sweep). */
  failed: number;
}

/** How many items a step takes per sweep; the rest wait for the next one (a minute later). */
const batch = 500;
/** Scorecards owed for longer than this are not chased again by a new worker or after downtime. */
const scorecardLookbackMs = 30 * 86_400_000;

/** Thrown inside a nudge's transaction to undo it: nothing to do after all. */
class NothingToDo extends Error {}

async function inTransaction(
  ctx: SweepContext,
  work: (tx: Kysely<Database>) => Promise<boolean>,
): Promise<boolean> {
  try {
    return await ctx.kysely.transaction().execute(work);
  } catch (err) {
    if (err instanceof NothingToDo) return false;
    throw err;
  }
}

async function eachItem<T>(
  items: readonly T[],
  step: string,
  log: SweepLogger,
  work: (item: T) => Promise<boolean>,
): Promise<StepResult> {
  const result: StepResult = { done: 0, failed: 0 };
  for (const item of items) {
    // SQLite answers synchronously: without a turn of the event loop per item, a long sweep (the
    // first after a start, or downtime) holds every request, /healthz included, until it ends.
    await yieldToRequests();
    try {
      if (await work(item)) result.done += 1;
    } catch (err) {
      result.failed += 1;
      log.error({ step, item, err }, 'decision clock: a nudge failed; it is tried again at the next sweep');
    }
  }
  return result;
}

/** The organisations' settings (closures, working days), read once per sweep. */
function settingsCache(db: Kysely<Database>) {
  const cache = new Map<string, Promise<clockRepo.OrganisationClockSettings>>();
  return (organisationId: string) => {
    let settings = cache.get(organisationId);
    if (!settings) {
      settings = clockRepo.findClockSettings(db, organisationId);
      cache.set(organisationId, settings);
    }
    return settings;
  };
}

/** Applications with interviews whose clock was never computed (rows older than the clock): compute it. */
export async function repairClocks(ctx: SweepContext, now: Date, log: SweepLogger): Promise<StepResult> {
  const rows = await repo.findClocksToRepair(ctx.kysely, batch);
  return eachItem(rows, 'repair', log, async (row) => {
    const changed = await ctx.kysely
      .transaction()
      .execute((tx) =>
        recomputeDecisionClocks(tx, row.organisationId, { applicationIds: [row.applicationId] }, now),
      );
    return changed.length > 0;
  });
}

/**
 * The last interview has ended: the application moves from interviewing to awaiting a decision, once
 * per last-interview end (`awaiting-decision:<application>:<end>`), so a manager who moves it back to
 * interviewing is not overruled until another interview has ended. Audited as the system.
 */
export async function moveEndedToAwaitingDecision(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const rows = await repo.findEndedInterviewing(ctx.kysely, now, batch);
  const keyOf = (r: (typeof rows)[number]) =>
    `awaiting-decision:${r.applicationId}:${r.lastInterviewEndedAt}`;
  const seen = await repo.existingNudgeKeys(ctx.kysely, rows.map(keyOf));
  const todo = rows.filter((r) => !seen.has(keyOf(r)));
  return eachItem(todo, 'awaiting_decision', log, (row) =>
    inTransaction(ctx, async (tx) => {
      const key = keyOf(row);
      const nudge = {
        key,
        organisationId: row.organisationId,
        kind: 'awaiting_decision' as const,
        applicationId: row.applicationId,
        subject: row.lastInterviewEndedAt,
      };
      if (!(await repo.claimNudge(tx, nudge, now))) return false;
      const moved = await updateApplicationStage(
        tx,
        row.organisationId,
        row.applicationId,
        'interviewing',
        'awaiting_decision',
        now,
      );
      if (!moved) return false;
      const { organisationId, applicationId, lastInterviewEndedAt } = row;
      await emitEvent(tx, organisationId, 'interview.ended', { applicationId, lastInterviewEndedAt }, now);
      const stage = { applicationId, from: 'interviewing', to: 'awaiting_decision' };
      await emitEvent(tx, organisationId, 'application.stage_changed', stage, now);
      await recordAudit(
        tx,
        row.organisationId,
        'system',
        {
          action: 'application.stage_changed',
          subjectType: 'application',
          subjectId: row.applicationId,
          detail: {
            from: 'interviewing',
            to: 'awaiting_decision',
            reason: 'last_interview_ended',
            lastInterviewEndedAt: row.lastInterviewEndedAt,
          },
        },
        now,
      );
      return true;
    }),
  );
}

/** The hiring manager, a working day before the deadline: `decision-reminder:<application>:<due date>`. */
export async function sendDecisionReminders(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const rows = await repo.findRemindersDue(ctx.kysely, now, batch);
  const settingsOf = settingsCache(ctx.kysely);
  return eachItem(rows, 'decision_reminder', log, async (row) => {
    const managerId = row.hiringManagerId!;
    const calendar = withClosures(row.calendar, (await settingsOf(row.organisationId)).closures);
    const dueOn = formatLocalDate(row.dueDate);
    const timeLeft = timeLeftText(calendar, now, new Date(row.dueAt));
    const key = `decision-reminder:${row.applicationId}:${row.dueDate}`;
    return inTransaction(ctx, async (tx) => {
      const nudge = {
        key,
        organisationId: row.organisationId,
        kind: 'decision_reminder' as const,
        applicationId: row.applicationId,
        subject: row.dueDate,
      };
      if (!(await repo.claimNudge(tx, nudge, now))) return false;
      const path = applicationPath(row.applicationId);
      await enqueue(tx, ctx, {
        organisationId: row.organisationId,
        idempotencyKey: key,
        template: 'decision_reminder',
        to: { kind: 'member', userId: managerId },
        applicationId: row.applicationId,
        send: 'team_hours',
        variables: { decision: { dueOn, timeLeft, url: appUrl(ctx, path) } },
        createdBy: 'system',
      });
      await insertNotification(
        tx,
        {
          organisationId: row.organisationId,
          userId: managerId,
          kind: 'decision_reminder',
          title: `Decision due ${dueOn}: ${row.candidateName}`,
          body: `The decision for ${row.candidateName} (${row.roleTitle}, ${row.venueName}) is due by ${dueOn}: ${timeLeft} from now. If it will take longer, send ${row.candidateName} a holding update with a new date.`,
          linkPath: path,
          dedupeKey: key,
        },
        now,
      );
      return true;
    });
  });
}

/** The organisation's admins, at the deadline: `escalation:<application>:<due date>` (per admin `…:<user>`). */
export async function escalateOverdueDecisions(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const rows = await repo.findEscalationsDue(ctx.kysely, now, batch);
  const settingsOf = settingsCache(ctx.kysely);
  return eachItem(rows, 'escalation', log, async (row) => {
    const calendar = withClosures(row.calendar, (await settingsOf(row.organisationId)).closures);
    const dueOn = formatLocalDate(row.dueDate);
    const overdueBy = overdueText(calendar, new Date(row.dueAt), now);
    const manager = row.hiringManagerName
      ? `The hiring manager is ${row.hiringManagerName}.`
      : 'The role has no hiring manager.';
    return inTransaction(ctx, (tx) =>
      escalateToAdmins(
        tx,
        ctx,
        {
          organisationId: row.organisationId,
          applicationId: row.applicationId,
          nudge: {
            key: `escalation:${row.applicationId}:${row.dueDate}`,
            kind: 'escalation',
            subject: row.dueDate,
          },
          decision: { dueOn, overdueBy },
          notification: {
            title: `Overdue decision: ${row.candidateName}`,
            body: `The decision for ${row.candidateName} (${row.roleTitle}, ${row.venueName}) was due ${dueOn} and has not been made. ${manager}`,
          },
        },
        now,
      ),
    );
  });
}

/**
 * Organisations with automatic holding updates: on the due date, at the opening of the sending window,
 * an undecided candidate is sent a holding update with a new date (automaticHoldingDate: half the
 * deadline again, rounded up). `automatic-holding-update:<application>:<due date>`.
 */
export async function sendAutomaticHoldingUpdates(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const rows = await repo.findAutomaticHoldingCandidates(ctx.kysely, now, batch);
  const settingsOf = settingsCache(ctx.kysely);
  const due: repo.ClockRow[] = [];
  for (const row of rows) {
    const calendar = withClosures(row.calendar, (await settingsOf(row.organisationId)).closures);
    const at = automaticHoldingUpdateAt(calendar, row.dueDate, new Date(row.lastInterviewEndedAt));
    if (at.getTime() <= now.getTime()) due.push(row);
  }
  return eachItem(due, 'automatic_holding_update', log, (row) =>
    inTransaction(ctx, async (tx) => {
      // Read again inside the transaction: the deadline may have moved or a decision been made.
      const [inputs] = await clockRepo.findClockInputs(tx, row.organisationId, {
        applicationIds: [row.applicationId],
      });
      if (!inputs || inputs.stored.dueDate !== row.dueDate) return false;
      if (!(clockRepo.undecidedStages as readonly string[]).includes(inputs.stage)) return false;
      const nudge = {
        key: `automatic-holding-update:${row.applicationId}:${row.dueDate}`,
        organisationId: row.organisationId,
        kind: 'automatic_holding_update' as const,
        applicationId: row.applicationId,
        subject: row.dueDate,
      };
      if (!(await repo.claimNudge(tx, nudge, now))) return false;
      const settings = await clockRepo.findClockSettings(tx, row.organisationId);
      const calendar = withClosures(inputs.calendar, settings.closures);
      const newDate = automaticHoldingDate(
        calendar,
        row.dueDate,
        now,
        decisionWorkingDays(inputs.roleWorkingDays, settings.workingDays),
      );
      const record = await applyHoldingUpdate(
        tx,
        ctx,
        {
          inputs,
          settings,
          candidateName: row.candidateName,
          newDate,
          reason: null,
          automatic: true,
          actor: 'system',
        },
        now,
      );
      if (!record) throw new NothingToDo();
      return true;
    }),
  );
}

/**
 * Interviewers, the next working morning after an interview ended without their submitted scorecard:
 * `scorecard-reminder:<interview>:<interviewer>`. Not for withdrawn or closed applications.
 */
export async function sendScorecardReminders(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const owed = await dueScorecardReminders(ctx.kysely, now, {
    endedSince: new Date(now.getTime() - scorecardLookbackMs),
  });
  const keyOf = (r: (typeof owed)[number]) => `scorecard-reminder:${r.interviewId}:${r.interviewerId}`;
  const seen = await repo.existingNudgeKeys(ctx.kysely, owed.map(keyOf));
  const open = owed.filter((r) => !seen.has(keyOf(r)));
  const facts = await repo.findInterviewFacts(ctx.kysely, [...new Set(open.map((r) => r.interviewId))]);
  const settingsOf = settingsCache(ctx.kysely);
  const due: {
    reminder: (typeof owed)[number];
    interview: repo.InterviewFacts;
    calendar: WorkingCalendar;
  }[] = [];
  for (const reminder of open) {
    const interview = facts.get(reminder.interviewId);
    if (!interview || interview.stage === 'withdrawn' || interview.stage === 'closed') continue;
    const calendar = withClosures(interview.calendar, (await settingsOf(interview.organisationId)).closures);
    if (nextWorkingMorning(calendar, new Date(interview.endsAt)).getTime() <= now.getTime()) {
      due.push({ reminder, interview, calendar });
    }
  }
  return eachItem(due.slice(0, batch), 'scorecard_reminder', log, ({ reminder, interview, calendar }) =>
    inTransaction(ctx, async (tx) => {
      const { organisationId, applicationId } = interview;
      const userId = reminder.interviewerId;
      if (!(await clockRepo.isMember(tx, organisationId, userId))) return false;
      const key = keyOf(reminder);
      const nudge = {
        key,
        organisationId,
        kind: 'scorecard_reminder' as const,
        applicationId,
        subject: `${reminder.interviewId}:${userId}`,
      };
      if (!(await repo.claimNudge(tx, nudge, now))) return false;
      const path = reminder.scorecardId
        ? `/scorecards/${reminder.scorecardId}`
        : applicationPath(applicationId);
      const date = formatLocalDate(localDateOf(new Date(interview.startsAt), calendar.timezone));
      await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: key,
        template: 'scorecard_reminder',
        to: { kind: 'member', userId },
        applicationId,
        send: 'team_hours',
        variables: { interview: { date }, scorecard: { url: appUrl(ctx, path) } },
        createdBy: 'system',
      });
      const candidate = (await findCandidateName(tx, organisationId, applicationId)) ?? 'the candidate';
      await insertNotification(
        tx,
        {
          organisationId,
          userId,
          kind: 'scorecard_reminder',
          title: `Scorecard needed: ${candidate}`,
          body: `Your scorecard for the interview on ${date} isn't in yet. The decision clock is running.`,
          linkPath: path,
          dedupeKey: key,
        },
        now,
      );
      return true;
    }),
  );
}

/**
 * Each hiring manager with decisions waiting, once a working day at the opening of the sending window
 * (on the calendar of the venue of their first role with one): `manager-digest:<org>:<user>:<local date>`.
 * Nothing is sent to a manager with nothing waiting when the window opened.
 */
export async function sendManagerDigests(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const rows = await repo.findRunningClocksWithManager(ctx.kysely, now);
  const groups = new Map<string, repo.ClockRow[]>();
  for (const row of rows) {
    const id = `${row.organisationId}:${row.hiringManagerId}`;
    const list = groups.get(id) ?? [];
    list.push(row);
    groups.set(id, list);
  }
  const settingsOf = settingsCache(ctx.kysely);
  const due: {
    key: string;
    today: string;
    items: repo.ClockRow[];
    calendar: WorkingCalendar;
    venueId: string;
  }[] = [];
  for (const all of groups.values()) {
    const first = [...all].sort((a, b) => a.roleId.localeCompare(b.roleId))[0]!;
    const calendar = withClosures(first.calendar, (await settingsOf(first.organisationId)).closures);
    const today = localDateOf(now, calendar.timezone);
    if (!isWorkingDay(calendar, today) || !isInSendingWindow(calendar, now)) continue;
    // The morning's digest: what was waiting when the window opened (sent later only if no sweep ran then).
    const opened = startOfLocalTime(today, defaultSendingWindow.start, calendar.timezone).getTime();
    const items = all.filter((i) => Date.parse(i.lastInterviewEndedAt) <= opened);
    if (items.length === 0) continue;
    due.push({
      key: `manager-digest:${first.organisationId}:${first.hiringManagerId}:${today}`,
      today,
      items,
      calendar,
      venueId: first.venueId,
    });
  }
  const seen = await repo.existingNudgeKeys(
    ctx.kysely,
    due.map((d) => d.key),
  );
  const todo = due.filter((d) => !seen.has(d.key));
  return eachItem(todo, 'manager_digest', log, ({ key, today, items, venueId }) =>
    inTransaction(ctx, async (tx) => {
      const { organisationId } = items[0]!;
      const managerId = items[0]!.hiringManagerId!;
      const nudge = {
        key,
        organisationId,
        kind: 'manager_digest' as const,
        subject: `${managerId}:${today}`,
      };
      if (!(await repo.claimNudge(tx, nudge, now))) return false;
      const overdue = items.filter((i) => Date.parse(i.dueAt) < now.getTime());
      const isDueToday = (i: repo.ClockRow) => i.dueDate === localDateOf(now, i.calendar.timezone);
      const dueToday = items.filter((i) => !overdue.includes(i) && isDueToday(i));
      const scorecardsMissing = await repo.countScorecardsMissingFor(tx, organisationId, managerId, now);
      const digestItems = items.slice(0, 25).map((i) => ({
        candidate: i.candidateName,
        role: i.roleTitle,
        status: overdue.includes(i) ? 'Overdue' : isDueToday(i) ? 'Due today' : 'Decision due',
        dueOn: formatLocalDate(i.dueDate),
        url: appUrl(ctx, applicationPath(i.applicationId)),
      }));
      const counts = {
        awaitingDecision: items.length,
        dueToday: dueToday.length,
        overdue: overdue.length,
        scorecardsMissing,
      };
      await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: key,
        template: 'manager_digest',
        to: { kind: 'member', userId: managerId },
        venueId,
        send: 'window',
        variables: {
          digest: { date: formatLocalDate(today), url: appUrl(ctx, '/'), counts, items: digestItems },
        },
        createdBy: 'system',
      });
      await insertNotification(
        tx,
        {
          organisationId,
          userId: managerId,
          kind: 'manager_digest',
          title: `Your hiring day: ${counts.dueToday} due today, ${counts.overdue} overdue`,
          body: `${counts.awaitingDecision} decision${counts.awaitingDecision === 1 ? '' : 's'} waiting for you, ${counts.scorecardsMissing} scorecard${counts.scorecardsMissing === 1 ? '' : 's'} missing.`,
          linkPath: '/',
          dedupeKey: key,
        },
        now,
      );
      return true;
    }),
  );
}
