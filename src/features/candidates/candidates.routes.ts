import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import {
  candidateCreateSchema,
  candidateListQuery,
  candidatePageSchema,
  candidateSchema,
  candidateUpdateSchema,
} from './candidates.schema.ts';
import { candidateService } from './candidates.service.ts';

export function candidateRoutes(app: ApiApp, ctx: AppContext): void {
  const candidates = candidateService(ctx);
  const tags = ['candidates'];

  app.get(
    '/api/v1/candidates',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List candidates',
        querystring: candidateListQuery,
        response: { 200: candidatePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return candidates.list(actor.organisationId, request.query);
    },
  );

  app.post(
    '/api/v1/candidates',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Add a candidate',
        body: candidateCreateSchema,
        response: { 201: candidateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await candidates.create(actor.organisationId, request.body));
    },
  );

  app.get(
    '/api/v1/candidates/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read a candidate',
        params: idParams,
        response: { 200: candidateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return candidates.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/candidates/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Update a candidate',
        params: idParams,
        body: candidateUpdateSchema,
        response: { 200: candidateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return candidates.update(actor.organisationId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/candidates/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Erase a candidate: anonymised at once, their figures kept without them (409 on legal hold)',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await candidates.erase(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );
}
