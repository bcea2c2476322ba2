import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import {
  referralAskSettingsSchema,
  referralAskSettingsUpdate,
  referralLinkPageSchema,
  referralLinkQuery,
  referralListQuery,
  referralPageSchema,
  referrerListSchema,
} from './referrals.schema.ts';
import { referralService } from './referrals.service.ts';

// The hiring team's view of referrals from candidates. The candidate-facing pages (the referrer's
// links on their page, the colleague's /r/{code}) are in src/portal/referral-pages.ts.
export function referralRoutes(app: ApiApp, ctx: AppContext): void {
  const referrals = referralService(ctx);
  const tags = ['referrals'];

  app.get(
    '/api/v1/referrals',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'List referrals',
        description:
          'Colleagues who came forward through a candidate’s referral link, newest first, with who referred them and where they are: joined network, applied, interviewed, hired or not progressing. The same colleague through two links is two referrals.',
        querystring: referralListQuery,
        response: { 200: referralPageSchema, ...errorResponses },
      },
    },
    async (request) => referrals.list(actorOf(request).organisationId, request.query),
  );

  app.get(
    '/api/v1/referrals/referrers',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Who brings candidates',
        description:
          'Per referrer: links made, times opened, colleagues who joined the network, expressed interest and were hired.',
        response: { 200: referrerListSchema, ...errorResponses },
      },
    },
    async (request) => referrals.referrers(actorOf(request).organisationId),
  );

  app.get(
    '/api/v1/referrals/links',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Referral links and what became of them',
        description:
          'Each referral link, newest first: whether it is still working, how often it was opened (a count and the first and last time; nothing about who opened it is recorded), who came forward through it and where they are now, and a timeline.',
        querystring: referralLinkQuery,
        response: { 200: referralLinkPageSchema, ...errorResponses },
      },
    },
    async (request) => referrals.links(actorOf(request).organisationId, request.query),
  );

  app.get(
    '/api/v1/referrals/ask-settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Which emails end with the referral ask',
        description:
          'The not-progressing, offer and talent-network emails to candidates end with one short line pointing to the “Recommend a colleague” section of the candidate’s page. On for every template unless turned off.',
        response: { 200: referralAskSettingsSchema, ...errorResponses },
      },
    },
    async (request) => referrals.askSettings(actorOf(request).organisationId),
  );

  app.patch(
    '/api/v1/referrals/ask-settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Turn the referral ask on or off per template',
        description:
          'Applies to emails written from now on; emails already in the outbox keep what they say.',
        body: referralAskSettingsUpdate,
        response: { 200: referralAskSettingsSchema, ...errorResponses },
      },
    },
    async (request) => referrals.updateAskSettings(actorOf(request), request.body),
  );
}
