import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canAdminister, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { applicationSchema } from '../applications/applications.schema.ts';
import { applicationService } from '../applications/applications.service.ts';
import {
  decisionClockSettingsSchema,
  decisionClockSettingsUpdateSchema,
  holdingUpdateCreateSchema,
  holdingUpdateListSchema,
  holdingUpdateSchema,
  scorecardRemindersSchema,
} from './decision-clock.schema.ts';
import { decisionClockService } from './decision-clock.service.ts';
import { remindOwedScorecards } from './scorecard-reminders.ts';

export function decisionClockRoutes(app: ApiApp, ctx: AppContext): void {
  const clock = decisionClockService(ctx);
  const applications = applicationService(ctx);

  app.get(
    '/api/v1/settings/decision-clock',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags: ['settings'],
        summary: 'Decision deadlines: working days, closure days, automatic holding updates (admins)',
        response: { 200: decisionClockSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return clock.getSettings(actor.organisationId);
    },
  );

  app.patch(
    '/api/v1/settings/decision-clock',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags: ['settings'],
        summary: 'Change decision deadlines (admins); open deadlines are recomputed',
        body: decisionClockSettingsUpdateSchema,
        response: { 200: decisionClockSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return clock.updateSettings(actor.organisationId, request.body, actor);
    },
  );

  app.post(
    '/api/v1/applications/:id/holding-update',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary: 'Tell the candidate the decision will take longer, with a new date (moves the deadline)',
        params: idParams,
        body: holdingUpdateCreateSchema,
        response: {
          201: z.object({ holdingUpdate: holdingUpdateSchema, application: applicationSchema }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const holdingUpdate = await clock.sendHoldingUpdate(
        actor.organisationId,
        request.params.id,
        request.body,
        actor,
      );
      const application = await applications.get(actor.organisationId, request.params.id);
      return reply.code(201).send({ holdingUpdate, application });
    },
  );

  app.get(
    '/api/v1/applications/:id/holding-updates',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags: ['applications'],
        summary: 'The holding updates that moved the decision deadline, first first',
        params: idParams,
        response: { 200: holdingUpdateListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: await clock.listHoldingUpdates(actor.organisationId, request.params.id) };
    },
  );

  app.post(
    '/api/v1/applications/:id/scorecard-reminders',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['applications'],
        summary: 'Remind every interviewer who still owes a scorecard for the application (once a day each)',
        description:
          'Emails and notifies each interviewer of an ended interview whose scorecard is not submitted (see scorecardsOwed on the application). A second call the same day sends nothing new and says so (alreadyRemindedToday). 409 when every scorecard is in or there is an outcome.',
        params: idParams,
        response: { 200: scorecardRemindersSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return remindOwedScorecards(ctx, actor.organisationId, request.params.id, actor);
    },
  );
}
