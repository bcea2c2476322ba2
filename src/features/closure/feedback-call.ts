// The hiring manager's invitation to the feedback call a candidate asked for: an email with a
// calendar invitation, written in one transaction with its audit entry.
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { findApplicationTimezone } from './closure.repository.ts';
import type { FeedbackCallInvite } from './closure.schema.ts';

/** "Thursday 3 December 2026, 14:00–14:30" in the venue's time zone. */
export function callWhen(start: Date, end: Date, timezone: string): string {
  const from = DateTime.fromJSDate(start, { zone: timezone }).setLocale('en-GB');
  const to = DateTime.fromJSDate(end, { zone: timezone });
  return `${from.toFormat('cccc d LLLL yyyy, HH:mm')}–${to.toFormat('HH:mm')}`;
}

export async function inviteToFeedbackCall(
  ctx: AppContext,
  organisationId: string,
  applicationId: string,
  input: FeedbackCallInvite,
  actor: Actor,
): Promise<{ messageId: string }> {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (start.getTime() <= ctx.now().getTime()) throw invalidField('startsAt', 'must be in the future');
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes <= 0 || minutes > 120)
    throw invalidField('endsAt', 'must be after the start and within 2 hours');
  return ctx.kysely.transaction().execute(async (tx) => {
    const timezone = await findApplicationTimezone(tx, organisationId, applicationId);
    if (!timezone) throw notFound('Application');
    const sent = await enqueue(tx, ctx, {
      organisationId,
      // Each invitation is its own email: a new time is a new invitation.
      idempotencyKey: `feedback-call:${applicationId}:${newId()}`,
      template: 'feedback_call',
      variables: {
        call: {
          when: callWhen(start, end, timezone),
          location: input.location,
          message: input.message ?? '',
        },
      },
      applicationId,
      send: 'now',
      calendarInvite: {
        uid: `feedback-call:${applicationId}`,
        title: 'Feedback call',
        location: input.location,
        start,
        end,
      },
      createdBy: actor,
    });
    await recordAudit(
      tx,
      organisationId,
      actor,
      {
        action: 'feedback_call.invited',
        subjectType: 'application',
        subjectId: applicationId,
        detail: { startsAt: input.startsAt, messageId: sent.id },
      },
      ctx.now(),
    );
    return { messageId: sent.id };
  });
}
