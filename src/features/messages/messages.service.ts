import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import * as repo from './messages.repository.ts';
import type { Message, MessageDetail, MessageListQuery, MessageStatus } from './messages.schema.ts';

const cannotCancel: Record<MessageStatus, string> = {
  held: '',
  queued: '',
  sending: 'This message is being sent right now and can no longer be cancelled',
  sent: 'This message has already been sent',
  failed: 'This message failed and will not be sent: there is nothing to cancel',
  cancelled: 'This message is already cancelled',
};

export function messageService(ctx: AppContext) {
  async function get(organisationId: string, id: string): Promise<MessageDetail> {
    return (await repo.findMessage(ctx.kysely, organisationId, id)) ?? Promise.reject(notFound('Message'));
  }

  return {
    list(organisationId: string, query: MessageListQuery): Promise<Page<Message>> {
      return repo.listMessages(ctx.kysely, organisationId, query);
    },
    get,

    /** Stops a message that has not left yet (held, or queued — a delayed send included). */
    async cancel(organisationId: string, id: string, actor: Actor): Promise<MessageDetail> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const message = await repo.findMessage(tx, organisationId, id);
        if (!message) throw notFound('Message');
        if (!(await repo.cancelMessage(tx, organisationId, id, now))) {
          // The worker may have claimed it since it was read.
          const current = (await repo.findMessage(tx, organisationId, id)) ?? message;
          throw new AppError(
            'conflict',
            cannotCancel[current.status] || 'This message can no longer be cancelled',
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'message.cancelled',
            subjectType: 'message',
            subjectId: id,
            detail: { templateKey: message.templateKey, to: message.recipient.email },
          },
          now,
        );
      });
      return get(organisationId, id);
    },

    /** Sends a failed message again, from now, with a fresh count of attempts. */
    async retry(organisationId: string, id: string, actor: Actor): Promise<MessageDetail> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const message = await repo.findMessage(tx, organisationId, id);
        if (!message) throw notFound('Message');
        const status = ctx.config.smtpUrl ? 'queued' : 'held';
        if (!(await repo.retryMessage(tx, organisationId, id, status, now))) {
          throw new AppError(
            'conflict',
            `Only a failed message can be retried; this one is ${message.status}`,
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'message.retried',
            subjectType: 'message',
            subjectId: id,
            detail: { templateKey: message.templateKey, lastError: message.lastError },
          },
          now,
        );
      });
      return get(organisationId, id);
    },
  };
}
export type MessageService = ReturnType<typeof messageService>;
