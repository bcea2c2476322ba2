import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
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
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List interviews',
        querystring: interviewListQuery,
        response: { 200: interviewPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return interviews.list(actor.organisationId, request.query, actor);
    },
  );

  app.post(
    '/api/v1/interviews',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: "Arrange an interview (the application's first moves it to interviewing)",
        body: interviewCreateSchema,
        response: { 201: interviewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await interviews.create(actor.organisationId, request.body, actor));
    },
  );

  app.get(
    '/api/v1/interviews/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read an interview',
        params: idParams,
        response: { 200: interviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return interviews.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/interviews/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Change an interview (interviewerIds replaces the whole set)',
        params: idParams,
        body: interviewUpdateSchema,
        response: { 200: interviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return interviews.update(actor.organisationId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/interviews/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Delete an interview',
        description:
          'Deletes the interview and any draft scorecards for it (the audit log records how many). Refused with 409 once a scorecard for it has been submitted: the evidence behind a decision is kept.',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await interviews.remove(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );
}
