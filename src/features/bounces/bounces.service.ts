// Bounces: "told" has to mean the email arrived. A hard bounce of a sent message marks it failed; an
// outcome email that bounced puts its application back to tell, and the hiring manager hears of it.
import type { AppContext } from '../../app-context.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { undoToldByEmail } from '../closure/closure.repository.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import * as repo from './bounces.repository.ts';

export interface BounceEvent {
  provider: 'mailgun' | 'postmark' | 'ses' | 'sendgrid' | 'imap';
  /** The provider's id for this event: the same event delivered twice counts once. */
  providerEventId: string;
  /** Our outbox message's id, as the provider handed it back. */
  messageId: string;
  kind: 'hard' | 'soft' | 'complaint';
  detail: string | null;
}

export type BounceOutcome = 'recorded' | 'duplicate' | 'unknown_message';

export function bounceService(ctx: AppContext) {
  return {
    async record(event: BounceEvent): Promise<BounceOutcome> {
      const message = await repo.findMessageForBounce(ctx.kysely, event.messageId);
      if (!message) return 'unknown_message';
      const now = ctx.now();
      const organisationId = message.organisationId;
      return ctx.kysely.transaction().execute(async (tx) => {
        const fresh = await repo.insertBounce(tx, { ...event, organisationId }, now);
        if (!fresh) return 'duplicate';
        // A soft bounce is retried by the provider; a complaint did arrive. Only a hard bounce undoes "told".
        if (event.kind !== 'hard' || message.status !== 'sent') return 'recorded';
        const detail = event.detail ?? 'the recipient’s mail server refused it';
        await repo.markMessageBounced(tx, organisationId, message.id, detail, now);
        await recordAudit(
          tx,
          organisationId,
          'system',
          {
            action: 'message.bounced',
            subjectType: 'message',
            subjectId: message.id,
            detail: { provider: event.provider, template: message.templateKey },
          },
          now,
        );
        if (!message.applicationId) return 'recorded';
        const untold = await undoToldByEmail(
          tx,
          organisationId,
          message.applicationId,
          message.templateKey,
          now,
        );
        const about = await repo.findBounceRecipients(tx, organisationId, message.applicationId);
        if (!about) return 'recorded';
        for (const userId of about.userIds) {
          await insertNotification(
            tx,
            {
              organisationId,
              userId,
              kind: 'message_bounced',
              title: `An email to ${about.candidateName} did not arrive`,
              body: untold
                ? `${about.candidateName} (${about.roleTitle}) has not been told: their address refused the email (${detail}). Check the address, then send it again or tell them another way.`
                : `Their address refused the email (${detail}). Check the address on the candidate's profile.`,
              linkPath: `/applications/${message.applicationId}`,
              dedupeKey: `message-bounced:${message.id}:${userId}`,
            },
            now,
          );
        }
        return 'recorded';
      });
    },
  };
}
