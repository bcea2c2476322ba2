import type { AppContext } from '../../src/app-context.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { buildServer } from '../../src/server.ts';

/** The real Fastify app on the test's database, driven with `inject` (no socket). */
export async function buildTestApp(ctx: AppContext, options: { rateLimits?: boolean } = {}): Promise<ApiApp> {
  // Tests make hundreds of requests from one address; the rate-limit tests turn limits on.
  const app = await buildServer(ctx, { logger: false, rateLimits: options.rateLimits ?? false });
  await app.ready();
  return app;
}
