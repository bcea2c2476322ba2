import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import {
  applicationCreateSchema,
  applicationListQuery,
  applicationPageSchema,
  applicationSchema,
  applicationUpdatedSchema,
  applicationUpdateSchema,
} from './applications.schema.ts';
import { applicationService } from './applications.service.ts';

export function applicationRoutes(app: ApiApp, ctx: AppContext): void {
  const applications = applicationService(ctx);
  const tags = ['applications'];

  app.get(
    '/api/v1/applications',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List applications, or a queue by deadline (view=needs-decision or overdue)',
        querystring: applicationListQuery,
        response: { 200: applicationPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return applications.list(actor.organisationId, request.query, actor);
    },
  );

  app.post(
    '/api/v1/applications',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Add a candidate to an open role',
        body: applicationCreateSchema,
        response: { 201: applicationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await applications.create(actor.organisationId, request.body));
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read an application',
        params: idParams,
        response: { 200: applicationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return applications.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/applications/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Move an application to its next stage (not to closed: closure records how they were told)',
        description:
          'A stage-only move to an outcome (offer, hired, offer declined, not progressing, withdrawn) sends no email: the response has `toTell: true` and the application waits in the to-tell queue (`GET /api/v1/applications?toTell=true`, the "To tell" tab of Decisions) until the candidate is told, by the decision email or a call or meeting logged with `POST /api/v1/applications/{id}/told`. Send `tell: true` (with `note`, `message` or `sendAt` as the decision takes) to move and tell in one step, exactly as `POST /api/v1/applications/{id}/decision` does; `tell: true` on an application already at that outcome and still to tell sends its email.',
        params: idParams,
        body: applicationUpdateSchema,
        response: { 200: applicationUpdatedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return applications.update(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.delete(
    '/api/v1/applications/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Delete an application entered by mistake, with its interviews',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await applications.remove(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );
}
