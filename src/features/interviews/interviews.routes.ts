import type { AppContext } from '../../app-context.ts';
import { anyMember, authenticate, canManageHiring, requireRole } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent, security } from '../../http/types.ts';
import {
  interviewCreateSchema,
  interviewListQuery,
  interviewPageSchema,
  interviewSchema,
  interviewUpdateSchema,
} from './interviews.schema.ts';
import { interviewService } from './interviews.service.ts';

export function interviewRoutes(app: ApiApp, ctx: AppContext): void {
  const interviews = interviewService(ctx);
  const tags = ['interviews'];

  app.get(
    '/api/v1/interviews',
    {
      schema: {
        tags,
        security,
        summary: 'List interviews',
        querystring: interviewListQuery,
        response: { 200: interviewPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, anyMember);
      return interviews.list(actor.organisationId, request.query, actor);
    },
  );

  app.post(
    '/api/v1/interviews',
    {
      schema: {
        tags,
        security,
        summary: "Arrange an interview (the application's first moves it to interviewing)",
        body: interviewCreateSchema,
        response: { 201: interviewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, canManageHiring);
      return reply.code(201).send(await interviews.create(actor.organisationId, request.body, actor));
    },
  );

  app.get(
    '/api/v1/interviews/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Read an interview',
        params: idParams,
        response: { 200: interviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, anyMember);
      return interviews.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/interviews/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change an interview (interviewerIds replaces the whole set)',
        params: idParams,
        body: interviewUpdateSchema,
        response: { 200: interviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, canManageHiring);
      return interviews.update(actor.organisationId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/interviews/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete an interview',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, canManageHiring);
      await interviews.remove(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );
}
