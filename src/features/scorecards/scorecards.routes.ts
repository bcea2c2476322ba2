import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, everyMember } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  applicationSummarySchema,
  scorecardAmendSchema,
  scorecardCompletionSchema,
  scorecardContentSchema,
  scorecardCreateSchema,
  scorecardDetailSchema,
  scorecardListQuery,
  scorecardPageSchema,
  scorecardSchema,
} from './scorecards.schema.ts';
import { scorecardService } from './scorecards.service.ts';

export function scorecardRoutes(app: ApiApp, ctx: AppContext): void {
  const scorecards = scorecardService(ctx);
  const tags = ['scorecards'];

  app.get(
    '/api/v1/scorecards',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List scorecards you may see, or with owed=me what you still owe',
        querystring: scorecardListQuery,
        response: { 200: scorecardPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.list(actor.organisationId, request.query, actor);
    },
  );

  app.post(
    '/api/v1/scorecards',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Open your scorecard for an interview (created as a draft, or the existing one)',
        body: scorecardCreateSchema,
        response: { 200: scorecardSchema, 201: scorecardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { scorecard, created } = await scorecards.open(
        actor.organisationId,
        request.body.interviewId,
        actor,
      );
      return reply.code(created ? 201 : 200).send(scorecard);
    },
  );

  app.get(
    '/api/v1/scorecards/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read a scorecard with its level descriptors and interview kit',
        params: idParams,
        response: { 200: scorecardDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.get(actor.organisationId, request.params.id, actor);
    },
  );

  app.put(
    '/api/v1/scorecards/:id',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Save the draft (the whole content; idempotent, for saving as you type)',
        params: idParams,
        body: scorecardContentSchema,
        response: { 200: scorecardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.saveDraft(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.post(
    '/api/v1/scorecards/:id/submit',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary:
          'Submit the draft: every criterion rated, evidence for 1s and 4s, a recommendation; then locked',
        params: idParams,
        response: { 200: scorecardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.submit(actor.organisationId, request.params.id, actor);
    },
  );

  app.post(
    '/api/v1/scorecards/:id/amend',
    {
      config: { access: { roles: everyMember, sessionOnly: true } },
      schema: {
        tags,
        summary: 'Amend a submitted scorecard (its author or an admin), recorded in the audit trail',
        params: idParams,
        body: scorecardAmendSchema,
        response: { 200: scorecardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.amend(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.get(
    '/api/v1/roles/:id/scorecard-completion',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: "The share of a role's due scorecards that have been submitted (benchmark 90%)",
        params: idParams,
        response: { 200: scorecardCompletionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.completion(actor.organisationId, request.params.id, actor);
    },
  );

  app.get(
    '/api/v1/applications/:id/summary',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary:
          "The application's assessment: per criterion ratings, evidence, gaps; overall score; no private notes",
        params: idParams,
        response: { 200: applicationSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return scorecards.summary(actor.organisationId, request.params.id, actor);
    },
  );
}
