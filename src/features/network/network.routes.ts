import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { idSchema, pageQuery } from '../common.schema.ts';
import { jobSchema } from '../jobs/jobs.schema.ts';
import {
  futureFitCreateSchema,
  futureFitSchema,
  networkListQuery,
  networkMatchesSchema,
  networkMembershipSchema,
  networkPageSchema,
  opportunitiesCreateSchema,
  opportunityPreviewSchema,
  reengagePageSchema,
} from './network.schema.ts';
import { networkService } from './network.service.ts';
import { matchRole, previewOpportunities, startOpportunities } from './network-opportunities.ts';

const matchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  skills: z.string().max(500).optional().describe('Skills the role asks for, comma-separated'),
  kind: z.enum(['permanent', 'casual']).default('permanent').describe('casual: rank the casual-crew bench'),
});

export function networkRoutes(app: ApiApp, ctx: AppContext): void {
  const network = networkService(ctx);
  const tags = ['talent network'];
  const access = { access: { roles: canManageHiring } };

  app.get(
    '/api/v1/network',
    {
      config: access,
      schema: {
        tags,
        summary: 'List talent-network members with consent, assessment, skills, availability and future fit',
        querystring: networkListQuery,
        response: { 200: networkPageSchema, ...errorResponses },
      },
    },
    async (request) => network.list(actorOf(request).organisationId, request.query),
  );

  app.get(
    '/api/v1/network/re-engage',
    {
      config: access,
      schema: {
        tags,
        summary: 'Future-fit candidates whose re-engage date has come',
        querystring: pageQuery,
        response: { 200: reengagePageSchema, ...errorResponses },
      },
    },
    async (request) => network.reengage(actorOf(request).organisationId, request.query),
  );

  app.get(
    '/api/v1/network/:candidateId',
    {
      config: access,
      schema: {
        tags,
        summary: "A candidate's talent-network membership, consents and history",
        params: z.object({ candidateId: idSchema }),
        response: { 200: networkMembershipSchema, ...errorResponses },
      },
    },
    async (request) => network.membership(actorOf(request).organisationId, request.params.candidateId),
  );

  app.post(
    '/api/v1/candidates/:id/future-fit',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Mark a candidate a future fit for a kind of role after some development, with a re-engage date',
        params: idParams,
        body: futureFitCreateSchema,
        response: { 201: futureFitSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .code(201)
        .send(await network.markFutureFit(actor.organisationId, request.params.id, request.body, actor));
    },
  );

  app.get(
    '/api/v1/roles/:id/network-matches',
    {
      config: access,
      schema: {
        tags,
        summary: 'Talent-network members ranked by fit for the role, with the reasons',
        params: idParams,
        querystring: matchQuery,
        response: { 200: networkMatchesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const skills = (request.query.skills ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const data = await matchRole(ctx, actor.organisationId, request.params.id, {
        limit: request.query.limit,
        skills,
        kind: request.query.kind,
      });
      return { roleId: request.params.id, data };
    },
  );

  app.post(
    '/api/v1/roles/:id/opportunities/preview',
    {
      config: access,
      schema: {
        tags,
        summary: "Preview each chosen member's opportunity email, or why it cannot go",
        params: idParams,
        body: opportunitiesCreateSchema,
        response: { 200: opportunityPreviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      previewOpportunities(ctx, actorOf(request).organisationId, request.params.id, request.body),
  );

  app.post(
    '/api/v1/roles/:id/opportunities',
    {
      config: access,
      schema: {
        tags,
        summary: 'Send the role to chosen members as a background job (one email per member per role)',
        params: idParams,
        body: opportunitiesCreateSchema,
        response: { 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .code(202)
        .send(await startOpportunities(ctx, actor.organisationId, request.params.id, request.body, actor));
    },
  );
}
