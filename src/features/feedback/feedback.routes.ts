import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canManageHiring } from '../../http/actor.ts';
import { keyedLimit, rateLimits } from '../../http/rate-limits.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { errorSchema } from '../common.schema.ts';
import {
  feedbackApproveRequestSchema,
  feedbackCheckRequestSchema,
  feedbackCheckSchema,
  feedbackDraftRequestSchema,
  feedbackEditRequestSchema,
  feedbackPreviewRequestSchema,
  feedbackPreviewSchema,
  feedbackViewSchema,
  trainingListSchema,
  trainingQuerySchema,
} from './feedback.schema.ts';
import { feedbackService } from './feedback.service.ts';

export function feedbackRoutes(app: ApiApp, ctx: AppContext): void {
  const feedback = feedbackService(ctx);
  const tags = ['feedback'];
  // An API key or member behind many addresses is still one caller.
  const perCaller = keyedLimit(app, 'feedback-check', rateLimits.feedbackCheckPerCaller, (request) => {
    const actor = request.actor;
    if (!actor) return undefined;
    return actor.kind === 'member' ? `member:${actor.userId}` : `api-key:${actor.apiKeyId}`;
  });

  app.post(
    '/api/v1/feedback/check',
    {
      config: { access: { roles: anyMember }, rateLimit: rateLimits.feedbackCheckPerAddress },
      preHandler: perCaller,
      schema: {
        tags,
        summary: 'Check candidate feedback before it is sent',
        description:
          'Finds vague phrases, a missing strength, development area or next step, language touching a protected characteristic (Equality Act 2010), private notes or interviewer names leaked into the text, tone and length. Each finding has character offsets into `text`. With `applicationId`, the text is checked against that application’s interviewers and their scorecards’ private notes. Nothing is stored.',
        body: feedbackCheckRequestSchema,
        response: { 200: feedbackCheckSchema, ...errorResponses, 429: errorSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.check(actor.organisationId, request.body);
    },
  );

  app.post(
    '/api/v1/applications/:id/feedback/draft',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: "Compose feedback from the application's submitted scorecards and save it as the draft",
        description:
          'Strengths (the highest-rated criteria, with the panel’s evidence written to the candidate), development areas (below the required level or lowest-rated) with training from the framework’s catalogue, and encouragement matched to how close the candidate came. Replaces an unapproved draft; approved feedback only with `recompose: true`. 409 when no scorecard is submitted yet. The preview is the email exactly as the candidate would receive it.',
        params: idParams,
        body: feedbackDraftRequestSchema,
        response: { 200: feedbackViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.draft(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.get(
    '/api/v1/applications/:id/feedback',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: "The application's feedback (draft or approved), its check and the email preview",
        params: idParams,
        response: { 200: feedbackViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.get(actor.organisationId, request.params.id);
    },
  );

  app.put(
    '/api/v1/applications/:id/feedback',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Save an edited feedback text: checked again, and a draft again',
        description:
          'The text keeps the email’s shape: "## What went well" and "## Where to develop next" with one point per criterion ("- **Criterion:** …", each development point ending "A good next step: …"), then the closing paragraph. 400 names what to fix otherwise.',
        params: idParams,
        body: feedbackEditRequestSchema,
        response: { 200: feedbackViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.edit(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.post(
    '/api/v1/applications/:id/feedback/preview',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'The email an edited, unsaved feedback text would send',
        description:
          'The text is read as `PUT …/feedback` reads it (400 names what to fix) and rendered with the organisation’s current not_progressing template, exactly as the candidate would receive it. Nothing is stored.',
        params: idParams,
        body: feedbackPreviewRequestSchema,
        response: { 200: feedbackPreviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.previewText(actor.organisationId, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/applications/:id/feedback/approve',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Approve the feedback for sending',
        description:
          'The check must pass on the current text; if it fails, an `overrideReason` of at least 20 characters approves it anyway and is written to the audit trail (`feedback.override_approved`, with the failing finding kinds). Without a reason a failing check is a 409 listing the findings.',
        params: idParams,
        body: feedbackApproveRequestSchema,
        response: { 200: feedbackViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.approve(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.get(
    '/api/v1/training',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Training catalogue entries, for the feedback training picker',
        description:
          "From the framework of `roleId` (or of `applicationId`'s role), else the built-in AV technician framework. With `level`, the entries that suit a candidate at that level, as the composer picks them (4 gives the training to go further).",
        querystring: trainingQuerySchema,
        response: { 200: trainingListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return feedback.training(actor.organisationId, request.query);
    },
  );
}
