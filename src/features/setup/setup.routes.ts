import type { AppContext } from '../../app-context.ts';
import { rateLimits } from '../../http/rate-limits.ts';
import { signInAndSetCookies } from '../../http/session.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { setupRequestSchema, setupResultSchema, setupStatusSchema } from './setup.schema.ts';
import { setupService } from './setup.service.ts';

export function setupRoutes(app: ApiApp, ctx: AppContext): void {
  const setup = setupService(ctx);
  const tags = ['setup'];

  app.get(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Whether this installation still needs its first organisation',
        response: { 200: setupStatusSchema },
      },
    },
    async () => ({ required: await setup.isRequired() }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public', rateLimit: rateLimits.setupPerAddress },
      schema: {
        tags,
        summary: 'Create the first organisation, venue and admin, and sign the admin in',
        body: setupRequestSchema,
        response: { 201: setupResultSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await setup.complete(request.body);
      await signInAndSetCookies(ctx, reply, request.body.admin.email, request.body.admin.password);
      return reply.code(201).send(result);
    },
  );
}
