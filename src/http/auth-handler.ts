import type { AppContext } from '../app-context.ts';
import { headersOf } from './actor.ts';
import type { ApiApp } from './types.ts';

/** Passes /api/auth/* (sign in, sign out, session) to better-auth's fetch handler. */
export function authHandlerRoutes(app: ApiApp, ctx: AppContext): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    async handler(request, reply) {
      const url = new URL(request.url, ctx.config.publicUrl);
      const body =
        request.method === 'GET' || request.body === undefined ? undefined : JSON.stringify(request.body);
      const headers = headersOf(request);
      headers.delete('content-length');
      const response = await ctx.auth.handler(new Request(url, { method: request.method, headers, body }));
      reply.status(response.status);
      for (const [key, value] of response.headers) {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.send(response.body ? await response.text() : null);
    },
  });
}
