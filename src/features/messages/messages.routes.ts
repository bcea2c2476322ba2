import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { messageDetailSchema, messageListQuery, messagePageSchema } from './messages.schema.ts';
import { messageService } from './messages.service.ts';

export function messageRoutes(app: ApiApp, ctx: AppContext): void {
  const messages = messageService(ctx);
  const tags = ['messages'];

  app.get(
    '/api/v1/messages',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'List messages in the outbox, newest first',
        description:
          'Every email to a candidate or member. `held` messages wait for SMTP to be configured; `queued` ones wait for their time (candidate emails go out in the venue’s working hours).',
        querystring: messageListQuery,
        response: { 200: messagePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return messages.list(actor.organisationId, request.query);
    },
  );

  app.get(
    '/api/v1/messages/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Read a message, with its subject, HTML and text as sent',
        params: idParams,
        response: { 200: messageDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return messages.get(actor.organisationId, request.params.id);
    },
  );

  app.post(
    '/api/v1/messages/:id/cancel',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Cancel a message that has not been sent yet',
        description:
          'Held and queued messages (a delayed send included) can be cancelled; 409 once it is sending.',
        params: idParams,
        response: { 200: messageDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return messages.cancel(actor.organisationId, request.params.id, actor);
    },
  );

  app.post(
    '/api/v1/messages/:id/retry',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Send a failed message again',
        params: idParams,
        response: { 200: messageDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return messages.retry(actor.organisationId, request.params.id, actor);
    },
  );
}
