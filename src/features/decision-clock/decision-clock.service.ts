// The decision clock's use cases: recomputing stored deadlines (inside the transaction of the change that
// moves them), the organisation's settings, holding updates (by a manager or by the sweep) and escalation
// to the organisation's admins.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { endOfLocalDay, type WorkingCalendar, workingDaysBetween } from '../../domain/calendar.ts';
import {
  type Closure,
  computeDecisionClock,
  type DecisionClock,
  decisionWorkingDays,
  formatLocalDate,
  holdingDateProblem,
} from '../../domain/decision-clock.ts';
import { stageLabels } from '../../domain/lifecycle.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { findApplicationStage } from '../applications/applications.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCandidateName } from '../feedback/feedback.repository.ts';
import { jobQueued } from '../jobs/jobs.service.ts';
import { enqueue } from '../messages/outbox.ts';
import { insertNotification, type NewNotification } from '../notifications/notifications.repository.ts';
import { startRollupRebuild } from '../reputation/rollup-job.ts';
import * as repo from './decision-clock.repository.ts';
import type {
  DecisionClockSettings,
  DecisionClockSettingsUpdate,
  HoldingUpdate,
  HoldingUpdateCreate,
} from './decision-clock.schema.ts';
import { assertHoldingReason } from './holding-reason.ts';
import { claimNudge, type NudgeKind } from './nudges.repository.ts';

/** What the decision clock's writers need: configuration (links in emails) and the clock. */
export type ClockContext = Pick<AppContext, 'config' | 'now'>;

export const applicationPath = (id: string) => `/applications/${id}`;
export const appUrl = (ctx: ClockContext, path: string) => `${ctx.config.publicUrl}${path}`;

/** What the candidate reads after "We need a little longer:" when the manager gives no reason. */
export const defaultHoldingReason =
  "we're still bringing together everyone's views and we want to get the decision right.";

/** The venue's calendar with the organisation's closure days. */
export function withClosures(calendar: WorkingCalendar, closures: readonly Closure[]): WorkingCalendar {
  return { ...calendar, closures: closures.map((c) => c.date) };
}

function toStored(clock: DecisionClock): repo.StoredClock {
  return {
    lastInterviewEndedAt: clock.lastInterviewEnd?.toISOString() ?? null,
    dueDate: clock.dueDate,
    dueAt: clock.dueAt?.toISOString() ?? null,
    remindAt: clock.remindAt?.toISOString() ?? null,
  };
}

function sameClock(a: repo.StoredClock, b: repo.StoredClock): boolean {
  return (
    a.lastInterviewEndedAt === b.lastInterviewEndedAt &&
    a.dueDate === b.dueDate &&
    a.dueAt === b.dueAt &&
    a.remindAt === b.remindAt
  );
}

/** The clock an application's inputs give, on the organisation's settings. */
export function clockOf(
  inputs: repo.ClockInputs,
  settings: repo.OrganisationClockSettings,
  promisedDate: string | null = inputs.promisedDate,
): DecisionClock {
  return computeDecisionClock({
    calendar: withClosures(inputs.calendar, settings.closures),
    lastInterviewEnd: inputs.lastInterviewEnd ? new Date(inputs.lastInterviewEnd) : null,
    workingDays: decisionWorkingDays(inputs.roleWorkingDays, settings.workingDays),
    promisedDate,
  });
}

/**
 * Recomputes and stores the clocks of the organisation's applications in scope (those whose clock still
 * follows their interviews: applied, interviewing, awaiting a decision). Call it inside the transaction
 * of the change that moves them. Returns the ids whose clock changed.
 */
export async function recomputeDecisionClocks(
  tx: Kysely<Database>,
  organisationId: string,
  scope: repo.ClockScope,
  now: Date,
): Promise<string[]> {
  const all = await repo.findClockInputs(tx, organisationId, scope);
  if (all.length === 0) return [];
  const settings = await repo.findClockSettings(tx, organisationId);
  const changed: string[] = [];
  for (const inputs of all) {
    const clock = toStored(clockOf(inputs, settings));
    if (sameClock(clock, inputs.stored)) continue;
    await repo.writeClock(tx, organisationId, inputs.id, clock, now);
    changed.push(inputs.id);
  }
  return changed;
}

export interface Escalation {
  organisationId: string;
  applicationId: string;
  nudge: { key: string; kind: NudgeKind; subject: string };
  decision: { dueOn: string; overdueBy: string };
  notification: { title: string; body: string };
}

/**
 * Tells every admin of the organisation (email and in-app), once per nudge key, inside `tx`. Each admin's
 * email and notification are keyed `<nudge key>:<admin user id>`. False when it had already happened.
 */
