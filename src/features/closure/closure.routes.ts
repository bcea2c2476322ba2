import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { applicationSchema } from '../applications/applications.schema.ts';
import { jobSchema } from '../jobs/jobs.schema.ts';
import { startCompose, startSend } from './close-the-rest-job.ts';
import {
  approveManyRequestSchema,
  approveManyResultSchema,
  composeRequestSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  feedbackCallInvitedSchema,
  feedbackCallInviteSchema,
  queueItemParams,
  queueItemPatchSchema,
  queueItemSchema,
  queueSchema,
  reportQuerySchema,
  reportSchema,
  screeningReasonsSchema,
  sendAgainRequestSchema,
  sendRequestSchema,
  sendResultSchema,
  timelineSchema,
  toldRequestSchema,
} from './closure.schema.ts';
import { closureService, reportCsv } from './closure.service.ts';
import { inviteToFeedbackCall } from './feedback-call.ts';
import { screeningReasonsOf } from './screening.ts';

export function closureRoutes(app: ApiApp, ctx: AppContext): void {
  const closure = closureService(ctx);

  app.post(
    '/api/v1/applications/:id/decision',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary:
          'Record the decision (offer, hired, offer declined, not progressing, withdrawn) with its email',
        params: idParams,
        body: decisionRequestSchema,
        response: { 200: decisionResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return closure.decide(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.post(
    '/api/v1/applications/:id/decision/send-again',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary: 'Send the decision email again after it was cancelled or failed (a fresh email)',
        description:
          'The cancelled or failed offer or not-progressing email is written again as it was, under a new idempotency key. To replace it with a different message instead, record the same decision again (e.g. not_progressing with other screening reasons, or after re-approving the feedback).',
        params: idParams,
        body: sendAgainRequestSchema,
        response: { 200: decisionResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return closure.sendAgain(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.post(
    '/api/v1/applications/:id/feedback-call',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary: 'Invite the candidate to a feedback call: an email with a calendar invitation, sent now',
        params: idParams,
        body: feedbackCallInviteSchema,
        response: { 201: feedbackCallInvitedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const invited = await inviteToFeedbackCall(
        ctx,
        actor.organisationId,
        request.params.id,
        request.body,
        actor,
      );
      return reply.code(201).send(invited);
    },
  );

  app.post(
    '/api/v1/applications/:id/told',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary: 'Log that the candidate was told the outcome by call or meeting; the application closes',
        params: idParams,
        body: toldRequestSchema,
        response: { 200: applicationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return closure.told(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.get(
    '/api/v1/roles/:id/screening-reasons',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary:
          'Ready-made candidate-facing reasons per criterion the role assesses, for turning a candidate down before an interview',
        description:
          "Built from the criteria of the role's framework version and the level the role needs of each. Use them as `screening.reasons` of a not-progressing decision (criterionKey, and optionally your own text).",
        params: idParams,
        response: { 200: screeningReasonsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return screeningReasonsOf(ctx.kysely, actor.organisationId, request.params.id);
    },
  );

  app.post(
    '/api/v1/roles/:id/close-the-rest',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary:
          'Compose what every open candidate of the role (or the selected ones) will receive into one review list',
        description:
          "Any stage: feedback drafted from the scorecards once an interview has been scored (approve it), a screening reason from the role's requirements before an interview (ready once its check passes; edit it with PATCH …/close-the-rest/{applicationId}), and for an interviewed candidate without scorecards the same reason, which needs a withoutScorecardsNote and approval (or chase the scorecards). Refused with 409 while the role has offers out and nobody hired, unless confirmOffersOut is true. Then approve (POST …/close-the-rest/approve) and send (POST …/close-the-rest/send). More than 25 applications (or `background: true`) compose as a background job: the answer is then 202 with the job; poll GET /api/v1/jobs/{id} for its progress and read the list with GET …/close-the-rest once it has succeeded.",
        params: idParams,
        body: composeRequestSchema,
        response: { 200: queueSchema, 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const started = await startCompose(ctx, actor.organisationId, request.params.id, request.body, actor);
      if ('job' in started) return reply.code(202).send(started.job);
      return { queue: started.inline };
    },
  );

  app.patch(
    '/api/v1/roles/:id/close-the-rest/:applicationId',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary:
          'Edit a screening item of the review list in place: its reasons, note, or why without scorecards',
        description:
          'The message is checked again and any approval is cleared. Feedback items are edited through the feedback (PUT /api/v1/applications/{id}/feedback).',
        params: queueItemParams,
        body: queueItemPatchSchema,
        response: { 200: queueItemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return closure.editItem(
        actor.organisationId,
        request.params.id,
        request.params.applicationId,
        request.body,
        actor,
      );
    },
  );

  app.post(
    '/api/v1/roles/:id/close-the-rest/approve',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary: 'Approve many items of the review list at once',
        description:
          'Feedback drafts are approved as POST /api/v1/applications/{id}/feedback/approve does (a draft failing its check is refused; approve it there with an override reason). Screening items are approved when their check passes (and, without scorecards, once the note is given). Each result says approved or refused with the reason.',
        params: idParams,
        body: approveManyRequestSchema,
        response: { 200: approveManyResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return closure.approveMany(actor.organisationId, request.params.id, request.body.applicationIds, actor);
    },
  );

  app.get(
    '/api/v1/roles/:id/close-the-rest',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary: "The role's close-the-rest review queue",
        params: idParams,
        response: { 200: queueSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { queue: await closure.queue(actor.organisationId, request.params.id) };
    },
  );

  app.post(
    '/api/v1/roles/:id/close-the-rest/send',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary:
          'Send "not progressing" to everyone ready in the review list (approved feedback, checked screening reasons)',
        description:
          'Each ready application gets its decision and its email in one transaction. More than 25 items (or `background: true`) are sent by a background job: the answer is then 202 with the job; poll GET /api/v1/jobs/{id}, whose result once succeeded is { roleId, results } as the 200 answer.',
        params: idParams,
        body: sendRequestSchema,
        response: { 200: sendResultSchema, 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const started = await startSend(ctx, actor.organisationId, request.params.id, request.body, actor);
      if ('job' in started) return reply.code(202).send(started.job);
      return started.inline;
    },
  );

  app.get(
    '/api/v1/roles/:id/closure-report',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['roles'],
        summary: 'Each candidate: outcome, how and when told, working days to told (JSON, or CSV)',
        params: idParams,
        querystring: reportQuerySchema,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const report = await closure.report(actor.organisationId, request.params.id);
      const wantsCsv =
        request.query.format === 'csv' ||
        (request.query.format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
      if (!wantsCsv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="closure-report-${request.params.id}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(reportCsv(report) as never);
    },
  );

  app.get(
    '/api/v1/candidates/:id/timeline',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['candidates'],
        summary: "The candidate's touchpoints in time order",
        params: idParams,
        response: { 200: timelineSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const events = await closure.timeline(actor.organisationId, request.params.id);
      return { candidateId: request.params.id, events };
    },
  );
}
