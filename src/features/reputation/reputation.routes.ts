import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister, canManageHiring } from '../../http/actor.ts';
import { rateLimits } from '../../http/rate-limits.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { badgeSvg, promisePage } from './promise-page.ts';
import {
  metricsQuery,
  metricsSchema,
  promisePreviewSchema,
  reputationSettingsSchema,
  reputationSettingsUpdate,
} from './reputation.schema.ts';
import { reputationService } from './reputation.service.ts';

const slugParams = z.object({ slug: z.string().min(1).max(100) });
const notFoundText = 'Not found';

export function reputationRoutes(app: ApiApp, ctx: AppContext): void {
  const reputation = reputationService(ctx);
  const tags = ['reputation'];

  app.get(
    '/api/v1/metrics',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary:
          'Reputation figures: time to tell, told on time, closures, survey (from 5 responses), by month',
        querystring: metricsQuery,
        response: { 200: metricsSchema, ...errorResponses },
      },
    },
    async (request) => reputation.metrics(actorOf(request).organisationId, request.query),
  );

  app.get(
    '/api/v1/reputation/settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'The experience survey delay and whether the public promise is published',
        response: { 200: reputationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => reputation.settings(actorOf(request).organisationId),
  );

  app.patch(
    '/api/v1/reputation/settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Change the survey delay (working days), publish or withdraw the public promise',
        body: reputationSettingsUpdate,
        response: { 200: reputationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => reputation.updateSettings(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/reputation/preview',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'What the public promise would say now (before or after publishing)',
        response: { 200: promisePreviewSchema, ...errorResponses },
      },
    },
    async (request) => reputation.preview(actorOf(request).organisationId),
  );

  app.get(
    '/p/:slug',
    {
      config: { rateLimit: rateLimits.portalPerAddress },
      schema: {
        tags,
        summary:
          'Public response promise (HTML, no JavaScript): 404 until published and 10 closures in 12 months',
        params: slugParams,
      },
    },
    async (request, reply) => {
      const promise = await reputation.publicPromise(request.params.slug);
      if (!promise) return reply.code(404).type('text/plain; charset=utf-8').send(notFoundText);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
        .header('cache-control', 'public, max-age=300')
        .send(promisePage(promise, ctx.config.publicUrl));
    },
  );

  app.get(
    '/p/:slug/badge.svg',
    {
      config: { rateLimit: rateLimits.portalPerAddress },
      schema: {
        tags,
        summary: 'The public promise as an SVG badge for job adverts; 404 until published',
        params: slugParams,
      },
    },
    async (request, reply) => {
      const promise = await reputation.publicPromise(request.params.slug);
      if (!promise) return reply.code(404).type('text/plain; charset=utf-8').send(notFoundText);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'public, max-age=300')
        .send(badgeSvg(promise));
    },
  );
}