export async function escalateToAdmins(
  tx: Kysely<Database>,
  ctx: ClockContext,
  escalation: Escalation,
  now: Date,
): Promise<boolean> {
  const { organisationId, applicationId } = escalation;
  const claimed = await claimNudge(tx, { organisationId, applicationId, ...escalation.nudge }, now);
  if (!claimed) return false;
  const path = applicationPath(applicationId);
  for (const userId of await repo.findAdminUserIds(tx, organisationId)) {
    const key = `${escalation.nudge.key}:${userId}`;
    await enqueue(tx, ctx, {
      organisationId,
      idempotencyKey: key,
      template: 'escalation',
      to: { kind: 'member', userId },
      applicationId,
      // Urgent: a candidate is past their deadline, so admins hear at once, whatever the hour.
      send: 'now',
      variables: { decision: { ...escalation.decision, url: appUrl(ctx, path) } },
      createdBy: 'system',
    });
    await insertNotification(
      tx,
      {
        organisationId,
        userId,
        kind: 'escalation',
        linkPath: path,
        dedupeKey: key,
        ...escalation.notification,
      },
      now,
    );
  }
  return true;
}

export interface HoldingUpdateInput {
  inputs: repo.ClockInputs;
  settings: repo.OrganisationClockSettings;
  candidateName: string;
  newDate: string;
  reason: string | null;
  automatic: boolean;
  actor: Actor | 'system';
}

function createdByOf(actor: Actor | 'system'): string | null {
  if (actor === 'system') return null;
  return actor.kind === 'member' ? `member:${actor.userId}` : `api_key:${actor.apiKeyId}`;
}

/**
 * Sends the candidate a holding update with a new date and moves the deadline to the end of that date,
 * recording the slip, inside `tx`. From the second slip on, the organisation's admins are told.
 * Undefined when the application was decided or slipped by someone else meanwhile.
 */
export async function applyHoldingUpdate(
  tx: Kysely<Database>,
  ctx: ClockContext,
  input: HoldingUpdateInput,
  now: Date,
): Promise<HoldingUpdate | undefined> {
  const { inputs, settings, newDate } = input;
  const organisationId = inputs.organisationId;
  const fromDueDate = inputs.stored.dueDate;
  if (!fromDueDate) return undefined;
  const number = inputs.slips + 1;
  const clock = toStored(clockOf(inputs, settings, newDate));
  const written = await repo.writeSlip(
    tx,
    organisationId,
    inputs.id,
    { expectSlips: inputs.slips, promisedDate: newDate, clock },
    now,
  );
  if (!written) return undefined;

  const message = await enqueue(tx, ctx, {
    organisationId,
    idempotencyKey: `holding-update:${inputs.id}:${number}`,
    template: 'holding_update',
    applicationId: inputs.id,
    variables: {
      update: { newDate: formatLocalDate(newDate), reason: input.reason ?? defaultHoldingReason },
    },
    createdBy: input.actor,
  });
  const record: HoldingUpdate = {
    id: newId(now.getTime()),
    applicationId: inputs.id,
    number,
    fromDueDate,
    toDueDate: newDate,
    automatic: input.automatic,
    reason: input.reason,
    messageId: message.id,
    createdAt: now.toISOString(),
  };
  await repo.insertSlipRecord(tx, organisationId, { ...record, createdBy: createdByOf(input.actor) }, now);
  await recordAudit(
    tx,
    organisationId,
    input.actor,
    {
      action: 'application.holding_update_sent',
      subjectType: 'application',
      subjectId: inputs.id,
      detail: { number, fromDueDate, toDueDate: newDate, automatic: input.automatic, messageId: message.id },
    },
    now,
  );

  const path = applicationPath(inputs.id);
  if (
    input.automatic &&
    inputs.hiringManagerId &&
    (await repo.isMember(tx, organisationId, inputs.hiringManagerId))
  ) {
    const notification: NewNotification = {
      organisationId,
      userId: inputs.hiringManagerId,
      kind: 'holding_update',
      title: `Holding update sent to ${input.candidateName}`,
      body: `No decision by ${formatLocalDate(fromDueDate)}, so ${input.candidateName} was sent a holding update: they will hear by ${formatLocalDate(newDate)}.`,
      linkPath: path,
      dedupeKey: `holding-update:${inputs.id}:${number}:${inputs.hiringManagerId}`,
    };
    await insertNotification(tx, notification, now);
  }

  if (number >= 2) {
    const slips = await repo.listSlips(tx, organisationId, inputs.id);
    const firstDue = slips[0]?.fromDueDate ?? fromDueDate;
    const calendar = withClosures(inputs.calendar, settings.closures);
    const firstDueAt = endOfLocalDay(firstDue, calendar.timezone);
    const late = workingDaysBetween(calendar, firstDueAt, now);
    await escalateToAdmins(
      tx,
      ctx,
      {
        organisationId,
        applicationId: inputs.id,
        nudge: {
          key: `slip-escalation:${inputs.id}:${number}`,
          kind: 'slip_escalation',
          subject: String(number),
        },
        decision: {
          dueOn: formatLocalDate(firstDue),
          overdueBy: `${late} working day${late === 1 ? '' : 's'}`,
        },
        notification: {
          title: `Decision slipped ${number} times: ${input.candidateName}`,
          body: `The decision for ${input.candidateName} (${inputs.venueName}) was first due ${formatLocalDate(firstDue)} and has now been put back ${number} times, to ${formatLocalDate(newDate)}.`,
        },
      },
      now,
    );
  }
  return record;
}

