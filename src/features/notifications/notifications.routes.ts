import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { everyMember } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  notificationListQuery,
  notificationPageSchema,
  notificationSchema,
  readAllResultSchema,
} from './notifications.schema.ts';
import { notificationService } from './notifications.service.ts';

export function notificationRoutes(app: ApiApp, ctx: AppContext): void {
  const notifications = notificationService(ctx);
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Your notifications, unread first, newest first within each',
        querystring: notificationListQuery,
        response: { 200: notificationPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return notifications.list(actor, request.query);
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: idParams,
        response: { 200: notificationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return notifications.read(actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/notifications/:id/unread',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Mark one of your notifications unread again, to come back to it',
        params: idParams,
        response: { 200: notificationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return notifications.unread(actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 200: readAllResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return notifications.readAll(actor);
    },
  );
}
