// One-click unsubscribe from talent-network emails (RFC 8058): every new-opportunity, invitation and
// re-consent email carries `List-Unsubscribe: <…/c/unsubscribe/<token>>` with
// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. A mail client POSTs to it with no cookie and no
// page; a person opening it sees a page with one button (a GET never unsubscribes, so link scanners
// cannot). Only the token's SHA-256 is stored; the route is rate limited by address and by token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { hashedKey, keyedLimit, rateLimits } from '../../http/rate-limits.ts';
import type { ApiApp } from '../../http/types.ts';
import { html } from '../../portal/html.ts';
import { layout, neutralNotFoundPage, simplePage } from '../../portal/pages.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as repo from './network.repository.ts';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function send(reply: FastifyReply, status: number, page: string) {
  return reply
    .status(status)
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'same-origin')
    .type('text/html; charset=utf-8')
    .send(page);
}

export function unsubscribeRoutes(app: ApiApp, ctx: AppContext): void {
  app.register(async (scope: FastifyInstance) => unsubscribePlugin(scope, ctx));
}

async function unsubscribePlugin(scope: FastifyInstance, ctx: AppContext) {
  const rateLimit = rateLimits.unsubscribePerAddress;
  scope.addHook(
    'preHandler',
    keyedLimit(scope, 'unsubscribe-token', rateLimits.unsubscribePerToken, (request) => {
      const token = (request.params as { token?: unknown } | undefined)?.token;
      return typeof token === 'string' ? hashedKey('unsubscribe', token) : undefined;
    }),
  );
  // RFC 8058 clients post `List-Unsubscribe=One-Click` as a form; nothing in it is needed.
  scope.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4 * 1024 },
    (_request, _body, done) => done(null, {}),
  );

  async function tokenOf(token: string) {
    if (!tokenPattern.test(token)) return undefined;
    return repo.findUnsubscribeToken(ctx.kysely, token);
  }

  scope.get('/c/unsubscribe/:token', { config: { rateLimit } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await tokenOf(token))) return send(reply, 404, neutralNotFoundPage());
    return send(
      reply,
      200,
      layout(
        'Unsubscribe',
        null,
        html`<h1>Stop talent-network emails?</h1>
<p>We'll stop sending you new roles and other talent-network emails. You can still apply for any role, and you can join again from your personal page.</p>
<form method="post" action="/c/unsubscribe/${token}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
      ),
    );
  });

  scope.post('/c/unsubscribe/:token', { config: { rateLimit } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await tokenOf(token);
    if (!found) return send(reply, 404, neutralNotFoundPage());
    const now = ctx.now();
    await ctx.kysely.transaction().execute(async (tx) => {
      await repo.markUnsubscribeTokenUsed(tx, found.id, now);
      if (!(await repo.setUnsubscribed(tx, found.organisation_id, found.candidate_id, true, now))) return;
      await repo.insertHistory(
        tx,
        found.organisation_id,
        found.candidate_id,
        { kind: 'unsubscribed', summary: 'Unsubscribed from talent-network emails (one click)' },
        now,
      );
      await recordAudit(
        tx,
        found.organisation_id,
        'system',
        {
          action: 'network.unsubscribed',
          subjectType: 'candidate',
          subjectId: found.candidate_id,
          detail: { via: 'one_click' },
        },
        now,
      );
    });
    return send(
      reply,
      200,
      simplePage(
        "You're unsubscribed",
        "We won't send you talent-network emails any more. To change your preferences or leave the network, open your personal page from any of our emails.",
      ),
    );
  });
}
