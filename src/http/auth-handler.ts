import type { AppContext } from '../app-context.ts';
import { headersOf } from './actor.ts';
import type { ErrorBody } from './errors.ts';
import { keyedLimit, rateLimits } from './rate-limits.ts';
import type { ApiApp } from './types.ts';

// Only these better-auth endpoints are public: members, invitations and organisations go through
// our own API, which keeps the last-admin guard, hashed invitation tokens and the audit trail.
const allowedAuthPaths = new Set([
  'sign-in/email',
  'sign-out',
  'get-session',
  'change-password',
  'list-sessions',
  'revoke-session',
  'revoke-other-sessions',
]);

/** Passes /api/auth/* (sign in, sign out, session) to better-auth's fetch handler. */
export function authHandlerRoutes(app: ApiApp, ctx: AppContext): void {
  // Password guessing against one account from many addresses is limited by the email too.
  const perEmail = keyedLimit(app, 'sign-in', rateLimits.signInPerEmail, (request) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return request.url.startsWith('/api/auth/sign-in') && typeof email === 'string'
      ? email.trim().toLowerCase()
      : undefined;
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    config: { rateLimit: rateLimits.signInPerAddress },
    preHandler: perEmail,
    async handler(request, reply) {
      const url = new URL(request.url, ctx.config.publicUrl);
      const endpoint = url.pathname.replace(/^\/api\/auth\//, '').replace(/\/$/, '');
      if (!allowedAuthPaths.has(endpoint)) {
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message: `No route for ${request.method} ${url.pathname}` } });
      }
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
      const text = response.body ? await response.text() : null;
      if (response.status >= 400) return reply.send(inOurShape(response.status, text));
      return reply.send(text);
    },
  });
}

/** better-auth answers `{ code, message }`; the API's clients read one shape everywhere. */
export function inOurShape(status: number, text: string | null): ErrorBody {
  let parsed: { code?: unknown; message?: unknown } = {};
  try {
    parsed = text ? (JSON.parse(text) as typeof parsed) : {};
  } catch {
    // Not JSON: keep the status and say so plainly.
  }
  const reason = typeof parsed.code === 'string' ? parsed.code : '';
  const message =
    typeof parsed.message === 'string' && parsed.message ? parsed.message : 'The request was refused';
  if (status === 401) return { error: { code: 'unauthenticated', message } };
  if (status === 403) return { error: { code: 'forbidden', message } };
  if (status === 429)
    return { error: { code: 'rate_limited', message: 'Too many attempts: wait a while and try again' } };
  if (status === 404) return { error: { code: 'not_found', message } };
  const field = /EMAIL/.test(reason) ? 'email' : /PASSWORD/.test(reason) ? 'password' : 'body';
  return { error: { code: 'validation_failed', message: `${field}: ${message}`, field } };
}
