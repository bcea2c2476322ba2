import type { AppContext } from '../../app-context.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import * as repo from './notifications.repository.ts';
import type { Notification, NotificationListQuery, NotificationPage } from './notifications.schema.ts';

/** Notifications belong to a signed-in member; an API key has none. */
function memberOf(actor: Actor): { organisationId: string; userId: string } {
  if (actor.kind !== 'member') {
    throw new AppError('forbidden', 'Notifications belong to a signed-in member; an API key has none');
  }
  return { organisationId: actor.organisationId, userId: actor.userId };
}

export function notificationService(ctx: AppContext) {
  return {
    list(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
      const { organisationId, userId } = memberOf(actor);
      let after: ReturnType<typeof repo.parseNotificationCursor>;
      if (query.cursor) {
        after = repo.parseNotificationCursor(query.cursor);
        if (!after) throw invalidField('cursor', 'is not a cursor from this list (use nextCursor)');
      }
      return repo.listNotifications(ctx.kysely, organisationId, userId, query, after);
    },
    async read(actor: Actor, id: string): Promise<Notification> {
      const { organisationId, userId } = memberOf(actor);
      const notification = await repo.markRead(ctx.kysely, organisationId, userId, id, ctx.now());
      if (!notification) throw notFound('Notification');
      return notification;
    },
    async unread(actor: Actor, id: string): Promise<Notification> {
      const { organisationId, userId } = memberOf(actor);
      const notification = await repo.markUnread(ctx.kysely, organisationId, userId, id);
      if (!notification) throw notFound('Notification');
      return notification;
    },
    async readAll(actor: Actor): Promise<{ marked: number }> {
      const { organisationId, userId } = memberOf(actor);
      return { marked: await repo.markAllRead(ctx.kysely, organisationId, userId, ctx.now()) };
    },
  };
}