function presentSettings(settings: repo.OrganisationClockSettings): DecisionClockSettings {
  return {
    workingDays: settings.workingDays,
    closures: settings.closures,
    automaticHoldingUpdates: settings.automaticHoldingUpdates,
    updatedAt: settings.updatedAt,
  };
}

export function decisionClockService(ctx: AppContext) {
  return {
    async getSettings(organisationId: string): Promise<DecisionClockSettings> {
      return presentSettings(await repo.findClockSettings(ctx.kysely, organisationId));
    },

    /** Saves the settings and recomputes every open deadline of the organisation, in one transaction. */
    async updateSettings(
      organisationId: string,
      input: DecisionClockSettingsUpdate,
      actor: Actor,
    ): Promise<DecisionClockSettings> {
      const now = ctx.now();
      const saved = await ctx.kysely.transaction().execute(async (tx) => {
        const before = await repo.findClockSettings(tx, organisationId);
        const after = {
          workingDays: input.workingDays ?? before.workingDays,
          automaticHoldingUpdates: input.automaticHoldingUpdates ?? before.automaticHoldingUpdates,
        };
        const closures = input.closures
          ? [...input.closures].sort((a, b) => a.date.localeCompare(b.date))
          : undefined;
        await repo.saveClockSettings(tx, organisationId, after, closures, createdByOf(actor), now);
        const moved = await recomputeDecisionClocks(tx, organisationId, { organisation: true }, now);
        // Closure days move the working days to tell of past months: the rollup is recounted.
        if (closures) await startRollupRebuild(tx, organisationId, 'closure_days', actor, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'settings.decision_clock_changed',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: {
              before: {
                workingDays: before.workingDays,
                automaticHoldingUpdates: before.automaticHoldingUpdates,
                closures: before.closures.map((c) => c.date),
              },
              after: {
                ...after,
                closures: (closures ?? before.closures).map((c) => c.date),
              },
              deadlinesMoved: moved.length,
            },
          },
          now,
        );
        return presentSettings(await repo.findClockSettings(tx, organisationId));
      });
      jobQueued();
      return saved;
    },

    /** A manager tells the candidate the decision will take longer, with a new date. */
    async sendHoldingUpdate(
      organisationId: string,
      applicationId: string,
      input: HoldingUpdateCreate,
      actor: Actor,
    ): Promise<HoldingUpdate> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const stage = await findApplicationStage(tx, organisationId, applicationId);
        if (!stage) throw notFound('Application');
        const [inputs] = await repo.findClockInputs(tx, organisationId, { applicationIds: [applicationId] });
        if (!inputs || !(repo.undecidedStages as readonly string[]).includes(stage)) {
          throw new AppError(
            'conflict',
            `A holding update is for a candidate still waiting for a decision, and this application is ${stageLabels[stage].toLowerCase()}`,
          );
        }
        const ended =
          inputs.lastInterviewEnd !== null && Date.parse(inputs.lastInterviewEnd) <= now.getTime();
        if (!ended || !inputs.stored.dueDate) {
          throw new AppError(
            'conflict',
            'The decision clock has not started: it starts when the last interview has ended',
          );
        }
        const settings = await repo.findClockSettings(tx, organisationId);
        const problem = holdingDateProblem(
          withClosures(inputs.calendar, settings.closures),
          settings.closures,
          input.newDate,
          now,
          inputs.stored.dueDate,
        );
        if (problem) throw invalidField('newDate', problem);
        if (input.message) await assertHoldingReason(tx, organisationId, applicationId, input.message);
        const record = await applyHoldingUpdate(
          tx,
          ctx,
          {
            inputs,
            settings,
            candidateName: (await findCandidateName(tx, organisationId, applicationId)) ?? 'the candidate',
            newDate: input.newDate,
            reason: input.message,
            automatic: false,
            actor,
          },
          now,
        );
        if (!record) {
          throw new AppError('conflict', 'This application has just changed: reload it and try again');
        }
        return record;
      });
    },

    async listHoldingUpdates(organisationId: string, applicationId: string): Promise<HoldingUpdate[]> {
      if (!(await findApplicationStage(ctx.kysely, organisationId, applicationId))) {
        throw notFound('Application');
      }
      return repo.listSlips(ctx.kysely, organisationId, applicationId);
    },
  };
}
