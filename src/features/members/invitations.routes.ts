import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { memberOf } from '../../http/access.ts';
import { canAdminister } from '../../http/actor.ts';
import { hashedKey, keyedLimit, rateLimits } from '../../http/rate-limits.ts';
import { signInAndSetCookies } from '../../http/session.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { errorSchema } from '../common.schema.ts';
import {
  invitationAcceptedSchema,
  invitationAcceptSchema,
  invitationCreatedSchema,
  invitationCreateSchema,
  invitationListSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenParams,
} from './invitations.schema.ts';
import { invitationService } from './invitations.service.ts';

/** The link's owner is not signed in: these two routes are public, so they are rate-limited. */
const publicRateLimit = { rateLimit: rateLimits.invitationLinkPerAddress };

const publicErrors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema } as const;

/** Invitations are a signed-in admin's act: an API key cannot invite people into the organisation. */
const invitingAdmin = { access: { roles: canAdminister, sessionOnly: true } } as const;

function setCookiesOf(reply: FastifyReply): string[] {
  const value = reply.getHeader('set-cookie');
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** Later cookies replace earlier ones of the same name. */
function mergeCookies(first: string[], then: string[]): string[] {
  const byName = new Map<string, string>();
  for (const c of [...first, ...then]) byName.set(c.slice(0, c.indexOf('=')), c);
  return [...byName.values()];
}

export function invitationRoutes(app: ApiApp, ctx: AppContext): void {
  const invitations = invitationService(ctx);
  // Guessing a password for one invitation from many addresses is limited by the invitation too.
  const perToken = keyedLimit(app, 'invitation', rateLimits.invitationLinkPerToken, (request) => {
    const token =
      (request.params as { token?: unknown }).token ??
      (request.body as { token?: unknown } | undefined)?.token;
    return typeof token === 'string' ? hashedKey('invitation', token) : undefined;
  });
  const tags = ['members'];

  /** Makes the invited organisation the session's active one (a person may belong to several). */
  async function activateOrganisation(reply: FastifyReply, organisationId: string): Promise<void> {
    const cookies = setCookiesOf(reply);
    if (cookies.length === 0) return;
    const response = await ctx.auth.api.setActiveOrganization({
      headers: new Headers({ cookie: cookies.map((c) => c.split(';')[0]).join('; ') }),
      body: { organizationId: organisationId },
      asResponse: true,
    });
    if (!response.ok) {
      reply.log.warn({ status: response.status }, 'could not make the invited organisation active');
      return;
    }
    const updated = response.headers.getSetCookie();
    if (updated.length > 0) reply.header('set-cookie', mergeCookies(cookies, updated));
  }

  app.get(
    '/api/v1/invitations',
    {
      config: invitingAdmin,
      schema: {
        tags,
        summary: 'List pending invitations (admins)',
        response: { 200: invitationListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return { data: await invitations.listPending(actor.organisationId) };
    },
  );

  app.post(
    '/api/v1/invitations',
    {
      config: invitingAdmin,
      schema: {
        tags,
        summary: 'Invite a person by email (admins); the link is shown once',
        description:
          'Replaces a pending invitation for the same email. The link expires after 7 days; only a hash of its secret is stored.',
        body: invitationCreateSchema,
        response: { 201: invitationCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      return reply.code(201).send(await invitations.create(actor, request.body));
    },
  );

  app.post(
    '/api/v1/invitations/:id/cancel',
    {
      config: invitingAdmin,
      schema: {
        tags,
        summary: 'Cancel a pending invitation (admins)',
        params: idParams,
        response: { 200: invitationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return invitations.cancel(actor.organisationId, request.params.id, actor);
    },
  );

  app.get(
    '/api/v1/invitations/by-token/:token',
    {
      config: { access: 'public', ...publicRateLimit },
      preHandler: perToken,
      schema: {
        tags,
        summary: 'What an invitation link is for (public: the token is the secret from the link)',
        params: invitationTokenParams,
        response: { 200: invitationPreviewSchema, ...publicErrors },
      },
    },
    async (request) => invitations.preview(request.params.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { access: 'public', ...publicRateLimit },
      preHandler: perToken,
      schema: {
        tags,
        summary: 'Accept an invitation and sign in (public: the token is the secret from the link)',
        description:
          'Creates the account, or for an email that already has one, needs that account’s password. Refused with 409 when the invitation has expired, was cancelled or was already used.',
        body: invitationAcceptSchema,
        response: { 201: invitationAcceptedSchema, ...publicErrors },
      },
    },
    async (request, reply) => {
      const result = await invitations.accept(request.body);
      if (result.sessionCookies) reply.header('set-cookie', result.sessionCookies);
      else await signInAndSetCookies(ctx, reply, result.email, request.body.password);
      await activateOrganisation(reply, result.organisation.id);
      return reply.code(201).send({ organisation: result.organisation, role: result.role });
    },
  );
}
